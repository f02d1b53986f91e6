using System.Text.RegularExpressions;
using AegisGate.Detection.Engine;

namespace AegisGate.Detection.Rules;

/// <summary>What a validator sees of one regex match: the whole layer text, the match and its value group.</summary>
internal readonly ref struct RuleMatch
{
    public RuleMatch(ReadOnlySpan<char> text, int start, int end, int valueStart, int valueEnd)
    {
        Text = text;
        Start = start;
        End = end;
        ValueStart = valueStart;
        ValueEnd = valueEnd;
    }

    /// <summary>Gets the whole text of the layer.</summary>
    public ReadOnlySpan<char> Text { get; }

    /// <summary>Gets the start of the whole match.</summary>
    public int Start { get; }

    /// <summary>Gets the end of the whole match.</summary>
    public int End { get; }

    /// <summary>Gets the start of the value (the part reported and redacted).</summary>
    public int ValueStart { get; }

    /// <summary>Gets the end of the value.</summary>
    public int ValueEnd { get; }

    /// <summary>Gets the value.</summary>
    public ReadOnlySpan<char> Value => Text[ValueStart..ValueEnd];

    /// <summary>Gets the whole match.</summary>
    public ReadOnlySpan<char> Match => Text[Start..End];

    /// <summary>Gets up to <paramref name="chars"/> characters before the match.</summary>
    public ReadOnlySpan<char> Before(int chars) => Text[Math.Max(0, Start - chars)..Start];

    /// <summary>Gets up to <paramref name="chars"/> characters after the match.</summary>
    public ReadOnlySpan<char> After(int chars) => Text[End..Math.Min(Text.Length, End + chars)];
}

/// <summary>Validates a match and returns its confidence (0–1), or 0 or less to reject it.</summary>
internal delegate double MatchValidator(in RuleMatch match, double baseConfidence);

/// <summary>How a rule uses its context words.</summary>
internal enum ContextMode
{
    /// <summary>No context words.</summary>
    None,

    /// <summary>A context word within the window raises the confidence.</summary>
    Boost,

    /// <summary>Without a context word within the window the match is rejected.</summary>
    Required,
}

/// <summary>Whole-word context words looked for in a window around a match (never substrings: "lic" does not match "public").</summary>
internal sealed class RuleContext
{
    public RuleContext(ContextMode mode, int window, params string[] words)
    {
        Mode = mode;
        Window = window;
        Words = words;
    }

    public ContextMode Mode { get; }

    public int Window { get; }

    public string[] Words { get; }

    public double Boost { get; init; } = 0.25;

    /// <summary>
    /// Whether a context word occurs within <see cref="Window"/> characters before or after the match ("passport no.
    /// X1234567", "X1234567 es mi número de pasaporte"). Latin-script words match whole words only; words in scripts that
    /// glue particles to nouns or do not separate words (Hangul "여권번호는", CJK) match as substrings.
    /// </summary>
    public bool IsPresent(ReadOnlySpan<char> text, int start, int end)
    {
        var before = text[Math.Max(0, start - Window)..start];
        var after = text[end..Math.Min(text.Length, end + Window)];
        foreach (var word in Words)
        {
            if (IsUnsegmentedScript(word))
            {
                if (before.Contains(word, StringComparison.Ordinal) || after.Contains(word, StringComparison.Ordinal))
                {
                    return true;
                }
            }
            else if (TextSearch.ContainsWholeWord(before, word) || TextSearch.ContainsWholeWord(after, word))
            {
                return true;
            }
        }

        return false;
    }

    // Hangul (jamo, syllables), CJK ideographs, kana and Thai.
    private static bool IsUnsegmentedScript(string word)
        => word.Length > 0 && word[0] is (>= '\u1100' and <= '\u11FF') or (>= '\u3040' and <= '\u30FF') or (>= '\u3400' and <= '\u9FFF') or (>= '\uAC00' and <= '\uD7AF') or (>= '\u0E00' and <= '\u0E7F');
}

/// <summary>A built-in or custom detection rule.</summary>
internal abstract class DetectionRule
{
    protected DetectionRule(DetectionRuleDescriptor descriptor, string[] keywords)
    {
        Descriptor = descriptor;
        Keywords = keywords;
    }

    public DetectionRuleDescriptor Descriptor { get; }

    public string Id => Descriptor.Id;

    /// <summary>
    /// Gets the literal keywords (case-insensitive) of which one must occur for the rule to run; empty: the rule always
    /// runs. A keyword that starts with a letter or digit is looked for at the start of a word (after a character that is
    /// not an ASCII letter or digit) unless <see cref="KeywordsInsideWords"/> is set.
    /// </summary>
    public string[] Keywords { get; }

    /// <summary>Gets a value indicating whether the keywords may also occur inside a word (<c>dbPassword</c>, <c>x1Q~</c>).</summary>
    public bool KeywordsInsideWords { get; init; }

    /// <summary>Gets or sets the precedence when findings of one category overlap (higher wins).</summary>
    public int Priority { get; init; } = 50;

    public RuleContext? Context { get; init; }

    /// <summary>Gets or sets the rule's index in the compiled rule set.</summary>
    public int Index { get; set; }

    /// <summary>Gets how far before a keyword hit a match can start (the regex runs only in windows around keyword hits).</summary>
    public int ReachBefore { get; init; } = 96;

    /// <summary>Gets how far after a keyword hit a match can end.</summary>
    public int ReachAfter { get; init; } = 512;

    /// <summary>
    /// Gets the shortest run of base64url characters a match needs (0: no such need). A rule without keywords whose
    /// matches start with such a run (provider tokens without a prefix) runs only over the layer's long runs (each
    /// extended by <see cref="ReachAfter"/> characters), not over all of the text.
    /// </summary>
    public int LongRunMin { get; init; }

    /// <summary>
    /// Gets a value indicating whether every match starts at most <see cref="ReachBefore"/> characters before one of the
    /// rule's keyword hits (a URL at its scheme). The engine then runs the rule once per hit and stops at the first match
    /// that reaches the hit, instead of searching merged windows: a long <see cref="ReachAfter"/> (2 KB for a URL) no longer
    /// turns a text with a hit every kilobyte into one pass over all of it.
    /// </summary>
    public bool MatchesStartAtKeyword { get; init; }

    /// <summary>Finds matches in one layer of text and reports them through <paramref name="sink"/>.</summary>
    public abstract void Find(LayerText layer, IMatchSink sink);

    protected double ApplyContext(ReadOnlySpan<char> text, int start, int end, double confidence)
    {
        if (Context is null || Context.Mode == ContextMode.None)
        {
            return confidence;
        }

        var present = Context.IsPresent(text, start, end);
        if (Context.Mode == ContextMode.Required)
        {
            return present ? confidence : 0;
        }

        if (present)
        {
            return Math.Min(0.99, confidence + Context.Boost);
        }

        // A bare number that is the value of a time, duration, count or size label ("created_at": 1741476542,
        // "eval_duration": 4535599000) is that quantity, not an identifier that happens to pass a check digit.
        return QuantityLabel.Labels(text, start, end) ? 0 : confidence;
    }
}

/// <summary>Receives raw matches from rules.</summary>
internal interface IMatchSink
{
    void Add(DetectionRule rule, int start, int end, double confidence);
}

/// <summary>A rule made of one regex, an optional value group and an optional validator.</summary>
internal sealed class PatternRule : DetectionRule
{
    private readonly Regex _pattern;
    private readonly int _valueGroup;
    private readonly MatchValidator? _validator;

    public PatternRule(DetectionRuleDescriptor descriptor, string[] keywords, Regex pattern, MatchValidator? validator = null)
        : base(descriptor, keywords)
    {
        _pattern = pattern;
        _validator = validator;
        _valueGroup = pattern.GroupNumberFromName("v");
    }

    public Regex Pattern => _pattern;

    public override void Find(LayerText layer, IMatchSink sink)
    {
        var text = layer.Text;
        // By index: a foreach over the IReadOnlyList would box its enumerator on every call.
        var windows = layer.Windows;
        for (var w = 0; w < windows.Count; w++)
        {
            var (ws, we) = windows[w];
            if (_valueGroup < 0)
            {
                foreach (var m in _pattern.EnumerateMatches(text.AsSpan(ws, we - ws)))
                {
                    Report(layer, sink, ws + m.Index, ws + m.Index + m.Length, ws + m.Index, ws + m.Index + m.Length);
                }

                continue;
            }

            for (var m = _pattern.Match(text, ws, we - ws); m.Success; m = m.NextMatch())
            {
                var group = m.Groups[_valueGroup];
                if (!group.Success)
                {
                    continue;
                }

                Report(layer, sink, m.Index, m.Index + m.Length, group.Index, group.Index + group.Length);
            }
        }
    }

    /// <summary>
    /// Finds the matches that start at the keyword hits (<see cref="DetectionRule.MatchesStartAtKeyword"/>): per hit, the
    /// regex runs in a window from <see cref="DetectionRule.ReachBefore"/> characters before it (widened to a white-space
    /// boundary, as merged windows are) to <see cref="DetectionRule.ReachAfter"/> after it, and stops at the first match
    /// that reaches the hit or starts after it (that one belongs to a later hit). Hits inside a reported match are skipped.
    /// </summary>
    /// <param name="layer">The layer.</param>
    /// <param name="positions">The keyword hits, sorted.</param>
    /// <param name="sink">Receives the matches.</param>
    public void FindAtHits(LayerText layer, List<int> positions, IMatchSink sink)
    {
        var text = layer.Text;
        var covered = -1;
        foreach (var p in positions)
        {
            if (p < covered)
            {
                continue;
            }

            var (ws, we) = TextSearch.HitWindow(text, p, ReachBefore, ReachAfter);

            for (var m = _pattern.Match(text, ws, we - ws); m.Success; m = m.NextMatch())
            {
                if (m.Index > p)
                {
                    break;
                }

                var end = m.Index + m.Length;
                if (_valueGroup < 0)
                {
                    Report(layer, sink, m.Index, end, m.Index, end);
                }
                else if (m.Groups[_valueGroup] is { Success: true } group)
                {
                    Report(layer, sink, m.Index, end, group.Index, group.Index + group.Length);
                }

                if (end > p)
                {
                    covered = Math.Max(covered, end);
                    break;
                }
            }
        }
    }

    private void Report(LayerText layer, IMatchSink sink, int start, int end, int valueStart, int valueEnd)
    {
        if (valueEnd <= valueStart)
        {
            return;
        }

        var confidence = Descriptor.Confidence;
        if (_validator is not null)
        {
            confidence = _validator(new RuleMatch(layer.Text, start, end, valueStart, valueEnd), confidence);
            if (confidence <= 0)
            {
                return;
            }
        }

        confidence = ApplyContext(layer.Text, valueStart, valueEnd, confidence);
        if (confidence > 0)
        {
            sink.Add(this, valueStart, valueEnd, confidence);
        }
    }
}

/// <summary>
/// A rule over numeric candidates (digit groups with separators, optionally glued to letters) that the engine
/// tokenises once per layer; the regex runs on the candidate only. The digit and letter ranges let the engine skip
/// candidates that cannot hold a match without running the regex.
/// </summary>
internal sealed class CandidateRule : DetectionRule
{
    private readonly Regex _pattern;
    private readonly MatchValidator? _validator;

    public CandidateRule(DetectionRuleDescriptor descriptor, string[] keywords, Shape shape, Regex pattern, MatchValidator? validator = null)
        : base(descriptor, keywords)
    {
        MinDigits = shape.MinDigits;
        MaxDigits = shape.MaxDigits;
        MinLetters = shape.MinLetters;
        MaxLetters = shape.MaxLetters;
        MinGroups = shape.MinGroups;
        _pattern = pattern;
        _validator = validator;
    }

    /// <summary>Gets the regex run on candidates.</summary>
    public Regex Pattern => _pattern;

    public int MinDigits { get; }

    public int MaxDigits { get; }

    public int MinLetters { get; }

    public int MaxLetters { get; }

    /// <summary>Gets the fewest groups (digit or letter runs between separators) a match covers.</summary>
    public int MinGroups { get; }

    /// <summary>
    /// Whether a candidate can hold a match. A match never cuts a word, so it covers whole groups: some run of
    /// consecutive groups must have a digit and letter count within the rule's ranges.
    /// </summary>
    public bool Accepts(in NumericCandidate candidate)
    {
        if (candidate.Digits < MinDigits || candidate.Letters < MinLetters)
        {
            return false;
        }

        if (candidate.Groups < MinGroups)
        {
            return false;
        }

        if (candidate.Groups <= 1)
        {
            return candidate.Digits <= MaxDigits && candidate.Letters <= MaxLetters;
        }

        for (var first = 0; first < candidate.Groups; first++)
        {
            var digits = 0;
            var letters = 0;
            for (var last = first; last < candidate.Groups; last++)
            {
                digits += candidate.DigitsOf(last);
                letters += candidate.LettersOf(last);
                if (digits > MaxDigits || letters > MaxLetters)
                {
                    break;
                }

                if (digits >= MinDigits && letters >= MinLetters && last - first + 1 >= MinGroups)
                {
                    return true;
                }
            }
        }

        return false;
    }

    public override void Find(LayerText layer, IMatchSink sink)
    {
        foreach (var candidate in layer.GetCandidates())
        {
            if (Accepts(candidate))
            {
                Match(layer, candidate, sink);
            }
        }
    }

    public void Match(LayerText layer, in NumericCandidate candidate, IMatchSink sink)
    {
        var text = layer.Text.AsSpan();
        var span = text[candidate.Start..candidate.End];
        foreach (var m in _pattern.EnumerateMatches(span))
        {
            var start = candidate.Start + m.Index;
            var end = start + m.Length;

            // A match must not cut a word: the characters around it are not (Latin) letters or digits. Scripts written
            // without spaces (CJK, Hangul, Thai) may touch it.
            if ((start > 0 && IsWordNeighbour(text[start - 1])) || (end < text.Length && IsWordNeighbour(text[end])))
            {
                continue;
            }

            if (LetterFreeNeighbours && (HasLetterGroupBefore(text, start) || HasLetterGroupAfter(text, end)))
            {
                continue;
            }

            if (Standalone && (HasGroupBefore(text, start) || HasGroupAfter(text, end)))
            {
                continue;
            }

            var confidence = Descriptor.Confidence;
            if (_validator is not null)
            {
                confidence = _validator(new RuleMatch(text, start, end, start, end), confidence);
                if (confidence <= 0)
                {
                    continue;
                }
            }

            confidence = ApplyContext(text, start, end, confidence);
            if (confidence > 0)
            {
                sink.Add(this, start, end, confidence);
            }
        }
    }

    /// <summary>Gets a value indicating whether a match next to a group with letters (inside an IBAN, a serial) is ignored.</summary>
    public bool LetterFreeNeighbours { get; init; }

    /// <summary>Gets a value indicating whether a match next to any other alphanumeric group (across one separator) is ignored: the number is part of something longer.</summary>
    public bool Standalone { get; init; }

    private static bool HasGroupBefore(ReadOnlySpan<char> text, int start)
        => start >= 2 && text[start - 1] is ' ' or '-' or '.' or '/' && char.IsAsciiDigit(text[start - 2]);

    private static bool HasGroupAfter(ReadOnlySpan<char> text, int end)
        => end + 1 < text.Length && text[end] is ' ' or '-' or '.' or '/' && char.IsAsciiDigit(text[end + 1]);

    internal static bool IsWordNeighbour(char c) => c < 0x250 ? char.IsLetterOrDigit(c) : char.IsDigit(c);

    // "RS35 2600 0560 …": the group before the match (across one separator) holds a letter.
    private static bool HasLetterGroupBefore(ReadOnlySpan<char> text, int start)
    {
        var k = start - 1;
        if (k < 1 || text[k] is not (' ' or '-' or '.'))
        {
            return false;
        }

        var hasLetter = false;
        var hasDigit = false;
        for (k--; k >= 0 && char.IsAsciiLetterOrDigit(text[k]); k--)
        {
            hasLetter |= char.IsAsciiLetter(text[k]);
            hasDigit |= char.IsAsciiDigit(text[k]);
        }

        return hasLetter && hasDigit;
    }

    private static bool HasLetterGroupAfter(ReadOnlySpan<char> text, int end)
    {
        if (end + 1 >= text.Length || text[end] is not (' ' or '-' or '.'))
        {
            return false;
        }

        var hasLetter = false;
        var hasDigit = false;
        for (var k = end + 1; k < text.Length && char.IsAsciiLetterOrDigit(text[k]); k++)
        {
            hasLetter |= char.IsAsciiLetter(text[k]);
            hasDigit |= char.IsAsciiDigit(text[k]);
        }

        return hasLetter && hasDigit;
    }

    /// <summary>The digits and letters a match holds.</summary>
    internal readonly record struct Shape(int MinDigits, int MaxDigits, int MinLetters = 0, int MaxLetters = 0, int MinGroups = 1);
}

/// <summary>
/// A signal family of the prompt-injection scorer: its matches are weighed together, not reported one by one. A pattern
/// may need a writing system (the other-language families are one small regex per language form): it runs only in
/// windows that contain that script.
/// </summary>
internal class InjectionSignalRule : DetectionRule
{
    private readonly (Regex Pattern, WritingSystems Needs)[] _patterns;

    public InjectionSignalRule(DetectionRuleDescriptor descriptor, string[] keywords, double weight, params Regex[] patterns)
        : this(descriptor, keywords, weight, [.. patterns.Select(p => (p, WritingSystems.Any))])
    {
    }

    public InjectionSignalRule(DetectionRuleDescriptor descriptor, string[] keywords, double weight, (Regex Pattern, WritingSystems Needs)[] patterns)
        : base(descriptor, keywords)
    {
        Weight = weight;
        _patterns = patterns;
    }

    /// <summary>Gets the weight of the family in the injection score (1.0 = strong: enough alone at the standard threshold).</summary>
    public double Weight { get; }

    /// <summary>Gets a value indicating whether the family only counts in third-party content (documents, tool output).</summary>
    public bool ThirdPartyOnly { get; init; }

    public override void Find(LayerText layer, IMatchSink sink)
    {
        var text = layer.Text;
        // By index: a foreach over the IReadOnlyList would box its enumerator on every call.
        var windows = layer.Windows;
        for (var w = 0; w < windows.Count; w++)
        {
            var (ws, we) = windows[w];
            var span = text.AsSpan(ws, we - ws);
            WritingSystems? present = null;
            foreach (var (pattern, needs) in _patterns)
            {
                if (needs != WritingSystems.Any && ((present ??= DetectWritingSystems(span)) & needs) == 0)
                {
                    continue;
                }

                foreach (var m in pattern.EnumerateMatches(span))
                {
                    var start = ws + m.Index;
                    if (Counts(text, start, start + m.Length))
                    {
                        sink.Add(this, start, start + m.Length, MatchWeight(text, start, start + m.Length));
                    }
                }
            }
        }
    }

    /// <summary>Whether a match counts (a family may need a partner signal nearby); by default every match does.</summary>
    /// <param name="text">The layer's text.</param>
    /// <param name="start">The match's start.</param>
    /// <param name="end">The match's end.</param>
    /// <returns><see langword="true"/> to add the match to the score.</returns>
    protected virtual bool Counts(string text, int start, int end) => true;

    /// <summary>The weight a counted match adds (a family may weigh a match less where its context explains it); by default <see cref="Weight"/>.</summary>
    /// <param name="text">The layer's text.</param>
    /// <param name="start">The match's start.</param>
    /// <param name="end">The match's end.</param>
    /// <returns>The match's weight.</returns>
    protected virtual double MatchWeight(string text, int start, int end) => Weight;

    /// <summary>Which of the guarded writing systems occur in <paramref name="text"/> (vectorised range tests).</summary>
    internal static WritingSystems DetectWritingSystems(ReadOnlySpan<char> text)
    {
        if (!text.ContainsAnyExceptInRange('\0', '\u03FF'))
        {
            return WritingSystems.Any; // Latin, Greek and symbols only
        }

        var found = WritingSystems.Any;
        found |= text.ContainsAnyInRange('\u0400', '\u04FF') ? WritingSystems.Cyrillic : 0;
        found |= text.ContainsAnyInRange('\u3040', '\u30FF') || text.ContainsAnyInRange('\u3400', '\u9FFF') || text.ContainsAnyInRange('\uF900', '\uFAFF') ? WritingSystems.Cjk : 0;
        found |= text.ContainsAnyInRange('\uAC00', '\uD7AF') || text.ContainsAnyInRange('\u1100', '\u11FF') || text.ContainsAnyInRange('\u3130', '\u318F') ? WritingSystems.Hangul : 0;
        found |= text.ContainsAnyInRange('\u0600', '\u06FF') ? WritingSystems.Arabic : 0;
        found |= text.ContainsAnyInRange('\u0900', '\u097F') ? WritingSystems.Devanagari : 0;
        return found;
    }
}

/// <summary>Writing systems a pattern needs in its window before it is run.</summary>
[Flags]
internal enum WritingSystems
{
    /// <summary>No requirement: the pattern always runs.</summary>
    Any = 0,

    /// <summary>Cyrillic letters (U+0400–U+04FF).</summary>
    Cyrillic = 1,

    /// <summary>Kana and CJK ideographs.</summary>
    Cjk = 2,

    /// <summary>Hangul syllables and jamo.</summary>
    Hangul = 4,

    /// <summary>Arabic letters.</summary>
    Arabic = 8,

    /// <summary>Devanagari letters.</summary>
    Devanagari = 16,
}

/// <summary>An injection family that counts directives: the weight depends on how many the text stacks up.</summary>
internal sealed class DirectiveDensityRule : InjectionSignalRule
{
    private readonly Regex _pattern;

    public DirectiveDensityRule(DetectionRuleDescriptor descriptor, string[] keywords, Regex pattern)
        : base(descriptor, keywords, 0.9)
    {
        _pattern = pattern;
    }

    public override void Find(LayerText layer, IMatchSink sink)
    {
        var count = 0;
        var first = -1;
        var last = -1;
        var text = layer.Text;
        // By index: a foreach over the IReadOnlyList would box its enumerator on every call.
        var windows = layer.Windows;
        for (var w = 0; w < windows.Count; w++)
        {
            var (ws, we) = windows[w];
            foreach (var m in _pattern.EnumerateMatches(text.AsSpan(ws, we - ws)))
            {
                count++;
                first = first < 0 ? ws + m.Index : first;
                last = ws + m.Index + m.Length;
            }
        }

        if (count >= 5)
        {
            sink.Add(this, first, last, count >= 8 ? 0.9 : 0.6);
        }
    }
}

/// <summary>
/// Hidden HTML: instruction words inside HTML comments (found with one IndexOf per comment, so a flood of "&lt;!--" stays
/// linear) and invisible-element styles (the regex).
/// </summary>
internal sealed class HiddenHtmlRule : InjectionSignalRule
{
    private static readonly string[] s_words = ["ignore", "instruction", "assistant", " ai ", "ai:", "system", "prompt", "you must", "do not", "llm", "model", "disregard", "reveal"];
    private readonly Regex _styles;

    public HiddenHtmlRule(DetectionRuleDescriptor descriptor, string[] keywords, Regex styles)
        : base(descriptor, keywords, 0.7)
    {
        _styles = styles;
    }

    public override void Find(LayerText layer, IMatchSink sink)
    {
        var text = layer.Text.AsSpan();
        var position = 0;
        while (position < text.Length)
        {
            var open = text[position..].IndexOf("<!--", StringComparison.Ordinal);
            if (open < 0)
            {
                break;
            }

            var start = position + open;
            var limit = Math.Min(text.Length, start + 4 + 2000);
            var close = text[(start + 4)..limit].IndexOf("-->", StringComparison.Ordinal);
            var end = close < 0 ? limit : start + 4 + close + 3;
            var body = text[(start + 4)..Math.Max(start + 4, close < 0 ? limit : start + 4 + close)];
            foreach (var word in s_words)
            {
                if (body.Contains(word, StringComparison.OrdinalIgnoreCase))
                {
                    sink.Add(this, start, end, Weight);
                    break;
                }
            }

            position = end;
        }

        // By index: a foreach over the IReadOnlyList would box its enumerator on every call.
        var windows = layer.Windows;
        for (var w = 0; w < windows.Count; w++)
        {
            var (ws, we) = windows[w];
            foreach (var m in _styles.EnumerateMatches(layer.Text.AsSpan(ws, we - ws)))
            {
                sink.Add(this, ws + m.Index, ws + m.Index + m.Length, Weight);
            }
        }
    }
}

/// <summary>A rule implemented in code (structural checks the regex language cannot express cheaply).</summary>
internal sealed class FunctionRule : DetectionRule
{
    private readonly Action<DetectionRule, LayerText, IMatchSink> _find;

    public FunctionRule(DetectionRuleDescriptor descriptor, string[] keywords, Action<DetectionRule, LayerText, IMatchSink> find)
        : base(descriptor, keywords)
    {
        _find = find;
    }

    public override void Find(LayerText layer, IMatchSink sink) => _find(this, layer, sink);
}

/// <summary>Recognises a number written as the value of a label that names a time, duration, count or size.</summary>
internal static class QuantityLabel
{
    // Label words (after splitting snake_case, kebab-case and camelCase) that make the value a quantity.
    private static readonly HashSet<string> s_words = new(StringComparer.OrdinalIgnoreCase)
    {
        "at", "time", "timestamp", "ts", "date", "created", "updated", "modified", "expires", "expiry", "exp", "iat", "nbf",
        "duration", "elapsed", "latency", "epoch", "ms", "ns", "us", "sec", "secs", "seconds", "millis", "nanos", "micros",
        "count", "tokens", "size", "bytes", "length", "offset", "seq", "sequence", "version", "port", "pid", "total",
    };

    /// <summary>
    /// Returns whether the digits-only match <c>text[start..end]</c> is the value of such a label: <c>label: 123</c>,
    /// <c>label=123</c>, <c>"label": 123</c> or <c>"label":"123"</c>.
    /// </summary>
    public static bool Labels(ReadOnlySpan<char> text, int start, int end)
    {
        foreach (var c in text[start..end])
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        var i = start;
        if (i > 0 && text[i - 1] is '"' or '\'')
        {
            i--;
        }

        while (i > 0 && text[i - 1] == ' ')
        {
            i--;
        }

        if (i == 0 || text[i - 1] is not (':' or '='))
        {
            return false;
        }

        i--;
        if (i > 0 && text[i - 1] is '"' or '\'')
        {
            i--;
        }

        var labelEnd = i;
        while (i > 0 && labelEnd - i < 48 && (char.IsAsciiLetterOrDigit(text[i - 1]) || text[i - 1] is '_' or '-'))
        {
            i--;
        }

        // Split the label into words: separators, and an upper-case letter after a lower-case one.
        var label = text[i..labelEnd];
        var wordStart = 0;
        for (var k = 1; k <= label.Length; k++)
        {
            if (k == label.Length || label[k] is '_' or '-' || (char.IsAsciiLetterUpper(label[k]) && char.IsAsciiLetterLower(label[k - 1])))
            {
                if (k > wordStart && s_words.GetAlternateLookup<ReadOnlySpan<char>>().Contains(label[wordStart..k]))
                {
                    return true;
                }

                wordStart = k < label.Length && label[k] is '_' or '-' ? k + 1 : k;
            }
        }

        return false;
    }
}
