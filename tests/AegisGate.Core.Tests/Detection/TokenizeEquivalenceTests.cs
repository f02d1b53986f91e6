using System.Buffers;
using System.Text;
using AegisGate.Detection;
using AegisGate.Detection.Engine;

namespace AegisGate.Core.Tests.Detection;

/// <summary>
/// The vectorised searches of <see cref="LayerText.Tokenize(ReadOnlySpan{char})"/> and <see cref="LayerText.GetLongRuns"/>
/// against plain references (the loops as they were before), on seeded random texts of digits, separators, letters glued
/// to digits, long words and non-ASCII digits and letters, of every length 0..64 and longer: the results must be equal.
/// </summary>
public sealed class TokenizeEquivalenceTests
{
    private static readonly string[] s_pieces =
    [
        "0", "1", "7", "9", "12", "250", "1969", "4111", "0044", "123456789012", "12.5", "10:30", "4.2.1", "2025-03-14",
        "+1", "(555)", "010-9999", "DE89", "GB82", "WEST", "HRB", "AB51", "ABC", "APP", "456CV", "B", "AB", "x", "at", "and",
        "may", "5-may-2021", "a1b2c3", "ABCDEFGHIJ", "abcdefghijklmnopqrstuvwxyz", "Zz9", "é", "ß", "Ж", "中文", "٣", "٤٥",
        "３", "１２", "ｱ", "AKIAABCDEFGHIJKLMNOP", "aGVsbG8gd29ybGQ=", "dGVzdA_-+/=", "quarterly", "renovated",
        "connection", "0123456789abcdefABCDEF", "%", "`", "a", "Q",
    ];

    private static readonly string[] s_separators =
    [
        " ", " ", " ", "", "", "", "-", "-", ".", ".", "/", ":", "(", ")", "+", "  ", "--", " - ", ". ", ", ", "\t", "\n",
        "\u00A0", "_", "=", "+(", ") ", "#", "'",
    ];

    private const string Alphabet = "0123456789012345678901234567890123456789 -./:()+ -. abcxyzABCXYZ_=%,\t\u00E9\u0663\uFF13\u4E2D";

    [Test]
    public void Tokenize_RandomTexts_FindsTheCandidatesThePlainLoopFinds()
    {
        var candidates = 0;
        foreach (var text in RandomTexts(seed: 21))
        {
            var actual = LayerText.Tokenize(text);
            var expected = ReferenceTokenizer.Tokenize(text);
            Assert.That(actual, Is.EqualTo(expected), $"'{Escape(text)}'");
            candidates += expected.Count;
        }

        TestContext.Out.WriteLine($"{candidates} candidates");
        Assert.That(candidates, Is.GreaterThan(10000));
    }

    [Test]
    public void GetLongRuns_RandomTexts_FindsTheRunsThePlainLoopFinds()
    {
        var runs = 0;
        foreach (var text in RandomTexts(seed: 22))
        {
            var layer = new LayerText(TextCanonicalizer.Canonicalize(text), 0, null, 0, 0, parentRangeIsOriginal: false);
            var expected = ReferenceLongRuns(layer.Text);
            Assert.That(layer.GetLongRuns(), Is.EqualTo(expected), $"'{Escape(layer.Text)}'");
            runs += expected.Count;
        }

        TestContext.Out.WriteLine($"{runs} runs");
        Assert.That(runs, Is.GreaterThan(1000));
    }

    [TestCase("")]
    [TestCase("1")]
    [TestCase("abcdefghijklmno1")]
    [TestCase("abcdefghijklmnop1")]
    [TestCase("                               9")]
    [TestCase("HRB 1234, B AB 1234, APP-456CV, DE89 3704 0044 0532 0130 00, +1 (555) 010-9999 and 5-may-2021")]
    [TestCase("abcdefgh abcdefghijklmnop abcdefg+ abcdefghabcdefgh1234567")]
    public void Crafted_TokenizeAndLongRuns_EqualThePlainLoops(string text)
    {
        Assert.That(LayerText.Tokenize(text), Is.EqualTo(ReferenceTokenizer.Tokenize(text)));
        var layer = new LayerText(TextCanonicalizer.Canonicalize(text), 0, null, 0, 0, parentRangeIsOriginal: false);
        Assert.That(layer.GetLongRuns(), Is.EqualTo(ReferenceLongRuns(layer.Text)));
    }

    // Every length 0..64 (character-level, around the 8- and 16-character vector steps), then longer piece-level texts.
    private static IEnumerable<string> RandomTexts(int seed)
    {
        var random = new Random(seed);
        var sb = new StringBuilder();
        for (var length = 0; length <= 64; length++)
        {
            for (var k = 0; k < 60; k++)
            {
                sb.Clear();
                var runChar = random.Next(3) == 0;
                for (var j = 0; j < length; j++)
                {
                    sb.Append(runChar && random.Next(4) != 0 ? (char)('a' + random.Next(26)) : Alphabet[random.Next(Alphabet.Length)]);
                }

                yield return sb.ToString();
            }
        }

        for (var t = 0; t < 4000; t++)
        {
            sb.Clear();
            var pieces = random.Next(1, 40);
            for (var p = 0; p < pieces; p++)
            {
                sb.Append(s_pieces[random.Next(s_pieces.Length)]);
                sb.Append(s_separators[random.Next(s_separators.Length)]);
            }

            yield return sb.ToString(random.Next(Math.Min(sb.Length, 8) + 1), sb.Length - Math.Min(sb.Length, 8));
        }
    }

    private static string Escape(string text) => text.Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    // The plain definition: every run of base64url characters that holds an 8-aligned block of 8 of them.
    private static List<(int Start, int End)> ReferenceLongRuns(string text)
    {
        static bool IsBase64(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=' or '-' or '_';
        var runs = new List<(int Start, int End)>();
        var i = 0;
        while (true)
        {
            var block = -1;
            for (var b = (i + 7) & ~7; b + 8 <= text.Length; b += 8)
            {
                var full = true;
                for (var k = b; k < b + 8; k++)
                {
                    full &= IsBase64(text[k]);
                }

                if (full)
                {
                    block = b;
                    break;
                }
            }

            if (block < 0)
            {
                return runs;
            }

            var start = block;
            while (start > i && IsBase64(text[start - 1]))
            {
                start--;
            }

            var end = block + 8;
            while (end < text.Length && IsBase64(text[end]))
            {
                end++;
            }

            runs.Add((start, end));
            i = end;
        }
    }

    // LayerText.Tokenize as it was before the inlined digit search.
    private static class ReferenceTokenizer
    {
        private const int MaxGroupChars = 40;
        private static readonly SearchValues<char> s_separators = SearchValues.Create(" -./:()+");

        public static List<NumericCandidate> Tokenize(ReadOnlySpan<char> text)
        {
            var result = new List<NumericCandidate>();
            var i = 0;
            while (i < text.Length)
            {
                var next = text[i..].IndexOfAnyInRange('0', '9');
                if (next < 0)
                {
                    break;
                }

                var digitAt = i + next;
                var start = digitAt;
                while (start > i && char.IsAsciiLetterOrDigit(text[start - 1]) && digitAt - start < MaxGroupChars)
                {
                    start--;
                }

                var groups = 0;
                var letters = 0;
                ulong packedDigits = 0;
                ulong packedLetters = 0;
                for (var k = 0; k < 2; k++)
                {
                    var leading = LeadingUpperGroup(text, start, i);
                    if (leading < 0)
                    {
                        break;
                    }

                    packedDigits <<= 6;
                    packedLetters = (packedLetters << 6) | (uint)(start - 1 - leading);
                    letters += start - 1 - leading;
                    groups++;
                    start = leading;
                }

                if (start > 0 && text[start - 1] is '+' or '(')
                {
                    start--;
                    if (start > 0 && text[start - 1] == '+')
                    {
                        start--;
                    }
                }

                var digits = 0;
                var end = start;
                var pos = digitAt;
                while (pos > start && char.IsAsciiLetterOrDigit(text[pos - 1]))
                {
                    pos--;
                }

                var lastGroupHadDigit = false;
                var tooLong = false;
                while (pos < text.Length)
                {
                    var groupStart = pos;
                    var groupDigits = 0;
                    var groupLetters = 0;
                    while (pos < text.Length && char.IsAsciiLetterOrDigit(text[pos]))
                    {
                        if (char.IsAsciiDigit(text[pos]))
                        {
                            groupDigits++;
                        }
                        else
                        {
                            groupLetters++;
                        }

                        pos++;
                    }

                    var groupLength = pos - groupStart;
                    if (groupLength == 0)
                    {
                        break;
                    }

                    if (groupLength > MaxGroupChars)
                    {
                        tooLong = true;
                        end = pos;
                        break;
                    }

                    if (groupDigits == 0)
                    {
                        var joined = groupStart > 0 && text[groupStart - 1] is '-' or '.' or '/';
                        var sandwiched = lastGroupHadDigit && groupLength <= 4 && (char.IsAsciiLetterUpper(text[groupStart]) || joined) && NextGroupHasDigit(text, pos);
                        var trailing = lastGroupHadDigit && groupLength <= 4 && IsUpper(text[groupStart..pos]) && !NextGroupHasDigit(text, pos);
                        if (!sandwiched && !trailing)
                        {
                            break;
                        }

                        packedLetters |= (ulong)(uint)groupLength << (6 * groups);
                        groups++;
                        letters += groupLetters;
                        end = pos;
                        if (trailing)
                        {
                            break;
                        }

                        lastGroupHadDigit = false;
                    }
                    else
                    {
                        packedDigits |= (ulong)(uint)groupDigits << (6 * groups);
                        packedLetters |= (ulong)(uint)groupLetters << (6 * groups);
                        digits += groupDigits;
                        letters += groupLetters;
                        groups++;
                        lastGroupHadDigit = true;
                        end = pos;
                    }

                    if (groups >= 8 || pos - start >= 64)
                    {
                        break;
                    }

                    var sep = 0;
                    while (pos < text.Length && sep < 2 && s_separators.Contains(text[pos]))
                    {
                        pos++;
                        sep++;
                    }

                    if (sep == 0 || pos >= text.Length || !char.IsAsciiLetterOrDigit(text[pos]))
                    {
                        break;
                    }
                }

                if (end < text.Length && text[end] == ')' && text[start..end].Contains('('))
                {
                    end++;
                }

                if (!tooLong && digits >= 1)
                {
                    result.Add(new NumericCandidate(start, end, digits, letters, groups, packedDigits, packedLetters));
                }

                i = Math.Max(end, digitAt + 1);
            }

            return result;
        }

        private static int LeadingUpperGroup(ReadOnlySpan<char> text, int start, int floor)
        {
            if (start - 2 < floor || text[start - 1] is not (' ' or '-'))
            {
                return -1;
            }

            var end = start - 1;
            var k = end;
            while (k > floor && char.IsAsciiLetterUpper(text[k - 1]) && end - k < 5)
            {
                k--;
            }

            var length = end - k;
            if (length is < 1 or > 4 || (k > floor && char.IsAsciiLetterOrDigit(text[k - 1])))
            {
                return -1;
            }

            return k;
        }

        private static bool IsUpper(ReadOnlySpan<char> group)
        {
            foreach (var c in group)
            {
                if (!char.IsAsciiLetterUpper(c))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool NextGroupHasDigit(ReadOnlySpan<char> text, int pos)
        {
            var sep = 0;
            while (pos < text.Length && sep < 2 && s_separators.Contains(text[pos]))
            {
                pos++;
                sep++;
            }

            while (pos < text.Length && char.IsAsciiLetterOrDigit(text[pos]))
            {
                if (char.IsAsciiDigit(text[pos]))
                {
                    return true;
                }

                pos++;
            }

            return false;
        }
    }
}
