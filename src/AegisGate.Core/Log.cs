using Microsoft.Extensions.Logging;

namespace AegisGate;

/// <summary>Core log messages. Event ids 1000–1999. Never log secrets, keys, bodies or matched spans.</summary>
internal static partial class Log
{
    [LoggerMessage(1000, LogLevel.Debug, "Pipeline {Pipeline} allowed a {Pillar} request.", EventName = "PipelineAllowed")]
    public static partial void PipelineAllowed(this ILogger logger, string pipeline, string pillar);

    [LoggerMessage(1001, LogLevel.Information, "Pipeline {Pipeline} denied a {Pillar} request with {Code} (check {Check}).", EventName = "PipelineDenied")]
    public static partial void PipelineDenied(this ILogger logger, string pipeline, string pillar, string code, string check);

    [LoggerMessage(1002, LogLevel.Warning, "Pipeline {Pipeline} denied a {Pillar} request with {Code} because check {Check} failed.", EventName = "PipelineCheckFailed")]
    public static partial void PipelineCheckFailed(this ILogger logger, string pipeline, string pillar, string code, string check, Exception? exception);

    [LoggerMessage(1003, LogLevel.Error, "Pipeline {Pipeline} has a null check at position {Position}; every request through it will be denied.", EventName = "PipelineNullCheckConfigured")]
    public static partial void PipelineNullCheckConfigured(this ILogger logger, string pipeline, int position);

    [LoggerMessage(1010, LogLevel.Error, "Configuration reload of {Source} was rejected; the last good configuration stays active. Errors: {Errors}", EventName = "ConfigReloadRejected")]
    public static partial void ConfigReloadRejected(this ILogger logger, string source, string errors);

    [LoggerMessage(1011, LogLevel.Information, "Configuration of {Source} reloaded.", EventName = "ConfigReloaded")]
    public static partial void ConfigReloaded(this ILogger logger, string source);

    [LoggerMessage(1012, LogLevel.Error, "Configuration reload of {Source} failed with an exception; the last good configuration stays active.", EventName = "ConfigReloadFailed")]
    public static partial void ConfigReloadFailed(this ILogger logger, string source, Exception exception);

    [LoggerMessage(1020, LogLevel.Error, "The audit event for a {Pillar} {Operation} decision could not be recorded.", EventName = "AuditWriteFailed")]
    public static partial void AuditWriteFailed(this ILogger logger, string pillar, string operation, Exception exception);
}
