using AegisGate.Configuration;
using AegisGate.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AegisGate.Audit;

/// <summary>
/// The pillars' entry point to the audit trail. <see cref="RecordAsync"/> turns a sink failure into a denial
/// (<see cref="AegisErrorCodes.AuditUnavailable"/>, 503) when audit is fail-closed (the default), so a request is never
/// served without its record.
/// </summary>
public sealed class AuditTrail
{
    private readonly IAuditSink _sink;
    private readonly IOptions<AegisGateOptions> _options;
    private readonly AegisMetrics _metrics;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="AuditTrail"/> class.</summary>
    /// <param name="sink">The sink.</param>
    /// <param name="options">The root options.</param>
    /// <param name="metrics">The metrics.</param>
    /// <param name="logger">The logger.</param>
    public AuditTrail(IAuditSink sink, IOptions<AegisGateOptions> options, AegisMetrics metrics, ILogger<AuditTrail> logger)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(options);
        _sink = sink;
        _options = options;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>Gets a value indicating whether auditing is enabled.</summary>
    public bool Enabled => _options.Value.Audit.Enabled;

    /// <summary>Records an event.</summary>
    /// <param name="auditEvent">The event.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>
    /// Allow when the event was recorded (or auditing is disabled); a denial with
    /// <see cref="AegisErrorCodes.AuditUnavailable"/> when it could not be recorded and audit is fail-closed; a denial
    /// with <see cref="AegisErrorCodes.EvaluationCancelled"/> when <paramref name="cancellationToken"/> was cancelled
    /// before the event was queued (the request was aborted; nothing is recorded). Pass
    /// <see cref="CancellationToken.None"/> to record decisions even for clients that have gone away.
    /// </returns>
    public async ValueTask<SecurityDecision> RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        if (!Enabled)
        {
            return SecurityDecision.Allow();
        }

        try
        {
            await _sink.WriteAsync(auditEvent, cancellationToken).ConfigureAwait(false);
            return SecurityDecision.Allow();
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            return SecurityDecision.Fault(AegisErrorCodes.EvaluationCancelled, "The request was aborted before it was audited.", "audit", ex);
        }
        catch (Exception ex)
        {
            _metrics.RecordAuditFailure(auditEvent.Pillar);
            _logger.AuditWriteFailed(auditEvent.Pillar, auditEvent.Operation, ex);
            return _options.Value.Audit.FailClosed
                ? SecurityDecision.Fault(AegisErrorCodes.AuditUnavailable, "The request could not be audited; it is denied.", "audit", ex, 503)
                : SecurityDecision.Allow();
        }
    }
}
