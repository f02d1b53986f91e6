using AegisGate.Audit;

namespace AegisGate.Mcp.Filtering;

/// <summary>
/// Records the audit event of a tool execution (principal, session, tool, argument hash, decision, code, duration,
/// result size) through <see cref="AuditTrail"/>. A call whose record cannot be written is denied
/// (<c>AEGIS_AUDIT_UNAVAILABLE</c>): no result is served without its record.
/// </summary>
internal sealed class McpAuditCheck(AuditTrail? trail) : ISecurityCheck
{
    public string Name => "mcp.audit";

    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
    {
        if (!context.TryGetAttribute<AuditEvent>(McpContextKeys.AuditEvent, out var auditEvent) || auditEvent is null)
        {
            return new(SecurityDecision.Deny(AegisErrorCodes.AuditUnavailable, "The audit record is missing; the call is denied.", 503));
        }

        if (trail is null)
        {
            return new(SecurityDecision.Deny(AegisErrorCodes.AuditUnavailable, "No audit trail is configured; the call is denied.", 503));
        }

        return trail.RecordAsync(auditEvent, cancellationToken);
    }
}
