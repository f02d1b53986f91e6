using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AegisGate.Audit;
using AegisGate.Configuration;
using AegisGate.Crypto;
using AegisGate.Secrets;
using AegisGate.TestUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Moq;
using static AegisGate.Core.Tests.Audit.AuditTestSupport;

namespace AegisGate.Core.Tests.Audit;

/// <summary>Encryption at rest of the audit trail (<c>AegisGate:Audit:Encrypt</c>): sink, verifier and reader.</summary>
[CancelAfter(60_000)]
public sealed partial class AuditEncryptionTests
{
    private static readonly byte[] Kek1 = RandomNumberGenerator.GetBytes(32);
    private static readonly byte[] Kek2 = RandomNumberGenerator.GetBytes(32);

    private TempDirectory _data = null!;

    [SetUp]
    public void SetUp() => _data = new TempDirectory();

    [TearDown]
    public void TearDown() => _data.Dispose();

    private static EnvelopeEncryptor Encryptor(params (string Id, byte[] Key)[] keys)
        => new(new StaticKeyEncryptionKeyRing(new LocalKeyEncryptionKey(keys[0].Id, keys[0].Key), [.. keys.Skip(1).Select(k => (IKeyEncryptionKey)new LocalKeyEncryptionKey(k.Id, k.Key))]));

    private static EnvelopeEncryptor K1 => Encryptor(("k1", Kek1));

    private static void Encrypted(AuditOptions audit) => audit.Encrypt = true;

    private async Task WriteEncryptedAsync(int from, int count, IEnvelopeEncryptor encryptor, Action<AuditOptions>? configure = null, TempDirectory? data = null)
    {
        using var sink = CreateSink(data ?? _data, a => { a.Encrypt = true; configure?.Invoke(a); }, encryptor: encryptor);
        await WriteEventsAsync(sink, from, count);
    }

    private static async Task<List<AuditRecord>> ReadAllAsync(string path, IEnvelopeEncryptor? encryptor)
    {
        var records = new List<AuditRecord>();
        await foreach (var record in AuditReader.ReadAsync(path, encryptor))
        {
            records.Add(record);
        }

        return records;
    }

    /// <summary>Reads until the reader throws; returns what it yielded before and the exception.</summary>
    private static async Task<(List<AuditRecord> Records, AegisCryptoException? Error)> TryReadAllAsync(string path, IEnvelopeEncryptor? encryptor)
    {
        var records = new List<AuditRecord>();
        try
        {
            await foreach (var record in AuditReader.ReadAsync(path, encryptor))
            {
                records.Add(record);
            }

            return (records, null);
        }
        catch (AegisCryptoException ex)
        {
            return (records, ex);
        }
    }

    [GeneratedRegex("\"prev\":\"[^\"]*\"", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PrevMember();

    /// <summary>
    /// Recomputes every <c>prev</c> and <c>mac</c> with the chain key: what an attacker who holds the chain key but not
    /// the key-encryption key can do. The chain then verifies, so only the encryption can catch the edit.
    /// </summary>
    private static List<string> Rechain(List<string> lines)
    {
        var result = new List<string>(lines.Count);
        string? prev = null;
        foreach (var original in lines)
        {
            var line = prev is null ? original : PrevMember().Replace(original, $"\"prev\":\"{prev}\"", 1);
            var cut = line.LastIndexOf(",\"mac\":\"", StringComparison.Ordinal);
            var mac = Convert.ToBase64String(HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(line[..cut])));
            result.Add(line[..cut] + ",\"mac\":\"" + mac + "\"}");
            prev = mac;
        }

        return result;
    }

    private static string Enc(string line) => JsonDocument.Parse(line).RootElement.GetProperty("enc").GetString()!;

    private static string WithEnc(string line, string enc) => line.Replace(Enc(line), enc, StringComparison.Ordinal);

    private static string[] MemberNames(string line) => [.. JsonDocument.Parse(line).RootElement.EnumerateObject().Select(p => p.Name)];

    [Test]
    public async Task WriteAsync_Encrypted_KeepsOnlyChainFieldsInClearAndRoundTrips()
    {
        var events = Enumerable.Range(1, 4).Select(i => Event(i, new Dictionary<string, string> { ["tool"] = "secret-tool-" + i })).ToList();
        using (var sink = CreateSink(_data, Encrypted, encryptor: K1))
        {
            foreach (var e in events)
            {
                await sink.WriteAsync(e, CancellationToken.None);
            }
        }

        var text = await File.ReadAllTextAsync(ActiveFile(_data));
        var lines = Lines(ActiveFile(_data));
        var verified = Verify(ActiveFile(_data));
        var records = await ReadAllAsync(ActiveFile(_data), K1);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(MemberNames(lines[0]), Is.EqualTo(new[] { "v", "seq", "ts", "type", "alg", "kek", "segment", "wrappedKey", "prev", "mac" }));
            Assert.That(MemberNames(lines[1]), Is.EqualTo(new[] { "v", "seq", "ts", "type", "enc", "prev", "mac" }));
            Assert.That(lines[1], Does.StartWith("{\"v\":1,\"seq\":2,\"ts\":\"2026-01-02T03:04:05.001Z\",\"type\":\"event\",\"enc\":\""));
            Assert.That(text, Does.Not.Contain("alice").And.Not.Contain("req-").And.Not.Contain("secret-tool").And.Not.Contain("POST").And.Not.Contain("test-check"));
            Assert.That(verified.IsValid, Is.True, () => verified.Failure!.ToString());
            Assert.That(verified.RecordCount, Is.EqualTo(5), "the key record and four events");
            Assert.That(verified.EncryptedRecordCount, Is.EqualTo(4));
            Assert.That(verified.KeyEncryptionKeyIds, Is.EqualTo(new[] { "k1" }));
            Assert.That(records.Select(r => r.Kind), Is.EqualTo(new[] { AuditRecordKind.Key, AuditRecordKind.Event, AuditRecordKind.Event, AuditRecordKind.Event, AuditRecordKind.Event }));
            Assert.That(records.Skip(1).Select(r => r.Event), Is.EqualTo(events).Using<AuditEvent>(SameEvent));
            Assert.That(records.Skip(1).All(r => r.Encrypted && r.KeyId == "k1"), Is.True);
            Assert.That(records.Skip(1).Select(r => r.Sequence), Is.EqualTo(new long?[] { 2, 3, 4, 5 }));
        }
    }

    private static bool SameEvent(AuditEvent a, AuditEvent b)
        => a.Timestamp == b.Timestamp && a.RequestId == b.RequestId && a.Principal == b.Principal && a.Pillar == b.Pillar
            && a.Operation == b.Operation && a.Decision == b.Decision && a.Code == b.Code && a.Check == b.Check
            && a.LatencyMs.Equals(b.LatencyMs) && (a.Properties ?? new Dictionary<string, string>()).OrderBy(p => p.Key).SequenceEqual((b.Properties ?? new Dictionary<string, string>()).OrderBy(p => p.Key));

    [Test]
    public async Task WriteAsync_EncryptOff_WritesTheUnchangedPlaintextFormatEvenWithAnEncryptor()
    {
        using (var sink = CreateSink(_data, encryptor: K1))
        {
            await sink.WriteAsync(Event(3), CancellationToken.None);
            Assert.That(sink.IsEncrypted, Is.False);
        }

        var line = Lines(ActiveFile(_data)).Single();
        Assert.That(MemberNames(line), Is.EqualTo(new[] { "v", "seq", "ts", "type", "requestId", "principal", "pillar", "operation", "decision", "code", "check", "latencyMs", "prev", "mac" }));
        var records = await ReadAllAsync(ActiveFile(_data), null);
        Assert.That(records.Single().Event!.Principal, Is.EqualTo("alice"));
        Assert.That(records.Single().Encrypted, Is.False);
    }

    [Test]
    public async Task ReadAsync_WrongKeyEncryptionKey_FailsWithIntegrityErrorAndNoPlaintext()
    {
        await WriteEncryptedAsync(1, 3, K1);

        var (records, error) = await TryReadAllAsync(ActiveFile(_data), Encryptor(("k1", Kek2)));

        Assert.That(error, Is.Not.Null);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.Code, Is.EqualTo(AegisErrorCodes.CryptoIntegrityFailed));
            Assert.That(error.Message, Does.Contain("'k1'").And.Contain("cannot be unwrapped").And.Contain(":1 "));
            Assert.That(error.Message + error.InnerException, Does.Not.Contain("alice").And.Not.Contain("req-").And.Not.Contain(Convert.ToBase64String(Kek2)));
            Assert.That(records.Where(r => r.Event is not null), Is.Empty, "nothing decrypted is returned");
        }
    }

    [Test]
    public async Task ReadAsync_KeyNotInTheRing_FailsNamingTheKey()
    {
        await WriteEncryptedAsync(1, 2, K1);

        var (_, error) = await TryReadAllAsync(ActiveFile(_data), Encryptor(("k2", Kek2)));

        Assert.That(error, Is.Not.Null);
        Assert.That(error!.Message, Does.Contain("'k1'"));
    }

    [Test]
    public async Task ReadAsync_NoEncryptor_FailsClearly()
    {
        await WriteEncryptedAsync(1, 2, K1);

        var (_, noRing) = await TryReadAllAsync(ActiveFile(_data), null);
        var (_, disabled) = await TryReadAllAsync(ActiveFile(_data), new EnvelopeEncryptor(null));

        Assert.That(noRing?.Message, Does.Contain("no key-encryption key is configured"));
        Assert.That(disabled?.Message, Does.Contain("no key-encryption key is configured"));
    }

    [TestCase("nonce", 0)]
    [TestCase("ciphertext", 12)]
    [TestCase("tag", -1)]
    public async Task ReadAsync_SealedBytesTampered_IsDetectedEvenWhenTheChainIsRecomputed(string part, int offset)
    {
        await WriteEncryptedAsync(1, 3, K1);
        var file = ActiveFile(_data);
        var lines = Lines(file);
        var sealedBytes = Convert.FromBase64String(Enc(lines[2]));
        sealedBytes[offset < 0 ? sealedBytes.Length + offset : offset] ^= 0x01;

        lines[2] = WithEnc(lines[2], Convert.ToBase64String(sealedBytes));
        WriteLines(file, lines);
        var chainBroken = Verify(file);
        WriteLines(file, Rechain(lines));
        var chainForged = Verify(file);
        var (records, error) = await TryReadAllAsync(file, K1);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(chainBroken.IsValid, Is.False, $"{part}: the chain key alone detects the edit");
            Assert.That(chainBroken.Failure!.Sequence, Is.EqualTo(3));
            Assert.That(chainForged.IsValid, Is.True, "an attacker with the chain key can re-MAC the chain");
            Assert.That(error?.Code, Is.EqualTo(AegisErrorCodes.CryptoIntegrityFailed), $"{part}: the encryption detects it");
            Assert.That(error?.Message, Does.Contain("seq 3").And.Contain("failed authentication"));
            Assert.That(records.Count(r => r.Event is not null), Is.EqualTo(1), "records before the tampered one are returned, nothing after");
        }
    }

    [Test]
    public async Task ReadAsync_RecordsSwappedWithinAFile_IsDetected()
    {
        await WriteEncryptedAsync(1, 4, K1);
        var file = ActiveFile(_data);
        var lines = Lines(file);
        var (second, third) = (Enc(lines[2]), Enc(lines[3]));
        lines[2] = WithEnc(lines[2], third);
        lines[3] = WithEnc(lines[3], second);
        WriteLines(file, Rechain(lines));

        var (_, error) = await TryReadAllAsync(file, K1);

        Assert.That(Verify(file).IsValid, Is.True);
        Assert.That(error?.Message, Does.Contain("seq 3").And.Contain("moved from another position or file"));
    }

    [Test]
    public async Task ReadAsync_ClearTimeEdited_IsDetected()
    {
        await WriteEncryptedAsync(1, 2, K1);
        var file = ActiveFile(_data);
        var lines = Lines(file);
        lines[1] = lines[1].Replace("2026-01-02T03:04:05.001Z", "2026-01-02T03:04:06.001Z", StringComparison.Ordinal);
        WriteLines(file, Rechain(lines));

        var (_, error) = await TryReadAllAsync(file, K1);

        Assert.That(Verify(file).IsValid, Is.True);
        Assert.That(error?.Code, Is.EqualTo(AegisErrorCodes.CryptoIntegrityFailed));
    }

    [Test]
    public async Task ReadAsync_RecordMovedFromAnotherFile_IsDetected()
    {
        using var other = new TempDirectory();
        await WriteEncryptedAsync(1, 3, K1);
        await WriteEncryptedAsync(1, 3, K1, data: other);
        var file = ActiveFile(_data);
        var lines = Lines(file);
        var foreign = Lines(ActiveFile(other));

        // Same sequence number, same time, same key-encryption key: only the file's own data key and segment differ.
        lines[2] = WithEnc(lines[2], Enc(foreign[2]));
        WriteLines(file, Rechain(lines));
        var (_, moved) = await TryReadAllAsync(file, K1);

        // The other file's key record with it: its data key opens the moved record but not the file's own.
        lines = Lines(file);
        lines[0] = foreign[0];
        WriteLines(file, Rechain(lines));
        var (records, keyMoved) = await TryReadAllAsync(file, K1);

        Assert.That(moved?.Message, Does.Contain("seq 3").And.Contain("failed authentication"));
        Assert.That(keyMoved?.Message, Does.Contain("seq 2").And.Contain("failed authentication"));
        Assert.That(records.Where(r => r.Event is not null), Is.Empty);
    }

    [Test]
    public async Task ReadAsync_WrappedKeyTampered_IsDetected()
    {
        await WriteEncryptedAsync(1, 2, K1);
        var file = ActiveFile(_data);
        var lines = Lines(file);
        var wrapped = JsonDocument.Parse(lines[0]).RootElement.GetProperty("wrappedKey").GetString()!;
        var bytes = Convert.FromBase64String(wrapped);
        bytes[^3] ^= 0x20;
        lines[0] = lines[0].Replace(wrapped, Convert.ToBase64String(bytes), StringComparison.Ordinal);
        WriteLines(file, Rechain(lines));

        var (_, error) = await TryReadAllAsync(file, K1);

        Assert.That(error?.Message, Does.Contain("cannot be unwrapped"));
    }

    [Test]
    public async Task ReadAsync_EncryptedRecordWithoutKeyRecord_IsDetected()
    {
        await WriteEncryptedAsync(1, 2, K1);
        var file = ActiveFile(_data);
        WriteLines(file, Lines(file).Skip(1));

        var (_, error) = await TryReadAllAsync(file, K1);

        Assert.That(error?.Message, Does.Contain("no key record precedes it"));
    }

    [Test]
    public async Task WriteAsync_Rotation_GivesEveryFileItsOwnDataKeyAndTheTrailVerifiesAndReads()
    {
        await WriteEncryptedAsync(1, 60, K1, a => { a.MaxFileBytes = 4096; a.MaxRetainedFiles = 100; });

        var verified = Verify(AuditDirectory(_data));
        var records = await ReadAllAsync(AuditDirectory(_data), K1);
        var firstLines = verified.Files.Select(f => JsonDocument.Parse(Lines(f)[0]).RootElement).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(verified.IsValid, Is.True, () => verified.Failure!.ToString());
            Assert.That(verified.Files, Has.Count.GreaterThan(2));
            Assert.That(verified.EncryptedRecordCount, Is.EqualTo(60));
            Assert.That(firstLines.Select(l => l.GetProperty("type").GetString()), Has.All.EqualTo("key"), "every file starts with its key record");
            Assert.That(firstLines.Select(l => l.GetProperty("segment").GetString()), Is.Unique);
            Assert.That(firstLines.Select(l => l.GetProperty("wrappedKey").GetString()), Is.Unique);
            Assert.That(verified.Files.Select(f => new FileInfo(f).Length), Has.All.LessThanOrEqualTo(4096));
            Assert.That(records.Where(r => r.Kind == AuditRecordKind.Event).Select(r => r.Event!.RequestId), Is.EqualTo(Enumerable.Range(1, 60).Select(i => "req-" + i)));
        }
    }

    [Test]
    public async Task WriteAsync_Restart_StartsANewKeySegmentAndEverythingReads()
    {
        await WriteEncryptedAsync(1, 2, K1);
        await WriteEncryptedAsync(3, 2, K1);

        var lines = Lines(ActiveFile(_data));
        var keyRecords = lines.Select(l => JsonDocument.Parse(l).RootElement).Where(r => r.GetProperty("type").GetString() == "key").ToList();
        var records = await ReadAllAsync(ActiveFile(_data), K1);

        Assert.That(Verify(ActiveFile(_data)).IsValid, Is.True);
        Assert.That(keyRecords, Has.Count.EqualTo(2));
        Assert.That(keyRecords[0].GetProperty("segment").GetString(), Is.Not.EqualTo(keyRecords[1].GetProperty("segment").GetString()));
        Assert.That(records.Where(r => r.Event is not null).Select(r => r.Event!.RequestId), Is.EqualTo(new[] { "req-1", "req-2", "req-3", "req-4" }));
    }

    [Test]
    public async Task ReadAsync_AfterKeyEncryptionKeyRotation_ReadsOldRecordsWithTheRetiredKey()
    {
        await WriteEncryptedAsync(1, 3, K1);
        await WriteEncryptedAsync(4, 2, Encryptor(("k2", Kek2), ("k1", Kek1)));

        var verified = Verify(ActiveFile(_data));
        var records = await ReadAllAsync(ActiveFile(_data), Encryptor(("k2", Kek2), ("k1", Kek1)));
        var (_, withoutOldKey) = await TryReadAllAsync(ActiveFile(_data), Encryptor(("k2", Kek2)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verified.IsValid, Is.True);
            Assert.That(verified.KeyEncryptionKeyIds, Is.EqualTo(new[] { "k1", "k2" }));
            Assert.That(records.Where(r => r.Event is not null).Select(r => r.KeyId), Is.EqualTo(new[] { "k1", "k1", "k1", "k2", "k2" }));
            Assert.That(records.Where(r => r.Event is not null).Select(r => r.Event!.RequestId), Is.EqualTo(new[] { "req-1", "req-2", "req-3", "req-4", "req-5" }));
            Assert.That(withoutOldKey?.Message, Does.Contain("'k1'"), "a retired key removed from the ring makes its records unreadable, with an error");
        }
    }

    [Test]
    public async Task Open_TornEncryptedTail_IsCoveredByARecoveryRecordAndStillReads()
    {
        await WriteEncryptedAsync(1, 5, K1);
        var file = ActiveFile(_data);
        var torn = Encoding.UTF8.GetBytes(Lines(file)[3])[..70];
        await using (var f = new FileStream(file, FileMode.Append))
        {
            await f.WriteAsync(torn);
        }

        await WriteEncryptedAsync(6, 1, K1);

        var verified = Verify(file);
        var records = await ReadAllAsync(file, K1);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(verified.IsValid, Is.True, () => verified.Failure!.ToString());
            Assert.That(verified.Recoveries, Has.Count.EqualTo(1));
            Assert.That(records.Select(r => r.Kind), Is.EqualTo(new[]
            {
                AuditRecordKind.Key, AuditRecordKind.Event, AuditRecordKind.Event, AuditRecordKind.Event, AuditRecordKind.Event, AuditRecordKind.Event,
                AuditRecordKind.Unreadable, AuditRecordKind.Recovery, AuditRecordKind.Key, AuditRecordKind.Event,
            }));
            Assert.That(records.Where(r => r.Event is not null).Select(r => r.Event!.RequestId), Is.EqualTo(Enumerable.Range(1, 6).Select(i => "req-" + i)));
        }
    }

    [Test]
    [CancelAfter(60_000)]
    public async Task WriteAsync_ConcurrentWriters_EveryRecordDecryptsAndNoNonceRepeats()
    {
        const int writers = 8;
        const int perWriter = 100;
        using (var sink = CreateSink(_data, a => { a.Encrypt = true; a.MaxFileBytes = 16 * 1024; a.MaxRetainedFiles = 1000; }, encryptor: K1))
        {
            await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
            {
                for (var i = 0; i < perWriter; i++)
                {
                    await sink.WriteAsync(Event((w * perWriter) + i + 1), CancellationToken.None);
                }
            })));
        }

        var verified = Verify(AuditDirectory(_data));
        var records = await ReadAllAsync(AuditDirectory(_data), K1);
        // A nonce must never repeat under one data key; every file has its own (one writer session, no reopen).
        var nonces = verified.Files.SelectMany(f => Lines(f).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(r => r.TryGetProperty("enc", out _))
            .Select(r => f + ":" + Convert.ToHexString(Convert.FromBase64String(r.GetProperty("enc").GetString()!).AsSpan(0, 12))))
            .ToList();
        var segments = verified.Files.SelectMany(Lines).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(r => r.GetProperty("type").GetString() == "key").Select(r => r.GetProperty("segment").GetString()).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(verified.IsValid, Is.True, () => verified.Failure!.ToString());
            Assert.That(records.Where(r => r.Event is not null).Select(r => r.Event!.RequestId).ToList(), Is.Unique.And.Count.EqualTo(writers * perWriter));
            Assert.That(segments, Is.Unique.And.Count.EqualTo(verified.Files.Count), "one data key per file");
            Assert.That(nonces, Is.Unique.And.Count.EqualTo(writers * perWriter));
        }
    }

    [Test]
    public async Task NoncesUnderOneDataKey_NeverRepeat()
    {
        await WriteEncryptedAsync(1, 200, K1);

        var nonces = Lines(ActiveFile(_data)).Skip(1).Select(l => Convert.ToHexString(Convert.FromBase64String(Enc(l)).AsSpan(0, 12))).ToList();

        Assert.That(nonces, Is.Unique.And.Count.EqualTo(200));
    }

    [Test]
    public void WriteAsync_EncryptWithoutEncryptor_RefusesToWriteAnything()
    {
        using var noEncryptor = CreateSink(_data, Encrypted);
        using var disabled = CreateSink(_data, Encrypted, encryptor: new EnvelopeEncryptor(null));

        var missing = Assert.ThrowsAsync<AuditSinkException>(async () => await noEncryptor.WriteAsync(Event(1), CancellationToken.None));
        var off = Assert.ThrowsAsync<AuditSinkException>(async () => await disabled.WriteAsync(Event(1), CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(missing!.Message, Does.Contain("AddAegisEncryption"));
            Assert.That(off!.Message, Does.Contain("disabled"));
            Assert.That(noEncryptor.ConfigurationProblem, Is.Not.Null);
            Assert.That(File.Exists(ActiveFile(_data)), Is.False, "never plaintext");
        }
    }

    [Test]
    public void WriteAsync_KeyEncryptionKeyUnavailable_FailsAndWritesNothing()
    {
        var kek = new Mock<IKeyEncryptionKey>();
        kek.SetupGet(k => k.KeyId).Returns("vault-kek");
        kek.SetupGet(k => k.Algorithm).Returns(KeyWrapAlgorithm.VaultTransit);
        kek.Setup(k => k.WrapAsync(It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new SecretUnavailableException("vault", "transit/keys/aegis", "503"));
        using var sink = CreateSink(_data, Encrypted, encryptor: new EnvelopeEncryptor(new StaticKeyEncryptionKeyRing(kek.Object)));

        Assert.That(async () => await sink.WriteAsync(Event(1), CancellationToken.None), Throws.Exception);
        Assert.That(sink.IsFaulted, Is.True);
        Assert.That(!File.Exists(ActiveFile(_data)) || new FileInfo(ActiveFile(_data)).Length == 0, Is.True, "nothing written, never plaintext");
    }

    [Test]
    public async Task Logs_NeverContainPlaintextOrKeys()
    {
        var logger = new FakeLogger<JsonlAuditSink>();
        using (var sink = CreateSink(_data, a => { a.Encrypt = true; a.MaxFileBytes = 2048; }, logger: logger, encryptor: K1))
        {
            await WriteEventsAsync(sink, 1, 20);
        }

        var messages = logger.Collector.GetSnapshot().Select(r => r.Message + r.Exception).ToList();
        Assert.That(messages.Any(m => m.Contains("key-encryption key k1", StringComparison.Ordinal)), Is.True, "event 1113 names the key id");
        Assert.That(messages, Has.None.Contains("alice").And.None.Contains("req-").And.None.Contains(Convert.ToBase64String(Kek1)).And.None.Contains(KeyBase64));
    }

    [Test]
    public async Task Open_EncryptionTurnedOffOnAnEncryptedTrail_WarnsAndTheTrailStillReads()
    {
        await WriteEncryptedAsync(1, 2, K1);
        var logger = new FakeLogger<JsonlAuditSink>();
        using (var sink = CreateSink(_data, logger: logger))
        {
            await sink.WriteAsync(Event(3), CancellationToken.None);
        }

        var records = await ReadAllAsync(ActiveFile(_data), K1);
        Assert.That(logger.Collector.GetSnapshot().Any(r => r.Id.Id == 1114 && r.Level == LogLevel.Warning), Is.True);
        Assert.That(records.Where(r => r.Event is not null).Select(r => r.Encrypted), Is.EqualTo(new[] { true, true, false }));
    }

    // --- Host start: fail closed ----------------------------------------------------------------------------

    private IHost BuildHost(Dictionary<string, string?> settings, bool addEncryption)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AegisGate:DataDirectory"] = _data.Path,
            ["AegisGate:Audit:Key"] = KeyBase64,
            ["AegisGate:Audit:Encrypt"] = "true",
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        var aegis = builder.Services.AddAegisGate(builder.Configuration.GetSection("AegisGate"))
            .AddPipeline("p", static (p, _) => p.AddCheck(TestChecks.Allow()));
        if (addEncryption)
        {
            aegis.AddAegisSecrets(builder.Configuration.GetSection("AegisGate:Secrets"))
                .AddAegisEncryption(builder.Configuration.GetSection("AegisGate:Encryption"));
        }

        return builder.Build();
    }

    [Test]
    public void Host_AuditEncryptWithoutEncryption_DoesNotStart()
    {
        using var host = BuildHost([], addEncryption: false);

        var ex = Assert.ThrowsAsync<InvalidOperationException>(async () => await host.StartAsync());

        Assert.That(ex!.Message, Does.Contain("AegisGate:Audit:Encrypt").And.Contain("AddAegisEncryption()"));
    }

    [Test]
    public void Host_AuditEncryptWithEncryptionDisabled_DoesNotStart()
    {
        using var host = BuildHost(new() { ["AegisGate:Encryption:Enabled"] = "false" }, addEncryption: true);

        var ex = Assert.ThrowsAsync<InvalidOperationException>(async () => await host.StartAsync());

        Assert.That(ex!.Message, Does.Contain("encryption at rest is disabled"));
    }

    [Test]
    public async Task Host_AuditEncryptWithEncryption_StartsAndWritesAnEncryptedTrail()
    {
        await File.WriteAllTextAsync(_data.Combine("kek"), Convert.ToBase64String(Kek1));
        using var host = BuildHost(new()
        {
            ["AegisGate:Secrets:FilesDirectory"] = _data.Path,
            ["AegisGate:Encryption:Enabled"] = "true",
            ["AegisGate:Encryption:ActiveKeyId"] = "kek-2026",
            ["AegisGate:Encryption:Keys:kek-2026:Secret"] = "file:kek",
        }, addEncryption: true);

        await host.StartAsync();
        var trail = host.Services.GetRequiredService<AuditTrail>();
        var decision = await trail.RecordAsync(Event(1), CancellationToken.None);
        await host.StopAsync();

        var records = await ReadAllAsync(AuditDirectory(_data), Encryptor(("kek-2026", Kek1)));
        Assert.That(decision.IsAllowed, Is.True);
        Assert.That(records.Single(r => r.Event is not null).Event!.Principal, Is.EqualTo("alice"));
        Assert.That(records.Single(r => r.Event is not null).KeyId, Is.EqualTo("kek-2026"));
        Assert.That(await File.ReadAllTextAsync(ActiveFile(_data)), Does.Not.Contain("alice"));
    }
}
