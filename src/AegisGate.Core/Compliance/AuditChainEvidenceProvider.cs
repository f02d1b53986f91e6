using AegisGate.Audit;
using AegisGate.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AegisGate.Compliance;

/// <summary>
/// Evidence <c>audit.verified</c>: verifies the live audit chain (the <see cref="JsonlAuditSink"/>'s files, with its
/// key) through <see cref="IncrementalAuditVerifier"/>, so a report on a large trail reads only what was appended
/// since the last report. A chain that does not verify is <em>not satisfied</em> (with the first bad record); a
/// verification that cannot run (no key, unreadable files) throws, so the evidence is missing — never a pass.
/// </summary>
internal sealed class AuditChainEvidenceProvider(IServiceProvider services, IncrementalAuditVerifier verifier) : IComplianceEvidenceProvider
{
    public string Name => "audit-chain";

    public async ValueTask CollectAsync(ComplianceEvidenceCollector evidence, CancellationToken cancellationToken)
    {
        var audit = services.GetRequiredService<IOptions<AegisGateOptions>>().Value.Audit;
        if (!audit.Enabled)
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.AuditVerified, "Auditing is disabled (AegisGate:Audit:Enabled = false): there is no trail to verify.");
            return;
        }

        var sink = services.GetService<IAuditSink>();
        if (sink is not JsonlAuditSink jsonl)
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.AuditVerified, sink is null
                ? "No audit sink is registered: there is no trail to verify."
                : $"The audit sink is {sink.GetType().Name}, not AegisGate's hash-chained JSONL trail; AegisGate cannot verify it (verify it with its own tooling).");
            return;
        }

        var keyFile = jsonl.KeyFilePath;
        var base64Key = audit.Key;
        var interval = services.GetService<IOptions<AegisComplianceOptions>>()?.Value.AuditFullVerificationInterval ?? AegisComplianceOptions.DefaultAuditFullVerificationInterval;
        var check = await verifier.VerifyAsync(
            jsonl.FilePath,
            () => !string.IsNullOrEmpty(base64Key) ? AuditKeys.FromBase64(base64Key)
                : keyFile is not null ? AuditKeys.ReadKeyFile(keyFile)
                : throw new InvalidOperationException("No audit chain key is configured (AegisGate:Audit:Key or KeyFile)."),
            interval).WaitAsync(cancellationToken).ConfigureAwait(false);
        evidence.Add(ComplianceEvidenceIds.AuditVerified, check.IsValid, check.Detail);
    }
}
