using System.Buffers;
using AegisGate.Detection.Rules;

namespace AegisGate.Detection.Engine;

/// <summary>
/// The compiled rules: a literal prefilter (<see cref="SearchValues{T}"/> over every rule keyword, case-insensitive) so
/// only rules whose keywords occur run their regex, plus the rules that always run.
/// </summary>
internal sealed class RuleSet
{
    private readonly SearchValues<string>? _keywords;
    private readonly Dictionary<char, KeywordEntry[]> _byFirstChar;
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
        _byFirstChar = map
            .GroupBy(kv => char.ToLowerInvariant(kv.Key[0]))
            .ToDictionary(g => g.Key, g => g.Select(kv => new KeywordEntry(kv.Key, [.. kv.Value.Distinct()])).OrderByDescending(e => e.Keyword.Length).ToArray());
        foreach (var (first, entries) in _byFirstChar.ToList())
        {
            var upper = char.ToUpperInvariant(first);
            if (upper != first)
            {
                _byFirstChar[upper] = entries;
            }
        }

        _candidateRules = [.. Rules.OfType<CandidateRule>().OrderBy(r => r.MinDigits)];
        _keywords = map.Count == 0 ? null : SearchValues.Create([.. map.Keys], StringComparison.OrdinalIgnoreCase);
        Descriptors = [.. Rules.Select(r => r.Descriptor)];
    }

    public DetectionRule[] Rules { get; }

    public IReadOnlyList<DetectionRuleDescriptor> Descriptors { get; }

    /// <summary>Gets the candidate rules, ordered by their minimum digit count.</summary>
    public CandidateRule[] CandidateRules => _candidateRules;

    /// <summary>Marks the rules that may match <paramref name="text"/>: those with a keyword in it, and those without keywords.</summary>
    /// <param name="text">The text.</param>
    /// <param name="active">One flag per rule; set to true for rules to run.</param>
    /// <param name="enabled">One flag per rule: whether the policy enables it.</param>
    public void Activate(ReadOnlySpan<char> text, Span<bool> active, ReadOnlySpan<bool> enabled)
    {
        foreach (var index in _alwaysRules)
        {
            active[index] = enabled[index];
        }

        if (_keywords is null)
        {
            return;
        }

        var position = 0;
        while (position < text.Length)
        {
            var found = text[position..].IndexOfAny(_keywords);
            if (found < 0)
            {
                return;
            }

            position += found;
            if (_byFirstChar.TryGetValue(text[position], out var entries))
            {
                var rest = text[position..];
                foreach (var entry in entries)
                {
                    if (rest.StartsWith(entry.Keyword, StringComparison.OrdinalIgnoreCase))
                    {
                        foreach (var index in entry.Rules)
                        {
                            active[index] = enabled[index];
                        }
                    }
                }
            }

            position++;
        }
    }

    private readonly record struct KeywordEntry(string Keyword, int[] Rules);
}
