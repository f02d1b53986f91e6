namespace AegisGate.Crypto;

/// <summary>
/// Encrypts what AegisGate stores (audit files, persisted capability maps, session and nonce snapshots) with
/// AES-256-GCM envelope encryption: every call uses a fresh random 256-bit data key, wrapped by the active
/// key-encryption key (KEK) and stored, with its key id, in an authenticated header (see <see cref="EnvelopeFormat"/>).
/// </summary>
/// <remarks>
/// Decryption never returns garbage or empty data: a truncated, extended or tampered envelope, a wrong associated
/// data, or a KEK that is not the one it was encrypted under is an <see cref="AegisCryptoException"/>
/// (<c>AEGIS_CRYPTO_INTEGRITY_FAILED</c>). A KEK that cannot be fetched is a
/// <see cref="Secrets.SecretUnavailableException"/> (<c>AEGIS_SECRET_UNAVAILABLE</c>).
/// </remarks>
public interface IEnvelopeEncryptor
{
    /// <summary>Gets a value indicating whether encryption at rest is enabled (<c>AegisGate:Encryption:Enabled</c>).</summary>
    bool IsEnabled { get; }

    /// <summary>Gets the id of the key-encryption key new envelopes are wrapped with.</summary>
    string ActiveKeyId { get; }

    /// <summary>Encrypts data into a self-describing envelope.</summary>
    /// <param name="plaintext">The data.</param>
    /// <param name="associatedData">
    /// Data bound to the envelope but not stored in it, for example <c>"aegisgate:a2a-caps:v1"</c>; the same bytes must be
    /// given to <see cref="DecryptAsync"/>, so an envelope cannot be moved to another purpose.
    /// </param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The envelope.</returns>
    /// <exception cref="InvalidOperationException">Encryption at rest is not enabled.</exception>
    /// <exception cref="Secrets.SecretUnavailableException">The active key-encryption key cannot be fetched.</exception>
    ValueTask<byte[]> EncryptAsync(ReadOnlyMemory<byte> plaintext, ReadOnlyMemory<byte> associatedData, CancellationToken cancellationToken = default);

    /// <summary>Decrypts and authenticates an envelope.</summary>
    /// <param name="envelope">The envelope.</param>
    /// <param name="associatedData">The associated data given to <see cref="EncryptAsync"/>.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The plaintext.</returns>
    /// <exception cref="AegisCryptoException">The envelope is malformed, truncated, tampered with or encrypted under another key.</exception>
    /// <exception cref="Secrets.SecretUnavailableException">The key-encryption key named in the envelope cannot be fetched.</exception>
    ValueTask<byte[]> DecryptAsync(ReadOnlyMemory<byte> envelope, ReadOnlyMemory<byte> associatedData, CancellationToken cancellationToken = default);
}

/// <summary>A key-encryption key: wraps and unwraps data keys. Implementations: a local AES-256 key from a secret provider, or a Vault Transit key.</summary>
public interface IKeyEncryptionKey
{
    /// <summary>Gets the key id written into envelope headers (1–64 characters: letters, digits, <c>. _ -</c>).</summary>
    string KeyId { get; }

    /// <summary>Gets the wrapping algorithm recorded in envelope headers.</summary>
    KeyWrapAlgorithm Algorithm { get; }

    /// <summary>Wraps a data key.</summary>
    /// <param name="dataKey">The 32-byte data key.</param>
    /// <param name="context">Bytes bound to the wrapping (the envelope's key id and algorithms).</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The wrapped key.</returns>
    ValueTask<byte[]> WrapAsync(ReadOnlyMemory<byte> dataKey, ReadOnlyMemory<byte> context, CancellationToken cancellationToken);

    /// <summary>Unwraps a data key.</summary>
    /// <param name="wrappedKey">The wrapped key.</param>
    /// <param name="context">The context given to <see cref="WrapAsync"/>.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The data key.</returns>
    /// <exception cref="AegisCryptoException">The wrapped key was not produced by this key (or was tampered with).</exception>
    ValueTask<byte[]> UnwrapAsync(ReadOnlyMemory<byte> wrappedKey, ReadOnlyMemory<byte> context, CancellationToken cancellationToken);
}

/// <summary>The key-encryption keys available: the active one for new envelopes, and older ones (by id) to read existing envelopes after a rotation.</summary>
public interface IKeyEncryptionKeyRing
{
    /// <summary>Gets the key new envelopes are wrapped with.</summary>
    IKeyEncryptionKey Active { get; }

    /// <summary>Finds a key by id.</summary>
    /// <param name="keyId">The key id from an envelope header.</param>
    /// <param name="key">The key.</param>
    /// <returns><see langword="true"/> when the ring holds the key.</returns>
    bool TryGet(string keyId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IKeyEncryptionKey? key);
}

/// <summary>How a data key is wrapped.</summary>
public enum KeyWrapAlgorithm : byte
{
    /// <summary>AES-256-GCM with a local 256-bit key-encryption key.</summary>
    LocalAes256Gcm = 1,

    /// <summary>HashiCorp Vault Transit encrypt/decrypt.</summary>
    VaultTransit = 2,
}

/// <summary>Stored data failed authentication. <see cref="Code"/> is <c>AEGIS_CRYPTO_INTEGRITY_FAILED</c>.</summary>
public sealed class AegisCryptoException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="AegisCryptoException"/> class.</summary>
    public AegisCryptoException()
        : this("The encrypted data failed authentication.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AegisCryptoException"/> class.</summary>
    /// <param name="message">What failed (never key material or plaintext).</param>
    public AegisCryptoException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AegisCryptoException"/> class.</summary>
    /// <param name="message">What failed (never key material or plaintext).</param>
    /// <param name="innerException">The cause.</param>
    public AegisCryptoException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the error code, <see cref="AegisErrorCodes.CryptoIntegrityFailed"/>.</summary>
    public string Code { get; } = AegisErrorCodes.CryptoIntegrityFailed;

    /// <summary>Returns the denial for a request whose stored state failed authentication (500).</summary>
    /// <returns>The denial.</returns>
    public SecurityDecision ToDecision()
        => SecurityDecision.Deny(Code, "Stored data failed its integrity check; the request is denied.", 500);
}
