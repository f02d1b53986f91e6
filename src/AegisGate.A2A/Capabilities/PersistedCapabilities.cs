using System.Text.Json;
using System.Text.Json.Serialization;
using AegisGate.A2A.Mtls;

namespace AegisGate.A2A.Capabilities;

/// <summary>The admin changes to the capability map, persisted as JSON (format version 1).</summary>
internal sealed class PersistedCapabilities
{
    public const int CurrentVersion = 1;

    public int Version { get; set; } = CurrentVersion;

    public Dictionary<string, PersistedAgentChange> Agents { get; set; } = new(StringComparer.Ordinal);

    public PersistedCapabilities With(string agentId, PersistedAgentChange? change)
    {
        var copy = new PersistedCapabilities { Version = CurrentVersion, Agents = new(Agents, StringComparer.Ordinal) };
        if (change is null)
        {
            copy.Agents.Remove(agentId);
        }
        else
        {
            copy.Agents[agentId] = change;
        }

        return copy;
    }

    /// <summary>Parses and validates the JSON of a capability file.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a valid capability file (the host must not start on it).</exception>
    public static PersistedCapabilities Parse(ReadOnlySpan<byte> json, string path)
    {
        PersistedCapabilities? value;
        try
        {
            value = JsonSerializer.Deserialize(json, A2AJsonContext.Default.PersistedCapabilities);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The persisted A2A capability map {path} is not valid JSON; restore it from a backup or delete it to fall back to the YAML map.", ex);
        }

        if (value is null || value.Version != CurrentVersion || value.Agents is null)
        {
            throw new InvalidDataException($"The persisted A2A capability map {path} has an unsupported format.");
        }

        foreach (var (agent, change) in value.Agents)
        {
            if (!AgentIds.IsValid(agent) || change?.Capabilities is null || change.Capabilities.Any(c => !A2ACapabilities.All.Contains(c)))
            {
                throw new InvalidDataException($"The persisted A2A capability map {path} has an invalid entry.");
            }
        }

        return value;
    }

    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(this, A2AJsonContext.Default.PersistedCapabilities);
}

/// <summary>One agent's admin change: a replacement grant, or a removal.</summary>
internal sealed class PersistedAgentChange
{
    public List<string> Capabilities { get; set; } = [];

    public bool Removed { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }
}

/// <summary>The admin API's request body.</summary>
internal sealed class CapabilityGrantRequest
{
    public List<string>? Capabilities { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(PersistedCapabilities))]
[JsonSerializable(typeof(CapabilityGrantRequest))]
internal sealed partial class A2AJsonContext : JsonSerializerContext;
