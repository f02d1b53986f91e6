using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AegisGate.Crypto;

/// <summary>
/// AES-256-GCM envelope encryption (<see cref="EnvelopeFormat"/>) with data keys wrapped by the key-encryption keys
/// of an <see cref="IKeyEncryptionKeyRing"/>: new envelopes use <see cref="IKeyEncryptionKeyRing.Active"/>, existing
/// ones are read with the key named in their header, so a rotation keeps old data readable while the old key stays
/// in the ring.
/// </summary>
public sealed class EnvelopeEncryptor : IEnvelopeEncryptor
{
    private readonly IKeyEncryptionKeyRing? _ring;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="EnvelopeEncryptor"/> class.</summary>
    /// <param name="ring">The key ring, or <see langword="null"/> when encryption at rest is disabled.</param>
    /// <param name="logger">The logger, or <see langword="null"/>.</param>
    public EnvelopeEncryptor(IKeyEncryptionKeyRing? ring, ILogger<EnvelopeEncryptor>? logger = null)
    {
        _ring = ring;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc />
    public bool IsEnabled => _ring is not null;

    /// <inheritdoc />
    public string ActiveKeyId => _ring?.Active.KeyId ?? string.Empty;

    /// <inheritdoc />
    public async ValueTask<byte[]> EncryptAsync(ReadOnlyMemory<byte> plaintext, ReadOnlyMemory<byte> associatedData, CancellationToken cancellationToken = default)
    {
        var ring = _ring ?? throw new InvalidOperationException("Encryption at rest is not enabled (AegisGate:Encryption:Enabled).");
        var kek = ring.Active;
        if (!EnvelopeFormat.IsValidKeyId(kek.KeyId))
        {
            throw new InvalidOperationException("The active key-encryption key has an invalid id.");
        }

        var dataKey = RandomNumberGenerator.GetBytes(EnvelopeFormat.DataKeySize);
        try
        {
            var wrapped = await kek.WrapAsync(dataKey, EnvelopeFormat.WrapContext(kek.KeyId, kek.Algorithm), cancellationToken).ConfigureAwait(false);
            if (wrapped is not { Length: > 0 and <= EnvelopeFormat.MaxWrappedKeyLength })
            {
                throw new InvalidOperationException("The key-encryption key produced an invalid wrapped key.");
            }

            var nonce = RandomNumberGenerator.GetBytes(EnvelopeFormat.NonceSize);
            var headerLength = EnvelopeFormat.HeaderLength(kek.KeyId, wrapped.Length);
            var envelope = new byte[checked(headerLength + plaintext.Length + EnvelopeFormat.TagSize)];
            var written = EnvelopeFormat.WriteHeader(envelope, kek.KeyId, kek.Algorithm, wrapped, nonce, plaintext.Length);
            var header = envelope.AsSpan(0, written);
            using var aes = new AesGcm(dataKey, EnvelopeFormat.TagSize);
            aes.Encrypt(nonce, plaintext.Span, envelope.AsSpan(written, plaintext.Length), envelope.AsSpan(written + plaintext.Length), Concat(header, associatedData.Span));
            return envelope;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <inheritdoc />
    public async ValueTask<byte[]> DecryptAsync(ReadOnlyMemory<byte> envelope, ReadOnlyMemory<byte> associatedData, CancellationToken cancellationToken = default)
    {
        if (!EnvelopeFormat.TryParse(envelope.Span, out var header, out var error))
        {
            throw Fail(error, null);
        }

        if (_ring is null)
        {
            throw Fail("encryption at rest is not enabled, so no key-encryption key can open the envelope", header.KeyId);
        }

        if (!_ring.TryGet(header.KeyId, out var kek))
        {
            throw Fail($"the envelope was encrypted under key id '{header.KeyId}', which is not in the key ring", header.KeyId);
        }

        if (kek.Algorithm != header.Algorithm)
        {
            throw Fail($"the envelope's key wrap algorithm does not match key '{header.KeyId}'", header.KeyId);
        }

        byte[] dataKey;
        try
        {
            dataKey = await kek.UnwrapAsync(envelope.Slice(header.WrappedKeyOffset, header.WrappedKeyLength), EnvelopeFormat.WrapContext(header.KeyId, header.Algorithm), cancellationToken).ConfigureAwait(false);
        }
        catch (AegisCryptoException ex)
        {
            throw Fail(ex.Message, header.KeyId, ex);
        }

        try
        {
            if (dataKey.Length != EnvelopeFormat.DataKeySize)
            {
                throw Fail("the unwrapped data key has the wrong size", header.KeyId);
            }

            var data = envelope.Span;
            var plaintext = new byte[header.PlaintextLength];
            using var aes = new AesGcm(dataKey, EnvelopeFormat.TagSize);
            try
            {
                aes.Decrypt(
                    data.Slice(header.NonceOffset, EnvelopeFormat.NonceSize),
                    data.Slice(header.HeaderLength, header.PlaintextLength),
                    data.Slice(header.HeaderLength + header.PlaintextLength, EnvelopeFormat.TagSize),
                    plaintext,
                    Concat(data[..header.HeaderLength], associatedData.Span));
            }
            catch (AuthenticationTagMismatchException ex)
            {
                CryptographicOperations.ZeroMemory(plaintext);
                throw Fail("the envelope failed authentication (tampered, or different associated data)", header.KeyId, ex);
            }

            return plaintext;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    private static byte[] Concat(ReadOnlySpan<byte> header, ReadOnlySpan<byte> associatedData)
    {
        var aad = new byte[header.Length + associatedData.Length];
        header.CopyTo(aad);
        associatedData.CopyTo(aad.AsSpan(header.Length));
        return aad;
    }

    private AegisCryptoException Fail(string reason, string? keyId, Exception? inner = null)
    {
        _logger.EnvelopeIntegrityFailed(reason, keyId ?? "-");
        var message = "Encrypted data failed its integrity check: " + reason + ".";
        return inner is null ? new AegisCryptoException(message) : new AegisCryptoException(message, inner);
    }
}
