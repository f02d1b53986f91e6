using System.Collections.Frozen;
using System.Reflection;
using System.Text;
using AegisGate.Detection;
using AegisGate.Detection.Engine;
using AegisGate.Detection.Rules;

namespace AegisGate.Core.Tests.Detection;

/// <summary>
/// The vectorised scanning loops of the rule path against plain references (the loops as they were before), on seeded
/// random texts that mix names, words, capitals, digits, hex, separators and non-ASCII letters: the results must be equal.
/// </summary>
public sealed class RulePathEquivalenceTests
{
    private const int Texts = 6000;

    private static readonly string[] s_pieces =
    [
        "John", "Mary", "Richard", "Ana", "María", "Jürgen", "Dan", "Jan", "Li", "Wei", "Oliver", "Sofia", "Lucía",
        "Smith", "Nixon", "López", "O'Brien", "D'Angelo", "Smith-Jones", "Milhous", "Lee", "Van", "MacDonald", "Müller",
        "Street", "University", "Monday", "May", "June", "March", "The", "Said", "Jr", "M.", "J.", "A", "I",
        "SELECT", "FROM", "HRB", "GB82", "WEST", "DE89", "AB51", "ABC", "APP", "CV", "x", "the", "and", "at", "on", "may",
        "ignore", "previous", "instructions", "all", "system", "prompt", "reveal", "Ignore", "All", "Previous", "Instructions",
        "abcdefghijklmnopqrstuvwxyzab", "Abcdefghijklmnopqrstuvw", "é", "ñ", "ü", "ß", "Ж", "Жанна", "中文", "É", "Ñandú",
        "0", "1", "5", "10", "42", "250", "1969", "4111", "12345", "0044", "3704", "555", "010", "9999", "123456789012",
        "John Smith", "Mary Lee", "Ana María López", "Richard M. Nixon", "Dan May", "Jan May", "Wei Li", "Oliver Twist",
        "00:1A:2B:3C:4D:5E", "0012.3456.789a", "de-ad-be-ef-00-01", "00:1A:2B", "aa:aa:aa:aa:aa:aa", "1a2b.3c4d.",
        "00", "1A", "2b", "ff", "FF", "0012", "3456", "789a", "de", "ad", "be", "ef", "a1", "Zz",
    ];

    private static readonly string[] s_separators =
    [
        " ", " ", " ", " ", " ", "", "", "\t", "  ", "\n", ". ", ", ", ".", "-", ":", "/", "_", "'", "@", "(", ")", "+",
        "+(", ") ", "--", "::", " - ", "\u00A0", "\u00E0", "#", "$", "\\", "*", "=", ";",
    ];

    [Test]
    public void PersonNames_RandomTexts_GapSearchFindsWhatThePlainLoopFinds()
    {
        var rule = BuiltInRules.Create().Single(r => r.Id == "pii.person_full_name");
        var found = 0;
        foreach (var text in RandomTexts(seed: 11))
        {
            var layer = new LayerText(TextCanonicalizer.Canonicalize(text), 0, null, 0, 0, parentRangeIsOriginal: false);
            var actual = new CollectingSink();
            PersonNames.Find(rule, layer, actual);
            var expected = ReferencePersonNames.Find(layer.Text);
            Assert.That(actual.Matches, Is.EqualTo(expected), $"'{Escape(layer.Text)}'");
            found += expected.Count;
        }

        TestContext.Out.WriteLine($"{found} names");
        Assert.That(found, Is.GreaterThan(Texts / 10));
    }

    [TestCase("")]
    [TestCase("J")]
    [TestCase("John Smith")]
    [TestCase(" John Smith")]
    [TestCase("xJohn Smith")]
    [TestCase("John\tSmith and Mary Lee")]
    [TestCase("John  Smith")]
    [TestCase("Richard M. Nixon, Richard Milhous Nixon Jones")]
    [TestCase("Ana María López Ana María")]
    [TestCase("Jan May 5 and Dan May")]
    [TestCase("John O'Brien, Mary Smith-Jones-Lee, John Street")]
    [TestCase("Jürgen Müller und Lucía Ñandú")]
    [TestCase("Abcdefghijklmnopqrstu Smith, Abcdefghijklmnopqrst Smith")]
    [TestCase("ééééééééééééééééééééééé Smith")]
    [TestCase("John Smith John Smith John Smith John Smith John Smith John Smith")]
    public void PersonNames_CraftedText_GapSearchFindsWhatThePlainLoopFinds(string text)
    {
        var rule = BuiltInRules.Create().Single(r => r.Id == "pii.person_full_name");
        var layer = new LayerText(TextCanonicalizer.Canonicalize(text), 0, null, 0, 0, parentRangeIsOriginal: false);
        var actual = new CollectingSink();
        PersonNames.Find(rule, layer, actual);
        Assert.That(actual.Matches, Is.EqualTo(ReferencePersonNames.Find(layer.Text)));
    }

    [Test]
    public void MacAddress_RandomTexts_SeparatorSearchFindsWhatThePlainLoopFinds()
    {
        var rule = BuiltInRules.Create().Single(r => r.Id == "pii.mac_address");
        var found = 0;
        foreach (var text in RandomTexts(seed: 12))
        {
            var layer = new LayerText(TextCanonicalizer.Canonicalize(text), 0, null, 0, 0, parentRangeIsOriginal: false);
            var actual = new CollectingSink();
            rule.Find(layer, actual);
            var expected = EngineSearchEquivalenceTests.ReferenceMac(layer.Text);
            Assert.That(actual.Matches, Is.EqualTo(expected), $"'{Escape(layer.Text)}'");
            found += expected.Count;
        }

        TestContext.Out.WriteLine($"{found} MAC addresses");
        Assert.That(found, Is.GreaterThan(Texts / 10));
    }

    [Test]
    public void JoinedWords_RandomTokens_PartCountKeepsWhatTheFullSplitKeeps()
    {
        string[] words = ["ignore", "Ignore", "IGNORE", "all", "All", "previous", "Previous", "instructions", "system", "prompt", "reveal", "items", "Where", "json", "x", "i", "a", "é", "ß"];
        const string Joiners = "._-";
        var random = new Random(13);
        var split = 0;
        for (var round = 0; round < Texts * 4; round++)
        {
            var sb = new StringBuilder();
            var parts = random.Next(1, 7);
            for (var p = 0; p < parts; p++)
            {
                if (p > 0 && random.Next(3) > 0)
                {
                    sb.Append(Joiners[random.Next(Joiners.Length)]);
                    if (random.Next(10) == 0)
                    {
                        sb.Append(Joiners[random.Next(Joiners.Length)]);
                    }
                }

                sb.Append(words[random.Next(words.Length)]);
            }

            if (random.Next(10) == 0)
            {
                sb.Insert(random.Next(sb.Length + 1), Joiners[random.Next(Joiners.Length)]);
            }

            var token = sb.ToString();
            var actual = Decoders.TrySplitJoinedWords(token, out var phrase);
            var expected = ReferenceSplitJoinedWords(token, out var expectedPhrase);
            Assert.That((actual, phrase), Is.EqualTo((expected, expectedPhrase)), token);
            split += expected ? 1 : 0;
        }

        TestContext.Out.WriteLine($"{split} phrases");
        Assert.That(split, Is.GreaterThan(Texts / 10));
    }

    // Decoders.TrySplitJoinedWords as it was before the part count: every part looked up in turn.
    private static bool ReferenceSplitJoinedWords(ReadOnlySpan<char> token, out string phrase)
    {
        phrase = string.Empty;
        var words = new StringBuilder();
        var parts = 0;
        var k = 0;
        while (k < token.Length)
        {
            var from = k;
            k++;
            while (k < token.Length && char.IsAsciiLetter(token[k]) && !(char.IsAsciiLetterUpper(token[k]) && char.IsAsciiLetterLower(token[k - 1])))
            {
                k++;
            }

            var part = token[from..k];
            if (!char.IsAsciiLetter(part[0]) || part.Length > 16 || !AttackVocabulary.Contains(part.ToString().ToLowerInvariant()))
            {
                return false;
            }

            words.Append(parts > 0 ? " " : string.Empty).Append(part);
            parts++;
            if (k < token.Length && !char.IsAsciiLetter(token[k]))
            {
                k++;
                if (k == token.Length)
                {
                    return false;
                }
            }
        }

        if (parts < 3)
        {
            return false;
        }

        phrase = words.ToString();
        return true;
    }

    [Test]
    public void RunCandidates_RandomTexts_OffersEachCandidateToTheRulesThePlainLoopOffersItTo()
    {
        var state = EngineState.Build(new AegisDetectionOptions(), [], null);
        var table = state.GetPolicy(null)!.For(ContentSource.User);
        var rules = state.Rules;
        var random = new Random(14);
        var found = 0;
        foreach (var text in RandomTexts(seed: 15))
        {
            // Some rules inactive, as a policy or the prefilter leaves them.
            var active = new bool[rules.Rules.Length];
            for (var i = 0; i < active.Length; i++)
            {
                active[i] = random.Next(8) > 0;
            }

            var actual = Run(text, (scan, layer) => DetectionEngine.RunCandidates(scan, layer, active));
            var expected = Run(text, (scan, layer) =>
            {
                foreach (var candidate in layer.GetCandidates())
                {
                    foreach (var rule in rules.CandidateRules)
                    {
                        if (rule.MinDigits > candidate.Digits)
                        {
                            break;
                        }

                        if (active[rule.Index] && rule.Accepts(candidate))
                        {
                            rule.Match(layer, candidate, scan);
                        }
                    }
                }
            });
            Assert.That(actual, Is.EqualTo(expected), $"'{Escape(text)}'");
            found += expected.Count;
        }

        TestContext.Out.WriteLine($"{found} candidate findings");
        Assert.That(found, Is.GreaterThan(Texts / 10));

        List<(string, int, int, double)> Run(string text, Action<ScanState, LayerText> run)
        {
            var scratch = ScanScratch.Rent(rules.Rules.Length);
            try
            {
                var scan = new ScanState(state, table, ContentSource.User, TimeProvider.System, scratch);
                var layer = new LayerText(TextCanonicalizer.Canonicalize(text), 0, null, 0, 0, parentRangeIsOriginal: false) { Settings = state, Scratch = scratch };
                scan.Enter(layer);
                run(scan, layer);
                return scan.Findings.Select(f => (f.Rule.Id, f.Start, f.End, f.Confidence)).ToList();
            }
            finally
            {
                ScanScratch.Return(scratch);
            }
        }
    }

    // Seeded random texts: 1–60 pieces joined by random separators, with random case flips and stray characters.
    private static IEnumerable<string> RandomTexts(int seed)
    {
        var random = new Random(seed);
        var sb = new StringBuilder();
        for (var t = 0; t < Texts; t++)
        {
            sb.Clear();
            var pieces = random.Next(1, 60);
            for (var p = 0; p < pieces; p++)
            {
                var piece = s_pieces[random.Next(s_pieces.Length)];
                switch (random.Next(12))
                {
                    case 0:
                        piece = piece.ToUpperInvariant();
                        break;
                    case 1:
                        piece = piece.ToLowerInvariant();
                        break;
                    case 2:
                        piece = (char)random.Next(0x20, 0x250) + piece;
                        break;
                }

                sb.Append(piece).Append(s_separators[random.Next(s_separators.Length)]);
            }

            yield return sb.ToString(0, random.Next(Math.Min(1, sb.Length), sb.Length + 1));
        }
    }

    private static string Escape(string text) => text.Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private sealed class CollectingSink : IMatchSink
    {
        public List<(int, int)> Matches { get; } = [];

        public void Add(DetectionRule rule, int start, int end, double confidence) => Matches.Add((start, end));
    }

    // PersonNames.Find as it was before the gap search: every capital tried in turn (the name lists read from the class).
    private static class ReferencePersonNames
    {
        private const int MaxWord = 20;
        private static readonly FrozenSet<string> s_given = NameSet("s_givenNames");
        private static readonly FrozenSet<string> s_stop = NameSet("s_notSurnames");

        public static List<(int, int)> Find(ReadOnlySpan<char> text)
        {
            var found = new List<(int, int)>();
            var given = s_given.GetAlternateLookup<ReadOnlySpan<char>>();
            var i = 0;
            while (i < text.Length)
            {
                var next = text[i..].IndexOfAnyInRange('A', 'Z');
                if (next < 0)
                {
                    break;
                }

                var start = i + next;
                var end = NameWordEnd(text, start);
                i = Math.Max(end, start + 1);
                if (end < 0 || (start > 0 && IsWordChar(text[start - 1])))
                {
                    while (i < text.Length && char.IsAsciiLetterOrDigit(text[i]))
                    {
                        i++;
                    }

                    continue;
                }

                var pos = SkipSpace(text, end);
                if (pos < 0 || !char.IsAsciiLetterUpper(text[pos]) || !given.Contains(text[start..end]))
                {
                    continue;
                }

                if (pos + 1 < text.Length && char.IsAsciiLetterUpper(text[pos]) && text[pos + 1] == '.')
                {
                    pos = SkipSpace(text, pos + 2);
                    if (pos < 0)
                    {
                        continue;
                    }
                }

                var surnameEnd = Surname(text, pos);
                if (surnameEnd < 0)
                {
                    continue;
                }

                if (text[pos..surnameEnd] is "March" or "April" or "May" or "June" or "July" or "August" && surnameEnd + 1 < text.Length && char.IsAsciiDigit(text[surnameEnd + 1]))
                {
                    continue;
                }

                var after = SkipSpace(text, surnameEnd);
                if (after >= 0 && Surname(text, after) is var second and > 0)
                {
                    surnameEnd = second;
                }

                found.Add((start, surnameEnd));
                i = surnameEnd;
            }

            return found;
        }

        private static FrozenSet<string> NameSet(string field)
            => (FrozenSet<string>)typeof(PersonNames).GetField(field, BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

        private static int Surname(ReadOnlySpan<char> text, int start)
        {
            var end = NameWordEnd(text, start);
            if (end < 0 && start + 2 < text.Length && text[start] is 'O' or 'D' && text[start + 1] == '\'')
            {
                end = NameWordEnd(text, start + 2);
            }

            if (end < 0)
            {
                return -1;
            }

            while (end + 2 < text.Length && text[end] is '\'' or '-' && char.IsAsciiLetterUpper(text[end + 1]) && NameWordEnd(text, end + 1) is var more and > 0)
            {
                end = more;
            }

            var first = NameWordEnd(text, start);
            return first > 0 && s_stop.GetAlternateLookup<ReadOnlySpan<char>>().Contains(text[start..first]) ? -1 : end;
        }

        private static int NameWordEnd(ReadOnlySpan<char> text, int start)
        {
            if (start >= text.Length || !char.IsAsciiLetterUpper(text[start]))
            {
                return -1;
            }

            var end = start + 1;
            while (end < text.Length && end - start <= MaxWord && (char.IsAsciiLetterLower(text[end]) || text[end] is 'ä' or 'ö' or 'ü' or 'é' or 'á' or 'í' or 'ó' or 'ú' or 'ñ'))
            {
                end++;
            }

            if (end - start < 2 || end - start > MaxWord || (end < text.Length && (IsWordChar(text[end]) || text[end] == '.' && end + 1 < text.Length && char.IsAsciiLetterOrDigit(text[end + 1]))))
            {
                return -1;
            }

            return end;
        }

        private static int SkipSpace(ReadOnlySpan<char> text, int pos)
            => pos < text.Length - 1 && text[pos] is ' ' or '\t' && text[pos + 1] != ' ' ? pos + 1 : -1;

        private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '@' or '/' or '\\' or '$' or '#';
    }
}
