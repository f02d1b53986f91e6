using AegisGate.Audit;
using AegisGate.Compliance;
using AegisGate.Configuration;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AegisGate.Benchmarks.Governance;

/// <summary>
/// The cost of the compliance evidence <c>audit.verified</c> on a large trail (about 32 MiB in 4 MiB rotated files):
/// a full verification of every file versus the incremental verification a later report does after 100 new records.
/// </summary>
[MemoryDiagnoser]
public class AuditVerificationBenchmarks
{
    private const string KeyBase64 = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";
    private readonly byte[] _key = Convert.FromBase64String(KeyBase64);
    private string _directory = null!;
    private JsonlAuditSink _sink = null!;
    private IncrementalAuditVerifier _verifier = null!;
    private int _next;

    [Params(90_000)]
    public int Records { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "aegis-bench-audit-" + Guid.NewGuid().ToString("N"));
        var options = new AegisGateOptions { DataDirectory = _directory };
        options.Audit.Key = KeyBase64;
        options.Audit.MaxFileBytes = 4L * 1024 * 1024;
        options.Audit.MaxRetainedFiles = 100;
        var wrapped = Options.Create(options);
        _sink = new JsonlAuditSink(wrapped, new AegisPaths(wrapped), TimeProvider.System, NullLogger<JsonlAuditSink>.Instance);
        Append(Records);
        _verifier = new IncrementalAuditVerifier();
        var first = _verifier.VerifyAsync(_sink.FilePath, () => (byte[])_key.Clone(), TimeSpan.FromDays(7)).GetAwaiter().GetResult();
        if (!first.IsValid)
        {
            throw new InvalidOperationException(first.Detail);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sink.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>What a report would cost if it read the whole trail every time.</summary>
    [Benchmark(Baseline = true)]
    public long FullVerification() => AuditVerifier.Verify(Path.Combine(_directory, "audit"), _key).RecordCount;

    /// <summary>Appending 100 records (subtract from the next row).</summary>
    [Benchmark]
    public int Append100() => Append(100);

    /// <summary>Appending 100 records, then the incremental verification of a later report.</summary>
    [Benchmark]
    public long Append100_ThenIncrementalVerification()
    {
        Append(100);
        return _verifier.VerifyAsync(_sink.FilePath, () => (byte[])_key.Clone(), TimeSpan.FromDays(7)).GetAwaiter().GetResult().RecordCount;
    }

    /// <summary>A report when nothing was appended: list and stat the files, read nothing.</summary>
    [Benchmark]
    public long IncrementalVerification_NothingNew()
        => _verifier.VerifyAsync(_sink.FilePath, () => (byte[])_key.Clone(), TimeSpan.FromDays(7)).GetAwaiter().GetResult().BytesRead;

    private int Append(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var n = _next++;
            _sink.WriteAsync(
                new AuditEvent
                {
                    Timestamp = TimeProvider.System.GetUtcNow(),
                    RequestId = "0HNA3K5O1QJ0S:" + n.ToString("D8", System.Globalization.CultureInfo.InvariantCulture),
                    Principal = "svc-orders",
                    Pillar = AegisPillars.Http,
                    Operation = "POST /api/v1/scan",
                    Decision = "deny",
                    Code = "AEGIS_CONTENT_BLOCKED",
                    Check = "http.request-content",
                    LatencyMs = 0.042,
                    Properties = new Dictionary<string, string> { ["rules"] = "secret.github_pat", ["locations"] = "body" },
                },
                CancellationToken.None).AsTask().GetAwaiter().GetResult();
        }

        return count;
    }
}
