using System.Security.Cryptography;
using System.Text.Json;
using AegisGate.Audit;
using AegisGate.Configuration;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AegisGate.Benchmarks.Core;

/// <summary>
/// The cost of one audit record: serialization + HMAC alone, then <see cref="JsonlAuditSink.WriteAsync"/> end to end
/// (written to the OS, and fsync'd with FlushToDisk), for one writer and for 32 concurrent writers (group commit).
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class AuditBenchmarks
{
    private const int Concurrent = 32;

    private string _directory = null!;
    private JsonlAuditSink _sink = null!;
    private AuditEvent _event = null!;
    private AuditBuffer _buffer = null!;
    private Utf8JsonWriter _writer = null!;
    private IncrementalHash _hmac = null!;
    private Task[] _pending = null!;
    private long _sequence;

    [Params(false, true)]
    public bool FlushToDisk { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "aegis-bench-" + Guid.NewGuid().ToString("N"));
        var options = new AegisGateOptions { DataDirectory = _directory };
        options.Audit.Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        options.Audit.FlushToDisk = FlushToDisk;
        options.Audit.MaxFileBytes = 16L * 1024 * 1024;
        options.Audit.MaxRetainedFiles = 2;
        var wrapped = Options.Create(options);
        _sink = new JsonlAuditSink(wrapped, new AegisPaths(wrapped), TimeProvider.System, NullLogger<JsonlAuditSink>.Instance);
        _sink.Open();
        _event = new AuditEvent
        {
            Timestamp = DateTimeOffset.UnixEpoch,
            RequestId = "0HNA3K5O1QJ0S:00000001",
            Principal = "service-account",
            Pillar = AegisPillars.Mcp,
            Operation = "tools/call",
            Decision = "deny",
            Code = "MCP_TOOL_DENIED",
            Check = "tool-authorization",
            LatencyMs = 0.042,
            Properties = new Dictionary<string, string> { ["tool"] = "filesystem.write", ["argsSha256"] = "9f86d081884c7d659a2feaa0c55ad015" },
        };
        _buffer = new AuditBuffer();
        _writer = new Utf8JsonWriter(_buffer);
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, RandomNumberGenerator.GetBytes(32));
        _pending = new Task[Concurrent];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sink.Dispose();
        _writer.Dispose();
        _hmac.Dispose();
        _buffer.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>Serialization and HMAC of one record into a pooled buffer (no I/O).</summary>
    [Benchmark(Baseline = true)]
    public int FormatAndMac()
    {
        _buffer.Reset();
        AuditRecordFormat.WriteEvent(_writer, _buffer, _hmac, ++_sequence, AuditMac.Genesis, _event);
        return _buffer.WrittenCount;
    }

    /// <summary>One writer: each record is written (and fsync'd with FlushToDisk) before the next.</summary>
    [Benchmark]
    public ValueTask Write_OneWriter() => _sink.WriteAsync(_event, CancellationToken.None);

    /// <summary>32 concurrent writers: group commit writes (and fsyncs) many records at once. Per-record cost (allocations include the benchmark's own 32 tasks).</summary>
    [Benchmark(OperationsPerInvoke = Concurrent)]
    public async Task Write_32ConcurrentWriters()
    {
        for (var i = 0; i < Concurrent; i++)
        {
            _pending[i] = WriteOnThreadPool();
        }

        await Task.WhenAll(_pending);
    }

    private async Task WriteOnThreadPool()
    {
        await Task.Yield();
        await _sink.WriteAsync(_event, CancellationToken.None);
    }
}
