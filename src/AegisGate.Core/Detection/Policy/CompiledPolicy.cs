using AegisGate.Detection.Engine;

namespace AegisGate.Detection.Policy;

/// <summary>One policy resolved against the rule set: per source, per rule, whether it runs, its action and its confidence floor.</summary>
internal sealed class CompiledPolicy
{
    private static readonly ContentSource[] s_sources = Enum.GetValues<ContentSource>();
    private readonly SourceTable[] _bySource;

    private CompiledPolicy(SourceTable[] bySource) => _bySource = bySource;

    public SourceTable For(ContentSource source) => _bySource[(int)source];

    /// <summary>Compiles a policy; collects every unknown rule key into <paramref name="errors"/>.</summary>
    public static CompiledPolicy Compile(RuleSet rules, DetectionPolicyOptions policy, DetectionPolicyOptions? basePolicy, string path, List<string> errors)
    {
        CheckKeys(rules, policy.Rules, $"{path}:Rules", errors);
        var tables = new SourceTable[s_sources.Length];
        foreach (var source in s_sources)
        {
            var sourcePolicy = Resolve(policy, basePolicy, source);
            var strictness = sourcePolicy?.Strictness ?? DefaultStrictness(source);
            var (threshold, minConfidence) = strictness switch
            {
                DetectionStrictness.Relaxed => (1.5, 0.7),
                DetectionStrictness.Strict => (0.6, 0.35),
                _ => (1.0, 0.5),
            };
            threshold = sourcePolicy?.InjectionThreshold ?? threshold;
            minConfidence = sourcePolicy?.MinConfidence ?? minConfidence;
            if (sourcePolicy is not null && policy.Sources.ContainsKey(source))
            {
                CheckKeys(rules, sourcePolicy.Rules, $"{path}:Sources:{source}:Rules", errors);
            }

            var n = rules.Rules.Length;
            var enabled = new bool[n];
            var actions = new DetectionAction[n];
            var floors = new double[n];
            var hiddenOnly = new bool[n];
            for (var i = 0; i < n; i++)
            {
                var rule = rules.Rules[i];
                var injectionDataOnly = rule is Rules.InjectionSignalRule { ThirdPartyOnly: true };
                var thirdParty = source is ContentSource.Document or ContentSource.ToolOutput || strictness == DetectionStrictness.Strict;
                enabled[i] = true;
                actions[i] = rule.Descriptor.DefaultAction;
                floors[i] = minConfidence;

                // Layering: base policy rules, this policy's rules, this policy's source rules; within each, '*' < 'cat.*' < id.
                var overridden = false;
                foreach (var overrides in Layers(basePolicy, policy, source))
                {
                    overridden |= Apply(overrides, rule.Id, ref enabled[i], ref actions[i], ref floors[i]);
                }

                // A data-only family (instructions addressed to the AI) counts in first-party content (a user's prompt, a
                // model's response) only inside hidden HTML: text hidden from the person who pasted it is third-party data.
                hiddenOnly[i] = injectionDataOnly && !thirdParty && !overridden;
            }

            tables[(int)source] = new SourceTable(strictness, threshold, minConfidence, enabled, actions, floors, hiddenOnly);
        }

        return new CompiledPolicy(tables);
    }

    public static DetectionStrictness DefaultStrictness(ContentSource source)
        => source is ContentSource.Document or ContentSource.ToolOutput ? DetectionStrictness.Strict : DetectionStrictness.Standard;

    private static SourcePolicyOptions? Resolve(DetectionPolicyOptions policy, DetectionPolicyOptions? basePolicy, ContentSource source)
    {
        if (policy.Sources.TryGetValue(source, out var own))
        {
            return own;
        }

        return basePolicy is not null && basePolicy.Sources.TryGetValue(source, out var inherited) ? inherited : null;
    }

    private static IEnumerable<IDictionary<string, RulePolicyOptions>> Layers(DetectionPolicyOptions? basePolicy, DetectionPolicyOptions policy, ContentSource source)
    {
        if (basePolicy is not null)
        {
            yield return basePolicy.Rules;
            if (basePolicy.Sources.TryGetValue(source, out var baseSource))
            {
                yield return baseSource.Rules;
            }
        }

        yield return policy.Rules;
        if (policy.Sources.TryGetValue(source, out var own))
        {
            yield return own.Rules;
        }
    }

    // Applies the overrides of one layer; true when one of them sets whether the rule is enabled.
    private static bool Apply(IDictionary<string, RulePolicyOptions> overrides, string ruleId, ref bool enabled, ref DetectionAction action, ref double floor)
    {
        if (overrides.Count == 0)
        {
            return false;
        }

        var decided = false;

        var category = ruleId[..ruleId.IndexOf('.', StringComparison.Ordinal)] + ".*";
        foreach (var key in (ReadOnlySpan<string>)["*", category, ruleId])
        {
            if (overrides.TryGetValue(key, out var o) && o is not null)
            {
                enabled = o.Enabled ?? enabled;
                decided |= o.Enabled is not null;
                action = o.Action ?? action;
                floor = o.MinConfidence ?? floor;
            }
        }

        return decided;
    }

    private static void CheckKeys(RuleSet rules, IDictionary<string, RulePolicyOptions> overrides, string path, List<string> errors)
    {
        foreach (var key in overrides.Keys)
        {
            if (key == "*")
            {
                continue;
            }

            if (key.EndsWith(".*", StringComparison.Ordinal))
            {
                var category = key[..^2];
                if (!rules.Rules.Any(r => r.Id.StartsWith(category + ".", StringComparison.Ordinal)))
                {
                    errors.Add($"{path}: no rule has the prefix '{category}.'.");
                }

                continue;
            }

            if (!rules.Rules.Any(r => string.Equals(r.Id, key, StringComparison.Ordinal)))
            {
                errors.Add($"{path}: unknown rule id '{key}'.");
            }
        }
    }

    /// <summary>The resolved settings of one source.</summary>
    // The resolved policy of one source. HiddenOnly, per rule: a data-only injection family that counts only inside hidden
    // HTML (first-party sources).
    internal sealed record SourceTable(DetectionStrictness Strictness, double InjectionThreshold, double MinConfidence, bool[] Enabled, DetectionAction[] Actions, double[] Floors, bool[] HiddenOnly);
}
