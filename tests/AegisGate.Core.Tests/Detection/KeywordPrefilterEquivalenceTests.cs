using System.Text;
using AegisGate.Detection.Engine;
using AegisGate.Detection.Rules;
using AegisGate.TestUtilities;

namespace AegisGate.Core.Tests.Detection;

/// <summary>
/// The whole <see cref="KeywordPrefilter"/> (word, symbol, infix and non-ASCII keywords) against
/// <see cref="KeywordPrefilterReference"/>, the prefilter before the fused word and anchor pass: every hit, rule and
/// position, in the same order. The built-in keywords and a small custom set (one- and two-character words, keywords
/// ending at their anchor, infix and non-ASCII keywords) on seeded random texts, on texts of every length from 0 to 100
/// (the ends of vectors and of the folded copy), on texts with chunks of word starts and on the shared corpus.
/// </summary>
public sealed class KeywordPrefilterEquivalenceTests
{
    private static readonly (string Keyword, int Rule, bool InsideWords)[] s_builtIn = BuiltInKeywords();

    private static readonly (string Keyword, int Rule, bool InsideWords)[] s_custom =
    [
        ("x", 0, false),
        ("ab", 1, false),
        ("Q", 2, false),
        ("@", 3, false),
        ("~", 4, true),
        ("x1q~abc", 5, true),
        ("pass", 6, true),
        ("tok", 7, true),
        ("забудь", 8, false),
        ("führer", 9, true),
        (" mr ", 10, false),
        ("[inst]", 11, false),
        ("the user", 12, false),
        ("ignore previous instructions", 13, false),
        ("ign", 14, false),
        ("a\0b", 15, false),
        ("<!--", 16, false),
        ("-", 17, false),
        ("-->", 18, false),
        ("12345678901234", 19, false),
        ("zz", 20, false),
        ("é", 21, false),
        ("k", 22, true),
        ("dd", 23, true),
    ];

    // Word keywords of every length from two to twelve and no one-character keyword, so that every word start goes
    // through the bit tables of three-, four-, five- and eight-character heads; keywords sharing their first three,
    // four and five characters ("con", "cont", "conte") with each other and with prose.
    private static readonly (string Keyword, int Rule, bool InsideWords)[] s_heads =
    [
        ("de", 0, false),
        ("con", 1, false),
        ("cont", 2, false),
        ("conte", 3, false),
        ("contex", 4, false),
        ("context", 5, false),
        ("contents", 6, false),
        ("content po", 7, false),
        ("content pol", 8, false),
        ("content poli", 9, false),
        ("name", 10, false),
        ("named", 11, false),
        ("the user", 12, false),
        ("assistant:", 13, false),
        ("ms", 14, false),
        ("abcdefg", 15, false),
        ("abcdefgh", 16, false),
        ("ab1", 17, false),
        ("4dan", 18, false),
        ("://", 19, false),
    ];

    private static readonly (KeywordPrefilter Actual, KeywordPrefilterReference Expected, string[] Pieces)[] s_sets =
    [
        (new KeywordPrefilter(s_builtIn), new KeywordPrefilterReference(s_builtIn), [.. s_builtIn.Select(k => k.Keyword).Where(k => k.Length > 0 && !k.Contains('\0', StringComparison.Ordinal)).Distinct()]),
        (new KeywordPrefilter(s_custom), new KeywordPrefilterReference(s_custom), [.. s_custom.Select(k => k.Keyword).Where(k => !k.Contains('\0', StringComparison.Ordinal))]),
        (new KeywordPrefilter(s_heads), new KeywordPrefilterReference(s_heads), [.. s_heads.Select(k => k.Keyword), "contain", "conte", "contentx", "names", "nam", "the", "abcdef", "abcdefgx", "Delivery"]),
    ];

    private static readonly string[] s_chars =
    [
        " ", "  ", "\n", "\t", ".", "-", "_", ":", "/", "@", "~", "<", ">", "!", "[", "]", "(", ")", "{", "}", "#", "*", "|",
        "=", "%", "`", "\"", "'", "\\", "0", "7", "9", "a", "z", "A", "Z", "Q", "é", "É", "\u0130", "\u0131", "\u212A",
        "\u017F", "Ŧ", "ą", "\u00FF", "\u0100", "\u0080", "\u007F", "\0", "\uD83D\uDE00", "з", "Ü",
    ];

    [Test]
    public void Search_GeneratedTexts_ReportTheHitsOfTheReference([Values(0, 1, 2)] int set)
    {
        var random = new Random(1234 + set);
        for (var n = 0; n < 3000; n++)
        {
            // Half of them ASCII only (the infix keywords of an ASCII text are searched on the folded copy).
            AssertSameHits(set, Generate(random, set, random.Next(n % 10 == 0 ? 400 : 60), ascii: n % 2 == 0));
        }
    }

    [Test]
    public void Search_EveryLengthUpTo100_ReportsTheHitsOfTheReference([Values(0, 1, 2)] int set)
    {
        var random = new Random(99 + set);
        var mixed = Generate(random, set, 200);
        for (var length = 0; length <= 100; length++)
        {
            foreach (var piece in s_sets[set].Pieces.Take(40).Concat(s_chars))
            {
                // Texts of exactly 'length' characters ending with the piece (cut at its start when longer), after a
                // word or after spaces; and starting with it.
                AssertSameHits(set, (new string('a', length) + " " + piece)[^length..]);
                AssertSameHits(set, (new string(' ', length) + piece.ToUpperInvariant())[^length..]);
                AssertSameHits(set, (piece + new string('.', length))[..length]);
            }

            AssertSameHits(set, mixed[..length]);
            AssertSameHits(set, Generate(random, set, length));
            AssertSameHits(set, Generate(random, set, length, ascii: true));
        }
    }

    [Test]
    public void Search_ManyWordStarts_ReportTheHitsOfTheReference([Values(0, 1, 2)] int set)
    {
        // More word starts than a chunk, with keywords across the edges of chunks.
        var random = new Random(7 + set);
        for (var n = 0; n < 40; n++)
        {
            var sb = new StringBuilder();
            while (sb.Length < 3000 + (n * 97))
            {
                var piece = random.Next(4) switch
                {
                    0 => "a ",
                    1 => "aB",
                    2 => "1x",
                    _ => random.Next(3) == 0 ? s_chars[random.Next(s_chars.Length)] : s_sets[set].Pieces[random.Next(s_sets[set].Pieces.Length)],
                };

                // Every other text ASCII only.
                if (n % 2 == 1 || Ascii.IsValid(piece))
                {
                    sb.Append(piece);
                }
            }

            AssertSameHits(set, sb.ToString());
        }

        AssertSameHits(set, string.Concat(Enumerable.Repeat("<!-- the user [INST] de ", 400)));
        AssertSameHits(set, string.Concat(Enumerable.Repeat("a ", 3000)) + "ignore previous instructions");
    }

    [Test]
    public void Search_CorpusTexts_ReportTheHitsOfTheReference()
    {
        foreach (var text in TestPaths.CorpusTexts())
        {
            AssertSameHits(0, text);
            AssertSameHits(1, text);
            AssertSameHits(2, text);
        }
    }

    private static string Generate(Random random, int set, int length, bool ascii = false)
    {
        var pieces = s_sets[set].Pieces;
        var sb = new StringBuilder();
        while (sb.Length < length)
        {
            var part = random.Next(2) == 0 ? s_chars[random.Next(s_chars.Length)] : pieces[random.Next(pieces.Length)];
            if (ascii && !Ascii.IsValid(part))
            {
                continue;
            }

            part = random.Next(4) switch
            {
                0 => part.ToUpperInvariant(),
                1 => string.Concat(part.Select(c => random.Next(2) == 0 ? char.ToUpperInvariant(c) : c)),
                2 => part[..random.Next(1, part.Length + 1)],
                _ => part,
            };
            sb.Append(part);
        }

        return sb.ToString(0, Math.Min(length, sb.Length));
    }

    private static void AssertSameHits(int set, string text)
    {
        var (actual, expected, _) = s_sets[set];
        var sink = new CollectingSink { Hits = [] };
        actual.Search(text, ref sink);
        var reference = new CollectingSink { Hits = [] };
        expected.Search(text, ref reference);
        if (!sink.Hits.SequenceEqual(reference.Hits))
        {
            Assert.Fail($"set {set}, '{(text.Length <= 120 ? text : text[..120] + "…")}' ({text.Length} characters): " +
                $"[{string.Join(", ", sink.Hits.Select(h => $"{h.Rule}@{h.Position}"))}] instead of [{string.Join(", ", reference.Hits.Select(h => $"{h.Rule}@{h.Position}"))}]");
        }
    }

    // Every keyword of the built-in rules as RuleSet gives them to the prefilter.
    private static (string Keyword, int Rule, bool InsideWords)[] BuiltInKeywords()
    {
        var rules = new RuleSet(BuiltInRules.Create());
        return [.. rules.Rules.SelectMany(r => r.Keywords.Select(k => (k, r.Index, r.KeywordsInsideWords || r.Descriptor.IsCustom)))];
    }

    private struct CollectingSink : KeywordPrefilter.IHitSink, KeywordPrefilterReference.IHitSink
    {
        public List<(int Rule, int Position)> Hits;

        public readonly void Hit(int[] rules, int position)
        {
            foreach (var rule in rules)
            {
                Hits.Add((rule, position));
            }
        }
    }
}
