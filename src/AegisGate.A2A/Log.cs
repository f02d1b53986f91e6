using Microsoft.Extensions.Logging;

namespace AegisGate.A2A;

/// <summary>A2A log messages. Event ids 4000–4999. Never log secrets, signatures, nonces' keys or bodies.</summary>
internal static partial class Log
{
    [LoggerMessage(4000, LogLevel.Information, "A2A request from agent {Agent} denied with {Code} by {Check}.", EventName = "A2ADenied")]
    public static partial void A2ADenied(this ILogger logger, string agent, string code, string check);

    [LoggerMessage(4001, LogLevel.Error, "The A2A chain failed ({Cause}); the request was answered with A2A_INTERNAL_ERROR and the handler did not run.", EventName = "A2AInternalError")]
    public static partial void A2AInternalError(this ILogger logger, string cause, Exception? exception);

    [LoggerMessage(4002, LogLevel.Debug, "A2A client certificate rejected: {Reason}.", EventName = "A2ACertificateRejected")]
    public static partial void A2ACertificateRejected(this ILogger logger, string reason);

    [LoggerMessage(4003, LogLevel.Error, "A2A handler failed after the chain allowed the request.", EventName = "A2AHandlerFailed")]
    public static partial void A2AHandlerFailed(this ILogger logger, Exception exception);

    [LoggerMessage(4010, LogLevel.Warning, "A2A capability map change '{Action}' for agent {Agent} by {Actor} applied.", EventName = "CapabilityChanged")]
    public static partial void CapabilityChanged(this ILogger logger, string action, string agent, string actor);

    [LoggerMessage(4011, LogLevel.Error, "The A2A capability map could not be persisted to {Path}; the change was not applied.", EventName = "CapabilityPersistFailed")]
    public static partial void CapabilityPersistFailed(this ILogger logger, string path, Exception exception);

    [LoggerMessage(4020, LogLevel.Warning, "A2A decisions are not written to the audit trail: no IAuditSink is registered. Capability changes through the admin API are refused until one is.", EventName = "A2AAuditSinkMissing")]
    public static partial void A2AAuditSinkMissing(this ILogger logger);

    [LoggerMessage(4021, LogLevel.Information, "A2A pillar is disabled (AegisGate:A2A:Enabled=false); requests under its paths answer 404.", EventName = "A2ADisabled")]
    public static partial void A2ADisabled(this ILogger logger);
}
