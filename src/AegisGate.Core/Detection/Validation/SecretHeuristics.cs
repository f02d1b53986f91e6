using System.Buffers;

namespace AegisGate.Detection.Validation;

/// <summary>The negative filters users of gitleaks, detect-secrets and trufflehog keep asking for, as span checks.</summary>
internal static class SecretHeuristics
{
    // Words that mark a value as a placeholder wherever it appears, even after a provider prefix ("sk_live_YOUR_KEY").
    // "example" is kept apart: vendors publish structurally valid sample credentials that carry it (see IsDocumentationExample).
    private static readonly SearchValues<string> s_instructionPlaceholders = SearchValues.Create(
        [
            "placeholder", "changeme", "change_me", "change-me", "your_", "your-", "yourkey", "yourtoken",
            "yoursecret", "yourpass", "insert_", "insert-", "redacted", "dummy", "replace_me", "replaceme", "xxxx", "****",
            "....", "<your", "enter_", "enter-", "put_your", "not_a_real", "notreal", "notasecret", "not_real",
            "secret_here", "token_here", "key_here", "_here", "-here", "here>",
        ],
        StringComparison.OrdinalIgnoreCase);

    // Extra words that disqualify a keyword-anchored value (a generic "password = ..." assignment), not a provider token.
    private static readonly SearchValues<string> s_weakPlaceholders = SearchValues.Create(
        [
            "sample", "fake", "todo", "fixme", "foobar", "lorem", "tbd", "n/a", "null", "undefined", "none", "empty",
            "false", "true", "test123", "password123", "secret123", "mysecret", "mypassword", "notapassword", "s3cr3t",
        ],
        StringComparison.OrdinalIgnoreCase);

    private static readonly SearchValues<char> s_hex = SearchValues.Create("0123456789abcdefABCDEF");
    private static readonly SearchValues<char> s_maskChars = SearchValues.Create("xX*#.0_\u2022?");

    /// <summary>A provider token body that is a placeholder: masked (<c>xxxx</c>, <c>****</c>) or carrying a placeholder word (including <c>example</c>).</summary>
    public static bool IsTokenPlaceholder(ReadOnlySpan<char> value) => HasExampleWord(value) || IsInstructionPlaceholder(value);

    /// <summary>
    /// A value that tells the reader what to put there rather than holding a value: masked (<c>xxxx</c>, <c>****</c>) or
    /// carrying an instruction word (<c>your_</c>, <c>insert_</c>, <c>_here</c>, <c>placeholder</c>, <c>changeme</c>, <c>redacted</c>…).
    /// Unlike <see cref="IsTokenPlaceholder"/> the word <c>example</c> alone does not count.
    /// </summary>
    public static bool IsInstructionPlaceholder(ReadOnlySpan<char> value) => value.ContainsAny(s_instructionPlaceholders) || IsMasked(value);

    /// <summary>
    /// A documentation sample: the value carries the word <c>example</c> but is neither masked nor an instruction
    /// placeholder (<c>AKIAIOSFODNN7EXAMPLE</c>, <c>lin_api_…EXAMPLE</c>). Provider rules still report such a token when
    /// its structure is valid, at a lower confidence.
    /// </summary>
    public static bool IsDocumentationExample(ReadOnlySpan<char> value) => HasExampleWord(value) && !IsInstructionPlaceholder(value);

    /// <summary>A weak placeholder word (<c>sample</c>, <c>fake</c>, <c>todo</c>, <c>null</c>, <c>true</c>, <c>test123</c>…) that disqualifies a free-form value.</summary>
    public static bool HasWeakPlaceholderWord(ReadOnlySpan<char> value) => value.ContainsAny(s_weakPlaceholders);

    private static bool HasExampleWord(ReadOnlySpan<char> value) => value.Contains("example", StringComparison.OrdinalIgnoreCase);

    /// <summary>Values that are clearly not secrets: templating, variables, placeholders, masks.</summary>
    public static bool IsPlaceholder(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return true;
        }

        if (IsTokenPlaceholder(value) || value.ContainsAny(s_weakPlaceholders))
        {
            return true;
        }

        return IsTemplate(value) || IsMasked(value);
    }

    /// <summary>A template or variable reference as the whole value: <c>${X}</c>, <c>{{ x }}</c>, <c>%s</c>, <c>%(x)s</c>, <c>&lt;x&gt;</c>, <c>$VAR</c>, <c>@var@</c>, <c>[PASSWORD]</c>, <c>$(cmd)</c>, <c>`cmd`</c>.</summary>
    public static bool IsTemplate(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return true;
        }

        var first = value[0];
        var last = value[^1];
        return first switch
        {
            '$' => value.Length == 1 || char.IsAsciiLetter(value[1]) || value[1] is '{' or '(' or '_' or '$' || char.IsAsciiDigit(value[1]),
            '{' => last == '}',
            '<' => last == '>' || value.Contains('>'),
            '[' => last == ']',
            '%' => true,
            '@' => last == '@',
            '`' => true,
            '(' => last == ')',
            _ => value.StartsWith("#{", StringComparison.Ordinal) || value.SequenceEqual("%s") || value.Contains("{{", StringComparison.Ordinal) && value.Contains("}}", StringComparison.Ordinal) && value.IndexOf("{{", StringComparison.Ordinal) == 0,
        };
    }

    /// <summary>A mask: a run of one mask character (x, *, #, ., 0, _) over at least half the value, or any single character over 85 % of it.</summary>
    public static bool IsMasked(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return true;
        }

        var longest = 0;
        var longestMask = 0;
        var run = 0;
        var previous = '\0';
        foreach (var raw in value)
        {
            var c = raw is 'X' ? 'x' : raw;
            run = c == previous ? run + 1 : 1;
            previous = c;
            longest = Math.Max(longest, run);
            if (s_maskChars.Contains(c))
            {
                longestMask = Math.Max(longestMask, run);
            }
        }

        return (longestMask >= 6 && longestMask * 2 >= value.Length) || (longest >= 6 && longest * 100 >= value.Length * 85);
    }

    /// <summary>A run of at least <paramref name="length"/> consecutive ascending or descending characters (<c>12345678</c>, <c>abcdefgh</c>).</summary>
    public static bool HasSequentialRun(ReadOnlySpan<char> value, int length)
    {
        var up = 1;
        var down = 1;
        for (var i = 1; i < value.Length; i++)
        {
            up = value[i] == value[i - 1] + 1 ? up + 1 : 1;
            down = value[i] == value[i - 1] - 1 ? down + 1 : 1;
            if (up >= length || down >= length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A value that repeats a unit of at most <paramref name="maxPeriod"/> characters (<c>123123123</c>).</summary>
    public static bool IsPeriodic(ReadOnlySpan<char> value, int maxPeriod)
    {
        for (var period = 1; period <= maxPeriod && period * 3 <= value.Length; period++)
        {
            var periodic = true;
            for (var i = period; i < value.Length; i++)
            {
                if (value[i] != value[i - period])
                {
                    periodic = false;
                    break;
                }
            }

            if (periodic)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One character repeated, or a strictly sequential run such as <c>abcdefgh</c>/<c>12345678</c> for most of the value.</summary>
    public static bool IsTrivial(ReadOnlySpan<char> value)
    {
        if (value.Length == 0)
        {
            return true;
        }

        var distinct = CountDistinct(value);
        if (distinct <= 2)
        {
            return true;
        }

        var sequential = 0;
        for (var i = 1; i < value.Length; i++)
        {
            if (value[i] == value[i - 1] + 1)
            {
                sequential++;
            }
        }

        return sequential * 10 >= (value.Length - 1) * 8;
    }

    /// <summary>Distinct characters in a value (ASCII; others count as one class).</summary>
    public static int CountDistinct(ReadOnlySpan<char> value)
    {
        Span<bool> seen = stackalloc bool[129];
        var distinct = 0;
        foreach (var c in value)
        {
            var index = c < 128 ? c : 128;
            if (!seen[index])
            {
                seen[index] = true;
                distinct++;
            }
        }

        return distinct;
    }

    /// <summary>A canonical UUID (8-4-4-4-12 hex).</summary>
    public static bool IsUuid(ReadOnlySpan<char> value)
    {
        if (value.Length != 36 || value[8] != '-' || value[13] != '-' || value[18] != '-' || value[23] != '-')
        {
            return false;
        }

        for (var i = 0; i < 36; i++)
        {
            if (i is 8 or 13 or 18 or 23)
            {
                continue;
            }

            if (!s_hex.Contains(value[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Only hex digits.</summary>
    public static bool IsHex(ReadOnlySpan<char> value) => !value.IsEmpty && !value.ContainsAnyExcept(s_hex);

    /// <summary>Looks like a source identifier (camelCase / PascalCase / snake_case words), not a random string.</summary>
    public static bool LooksLikeIdentifier(ReadOnlySpan<char> value)
    {
        // Identifiers are letters (and few digits) in readable runs: count vowel ratio and digit ratio.
        var letters = 0;
        var digits = 0;
        var vowels = 0;
        var others = 0;
        var caseChanges = 0;
        var previousUpper = false;
        foreach (var c in value)
        {
            if (char.IsAsciiLetter(c))
            {
                letters++;
                var lower = (char)(c | 0x20);
                if (lower is 'a' or 'e' or 'i' or 'o' or 'u')
                {
                    vowels++;
                }

                var upper = char.IsAsciiLetterUpper(c);
                if (upper && !previousUpper)
                {
                    caseChanges++;
                }

                previousUpper = upper;
            }
            else if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is '.' or '_' or '-' or ':' or '/')
            {
                others++;
            }
            else
            {
                return false;
            }
        }

        if (letters == 0)
        {
            return false;
        }

        // Natural words have roughly 30–50 % vowels; random base62 has about 8 %.
        var vowelRatio = vowels / (double)letters;
        var digitRatio = digits / (double)value.Length;
        if (digitRatio > 0.2)
        {
            return false;
        }

        if (vowelRatio >= 0.3 && (others > 0 || caseChanges <= Math.Max(3, letters / 5)))
        {
            return true;
        }

        return others > 0 && vowelRatio >= 0.25 && digitRatio < 0.1;
    }

    /// <summary>Looks like a file path, URL, version, dotted name or e-mail rather than a credential.</summary>
    public static bool LooksLikeReference(ReadOnlySpan<char> value)
    {
        if (value.Contains("://", StringComparison.Ordinal) || value.StartsWith("/", StringComparison.Ordinal) || value.StartsWith("./", StringComparison.Ordinal)
            || value.StartsWith("~/", StringComparison.Ordinal))
        {
            return true;
        }

        var dots = value.Count('.');
        if (dots >= 1)
        {
            var lower = value.ToString().ToLowerInvariant();
            foreach (var ext in s_fileExtensions)
            {
                if (lower.EndsWith(ext, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        // Versions such as 1.2.3, v2.0.0-SNAPSHOT.
        if (dots >= 2 && value.Length > 0 && (char.IsAsciiDigit(value[0]) || (value[0] is 'v' or 'V' or 'r' && value.Length > 1 && char.IsAsciiDigit(value[1]))))
        {
            return true;
        }

        return value.Contains('@') && dots >= 1 && !value.Contains(':');
    }

    private static readonly string[] s_fileExtensions =
    [
        ".pem", ".key", ".p12", ".pfx", ".crt", ".cer", ".jks", ".keystore", ".keytab", ".json", ".yaml", ".yml", ".xml",
        ".txt", ".cfg", ".conf", ".ini", ".env", ".properties", ".js", ".ts", ".py", ".cs", ".java", ".go", ".rb", ".php",
        ".html", ".png", ".jpg", ".gif", ".svg", ".csv", ".log", ".sh", ".com", ".org", ".net", ".io",
    ];
}
