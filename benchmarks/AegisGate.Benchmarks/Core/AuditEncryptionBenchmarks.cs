using System.Security.Cryptography;
using System.Text.Json;
using AegisGate.Audit;
using AegisGate.Configuration;
using AegisGate.Crypto;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AegisGate.Benchmarks.Core;

/// <summary>
/// The cost of encrypting audit records (<c>AegisGate:Audit:Encrypt</c>) against the plaintext format: the record
/// alone (serialization + AES-256-GCM seal + HMAC, no I/O) and <see cref="JsonlAuditSink.WriteAsync"/> end to end
/// (one writer, 32 concurrent writers), without FlushToDisk. The key-encryption key is a local AES-256 key.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class AuditEncryptionBenchmarks
{
    private const int Concurrent = 32;

    private string _directory = null!;
    private JsonlAuditSink _sink = null!;
    private AuditEvent _event = null!;
    private AuditBuffer _buffer = null!;
    private AuditBuffer _scratch = null!;
    private Utf8JsonWriter _writer = null!;
    private IncrementalHash _hmac = null!;
    private AuditSegment _segment = null!;
    private Task[] _pending = null!;
    private long _sequence;

    [Params(false, true)]
    public bool Encrypt { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "aegis-bench-" + Guid.NewGuid().ToString("N"));
        var options = new AegisGateOptions { DataDirectory = _directory };
        options.Audit.Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        options.Audit.Encrypt = Encrypt;
        options.Audit.MaxFileBytes = 16L * 1024 * 1024;
        options.Audit.MaxRetainedFiles = 2;
        var wrapped = Options.Create(options);
        var encryptor = new EnvelopeEncryptor(new StaticKeyEncryptionKeyRing(new LocalKeyEncryptionKey("bench-kek", RandomNumberGenerator.GetBytes(32))));
        _sink = new JsonlAuditSink(wrapped, new AegisPaths(wrapped), TimeProvider.System, NullLogger<JsonlAuditSink>.Instance, encryptor);
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
        _scratch = new AuditBuffer(4 * 1024);
        _writer = new Utf8JsonWriter(_buffer);
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, RandomNumberGenerator.GetBytes(32));
        _segment = AuditSegment.Create(encryptor);
        _pending = new Task[Concurrent];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sink.Dispose();
        _writer.Dispose();
        _hmac.Dispose();
        _segment.Dispose();
        _scratch.Dispose();
        _buffer.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>One record into a pooled buffer (no I/O): serialization + HMAC, plus the AES-256-GCM seal when encrypting.</summary>
    [Benchmark]
    public int Record()
    {
        _buffer.Reset();
        if (Encrypt)
        {
            AuditRecordFormat.WriteEncryptedEvent(_writer, _buffer, _scratch, _hmac, _segment, ++_sequence, AuditMac.Genesis, _event);
        }
        else
        {
            AuditRecordFormat.WriteEvent(_writer, _buffer, _hmac, ++_sequence, AuditMac.Genesis, _event);
        }

        return _buffer.WrittenCount;
    }

    /// <summary>One writer: each record is written before the next.</summary>
    [Benchmark]
    public ValueTask Write_OneWriter() => _sink.WriteAsync(_event, CancellationToken.None);

    /// <summary>32 concurrent writers (group commit). Per-record cost (allocations include the benchmark's own 32 tasks).</summary>
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
