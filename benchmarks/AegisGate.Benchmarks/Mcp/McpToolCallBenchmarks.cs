using System.IO.Pipelines;
using AegisGate.Audit;
using AegisGate.Detection;
using AegisGate.Mcp.Tools;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using DescriptionAttribute = System.ComponentModel.DescriptionAttribute;

namespace AegisGate.Benchmarks.Mcp;

/// <summary>What guards the benchmarked server.</summary>
public enum McpBenchmarkGuard
{
    /// <summary>No AegisGate.</summary>
    None,

    /// <summary><c>AddAegisGuardrails()</c> with a no-findings scanner: AegisGate's own overhead.</summary>
    GuardrailsStubScanner,

    /// <summary><c>AddAegisGuardrails()</c> with the real detection engine (<c>AddAegisDetection()</c>): what an app pays.</summary>
    GuardrailsDetectionEngine,
}

/// <summary>
/// Added latency per <c>tools/call</c>: the official C# client calls a trivial tool of an in-process SDK server over a
/// stream transport (a full JSON-RPC round trip), without AegisGate and with <c>AddAegisGuardrails()</c>
/// (authentication, method/version allowlists, risk-matrix authorization, pin check, JSON Schema validation, argument
/// scan, rate limits, host-name resolution check, budget, per-call timeout, output filtering, audit) — once with a
/// no-findings scanner (AegisGate's own overhead) and once with the real detection engine scanning the arguments and
/// the result. The audit sink is a no-op.
/// </summary>
[MemoryDiagnoser]
public class McpToolCallBenchmarks
{
    private static readonly Dictionary<string, object?> Arguments = new() { ["a"] = 2, ["b"] = 3 };
    private IHost _host = null!;
    private McpClient _client = null!;

    [Params(McpBenchmarkGuard.None, McpBenchmarkGuard.GuardrailsStubScanner, McpBenchmarkGuard.GuardrailsDetectionEngine)]
    public McpBenchmarkGuard Guard { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var mcp = builder.Services.AddMcpServer(o => o.ServerInfo = new Implementation { Name = "bench", Version = "1" })
            .WithStreamServerTransport(clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream())
            .WithTools<BenchTools>();
        if (Guard != McpBenchmarkGuard.None)
        {
            if (Guard == McpBenchmarkGuard.GuardrailsDetectionEngine)
            {
                builder.Services.AddAegisGate().AddAegisDetection();
            }
            else
            {
                builder.Services.AddSingleton<IContentScanner, NoFindingsScanner>();
            }

            builder.Services.AddSingleton<IAuditSink, NoOpAuditSink>();
            mcp.AddAegisGuardrails(o =>
            {
                o.LocalPrincipal = "bench";
                o.LocalPrincipalRoles.Add("operator");
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
                o.Budgets.MaxBytesOut = long.MaxValue;
            });
        }

        _host = builder.Build();
        await _host.StartAsync();
        _client = await McpClient.CreateAsync(new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream()), new McpClientOptions { ProtocolVersion = "2025-11-25" });
        await _client.ListToolsAsync();
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _client.DisposeAsync();
        await _host.StopAsync();
        _host.Dispose();
    }

    [Benchmark]
    public async Task<CallToolResult> CallTool() => await _client.CallToolAsync("add", Arguments);

    [McpServerToolType]
    private sealed class BenchTools
    {
        [McpServerTool(Name = "add", ReadOnly = true, OpenWorld = false, Destructive = false)]
        [Description("Adds two numbers.")]
        public static int Add(int a, int b) => a + b;
    }

    private sealed class NoFindingsScanner : IContentScanner
    {
        private static readonly ScanResult Clean = new() { Verdict = ScanVerdict.Allow };

        public ScanResult Scan(string content, ScanOptions options) => Clean;

        public ScanResult ScanJson(ReadOnlyMemory<byte> utf8Json, ScanOptions options) => Clean;
    }

    private sealed class NoOpAuditSink : IAuditSink
    {
        public ValueTask WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
