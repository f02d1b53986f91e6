using AegisGate.Compliance;
using AegisGate.Detection;
using AegisGate.Mcp.Stdio;
using AegisGate.Mcp.Tools;
using AegisGate.TestUtilities;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace AegisGate.Mcp.Tests.Compliance;

/// <summary>The MCP pillar's compliance evidence follows its live configuration and registrations.</summary>
[CancelAfter(30_000)]
public sealed class McpEvidenceProviderTests
{
    private static readonly string[] McpIds =
    [
        ComplianceEvidenceIds.McpToolAuthorization,
        ComplianceEvidenceIds.McpOutputScanning,
        ComplianceEvidenceIds.McpSupplyChain,
        ComplianceEvidenceIds.McpOriginAllowlist,
    ];

    private TempDirectory _data = null!;

    [SetUp]
    public void SetUp() => _data = new TempDirectory();

    [TearDown]
    public void TearDown() => _data.Dispose();

    private sealed class CustomAuthorizer : IMcpToolAuthorizer
    {
        public SecurityDecision Authorize(System.Security.Claims.ClaimsPrincipal principal, McpToolDefinition tool) => SecurityDecision.Allow();
    }

    /// <summary>Evaluates a framework with one control per MCP evidence id.</summary>
    private async Task<Dictionary<string, ComplianceEvidence>> CollectAsync(
        Action<AegisMcpOptions>? configure = null,
        bool guardrails = true,
        bool useAegisMcp = true,
        bool scanner = true,
        Action<IServiceCollection>? more = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddAegisGate(o => o.DataDirectory = _data.Path)
            .AddAegisMcp(o =>
            {
                o.Authorization.Roles["operator"] = McpToolRisk.High;
                o.SupplyChain.LockFile = "mcp-tools.lock.json";
                configure?.Invoke(o);
            })
            .AddAegisCompliance()
            .AddComplianceFramework(new ComplianceFramework
            {
                Id = "mcp-pillar-test",
                Name = "MCP pillar evidence",
                Version = "1",
                Controls = [.. McpIds.Select(id => new ComplianceControl { Id = id, Title = id, Evidence = [id] })],
            });
        if (guardrails)
        {
            services.AddMcpServer().AddAegisGuardrails();
        }

        if (scanner)
        {
            services.AddSingleton(new Mock<IContentScanner>().Object);
        }

        more?.Invoke(services);
        await using var provider = services.BuildServiceProvider();
        if (useAegisMcp)
        {
            new ApplicationBuilder(provider).UseAegisMcp(o => o.Path = "/mcp");
        }

        var report = await provider.GetRequiredService<ComplianceEvaluator>().EvaluateAsync("mcp-pillar-test");
        Assert.That(report.ProviderErrors, Has.None.Contains("'mcp'"));
        return report.Controls.SelectMany(c => c.Evidence).Where(e => e.Source == "mcp").ToDictionary(e => e.Id);
    }

    [Test]
    public async Task Collect_GuardedAndConfigured_SatisfiesEveryMcpId()
    {
        var evidence = await CollectAsync();

        Assert.That(evidence.Keys, Is.EquivalentTo(McpIds));
        Assert.That(evidence.Values, Has.All.Matches<ComplianceEvidence>(e => e.Satisfied), string.Join("\n", evidence.Values.Select(e => $"{e.Id}: {e.Detail}")));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(evidence[ComplianceEvidenceIds.McpToolAuthorization].Detail, Does.Contain("risk matrix (1 role grant(s)").And.Contain("AddAegisGuardrails()"));
            Assert.That(evidence[ComplianceEvidenceIds.McpOutputScanning].Detail, Does.Contain("injection blocked"));
            Assert.That(evidence[ComplianceEvidenceIds.McpSupplyChain].Detail, Does.Contain("persisted to mcp-tools.lock.json"));
            Assert.That(evidence[ComplianceEvidenceIds.McpOriginAllowlist].Detail, Does.Contain("UseAegisMcp() at /mcp").And.Contain("browser requests are denied"));
        }
    }

    [Test]
    public async Task Collect_NoGuardrails_MessagePolicyEvidenceFails()
    {
        var evidence = await CollectAsync(guardrails: false, useAegisMcp: false);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(evidence[ComplianceEvidenceIds.McpToolAuthorization].Satisfied, Is.False);
            Assert.That(evidence[ComplianceEvidenceIds.McpToolAuthorization].Detail, Does.Contain("neither AddAegisGuardrails() nor UseAegisMcp() in Full mode"));
            Assert.That(evidence[ComplianceEvidenceIds.McpOutputScanning].Satisfied, Is.False);
            Assert.That(evidence[ComplianceEvidenceIds.McpSupplyChain].Satisfied, Is.False);
            Assert.That(evidence[ComplianceEvidenceIds.McpOriginAllowlist].Satisfied, Is.False);
        }
    }

    [Test]
    public async Task Collect_UseAegisMcpFullModeWithoutSdkFilters_GuardsTheMessages()
    {
        var evidence = await CollectAsync(guardrails: false);

        Assert.That(evidence[ComplianceEvidenceIds.McpToolAuthorization].Satisfied, Is.True);
        Assert.That(evidence[ComplianceEvidenceIds.McpToolAuthorization].Detail, Does.Contain("UseAegisMcp() in Full mode at /mcp"));
    }

    [Test]
    public async Task Collect_EmptyRiskMatrix_IsNoAuthorizer()
    {
        var evidence = await CollectAsync(o => o.Authorization.Roles.Clear());

        Assert.That(evidence[ComplianceEvidenceIds.McpToolAuthorization].Satisfied, Is.False);
        Assert.That(evidence[ComplianceEvidenceIds.McpToolAuthorization].Detail, Does.Contain("grants nothing"));
    }

    [Test]
    public async Task Collect_CustomAuthorizer_IsConfigured()
    {
        var evidence = await CollectAsync(o => o.Authorization.Roles.Clear(), more: static s => s.AddSingleton<IMcpToolAuthorizer, CustomAuthorizer>());

        Assert.That(evidence[ComplianceEvidenceIds.McpToolAuthorization].Satisfied, Is.True);
        Assert.That(evidence[ComplianceEvidenceIds.McpToolAuthorization].Detail, Does.Contain("CustomAuthorizer"));
    }

    [Test]
    public async Task Collect_NoScanner_OutputIsNotScanned()
    {
        var evidence = await CollectAsync(scanner: false);

        Assert.That(evidence[ComplianceEvidenceIds.McpOutputScanning].Satisfied, Is.False);
        Assert.That(evidence[ComplianceEvidenceIds.McpOutputScanning].Detail, Does.Contain("No content scanner"));
    }

    [Test]
    public async Task Collect_PinsInMemoryOnly_SupplyChainFails()
    {
        var evidence = await CollectAsync(static o => o.SupplyChain.LockFile = null);

        Assert.That(evidence[ComplianceEvidenceIds.McpSupplyChain].Satisfied, Is.False);
        Assert.That(evidence[ComplianceEvidenceIds.McpSupplyChain].Detail, Does.Contain("in memory only"));
    }

    [Test]
    public async Task Collect_DescriptionScanningOff_SupplyChainFails()
    {
        var evidence = await CollectAsync(static o => o.SupplyChain.ScanDescriptions = false);

        Assert.That(evidence[ComplianceEvidenceIds.McpSupplyChain].Satisfied, Is.False);
    }

    [Test]
    public async Task Collect_StdioServerWithoutHash_SupplyChainFails()
    {
        var evidence = await CollectAsync(static o => o.Stdio.Servers["tools"] = new StdioServerDefinition { Command = "/usr/bin/env" });

        Assert.That(evidence[ComplianceEvidenceIds.McpSupplyChain].Satisfied, Is.False);
        Assert.That(evidence[ComplianceEvidenceIds.McpSupplyChain].Detail, Does.Contain("tools"));
    }

    [TestCase("http://app.example.com", false)]
    [TestCase("https://app.example.com", true)]
    [TestCase("http://localhost:5173", true)]
    [TestCase("http://127.0.0.1:5173", true)]
    public async Task Collect_AllowedOrigins_PlainHttpOutsideLoopbackFails(string origin, bool satisfied)
    {
        var evidence = await CollectAsync(o => o.Http.AllowedOrigins.Add(origin));

        Assert.That(evidence[ComplianceEvidenceIds.McpOriginAllowlist].Satisfied, Is.EqualTo(satisfied), evidence[ComplianceEvidenceIds.McpOriginAllowlist].Detail);
        Assert.That(evidence[ComplianceEvidenceIds.McpOriginAllowlist].Detail, Does.Contain(origin));
    }

    [Test]
    public async Task Collect_SdkFiltersWithoutUseAegisMcp_OriginIsNotChecked()
    {
        var evidence = await CollectAsync(useAegisMcp: false);

        Assert.That(evidence[ComplianceEvidenceIds.McpOriginAllowlist].Satisfied, Is.False);
        Assert.That(evidence[ComplianceEvidenceIds.McpToolAuthorization].Satisfied, Is.True);
    }
}
