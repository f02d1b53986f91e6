using System.Buffers;
using System.Buffers.Text;
using System.Text;
using AegisGate.Detection.Validation;

namespace AegisGate.Detection.Rules;

/// <summary>Validators shared by the secret rules.</summary>
internal static class SecretValidators
{
    private static readonly SearchValues<char> s_base64 = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=");

    /// <summary>
    /// The confidence of a structurally valid provider token that carries the word <c>example</c> (a vendor's documented
    /// sample such as <c>AKIAIOSFODNN7EXAMPLE</c>): above the standard and strict policies' floors (0.5, 0.35), so it is
    /// still reported there, and below the relaxed floor (0.7), so a relaxed source drops it.
    /// </summary>
    public const double DocumentationExampleConfidence = 0.55;

    /// <summary>
    /// A provider token: rejected when it is masked or carries an instruction placeholder (<c>your_</c>, <c>_here</c>…);
    /// a token that carries the word <c>example</c> is still reported, at <see cref="DocumentationExampleConfidence"/>.
    /// </summary>
    public static double Token(in RuleMatch m, double confidence) => ByShape(m.Value, confidence);

    /// <summary>A provider token whose body must also look random (Shannon entropy at least <paramref name="minEntropy"/> bits per character).</summary>
    public static MatchValidator TokenWithEntropy(double minEntropy, int skipPrefix = 0)
        => (in RuleMatch m, double confidence) =>
        {
            var value = m.Value;
            var body = value[Math.Min(skipPrefix, value.Length)..];
            return Checksums.ShannonEntropy(body) >= minEntropy && !SecretHeuristics.IsPeriodic(body, 4) && !SecretHeuristics.HasSequentialRun(body, 12) ? ByShape(value, confidence) : 0;
        };

    /// <summary>
    /// A fixed-format value anchored by a provider keyword (<c>aws_secret_access_key = &lt;40 base64&gt;</c>): no
    /// instruction placeholder, weak placeholder word, template or short period; entropy at least
    /// <paramref name="minEntropy"/>. Like a provider token, a documented sample carrying <c>example</c> is reported at
    /// <see cref="DocumentationExampleConfidence"/>.
    /// </summary>
    public static MatchValidator ProviderKeyword(double minEntropy)
        => (in RuleMatch m, double confidence) =>
        {
            var value = m.Value;
            if (SecretHeuristics.HasWeakPlaceholderWord(value) || SecretHeuristics.IsTemplate(value) || SecretHeuristics.IsPeriodic(value, 3))
            {
                return 0;
            }

            return Checksums.ShannonEntropy(value) >= minEntropy ? ByShape(value, confidence) : 0;
        };

    // Masked or instruction placeholder: rejected; documentation sample: lower confidence; otherwise unchanged.
    private static double ByShape(ReadOnlySpan<char> value, double confidence)
    {
        if (SecretHeuristics.IsInstructionPlaceholder(value))
        {
            return 0;
        }

        return SecretHeuristics.IsDocumentationExample(value) ? Math.Min(confidence, DocumentationExampleConfidence) : confidence;
    }

    /// <summary>A value anchored by a provider keyword: no placeholders, templates, masks or short periods; entropy at least <paramref name="minEntropy"/>.</summary>
    public static MatchValidator Keyword(double minEntropy = 2.5)
        => (in RuleMatch m, double confidence) =>
        {
            var value = m.Value;
            if (SecretHeuristics.IsPlaceholder(value) || SecretHeuristics.IsPeriodic(value, 3))
            {
                return 0;
            }

            return Checksums.ShannonEntropy(value) >= minEntropy ? confidence : 0;
        };

    /// <summary>GitHub <c>ghX_</c> tokens: the CRC32 checksum makes a finding near-certain; without it a random-looking body still counts.</summary>
    public static double GitHubToken(in RuleMatch m, double confidence)
    {
        var value = m.Value;
        if (SecretHeuristics.IsInstructionPlaceholder(value))
        {
            return 0;
        }

        var underscore = value.IndexOf('_');
        var body = value[(underscore + 1)..];
        if (body.Length == 36 && Checksums.GitHubTokenChecksum(body))
        {
            return ByShape(value, 0.99);
        }

        return Checksums.ShannonEntropy(body) >= 3.5 && !SecretHeuristics.LooksLikeIdentifier(body) ? ByShape(value, confidence) : 0;
    }

    /// <summary>npm <c>npm_</c> tokens (CRC32 checksum like GitHub's).</summary>
    public static double NpmToken(in RuleMatch m, double confidence)
    {
        var value = m.Value;
        if (SecretHeuristics.IsInstructionPlaceholder(value))
        {
            return 0;
        }

        var body = value[4..];
        if (Checksums.NpmTokenChecksum(body))
        {
            return ByShape(value, 0.99);
        }

        return Checksums.ShannonEntropy(body) >= 3.5 ? ByShape(value, confidence) : 0;
    }

    /// <summary>A JWT: the header must decode to a JSON object naming <c>alg</c>, <c>typ</c> or <c>kid</c>.</summary>
    public static double Jwt(in RuleMatch m, double confidence)
    {
        var value = m.Value;
        var dot = value.IndexOf('.');
        if (dot < 0)
        {
            return 0;
        }

        var header = value[..dot];
        var bytes = ArrayPool<byte>.Shared.Rent(header.Length);
        try
        {
            var trimmed = header.TrimEnd('=');
            if (Base64Url.DecodeFromChars(trimmed, bytes, out _, out var written) != OperationStatus.Done)
            {
                return 0;
            }

            var json = bytes.AsSpan(0, written).Trim((byte)' ');
            if (json.Length < 8 || json[0] != (byte)'{' || json[^1] != (byte)'}')
            {
                return 0;
            }

            var named = json.IndexOf("\"alg\""u8) >= 0 || json.IndexOf("\"typ\""u8) >= 0 || json.IndexOf("\"kid\""u8) >= 0;
            return named ? confidence : 0;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    /// <summary>An HTTP Basic credential: the base64 decodes to printable <c>user:password</c>.</summary>
    public static double BasicCredential(in RuleMatch m, double confidence)
    {
        var value = m.Value;
        if (SecretHeuristics.IsTokenPlaceholder(value) || value.ContainsAnyExcept(s_base64))
        {
            return 0;
        }

        var padded = value.Length % 4 == 0 ? value.ToString() : value.ToString() + new string('=', 4 - (value.Length % 4));
        var buffer = new byte[padded.Length];
        if (!Convert.TryFromBase64String(padded, buffer, out var written))
        {
            return 0;
        }

        // The user part must be printable text followed by ':'; the password may be any bytes.
        var bytes = buffer.AsSpan(0, written);
        var colon = bytes.IndexOf((byte)':');
        if (colon < 0 || colon > 128)
        {
            return 0;
        }

        foreach (var b in bytes[..colon])
        {
            if (b is < 0x20 or > 0x7E or (byte)'{' or (byte)'"' or (byte)'}')
            {
                return 0;
            }
        }

        var text = System.Text.Encoding.UTF8.GetString(bytes);
        var user = text.AsSpan(0, colon);
        var password = text.AsSpan(colon + 1);
        return IsPlaceholderPair(user, password) ? 0 : confidence;
    }

    /// <summary>A bearer/token credential in a header: long enough, not a variable, not masked, not prose.</summary>
    public static double HeaderToken(in RuleMatch m, double confidence)
    {
        var value = m.Value;
        if (value.Length < 8 || SecretHeuristics.IsPlaceholder(value) || SecretHeuristics.IsPeriodic(value, 3))
        {
            return 0;
        }

        if (SecretHeuristics.IsUuid(value))
        {
            return confidence;
        }

        return Checksums.ShannonEntropy(value) >= 2.8 && !SecretHeuristics.LooksLikeIdentifier(value) && !SecretHeuristics.LooksLikeReference(value) ? confidence : 0;
    }

    /// <summary>The password of a URL or connection string (<c>scheme://user:password@host</c>).</summary>
    public static double UrlPassword(in RuleMatch m, double confidence)
    {
        var password = m.Value;
        var match = m.Match;
        var scheme = match.IndexOf("://", StringComparison.Ordinal);
        var user = scheme >= 0 ? match[(scheme + 3)..] : match;
        var colon = user.IndexOf(':');
        user = colon >= 0 ? user[..colon] : user;
        if (password.IsEmpty || SecretHeuristics.IsTemplate(password) || (!user.IsEmpty && SecretHeuristics.IsTemplate(user)) || SecretHeuristics.IsTokenPlaceholder(password))
        {
            return 0;
        }

        if (IsPlaceholderPassword(password) || (!user.IsEmpty && user.SequenceEqual(password)) || password.Length < 4 || SecretHeuristics.CountDistinct(password) <= 2
            || password.Contains("$(", StringComparison.Ordinal) || password.Contains("${", StringComparison.Ordinal) || user.Contains("$(", StringComparison.Ordinal)
            || user.Contains("${", StringComparison.Ordinal) || password.Contains("YOUR_", StringComparison.OrdinalIgnoreCase) || password.Contains("REPLACE", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        return confidence;
    }

    private static bool IsPlaceholderPassword(ReadOnlySpan<char> password)
    {
        ReadOnlySpan<string> words = ["password", "passwd", "pass", "pwd", "secret", "mypassword", "changeme", "<password>", "****", "xxx", "pw", "p@ssword", "yourpassword", "your_password"];
        foreach (var w in words)
        {
            if (password.Equals(w, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>curl -u user:password</c>: reports the password (or the user part when the password is empty, as API keys are passed).</summary>
    public static double CurlUser(in RuleMatch m, double confidence)
    {
        var value = m.Value;
        var colon = value.IndexOf(':');
        if (colon < 0)
        {
            return 0;
        }

        // "user":"password" quotes each part; "{id}":"{secret}" wraps literals in braces (IBM Cloud docs style).
        var user = Unwrap(value[..colon].Trim("\"'"));
        var password = Unwrap(value[(colon + 1)..].Trim("\"'"));
        if (user.StartsWith("<") || user.StartsWith("{") || user.StartsWith("[") || user.StartsWith("$") || password.StartsWith("{") || password.StartsWith("<"))
        {
            return 0;
        }

        var secret = password.IsEmpty ? user : password;
        if (secret.Length < 4 || SecretHeuristics.IsTemplate(secret) || (!user.IsEmpty && SecretHeuristics.IsTemplate(user)) || IsPlaceholderPair(user, password) || IsPlaceholderPassword(password)
            || SecretHeuristics.IsMasked(secret) || SecretHeuristics.CountDistinct(secret) <= 2)
        {
            return 0;
        }

        return confidence;
    }

    // "{Xk3pL9qT2}" is a literal in braces; "{password}", "{{ x }}" and "{$VAR}" stay templates.
    private static ReadOnlySpan<char> Unwrap(ReadOnlySpan<char> part)
    {
        if (part.Length < 10 || part[0] != '{' || part[^1] != '}')
        {
            return part;
        }

        var inner = part[1..^1];
        return inner.ContainsAny("{}$ ") || SecretHeuristics.LooksLikeIdentifier(inner) || Checksums.ShannonEntropy(inner) < 3.0 ? part : inner;
    }

    private static bool IsPlaceholderPair(ReadOnlySpan<char> user, ReadOnlySpan<char> password)
    {
        if (!user.IsEmpty && user.SequenceEqual(password))
        {
            return true;
        }

        ReadOnlySpan<string> words = ["password", "pass", "passwd", "pwd", "secret", "token", "username", "user", "yyy", "xxx", "changeme", "<password>"];
        foreach (var w in words)
        {
            if (password.Equals(w, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Base64 text that decodes to something containing <paramref name="marker"/> (a base64-wrapped PEM key or JWT).</summary>
    public static MatchValidator DecodesTo(string marker)
        => (in RuleMatch m, double confidence) =>
        {
            var value = m.Value.TrimEnd('=');
            var length = value.Length - (value.Length % 4);
            if (length < 16)
            {
                return 0;
            }

            var buffer = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                if (!Convert.TryFromBase64Chars(value[..length], buffer, out var written))
                {
                    return 0;
                }

                var text = Encoding.UTF8.GetString(buffer, 0, written);
                return text.Contains(marker, StringComparison.Ordinal) ? confidence : 0;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        };
}
