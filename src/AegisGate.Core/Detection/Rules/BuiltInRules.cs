namespace AegisGate.Detection.Rules;

/// <summary>Every built-in rule (secrets, PII/PHI, injection signal families, exfiltration).</summary>
internal static class BuiltInRules
{
    private static readonly Lazy<DetectionRule[]> s_all = new(() => [.. SecretRules.All(), .. PiiRules.All(), .. InjectionRules.All(), .. ExfiltrationRules.All()]);

    /// <summary>Gets the rules. Rule objects are immutable apart from the index the rule set assigns, so each engine gets fresh instances.</summary>
    public static IReadOnlyList<DetectionRule> All => Create();

    public static DetectionRule[] Create() => [.. SecretRules.All(), .. PiiRules.All(), .. InjectionRules.All(), .. ExfiltrationRules.All()];

    /// <summary>Gets the descriptors (shared instances, for listings).</summary>
    public static IEnumerable<DetectionRuleDescriptor> Descriptors => s_all.Value.Select(r => r.Descriptor);
}
