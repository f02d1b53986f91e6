using AegisGate.Mcp.Tools;
using static AegisGate.Mcp.Tests.McpTestData;

namespace AegisGate.Mcp.Tests.Tools;

public sealed class RiskMatrixToolAuthorizerTests
{
    [TestCase(true, false, false, McpToolRisk.Low)]
    [TestCase(false, false, false, McpToolRisk.Medium)]
    [TestCase(false, false, true, McpToolRisk.High)]
    [TestCase(false, true, false, McpToolRisk.Critical)]
    [TestCase(true, true, true, McpToolRisk.High)]
    public void RiskOf_TrustedAnnotations_MapsToRisk(bool readOnly, bool destructive, bool openWorld, McpToolRisk expected)
    {
        var risk = RiskMatrixToolAuthorizer.RiskOf(Tool(readOnly: readOnly, destructive: destructive, openWorld: openWorld), null, McpToolRisk.High);

        Assert.That(risk, Is.EqualTo(expected));
    }

    [Test]
    public void RiskOf_NoAnnotations_FollowsTheSpecDefaults_Critical()
    {
        var tool = new McpToolDefinition("s", System.Text.Json.JsonDocument.Parse("""{"name":"t","inputSchema":{"type":"object"}}""").RootElement, annotationsTrusted: true);

        Assert.That(RiskMatrixToolAuthorizer.RiskOf(tool, null, McpToolRisk.High), Is.EqualTo(McpToolRisk.Critical), "destructiveHint defaults to true");
    }

    [Test]
    public void RiskOf_UntrustedAnnotationsClaimingReadOnly_AreIgnored()
    {
        var risk = RiskMatrixToolAuthorizer.RiskOf(Tool(readOnly: true, trusted: false), null, McpToolRisk.High);

        Assert.That(risk, Is.EqualTo(McpToolRisk.High));
    }

    [Test]
    public void RiskOf_ConfiguredPolicy_OverridesAnnotations()
    {
        var risk = RiskMatrixToolAuthorizer.RiskOf(Tool(readOnly: true), new McpToolPolicy { Risk = McpToolRisk.Critical }, McpToolRisk.High);

        Assert.That(risk, Is.EqualTo(McpToolRisk.Critical));
    }

    [Test]
    public void Authorize_GrantIsTheHighestOfRolesAndAgent()
    {
        var authorizer = new RiskMatrixToolAuthorizer(Monitor(Defaults(o => o.Authorization.Principals["agent-7"] = McpToolRisk.High)));
        var openWorld = Tool(readOnly: true, openWorld: true);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(authorizer.Authorize(Principal("agent-7", "reader"), openWorld).IsAllowed, Is.True);
            Assert.That(authorizer.Authorize(Principal("agent-8", "reader"), openWorld).Code, Is.EqualTo(McpErrorCodes.ToolDenied));
            Assert.That(authorizer.Authorize(Principal("nobody"), Tool()).Code, Is.EqualTo(McpErrorCodes.ToolDenied), "no role, no grant");
        }
    }

    [Test]
    public void Authorize_RequiredRolesAndDisabled_AreEnforced()
    {
        var authorizer = new RiskMatrixToolAuthorizer(Monitor(Defaults(o =>
        {
            o.Authorization.Tools["lookup-order"] = new McpToolPolicy { RequiredRoles = { "finance" } };
            o.Authorization.Tools["off"] = new McpToolPolicy { Disabled = true };
        })));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(authorizer.Authorize(Principal("a", "admin"), Tool()).Code, Is.EqualTo(McpErrorCodes.ToolDenied));
            Assert.That(authorizer.Authorize(Principal("a", "admin", "finance"), Tool()).IsAllowed, Is.True);
            Assert.That(authorizer.Authorize(Principal("a", "admin"), Tool("off")).Code, Is.EqualTo(McpErrorCodes.ToolDenied));
        }
    }

    [Test]
    public void Authorize_EmptyMatrix_DeniesEveryToolAsNotConfigured()
    {
        var authorizer = new RiskMatrixToolAuthorizer(Monitor(new AegisMcpOptions()));

        Assert.That(authorizer.Authorize(Principal("root", "admin"), Tool()).Code, Is.EqualTo(McpErrorCodes.ToolAuthorizerMissing));
    }
}
