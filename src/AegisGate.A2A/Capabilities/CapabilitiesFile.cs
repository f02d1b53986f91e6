using System.ComponentModel.DataAnnotations;
using AegisGate.A2A.Mtls;
using AegisGate.Configuration;
using AegisGate.Licensing;

namespace AegisGate.A2A.Capabilities;

/// <summary>The model of <c>configs/a2a_caps.yaml</c>: capability requirements and the capabilities granted to each agent.</summary>
public sealed class CapabilitiesFile
{
    /// <summary>Gets or sets per-capability requirements (for example a minimum licence tier).</summary>
    public Dictionary<string, CapabilityRequirementConfig> Capabilities { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets the agents and their granted capabilities. An agent not listed is unknown and denied.</summary>
    public Dictionary<string, AgentCapabilitiesConfig> Agents { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Validates names and tiers; adds every problem to <paramref name="errors"/>.</summary>
    /// <param name="model">The loaded file.</param>
    /// <param name="errors">The error list.</param>
    public static void Validate(CapabilitiesFile model, List<ConfigError> errors)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var (name, requirement) in model.Capabilities)
        {
            if (!A2ACapabilities.All.Contains(name))
            {
                errors.Add(new ConfigError($"$.capabilities.{name}", "is not a known capability: " + string.Join(", ", A2ACapabilities.All.Order(StringComparer.Ordinal))));
            }

            if (requirement?.MinTier is { } tier && !TryParseTier(tier, out _))
            {
                errors.Add(new ConfigError($"$.capabilities.{name}.min_tier", "must be community, professional or enterprise."));
            }
        }

        foreach (var (agent, entry) in model.Agents)
        {
            if (!AgentIds.IsValid(agent))
            {
                errors.Add(new ConfigError($"$.agents.{agent}", "is not a valid agent id."));
            }

            if (entry is null)
            {
                errors.Add(new ConfigError($"$.agents.{agent}", "needs a capabilities list (it may be empty)."));
                continue;
            }

            for (var i = 0; i < entry.Capabilities.Count; i++)
            {
                if (!A2ACapabilities.All.Contains(entry.Capabilities[i]))
                {
                    errors.Add(new ConfigError($"$.agents.{agent}.capabilities[{i}]", $"'{entry.Capabilities[i]}' is not a known capability."));
                }
            }
        }
    }

    /// <summary>Parses a tier name (<c>community</c>, <c>professional</c>, <c>enterprise</c>).</summary>
    /// <param name="value">The name.</param>
    /// <param name="tier">The tier.</param>
    /// <returns><see langword="true"/> when known.</returns>
    public static bool TryParseTier(string value, out LicenseTier tier)
    {
        switch (value)
        {
            case "community":
                tier = LicenseTier.Community;
                return true;
            case "professional":
                tier = LicenseTier.Professional;
                return true;
            case "enterprise":
                tier = LicenseTier.Enterprise;
                return true;
            default:
                tier = default;
                return false;
        }
    }
}

/// <summary>What a capability requires.</summary>
public sealed class CapabilityRequirementConfig
{
    /// <summary>Gets or sets the lowest licence tier allowed to use the capability (<c>community</c>, <c>professional</c>, <c>enterprise</c>), or <see langword="null"/> for none.</summary>
    public string? MinTier { get; set; }
}

/// <summary>The capabilities granted to one agent.</summary>
public sealed class AgentCapabilitiesConfig
{
    /// <summary>Gets or sets the granted capabilities.</summary>
    [Required]
    public List<string> Capabilities { get; set; } = [];
}
