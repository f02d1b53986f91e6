using System.Buffers;
using System.Globalization;

namespace AegisGate.Detection.Engine;

/// <summary>
/// Hand ciphers attackers ask the model to undo: leetspeak (<c>1gn0r3 4ll pr3v10u5 1n57ruc710n5</c>), ROT13 and Caesar
/// shifts, and text written backwards. Leetspeak is decoded where a run of tokens mixing letters with look-alike digits
/// decodes to attack vocabulary; the others only when the text names the cipher ("rot13", "Caesar shift of 3",
/// "backwards"), since every text has a ROT13 reading. Their layers are scanned by the injection rules alone
/// (<see cref="IsInjectionOnly"/>): a shifted or reversed phone number is not a finding.
/// </summary>
internal static class CipherDecoders
{
    /// <summary>Encodings whose layers only the injection rules read.</summary>
    public static bool IsInjectionOnly(string? encoding) => encoding is "leetspeak" or "rot13" or "caesar" or "reversed";

    private const int MaxCipherText = 16 * 1024;
    private static readonly SearchValues<char> s_leetDigits = SearchValues.Create("013457@$");
    private static readonly SearchValues<char> s_asciiLetters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
    private static readonly string[] s_rot13Names = ["rot13", "rot-13", "rot 13", "rot_13"];
    private static readonly string[] s_reversedNames = ["backwards", "backward", "reversed", "in reverse", "reverse order", "right to left", "mirror", "reverse it", "reverse this", "reverse the"];
    private static readonly SearchValues<string> s_rot13 = SearchValues.Create(s_rot13Names, StringComparison.OrdinalIgnoreCase);
    private static readonly SearchValues<string> s_reversed = SearchValues.Create(s_reversedNames, StringComparison.OrdinalIgnoreCase);

    // One vectorised pass finds whether any cipher is named at all (most texts name none).
    private static readonly SearchValues<string> s_cipherNames = SearchValues.Create([.. s_rot13Names, .. s_reversedNames, "caesar"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Adds the cipher readings of <paramref name="text"/> to <paramref name="result"/>.</summary>
    public static void Find(string text, ref List<DecodedSegment>? result, ref int budget)
    {
        var span = text.AsSpan();
        if (HasTwoLeetTokens(span))
        {
            FindLeet(text, ref result, ref budget);
        }

        if (text.Length > MaxCipherText || budget < text.Length || !span.ContainsAny(s_cipherNames))
        {
            return;
        }

        if (span.ContainsAny(s_rot13))
        {
            Decoders.Add(ref result, ref budget, new DecodedSegment(0, text.Length, Shift(text, 13), "rot13"));
        }

        var caesar = span.IndexOf("caesar", StringComparison.OrdinalIgnoreCase);
        if (caesar >= 0 && CaesarShift(span[caesar..]) is int n and > 0 and < 26 && n != 13)
        {
            Decoders.Add(ref result, ref budget, new DecodedSegment(0, text.Length, Shift(text, n), "caesar"));
            Decoders.Add(ref result, ref budget, new DecodedSegment(0, text.Length, Shift(text, 26 - n), "caesar"));
        }

        if (span.ContainsAny(s_reversed))
        {
            var chars = span.ToArray();
            Array.Reverse(chars);
            Decoders.Add(ref result, ref budget, new DecodedSegment(0, text.Length, new string(chars), "reversed"));
        }
    }

    // The shift named after "caesar": the first number (one or two digits) within 48 characters.
    private static int? CaesarShift(ReadOnlySpan<char> span)
    {
        var window = span[..Math.Min(span.Length, 48)];
        var at = window.IndexOfAnyInRange('0', '9');
        if (at < 0)
        {
            return null;
        }

        var end = at;
        while (end < window.Length && end - at < 2 && char.IsAsciiDigit(window[end]))
        {
            end++;
        }

        return int.Parse(window[at..end], NumberStyles.None, CultureInfo.InvariantCulture);
    }

    private static string Shift(string text, int n)
    {
        return string.Create(text.Length, (text, n), static (dest, state) =>
        {
            var (source, shift) = state;
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                dest[i] = c switch
                {
                    >= 'a' and <= 'z' => (char)('a' + ((c - 'a' + shift) % 26)),
                    >= 'A' and <= 'Z' => (char)('A' + ((c - 'A' + shift) % 26)),
                    _ => c,
                };
            }
        });
    }

    // Runs of tokens with at least two that mix letters and look-alike digits, decoded when two or more of the decoded
    // words are attack vocabulary (so "mp3 h264 ipv4" stays untouched). A run is a sequence of word tokens (with an ASCII
    // letter) at most three characters apart; a token without letters or a wider gap ends it. Only runs with a leet token
    // can decode, so the text is not tokenised word by word: the next look-alike digit is found with a vector search, and
    // when its token is a leet token its run is walked back and forth (tokens before the first look-alike digit of a run
    // are not leet ones). The runs are flushed in text order, as a pass over every token would.
    internal static void FindLeet(string text, ref List<DecodedSegment>? result, ref int budget)
    {
        if (budget <= 0)
        {
            return;
        }

        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            var at = span[i..].IndexOfAny(s_leetDigits);
            if (at < 0)
            {
                return;
            }

            at += i;
            var tokenStart = at;
            while (tokenStart > i && IsTokenChar(span[tokenStart - 1]))
            {
                tokenStart--;
            }

            var tokenEnd = TokenEnd(span, at);
            if (!IsLeetToken(span[tokenStart..tokenEnd]))
            {
                i = tokenEnd;
                continue;
            }

            // Back to the first token of the run.
            var runStart = tokenStart;
            while (true)
            {
                var previousEnd = runStart;
                while (previousEnd > 0 && runStart - previousEnd <= 3 && !IsTokenChar(span[previousEnd - 1]))
                {
                    previousEnd--;
                }

                if (previousEnd == 0 || runStart - previousEnd > 3 || !IsTokenChar(span[previousEnd - 1]))
                {
                    break;
                }

                var previousStart = previousEnd - 1;
                while (previousStart > 0 && IsTokenChar(span[previousStart - 1]))
                {
                    previousStart--;
                }

                if (!IsWordToken(span[previousStart..previousEnd]))
                {
                    break;
                }

                runStart = previousStart;
            }

            // On to its last token, counting the leet ones.
            var leetTokens = 1;
            var runEnd = tokenEnd;
            while (true)
            {
                var nextStart = runEnd;
                while (nextStart < span.Length && nextStart - runEnd <= 3 && !IsTokenChar(span[nextStart]))
                {
                    nextStart++;
                }

                if (nextStart >= span.Length || nextStart - runEnd > 3 || !IsTokenChar(span[nextStart]))
                {
                    break;
                }

                var nextEnd = TokenEnd(span, nextStart);
                var next = span[nextStart..nextEnd];
                var isLeet = IsLeetToken(next);
                if (!isLeet && !next.ContainsAny(s_asciiLetters))
                {
                    break;
                }

                leetTokens += isLeet ? 1 : 0;
                runEnd = nextEnd;
            }

            Flush(text, runStart, runEnd, leetTokens, ref result, ref budget);
            if (budget <= 0)
            {
                return;
            }

            i = runEnd;
        }
    }

    private static int TokenEnd(ReadOnlySpan<char> span, int from)
    {
        while (from < span.Length && IsTokenChar(span[from]))
        {
            from++;
        }

        return from;
    }

    private static bool IsWordToken(ReadOnlySpan<char> token) => IsLeetToken(token) || token.ContainsAny(s_asciiLetters);

    private static void Flush(string text, int start, int end, int leetTokens, ref List<DecodedSegment>? result, ref int budget)
    {
        if (leetTokens < 2 || start < 0 || end - start > 4096)
        {
            return;
        }

        var decoded = string.Create(end - start, (text, start), static (dest, state) =>
        {
            state.text.AsSpan(state.start, dest.Length).CopyTo(dest);
            var i = 0;
            while (i < dest.Length)
            {
                if (!IsTokenChar(dest[i]))
                {
                    i++;
                    continue;
                }

                var tokenStart = i;
                while (i < dest.Length && IsTokenChar(dest[i]))
                {
                    i++;
                }

                // A digit or symbol is read as a letter only inside a token that also has letters ("4ll", "1n57ruc710n5").
                var token = dest[tokenStart..i];
                if (token.ContainsAny(s_asciiLetters))
                {
                    foreach (ref var c in token)
                    {
                        c = Unleet(c);
                    }
                }
            }
        });

        // Only the tokens the decoding changed count: the plain words around them would vouch for any run.
        var vocabulary = 0;
        var source = text.AsSpan(start, end - start);
        foreach (var range in decoded.AsSpan().Split(' '))
        {
            if (!source[range].ContainsAny(s_leetDigits))
            {
                continue;
            }

            var word = decoded.AsSpan(range).Trim(".,;:!?'\"()[]").ToString().ToLowerInvariant();
            vocabulary += word.Length > 1 && AttackVocabulary.Contains(word) ? 1 : 0;
        }

        if (vocabulary >= 2)
        {
            Decoders.Add(ref result, ref budget, new DecodedSegment(start, end, decoded, "leetspeak"));
        }
    }

    private static char Unleet(char c) => c switch
    {
        '0' => 'o',
        '1' => 'i',
        '3' => 'e',
        '4' => 'a',
        '5' => 's',
        '7' => 't',
        '@' => 'a',
        '$' => 's',
        _ => c,
    };

    // Cheap test before the tokenising pass: two look-alike digits with a letter right beside them, in different tokens.
    private static bool HasTwoLeetTokens(ReadOnlySpan<char> span)
    {
        var found = 0;
        var lastTokenEnd = -1;
        var i = 0;
        while (i < span.Length)
        {
            var at = span[i..].IndexOfAny(s_leetDigits);
            if (at < 0)
            {
                return false;
            }

            i += at;
            if ((i > 0 && char.IsAsciiLetter(span[i - 1])) || (i + 1 < span.Length && char.IsAsciiLetter(span[i + 1])))
            {
                if (i > lastTokenEnd && ++found >= 2)
                {
                    return true;
                }

                while (i < span.Length && IsTokenChar(span[i]))
                {
                    i++;
                }

                lastTokenEnd = i;
            }

            i++;
        }

        return false;
    }

    private static bool IsLeetToken(ReadOnlySpan<char> token)
        => token.Length >= 2 && token.ContainsAny(s_leetDigits) && token.ContainsAny(s_asciiLetters);

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '@' or '$';
}
