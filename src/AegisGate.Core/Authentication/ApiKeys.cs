using System.Security.Cryptography;
using System.Text;

namespace AegisGate.Authentication;

/// <summary>
/// Creates and hashes AegisGate API keys. A key is <c>aegis_</c> followed by 43 base62 characters (256 random
/// bits); configuration stores only its hash, <c>sha256:</c> + 64 hex digits. A fast hash is right here because the
/// keys are random, not passwords.
/// </summary>
public static class ApiKeyHasher
{
    /// <summary>The prefix of generated keys (it makes leaked keys easy to find with secret scanners).</summary>
    public const string KeyPrefix = "aegis_";

    /// <summary>The prefix of stored hashes.</summary>
    public const string HashPrefix = "sha256:";

    /// <summary>The longest key accepted for hashing (bounds work on attacker input).</summary>
    public const int MaxKeyLength = 512;

    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>Generates a new random API key.</summary>
    /// <returns>The key. Show it once; store only <see cref="Hash(ReadOnlySpan{char})"/>.</returns>
    public static string GenerateKey()
    {
        Span<char> chars = stackalloc char[43];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Base62[RandomNumberGenerator.GetInt32(Base62.Length)];
        }

        return KeyPrefix + new string(chars);
    }

    /// <summary>Returns the stored form of a key: <c>sha256:</c> + lower-case hex.</summary>
    /// <param name="key">The key.</param>
    /// <returns>The hash string.</returns>
    /// <exception cref="ArgumentException">The key is empty or longer than <see cref="MaxKeyLength"/>.</exception>
    public static string Hash(ReadOnlySpan<char> key)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        if (!TryComputeDigest(key, digest))
        {
            throw new ArgumentException($"An API key must be 1 to {MaxKeyLength} characters.", nameof(key));
        }

        return HashPrefix + Convert.ToHexStringLower(digest);
    }

    /// <summary>Computes the SHA-256 digest of a presented key without allocating.</summary>
    /// <param name="key">The key.</param>
    /// <param name="destination">32 bytes.</param>
    /// <returns><see langword="false"/> when the key is empty or too long.</returns>
    public static bool TryComputeDigest(ReadOnlySpan<char> key, Span<byte> destination)
    {
        if (key.IsEmpty || key.Length > MaxKeyLength || destination.Length < SHA256.HashSizeInBytes)
        {
            return false;
        }

        Span<byte> utf8 = stackalloc byte[MaxKeyLength * 3];
        var length = Encoding.UTF8.GetBytes(key, utf8);
        SHA256.HashData(utf8[..length], destination);
        CryptographicOperations.ZeroMemory(utf8[..length]);
        return true;
    }

    /// <summary>Parses a stored hash (<c>sha256:</c> + 64 hex digits).</summary>
    /// <param name="hash">The stored hash.</param>
    /// <param name="digest">The 32-byte digest.</param>
    /// <returns><see langword="true"/> when the format is valid.</returns>
    public static bool TryParseHash(string? hash, out byte[] digest)
    {
        digest = [];
        if (hash is null || !hash.StartsWith(HashPrefix, StringComparison.Ordinal) || hash.Length != HashPrefix.Length + 64)
        {
            return false;
        }

        try
        {
            digest = Convert.FromHexString(hash.AsSpan(HashPrefix.Length));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>One configured API key: its hash and the principal and roles it stands for.</summary>
public sealed class ApiKeyEntry
{
    /// <summary>Gets or sets the principal id the key authenticates as.</summary>
    [System.ComponentModel.DataAnnotations.Required]
    public string Principal { get; set; } = string.Empty;

    /// <summary>Gets or sets the key's hash, <c>sha256:</c> + 64 hex digits (from <c>aegisgate keys new</c>).</summary>
    [System.ComponentModel.DataAnnotations.Required]
    public string Hash { get; set; } = string.Empty;

    /// <summary>Gets or sets the principal's roles.</summary>
    public IList<string> Roles { get; set; } = [];

    /// <summary>Gets or sets when the key stops being accepted, or <see langword="null"/> for no expiry.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
}

/// <summary>The outcome of validating a presented API key.</summary>
public enum ApiKeyStatus
{
    /// <summary>No key was presented.</summary>
    Missing,

    /// <summary>The key matches no configured key (or is malformed).</summary>
    Unknown,

    /// <summary>The key matches a configured key that has expired.</summary>
    Expired,

    /// <summary>The key is valid.</summary>
    Valid,
}

/// <summary>Validates presented API keys against configured hashes in constant time.</summary>
public sealed class ApiKeyStore
{
    private readonly (byte[] Digest, ApiKeyEntry Entry)[] _entries;
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes a new instance of the <see cref="ApiKeyStore"/> class.</summary>
    /// <param name="entries">The configured keys.</param>
    /// <param name="timeProvider">The time provider for expiry.</param>
    /// <exception cref="ArgumentException">An entry has a malformed hash or no principal.</exception>
    public ApiKeyStore(IEnumerable<ApiKeyEntry> entries, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        var list = new List<(byte[], ApiKeyEntry)>();
        foreach (var entry in entries)
        {
            if (string.IsNullOrWhiteSpace(entry.Principal))
            {
                throw new ArgumentException("Every API key needs a principal.", nameof(entries));
            }

            if (!ApiKeyHasher.TryParseHash(entry.Hash, out var digest))
            {
                throw new ArgumentException($"The API key of principal '{entry.Principal}' has a malformed hash; expected 'sha256:' and 64 hex digits.", nameof(entries));
            }

            list.Add((digest, entry));
        }

        _entries = [.. list];
    }

    /// <summary>Gets the number of configured keys.</summary>
    public int Count => _entries.Length;

    /// <summary>Validates a presented key. Every configured hash is compared, in constant time, whatever matches.</summary>
    /// <param name="presented">The presented key (may be empty).</param>
    /// <param name="entry">The matching entry when the status is <see cref="ApiKeyStatus.Valid"/> or <see cref="ApiKeyStatus.Expired"/>.</param>
    /// <returns>The status.</returns>
    public ApiKeyStatus Validate(ReadOnlySpan<char> presented, out ApiKeyEntry? entry)
    {
        entry = null;
        if (presented.IsWhiteSpace())
        {
            return ApiKeyStatus.Missing;
        }

        Span<byte> digest = stackalloc byte[32];
        if (!ApiKeyHasher.TryComputeDigest(presented, digest))
        {
            return ApiKeyStatus.Unknown;
        }

        ApiKeyEntry? match = null;
        foreach (var (stored, candidate) in _entries)
        {
            // No early exit: the time taken does not depend on which key matched.
            if (CryptographicOperations.FixedTimeEquals(stored, digest))
            {
                match = candidate;
            }
        }

        if (match is null)
        {
            return ApiKeyStatus.Unknown;
        }

        entry = match;
        return match.ExpiresAt is { } expires && expires <= _timeProvider.GetUtcNow() ? ApiKeyStatus.Expired : ApiKeyStatus.Valid;
    }
}
