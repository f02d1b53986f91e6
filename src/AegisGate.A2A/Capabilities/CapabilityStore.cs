using AegisGate.A2A.Mtls;
using AegisGate.Audit;
using AegisGate.Configuration;
using AegisGate.Crypto;
using AegisGate.Diagnostics;
using AegisGate.Secrets;
using Microsoft.Extensions.Logging;

namespace AegisGate.A2A.Capabilities;

/// <summary>The outcome of an admin change to the capability map.</summary>
internal enum CapabilityChangeStatus
{
    Applied,
    Invalid,
    AuditUnavailable,
    PersistFailed,
}

/// <summary>The outcome of an admin change: the error of an invalid change, the denial of a change that could not be audited or saved.</summary>
internal readonly record struct CapabilityChangeResult(CapabilityChangeStatus Status, string? Error = null, SecurityDecision Decision = default);

/// <summary>
/// Holds the effective capability map: the YAML seed (<c>a2a_caps.yaml</c>, hot-reloaded, last good kept on error)
/// with the admin changes applied, which are persisted atomically (and encrypted at rest when configured) so they
/// survive restarts and crashes.
/// </summary>
internal sealed class CapabilityStore : IDisposable
{
    private readonly ReloadableConfigFile<CapabilitiesFile> _seed;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Lock _mapGate = new();
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly CapabilityPersistence _persistence;
    private PersistedCapabilities _overlay;
    private volatile CapabilityMap _map;

    /// <exception cref="AegisCryptoException">The persisted map failed its integrity check (logged, event 4012).</exception>
    /// <exception cref="InvalidDataException">A file is not valid.</exception>
    public CapabilityStore(string yamlPath, string persistencePath, ILogger logger, AegisMetrics? metrics, bool watch, TimeProvider timeProvider, IEnvelopeEncryptor? encryptor = null, bool allowPlaintextMigration = false)
    {
        _logger = logger;
        _timeProvider = timeProvider;
        _persistence = new CapabilityPersistence(persistencePath, encryptor, allowPlaintextMigration, logger);
        _seed = new ReloadableConfigFile<CapabilitiesFile>(yamlPath, static p => YamlConfigLoader.LoadFile<CapabilitiesFile>(p, CapabilitiesFile.Validate), logger, metrics, watch, timeProvider);
        try
        {
            _overlay = _persistence.Load();
        }
        catch
        {
            _seed.Dispose();
            throw;
        }

        _map = CapabilityMap.Build(_seed.Current, _overlay);
        _seed.Changed += OnSeedChanged;
    }

    /// <summary>Gets the path of the persisted admin changes.</summary>
    public string PersistencePath => _persistence.Path;

    /// <summary>Gets a value indicating whether the persisted admin changes are encrypted at rest.</summary>
    public bool EncryptedAtRest => _persistence.Encrypted;

    /// <summary>Gets the YAML seed file path.</summary>
    public string SeedPath => _seed.Path;

    /// <summary>Gets the current effective map.</summary>
    public CapabilityMap Current => _map;

    /// <summary>Gets the errors of the last rejected YAML reload (empty when it succeeded).</summary>
    public IReadOnlyList<ConfigError> LastSeedErrors => _seed.LastErrors;

    /// <summary>Gets or sets a test seam called between the flushed temporary write and the rename.</summary>
    internal Action<string>? BeforeRename { get; set; }

    /// <summary>Reloads the YAML seed now.</summary>
    public bool ReloadSeed() => _seed.Reload();

    /// <summary>Grants exactly <paramref name="capabilities"/> to an agent (replacing its YAML grant).</summary>
    public Task<CapabilityChangeResult> SetAgentAsync(string agentId, IReadOnlyList<string> capabilities, string actor, AuditTrail audit, string? requestId, CancellationToken cancellationToken)
    {
        foreach (var capability in capabilities)
        {
            if (!A2ACapabilities.All.Contains(capability))
            {
                return Task.FromResult(new CapabilityChangeResult(CapabilityChangeStatus.Invalid, $"'{Truncate(capability)}' is not a known capability."));
            }
        }

        var change = new PersistedAgentChange
        {
            Capabilities = capabilities.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            UpdatedAt = _timeProvider.GetUtcNow(),
            UpdatedBy = actor,
        };
        return ChangeAsync(agentId, change, "set", actor, audit, requestId, cancellationToken);
    }

    /// <summary>Removes an agent from the map (it becomes unknown, even when the YAML lists it).</summary>
    public Task<CapabilityChangeResult> RemoveAgentAsync(string agentId, string actor, AuditTrail audit, string? requestId, CancellationToken cancellationToken)
        => ChangeAsync(agentId, new PersistedAgentChange { Removed = true, UpdatedAt = _timeProvider.GetUtcNow(), UpdatedBy = actor }, "remove", actor, audit, requestId, cancellationToken);

    /// <summary>Drops an agent's admin change, so the YAML grant applies again.</summary>
    public Task<CapabilityChangeResult> ResetAgentAsync(string agentId, string actor, AuditTrail audit, string? requestId, CancellationToken cancellationToken)
        => ChangeAsync(agentId, null, "reset", actor, audit, requestId, cancellationToken);

    public void Dispose()
    {
        _seed.Changed -= OnSeedChanged;
        _seed.Dispose();
        _writeGate.Dispose();
    }

    private async Task<CapabilityChangeResult> ChangeAsync(string agentId, PersistedAgentChange? change, string action, string actor, AuditTrail audit, string? requestId, CancellationToken cancellationToken)
    {
        if (!AgentIds.IsValid(agentId))
        {
            return new CapabilityChangeResult(CapabilityChangeStatus.Invalid, "The agent id is not valid.");
        }

        ArgumentNullException.ThrowIfNull(audit);
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The change is audited before it is written, so no change can reach the file without its record: a
            // change that cannot be audited is refused and nothing is written.
            var capabilities = change is null || change.Removed ? string.Empty : string.Join(',', change.Capabilities);
            var recorded = await audit.RecordAsync(ChangeEvent(agentId, action, capabilities, actor, requestId, null), cancellationToken).ConfigureAwait(false);
            if (!recorded.IsAllowed)
            {
                return new CapabilityChangeResult(CapabilityChangeStatus.AuditUnavailable, Decision: recorded);
            }

            // Once recorded, the change is saved (or its failure recorded) even if the caller goes away.
            var next = _overlay.With(agentId, change);
            var saved = await TrySaveAsync(next).ConfigureAwait(false);
            if (saved.IsDenied)
            {
                // The file keeps the previous map; the trail says the recorded change did not happen.
                await audit.RecordAsync(ChangeEvent(agentId, action, capabilities, actor, requestId, saved.Code), CancellationToken.None).ConfigureAwait(false);
                return new CapabilityChangeResult(CapabilityChangeStatus.PersistFailed, "The capability map could not be saved; nothing changed.", saved);
            }

            lock (_mapGate)
            {
                _overlay = next;
                _map = CapabilityMap.Build(_seed.Current, next);
            }

            _logger.CapabilityChanged(action, agentId, actor);
            return new CapabilityChangeResult(CapabilityChangeStatus.Applied);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private AuditEvent ChangeEvent(string agentId, string action, string capabilities, string actor, string? requestId, string? failureCode) => new()
    {
        Timestamp = _timeProvider.GetUtcNow(),
        RequestId = requestId,
        Principal = actor,
        Pillar = AegisPillars.A2A,
        Operation = "a2a.capabilities." + action,
        Decision = failureCode is null ? "allow" : "deny",
        Code = failureCode,
        Properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["agent"] = agentId,
            ["action"] = action,
            ["capabilities"] = capabilities,
        },
    };

    /// <summary>Saves the map; a failure is logged (event 4011) and returned as a denial, the file keeps its previous content.</summary>
    private async ValueTask<SecurityDecision> TrySaveAsync(PersistedCapabilities value)
    {
        try
        {
            await _persistence.SaveAsync(value, BeforeRename, CancellationToken.None).ConfigureAwait(false);
            return SecurityDecision.Allow();
        }
        catch (SecretUnavailableException ex)
        {
            _logger.CapabilityPersistFailed(PersistencePath, ex);
            return ex.ToDecision();
        }
        catch (Exception ex)
        {
            // Any failure (I/O, a key-encryption key call that timed out, ...) leaves the previous file in place.
            _logger.CapabilityPersistFailed(PersistencePath, ex);
            return SecurityDecision.Deny(AegisErrorCodes.InternalError, "The capability map could not be saved; nothing changed.", 500);
        }
    }

    private void OnSeedChanged(CapabilitiesFile seed)
    {
        lock (_mapGate)
        {
            _map = CapabilityMap.Build(seed, _overlay);
        }
    }

    private static string Truncate(string value) => value.Length > 64 ? value[..64] : value;
}

/// <summary>A read-only view of the effective map for the admin API.</summary>
internal static class CapabilityMapView
{
    public static Dictionary<string, object> ToJson(CapabilityMap map)
    {
        var agents = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (agent, grant) in map.Agents)
        {
            agents[agent] = new Dictionary<string, object>
            {
                ["capabilities"] = grant.Capabilities.Order(StringComparer.Ordinal).ToArray(),
                ["source"] = grant.Source == GrantSource.Admin ? "admin" : "yaml",
            };
        }

        var tiers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (capability, tier) in map.MinTiers)
        {
            tiers[capability] = tier.ToString().ToLowerInvariant();
        }

        return new Dictionary<string, object> { ["agents"] = agents, ["minTiers"] = tiers };
    }
}
