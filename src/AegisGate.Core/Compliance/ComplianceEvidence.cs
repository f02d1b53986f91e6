namespace AegisGate.Compliance;

/// <summary>
/// Contributes evidence to compliance checks: facts about the live configuration and state (is audit on and
/// verified, is TLS 1.3 enforced, is PII redacted on responses, ...). Pillars register their own with
/// <c>AddComplianceEvidence&lt;T&gt;()</c>.
/// </summary>
/// <remarks>
/// Report only what you can establish. An evidence id nobody reports fails every control that needs it; a provider
/// that throws or times out is listed in the report and its evidence is missing (so its controls fail, never pass).
/// </remarks>
public interface IComplianceEvidenceProvider
{
    /// <summary>Gets the provider's name, shown as the source of its evidence.</summary>
    string Name { get; }

    /// <summary>Collects evidence.</summary>
    /// <param name="evidence">Where to add evidence.</param>
    /// <param name="cancellationToken">The cancellation token (the evaluator's per-provider timeout).</param>
    /// <returns>A task that completes when the provider has added its evidence.</returns>
    ValueTask CollectAsync(ComplianceEvidenceCollector evidence, CancellationToken cancellationToken);
}

/// <summary>One piece of evidence.</summary>
/// <param name="Id">The evidence id (see <see cref="ComplianceEvidenceIds"/>).</param>
/// <param name="Satisfied">Whether the fact holds.</param>
/// <param name="Detail">What was observed (never secrets).</param>
/// <param name="Source">The provider that reported it.</param>
public sealed record ComplianceEvidence(string Id, bool Satisfied, string Detail, string Source);

/// <summary>Collects the evidence of one provider.</summary>
public sealed class ComplianceEvidenceCollector
{
    private readonly List<ComplianceEvidence> _items = [];

    internal ComplianceEvidenceCollector(string source) => Source = source;

    /// <summary>Gets the name of the provider collecting.</summary>
    public string Source { get; }

    internal IReadOnlyList<ComplianceEvidence> Items => _items;

    /// <summary>Adds evidence that a fact holds.</summary>
    /// <param name="evidenceId">The evidence id.</param>
    /// <param name="detail">What was observed.</param>
    public void Satisfied(string evidenceId, string detail) => Add(evidenceId, satisfied: true, detail);

    /// <summary>Adds evidence that a fact does not hold.</summary>
    /// <param name="evidenceId">The evidence id.</param>
    /// <param name="detail">What was observed and how to fix it.</param>
    public void NotSatisfied(string evidenceId, string detail) => Add(evidenceId, satisfied: false, detail);

    /// <summary>Adds evidence.</summary>
    /// <param name="evidenceId">The evidence id.</param>
    /// <param name="satisfied">Whether the fact holds.</param>
    /// <param name="detail">What was observed.</param>
    public void Add(string evidenceId, bool satisfied, string detail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(evidenceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(detail);
        if (_items.Count >= 1000)
        {
            throw new InvalidOperationException("An evidence provider may add at most 1000 items.");
        }

        _items.Add(new ComplianceEvidence(evidenceId, satisfied, detail, Source));
    }
}

/// <summary>
/// The evidence ids AegisGate's compliance mappings use, with which component reports each. Frameworks may also
/// use ids of custom providers.
/// </summary>
public static class ComplianceEvidenceIds
{
    /// <summary>Decisions are recorded in the audit trail (<c>AegisGate:Audit:Enabled</c>). Reported by Core.</summary>
    public const string AuditEnabled = "audit.enabled";

    /// <summary>A request is denied when its audit record cannot be written (<c>AegisGate:Audit:FailClosed</c>). Reported by Core.</summary>
    public const string AuditFailClosed = "audit.fail-closed";

    /// <summary>The audit trail is hash-chained with a configured key, so changes are detectable. Reported by Core.</summary>
    public const string AuditTamperEvident = "audit.tamper-evident";

    /// <summary>The live audit trail on disk verifies (chain intact, nothing deleted from the end since the last check). Reported by Core (incremental verification of the JSONL chain).</summary>
    public const string AuditVerified = "audit.verified";

    /// <summary>
    /// The audit trail is encrypted at rest (<c>AegisGate:Audit:Encrypt</c> with encryption at rest enabled): record
    /// content is readable only with the key-encryption key, while the chain still verifies with the chain key alone.
    /// Reported by Core.
    /// </summary>
    public const string AuditEncrypted = "audit.encrypted";

    /// <summary>The licence is not invalid (none = community, or a valid key). Reported by Core.</summary>
    public const string LicenseValid = "license.valid";

    /// <summary>
    /// Stored state is encrypted with AES-256-GCM (<c>AegisGate:Encryption:Enabled</c>) and the audit trail is not
    /// written in plaintext (<c>AegisGate:Audit:Encrypt</c>, or audit off, or a custom sink); the persisted A2A capability
    /// map is encrypted whenever encryption is enabled. See <c>docs/governance.md</c> for what is stored. Reported by Core.
    /// </summary>
    public const string CryptoAtRest = "crypto.at-rest";

    /// <summary>Every HTTPS endpoint accepts TLS 1.3 only and no plain-HTTP endpoint is served. Reported by Core (Kestrel configuration) and AegisGate.AspNetCore (live handshake).</summary>
    public const string Tls13 = "tls.1.3";

    /// <summary>The content scanner flags a prompt-injection canary. Reported by Core when an <c>IContentScanner</c> is registered.</summary>
    public const string DetectionPromptInjection = "detection.prompt-injection";

    /// <summary>The content scanner flags credential canaries. Reported by Core when an <c>IContentScanner</c> is registered.</summary>
    public const string DetectionSecrets = "detection.secrets";

    /// <summary>The content scanner flags PII canaries (card number, e-mail, SSN). Reported by Core when an <c>IContentScanner</c> is registered.</summary>
    public const string DetectionPii = "detection.pii";

    /// <summary>The content scanner flags an exfiltration canary (markdown image to an external host with data). Reported by Core when an <c>IContentScanner</c> is registered.</summary>
    public const string DetectionExfiltration = "detection.exfiltration";

    /// <summary>HTTP API requests are authenticated (API keys or another scheme). Reported by the HTTP pillar.</summary>
    public const string HttpAuthentication = "http.authentication";

    /// <summary>HTTP API permissions are enforced by role (RBAC). Reported by the HTTP pillar.</summary>
    public const string HttpRbac = "http.rbac";

    /// <summary>HTTP API requests are rate-limited per principal. Reported by the HTTP pillar.</summary>
    public const string HttpRateLimiting = "http.rate-limiting";

    /// <summary>HTTP request bodies, their decoding and parsing are bounded (size, decompression ratio, JSON depth, form fields). Reported by the HTTP pillar.</summary>
    public const string HttpRequestLimits = "http.request-limits";

    /// <summary>HTTP request bodies are scanned and blocked by policy. Reported by the HTTP pillar.</summary>
    public const string HttpRequestScanning = "http.request-scanning";

    /// <summary>PII and secrets in HTTP responses are redacted. Reported by the HTTP pillar.</summary>
    public const string HttpResponseRedaction = "http.response-redaction";

    /// <summary>MCP tool calls are authorized per principal and tool risk. Reported by the MCP pillar.</summary>
    public const string McpToolAuthorization = "mcp.tool-authorization";

    /// <summary>MCP tool output is scanned before it reaches the model. Reported by the MCP pillar.</summary>
    public const string McpOutputScanning = "mcp.output-scanning";

    /// <summary>MCP upstream servers are pinned and validated (stdio command allow-list, package pinning). Reported by the MCP pillar.</summary>
    public const string McpSupplyChain = "mcp.supply-chain";

    /// <summary>Browser requests to MCP endpoints are limited to allow-listed origins (DNS-rebinding and cross-site protection). Reported by the MCP pillar.</summary>
    public const string McpOriginAllowlist = "mcp.origin-allowlist";

    /// <summary>A2A peers authenticate with client certificates (mTLS). Reported by the A2A pillar.</summary>
    public const string A2AMtls = "a2a.mtls";

    /// <summary>A2A messages are HMAC-signed with replay protection. Reported by the A2A pillar.</summary>
    public const string A2AMessageIntegrity = "a2a.message-integrity";

    /// <summary>A2A agents are limited to their granted capabilities. Reported by the A2A pillar.</summary>
    public const string A2ACapabilities = "a2a.capabilities";

    /// <summary>A2A agents are rate-limited. Reported by the A2A pillar.</summary>
    public const string A2ARateLimiting = "a2a.rate-limiting";

    /// <summary>Gets every id above with its description.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [AuditEnabled] = "Decisions are recorded in the audit trail (Core).",
        [AuditFailClosed] = "Requests are denied when their audit record cannot be written (Core).",
        [AuditTamperEvident] = "The audit trail is hash-chained with a configured key (Core).",
        [AuditVerified] = "The live audit trail on disk verifies (Core, incremental verification).",
        [AuditEncrypted] = "The audit trail is encrypted at rest (Core).",
        [LicenseValid] = "The licence is not invalid (Core).",
        [CryptoAtRest] = "Stored state is encrypted at rest and the audit trail is not plaintext (Core).",
        [Tls13] = "HTTPS endpoints accept TLS 1.3 only (Core configuration, AspNetCore live handshake).",
        [DetectionPromptInjection] = "The content scanner flags prompt injection (Core, needs a content scanner).",
        [DetectionSecrets] = "The content scanner flags credentials (Core, needs a content scanner).",
        [DetectionPii] = "The content scanner flags PII (Core, needs a content scanner).",
        [DetectionExfiltration] = "The content scanner flags exfiltration channels (Core, needs a content scanner).",
        [HttpAuthentication] = "HTTP API requests are authenticated (HTTP pillar).",
        [HttpRbac] = "HTTP API permissions are enforced by role (HTTP pillar).",
        [HttpRateLimiting] = "HTTP API requests are rate-limited (HTTP pillar).",
        [HttpRequestLimits] = "HTTP request bodies and their parsing are bounded (HTTP pillar).",
        [HttpRequestScanning] = "HTTP request bodies are scanned (HTTP pillar).",
        [HttpResponseRedaction] = "PII and secrets in HTTP responses are redacted (HTTP pillar).",
        [McpToolAuthorization] = "MCP tool calls are authorized (MCP pillar).",
        [McpOutputScanning] = "MCP tool output is scanned (MCP pillar).",
        [McpSupplyChain] = "MCP upstream servers are pinned and validated (MCP pillar).",
        [McpOriginAllowlist] = "Browser origins of MCP requests are allow-listed (MCP pillar).",
        [A2AMtls] = "A2A peers authenticate with mTLS (A2A pillar).",
        [A2AMessageIntegrity] = "A2A messages are HMAC-signed with replay protection (A2A pillar).",
        [A2ACapabilities] = "A2A agents are limited to granted capabilities (A2A pillar).",
        [A2ARateLimiting] = "A2A agents are rate-limited (A2A pillar).",
    };
}
