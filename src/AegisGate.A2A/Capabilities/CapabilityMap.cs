using System.Collections.Frozen;
using AegisGate.Licensing;

namespace AegisGate.A2A.Capabilities;

/// <summary>Where an agent's grant comes from.</summary>
internal enum GrantSource
{
    Yaml,
    Admin,
}

/// <summary>One agent's effective grant.</summary>
internal sealed record AgentGrant(FrozenSet<string> Capabilities, GrantSource Source);

/// <summary>The effective capability map: YAML seed with the persisted admin changes applied. Immutable.</summary>
internal sealed class CapabilityMap
{
    public CapabilityMap(FrozenDictionary<string, AgentGrant> agents, FrozenDictionary<string, LicenseTier> minTiers)
    {
        Agents = agents;
        MinTiers = minTiers;
    }

    public FrozenDictionary<string, AgentGrant> Agents { get; }

    public FrozenDictionary<string, LicenseTier> MinTiers { get; }

    public static CapabilityMap Build(CapabilitiesFile seed, PersistedCapabilities overlay)
    {
        var agents = new Dictionary<string, AgentGrant>(StringComparer.Ordinal);
        foreach (var (agent, entry) in seed.Agents)
        {
            agents[agent] = new AgentGrant(entry.Capabilities.ToFrozenSet(StringComparer.Ordinal), GrantSource.Yaml);
        }

        foreach (var (agent, change) in overlay.Agents)
        {
            if (change.Removed)
            {
                agents.Remove(agent);
            }
            else
            {
                agents[agent] = new AgentGrant(change.Capabilities.ToFrozenSet(StringComparer.Ordinal), GrantSource.Admin);
            }
        }

        var tiers = new Dictionary<string, LicenseTier>(StringComparer.Ordinal);
        foreach (var (name, requirement) in seed.Capabilities)
        {
            if (requirement?.MinTier is { } tierName && CapabilitiesFile.TryParseTier(tierName, out var tier))
            {
                tiers[name] = tier;
            }
        }

        return new CapabilityMap(agents.ToFrozenDictionary(StringComparer.Ordinal), tiers.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
