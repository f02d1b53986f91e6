using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using AegisGate.Audit;
using AegisGate.Detection;
using AegisGate.Mcp;
using AegisGate.Mcp.Filtering;
using AegisGate.Mcp.Tools;
using AegisGate.Pipeline;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AegisGate.Benchmarks.Mcp;

/// <summary>
/// The MCP pipelines alone, as the SDK filters and the middleware run them: the message pipeline for a
/// <c>tools/call</c> (all eight message guardrails) and the output pipeline for a small tool result, with a no-findings
/// scanner (AegisGate's own cost) and with the real detection engine.
/// </summary>
[MemoryDiagnoser]
public class McpGuardBenchmarks
{
    [Params(false, true)]
    public bool DetectionEngine { get; set; }

    private SecurityPipeline _message = null!;
    private SecurityPipeline _output = null!;
    private McpMessage _call = null!;
    private McpServerScope _scope = null!;
    private ClaimsPrincipal _principal = null!;
    private ServiceProvider _services = null!;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddLogging(static b => b.ClearProviders());
        if (DetectionEngine)
        {
            services.AddAegisGate().AddAegisDetection();
        }
        else
        {
            services.AddSingleton<IContentScanner, CleanScanner>();
        }

        services.AddSingleton<IAuditSink, NoOpSink>();
        services.AddAegisGate().AddAegisMcp(static o =>
        {
            o.Authorization.Roles["operator"] = McpToolRisk.High;
            o.RateLimits.PerPrincipal.TokenLimit = 1_000_000;
            o.RateLimits.PerPrincipal.TokensPerPeriod = 1_000_000;
            o.RateLimits.PerPrincipal.Period = TimeSpan.FromMilliseconds(1);
            o.RateLimits.PerSession.TokenLimit = 1_000_000;
            o.RateLimits.PerSession.TokensPerPeriod = 1_000_000;
            o.RateLimits.PerSession.Period = TimeSpan.FromMilliseconds(1);
            o.RateLimits.PerTool.TokenLimit = 1_000_000;
            o.RateLimits.PerTool.TokensPerPeriod = 1_000_000;
            o.RateLimits.PerTool.Period = TimeSpan.FromMilliseconds(1);
            o.Budgets.MaxCallsPerSession = int.MaxValue;
            o.Budgets.MaxBytesIn = long.MaxValue;
        });
        _services = services.BuildServiceProvider();
        var pipelines = _services.GetRequiredService<SecurityPipelineProvider>();
        _message = pipelines.GetPipeline(McpPipelines.Message);
        _output = pipelines.GetPipeline(McpPipelines.Output);
        McpMessage.TryParse(Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"lookup-order","arguments":{"orderId":"A-1001"}}}"""), 32, out var call, out _, out _);
        _call = call!;
        var tool = new McpToolDefinition("bench", System.Text.Json.JsonDocument.Parse("""{"name":"lookup-order","description":"Looks an order up.","inputSchema":{"type":"object","properties":{"orderId":{"type":"string"}},"required":["orderId"]},"annotations":{"readOnlyHint":true,"openWorldHint":false}}""").RootElement, true);
        _scope = new McpServerScope("bench", name => name == tool.Name ? tool : null);
        var identity = new ClaimsIdentity("bench", ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, "bench-user"));
        identity.AddClaim(new Claim(ClaimTypes.Role, "operator"));
        _principal = new ClaimsPrincipal(identity);
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark]
    public async Task<bool> MessagePipeline_ToolCall()
    {
        var context = McpGuard.CreateContext(_principal, _call, _scope, "session-1", null, null);
        var decision = await _message.EvaluateAsync(context);
        McpGuard.Release(context);
        return decision.IsAllowed;
    }

    [Benchmark]
    public async Task<bool> OutputPipeline_ToolResult()
    {
        var context = McpGuard.CreateContext(_principal, _call, _scope, "session-1", null, null);
        context.SetAttribute("mcp.output", new McpOutput(McpMethods.ToolsCall, JsonNode.Parse("""{"content":[{"type":"text","text":"Order A-1001: shipped"}]}"""), false));
        return (await _output.EvaluateAsync(context)).IsAllowed;
    }

    private sealed class CleanScanner : IContentScanner
    {
        private static readonly ScanResult Clean = new() { Verdict = ScanVerdict.Allow };

        public ScanResult Scan(string content, ScanOptions options) => Clean;

        public ScanResult ScanJson(ReadOnlyMemory<byte> utf8Json, ScanOptions options) => Clean;
    }

    private sealed class NoOpSink : IAuditSink
    {
        public ValueTask WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
