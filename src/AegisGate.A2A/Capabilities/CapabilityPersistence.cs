using AegisGate.Crypto;
using Microsoft.Extensions.Logging;

namespace AegisGate.A2A.Capabilities;

/// <summary>
/// Reads and writes the persisted capability map (<c>AegisGate:A2A:PersistenceFile</c>). Every write replaces the file
/// atomically (<see cref="AtomicFile"/>). When encryption at rest is enabled (<see cref="IEnvelopeEncryptor"/>), the file
/// is an AES-256-GCM envelope bound to <see cref="AssociatedData"/>; a tampered, truncated or wrong-key file, an
/// encrypted file without encryption configured, and a plaintext file while encryption is on (unless
/// <c>AllowPlaintextMigration</c>) are refused with <see cref="AegisCryptoException"/>
/// (<c>AEGIS_CRYPTO_INTEGRITY_FAILED</c>, logged) — never read as an empty map.
/// </summary>
internal sealed class CapabilityPersistence
{
    /// <summary>The largest capability file read (far above any real map: agent ids and capability names only).</summary>
    public const int MaxFileBytes = 16 * 1024 * 1024;

    private readonly IEnvelopeEncryptor? _encryptor;
    private readonly bool _allowPlaintextMigration;
    private readonly ILogger _logger;

    public CapabilityPersistence(string path, IEnvelopeEncryptor? encryptor, bool allowPlaintextMigration, ILogger logger)
    {
        Path = System.IO.Path.GetFullPath(path);
        _encryptor = encryptor is { IsEnabled: true } ? encryptor : null;
        _allowPlaintextMigration = allowPlaintextMigration;
        _logger = logger;
    }

    /// <summary>Gets the bytes bound to every envelope of this file, so an envelope made for another purpose cannot be substituted.</summary>
    public static ReadOnlySpan<byte> AssociatedData => "aegisgate:a2a-caps:v1"u8;

    /// <summary>Gets the absolute path of the file.</summary>
    public string Path { get; }

    /// <summary>Gets a value indicating whether the file is encrypted at rest.</summary>
    public bool Encrypted => _encryptor is not null;

    /// <summary>
    /// Loads the file (a missing file is an empty overlay) after removing leftover temporary files of an interrupted
    /// write; migrates a plaintext file to an encrypted one when allowed. Runs once, when the host starts.
    /// </summary>
    /// <exception cref="AegisCryptoException">The file failed its integrity check, or its form does not match the encryption setting.</exception>
    /// <exception cref="InvalidDataException">The file's content is not a valid capability map.</exception>
    /// <exception cref="Secrets.SecretUnavailableException">The key-encryption key cannot be fetched.</exception>
    public PersistedCapabilities Load()
    {
        AtomicFile.RemoveLeftovers(Path);
        if (!File.Exists(Path))
        {
            return new PersistedCapabilities();
        }

        var bytes = ReadBounded(Path);
        if (EnvelopeFormat.IsEnvelope(bytes))
        {
            if (_encryptor is null)
            {
                throw Refuse(new AegisCryptoException("The file is encrypted but encryption at rest is not enabled (AegisGate:Encryption); configure the key it was written with."));
            }

            byte[] json;
            try
            {
                // Start-up only: the local key unwraps synchronously; a Vault Transit key makes one HTTP call.
                json = _encryptor.DecryptAsync(bytes, AssociatedData.ToArray()).AsTask().GetAwaiter().GetResult();
            }
            catch (AegisCryptoException ex)
            {
                _logger.CapabilityFileRefused(Path, ex.Code, ex.Message);
                throw;
            }

            if (_allowPlaintextMigration)
            {
                _logger.CapabilityMigrationFlagStale(Path);
            }

            return PersistedCapabilities.Parse(json, Path);
        }

        if (_encryptor is null)
        {
            return PersistedCapabilities.Parse(bytes, Path);
        }

        if (!_allowPlaintextMigration)
        {
            // A plaintext file where an envelope is expected could have been put there to grant capabilities.
            throw Refuse(new AegisCryptoException("The file is not encrypted although encryption at rest is enabled. If it is the plaintext map of this installation, start once with AegisGate:A2A:AllowPlaintextMigration=true to encrypt it."));
        }

        var value = PersistedCapabilities.Parse(bytes, Path);
        SaveAsync(value, beforeRename: null, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        _logger.CapabilityFileMigrated(Path, _encryptor.ActiveKeyId);
        return value;
    }

    /// <summary>Writes <paramref name="value"/> atomically, encrypted when configured.</summary>
    /// <param name="value">The map.</param>
    /// <param name="beforeRename">A test seam between the flushed temporary write and the rename.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A task that completes when the file and its directory are flushed.</returns>
    public async ValueTask SaveAsync(PersistedCapabilities value, Action<string>? beforeRename, CancellationToken cancellationToken)
    {
        var json = value.Serialize();
        var content = _encryptor is null ? json : await _encryptor.EncryptAsync(json, AssociatedData.ToArray(), cancellationToken).ConfigureAwait(false);
        AtomicFile.Write(Path, content, beforeRename);
    }

    private static byte[] ReadBounded(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (stream.Length > MaxFileBytes)
        {
            throw new InvalidDataException($"The persisted A2A capability map {path} is larger than {MaxFileBytes} bytes.");
        }

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }

    private AegisCryptoException Refuse(AegisCryptoException exception)
    {
        _logger.CapabilityFileRefused(Path, exception.Code, exception.Message);
        return exception;
    }
}
