using System.Buffers;
using System.Text.RegularExpressions;
using AegisGate.Detection.Rules;

namespace AegisGate.Detection.Engine;

/// <summary>
/// Keyword hits of one layer: per rule, the positions where one of its keywords occurs, capped at <see cref="Cap"/>
/// (a saturated rule runs over the whole text). The cap grows with the text (one hit per 512 characters, at least 48):
/// a few hundred hits of a short keyword in a long text (two letters inside a base64 blob) still leave the rule's
/// windows far smaller than the text.
/// </summary>
internal sealed class RuleHits
{
    public const int MinPerRule = 48;

    public RuleHits(int ruleCount)
    {
        Positions = new List<int>?[ruleCount];
        Saturated = new bool[ruleCount];
    }

    public List<int>?[] Positions { get; }

    public bool[] Saturated { get; }

    /// <summary>Gets the rules with at least one hit, in the order of their first hit (only these need clearing).</summary>
    public List<int> Touched { get; } = [];

    /// <summary>Gets or sets the most positions recorded per rule.</summary>
    public int Cap { get; set; } = MinPerRule;

    /// <summary>Returns the cap for a text of <paramref name="length"/> characters.</summary>
    public static int CapFor(int length) => Math.Max(MinPerRule, length / 512);

    public void Clear()
    {
        foreach (var rule in Touched)
        {
            Positions[rule]?.Clear();
            Saturated[rule] = false;
        }

        Touched.Clear();
    }

    public void Add(int rule, int position)
    {
        if (Saturated[rule])
        {
            return;
        }

        var list = Positions[rule] ??= new List<int>(8);
        if (list.Count == 0)
        {
            Touched.Add(rule);
        }
        else if (list[^1] == position)
        {
            return;
        }

        if (list.Count >= Cap)
        {
            Saturated[rule] = true;
            return;
        }

        list.Add(position);
    }
}

/// <summary>
/// The compiled rules: a literal prefilter (<see cref="KeywordPrefilter"/> over every rule keyword, case-insensitive) so
/// that only rules whose keywords occur run, and only in windows around the hits.
/// </summary>
internal sealed class RuleSet
{
    private readonly KeywordPrefilter _prefilter;
    private readonly int[] _alwaysRules;
    private readonly CandidateRule[] _candidateRules;
    private readonly int[] _alwaysRunRules;
    private readonly int[] _alwaysCandidateRules;
    private readonly bool[] _isInjection;

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

        var keywords = new List<(string, int, bool)>();
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

                // Custom rule packs keep plain substring semantics for their keywords.
                keywords.Add((keyword, rule.Index, rule.KeywordsInsideWords || rule.Descriptor.IsCustom));
            }
        }

        _alwaysRules = [.. always];
        _alwaysRunRules = [.. always.Where(i => Rules[i] is not CandidateRule)];
        _alwaysCandidateRules = [.. always.Where(i => Rules[i] is CandidateRule)];
        _isInjection = [.. Rules.Select(r => r.Descriptor.Category == DetectionCategory.Injection)];
        _candidateRules = [.. Rules.OfType<CandidateRule>().OrderBy(r => r.MinDigits)];
        _prefilter = new KeywordPrefilter(keywords);
        Descriptors = [.. Rules.Select(r => r.Descriptor)];
        WarmUp(Rules);
    }

    public DetectionRule[] Rules { get; }

    // Runs every regex once on a short mixed sample so that its first real use does not pay the JIT inside the match
    // timeout (a cold regex on a loaded machine could otherwise time out and turn a clean input into a limit denial).
    private static void WarmUp(DetectionRule[] rules)
    {
        const string Sample = "Mr. Ann Lee, name: Bo Yi, call 030 1234567 or a.b@c.io https://x.y/p?q=1 AKIA ghp_ sk- 0x1F 12-34-5678 <!-- -->";
        foreach (var rule in rules)
        {
            var pattern = rule switch
            {
                PatternRule p => p.Pattern,
                CandidateRule c => c.Pattern,
                _ => null,
            };
            try
            {
                _ = pattern?.IsMatch(Sample);
            }
            catch (RegexMatchTimeoutException)
            {
                // Only a warm-up: a scan that times out is still a limit decision.
            }
        }
    }

    public IReadOnlyList<DetectionRuleDescriptor> Descriptors { get; }

    /// <summary>Gets the indexes of the rules without keywords that are not candidate rules (they run whenever enabled), ascending.</summary>
    public int[] AlwaysRunRules => _alwaysRunRules;

    /// <summary>Gets the indexes of the candidate rules without keywords, ascending.</summary>
    public int[] AlwaysCandidateRules => _alwaysCandidateRules;

    /// <summary>Gets, per rule index, whether the rule is of the injection category.</summary>
    public bool[] IsInjection => _isInjection;

    /// <summary>Gets the candidate rules, ordered by their minimum digit count.</summary>
    public CandidateRule[] CandidateRules => _candidateRules;

    /// <summary>Marks the rules that may match <paramref name="text"/> and records where their keywords occur.</summary>
    /// <param name="text">The text.</param>
    /// <param name="active">One flag per rule; set to true for rules to run.</param>
    /// <param name="enabled">One flag per rule: whether the policy enables it.</param>
    /// <param name="hits">Receives the keyword positions per rule.</param>
    public void Activate(ReadOnlySpan<char> text, Span<bool> active, bool[] enabled, RuleHits hits)
    {
        foreach (var index in _alwaysRules)
        {
            active[index] = enabled[index];
        }

        var sink = new Sink(hits, enabled);
        _prefilter.Search(text, ref sink);

        // Only the rules with a hit: a rule saturates after its first hits, so every rule with a hit is in Touched.
        foreach (var index in hits.Touched)
        {
            active[index] = true;
        }
    }

    private readonly struct Sink(RuleHits hits, bool[] enabled) : KeywordPrefilter.IHitSink
    {
        public void Hit(int[] rules, int position)
        {
            foreach (var index in rules)
            {
                if (enabled[index])
                {
                    hits.Add(index, position);
                }
            }
        }
    }
}
