using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AegisGate.A2A.Integrity;

/// <summary>
/// The <c>v1</c> A2A request signature: HMAC-SHA256 over a canonical string that binds the HTTP method, the path
/// and query, the agent id, the capability, the timestamp, the nonce, the key id and the SHA-256 of the body.
/// </summary>
/// <remarks>
/// This file has no ASP.NET Core dependency: the <c>aegisgate</c> CLI compiles the same source so that
/// <c>aegisgate a2a sign</c> and the server can never disagree on the canonical form. The scheme is documented
/// in <c>docs/a2a.md</c>.
/// </remarks>
internal static class A2ASignatureV1
{
    /// <summary>The scheme label, the first line of the canonical string.</summary>
    public const string Label = "AEGISGATE-A2A-HMAC-SHA256-V1";

    /// <summary>The prefix of the <c>A2A-Signature</c> header value.</summary>
    public const string HeaderPrefix = "v1=";

    /// <summary>The HMAC length in bytes.</summary>
    public const int MacBytes = 32;

    /// <summary>The smallest accepted key (256 bits).</summary>
    public const int MinKeyBytes = 32;

    /// <summary>The smallest nonce length in characters.</summary>
    public const int MinNonceLength = 16;

    /// <summary>The largest nonce length in characters.</summary>
    public const int MaxNonceLength = 128;

    /// <summary>The largest key id length in characters.</summary>
    public const int MaxKeyIdLength = 64;

    /// <summary>Builds the canonical string.</summary>
    /// <param name="method">The HTTP method (upper-cased here).</param>
    /// <param name="pathAndQuery">The request path and query exactly as sent (percent-encoding preserved).</param>
    /// <param name="agentId">The agent id (the certificate identity).</param>
    /// <param name="capability">The <c>A2A-Capability</c> header value, or empty when none is sent.</param>
    /// <param name="timestamp">The <c>A2A-Timestamp</c> value (Unix seconds, decimal).</param>
    /// <param name="nonce">The <c>A2A-Nonce</c> value.</param>
    /// <param name="keyId">The <c>A2A-Key-Id</c> value.</param>
    /// <param name="body">The exact request body bytes.</param>
    /// <returns>The canonical string.</returns>
    public static string Canonicalize(string method, string pathAndQuery, string agentId, string capability, string timestamp, string nonce, string keyId, ReadOnlySpan<byte> body)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(body, digest);
        var builder = new StringBuilder(256);
        builder.Append(Label).Append('\n')
            .Append(method.ToUpperInvariant()).Append('\n')
            .Append(pathAndQuery).Append('\n')
            .Append(agentId).Append('\n')
            .Append(capability).Append('\n')
            .Append(timestamp).Append('\n')
            .Append(nonce).Append('\n')
            .Append(keyId).Append('\n')
            .Append(Convert.ToHexStringLower(digest));
        return builder.ToString();
    }

    /// <summary>Computes the HMAC-SHA256 of a canonical string.</summary>
    /// <param name="key">The shared secret.</param>
    /// <param name="canonical">The canonical string.</param>
    /// <param name="destination">Receives the 32-byte MAC.</param>
    public static void ComputeMac(ReadOnlySpan<byte> key, string canonical, Span<byte> destination)
    {
        var length = Encoding.UTF8.GetByteCount(canonical);
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var written = Encoding.UTF8.GetBytes(canonical, rented);
            HMACSHA256.HashData(key, rented.AsSpan(0, written), destination);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(rented.AsSpan(0, length));
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Computes the <c>A2A-Signature</c> header value (<c>v1=</c> + base64 MAC).</summary>
    /// <param name="key">The shared secret.</param>
    /// <param name="canonical">The canonical string.</param>
    /// <returns>The header value.</returns>
    public static string ComputeHeaderValue(ReadOnlySpan<byte> key, string canonical)
    {
        Span<byte> mac = stackalloc byte[MacBytes];
        ComputeMac(key, canonical, mac);
        return HeaderPrefix + Convert.ToBase64String(mac);
    }

    /// <summary>Creates a random nonce: 24 random bytes, base64url without padding (32 characters).</summary>
    /// <returns>The nonce.</returns>
    public static string NewNonce()
    {
        Span<byte> bytes = stackalloc byte[24];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_').TrimEnd('=');
    }

    /// <summary>Formats a timestamp as the <c>A2A-Timestamp</c> value.</summary>
    /// <param name="time">The time.</param>
    /// <returns>Unix seconds, decimal.</returns>
    public static string FormatTimestamp(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>Returns whether a nonce is well formed: 16–128 characters of <c>A–Z a–z 0–9 - _</c>.</summary>
    /// <param name="nonce">The nonce.</param>
    /// <returns><see langword="true"/> when well formed.</returns>
    public static bool IsValidNonce(ReadOnlySpan<char> nonce)
        => nonce.Length is >= MinNonceLength and <= MaxNonceLength && IsToken(nonce, allowDot: false);

    /// <summary>Returns whether a key id is well formed: 1–64 characters of <c>A–Z a–z 0–9 . - _</c>.</summary>
    /// <param name="keyId">The key id.</param>
    /// <returns><see langword="true"/> when well formed.</returns>
    public static bool IsValidKeyId(ReadOnlySpan<char> keyId)
        => keyId.Length is >= 1 and <= MaxKeyIdLength && IsToken(keyId, allowDot: true);

    /// <summary>Parses an <c>A2A-Timestamp</c> value: 1–12 decimal digits.</summary>
    /// <param name="value">The header value.</param>
    /// <param name="unixSeconds">The parsed value.</param>
    /// <returns><see langword="true"/> when well formed.</returns>
    public static bool TryParseTimestamp(ReadOnlySpan<char> value, out long unixSeconds)
    {
        unixSeconds = 0;
        if (value.Length is < 1 or > 12)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out unixSeconds);
    }

    /// <summary>Parses an <c>A2A-Signature</c> value (<c>v1=</c> + base64 of exactly 32 bytes).</summary>
    /// <param name="value">The header value.</param>
    /// <param name="mac">Receives the MAC (32 bytes).</param>
    /// <param name="unsupportedVersion">Set when the value names another scheme version.</param>
    /// <returns><see langword="true"/> when well formed.</returns>
    public static bool TryParseHeader(ReadOnlySpan<char> value, Span<byte> mac, out bool unsupportedVersion)
    {
        unsupportedVersion = false;
        value = value.Trim();
        if (!value.StartsWith(HeaderPrefix, StringComparison.Ordinal))
        {
            unsupportedVersion = value.IndexOf('=') > 0;
            return false;
        }

        var encoded = value[HeaderPrefix.Length..];
        if (encoded.Length != 44)
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[33];
        return Convert.TryFromBase64Chars(encoded, buffer, out var written) && written == MacBytes && buffer[..MacBytes].TryCopyTo(mac);
    }

    private static bool IsToken(ReadOnlySpan<char> value, bool allowDot)
    {
        foreach (var c in value)
        {
            var ok = c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' || (allowDot && c == '.');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
