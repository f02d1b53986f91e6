using System.Text.RegularExpressions;
using AegisGate.Detection.Engine;
using AegisGate.Detection.Validation;

namespace AegisGate.Detection.Rules;

/// <summary>
/// The keyword-anchored generic credential: an assignment (<c>=</c>, <c>:</c>, <c>:=</c>, <c>=&gt;</c>, a call
/// argument…) to a key whose words name a secret (password, secret, token, api key, credential…), with the filters
/// users of gitleaks/detect-secrets ask for: keys such as <c>public_key</c>, <c>client_id</c>, <c>*_id</c>,
/// <c>*_name</c>, <c>*_url</c>, <c>*_length</c>, <c>csrf_token</c> are ignored; values that are placeholders,
/// templates, masks, periodic or sequential strings, references (URLs, paths, files, versions, e-mails) or
/// identifiers are ignored; a minimum entropy applies.
/// </summary>
internal static partial class GenericCredential
{
    public static readonly string[] Keywords =
    [
        "pass", "pwd", "secret", "token", "api_key", "api-key", "apikey", "api.key", "access_key", "access-key", "accesskey", "auth",
        "credential", "creds", "private_key", "private-key", "privatekey", "client_secret", "clientsecret", "bearer",
        "signing_key", "encryption_key", "master_key", "session_key",
    ];

    private static readonly HashSet<string> s_secretWords = new(StringComparer.Ordinal)
    {
        "password", "passwd", "pass", "pwd", "passphrase", "passcode", "secret", "secrets", "token", "apikey", "accesskey", "authkey", "auth",
        "credential", "credentials", "creds", "privatekey", "clientsecret", "bearer", "authtoken", "accesstoken", "refreshtoken",
        "secretkey", "apitoken", "sessionkey", "masterkey", "signingkey", "encryptionkey", "apisecret", "appsecret", "dbpass", "dbpassword",
    };

    private static readonly HashSet<string> s_keyQualifiers = new(StringComparer.Ordinal)
    {
        "api", "access", "auth", "private", "secret", "signing", "encryption", "master", "session", "account", "app", "client", "consumer", "shared", "license",
    };

    private static readonly HashSet<string> s_excludedAnywhere = new(StringComparer.Ordinal)
    {
        "public", "pub", "csrf", "xsrf", "authenticity", "nonce", "hint", "placeholder", "regex", "pattern", "policy", "length",
        "validation", "validator", "strength", "expiry", "expires", "expiration", "ttl", "timeout", "store", "manager", "prompt",
        "label", "field", "author", "authority", "authorized", "authorize", "authentication", "authenticated", "oauth2", "passthrough",
        "passport", "password_reset", "compass", "bypass", "passenger", "keyboard", "tokenizer", "tokenize", "tokens", "secretary",
    };

    private static readonly HashSet<string> s_excludedLast = new(StringComparer.Ordinal)
    {
        "id", "ids", "name", "names", "url", "uri", "urls", "uris", "path", "paths", "file", "files", "dir", "type", "types", "len", "length",
        "size", "count", "version", "format", "header", "headers", "prefix", "suffix", "fields", "enabled", "required", "mode", "method",
        "provider", "endpoint", "description", "template", "min", "max", "reset", "changed", "algorithm", "alg", "kind", "index", "idx",
        "source", "env", "var", "variable", "param", "parameter", "column", "col", "attribute", "attr", "service", "usage", "scope",
        "scopes", "ref", "reference", "location", "loc", "mapping", "map", "bits", "class", "arn", "key", "keys", "event", "hash",
        "digest", "salt", "iterations", "rounds", "expire", "lifetime", "generator", "helper", "resolver", "fn", "func", "callback",
        "handler", "config", "settings", "options", "option", "flag", "check", "input", "box", "button", "text", "view", "dialog", "error",
        "message", "msg", "err", "rule", "rules", "list", "set", "empty", "verify", "verified", "confirm", "confirmation", "match", "matches",
    };

    // Every word the classification looks up, so that Split hands out these instances instead of allocating a string for
    // each word of each key (declared after the sets it is built from: static fields initialise in order).
    private static readonly HashSet<string> s_knownWords = new([.. s_secretWords, .. s_keyQualifiers, .. s_excludedAnywhere, .. s_excludedLast, "meraki", "aws", "max"], StringComparer.Ordinal);
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> s_knownWordLookup = s_knownWords.GetAlternateLookup<ReadOnlySpan<char>>();

    public static void Find(DetectionRule rule, LayerText layer, IMatchSink sink)
    {
        var text = layer.Text;
        // By index: a foreach over the IReadOnlyList would box its enumerator on every call.
        var windows = layer.Windows;
        for (var w = 0; w < windows.Count; w++)
        {
            var (ws, we) = windows[w];
            FindIn(rule, text, ws, we, sink);
        }
    }

    private static void FindIn(DetectionRule rule, string text, int ws, int we, IMatchSink sink)
    {
        for (var m = Assignment().Match(text, ws, we - ws); m.Success; m = m.NextMatch())
        {
            var value = m.Groups["v"];
            if (!value.Success)
            {
                continue;
            }

            // The whole key: walk back from the keyword over identifier characters.
            var keyStart = m.Index;
            while (keyStart > 0 && m.Index - keyStart < 60 && IsKeyChar(text[keyStart - 1]))
            {
                keyStart--;
            }

            var keyEnd = m.Groups["rest"].Index + m.Groups["rest"].Length;
            var key = text.AsSpan(keyStart, keyEnd - keyStart);
            var words = Split(key);
            var kind = Classify(words);
            if (kind == KeyKind.None || ProviderFormatMismatch(words, value.ValueSpan.Trim()))
            {
                continue;
            }

            var confidence = ValueConfidence(value.ValueSpan, kind, m.Groups["q"].Success, rule.Descriptor.Confidence);
            if (confidence > 0)
            {
                sink.Add(rule, value.Index, value.Index + value.Length, confidence);
            }
        }
    }

    internal enum KeyKind
    {
        None,
        Password,
        Token,
    }

    internal static KeyKind Classify(ReadOnlySpan<char> key) => Classify(Split(key));

    private static KeyKind Classify(List<string> words)
    {
        if (words.Count == 0)
        {
            return KeyKind.None;
        }

        foreach (var w in words)
        {
            if (s_excludedAnywhere.Contains(w))
            {
                return KeyKind.None;
            }
        }

        if (s_excludedLast.Contains(words[^1]) && !(words[^1] == "key" && words.Count >= 2 && s_keyQualifiers.Contains(words[^2])))
        {
            return KeyKind.None;
        }

        var kind = KeyKind.None;
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            if (w is "password" or "passwd" or "pass" or "pwd" or "passphrase" or "passcode" or "dbpass" or "dbpassword")
            {
                return KeyKind.Password;
            }

            if (s_secretWords.Contains(w))
            {
                kind = KeyKind.Token;
            }
            else if (w == "key" && i > 0 && s_keyQualifiers.Contains(words[i - 1]))
            {
                kind = KeyKind.Token;
            }
        }

        return kind;
    }

    // Splits an identifier into lowercase words at non-alphanumerics and camelCase boundaries.
    internal static List<string> Split(ReadOnlySpan<char> key)
    {
        var result = new List<string>();
        Span<char> current = key.Length <= 256 ? stackalloc char[key.Length] : new char[key.Length];
        var length = 0;
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (!char.IsAsciiLetterOrDigit(c))
            {
                AddWord(result, current[..length]);
                length = 0;
                continue;
            }

            if (char.IsAsciiLetterUpper(c) && length > 0 && i > 0 && (char.IsAsciiLetterLower(key[i - 1]) || (i + 1 < key.Length && char.IsAsciiLetterLower(key[i + 1]) && char.IsAsciiLetterUpper(key[i - 1]))))
            {
                AddWord(result, current[..length]);
                length = 0;
            }

            current[length++] = char.ToLowerInvariant(c);
        }

        AddWord(result, current[..length]);
        return result;
    }

    private static void AddWord(List<string> words, ReadOnlySpan<char> word)
    {
        if (word.Length > 0)
        {
            words.Add(s_knownWordLookup.TryGetValue(word, out var known) ? known : word.ToString());
        }
    }

    /// <summary>
    /// Whether the key names a provider credential that has exactly one documented format and the value does not have it
    /// (<c>AWS_SECRET_ACCESS_KEY = &lt;56 base64&gt;</c> is ciphertext or another encoding, not an AWS secret key;
    /// <c>meraki_token = &lt;67 characters&gt;</c> is not a Meraki key). The provider's own rule decides such keys: it
    /// reports every value of the right shape, so the generic rule adds only false positives there.
    /// </summary>
    internal static bool ProviderFormatMismatch(List<string> words, ReadOnlySpan<char> value)
    {
        if (words.Contains("meraki"))
        {
            return !(value.Length == 40 && IsLowerHex(value));
        }

        if (words.Contains("aws") && words.Contains("secret"))
        {
            return !(value.Length == 40 && !value.ContainsAnyExcept(s_awsSecretChars));
        }

        return false;
    }

    private static readonly System.Buffers.SearchValues<char> s_awsSecretChars = System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
    private static readonly System.Buffers.SearchValues<char> s_lowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    private static bool IsLowerHex(ReadOnlySpan<char> value) => !value.ContainsAnyExcept(s_lowerHex);

    internal static double ValueConfidence(ReadOnlySpan<char> value, KeyKind kind, bool quoted, double baseConfidence)
    {
        value = value.Trim();
        if (value.Length < 8 || value.Length > 300)
        {
            return 0;
        }

        if (SecretHeuristics.IsPlaceholder(value) || SecretHeuristics.IsPeriodic(value, 3) || SecretHeuristics.IsTrivial(value) || SecretHeuristics.HasSequentialRun(value, 8))
        {
            return 0;
        }

        if (kind == KeyKind.Token && value.Length < 10)
        {
            return 0;
        }

        var allDigits = !value.ContainsAnyExceptInRange('0', '9');
        if (allDigits && value.Length < 12)
        {
            return 0;
        }

        if (SecretHeuristics.LooksLikeReference(value))
        {
            return 0;
        }

        if (value.Contains(' ') && (kind != KeyKind.Password || value.Count(' ') > 1))
        {
            return 0;
        }

        // Code rather than a literal: calls, member access chains, string concatenation.
        if (!quoted && (value.Contains('(') || value.Contains(')')))
        {
            return 0;
        }

        // A UUID is a secret only when it is random (version 4): time-based (v1, v6, v7) and name-based (v3, v5)
        // UUIDs are identifiers derived from clocks, MAC addresses or names, whatever the key says.
        var isUuid = SecretHeuristics.IsUuid(value);
        if (isUuid && !IsRandomUuid(value))
        {
            return 0;
        }

        if (!isUuid && !(kind == KeyKind.Password && quoted) && SecretHeuristics.LooksLikeIdentifier(value))
        {
            return 0;
        }

        var entropy = Checksums.ShannonEntropy(value);
        var minimum = kind == KeyKind.Password ? 2.2 : SecretHeuristics.IsHex(value) ? 2.7 : 3.0;
        if (!isUuid && entropy < minimum)
        {
            return 0;
        }

        var confidence = baseConfidence;
        if (entropy >= 3.5 && value.Length >= 16)
        {
            confidence += 0.15;
        }

        return Math.Min(0.9, confidence);
    }

    /// <summary>A canonical UUID whose version nibble is 4 and whose variant is RFC 9562 (<c>8</c>–<c>b</c>).</summary>
    internal static bool IsRandomUuid(ReadOnlySpan<char> uuid)
        => uuid.Length == 36 && uuid[14] == '4' && uuid[19] is '8' or '9' or 'a' or 'b' or 'A' or 'B';

    private static bool IsKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '$' or '@';

    [GeneratedRegex(
        @"(?i:pass(?:word|wd|phrase|code)?|pwd|secret|token|api[_.-]?key|apikey|access[_.-]?key|auth|credentials?|creds|private[_.-]?key|client[_.-]?secret|bearer|signing[_.-]?key|encryption[_.-]?key|master[_.-]?key|session[_.-]?key)"
        + @"(?<rest>[A-Za-z0-9_.-]{0,40})[""'`\]]{0,2}[ \t]{0,5}"
        + @"(?:(?::=|::=|:::=|\?=|=>|==|!=|=|:|<-)[ \t]{0,5}(?:(?<q>[""'`])(?<v>[^""'`\r\n]{1,300})\k<q>|(?<v>[A-Za-z0-9_\-+/=.~!@#$%^&*|]{1,300}))"
        + @"|(?:,|\()[ \t]{0,5}(?<q>[""'`])(?<v>[^""'`\r\n]{1,300})\k<q>)",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
        250)]
    private static partial Regex Assignment();
}
