using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AegisGate.Audit;
using AegisGate.TestUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using static AegisGate.Core.Tests.Audit.AuditTestSupport;

namespace AegisGate.Core.Tests.Audit;

public sealed class JsonlAuditSinkTests
{
    private TempDirectory _data = null!;

    [SetUp]
    public void SetUp() => _data = new TempDirectory();

    [TearDown]
    public void TearDown() => _data.Dispose();

    [Test]
    public async Task WriteAsync_FirstEvent_StartsChainAtSequenceOneLinkedToGenesis()
    {
        using (var sink = CreateSink(_data))
        {
            await sink.WriteAsync(Event(1), CancellationToken.None);
        }

        var line = Lines(ActiveFile(_data)).Single();
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(root.GetProperty("v").GetInt32(), Is.EqualTo(1));
            Assert.That(root.GetProperty("seq").GetInt64(), Is.EqualTo(1));
            Assert.That(root.GetProperty("type").GetString(), Is.EqualTo("event"));
            Assert.That(root.GetProperty("prev").GetString(), Is.EqualTo(Convert.ToBase64String(new byte[32])));
            Assert.That(root.GetProperty("mac").GetString(), Has.Length.EqualTo(44));
            Assert.That(Verify(ActiveFile(_data)).IsValid, Is.True);
        }
    }

    [Test]
    public async Task WriteAsync_Record_HoldsExactlyTheDocumentedMembersInCanonicalOrder()
    {
        using (var sink = CreateSink(_data))
        {
            await sink.WriteAsync(Event(3, new Dictionary<string, string> { ["tool"] = "search", ["argsSha256"] = "ab12" }), CancellationToken.None);
        }

        var line = Lines(ActiveFile(_data)).Single();
        using var json = JsonDocument.Parse(line);
        var names = json.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.That(names, Is.EqualTo(new[] { "v", "seq", "ts", "type", "requestId", "principal", "pillar", "operation", "decision", "code", "check", "latencyMs", "props", "prev", "mac" }));
        Assert.That(line, Does.StartWith("{\"v\":1,\"seq\":1,\"ts\":\"2026-01-02T03:04:05.003Z\",\"type\":\"event\",\"requestId\":\"req-3\",\"principal\":\"alice\",\"pillar\":\"http\""));
        Assert.That(json.RootElement.GetProperty("props").GetProperty("tool").GetString(), Is.EqualTo("search"));
    }

    [Test]
    public async Task WriteAsync_Mac_IsHmacSha256OfTheLineBytesBeforeTheMacMember()
    {
        using (var sink = CreateSink(_data))
        {
            await WriteEventsAsync(sink, 1, 3);
        }

        var bytes = File.ReadAllBytes(ActiveFile(_data));
        var lines = Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string? previousMac = Convert.ToBase64String(new byte[32]);
        foreach (var line in lines)
        {
            var cut = line.LastIndexOf(",\"mac\":\"", StringComparison.Ordinal);
            var expected = Convert.ToBase64String(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(line[..cut])));
            using var json = JsonDocument.Parse(line);
            Assert.That(json.RootElement.GetProperty("mac").GetString(), Is.EqualTo(expected));
            Assert.That(json.RootElement.GetProperty("prev").GetString(), Is.EqualTo(previousMac));
            Assert.That(line, Does.EndWith("\"}"));
            previousMac = expected;
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task WriteAsync_ManyConcurrentWriters_ProduceOneOrderedChainWithEveryRecord()
    {
        const int writers = 16;
        const int perWriter = 200;
        using (var sink = CreateSink(_data, a => { a.MaxFileBytes = 64 * 1024; a.MaxRetainedFiles = 1000; }))
        {
            var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
            {
                for (var i = 0; i < perWriter; i++)
                {
                    await sink.WriteAsync(Event((w * perWriter) + i + 1), CancellationToken.None);
                }
            })).ToArray();
            await Task.WhenAll(tasks);
        }

        var result = Verify(AuditDirectory(_data));
        var ids = result.Files.SelectMany(Lines).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("requestId").GetString()).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.IsValid, Is.True, () => result.Failure!.ToString());
            Assert.That(result.RecordCount, Is.EqualTo(writers * perWriter));
            Assert.That(result.Files, Has.Count.GreaterThan(2), "rotation happened while writers raced");
            Assert.That(ids, Is.Unique);
            Assert.That(ids, Has.Count.EqualTo(writers * perWriter));
        }
    }

    [Test]
    public async Task WriteAsync_FileReachesMaxSize_RotatesAndKeepsTheChainAcrossFiles()
    {
        await WriteChainAsync(_data, 60, a => { a.MaxFileBytes = 4096; a.MaxRetainedFiles = 100; });

        var result = Verify(AuditDirectory(_data));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.IsValid, Is.True, () => result.Failure!.ToString());
            Assert.That(result.RecordCount, Is.EqualTo(60));
            Assert.That(result.StartsAtGenesis, Is.True);
            Assert.That(result.Files.Select(Path.GetFileName), Does.Contain("aegisgate-audit.000001.jsonl"));
            Assert.That(result.Files[^1], Does.EndWith("aegisgate-audit.jsonl"));
            Assert.That(result.Files.Select(f => new FileInfo(f).Length), Has.All.LessThanOrEqualTo(4096));
        }
    }

    [Test]
    public async Task WriteAsync_MoreRotatedFilesThanRetained_DeletesTheOldestAndTheRestVerifies()
    {
        await WriteChainAsync(_data, 120, a => { a.MaxFileBytes = 4096; a.MaxRetainedFiles = 2; });

        var rotated = Directory.GetFiles(AuditDirectory(_data), "aegisgate-audit.0*.jsonl");
        var result = Verify(AuditDirectory(_data));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rotated, Has.Length.EqualTo(2));
            Assert.That(result.IsValid, Is.True, () => result.Failure!.ToString());
            Assert.That(result.StartsAtGenesis, Is.False);
            Assert.That(result.FirstSequence, Is.GreaterThan(1));
            Assert.That(result.Head!.Value.Sequence, Is.EqualTo(120));
        }
    }

    [Test]
    public async Task Open_AfterRestart_ResumesTheChain()
    {
        await WriteChainAsync(_data, 3);
        await WriteChainAsync(_data, 2, from: 4);

        var result = Verify(ActiveFile(_data));
        Assert.That(result.IsValid, Is.True, () => result.Failure!.ToString());
        Assert.That(result.RecordCount, Is.EqualTo(5));
        Assert.That(result.Head!.Value.Sequence, Is.EqualTo(5));
    }

    [Test]
    public async Task Open_TornLastLine_CoversItWithARecoveryRecordAndContinues()
    {
        await WriteChainAsync(_data, 5);
        var torn = Encoding.UTF8.GetBytes(Lines(ActiveFile(_data))[2])[..57];
        await using (var f = new FileStream(ActiveFile(_data), FileMode.Append))
        {
            await f.WriteAsync(torn);
        }

        var logger = new FakeLogger<JsonlAuditSink>();
        using (var sink = CreateSink(_data, logger: logger))
        {
            await sink.WriteAsync(Event(6), CancellationToken.None);
        }

        var lines = Lines(ActiveFile(_data));
        var recovery = JsonDocument.Parse(lines[6]).RootElement;
        var result = Verify(ActiveFile(_data));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(lines[5], Is.EqualTo(Encoding.UTF8.GetString(torn)), "torn bytes stay in place");
            Assert.That(recovery.GetProperty("type").GetString(), Is.EqualTo("recovery"));
            Assert.That(recovery.GetProperty("reason").GetString(), Is.EqualTo("torn-tail"));
            Assert.That(recovery.GetProperty("seq").GetInt64(), Is.EqualTo(6));
            Assert.That(recovery.GetProperty("tornBytes").GetInt64(), Is.EqualTo(torn.Length + 1));
            Assert.That(recovery.GetProperty("tornSha256").GetString(), Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData([.. torn, (byte)'\n']))));
            Assert.That(result.IsValid, Is.True, () => result.Failure!.ToString());
            Assert.That(result.Recoveries, Has.Count.EqualTo(1));
            Assert.That(result.Recoveries[0].Line, Is.EqualTo(7));
            Assert.That(result.Head!.Value.Sequence, Is.EqualTo(7));
            Assert.That(logger.Collector.GetSnapshot().Any(r => r.Id.Id == 1102 && r.Level == LogLevel.Warning), Is.True);
        }
    }

    [Test]
    public async Task Open_LastRecordMissingOnlyItsNewline_CompletesItWithoutRecovery()
    {
        await WriteChainAsync(_data, 3);
        var file = ActiveFile(_data);
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..^1]);

        await WriteChainAsync(_data, 1, from: 4);

        var result = Verify(file);
        Assert.That(result.IsValid, Is.True, () => result.Failure!.ToString());
        Assert.That(result.RecordCount, Is.EqualTo(4));
        Assert.That(result.Recoveries, Is.Empty);
    }

    [Test]
    public async Task Open_CompleteLastLineThatDoesNotVerify_ContinuesButVerificationReportsTheEdit()
    {
        await WriteChainAsync(_data, 4);
        var file = ActiveFile(_data);
        var lines = Lines(file);
        lines[3] = lines[3].Replace("\"decision\":\"allow\"", "\"decision\":\"deny\"", StringComparison.Ordinal);
        WriteLines(file, lines);

        var logger = new FakeLogger<JsonlAuditSink>();
        using (var sink = CreateSink(_data, logger: logger))
        {
            await sink.WriteAsync(Event(5), CancellationToken.None);
        }

        var result = Verify(file);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.Failure!.Kind, Is.EqualTo(AuditFailureKind.Edited));
            Assert.That(result.Failure.Line, Is.EqualTo(4));
            Assert.That(result.Failure.Message, Does.Contain("unverifiable-tail"));
            Assert.That(logger.Collector.GetSnapshot().Any(r => r.Id.Id == 1103 && r.Level == LogLevel.Error), Is.True);
        }
    }

    [Test]
    public async Task Open_ExistingChainUnderAnotherKey_RefusesToWrite()
    {
        await WriteChainAsync(_data, 2);

        using var sink = CreateSink(_data, a => a.Key = OtherKeyBase64);
        var ex = Assert.ThrowsAsync<AuditSinkException>(async () => await sink.WriteAsync(Event(3), CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("key"));
        Assert.That(Lines(ActiveFile(_data)), Has.Count.EqualTo(2), "nothing was appended");
    }

    [Test]
    public async Task WriteAsync_SecondWriterOnTheSameFile_IsRefused()
    {
        using var first = CreateSink(_data);
        await first.WriteAsync(Event(1), CancellationToken.None);
        using var second = CreateSink(_data);

        var ex = Assert.ThrowsAsync<AuditSinkException>(async () => await second.WriteAsync(Event(2), CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("another writer"));
        await first.WriteAsync(Event(3), CancellationToken.None);
        Assert.That(Verify(ActiveFile(_data)).RecordCount, Is.EqualTo(2));
    }

    [Test]
    public async Task WriteAsync_ActiveFileTruncatedByAnotherProcess_RecordsTheLossExplicitly()
    {
        var logger = new FakeLogger<JsonlAuditSink>();
        using (var sink = CreateSink(_data, logger: logger))
        {
            await WriteEventsAsync(sink, 1, 5);
            using (var f = new FileStream(ActiveFile(_data), FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
            {
                f.SetLength(0);
            }

            await sink.WriteAsync(Event(6), CancellationToken.None);
        }

        var result = Verify(ActiveFile(_data));
        var first = JsonDocument.Parse(Lines(ActiveFile(_data))[0]).RootElement;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.GetProperty("reason").GetString(), Is.EqualTo("records-lost"));
            Assert.That(first.GetProperty("lostFrom").GetInt64(), Is.EqualTo(1));
            Assert.That(first.GetProperty("lostTo").GetInt64(), Is.EqualTo(5));
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.Failure!.Kind, Is.EqualTo(AuditFailureKind.Deleted));
            Assert.That(logger.Collector.GetSnapshot().Any(r => r.Id.Id == 1104), Is.True);
        }
    }

    [Test]
    public async Task WriteAsync_ActiveFileDeletedWhileInUse_StartsANewFileThatRecordsTheLoss()
    {
        using (var sink = CreateSink(_data))
        {
            await WriteEventsAsync(sink, 1, 3);
            File.Delete(ActiveFile(_data));
            await sink.WriteAsync(Event(4), CancellationToken.None);
        }

        var result = Verify(ActiveFile(_data));
        Assert.That(result.Failure?.Kind, Is.EqualTo(AuditFailureKind.Deleted));
        Assert.That(result.Failure!.Message, Does.Contain("1–3"));
    }

    [Test]
    public async Task WriteAsync_EventThatCannotBeSerialized_FailsAloneAndTheChainStaysIntact()
    {
        using (var sink = CreateSink(_data))
        {
            await sink.WriteAsync(Event(1), CancellationToken.None);
            Assert.ThrowsAsync<AuditSinkException>(async () => await sink.WriteAsync(Event(2) with { LatencyMs = double.NaN }, CancellationToken.None));
            Assert.ThrowsAsync<AuditSinkException>(async () => await sink.WriteAsync(Event(3) with { LatencyMs = double.PositiveInfinity }, CancellationToken.None));
            await sink.WriteAsync(Event(4) with { Operation = "lone \ud800 surrogate <b>" }, CancellationToken.None);
        }

        var result = Verify(ActiveFile(_data));
        Assert.That(result.IsValid, Is.True, () => result.Failure!.ToString());
        Assert.That(result.RecordCount, Is.EqualTo(2));
        Assert.That(Lines(ActiveFile(_data))[1], Does.Contain("lone \\uFFFD surrogate \\u003Cb\\u003E"), "escaped (a lone surrogate becomes U+FFFD), never raw");
    }

    [Test]
    public async Task WriteAsync_EventLargerThanTheRecordLimit_IsRefused()
    {
        using var sink = CreateSink(_data);
        var huge = new Dictionary<string, string> { ["blob"] = new string('x', 70 * 1024) };

        var ex = Assert.ThrowsAsync<AuditSinkException>(async () => await sink.WriteAsync(Event(1, huge), CancellationToken.None));

        Assert.That(ex!.Message, Does.Contain("limit"));
        await sink.WriteAsync(Event(2), CancellationToken.None);
        Assert.That(Verify(ActiveFile(_data)).RecordCount, Is.EqualTo(1));
    }

    [Test]
    public void WriteAsync_CancelledBeforeQueued_WritesNothing()
    {
        using var sink = CreateSink(_data);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.That(async () => await sink.WriteAsync(Event(1), cts.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(File.Exists(ActiveFile(_data)), Is.False);
    }

    [Test]
    public void WriteAsync_AfterDispose_Throws()
    {
        var sink = CreateSink(_data);
        sink.Dispose();

        Assert.That(async () => await sink.WriteAsync(Event(1), CancellationToken.None), Throws.InstanceOf<ObjectDisposedException>());
    }

    [Test]
    public async Task WriteAsync_FlushToDisk_WritesAVerifiableChain()
    {
        await WriteChainAsync(_data, 10, a => a.FlushToDisk = true);

        Assert.That(Verify(ActiveFile(_data)).RecordCount, Is.EqualTo(10));
    }

    [Test]
    public async Task Open_NoKeyConfigured_CreatesAPrivateKeyFileAndReusesItAfterRestart()
    {
        var logger = new FakeLogger<JsonlAuditSink>();
        using (var sink = CreateSink(_data, a => a.Key = null, logger: logger))
        {
            sink.Open();
            await sink.WriteAsync(Event(1), CancellationToken.None);
        }

        await WriteChainAsync(_data, 1, a => a.Key = null, from: 2);

        var keyFile = _data.Combine("audit/audit.key");
        var key = AuditKeys.ReadKeyFile(keyFile);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(key, Has.Length.EqualTo(32));
            Assert.That(AuditVerifier.Verify(ActiveFile(_data), key).RecordCount, Is.EqualTo(2));
            Assert.That(logger.Collector.GetSnapshot().Count(r => r.Id.Id == 1108), Is.EqualTo(1));
            if (!OperatingSystem.IsWindows())
            {
                Assert.That(File.GetUnixFileMode(keyFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
                Assert.That(File.GetUnixFileMode(ActiveFile(_data)) & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite), Is.EqualTo((UnixFileMode)0));
            }
        }
    }

    [Test]
    public void Open_KeyFileMissingAndCreationDisabled_Throws()
    {
        using var sink = CreateSink(_data, a => { a.Key = null; a.CreateKeyFileIfMissing = false; });

        var ex = Assert.Throws<AuditSinkException>(sink.Open);

        Assert.That(ex!.Message, Does.Contain("audit.key"));
        Assert.That(File.Exists(_data.Combine("audit/audit.key")), Is.False);
    }

    [Test]
    public async Task Logs_NeverContainTheKey()
    {
        var logger = new FakeLogger<JsonlAuditSink>();
        await WriteChainAsync(_data, 2);
        using (var sink = CreateSink(_data, a => a.Key = OtherKeyBase64, logger: logger))
        {
            Assert.ThrowsAsync<AuditSinkException>(async () => await sink.WriteAsync(Event(3), CancellationToken.None));
        }

        var records = logger.Collector.GetSnapshot();
        Assert.That(records, Is.Not.Empty);
        Assert.That(records.Select(r => r.Message + r.Exception), Has.None.Contains(OtherKeyBase64).And.None.Contains(KeyBase64));
    }
}
