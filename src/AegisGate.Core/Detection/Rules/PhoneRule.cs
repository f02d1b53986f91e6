using AegisGate.Detection.Engine;
using PhoneNumbers;

namespace AegisGate.Detection.Rules;

/// <summary>
/// Phone numbers, validated with libphonenumber. International numbers (+CC) are parsed as such; national numbers are
/// tried against a list of regions and must be formatted like a phone number (separators, parentheses or a trunk 0)
/// or have a whole-word phone context word. Dates, IP addresses and version strings are never phone numbers.
/// </summary>
internal static class PhoneRule
{
    private static readonly string[] s_regions = ["US", "GB", "DE", "FR", "IN", "IL", "CA", "BR", "PH", "TR", "AU", "ES", "IT", "MX", "NL", "JP", "KR", "ZA", "NG", "SG", "SE", "FI", "PL", "CH", "AT", "BE", "IE"];
    private static readonly string[] s_context = ["phone", "tel", "telephone", "call", "mobile", "cell", "fax", "whatsapp", "sms", "text me", "phone number", "contact me", "reach me", "handy", "telefon", "telefono", "téléphone", "telepono", "cep", "gsm", "mobil", "móvil", "movil", "celular", "portable", "numara"];
    private static readonly PhoneNumberUtil s_util = PhoneNumberUtil.GetInstance();

    public static void Find(DetectionRule rule, LayerText layer, IMatchSink sink)
    {
        var text = layer.Text;
        foreach (var candidate in layer.GetCandidates())
        {
            if (candidate.Digits is < 7 or > 21)
            {
                continue;
            }

            var span = text.AsSpan(candidate.Start, candidate.End - candidate.Start);
            if (candidate.Letters > 0)
            {
                // "555-0199 x341", "(523)222-8888EXT62": the number without its extension, no other letters.
                span = WithoutExtension(span);
                if (span.IsEmpty)
                {
                    continue;
                }
            }
            else if (candidate.Digits > 15)
            {
                continue;
            }

            // Trim a leading '(' that has no closing partner and trailing separators.
            span = span.TrimEnd(" -./:".AsSpan());
            if (LooksLikeDateOrAddress(span))
            {
                continue;
            }

            var international = span.StartsWith("+");
            var grouped = span.ContainsAny(" -(.".AsSpan());
            var context = HasContext(text, candidate.Start);
            // An undelimited national number is a phone number with a phone context word, or when it is written with its
            // trunk prefix '0' and libphonenumber validates it as a mobile number of one of the regions (09171234567,
            // 05321234567): the trunk digit plus the mobile number plan rule out most other digit strings.
            var trunkMobile = !international && !grouped && !context && span.Length is >= 10 and <= 12 && span[0] == '0' && span[1] != '0';
            if (!international && !grouped && !context && !trunkMobile)
            {
                continue;
            }

            // Digits hyphen- or underscore-joined to a word before them are an identifier ("c-20261126-0042", "v2-555-0123"),
            // not a phone number written on its own; without a context word they are not worth the region-by-region parse.
            if (!international && !context && IsJoinedToWord(text, candidate.Start))
            {
                continue;
            }

            if (IsRepetitive(span) || (!international && !context && IsSsnShaped(span)))
            {
                continue;
            }

            var value = span.ToString();
            var confidence = 0.0;
            if (international)
            {
                confidence = IsValid(value, null) ? (grouped ? 0.85 : 0.8) : 0;
            }
            else if (trunkMobile)
            {
                foreach (var region in s_regions)
                {
                    if (IsMobile(value, region))
                    {
                        confidence = 0.6;
                        break;
                    }
                }
            }
            else
            {
                foreach (var region in s_regions)
                {
                    // Strict grouping implies a valid number, and parsing is far cheaper than FindNumbers: check it first.
                    if (IsValid(value, region) && (context || IsValidGrouping(value, region)))
                    {
                        confidence = context ? 0.8 : 0.65;
                        break;
                    }
                }
            }

            if (confidence > 0)
            {
                sink.Add(rule, candidate.Start, candidate.Start + span.Length, confidence);
            }
        }
    }

    private static bool IsValid(string value, string? region)
    {
        try
        {
            var number = s_util.Parse(value, region);
            return s_util.IsValidNumber(number);
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    private static bool IsMobile(string value, string region)
    {
        try
        {
            var number = s_util.Parse(value, region);
            return s_util.IsValidNumberForRegion(number, region) && s_util.GetNumberType(number) is PhoneNumberType.MOBILE;
        }
        catch (NumberParseException)
        {
            return false;
        }
    }

    // The digits are grouped the way the region formats its numbers (libphonenumber STRICT_GROUPING).
    private static bool IsValidGrouping(string value, string region)
    {
        try
        {
            foreach (var match in s_util.FindNumbers(value, region, PhoneNumberUtil.Leniency.STRICT_GROUPING, 2))
            {
                if (match.Length >= value.Length - 1)
                {
                    return true;
                }
            }
        }
        catch (NumberParseException)
        {
            return false;
        }

        return false;
    }

    // The number before an extension written "x341", "X 341" is not glued here (the tokenizer keeps upper-case groups
    // only), "ext341" or "EXT.341": the extension marker must follow a digit, ')' or one space, and only 1–6 digits
    // may follow it; 7–15 digits must remain.
    internal static ReadOnlySpan<char> WithoutExtension(ReadOnlySpan<char> span)
    {
        var letter = span.IndexOfAnyInRange('A', 'Z');
        var lower = span.IndexOfAnyInRange('a', 'z');
        if (letter < 0 || (lower >= 0 && lower < letter))
        {
            letter = lower;
        }

        if (letter < 1)
        {
            return default;
        }

        var tail = span[letter..];
        int marker;
        if (tail.StartsWith("ext", StringComparison.OrdinalIgnoreCase))
        {
            marker = tail.Length > 3 && tail[3] == '.' ? 4 : 3;
        }
        else if (tail[0] is 'x' or 'X')
        {
            marker = 1;
        }
        else
        {
            return default;
        }

        var extension = tail[marker..].TrimStart(' ');
        if (extension.Length is < 1 or > 6 || extension.ContainsAnyExceptInRange('0', '9'))
        {
            return default;
        }

        var head = span[..letter];
        var trimmed = head.TrimEnd(' ');
        if (head.Length - trimmed.Length > 1 || trimmed.IsEmpty || !(char.IsAsciiDigit(trimmed[^1]) || trimmed[^1] == ')'))
        {
            return default;
        }

        var digits = 0;
        foreach (var c in trimmed)
        {
            digits += char.IsAsciiDigit(c) ? 1 : 0;
        }

        return digits is >= 7 and <= 15 ? trimmed : default;
    }

    private static bool IsJoinedToWord(string text, int start)
        => start >= 2 && text[start - 1] is '-' or '_' && char.IsAsciiLetterOrDigit(text[start - 2]);

    // 3-2-4 digit groups are how SSNs/ITINs are written, not phone numbers.
    private static bool IsSsnShaped(ReadOnlySpan<char> value)
        => value.Length == 11 && char.IsAsciiDigit(value[0]) && value[3] is '-' or ' ' or '.' && value[6] is '-' or ' ' or '.';

    private static bool IsRepetitive(ReadOnlySpan<char> value)
    {
        Span<int> counts = stackalloc int[10];
        var digits = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                counts[c - '0']++;
                digits++;
            }
        }

        foreach (var count in counts)
        {
            if (count * 10 >= digits * 7)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasContext(string text, int start)
    {
        var before = text.AsSpan(Math.Max(0, start - 40), Math.Min(40, start));
        foreach (var word in s_context)
        {
            if (TextSearch.ContainsWholeWord(before, word))
            {
                return true;
            }
        }

        return false;
    }

    // 2021-05-21, 21.05.2021, 10.0.0.1, 1.2.3: not phone numbers.
    private static bool LooksLikeDateOrAddress(ReadOnlySpan<char> span)
    {
        var dots = span.Count('.');
        var slashes = span.Count('/');
        var colons = span.Count(':');
        if (slashes > 0 || colons > 0)
        {
            return true;
        }

        // A dotted quad of octets (0–255) is an IP address; 532.123.45.67 is not.
        if (dots == 3 && span.Length <= 15 && !span.ContainsAny(' ', '-'))
        {
            var octets = true;
            foreach (var part in span.ToString().Split('.'))
            {
                octets &= part.Length is >= 1 and <= 3 && int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var octet) && octet <= 255;
            }

            if (octets)
            {
                return true;
            }
        }

        if (span.Length == 10 && (span[4] == '-' && span[7] == '-'))
        {
            return true;
        }

        return dots == 2 && span.Length <= 10;
    }
}
