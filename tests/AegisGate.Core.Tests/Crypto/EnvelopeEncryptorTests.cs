using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using AegisGate.Crypto;
using AegisGate.Secrets;
using Moq;

namespace AegisGate.Core.Tests.Crypto;

public sealed class EnvelopeEncryptorTests
{
    private static readonly byte[] Aad = "aegisgate:test-store:v1"u8.ToArray();
    private static readonly byte[] Plaintext = Encoding.UTF8.GetBytes("{\"agents\":{\"demo-agent\":[\"tasks/send\"]}}");

    private static LocalKeyEncryptionKey Key(string id) => new(id, RandomNumberGenerator.GetBytes(32));

    private static EnvelopeEncryptor Encryptor(IKeyEncryptionKey active, params IKeyEncryptionKey[] others) => new(new StaticKeyEncryptionKeyRing(active, others));

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(4096)]
    [TestCase(1024 * 1024)]
    public async Task RoundTrip_AnySize_ReturnsPlaintext(int size)
    {
        var encryptor = Encryptor(Key("k1"));
        var data = RandomNumberGenerator.GetBytes(size);

        var envelope = await encryptor.EncryptAsync(data, Aad);
        var back = await encryptor.DecryptAsync(envelope, Aad);

        Assert.That(back, Is.EqualTo(data));
        Assert.That(EnvelopeFormat.IsEnvelope(envelope), Is.True);
        // Only meaningful for 16+ bytes: 1 random byte appears somewhere in a ~100-byte envelope by chance about a third of the time.
        Assert.That(size < 16 || envelope.AsSpan().IndexOf(data.AsSpan(0, 16)) < 0, Is.True, "plaintext does not appear in the envelope");
    }

    [Test]
    public async Task Encrypt_Twice_UsesFreshDataKeyAndNonce()
    {
        var encryptor = Encryptor(Key("k1"));

        var first = await encryptor.EncryptAsync(Plaintext, Aad);
        var second = await encryptor.EncryptAsync(Plaintext, Aad);

        Assert.That(first, Is.Not.EqualTo(second));
    }

    [Test]
    public async Task Decrypt_EveryByteFlipped_FailsIntegrity()
    {
        // Covers every header field (magic, version, algorithms, key id, wrapped key, nonce, length) and the body.
        var encryptor = Encryptor(Key("k1"));
        var envelope = await encryptor.EncryptAsync(Plaintext, Aad);

        for (var i = 0; i < envelope.Length; i++)
        {
            var tampered = envelope.ToArray();
            tampered[i] ^= 0x01;
            var ex = Assert.ThrowsAsync<AegisCryptoException>(async () => await encryptor.DecryptAsync(tampered, Aad), $"byte {i}");
            Assert.That(ex!.Code, Is.EqualTo(AegisErrorCodes.CryptoIntegrityFailed));
        }
    }

    [TestCase("magic", 0)]
    [TestCase("version", 4)]
    [TestCase("content algorithm", 5)]
    [TestCase("key id length", 6)]
    [TestCase("key id", 7)]
    [TestCase("wrap algorithm", 9)]
    [TestCase("wrapped key length", 11)]
    [TestCase("wrapped key", 12)]
    [TestCase("nonce", 72)]
    [TestCase("plaintext length", 90)]
    [TestCase("ciphertext", 92)]
    public async Task Decrypt_HeaderFieldTampered_FailsIntegrity(string field, int offset)
    {
        var encryptor = Encryptor(Key("k1"));
        var envelope = await encryptor.EncryptAsync(Plaintext, Aad);
        // Layout for key id "k1" and a 60-byte local wrapped key: 7 + 2 + 1 + 2 + 60 + 12 + 8 = 92 header bytes.
        Assert.That(BinaryPrimitives.ReadInt64BigEndian(envelope.AsSpan(84)), Is.EqualTo(Plaintext.Length), "layout assumption");
        envelope[offset] ^= 0x40;

        var ex = Assert.ThrowsAsync<AegisCryptoException>(async () => await encryptor.DecryptAsync(envelope, Aad), field);

        Assert.That(ex!.Message, Does.StartWith("Encrypted data failed its integrity check"));
    }

    [Test]
    public async Task Decrypt_TagTampered_FailsIntegrity()
    {
        var encryptor = Encryptor(Key("k1"));
        var envelope = await encryptor.EncryptAsync(Plaintext, Aad);
        envelope[^1] ^= 0x80;

        Assert.ThrowsAsync<AegisCryptoException>(async () => await encryptor.DecryptAsync(envelope, Aad));
    }

    [Test]
    public async Task Decrypt_EveryTruncation_FailsIntegrity()
    {
        var encryptor = Encryptor(Key("k1"));
        var envelope = await encryptor.EncryptAsync(Plaintext, Aad);

        for (var length = 0; length < envelope.Length; length++)
        {
            Assert.ThrowsAsync<AegisCryptoException>(async () => await encryptor.DecryptAsync(envelope.AsMemory(0, length), Aad), $"length {length}");
        }
    }

    [Test]
    public async Task Decrypt_ExtraBytes_FailsIntegrity()
    {
        var encryptor = Encryptor(Key("k1"));
        var envelope = await encryptor.EncryptAsync(Plaintext, Aad);

        Assert.ThrowsAsync<AegisCryptoException>(async () => await encryptor.DecryptAsync(envelope.Append((byte)0).ToArray(), Aad));
    }

    [Test]
    public async Task Decrypt_OtherAssociatedData_FailsIntegrity()
    {
        var encryptor = Encryptor(Key("k1"));
        var envelope = await encryptor.EncryptAsync(Plaintext, Aad);

        Assert.ThrowsAsync<AegisCryptoException>(async () => await encryptor.DecryptAsync(envelope, "aegisgate:other-store:v1"u8.ToArray()));
    }

    [Test]
    public async Task Decrypt_SameKeyIdOtherKeyMaterial_FailsIntegrity()
    {
        var envelope = await Encryptor(Key("k1")).EncryptAsync(Plaintext, Aad);

        var ex = Assert.ThrowsAsync<AegisCryptoException>(async () => await Encryptor(Key("k1")).DecryptAsync(envelope, Aad));

        Assert.That(ex!.Message, Does.Contain("cannot be unwrapped with key 'k1'"));
    }

    [Test]
    public async Task Decrypt_KeyIdNotInRing_FailsIntegrity()
    {
        var envelope = await Encryptor(Key("k1")).EncryptAsync(Plaintext, Aad);

        var ex = Assert.ThrowsAsync<AegisCryptoException>(async () => await Encryptor(Key("k2")).DecryptAsync(envelope, Aad));

        Assert.That(ex!.Message, Does.Contain("'k1'").And.Contain("not in the key ring"));
    }

    [Test]
    public async Task Rotation_OldDataReadableWithOldKey_NewDataUsesNewKey()
    {
        var k1 = Key("k1");
        var k2 = Key("k2");
        var old = await Encryptor(k1).EncryptAsync(Plaintext, Aad);

        var rotated = Encryptor(k2, k1);
        var fresh = await rotated.EncryptAsync(Plaintext, Aad);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(await rotated.DecryptAsync(old, Aad), Is.EqualTo(Plaintext));
            Assert.That(await rotated.DecryptAsync(fresh, Aad), Is.EqualTo(Plaintext));
            Assert.That(EnvelopeFormat.TryReadKeyId(old, out var oldId) ? oldId : null, Is.EqualTo("k1"));
            Assert.That(EnvelopeFormat.TryReadKeyId(fresh, out var newId) ? newId : null, Is.EqualTo("k2"));
            Assert.That(rotated.ActiveKeyId, Is.EqualTo("k2"));
        }

        // Once k1 is retired from the ring, data still under it fails closed; data under k2 reads.
        var retired = Encryptor(k2);
        Assert.ThrowsAsync<AegisCryptoException>(async () => await retired.DecryptAsync(old, Aad));
        Assert.That(await retired.DecryptAsync(fresh, Aad), Is.EqualTo(Plaintext));
    }

    [Test]
    public void Disabled_EncryptThrows_DecryptFailsClosed()
    {
        var disabled = new EnvelopeEncryptor(null);

        Assert.That(disabled.IsEnabled, Is.False);
        Assert.ThrowsAsync<InvalidOperationException>(async () => await disabled.EncryptAsync(Plaintext, Aad));
        Assert.ThrowsAsync<AegisCryptoException>(async () => await disabled.DecryptAsync("AGEV\u0001\u0001\u0002k1"u8.ToArray(), Aad));
    }

    [Test]
    public void Decrypt_Plaintext_IsNotAnEnvelope()
    {
        Assert.That(EnvelopeFormat.IsEnvelope(Plaintext), Is.False);
        var ex = Assert.ThrowsAsync<AegisCryptoException>(async () => await Encryptor(Key("k1")).DecryptAsync(Plaintext, Aad));
        Assert.That(ex!.Message, Does.Contain("not an AegisGate envelope"));
    }

    [Test]
    public async Task LocalKey_FromSecret_FetchFailureIsSecretUnavailableAndNotCached()
    {
        var provider = new Mock<ISecretProvider>();
        provider.SetupGet(p => p.Scheme).Returns("test");
        provider.SetupSequence(p => p.GetSecretAsync("kek", It.IsAny<CancellationToken>()))
            .ThrowsAsync(new SecretUnavailableException("test", "kek", "sealed"))
            .ReturnsAsync(new SecretValue(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        using var key = new LocalKeyEncryptionKey("k1", new SecretResolver([provider.Object]), "test:kek");
        var encryptor = Encryptor(key);

        var ex = Assert.ThrowsAsync<SecretUnavailableException>(async () => await encryptor.EncryptAsync(Plaintext, Aad));
        Assert.That(ex!.Code, Is.EqualTo(AegisErrorCodes.SecretUnavailable));

        var envelope = await encryptor.EncryptAsync(Plaintext, Aad);
        Assert.That(await encryptor.DecryptAsync(envelope, Aad), Is.EqualTo(Plaintext));
    }

    [TestCase("not base64!")]
    [TestCase("c2hvcnQ=")]
    public void LocalKey_FromSecretWithWrongShape_IsSecretUnavailable(string secret)
    {
        var provider = new Mock<ISecretProvider>();
        provider.SetupGet(p => p.Scheme).Returns("test");
        provider.Setup(p => p.GetSecretAsync("kek", It.IsAny<CancellationToken>())).ReturnsAsync(new SecretValue(secret));
        using var key = new LocalKeyEncryptionKey("k1", new SecretResolver([provider.Object]), "test:kek");

        Assert.ThrowsAsync<SecretUnavailableException>(async () => await Encryptor(key).EncryptAsync(Plaintext, Aad));
    }

    [TestCase("")]
    [TestCase("has space")]
    [TestCase("this-key-id-is-far-too-long-to-fit-into-the-envelope-header-field-x")]
    public void LocalKey_InvalidId_Throws(string id)
        => Assert.Throws<ArgumentException>(() => _ = new LocalKeyEncryptionKey(id, new byte[32]));

    [Test]
    public void LocalKey_WrongKeySize_Throws()
        => Assert.Throws<ArgumentException>(() => _ = new LocalKeyEncryptionKey("k1", new byte[16]));
}
