namespace AegisGate.Audit;

/// <summary>
/// One structured audit record: who did what through which pillar, what AegisGate decided, with which code and
/// check, and how long it took. Never put secrets, tokens, raw headers or bodies in it: use hashes, ids, sizes.
/// </summary>
public sealed record AuditEvent
{
    /// <summary>Gets when the decision was made.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>Gets the request id (the same one returned in problem details).</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets the authenticated principal id, or <see langword="null"/> for anonymous.</summary>
    public string? Principal { get; init; }

    /// <summary>Gets the pillar (<see cref="AegisPillars"/>).</summary>
    public required string Pillar { get; init; }

    /// <summary>Gets the operation, for example <c>POST /api/v1/scan</c> or <c>tools/call</c>.</summary>
    public required string Operation { get; init; }

    /// <summary>Gets the decision: <c>allow</c> or <c>deny</c>.</summary>
    public required string Decision { get; init; }

    /// <summary>Gets the denial code, or <see langword="null"/> for an allow.</summary>
    public string? Code { get; init; }

    /// <summary>Gets the name of the check that decided, when known.</summary>
    public string? Check { get; init; }

    /// <summary>Gets the time AegisGate spent deciding, in milliseconds.</summary>
    public double LatencyMs { get; init; }

    /// <summary>Gets pillar-specific fields (tool name, argument hash, result size, rule ids, ...). Values must be non-sensitive.</summary>
    /// <remarks>
    /// The audit sink writes these verbatim: never put secrets, tokens, API keys, raw headers, bodies, matched spans or
    /// personal data here — use ids, sizes and hashes. A whole record is limited to 64 KiB (<c>docs/audit.md</c>).
    /// </remarks>
    public IReadOnlyDictionary<string, string>? Properties { get; init; }

    /// <summary>Creates an event for a decision.</summary>
    /// <param name="timestamp">When.</param>
    /// <param name="context">The request context.</param>
    /// <param name="decision">The decision.</param>
    /// <param name="latency">The time spent deciding.</param>
    /// <param name="properties">Optional non-sensitive fields.</param>
    /// <returns>The event.</returns>
    public static AuditEvent FromDecision(DateTimeOffset timestamp, SecurityContext context, in SecurityDecision decision, TimeSpan latency, IReadOnlyDictionary<string, string>? properties = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new AuditEvent
        {
            Timestamp = timestamp,
            RequestId = context.RequestId,
            Principal = context.PrincipalId,
            Pillar = context.Pillar,
            Operation = context.Operation,
            Decision = decision.IsAllowed ? "allow" : "deny",
            Code = decision.Code,
            Check = decision.CheckName,
            LatencyMs = latency.TotalMilliseconds,
            Properties = properties,
        };
    }
}

/// <summary>A destination for audit events. Implementations must be thread-safe and durable once <see cref="WriteAsync"/> completes.</summary>
public interface IAuditSink
{
    /// <summary>Records an event. Completes only when the event is durable (it survives a process kill).</summary>
    /// <param name="auditEvent">The event.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A task that completes when the event is recorded; it faults when the event could not be recorded.</returns>
    ValueTask WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken);
}
