using System.Text.RegularExpressions;
using AegisGate.Detection.Engine;
using AegisGate.Detection.Validation;

namespace AegisGate.Detection.Rules;

/// <summary>
/// PII rules whose value starts with a letter prefix the numeric tokeniser does not keep (lower-case or joined with a dot:
/// <c>de 136 695 976</c>, <c>DE.136.695.976</c>), and bare domain names.
/// </summary>
internal static partial class PrefixedIdRules
{
    private const RegexOptions O = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    /// <summary>
    /// German VAT id: "DE" (any case) + 9 digits, grouped with single spaces, dots or dashes or not at all, first digit not 0,
    /// ISO 7064 MOD 11,10 check digit. Runs only where the word "de" occurs, over the numeric candidates already tokenised.
    /// </summary>
    public static void FindDeVat(DetectionRule rule, LayerText layer, IMatchSink sink)
    {
        var text = layer.Text.AsSpan();
        Span<byte> d = stackalloc byte[9];
        foreach (var candidate in layer.GetCandidates())
        {
            if (candidate.Digits != 9 || candidate.Letters > 2)
            {
                continue;
            }

            // The first digit of the candidate and the prefix before it: "DE", then at most one separator.
            var first = candidate.Start;
            while (first < candidate.End && !char.IsAsciiDigit(text[first]))
            {
                first++;
            }

            var prefixEnd = first > 0 && text[first - 1] is ' ' or '.' or '-' ? first - 1 : first;
            var start = prefixEnd - 2;
            if (start < 0 || !IsDe(text[start..prefixEnd]) || (start > 0 && CandidateRule.IsWordNeighbour(text[start - 1])))
            {
                continue;
            }

            // Nine digits with single separators from the set, then the end of the number.
            var n = 0;
            var pos = first;
            while (pos < text.Length && n < 9)
            {
                var c = text[pos];
                if (char.IsAsciiDigit(c))
                {
                    d[n++] = (byte)(c - '0');
                }
                else if (c is not (' ' or '.' or '-') || !char.IsAsciiDigit(text[pos - 1]) || pos + 1 >= text.Length || !char.IsAsciiDigit(text[pos + 1]))
                {
                    break;
                }

                pos++;
            }

            if (n != 9 || (pos < text.Length && (CandidateRule.IsWordNeighbour(text[pos]) || (text[pos] is '.' or '-' && pos + 1 < text.Length && char.IsAsciiDigit(text[pos + 1])))))
            {
                continue;
            }

            if (d[0] != 0 && IdValidators.Iso7064Mod1110(d[..8]) == d[8])
            {
                sink.Add(rule, start, pos, rule.Descriptor.Confidence);
            }
        }
    }

    private static bool IsDe(ReadOnlySpan<char> prefix)
        => prefix.Length == 2 && prefix[0] is 'D' or 'd' && prefix[1] is 'E' or 'e';

    /// <summary>The top-level domains the bare-domain rule accepts (keywords of the prefilter, anchored at the dot).</summary>
    internal static readonly string[] DomainKeywords =
    [
        ".com", ".org", ".net", ".edu", ".gov", ".io", ".biz", ".co.", ".ac.", ".uk", ".fr", ".nl", ".eu", ".ch", ".ca", ".au", ".jp", ".cn", ".il",
        ".ru", ".br", ".se", ".dk", ".fi", ".ie", ".nz", ".za", ".kr", ".mx", ".tv",
    ];

    // One or more labels and a lower-case top-level domain from a short list: generic ones and country codes that are neither
    // file extensions (.py, .md, .rs, .pl, .sh, .cc) nor everyday words a missing space after a full stop would produce
    // (.it, .in, .at, .no, .be, .us, .me, .de, .es). Not inside a URL, an e-mail address, a path or a longer dotted name
    // (java.net.URL), and never ".NET" (upper case).
    [GeneratedRegex(@"(?<![\w.@/:%+\\-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,6}(?:com|org|net|edu|gov|io|biz|uk|fr|nl|eu|ch|ca|au|jp|cn|il|ru|br|se|dk|fi|ie|nz|za|kr|mx|tv|(?:co|com|org|net|ac|gov|edu)\.[a-z]{2})(?![\w-]|\.[A-Za-z0-9])", O, 250)]
    internal static partial Regex DomainName();

    // The same host name, anchored where the search starts (\G); FindDomains checks the character before it itself.
    [GeneratedRegex(@"\G(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.){1,6}(?:com|org|net|edu|gov|io|biz|uk|fr|nl|eu|ch|ca|au|jp|cn|il|ru|br|se|dk|fi|ie|nz|za|kr|mx|tv|(?:co|com|org|net|ac|gov|edu)\.[a-z]{2})(?![\w-]|\.[A-Za-z0-9])", O, 250)]
    private static partial Regex DomainNameAt();

    /// <summary>
    /// Bare domain names at the top-level-domain keywords, in text as written only (a host name inside a decoded token, such
    /// as a JWT's issuer, is part of that token). The first label has a letter and 2 or more characters. From each dot
    /// followed by a lower-case letter the host name is walked back to its start, and the regex runs once from there: a
    /// regex search over the text before every hit tried every word start (~5 µs per KB of prose with URLs).
    /// </summary>
    public static void FindDomains(DetectionRule rule, LayerText layer, IMatchSink sink)
    {
        if (layer.Depth > 0)
        {
            return;
        }

        var text = layer.Text;
        var span = text.AsSpan();
        var reportedEnd = -1;
        var lastTried = -1;
        foreach (var (ws, we) in layer.Windows)
        {
            var i = ws;
            while (i < we)
            {
                var found = span[i..we].IndexOf('.');
                if (found < 0)
                {
                    break;
                }

                var dot = i + found;
                i = dot + 1;
                if (dot + 2 >= span.Length || !char.IsAsciiLetterLower(span[dot + 1]) || dot < reportedEnd)
                {
                    continue;
                }

                // The host name around the dot: labels of letters, digits and '-' joined by dots.
                var start = dot;
                while (start > 0 && dot - start < 253 && (char.IsAsciiLetterOrDigit(span[start - 1]) || span[start - 1] is '-' or '.'))
                {
                    start--;
                }

                while (start < dot && !char.IsAsciiLetterOrDigit(span[start]))
                {
                    start++;
                }

                // Not inside a URL, an e-mail address, a path or a longer word (the regex's look-behind, which a match that
                // starts the searched range cannot see).
                if (start == dot || start == lastTried || (start > 0 && (char.IsLetterOrDigit(span[start - 1]) || span[start - 1] is '_' or '.' or '@' or '/' or ':' or '%' or '+' or '\\' or '-')))
                {
                    continue;
                }

                lastTried = start;
                var m = DomainNameAt().Match(text, start, Math.Min(text.Length, dot + 256) - start);
                if (!m.Success)
                {
                    continue;
                }

                var value = span.Slice(m.Index, m.Length);
                var firstDot = value.IndexOf('.');
                if (firstDot >= 2 && HasLetter(value[..firstDot]))
                {
                    sink.Add(rule, m.Index, m.Index + m.Length, rule.Descriptor.Confidence);
                    reportedEnd = m.Index + m.Length;
                }
            }
        }
    }

    /// <summary>Runs the regex of the function rule once so its first real use does not pay the JIT inside the match timeout (the rule set warms only pattern and candidate rules).</summary>
    internal static void WarmUp()
    {
        try
        {
            _ = DomainName().IsMatch("see example.com or example.co.uk");
            _ = DomainNameAt().IsMatch("example.co.uk");
        }
        catch (RegexMatchTimeoutException)
        {
            // Only a warm-up: a scan that times out is still a limit decision.
        }
    }

    private static bool HasLetter(ReadOnlySpan<char> label) => label.ContainsAnyInRange('a', 'z') || label.ContainsAnyInRange('A', 'Z');

    /// <summary>
    /// German commercial register number: HRA/HRB (any case) + 1–6 digits, optionally with a space or dot; not part of a longer
    /// number or word.
    /// </summary>
    [GeneratedRegex(@"(?<![\w-])(?i:HR[AB])[ .]?\d{1,6}(?![\w-]|[.,/]\d)", O, 250)]
    internal static partial Regex CommercialRegister();
}
