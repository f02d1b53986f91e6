using AegisGate.Pipeline;
using BenchmarkDotNet.Attributes;

namespace AegisGate.Benchmarks.Core;

/// <summary>
/// The cost of the composition root itself. The allow path of synchronous checks must not allocate
/// (<c>Allocated</c> column = '-').
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private SecurityPipeline _one = null!;
    private SecurityPipeline _five = null!;
    private SecurityPipeline _deny = null!;
    private SecurityContext _context = null!;
    private CancellationTokenSource _request = null!;

    [GlobalSetup]
    public void Setup()
    {
        _one = new SecurityPipelineBuilder("one").AddCheck(new AllowCheck("a")).Build();
        var five = new SecurityPipelineBuilder("five");
        for (var i = 0; i < 5; i++)
        {
            five.AddCheck(new AllowCheck("c" + i));
        }

        _five = five.Build();
        _deny = new SecurityPipelineBuilder("deny").AddCheck(new AllowCheck("a")).AddCheck(new DenyCheck()).Build();
        _context = new SecurityContext(AegisPillars.Http, "POST /bench");
        _request = new CancellationTokenSource();
    }

    [GlobalCleanup]
    public void Cleanup() => _request.Dispose();

    [Benchmark(Baseline = true)]
    public bool Allow_OneCheck() => Sync(_one.EvaluateAsync(_context));

    [Benchmark]
    public bool Allow_FiveChecks() => Sync(_five.EvaluateAsync(_context));

    [Benchmark]
    public bool Allow_FiveChecks_CancellableRequest() => Sync(_five.EvaluateAsync(_context, _request.Token));

    [Benchmark]
    public bool Deny_SecondCheck() => Sync(_deny.EvaluateAsync(_context));

    private static bool Sync(ValueTask<SecurityDecision> pending)
        => pending.IsCompletedSuccessfully ? pending.Result.IsAllowed : throw new InvalidOperationException("synchronous checks must complete synchronously");

    private sealed class AllowCheck(string name) : ISecurityCheck
    {
        public string Name { get; } = name;

        public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken) => new(SecurityDecision.Allow());
    }

    private sealed class DenyCheck : ISecurityCheck
    {
        private static readonly SecurityDecision Denied = SecurityDecision.Deny("BENCH_DENY", "denied");

        public string Name => "deny";

        public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken) => new(Denied);
    }
}
