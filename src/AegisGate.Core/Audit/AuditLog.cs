using Microsoft.Extensions.Logging;

namespace AegisGate.Audit;

/// <summary>Audit trail log messages. Event ids 1100–1199. Never log keys, MACs of secrets, event content or bodies.</summary>
internal static partial class AuditLog
{
    [LoggerMessage(1100, LogLevel.Information, "Audit trail {Path} opened; the chain continues after sequence {Sequence}.", EventName = "AuditChainOpened")]
    public static partial void ChainOpened(this ILogger logger, string path, long sequence);

    [LoggerMessage(1101, LogLevel.Information, "Audit trail {Path} opened with a new chain.", EventName = "AuditChainStarted")]
    public static partial void ChainStarted(this ILogger logger, string path);

    [LoggerMessage(1102, LogLevel.Warning, "Audit file {Path} ended with {Bytes} bytes of an interrupted write (a crash during a write); they stay in place and recovery record {Sequence} covers them.", EventName = "AuditTornTailRecovered")]
    public static partial void TornTailRecovered(this ILogger logger, string path, long bytes, long sequence);

    [LoggerMessage(1103, LogLevel.Error, "Audit file {Path} ends with {Bytes} bytes of complete lines that do not verify (edited or corrupted); recovery record {Sequence} covers them and verification will report them.", EventName = "AuditUnverifiableTail")]
    public static partial void UnverifiableTail(this ILogger logger, string path, long bytes, long sequence);

    [LoggerMessage(1104, LogLevel.Error, "Audit records {From} to {To} written by this process are no longer in {Path} (the file was truncated, replaced or removed by something else); recovery record {Sequence} records the loss.", EventName = "AuditRecordsLost")]
    public static partial void RecordsLost(this ILogger logger, string path, long from, long to, long sequence);

    [LoggerMessage(1105, LogLevel.Information, "Audit file rotated to {RotatedPath}; the chain continues in {Path} after sequence {Sequence}.", EventName = "AuditFileRotated")]
    public static partial void FileRotated(this ILogger logger, string rotatedPath, string path, long sequence);

    [LoggerMessage(1106, LogLevel.Information, "Deleted the rotated audit file {Path}: retention keeps {Count} rotated files.", EventName = "AuditFileRetentionDeleted")]
    public static partial void RetentionDeleted(this ILogger logger, string path, int count);

    [LoggerMessage(1107, LogLevel.Warning, "Could not delete the rotated audit file {Path} for retention.", EventName = "AuditFileRetentionFailed")]
    public static partial void RetentionFailed(this ILogger logger, string path, Exception exception);

    [LoggerMessage(1108, LogLevel.Warning, "Created the audit chain key file {Path} (mode 0600). Back it up: without it the audit trail cannot be verified.", EventName = "AuditKeyFileCreated")]
    public static partial void KeyFileCreated(this ILogger logger, string path);

    [LoggerMessage(1109, LogLevel.Warning, "The audit chain key file {Path} can be read by group or others; restrict it to the owner (chmod 600).", EventName = "AuditKeyFilePermissive")]
    public static partial void KeyFilePermissive(this ILogger logger, string path);

    [LoggerMessage(1110, LogLevel.Error, "The audit trail {Path} cannot record events; requests that need an audit record are denied (AEGIS_AUDIT_UNAVAILABLE) while audit is fail-closed. It retries on the next event.", EventName = "AuditSinkFailed")]
    public static partial void SinkFailed(this ILogger logger, string path, Exception exception);

    [LoggerMessage(1111, LogLevel.Information, "The audit trail {Path} records events again.", EventName = "AuditSinkRecovered")]
    public static partial void SinkRecovered(this ILogger logger, string path);

    [LoggerMessage(1112, LogLevel.Warning, "The active audit file {Path} was changed by something else while in use (size or presence differs); reopening it.", EventName = "AuditFileChangedExternally")]
    public static partial void FileChangedExternally(this ILogger logger, string path);

    [LoggerMessage(1113, LogLevel.Information, "Audit records written to {Path} are encrypted under a new data key, wrapped by key-encryption key {KeyId}.", EventName = "AuditEncryptionSegmentStarted")]
    public static partial void EncryptionSegmentStarted(this ILogger logger, string path, string keyId);

    [LoggerMessage(1114, LogLevel.Warning, "The audit trail {Path} was encrypted up to sequence {Sequence}, but AegisGate:Audit:Encrypt is now false: the records that follow are written in plaintext.", EventName = "AuditEncryptionTurnedOff")]
    public static partial void EncryptionTurnedOff(this ILogger logger, string path, long sequence);
}
