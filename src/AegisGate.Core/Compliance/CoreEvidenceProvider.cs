using AegisGate.Audit;
using AegisGate.Configuration;
using AegisGate.Crypto;
using AegisGate.Licensing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AegisGate.Compliance;

/// <summary>
/// Evidence from AegisGate.Core's live configuration and state: audit (<c>audit.enabled</c>,
/// <c>audit.fail-closed</c>, <c>audit.tamper-evident</c>, <c>audit.encrypted</c>), licence (<c>license.valid</c>),
/// encryption at rest (<c>crypto.at-rest</c>) and the Kestrel TLS configuration (<c>tls.1.3</c>, only when a <c>Kestrel</c> section exists).
/// </summary>
internal sealed class CoreEvidenceProvider(IServiceProvider services) : IComplianceEvidenceProvider
{
    public string Name => "core";

    public ValueTask CollectAsync(ComplianceEvidenceCollector evidence, CancellationToken cancellationToken)
    {
        var audit = services.GetRequiredService<IOptions<AegisGateOptions>>().Value.Audit;
        var encryptor = services.GetService<IEnvelopeEncryptor>();
        CollectAudit(evidence, audit);
        CollectLicense(evidence, services.GetService<ILicenseProvider>());
        var auditStorage = CollectAuditEncryption(evidence, audit, encryptor, audit.Enabled ? services.GetService<IAuditSink>() : null);
        CollectEncryption(evidence, encryptor, auditStorage);
        if (services.GetService<IConfiguration>() is { } configuration)
        {
            CollectKestrelTls(evidence, configuration);
        }

        return ValueTask.CompletedTask;
    }

    private static void CollectAudit(ComplianceEvidenceCollector evidence, AuditOptions audit)
    {
        if (audit.Enabled)
        {
            evidence.Satisfied(ComplianceEvidenceIds.AuditEnabled, $"Decisions are audited to '{audit.Path}' (AegisGate:Audit:Enabled).");
        }
        else
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.AuditEnabled, "Auditing is disabled (AegisGate:Audit:Enabled = false).");
        }

        if (audit.FailClosed)
        {
            evidence.Satisfied(ComplianceEvidenceIds.AuditFailClosed, "A request whose audit record cannot be written is denied (AegisGate:Audit:FailClosed).");
        }
        else
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.AuditFailClosed, "Requests are served even when their audit record cannot be written (AegisGate:Audit:FailClosed = false).");
        }

        if (!audit.Enabled)
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.AuditTamperEvident, "Auditing is disabled, so there is no hash chain.");
        }
        else if (audit.Key is { Length: > 0 } key)
        {
            var buffer = new byte[key.Length];
            if (Convert.TryFromBase64String(key, buffer, out var written) && written >= 32)
            {
                evidence.Satisfied(ComplianceEvidenceIds.AuditTamperEvident, "Audit records are HMAC-SHA256 chained with a configured key (AegisGate:Audit:Key).");
            }
            else
            {
                evidence.NotSatisfied(ComplianceEvidenceIds.AuditTamperEvident, "The audit chain key is not base64 of at least 32 bytes.");
            }
        }
        else if (!string.IsNullOrWhiteSpace(audit.KeyFile))
        {
            evidence.Satisfied(ComplianceEvidenceIds.AuditTamperEvident, $"Audit records are HMAC-SHA256 chained with the key in '{audit.KeyFile}' (AegisGate:Audit:KeyFile).");
        }
        else
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.AuditTamperEvident, "No audit chain key is configured.");
        }
    }

    private static void CollectLicense(ComplianceEvidenceCollector evidence, ILicenseProvider? provider)
    {
        if (provider is null)
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.LicenseValid, "No licence provider is registered.");
            return;
        }

        var state = provider.Current;
        switch (state?.Status)
        {
            case LicenseStatus.None:
                evidence.Satisfied(ComplianceEvidenceIds.LicenseValid, "No licence key is configured: the community tier applies.");
                break;
            case LicenseStatus.Valid:
                evidence.Satisfied(ComplianceEvidenceIds.LicenseValid, $"Licence {state.LicenseId} ({LicenseToken.TierName(state.Tier)}) is valid until {state.ExpiresAt:yyyy-MM-dd}.");
                break;
            default:
                evidence.NotSatisfied(ComplianceEvidenceIds.LicenseValid, "The configured licence is invalid: " + (state?.InvalidReason ?? "unknown reason"));
                break;
        }
    }

    /// <summary>Reports <c>audit.encrypted</c>.</summary>
    /// <returns>Why the audit trail keeps <c>crypto.at-rest</c> from holding, or <see langword="null"/> when it does not.</returns>
    private static string? CollectAuditEncryption(ComplianceEvidenceCollector evidence, AuditOptions audit, IEnvelopeEncryptor? encryptor, IAuditSink? sink)
    {
        if (!audit.Enabled)
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.AuditEncrypted, "Auditing is disabled (AegisGate:Audit:Enabled = false), so there is no audit trail to encrypt.");
            return null;
        }

        if (sink is not JsonlAuditSink jsonl)
        {
            var name = sink?.GetType().Name ?? "no sink";
            evidence.NotSatisfied(ComplianceEvidenceIds.AuditEncrypted, $"Audit records go to a custom sink ({name}); AegisGate cannot establish how it stores them.");
            return null;
        }

        if (!audit.Encrypt)
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.AuditEncrypted, "The audit trail is written in plaintext (AegisGate:Audit:Encrypt = false).");
            return "the audit trail is written in plaintext: set AegisGate:Audit:Encrypt = true";
        }

        if (!jsonl.IsEncrypted)
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.AuditEncrypted, (jsonl.ConfigurationProblem ?? "AegisGate:Audit:Encrypt is set but encryption at rest is not available.") + " The audit sink refuses to write.");
            return "the audit trail cannot be encrypted (AegisGate:Audit:Encrypt without encryption at rest)";
        }

        evidence.Satisfied(ComplianceEvidenceIds.AuditEncrypted, $"Audit records are encrypted with AES-256-GCM under per-file data keys wrapped by key-encryption key '{encryptor?.ActiveKeyId}' (AegisGate:Audit:Encrypt); the chain fields stay in clear for verification.");
        return null;
    }

    private static void CollectEncryption(ComplianceEvidenceCollector evidence, IEnvelopeEncryptor? encryptor, string? auditProblem)
    {
        if (encryptor is null)
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.CryptoAtRest, "Encryption at rest is not registered (AddAegisEncryption).");
        }
        else if (!encryptor.IsEnabled)
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.CryptoAtRest, "Encryption at rest is disabled (AegisGate:Encryption:Enabled = false).");
        }
        else if (auditProblem is not null)
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.CryptoAtRest, $"Encryption at rest is enabled (key-encryption key '{encryptor.ActiveKeyId}'), but {auditProblem}.");
        }
        else
        {
            evidence.Satisfied(ComplianceEvidenceIds.CryptoAtRest, $"Encryption at rest is enabled (AES-256-GCM, key-encryption key '{encryptor.ActiveKeyId}'): the audit trail is encrypted (or not stored by AegisGate: audit off or a custom sink) and the A2A capability map is encrypted when persisted; MCP sessions and A2A nonces are never persisted; the MCP tool-pin lock file (tool names and hashes, no secrets) is not encrypted.");
        }
    }

    /// <summary>Reads Kestrel's configuration (<c>Kestrel:EndpointDefaults</c>, <c>Kestrel:Endpoints</c>, <c>urls</c>). Reports nothing when TLS is configured in code.</summary>
    internal static void CollectKestrelTls(ComplianceEvidenceCollector evidence, IConfiguration configuration)
    {
        var kestrel = configuration.GetSection("Kestrel");
        var defaults = ReadProtocols(kestrel.GetSection("EndpointDefaults:SslProtocols"));
        var endpoints = kestrel.GetSection("Endpoints").GetChildren().ToList();
        var urls = configuration["urls"] ?? configuration["ASPNETCORE_URLS"];
        if (endpoints.Count == 0 && defaults is null)
        {
            return;
        }

        var problems = new List<string>();
        var https = 0;
        foreach (var endpoint in endpoints)
        {
            var url = endpoint["Url"] ?? string.Empty;
            if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"endpoint '{endpoint.Key}' serves plain HTTP ({url})");
                continue;
            }

            https++;
            var protocols = ReadProtocols(endpoint.GetSection("SslProtocols")) ?? defaults;
            if (protocols is null || !protocols.SetEquals(["Tls13"]))
            {
                problems.Add($"endpoint '{endpoint.Key}' allows {(protocols is null ? "the operating system's default TLS versions" : string.Join("+", protocols))}");
            }
        }

        if (urls is not null && urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(static u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add("'urls' includes a plain-HTTP address");
        }

        if (problems.Count > 0)
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.Tls13, "Kestrel configuration: " + string.Join("; ", problems) + ".");
        }
        else if (https == 0)
        {
            if (defaults!.SetEquals(["Tls13"]))
            {
                evidence.Satisfied(ComplianceEvidenceIds.Tls13, "Kestrel:EndpointDefaults:SslProtocols is Tls13.");
            }
            else
            {
                evidence.NotSatisfied(ComplianceEvidenceIds.Tls13, $"Kestrel:EndpointDefaults:SslProtocols allows {string.Join("+", defaults)}.");
            }
        }
        else
        {
            evidence.Satisfied(ComplianceEvidenceIds.Tls13, $"Kestrel configuration: {https} HTTPS endpoint(s), TLS 1.3 only, no plain HTTP.");
        }
    }

    private static HashSet<string>? ReadProtocols(IConfigurationSection section)
    {
        var values = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (section.Value is { Length: > 0 } scalar)
        {
            foreach (var part in scalar.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                values.Add(part);
            }
        }

        foreach (var child in section.GetChildren())
        {
            if (child.Value is { Length: > 0 } value)
            {
                values.Add(value.Trim());
            }
        }

        return values.Count == 0 ? null : values;
    }
}
