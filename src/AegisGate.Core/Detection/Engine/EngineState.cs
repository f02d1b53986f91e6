using AegisGate.Detection.Classifier;
using AegisGate.Detection.Policy;
using AegisGate.Detection.Rules;

namespace AegisGate.Detection.Engine;

/// <summary>An immutable snapshot of everything a scan needs: rules, compiled policies, options. Swapped atomically on reload.</summary>
internal sealed class EngineState
{
    private readonly Dictionary<string, CompiledPolicy> _policies;

    private EngineState(AegisDetectionOptions options, RuleSet rules, CompiledPolicy defaultPolicy, Dictionary<string, CompiledPolicy> policies, InjectionClassifier? classifier)
    {
        Options = options;
        Rules = rules;
        DefaultPolicy = defaultPolicy;
        _policies = policies;
        Classifier = classifier;
        AllowedHosts = [.. options.AllowedHosts.Select(h => h.Trim().TrimStart('.').ToLowerInvariant())];
        Canaries = [.. options.Canaries];
        InjectionEncoded = (InjectionSignalRule)rules.Rules.Single(r => r.Id == InjectionRules.EncodedPayloadId);
        InjectionHidden = (InjectionSignalRule)rules.Rules.Single(r => r.Id == InjectionRules.HiddenCharactersId);
        InjectionClassifierRule = rules.Rules.Single(r => r.Id == InjectionRules.ClassifierId);
        InjectionHiddenHtml = rules.Rules.Single(r => r.Id == InjectionRules.HiddenHtmlId);
    }

    public AegisDetectionOptions Options { get; }

    public RuleSet Rules { get; }

    public CompiledPolicy DefaultPolicy { get; }

    /// <summary>Gets the injection classifier, or <see langword="null"/> when the lexical signals decide alone.</summary>
    public InjectionClassifier? Classifier { get; }

    public string[] AllowedHosts { get; }

    public string[] Canaries { get; }

    public InjectionSignalRule InjectionEncoded { get; }

    public InjectionSignalRule InjectionHidden { get; }

    public DetectionRule InjectionClassifierRule { get; }

    /// <summary>Gets the hidden-HTML family: data-only families count in first-party content only inside its matches.</summary>
    public DetectionRule InjectionHiddenHtml { get; }

    /// <summary>Builds a state; every problem (unknown rule ids in policies, duplicate ids) is collected and thrown together.</summary>
    /// <exception cref="InvalidOperationException">The options or rules are inconsistent.</exception>
    public static EngineState Build(AegisDetectionOptions options, IReadOnlyList<DetectionRule> customRules, InjectionClassifier? classifier)
    {
        var errors = new List<string>();
        var all = new List<DetectionRule>(BuiltInRules.All);
        var builtInIds = new HashSet<string>(all.Select(r => r.Id), StringComparer.Ordinal);
        foreach (var custom in customRules)
        {
            if (!builtInIds.Add(custom.Id))
            {
                errors.Add($"custom rule id '{custom.Id}' is already used.");
            }
            else
            {
                all.Add(custom);
            }
        }

        var rules = new RuleSet(all);
        var defaultPolicy = CompiledPolicy.Compile(rules, options.Policy, null, "Policy", errors);
        var policies = new Dictionary<string, CompiledPolicy>(StringComparer.Ordinal);
        foreach (var (name, policy) in options.Policies)
        {
            policies[name] = CompiledPolicy.Compile(rules, policy, options.Policy, $"Policies:{name}", errors);
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The detection configuration is invalid: " + string.Join(" ", errors));
        }

        return new EngineState(options, rules, defaultPolicy, policies, classifier);
    }

    /// <summary>Returns the named policy, or <see langword="null"/> when no such policy exists.</summary>
    public CompiledPolicy? GetPolicy(string? name)
        => name is null ? DefaultPolicy : _policies.GetValueOrDefault(name);
}
