using System.Security.Claims;
using System.Security.Principal;
using System.Text;
using System.Text.Json;
using AegisGate.Mcp;
using AegisGate.Mcp.Tools;
using AegisGate.Pipeline;
using Microsoft.Extensions.Options;
using Moq;

namespace AegisGate.Mcp.Tests;

/// <summary>Builders for MCP guardrail tests.</summary>
internal static class McpTestData
{
    public const string LookupSchema = """{"type":"object","properties":{"orderId":{"type":"string","pattern":"^A-[0-9]+$"}},"required":["orderId"],"additionalProperties":false}""";

    public static ClaimsPrincipal Principal(string name, params string[] roles)
    {
        var identity = new ClaimsIdentity("test", ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, name));
        foreach (var role in roles)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role));
        }

        return new ClaimsPrincipal(identity);
    }

    /// <summary>A principal whose identity throws (or stalls) when asked whether it is authenticated.</summary>
    public static ClaimsPrincipal BrokenPrincipal(Action onAccess) => new FaultingPrincipal(Principal("broken", "admin"), onAccess);

    public static McpToolDefinition Tool(string name = "lookup-order", string schema = LookupSchema, bool readOnly = true, bool destructive = false, bool openWorld = false, bool trusted = true, string description = "Looks an order up.", string server = "test")
    {
        var json = "{\"name\":" + JsonSerializer.Serialize(name) + ",\"description\":" + JsonSerializer.Serialize(description) + ",\"inputSchema\":" + schema
            + ",\"annotations\":{\"readOnlyHint\":" + Bool(readOnly) + ",\"destructiveHint\":" + Bool(destructive) + ",\"openWorldHint\":" + Bool(openWorld) + "}}";
        return new McpToolDefinition(server, JsonDocument.Parse(json).RootElement, trusted);
    }

    public static McpMessage Message(string json)
    {
        Assert.That(McpMessage.TryParse(Encoding.UTF8.GetBytes(json), 64, out var message, out _, out var failure), Is.True, failure.ToString());
        return message!;
    }

    public static McpMessage ToolCallMessage(string tool, string arguments)
        => Message("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":" + JsonSerializer.Serialize(tool) + ",\"arguments\":" + arguments + "}}");

    public static SecurityContext Context(McpMessage? message, ClaimsPrincipal? principal = null, McpToolDefinition? tool = null, string? session = null, params McpToolDefinition[] known)
    {
        var context = new SecurityContext(AegisPillars.Mcp, message?.Method ?? "test") { Principal = principal ?? Principal("admin", "admin") };
        if (message is not null)
        {
            context.SetAttribute(McpContextKeys.Message, message);
        }

        var all = known.Concat(tool is null ? [] : [tool]).ToDictionary(static t => t.Name);
        context.SetAttribute(McpContextKeys.Scope, new McpServerScope("test", name => all.GetValueOrDefault(name)));
        if (tool is not null)
        {
            context.SetAttribute(McpContextKeys.Tool, tool);
        }

        if (session is not null)
        {
            context.SetAttribute(McpContextKeys.SessionId, session);
        }

        return context;
    }

    public static SecurityContext ToolCall(string tool = "lookup-order", string arguments = """{"orderId":"A-1"}""", ClaimsPrincipal? principal = null, McpToolDefinition? definition = null)
        => Context(ToolCallMessage(tool, arguments), principal, definition ?? Tool(tool));

    public static AegisMcpOptions Defaults(Action<AegisMcpOptions>? configure = null)
    {
        var options = new AegisMcpOptions();
        options.Authorization.Roles["admin"] = McpToolRisk.Critical;
        options.Authorization.Roles["reader"] = McpToolRisk.Low;
        configure?.Invoke(options);
        return options;
    }

    public static IOptionsMonitor<AegisMcpOptions> Monitor(AegisMcpOptions? options = null)
        => Mock.Of<IOptionsMonitor<AegisMcpOptions>>(m => m.CurrentValue == (options ?? Defaults(null)));

    /// <summary>An options monitor whose every read runs <paramref name="onRead"/> first (to throw or to stall).</summary>
    public static IOptionsMonitor<AegisMcpOptions> Monitor(Action onRead, AegisMcpOptions? options = null)
    {
        var value = options ?? Defaults(null);
        var monitor = new Mock<IOptionsMonitor<AegisMcpOptions>>();
        monitor.SetupGet(static m => m.CurrentValue).Returns(() => { onRead(); return value; });
        return monitor.Object;
    }

    public static SecurityPipeline Pipeline(ISecurityCheck? check, TimeProvider time)
        => new SecurityPipelineBuilder("mcp-test") { TimeProvider = time, CheckTimeout = TimeSpan.FromSeconds(1) }.AddCheck(check).Build();

    private static string Bool(bool value) => value ? "true" : "false";

    private sealed class FaultingPrincipal(ClaimsPrincipal inner, Action onAccess) : ClaimsPrincipal(inner)
    {
        public override IIdentity? Identity
        {
            get
            {
                onAccess();
                return base.Identity;
            }
        }
    }
}
