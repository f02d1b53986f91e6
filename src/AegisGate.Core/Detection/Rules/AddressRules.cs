using System.Collections.Frozen;
using AegisGate.Detection.Engine;

namespace AegisGate.Detection.Rules;

/// <summary>
/// Postal-address parts anchored on a number the engine has already tokenised, so no keyword is needed: a US
/// "City, ST 12345(-6789)" line (a capitalised city, a USPS state code in capitals, a 5-digit ZIP or ZIP+4) and a German
/// street name glued to its suffix before the house number ("Lindenweg 7a", "Hauptstr. 5", "Berliner Str. 45").
/// </summary>
internal static class AddressRules
{
    private static readonly FrozenSet<string> s_states = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME",
            "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI",
            "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR",
        ]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_state = s_states.GetAlternateLookup<ReadOnlySpan<char>>();

    // German street-name endings ("ring" is left out: Spring, String, During).
    private static readonly string[] s_streetEndings = ["straße", "strasse", "str.", "weg", "platz", "allee", "gasse", "damm"];

    public static void Find(DetectionRule rule, LayerText layer, IMatchSink sink)
    {
        var text = layer.Text.AsSpan();
        foreach (var c in layer.GetCandidates())
        {
            if (c.Groups == 1 && c.Digits is >= 1 and <= 4 && c.Letters <= 1 && char.IsAsciiDigit(text[c.Start]))
            {
                var start = GermanStreetStart(text, c.Start);
                if (start >= 0)
                {
                    sink.Add(rule, start, c.End, 0.6);
                }

                continue;
            }

            // The tokenizer keeps the state code as a leading letter group ("TX 78701"): the ZIP is the candidate's tail.
            if (c.Digits is not (5 or 9) || c.Letters > 2)
            {
                continue;
            }

            var zip = c.End - (c.Digits == 5 ? 5 : 10);
            if (zip < 0 || !IsZip(text[zip..c.End]))
            {
                continue;
            }

            var city = CityStateStart(text, zip);
            if (city >= 0)
            {
                sink.Add(rule, city, c.End, 0.6);
            }
        }
    }

    // "Lindenweg 7a": one or two spaces back, a capitalised word ending in a street suffix (at least three letters before
    // it), or the word "Str." after a capitalised word. Returns the street name's start or -1.
    private static int GermanStreetStart(ReadOnlySpan<char> text, int number)
    {
        var end = SkipSpacesBack(text, number);

        // Every ending finishes in e, g, z, m or '.': most words before a number are rejected by their last character.
        if (end == number || end < 4 || text[end - 1] is not ('e' or 'g' or 'z' or 'm' or '.' or 'E' or 'G' or 'Z' or 'M'))
        {
            return -1;
        }

        var wordEnd = end;
        if (text[end - 1] == '.')
        {
            end--;
        }

        var start = end;
        while (start > 0 && char.IsLetter(text[start - 1]) && end - start <= 40)
        {
            start--;
        }

        if (start == end || !char.IsUpper(text[start]) || (start > 0 && (char.IsAsciiDigit(text[start - 1]) || text[start - 1] is '_' or '-' or '.' or '@' or '/')))
        {
            return -1;
        }

        var word = text[start..wordEnd];
        foreach (var ending in s_streetEndings)
        {
            if (word.EndsWith(ending, StringComparison.OrdinalIgnoreCase) && word.Length >= ending.Length + 3)
            {
                return start;
            }
        }

        // Two words: "Berliner Str. 45" (the full "Straße", "Weg", "Platz" forms are the street_address rule's).
        if (word.SequenceEqual("Str.") && start >= 2 && text[start - 1] == ' ')
        {
            var previous = start - 1;
            var first = previous;
            while (first > 0 && char.IsLetter(text[first - 1]) && previous - first <= 40)
            {
                first--;
            }

            if (previous - first >= 3 && char.IsUpper(text[first]))
            {
                return first;
            }
        }

        return -1;
    }

    // "Austin, TX 78701": the ZIP after one space, a state code in capitals after a comma or space, a capitalised city
    // word with lower-case letters before it. Returns the city's start or -1.
    private static int CityStateStart(ReadOnlySpan<char> text, int zip)
    {
        if (zip < 7 || text[zip - 1] != ' ' || !IsEndOfZip(text, zip))
        {
            return -1;
        }

        var code = text.Slice(zip - 3, 2);
        if (!s_state.Contains(code) || char.IsLetterOrDigit(text[zip - 4]))
        {
            return -1;
        }

        var pos = zip - 4;
        if (text[pos] == ',' && pos > 0)
        {
            pos--;
        }
        else if (text[pos] != ' ')
        {
            return -1;
        }
        else if (pos > 0 && text[pos - 1] == ',')
        {
            pos -= 2;
        }
        else
        {
            pos--;
        }

        // The city: the last capitalised word before the state, with at least one lower-case letter.
        var end = pos + 1;
        var start = end;
        var lower = false;
        while (start > 0 && char.IsLetter(text[start - 1]) && end - start <= 30)
        {
            start--;
            lower |= char.IsLower(text[start]);
        }

        return start < end && lower && char.IsUpper(text[start]) && (start == 0 || !char.IsLetterOrDigit(text[start - 1])) ? start : -1;
    }

    private static bool IsZip(ReadOnlySpan<char> value)
        => value.Length == 5 ? !value.ContainsAnyExceptInRange('0', '9')
            : value.Length == 10 && value[5] == '-' && !value[..5].ContainsAnyExceptInRange('0', '9') && !value[6..].ContainsAnyExceptInRange('0', '9');

    // The ZIP is not followed by more digits in another form ("78701.5", "78701-12").
    private static bool IsEndOfZip(ReadOnlySpan<char> text, int zip)
    {
        var end = zip;
        while (end < text.Length && (char.IsAsciiDigit(text[end]) || text[end] == '-'))
        {
            end++;
        }

        return end >= text.Length || !(text[end] is '.' or ',' or ':') || end + 1 >= text.Length || !char.IsAsciiDigit(text[end + 1]);
    }

    private static int SkipSpacesBack(ReadOnlySpan<char> text, int pos)
    {
        var p = pos;
        while (p > 0 && pos - p < 2 && text[p - 1] == ' ')
        {
            p--;
        }

        return p;
    }
}
