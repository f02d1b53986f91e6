using System.Security.Cryptography;
using System.Text;
using AegisGate.A2A.Capabilities;
using AegisGate.Audit;
using AegisGate.Configuration;
using AegisGate.Crypto;
using AegisGate.Secrets;
using AegisGate.TestUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AegisGate.A2A.Tests.Capabilities;

/// <summary>The persisted capability map encrypted at rest with Core's envelope encryption (AES-256-GCM, per-file data keys).</summary>
public sealed class CapabilityEncryptionTests
{
    private TempDirectory _dir = null!;
    private string _yaml = null!;
    private string _json = null!;
    private AuditTrail _audit = null!;
    private FakeLogger _logger = null!;
    private byte[] _kek = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new TempDirectory();
        _yaml = _dir.Combine("a2a_caps.yaml");
        _json = _dir.Combine("state/capabilities.json");
        File.WriteAllText(_yaml, "agents:\n  agent-a:\n    capabilities: [send_message]\n");
        var sink = new Mock<IAuditSink>();
        sink.Setup(s => s.WriteAsync(It.IsAny<AuditEvent>(), It.IsAny<CancellationToken>())).Returns(ValueTask.CompletedTask);
        _audit = new AuditTrail(sink.Object, Options.Create(new AegisGateOptions()), new AegisGate.Diagnostics.AegisMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()), NullLogger<AuditTrail>.Instance);
        _logger = new FakeLogger();
        _kek = RandomNumberGenerator.GetBytes(32);
    }

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private static EnvelopeEncryptor Encryptor(byte[] key, string keyId = "kek-1") => new(new StaticKeyEncryptionKeyRing(new LocalKeyEncryptionKey(keyId, key)));

    private CapabilityStore Open(IEnvelopeEncryptor? encryptor, bool allowMigration = false)
        => new(_yaml, _json, _logger, null, watch: false, new FakeTimeProvider(), encryptor, allowMigration);

    private async Task GrantAgentBAsync(IEnvelopeEncryptor? encryptor)
    {
        using var store = Open(encryptor);
        var result = await store.SetAgentAsync("agent-b", ["get_task", "send_message"], "ops", _audit, null, CancellationToken.None);
        Assert.That(result.Status, Is.EqualTo(CapabilityChangeStatus.Applied));
    }

    private void AssertRefusedAndLogged(Func<CapabilityStore> open)
    {
        var ex = Assert.Throws<AegisCryptoException>(() => open().Dispose());
        Assert.That(ex!.Code, Is.EqualTo(AegisErrorCodes.CryptoIntegrityFailed));
        var refused = _logger.Collector.GetSnapshot().Where(r => r.Id.Id == 4012).ToList();
        Assert.That(refused, Has.Count.EqualTo(1));
        Assert.That(refused[0].Level, Is.EqualTo(LogLevel.Error));
        Assert.That(refused[0].Message, Does.Contain("AEGIS_CRYPTO_INTEGRITY_FAILED").And.Contain(Path.GetFullPath(_json)));
        Assert.That(refused[0].Message, Does.Not.Contain(Convert.ToBase64String(_kek)));
    }

    [Test]
    public async Task SetAgentAsync_EncryptionOn_WritesEnvelopeThatSurvivesReopen()
    {
        await GrantAgentBAsync(Encryptor(_kek));

        var bytes = File.ReadAllBytes(_json);
        Assert.That(EnvelopeFormat.IsEnvelope(bytes), Is.True);
        Assert.That(EnvelopeFormat.TryReadKeyId(bytes, out var keyId) ? keyId : null, Is.EqualTo("kek-1"));
        Assert.That(Encoding.UTF8.GetString(bytes), Does.Not.Contain("agent-b").And.Not.Contain("get_task").And.Not.Contain("ops"));

        using var reopened = Open(Encryptor(_kek));
        Assert.That(reopened.EncryptedAtRest, Is.True);
        Assert.That(reopened.Current.Agents["agent-b"].Capabilities, Is.EquivalentTo(new[] { "get_task", "send_message" }));
        Assert.That(reopened.Current.Agents["agent-a"].Source, Is.EqualTo(GrantSource.Yaml));
    }

    [Test]
    public async Task Open_EncryptionDisabledEncryptor_StaysPlaintext()
    {
        await GrantAgentBAsync(new EnvelopeEncryptor(null));

        Assert.That(EnvelopeFormat.IsEnvelope(File.ReadAllBytes(_json)), Is.False);
        using var reopened = Open(null);
        Assert.That(reopened.EncryptedAtRest, Is.False);
        Assert.That(reopened.Current.Agents.ContainsKey("agent-b"), Is.True);
    }

    [TestCase(0, TestName = "Open_TamperedMagic_IsRefused")]
    [TestCase(10, TestName = "Open_TamperedKeyId_IsRefused")]
    [TestCase(40, TestName = "Open_TamperedWrappedKey_IsRefused")]
    [TestCase(-20, TestName = "Open_TamperedCiphertext_IsRefused")]
    [TestCase(-1, TestName = "Open_TamperedTag_IsRefused")]
    public async Task Open_TamperedByte_IsRefused(int offset)
    {
        await GrantAgentBAsync(Encryptor(_kek));
        var bytes = File.ReadAllBytes(_json);
        bytes[offset >= 0 ? offset : bytes.Length + offset] ^= 0x01;
        File.WriteAllBytes(_json, bytes);

        AssertRefusedAndLogged(() => Open(Encryptor(_kek)));
    }

    [Test]
    public async Task Open_TruncatedOrExtendedEnvelope_IsRefused()
    {
        await GrantAgentBAsync(Encryptor(_kek));
        var bytes = File.ReadAllBytes(_json);

        File.WriteAllBytes(_json, bytes[..^1]);
        AssertRefusedAndLogged(() => Open(Encryptor(_kek)));

        _logger.Collector.Clear();
        File.WriteAllBytes(_json, [.. bytes, 0]);
        AssertRefusedAndLogged(() => Open(Encryptor(_kek)));
    }

    [Test]
    public async Task Open_WrongKeyWithSameId_IsRefused()
    {
        await GrantAgentBAsync(Encryptor(_kek));

        AssertRefusedAndLogged(() => Open(Encryptor(RandomNumberGenerator.GetBytes(32))));
    }

    [Test]
    public async Task Open_KeyIdNotInRing_IsRefused()
    {
        await GrantAgentBAsync(Encryptor(_kek));

        AssertRefusedAndLogged(() => Open(Encryptor(_kek, "kek-2")));
    }

    [Test]
    public async Task Open_RotatedKeyRing_ReadsOldEnvelopeAndWritesWithNewKey()
    {
        await GrantAgentBAsync(Encryptor(_kek));
        var newKek = RandomNumberGenerator.GetBytes(32);
        var rotated = new EnvelopeEncryptor(new StaticKeyEncryptionKeyRing(new LocalKeyEncryptionKey("kek-2", newKek), new LocalKeyEncryptionKey("kek-1", _kek)));

        using (var store = Open(rotated))
        {
            Assert.That(store.Current.Agents.ContainsKey("agent-b"), Is.True);
            await store.RemoveAgentAsync("agent-a", "ops", _audit, null, CancellationToken.None);
        }

        Assert.That(EnvelopeFormat.TryReadKeyId(File.ReadAllBytes(_json), out var keyId) ? keyId : null, Is.EqualTo("kek-2"));
    }

    [Test]
    public async Task Open_EnvelopeForAnotherPurpose_IsRefused()
    {
        var encryptor = Encryptor(_kek);
        var json = Encoding.UTF8.GetBytes("{\"version\":1,\"agents\":{\"mallory\":{\"capabilities\":[\"send_message\"]}}}");
        Directory.CreateDirectory(Path.GetDirectoryName(_json)!);
        File.WriteAllBytes(_json, await encryptor.EncryptAsync(json, "aegisgate:mcp-sessions:v1"u8.ToArray()));

        AssertRefusedAndLogged(() => Open(encryptor));
    }

    [Test]
    public async Task Open_EncryptedFileWithoutEncryption_IsRefused()
    {
        await GrantAgentBAsync(Encryptor(_kek));

        AssertRefusedAndLogged(() => Open(null));
    }

    [Test]
    public async Task Open_PlaintextFileWhileEncryptionOn_IsRefusedAndLeftUntouched()
    {
        await GrantAgentBAsync(null);
        var plaintext = File.ReadAllBytes(_json);

        AssertRefusedAndLogged(() => Open(Encryptor(_kek)));
        Assert.That(File.ReadAllBytes(_json), Is.EqualTo(plaintext));
    }

    [Test]
    public async Task Open_PlaintextFileWithMigrationAllowed_IsEncryptedInPlace()
    {
        await GrantAgentBAsync(null);

        using (var migrated = Open(Encryptor(_kek), allowMigration: true))
        {
            Assert.That(migrated.Current.Agents["agent-b"].Capabilities, Is.EquivalentTo(new[] { "get_task", "send_message" }));
        }

        Assert.That(EnvelopeFormat.IsEnvelope(File.ReadAllBytes(_json)), Is.True);
        Assert.That(_logger.Collector.GetSnapshot().Count(r => r.Id.Id == 4013 && r.Level == LogLevel.Warning), Is.EqualTo(1));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(_json)!, "*.tmp"), Is.Empty);

        using var reopened = Open(Encryptor(_kek));
        Assert.That(reopened.Current.Agents["agent-b"].Capabilities, Is.EquivalentTo(new[] { "get_task", "send_message" }));
    }

    [Test]
    public async Task Open_MigrationFlagLeftOnWithEncryptedFile_WarnsToTurnItOff()
    {
        await GrantAgentBAsync(Encryptor(_kek));

        using var store = Open(Encryptor(_kek), allowMigration: true);

        Assert.That(_logger.Collector.GetSnapshot().Count(r => r.Id.Id == 4014 && r.Level == LogLevel.Warning), Is.EqualTo(1));
    }

    [Test]
    public async Task Open_PlaintextMigrationOfCorruptFile_IsRefused()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_json)!);
        await File.WriteAllTextAsync(_json, "{ not json");

        Assert.Throws<InvalidDataException>(() => Open(Encryptor(_kek), allowMigration: true).Dispose());
        Assert.That(await File.ReadAllTextAsync(_json), Is.EqualTo("{ not json"));
    }

    [Test]
    public async Task SetAgentAsync_EncryptionOn_CrashBetweenWriteAndRename_KeepsPreviousEncryptedMap()
    {
        await GrantAgentBAsync(Encryptor(_kek));
        var before = File.ReadAllBytes(_json);
        using (var store = Open(Encryptor(_kek)))
        {
            store.BeforeRename = static _ => throw new IOException("simulated crash");

            var result = await store.SetAgentAsync("agent-b", [], "ops", _audit, null, CancellationToken.None);

            Assert.That(result.Status, Is.EqualTo(CapabilityChangeStatus.PersistFailed));
            Assert.That(File.ReadAllBytes(_json), Is.EqualTo(before));
            Assert.That(store.Current.Agents["agent-b"].Capabilities, Has.Count.EqualTo(2));
        }

        // A process that died after writing the temporary file leaves it behind; the next start removes it.
        File.WriteAllBytes(_json + ".0123456789abcdef.tmp", before[..40]);
        using var reopened = Open(Encryptor(_kek));
        Assert.That(reopened.Current.Agents["agent-b"].Capabilities, Has.Count.EqualTo(2));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(_json)!, "*.tmp"), Is.Empty);
    }

    [Test]
    public async Task SetAgentAsync_KeyEncryptionKeyUnavailable_AnswersSecretUnavailableAndChangesNothing()
    {
        var encryptor = new Mock<IEnvelopeEncryptor>(MockBehavior.Strict);
        encryptor.SetupGet(e => e.IsEnabled).Returns(true);
        encryptor.Setup(e => e.EncryptAsync(It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<CancellationToken>()))
            .Returns(() => ValueTask.FromException<byte[]>(new SecretUnavailableException("vault", "kek", "Vault is sealed")));
        using var store = Open(encryptor.Object);

        var result = await store.SetAgentAsync("agent-b", ["get_task"], "ops", _audit, null, CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(CapabilityChangeStatus.PersistFailed));
        Assert.That(result.Decision.Code, Is.EqualTo(AegisErrorCodes.SecretUnavailable));
        Assert.That(result.Decision.StatusCode, Is.EqualTo(503));
        Assert.That(File.Exists(_json), Is.False);
        Assert.That(store.Current.Agents.ContainsKey("agent-b"), Is.False);
    }
}
