using System.Buffers;
using AegisGate.Detection.Rules;

namespace AegisGate.Detection.Engine;

/// <summary>Keyword hits of one layer: per rule, the positions where one of its keywords occurs (capped).</summary>
internal sealed class RuleHits
{
    public const int MaxPerRule = 48;

    public RuleHits(int ruleCount)
    {
        Positions = new List<int>?[ruleCount];
        Saturated = new bool[ruleCount];
    }

    public List<int>?[] Positions { get; }

    public bool[] Saturated { get; }

    public void Clear()
    {
        foreach (var list in Positions)
        {
            list?.Clear();
        }

        Array.Clear(Saturated);
    }

    public void Add(int rule, int position)
    {
        if (Saturated[rule])
        {
            return;
        }

        var list = Positions[rule] ??= new List<int>(8);
        if (list.Count > 0 && list[^1] == position)
        {
            return;
        }

        if (list.Count >= MaxPerRule)
        {
            Saturated[rule] = true;
            return;
        }

        list.Add(position);
    }
}

/// <summary>
/// The compiled rules: a literal prefilter (<see cref="SearchValues{T}"/> over every rule keyword, case-insensitive;
/// ASCII keywords in one set, the few non-ASCII ones in another searched only in non-ASCII text) so that only rules
/// whose keywords occur run, and only in windows around the hits.
/// </summary>
internal sealed class RuleSet
{
    private readonly SearchValues<string>? _asciiKeywords;
    private readonly SearchValues<string>? _otherKeywords;
    private readonly Dictionary<ulong, KeywordEntry[]> _byPrefix;
    private readonly int[] _alwaysRules;
    private readonly CandidateRule[] _candidateRules;

    public RuleSet(IReadOnlyList<DetectionRule> rules)
    {
        Rules = [.. rules.OrderBy(r => r.Id, StringComparer.Ordinal)];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Rules.Length; i++)
        {
            if (!seen.Add(Rules[i].Id))
            {
                throw new InvalidOperationException($"Duplicate detection rule id '{Rules[i].Id}'.");
            }

            Rules[i].Index = i;
        }

        var map = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var always = new List<int>();
        foreach (var rule in Rules)
        {
            if (rule.Keywords.Length == 0)
            {
                always.Add(rule.Index);
                continue;
            }

            foreach (var keyword in rule.Keywords)
            {
                if (string.IsNullOrEmpty(keyword))
                {
                    throw new InvalidOperationException($"Rule '{rule.Id}' has an empty keyword.");
                }

                if (!map.TryGetValue(keyword, out var list))
                {
                    map[keyword] = list = [];
                }

                list.Add(rule.Index);
            }
        }

        _alwaysRules = [.. always];
        _candidateRules = [.. Rules.OfType<CandidateRule>().OrderBy(r => r.MinDigits)];
        _byPrefix = map
            .GroupBy(kv => Prefix(kv.Key))
            .ToDictionary(g => g.Key, g => g.Select(kv => new KeywordEntry(kv.Key, [.. kv.Value.Distinct()])).OrderByDescending(e => e.Keyword.Length).ToArray());
        var ascii = map.Keys.Where(k => System.Text.Ascii.IsValid(k)).ToArray();
        var other = map.Keys.Where(k => !System.Text.Ascii.IsValid(k)).ToArray();
        _asciiKeywords = ascii.Length == 0 ? null : SearchValues.Create(ascii, StringComparison.OrdinalIgnoreCase);
        _otherKeywords = other.Length == 0 ? null : SearchValues.Create(other, StringComparison.OrdinalIgnoreCase);
        Descriptors = [.. Rules.Select(r => r.Descriptor)];
    }

    public DetectionRule[] Rules { get; }

    public IReadOnlyList<DetectionRuleDescriptor> Descriptors { get; }

    /// <summary>Gets the candidate rules, ordered by their minimum digit count.</summary>
    public CandidateRule[] CandidateRules => _candidateRules;

    /// <summary>Marks the rules that may match <paramref name="text"/> and records where their keywords occur.</summary>
    /// <param name="text">The text.</param>
    /// <param name="active">One flag per rule; set to true for rules to run.</param>
    /// <param name="enabled">One flag per rule: whether the policy enables it.</param>
    /// <param name="hits">Receives the keyword positions per rule.</param>
    public void Activate(ReadOnlySpan<char> text, Span<bool> active, ReadOnlySpan<bool> enabled, RuleHits hits)
    {
        foreach (var index in _alwaysRules)
        {
            active[index] = enabled[index];
        }

        if (_asciiKeywords is not null)
        {
            Search(text, _asciiKeywords, active, enabled, hits);
        }

        if (_otherKeywords is not null && text.ContainsAnyExceptInRange((char)0, (char)0x7F))
        {
            Search(text, _otherKeywords, active, enabled, hits);
        }
    }

    private void Search(ReadOnlySpan<char> text, SearchValues<string> keywords, Span<bool> active, ReadOnlySpan<bool> enabled, RuleHits hits)
    {
        var position = 0;
        while (position < text.Length)
        {
            var found = text[position..].IndexOfAny(keywords);
            if (found < 0)
            {
                return;
            }

            position += found;
            var rest = text[position..];
            if (rest.Length >= 3 && _byPrefix.TryGetValue(Prefix(rest), out var entries))
            {
                foreach (var entry in entries)
                {
                    if (entry.Keyword.Length >= 3 && rest.StartsWith(entry.Keyword, StringComparison.OrdinalIgnoreCase))
                    {
                        foreach (var index in entry.Rules)
                        {
                            if (enabled[index])
                            {
                                active[index] = true;
                                hits.Add(index, position);
                            }
                        }
                    }
                }
            }

            for (var n = Math.Min(2, rest.Length); n >= 1; n--)
            {
                if (_byPrefix.TryGetValue(Prefix(rest[..n]), out var shortEntries))
                {
                    foreach (var entry in shortEntries)
                    {
                        if (entry.Keyword.Length == n && rest.StartsWith(entry.Keyword, StringComparison.OrdinalIgnoreCase))
                        {
                            foreach (var index in entry.Rules)
                            {
                                if (enabled[index])
                                {
                                    active[index] = true;
                                    hits.Add(index, position);
                                }
                            }
                        }
                    }
                }
            }

            position++;
        }
    }

    // The case-folded first three characters (two for two-character keywords) as one key.
    private static ulong Prefix(ReadOnlySpan<char> value)
    {
        var n = Math.Min(3, value.Length);
        ulong key = (ulong)n << 48;
        for (var i = 0; i < n; i++)
        {
            key |= (ulong)char.ToUpperInvariant(value[i]) << (16 * i);
        }

        return key;
    }

    private readonly record struct KeywordEntry(string Keyword, int[] Rules);
}
