using System.Collections.Frozen;
using System.Security.Cryptography.X509Certificates;
using AegisGate.A2A.Integrity;
using AegisGate.A2A.Mtls;
using AegisGate.Configuration;

namespace AegisGate.A2A.Configuration;

/// <summary>Where the agent id is read from in the client certificate.</summary>
internal enum IdentitySource
{
    SanUri,
    SubjectCommonName,
}

/// <summary>One resolved HMAC key.</summary>
internal sealed record A2AKey(string Id, byte[] Secret, DateTimeOffset? NotBefore, DateTimeOffset? NotAfter);

/// <summary>The validated and resolved form of <c>a2a.yaml</c>. Immutable; a reload builds a new one.</summary>
internal sealed class CompiledA2AConfig
{
    public required IdentitySource IdentitySource { get; init; }

    public required string? SanUriPrefix { get; init; }

    public required X509Certificate2Collection TrustedCas { get; init; }

    public required X509RevocationMode RevocationMode { get; init; }

    public required bool RequireClientAuthEku { get; init; }

    public required TimeSpan ValidationCacheTtl { get; init; }

    public required TimeSpan MaxClockSkew { get; init; }

    public required int MaxBodyBytes { get; init; }

    public required int NonceCacheCapacity { get; init; }

    public required FrozenDictionary<string, A2AKey> SharedKeys { get; init; }

    public required FrozenDictionary<string, FrozenDictionary<string, A2AKey>> AgentKeys { get; init; }

    public required A2ATokenBucketConfig DefaultBucket { get; init; }

    public required FrozenDictionary<string, A2ATokenBucketConfig> AgentBuckets { get; init; }

    /// <summary>Gets the cache of successful certificate validations for this configuration.</summary>
    public CertificateValidationCache ValidationCache { get; } = new();

    /// <summary>Returns the keys that may sign for an agent: its own, or the shared default keys.</summary>
    public FrozenDictionary<string, A2AKey> KeysFor(string agentId)
        => AgentKeys.TryGetValue(agentId, out var own) ? own : SharedKeys;

    /// <summary>Validates a loaded model and resolves keys and CA files; adds every problem to <paramref name="errors"/>.</summary>
    public static void Compile(A2AConfigFile model, List<ConfigError> errors, string dataDirectory)
    {
        var identity = model.Identity;
        IdentitySource? source = identity.Source switch
        {
            "san_uri" => IdentitySource.SanUri,
            "subject_cn" => IdentitySource.SubjectCommonName,
            _ => null,
        };
        if (source is null)
        {
            errors.Add(new ConfigError("$.identity.source", "must be san_uri or subject_cn."));
        }

        X509RevocationMode? revocation = identity.RevocationMode switch
        {
            "no_check" => X509RevocationMode.NoCheck,
            "offline" => X509RevocationMode.Offline,
            "online" => X509RevocationMode.Online,
            _ => null,
        };
        if (revocation is null)
        {
            errors.Add(new ConfigError("$.identity.revocation_mode", "must be no_check, offline or online."));
        }

        var cas = new X509Certificate2Collection();
        for (var i = 0; i < identity.TrustedCaFiles.Count; i++)
        {
            var path = Path.GetFullPath(identity.TrustedCaFiles[i], dataDirectory);
            try
            {
                var before = cas.Count;
                cas.ImportFromPemFile(path);
                if (cas.Count == before)
                {
                    errors.Add(new ConfigError($"$.identity.trusted_ca_files[{i}]", $"{path} holds no PEM certificate."));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                errors.Add(new ConfigError($"$.identity.trusted_ca_files[{i}]", $"{path} could not be loaded ({ex.GetType().Name})."));
            }
        }

        var shared = CompileKeys(model.Integrity.Keys, "$.integrity.keys", errors, dataDirectory);
        var agentKeys = new Dictionary<string, FrozenDictionary<string, A2AKey>>(StringComparer.Ordinal);
        foreach (var (agent, keys) in model.Integrity.Agents)
        {
            if (!AgentIds.IsValid(agent))
            {
                errors.Add(new ConfigError($"$.integrity.agents.{agent}", "is not a valid agent id."));
                continue;
            }

            agentKeys[agent] = CompileKeys(keys.Keys, $"$.integrity.agents.{agent}.keys", errors, dataDirectory);
        }

        if (shared.Count == 0 && agentKeys.Count == 0)
        {
            errors.Add(new ConfigError("$.integrity.keys", "at least one key (shared or per agent) is required: unsigned requests are never accepted."));
        }

        foreach (var agent in model.RateLimit.Agents.Keys)
        {
            if (!AgentIds.IsValid(agent))
            {
                errors.Add(new ConfigError($"$.rate_limit.agents.{agent}", "is not a valid agent id."));
            }
        }

        if (errors.Count > 0)
        {
            return;
        }

        model.Compiled = new CompiledA2AConfig
        {
            IdentitySource = source!.Value,
            SanUriPrefix = string.IsNullOrEmpty(identity.SanUriPrefix) ? null : identity.SanUriPrefix,
            TrustedCas = cas,
            RevocationMode = revocation!.Value,
            RequireClientAuthEku = identity.RequireClientAuthEku,
            ValidationCacheTtl = TimeSpan.FromSeconds(identity.ValidationCacheSeconds),
            MaxClockSkew = TimeSpan.FromSeconds(model.Integrity.MaxClockSkewSeconds),
            MaxBodyBytes = model.Integrity.MaxBodyBytes,
            NonceCacheCapacity = model.Integrity.NonceCacheCapacity,
            SharedKeys = shared,
            AgentKeys = agentKeys.ToFrozenDictionary(StringComparer.Ordinal),
            DefaultBucket = model.RateLimit.Default,
            AgentBuckets = model.RateLimit.Agents.ToFrozenDictionary(StringComparer.Ordinal),
        };
    }

    private static FrozenDictionary<string, A2AKey> CompileKeys(List<A2AKeyConfig> keys, string path, List<ConfigError> errors, string dataDirectory)
    {
        var result = new Dictionary<string, A2AKey>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i];
            var at = $"{path}[{i}]";
            if (!A2ASignatureV1.IsValidKeyId(key.Id))
            {
                errors.Add(new ConfigError(at + ".id", "must be 1-64 characters of A-Z a-z 0-9 . - _."));
                continue;
            }

            if (result.ContainsKey(key.Id))
            {
                errors.Add(new ConfigError(at + ".id", $"duplicate key id {key.Id}."));
                continue;
            }

            if (key.NotBefore is { } nb && key.NotAfter is { } na && na <= nb)
            {
                errors.Add(new ConfigError(at + ".not_after", "must be after not_before."));
            }

            if (!SecretReference.TryResolve(key.Secret, dataDirectory, out var secret, out var error))
            {
                errors.Add(new ConfigError(at + ".secret", error));
                continue;
            }

            result[key.Id] = new A2AKey(key.Id, secret, key.NotBefore, key.NotAfter);
        }

        return result.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
