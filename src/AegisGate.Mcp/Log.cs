using Microsoft.Extensions.Logging;

namespace AegisGate.Mcp;

/// <summary>MCP pillar log messages. Event ids 3000–3999. Never log arguments, results, keys or session secrets.</summary>
internal static partial class McpLog
{
    [LoggerMessage(3000, LogLevel.Information, "MCP {Method} denied with {Code} for {Principal}.", EventName = "McpDenied")]
    public static partial void Denied(ILogger logger, string method, string code, string principal);

    [LoggerMessage(3001, LogLevel.Information, "Tool {Tool} of server {Server} pinned as {Hash}.", EventName = "McpToolPinned")]
    public static partial void ToolPinned(ILogger logger, string server, string tool, string hash);

    [LoggerMessage(3002, LogLevel.Warning, "Tool {Tool} of server {Server} changed since it was pinned; calls are denied until it is approved.", EventName = "McpToolPinMismatch")]
    public static partial void ToolPinMismatch(ILogger logger, string server, string tool);

    [LoggerMessage(3003, LogLevel.Error, "The audit record of tool {Tool} could not be written ({Code}); the call is denied.", EventName = "McpAuditFailed")]
    public static partial void AuditFailed(ILogger logger, string tool, string? code);

    [LoggerMessage(3004, LogLevel.Information, "MCP session ended ({Reason}); {Remaining} sessions tracked.", EventName = "McpSessionEnded")]
    public static partial void SessionEnded(ILogger logger, string reason, int remaining);

    [LoggerMessage(3005, LogLevel.Information, "MCP session started for {Principal}.", EventName = "McpSessionStarted")]
    public static partial void SessionStarted(ILogger logger, string principal);

    [LoggerMessage(3006, LogLevel.Warning, "Server notification {Method} withheld with {Code}.", EventName = "McpNotificationWithheld")]
    public static partial void NotificationWithheld(ILogger logger, string method, string code);

    [LoggerMessage(3007, LogLevel.Warning, "Server-to-client request {Method} blocked.", EventName = "McpServerRequestBlocked")]
    public static partial void ServerRequestBlocked(ILogger logger, string method);

    [LoggerMessage(3008, LogLevel.Information, "The MCP tool lock file {Path} changed; its pins are now in force.", EventName = "McpPinsReloaded")]
    public static partial void PinsReloaded(ILogger logger, string path);

    [LoggerMessage(3009, LogLevel.Error, "The MCP tool lock file {Path} could not be applied ({Error}); the last good pins stay in force.", EventName = "McpPinsReloadFailed")]
    public static partial void PinsReloadFailed(ILogger logger, string path, string error);

    [LoggerMessage(3012, LogLevel.Error, "The MCP tool lock file {Path} could not be updated ({Error}); the tool stays unapproved.", EventName = "McpPinsPersistFailed")]
    public static partial void PinsPersistFailed(ILogger logger, string path, string error);

    [LoggerMessage(3010, LogLevel.Information, "Stdio server {Server} launched through the validator ({Command}).", EventName = "McpStdioLaunched")]
    public static partial void StdioLaunched(ILogger logger, string server, string command);

    [LoggerMessage(3011, LogLevel.Warning, "Stdio launch of {Server} denied with {Code}.", EventName = "McpStdioDenied")]
    public static partial void StdioDenied(ILogger logger, string server, string code);

    [LoggerMessage(3020, LogLevel.Error, "The MCP response could not be filtered ({Code}); the connection is aborted.", EventName = "McpResponseAborted")]
    public static partial void ResponseAborted(ILogger logger, string code);
}
