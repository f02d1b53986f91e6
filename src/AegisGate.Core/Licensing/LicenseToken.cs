using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace AegisGate.Licensing;

/// <summary>
/// The licence key format: <c>AGL1.&lt;base64url(canonical JSON payload)&gt;.&lt;base64url(signature)&gt;</c>, where the
/// signature is ECDSA P-256 with SHA-256 (IEEE P1363, 64 bytes) over the exact canonical payload bytes.
/// </summary>
/// <remarks>
/// The canonical payload is a JSON object with the keys in ordinal order and no whitespace:
/// <c>customer</c>, <c>expires</c> and <c>issued</c> (ISO 8601 UTC, whole seconds), <c>features</c> (sorted, distinct),
/// <c>id</c>, <c>limits</c> (keys sorted), <c>product</c>, <c>tier</c> (<c>community</c>, <c>professional</c>,
/// <c>enterprise</c>) and <c>v</c> (1). A payload that is not byte-for-byte canonical is rejected as malformed even
/// when its signature verifies, so one licence has exactly one encoding.
/// </remarks>
public static class LicenseToken
{
    /// <summary>The prefix of every licence key of format version 1.</summary>
    public const string Prefix = "AGL1.";

    /// <summary>The largest licence key accepted, in characters.</summary>
    public const int MaxTokenLength = 8192;

    internal const int SignatureLength = 64;
    private const int MaxFeatures = 128;
    private const int MaxLimits = 64;
    private const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>Signs a payload and returns the licence key.</summary>
    /// <param name="payload">The payload.</param>
    /// <param name="privateKey">An ECDSA P-256 private key.</param>
    /// <returns>The licence key.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The payload is invalid or the key is not a P-256 key.</exception>
    public static string Issue(LicensePayload payload, ECDsa privateKey)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(privateKey);
        if (privateKey.KeySize != 256)
        {
            throw new ArgumentException("The signing key must be an ECDSA P-256 key.", nameof(privateKey));
        }

        var json = Canonicalize(payload);
        var signature = privateKey.SignData(json, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return Prefix + Base64Url.EncodeToString(json) + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>Returns the canonical JSON bytes of a payload (what is signed).</summary>
    /// <param name="payload">The payload.</param>
    /// <returns>The canonical UTF-8 JSON.</returns>
    /// <exception cref="ArgumentException">The payload is invalid; the message lists every problem.</exception>
    public static byte[] Canonicalize(LicensePayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var errors = Validate(payload);
        if (errors.Count > 0)
        {
            throw new ArgumentException("The licence payload is invalid: " + string.Join(" ", errors), nameof(payload));
        }

        return Write(payload);
    }

    /// <summary>Returns the tier's name as used in licence payloads.</summary>
    /// <param name="tier">The tier.</param>
    /// <returns><c>community</c>, <c>professional</c> or <c>enterprise</c>.</returns>
    public static string TierName(LicenseTier tier) => tier switch
    {
        LicenseTier.Community => "community",
        LicenseTier.Professional => "professional",
        LicenseTier.Enterprise => "enterprise",
        _ => throw new ArgumentOutOfRangeException(nameof(tier), tier, "Unknown licence tier."),
    };

    /// <summary>Parses a tier name (case-insensitive).</summary>
    /// <param name="name">The name.</param>
    /// <param name="tier">The tier.</param>
    /// <returns><see langword="true"/> when the name is a tier.</returns>
    public static bool TryParseTier(string? name, out LicenseTier tier)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "community":
                tier = LicenseTier.Community;
                return true;
            case "professional":
                tier = LicenseTier.Professional;
                return true;
            case "enterprise":
                tier = LicenseTier.Enterprise;
                return true;
            default:
                tier = default;
                return false;
        }
    }

    /// <summary>Splits a key into its payload and signature bytes. Checks the framing only, not the signature.</summary>
    internal static bool TrySplit(string token, out byte[] payload, out byte[] signature)
    {
        payload = [];
        signature = [];
        if (token.Length is 0 or > MaxTokenLength || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var body = token.AsSpan(Prefix.Length);
        var dot = body.IndexOf('.');
        if (dot <= 0 || dot == body.Length - 1 || body[(dot + 1)..].Contains('.'))
        {
            return false;
        }

        if (!TryDecodeStrict(body[..dot], out payload) || !TryDecodeStrict(body[(dot + 1)..], out signature))
        {
            return false;
        }

        return signature.Length == SignatureLength && payload.Length > 0;
    }

    /// <summary>Reads a verified payload. Anything but the canonical encoding of a valid payload is rejected.</summary>
    internal static LicensePayload? TryRead(byte[] json)
    {
        LicensePayload payload;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 4 });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("v", out var version) || version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != 1
                || !TryGetString(root, "id", out var id)
                || !TryGetString(root, "customer", out var customer)
                || !TryGetString(root, "product", out var product)
                || !TryGetString(root, "tier", out var tierName) || !TryParseTier(tierName, out var tier)
                || !TryGetDate(root, "issued", out var issued)
                || !TryGetDate(root, "expires", out var expires)
                || !root.TryGetProperty("features", out var featuresElement) || featuresElement.ValueKind != JsonValueKind.Array
                || !root.TryGetProperty("limits", out var limitsElement) || limitsElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var features = new List<string>();
            foreach (var feature in featuresElement.EnumerateArray())
            {
                if (feature.ValueKind != JsonValueKind.String || features.Count >= MaxFeatures)
                {
                    return null;
                }

                features.Add(feature.GetString()!);
            }

            var limits = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var limit in limitsElement.EnumerateObject())
            {
                if (limit.Value.ValueKind != JsonValueKind.Number || !limit.Value.TryGetInt64(out var value) || limits.Count >= MaxLimits || !limits.TryAdd(limit.Name, value))
                {
                    return null;
                }
            }

            payload = new LicensePayload
            {
                LicenseId = id,
                Customer = customer,
                Tier = tier,
                Features = features,
                Limits = limits,
                IssuedAt = issued,
                ExpiresAt = expires,
                Product = product,
            };
        }
        catch (JsonException)
        {
            return null;
        }

        if (Validate(payload).Count > 0)
        {
            return null;
        }

        // Exactly one encoding per licence: the bytes must be the canonical form of what they say.
        return Write(payload).AsSpan().SequenceEqual(json) ? payload : null;
    }

    internal static List<string> Validate(LicensePayload payload)
    {
        var errors = new List<string>();
        if (!IsIdentifier(payload.LicenseId, 64, allowUpper: true))
        {
            errors.Add("LicenseId must be 1–64 characters of letters, digits, '.', '_', ':' or '-'.");
        }

        if (string.IsNullOrWhiteSpace(payload.Customer) || payload.Customer.Length > 200 || payload.Customer.Any(char.IsControl))
        {
            errors.Add("Customer must be 1–200 characters without control characters.");
        }

        if (!Enum.IsDefined(payload.Tier))
        {
            errors.Add("Tier is not a known tier.");
        }

        if (!IsIdentifier(payload.Product, 64, allowUpper: false))
        {
            errors.Add("Product must be 1–64 lower-case characters.");
        }

        if (payload.Features is null || payload.Features.Count > MaxFeatures || payload.Features.Any(f => !IsIdentifier(f, 64, allowUpper: false)))
        {
            errors.Add($"Features must be at most {MaxFeatures} lower-case names (letters, digits, '.', '_', '-', ':').");
        }

        if (payload.Limits is null || payload.Limits.Count > MaxLimits || payload.Limits.Any(l => !IsIdentifier(l.Key, 64, allowUpper: false) || l.Value < 0))
        {
            errors.Add($"Limits must be at most {MaxLimits} lower-case names with values of 0 or more.");
        }

        if (payload.IssuedAt.Offset != TimeSpan.Zero || payload.ExpiresAt.Offset != TimeSpan.Zero
            || payload.IssuedAt.Ticks % TimeSpan.TicksPerSecond != 0 || payload.ExpiresAt.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            errors.Add("IssuedAt and ExpiresAt must be UTC with whole seconds.");
        }

        if (payload.ExpiresAt <= payload.IssuedAt)
        {
            errors.Add("ExpiresAt must be after IssuedAt.");
        }

        return errors;
    }

    private static byte[] Write(LicensePayload payload)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            writer.WriteStartObject();
            writer.WriteString("customer", payload.Customer);
            writer.WriteString("expires", payload.ExpiresAt.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture));
            writer.WriteStartArray("features");
            foreach (var feature in payload.Features.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                writer.WriteStringValue(feature);
            }

            writer.WriteEndArray();
            writer.WriteString("id", payload.LicenseId);
            writer.WriteString("issued", payload.IssuedAt.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture));
            writer.WriteStartObject("limits");
            foreach (var (name, value) in payload.Limits.OrderBy(l => l.Key, StringComparer.Ordinal))
            {
                writer.WriteNumber(name, value);
            }

            writer.WriteEndObject();
            writer.WriteString("product", payload.Product);
            writer.WriteString("tier", TierName(payload.Tier));
            writer.WriteNumber("v", 1);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static bool TryDecodeStrict(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length > MaxTokenLength)
        {
            return false;
        }

        try
        {
            bytes = Base64Url.DecodeFromChars(text);
        }
        catch (FormatException)
        {
            return false;
        }

        // Reject alternative encodings (padding, whitespace, non-zero trailing bits): one key, one spelling.
        return Base64Url.EncodeToString(bytes).AsSpan().SequenceEqual(text);
    }

    private static bool TryGetString(JsonElement root, string name, out string value)
    {
        value = string.Empty;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = element.GetString()!;
        return true;
    }

    private static bool TryGetDate(JsonElement root, string name, out DateTimeOffset value)
    {
        value = default;
        if (!TryGetString(root, name, out var text)
            || !DateTime.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
        {
            return false;
        }

        value = new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc));
        return true;
    }

    private static bool IsIdentifier(string? value, int maxLength, bool allowUpper)
    {
        if (string.IsNullOrEmpty(value) || value.Length > maxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-' or ':'
                || (allowUpper && c is >= 'A' and <= 'Z');
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }
}
