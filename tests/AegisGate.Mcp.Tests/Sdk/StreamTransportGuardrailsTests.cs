#pragma warning disable MCP9005 // sampling is deprecated in 2026-07-28; the test proves legacy servers cannot use it to exfiltrate
using System.Collections.Concurrent;
using System.IO.Pipelines;
using AegisGate.Audit;
using AegisGate.Detection;
using AegisGate.Mcp.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Moq;
using DescriptionAttribute = System.ComponentModel.DescriptionAttribute;

namespace AegisGate.Mcp.Tests.Sdk;

/// <summary>
/// <c>AddMcpServer().AddAegisGuardrails()</c> on a non-HTTP transport (the stream transport stdio servers use): the
/// same policy guards an in-process server whose client authenticates through the operating system.
/// </summary>
public sealed class StreamTransportGuardrailsTests
{
    private readonly ConcurrentQueue<AuditEvent> _audit = new();

    [Test]
    public async Task LocalPrincipal_AllowedCallWorks_DeniedCallCarriesItsCode_AndIsAudited()
    {
        await using var server = await StartAsync(localPrincipal: "local-user");
        await using var client = await McpClient.CreateAsync(server.ClientTransport, new McpClientOptions { ProtocolVersion = "2025-11-25" });

        var tools = (await client.ListToolsAsync()).Select(static t => t.Name).ToList();
        var result = await client.CallToolAsync("add", new Dictionary<string, object?> { ["a"] = 2, ["b"] = 3 });
        var denied = Assert.ThrowsAsync<McpProtocolException>(async () => await client.CallToolAsync("wipe", new Dictionary<string, object?>()));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(tools, Is.EquivalentTo(new[] { "add", "leak", "ask-model" }));
            Assert.That(((TextContentBlock)result.Content[0]).Text, Is.EqualTo("5"));
            Assert.That(denied!.Message, Does.Contain(McpErrorCodes.ToolDenied));
            Assert.That((int)denied.ErrorCode, Is.EqualTo(-31003));
            Assert.That(_audit.Any(static e => e.Principal == "local-user" && e.Decision == "allow" && e.Properties!["tool"] == "add"), Is.True);
            Assert.That(_audit.Any(static e => e.Decision == "deny" && e.Code == McpErrorCodes.ToolDenied), Is.True);
        }
    }

    [Test]
    public async Task OutputOfAStdioServer_IsRedacted()
    {
        await using var server = await StartAsync(localPrincipal: "local-user");
        await using var client = await McpClient.CreateAsync(server.ClientTransport);

        var text = ((TextContentBlock)(await client.CallToolAsync("leak", new Dictionary<string, object?>())).Content[0]).Text;

        Assert.That(text, Is.EqualTo("token=[REDACTED]"));
    }

    [Test]
    public async Task SamplingRequestFromTheServer_IsBlocked()
    {
        await using var server = await StartAsync(localPrincipal: "local-user");
        var sampled = false;
        await using var client = await McpClient.CreateAsync(server.ClientTransport, new McpClientOptions
        {
            ProtocolVersion = "2025-11-25",
            Handlers = new McpClientHandlers
            {
                SamplingHandler = (_, _, _) =>
                {
                    sampled = true;
                    return ValueTask.FromResult(new CreateMessageResult { Content = [new TextContentBlock { Text = "leaked context" }], Model = "m", Role = Role.Assistant });
                },
            },
        });

        var outcome = await Outcome(() => client.CallToolAsync("ask-model", new Dictionary<string, object?>()).AsTask());

        Assert.That(sampled, Is.False, "the server's sampling request never reached the client");
        Assert.That(outcome, Does.Contain(McpErrorCodes.ServerRequestBlocked));
    }

    [Test]
    public async Task NoLocalPrincipal_EveryRequestIsDeniedUnauthenticated()
    {
        await using var server = await StartAsync(localPrincipal: null);

        var error = Assert.CatchAsync(async () => await McpClient.CreateAsync(server.ClientTransport, new McpClientOptions { ProtocolVersion = "2025-11-25" }));

        Assert.That(error!.ToString(), Does.Contain(McpErrorCodes.Unauthenticated));
    }

    private static async Task<string> Outcome(Func<Task<CallToolResult>> call)
    {
        try
        {
            var result = await call();
            return string.Join("\n", result.Content.OfType<TextContentBlock>().Select(static c => c.Text));
        }
        catch (McpException ex)
        {
            return ex.Message;
        }
    }

    private async Task<LocalServer> StartAsync(string? localPrincipal)
    {
        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        var scanner = new Mock<IContentScanner>();
        scanner.Setup(static s => s.Scan(It.IsAny<string>(), It.IsAny<ScanOptions>())).Returns(new ScanResult { Verdict = ScanVerdict.Allow });
        scanner.Setup(static s => s.ScanJson(It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<ScanOptions>())).Returns((ReadOnlyMemory<byte> json, ScanOptions _) =>
        {
            var text = System.Text.Encoding.UTF8.GetString(json.Span);
            return text.Contains("tok_live_", StringComparison.Ordinal)
                ? new ScanResult
                {
                    Verdict = ScanVerdict.Redact,
                    Findings = [new DetectionFinding { RuleId = "secret.token", Category = DetectionCategory.Secret, Severity = DetectionSeverity.High, Action = DetectionAction.Redact, Start = 0, End = 1, Confidence = 1 }],
                    RedactedContent = text.Replace("tok_live_123", "[REDACTED]", StringComparison.Ordinal),
                }
                : new ScanResult { Verdict = ScanVerdict.Allow };
        });

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(scanner.Object);
        builder.Services.AddSingleton<IAuditSink>(new QueueSink(_audit));
        builder.Services.AddMcpServer(o => o.ServerInfo = new Implementation { Name = "local", Version = "1" })
            .WithStreamServerTransport(clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream())
            .WithTools<LocalTools>()
            .AddAegisGuardrails(o =>
            {
                o.LocalPrincipal = localPrincipal;
                o.LocalPrincipalRoles.Add("operator");
                o.Authorization.Roles["operator"] = McpToolRisk.High;
            });
        var host = builder.Build();
        await host.StartAsync();
        return new LocalServer(host, new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream()));
    }

    private sealed class LocalServer(IHost host, StreamClientTransport transport) : IAsyncDisposable
    {
        public StreamClientTransport ClientTransport { get; } = transport;

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    [McpServerToolType]
    private sealed class LocalTools
    {
        [McpServerTool(Name = "add", ReadOnly = true, OpenWorld = false, Destructive = false)]
        [Description("Adds two numbers.")]
        public static string Add(int a, int b) => (a + b).ToString(System.Globalization.CultureInfo.InvariantCulture);

        [McpServerTool(Name = "leak", ReadOnly = true, OpenWorld = false, Destructive = false)]
        [Description("Returns a token.")]
        public static string Leak() => "token=tok_live_123";

        [McpServerTool(Name = "wipe", Destructive = true)]
        [Description("Deletes everything.")]
        public static string Wipe() => "wiped";

        [McpServerTool(Name = "ask-model", ReadOnly = true, OpenWorld = false, Destructive = false)]
        [Description("Asks the client's model.")]
        public static async Task<string> AskModel(McpServer server, CancellationToken cancellationToken)
        {
            var result = await server.SampleAsync(new CreateMessageRequestParams { Messages = [new SamplingMessage { Role = Role.User, Content = [new TextContentBlock { Text = "what do you know?" }] }], MaxTokens = 10 }, cancellationToken);
            return "sampled";
        }
    }

    private sealed class QueueSink(ConcurrentQueue<AuditEvent> queue) : IAuditSink
    {
        public ValueTask WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
        {
            queue.Enqueue(auditEvent);
            return ValueTask.CompletedTask;
        }
    }
}
