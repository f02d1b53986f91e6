using System.Buffers;
using System.Text;
using AegisGate.Detection;
using AegisGate.Detection.Engine;

namespace AegisGate.Core.Tests.Detection;

/// <summary>
/// <see cref="CipherDecoders.FindLeet"/> (which jumps from look-alike digit to look-alike digit and walks only the runs of
/// leet tokens) against <see cref="LeetReference"/>, the pass over every token it replaced: the same decoded segments in
/// the same order and the same budget left, on seeded random texts of leet tokens, attack words, numbers, gaps of every
/// width and non-ASCII characters, and with budgets that run out part-way.
/// </summary>
public sealed class LeetDecoderEquivalenceTests
{
    private static readonly string[] s_pieces =
    [
        "1gn0r3", "4ll", "pr3v10u5", "1n57ruc710n5", "y0u", "4r3", "n0w", "D4N", "5y573m", "pr0mp7", "r3v34l", "ignore", "all",
        "previous", "instructions", "the", "mp3", "h264", "ipv4", "250", "1969", "0", "7", "a", "b1", "@", "$", "j4n3@3x4mpl3",
        "doe12@example", "AKIAJ3K5L7M2N4P6Q7R2", "p@55w0rd", "$y$t3m", "é", "ß", "Ж", "ign0re", "prev1ous", "rul3s", "x",
    ];

    private static readonly string[] s_gaps =
    [
        " ", " ", " ", " ", "  ", "   ", "    ", "     ", ", ", ". ", "\n", "\n\n", " - ", "...", "....", "_", "-", ".", "!", "",
        "\u00A0", " (", ") ", "'", "\"",
    ];

    [Test]
    public void FindLeet_RandomTexts_DecodesWhatThePassOverEveryTokenDecodes()
    {
        var random = new Random(31);
        var decoded = 0;
        for (var n = 0; n < 6000; n++)
        {
            var sb = new StringBuilder();
            var count = random.Next(n % 20 == 0 ? 300 : 30);
            for (var k = 0; k < count; k++)
            {
                sb.Append(s_pieces[random.Next(s_pieces.Length)]).Append(s_gaps[random.Next(s_gaps.Length)]);
            }

            var text = sb.ToString();
            var budget = n % 7 == 0 ? random.Next(-5, 60) : 1_000_000;
            decoded += AssertSame(text, budget);
            for (var cut = 0; cut < Math.Min(text.Length, 12); cut++)
            {
                AssertSame(text[cut..], budget);
                AssertSame(text[..^cut], budget);
            }
        }

        Assert.That(decoded, Is.GreaterThan(500), "the texts must exercise decoding");
    }

    [Test]
    public void FindLeet_RandomCharacters_DecodesWhatThePassOverEveryTokenDecodes()
    {
        const string Alphabet = "01345 7@$ab eignorl .,-\n_é";
        var random = new Random(7);
        for (var n = 0; n < 20000; n++)
        {
            var chars = new char[random.Next(80)];
            for (var k = 0; k < chars.Length; k++)
            {
                chars[k] = Alphabet[random.Next(Alphabet.Length)];
            }

            AssertSame(new string(chars), n % 5 == 0 ? random.Next(0, 20) : 1000);
        }
    }

    private static int AssertSame(string text, int budget)
    {
        List<DecodedSegment>? actual = null;
        var actualBudget = budget;
        CipherDecoders.FindLeet(text, ref actual, ref actualBudget);
        List<DecodedSegment>? expected = null;
        var expectedBudget = budget;
        LeetReference.FindLeet(text, ref expected, ref expectedBudget);
        Assert.That(actual, Is.EqualTo(expected), text);
        Assert.That(actualBudget, Is.EqualTo(expectedBudget), text);
        return expected?.Count ?? 0;
    }

    /// <summary>The leetspeak decoder as it was: one pass over every token of the text.</summary>
    private static class LeetReference
    {
        private static readonly SearchValues<char> s_leetDigits = SearchValues.Create("013457@$");
        private static readonly SearchValues<char> s_asciiLetters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

        public static void FindLeet(string text, ref List<DecodedSegment>? result, ref int budget)
        {
            var span = text.AsSpan();
            var i = 0;
            var runStart = -1;
            var runEnd = -1;
            var leetTokens = 0;
            while (i < span.Length)
            {
                while (i < span.Length && !IsTokenChar(span[i]))
                {
                    i++;
                }

                var start = i;
                while (i < span.Length && IsTokenChar(span[i]))
                {
                    i++;
                }

                if (start == i)
                {
                    break;
                }

                var token = span[start..i];
                var isLeet = IsLeetToken(token);
                var isWord = isLeet || token.ContainsAny(s_asciiLetters);
                var gap = runEnd < 0 ? 0 : start - runEnd;
                if (isWord && (runStart < 0 || gap <= 3))
                {
                    runStart = runStart < 0 ? start : runStart;
                    runEnd = i;
                    leetTokens += isLeet ? 1 : 0;
                }
                else
                {
                    Flush(text, runStart, runEnd, leetTokens, ref result, ref budget);
                    runStart = isWord ? start : -1;
                    runEnd = isWord ? i : -1;
                    leetTokens = isLeet ? 1 : 0;
                }

                if (budget <= 0)
                {
                    return;
                }
            }

            Flush(text, runStart, runEnd, leetTokens, ref result, ref budget);
        }

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

        private static bool IsLeetToken(ReadOnlySpan<char> token)
            => token.Length >= 2 && token.ContainsAny(s_leetDigits) && token.ContainsAny(s_asciiLetters);

        private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '@' or '$';
    }
}
