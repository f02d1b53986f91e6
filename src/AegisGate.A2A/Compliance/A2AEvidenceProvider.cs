using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using AegisGate.A2A.Capabilities;
using AegisGate.A2A.Configuration;
using AegisGate.Compliance;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AegisGate.A2A.Compliance;

/// <summary>
/// The A2A pillar's compliance evidence, from its live configuration (<c>a2a.yaml</c>, <c>a2a_caps.yaml</c>, the
/// persisted admin changes): <c>a2a.mtls</c> (client certificates chain to configured agent CAs only),
/// <c>a2a.message-integrity</c> (HMAC signatures required, bounded single-use nonce cache), <c>a2a.capabilities</c>
/// (capability map loaded) and <c>a2a.rate-limiting</c> (per-agent token buckets). A disabled pillar satisfies
/// none of them; configuration files that do not load throw, so the evidence is missing.
/// </summary>
internal sealed class A2AEvidenceProvider(IServiceProvider services, IOptions<AegisA2AOptions> options, TimeProvider timeProvider) : IComplianceEvidenceProvider
{
    public string Name => "a2a";

    public ValueTask CollectAsync(ComplianceEvidenceCollector evidence, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            const string disabled = "The A2A pillar is disabled (AegisGate:A2A:Enabled = false): A2A paths answer 404 and no agent is authenticated.";
            evidence.NotSatisfied(ComplianceEvidenceIds.A2AMtls, disabled);
            evidence.NotSatisfied(ComplianceEvidenceIds.A2AMessageIntegrity, disabled);
            evidence.NotSatisfied(ComplianceEvidenceIds.A2ACapabilities, disabled);
            evidence.NotSatisfied(ComplianceEvidenceIds.A2ARateLimiting, disabled);
            return ValueTask.CompletedTask;
        }

        var runtime = services.GetRequiredService<A2ARuntime>();
        var config = runtime.Config;
        var now = timeProvider.GetUtcNow();
        var reloadRejected = runtime.LastConfigErrors.Count > 0 || runtime.Capabilities.LastSeedErrors.Count > 0
            ? " The last reload of a2a.yaml or a2a_caps.yaml was rejected; the last good configuration is active."
            : string.Empty;
        CollectMtls(evidence, config, now);
        CollectIntegrity(evidence, config, runtime, now, reloadRejected);
        CollectCapabilities(evidence, runtime.Capabilities.Current, reloadRejected);
        CollectRateLimits(evidence, config);
        return ValueTask.CompletedTask;
    }

    private static void CollectMtls(ComplianceEvidenceCollector evidence, CompiledA2AConfig config, DateTimeOffset now)
    {
        if (config.TrustedCas.Count == 0)
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.A2AMtls, "No agent CA is configured (identity.trusted_ca_files in a2a.yaml is empty): no agent can authenticate.");
            return;
        }

        var valid = config.TrustedCas.Count(ca => now >= ca.NotBefore.ToUniversalTime() && now <= ca.NotAfter.ToUniversalTime());
        if (valid == 0)
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.A2AMtls, "Every configured agent CA certificate is expired or not yet valid: no agent can authenticate.");
            return;
        }

        var subjects = string.Join("; ", config.TrustedCas.Select(static ca => ca.GetNameInfo(X509NameType.SimpleName, forIssuer: false)));
        var identity = config.IdentitySource == IdentitySource.SanUri
            ? $"the certificate's URI SAN{(config.SanUriPrefix is null ? string.Empty : $" under {config.SanUriPrefix}")}"
            : "the certificate's subject CN";
        var revocation = config.RevocationMode == X509RevocationMode.NoCheck ? "not checked" : $"checked ({config.RevocationMode.ToString().ToLowerInvariant()})";
        evidence.Satisfied(ComplianceEvidenceIds.A2AMtls, string.Create(CultureInfo.InvariantCulture,
            $"Agents authenticate with client certificates that must chain to the {config.TrustedCas.Count} configured agent CA(s) ({subjects}) only (custom root trust; the system store is never trusted); client-authentication EKU {(config.RequireClientAuthEku ? "required" : "not required")}; revocation {revocation}; the agent id is {identity}."));
    }

    private static void CollectIntegrity(ComplianceEvidenceCollector evidence, CompiledA2AConfig config, A2ARuntime runtime, DateTimeOffset now, string reloadRejected)
    {
        var keys = config.SharedKeys.Values.Concat(config.AgentKeys.Values.SelectMany(static k => k.Values)).ToList();
        var current = keys.Count(k => (k.NotBefore is not { } nb || now >= nb) && (k.NotAfter is not { } na || now <= na));
        evidence.Satisfied(ComplianceEvidenceIds.A2AMessageIntegrity, string.Create(CultureInfo.InvariantCulture,
            $"Every A2A request must carry an HMAC-SHA256 signature (scheme v1) over method, path, agent, capability, timestamp, nonce, key id and body hash, compared in constant time: {config.SharedKeys.Count} shared key(s), {config.AgentKeys.Count} agent(s) with their own keys, {current} of {keys.Count} key(s) currently valid; clock skew ≤ {config.MaxClockSkew.TotalSeconds:0} s; each nonce is single-use in a bounded replay cache (capacity {config.NonceCacheCapacity}, {runtime.Nonces.Count} live); bodies ≤ {config.MaxBodyBytes} bytes.{reloadRejected}"));
    }

    private static void CollectCapabilities(ComplianceEvidenceCollector evidence, CapabilityMap map, string reloadRejected)
    {
        var admin = map.Agents.Values.Count(static g => g.Source == GrantSource.Admin);
        evidence.Satisfied(ComplianceEvidenceIds.A2ACapabilities, string.Create(CultureInfo.InvariantCulture,
            $"The capability map is loaded: {map.Agents.Count} agent(s) ({admin} from audited admin changes), {map.MinTiers.Count} capabilit(ies) with a minimum licence tier. Each agent may call only the JSON-RPC methods of its granted capabilities, and the signed A2A-Capability header must match the method; unknown agents and methods are denied.{reloadRejected}"));
    }

    private static void CollectRateLimits(ComplianceEvidenceCollector evidence, CompiledA2AConfig config)
    {
        var bucket = config.DefaultBucket;
        evidence.Satisfied(ComplianceEvidenceIds.A2ARateLimiting, string.Create(CultureInfo.InvariantCulture,
            $"A token bucket per agent: burst {bucket.TokenLimit}, {bucket.TokensPerPeriod} per {bucket.PeriodSeconds} s by default, {config.AgentBuckets.Count} per-agent override(s) (429 A2A_RATE_LIMITED with Retry-After)."));
    }
}
