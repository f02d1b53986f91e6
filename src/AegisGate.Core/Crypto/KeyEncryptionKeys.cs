using System.Security.Cryptography;
using AegisGate.Secrets;

namespace AegisGate.Crypto;

/// <summary>
/// A local AES-256 key-encryption key. Its 32 bytes come from a secret (base64), fetched on first use and kept for
/// the process lifetime: a key id always names the same key material. Wrapped keys are
/// <c>nonce(12) ‖ ciphertext(32) ‖ tag(16)</c>, with the envelope's key id and algorithms as associated data.
/// </summary>
public sealed class LocalKeyEncryptionKey : IKeyEncryptionKey, IDisposable
{
    private readonly Func<CancellationToken, ValueTask<byte[]>> _material;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _key;

    /// <summary>Initializes a new instance of the <see cref="LocalKeyEncryptionKey"/> class from key bytes.</summary>
    /// <param name="keyId">The key id.</param>
    /// <param name="key">The 32-byte key.</param>
    /// <exception cref="ArgumentException">The id is invalid or the key is not 32 bytes.</exception>
    public LocalKeyEncryptionKey(string keyId, byte[] key)
        : this(keyId, _ => new ValueTask<byte[]>(key.ToArray()))
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 32)
        {
            throw new ArgumentException("A key-encryption key is 32 bytes.", nameof(key));
        }
    }

    /// <summary>Initializes a new instance of the <see cref="LocalKeyEncryptionKey"/> class from a secret reference.</summary>
    /// <param name="keyId">The key id.</param>
    /// <param name="resolver">The secret resolver.</param>
    /// <param name="secretReference">The reference of a base64 32-byte secret, for example <c>file:aegis-kek-2026</c>.</param>
    public LocalKeyEncryptionKey(string keyId, SecretResolver resolver, string secretReference)
        : this(keyId, async ct =>
        {
            var secret = await resolver.GetSecretAsync(secretReference, ct).ConfigureAwait(false);
            byte[] bytes;
            try
            {
                bytes = secret.GetBase64Bytes();
            }
            catch (FormatException ex)
            {
                throw new SecretUnavailableException("kek", keyId, "the key-encryption key secret is not base64.", ex);
            }

            return bytes.Length == 32 ? bytes : throw new SecretUnavailableException("kek", keyId, "the key-encryption key secret must be base64 of exactly 32 bytes.");
        })
    {
        ArgumentNullException.ThrowIfNull(resolver);
        ArgumentException.ThrowIfNullOrWhiteSpace(secretReference);
    }

    private LocalKeyEncryptionKey(string keyId, Func<CancellationToken, ValueTask<byte[]>> material)
    {
        if (!EnvelopeFormat.IsValidKeyId(keyId))
        {
            throw new ArgumentException("A key id is 1–64 characters of letters, digits, '.', '_' or '-'.", nameof(keyId));
        }

        KeyId = keyId;
        _material = material;
    }

    /// <inheritdoc />
    public string KeyId { get; }

    /// <inheritdoc />
    public KeyWrapAlgorithm Algorithm => KeyWrapAlgorithm.LocalAes256Gcm;

    /// <summary>Clears the cached key material.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _key, null) is { } key)
        {
            CryptographicOperations.ZeroMemory(key);
        }

        _gate.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask<byte[]> WrapAsync(ReadOnlyMemory<byte> dataKey, ReadOnlyMemory<byte> context, CancellationToken cancellationToken)
    {
        var key = await GetKeyAsync(cancellationToken).ConfigureAwait(false);
        var wrapped = new byte[EnvelopeFormat.NonceSize + dataKey.Length + EnvelopeFormat.TagSize];
        RandomNumberGenerator.Fill(wrapped.AsSpan(0, EnvelopeFormat.NonceSize));
        using var aes = new AesGcm(key, EnvelopeFormat.TagSize);
        aes.Encrypt(wrapped.AsSpan(0, EnvelopeFormat.NonceSize), dataKey.Span, wrapped.AsSpan(EnvelopeFormat.NonceSize, dataKey.Length), wrapped.AsSpan(EnvelopeFormat.NonceSize + dataKey.Length), context.Span);
        return wrapped;
    }

    /// <inheritdoc />
    public async ValueTask<byte[]> UnwrapAsync(ReadOnlyMemory<byte> wrappedKey, ReadOnlyMemory<byte> context, CancellationToken cancellationToken)
    {
        if (wrappedKey.Length != EnvelopeFormat.NonceSize + EnvelopeFormat.DataKeySize + EnvelopeFormat.TagSize)
        {
            throw new AegisCryptoException("the wrapped data key has the wrong size");
        }

        var key = await GetKeyAsync(cancellationToken).ConfigureAwait(false);
        var span = wrappedKey.Span;
        var dataKey = new byte[EnvelopeFormat.DataKeySize];
        using var aes = new AesGcm(key, EnvelopeFormat.TagSize);
        try
        {
            aes.Decrypt(span[..EnvelopeFormat.NonceSize], span.Slice(EnvelopeFormat.NonceSize, EnvelopeFormat.DataKeySize), span[^EnvelopeFormat.TagSize..], dataKey, context.Span);
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new AegisCryptoException($"the data key cannot be unwrapped with key '{KeyId}' (wrong key material, or the header was tampered with)", ex);
        }

        return dataKey;
    }

    private async ValueTask<byte[]> GetKeyAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _key) is { } key)
        {
            return key;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A failed fetch is not cached: the next call tries again.
            return _key ??= await _material(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}

/// <summary>A key-encryption key held by HashiCorp Vault's Transit engine: data keys are wrapped with <c>transit/encrypt</c> and unwrapped with <c>transit/decrypt</c>; the key never leaves Vault.</summary>
internal sealed class VaultTransitKeyEncryptionKey : IKeyEncryptionKey
{
    private readonly VaultClient _client;
    private readonly string _transitKey;

    public VaultTransitKeyEncryptionKey(string keyId, VaultClient client, string transitKey)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrWhiteSpace(transitKey);
        if (!EnvelopeFormat.IsValidKeyId(keyId))
        {
            throw new ArgumentException("A key id is 1–64 characters of letters, digits, '.', '_' or '-'.", nameof(keyId));
        }

        KeyId = keyId;
        _client = client;
        _transitKey = transitKey;
    }

    public string KeyId { get; }

    public KeyWrapAlgorithm Algorithm => KeyWrapAlgorithm.VaultTransit;

    public async ValueTask<byte[]> WrapAsync(ReadOnlyMemory<byte> dataKey, ReadOnlyMemory<byte> context, CancellationToken cancellationToken)
    {
        try
        {
            var ciphertext = await _client.TransitEncryptAsync(_transitKey, dataKey.ToArray(), cancellationToken).ConfigureAwait(false);
            return System.Text.Encoding.ASCII.GetBytes(ciphertext);
        }
        catch (VaultException ex)
        {
            throw new SecretUnavailableException("vault-transit", _transitKey, ex.Message, ex);
        }
    }

    public async ValueTask<byte[]> UnwrapAsync(ReadOnlyMemory<byte> wrappedKey, ReadOnlyMemory<byte> context, CancellationToken cancellationToken)
    {
        var ciphertext = System.Text.Encoding.ASCII.GetString(wrappedKey.Span);
        if (!ciphertext.StartsWith("vault:", StringComparison.Ordinal))
        {
            throw new AegisCryptoException("the wrapped data key is not a Vault Transit ciphertext");
        }

        try
        {
            return await _client.TransitDecryptAsync(_transitKey, ciphertext, cancellationToken).ConfigureAwait(false);
        }
        catch (VaultException ex) when (ex.StatusCode == 400)
        {
            // Transit answers 400 for a ciphertext it cannot authenticate (other key, tampered).
            throw new AegisCryptoException($"Vault Transit key '{_transitKey}' could not unwrap the data key ({ex.Message})", ex);
        }
        catch (VaultException ex)
        {
            throw new SecretUnavailableException("vault-transit", _transitKey, ex.Message, ex);
        }
    }
}
