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

    [LoggerMessage(4012, LogLevel.Error, "The persisted A2A capability map {Path} was refused ({Code}): {Reason} The host does not start on it.", EventName = "CapabilityFileRefused")]
    public static partial void CapabilityFileRefused(this ILogger logger, string path, string code, string reason);

    [LoggerMessage(4013, LogLevel.Warning, "The plaintext A2A capability map {Path} was encrypted at rest with key {KeyId} (AllowPlaintextMigration). Turn AegisGate:A2A:AllowPlaintextMigration off again.", EventName = "CapabilityFileMigrated")]
    public static partial void CapabilityFileMigrated(this ILogger logger, string path, string keyId);

    [LoggerMessage(4014, LogLevel.Warning, "AegisGate:A2A:AllowPlaintextMigration is on but {Path} is already encrypted: turn it off, or a plaintext file put in its place would be accepted.", EventName = "CapabilityMigrationFlagStale")]
    public static partial void CapabilityMigrationFlagStale(this ILogger logger, string path);

    [LoggerMessage(4021, LogLevel.Information, "A2A pillar is disabled (AegisGate:A2A:Enabled=false); requests under its paths answer 404.", EventName = "A2ADisabled")]
    public static partial void A2ADisabled(this ILogger logger);

    [LoggerMessage(4022, LogLevel.Error, "The A2A admin API was reached without UseAegisHttp() in front of it, so its '{Permission}' permission was not enforced; the request is denied with AEGIS_RBAC_NO_POLICY. Put UseAegisHttp() in front of {Path}.", EventName = "AdminApiUnguarded")]
    public static partial void AdminApiUnguarded(this ILogger logger, string permission, string path);
}
