using AegisGate.Mcp.Tools;

namespace AegisGate.Mcp;

/// <summary>The <see cref="SecurityContext"/> attribute keys the MCP guardrails share.</summary>
internal static class McpContextKeys
{
    /// <summary><see cref="McpMessage"/>: the parsed message.</summary>
    public const string Message = "mcp.message";

    /// <summary><see cref="McpServerScope"/>: which server, and how its tools resolve.</summary>
    public const string Scope = "mcp.scope";

    /// <summary><see cref="string"/>: the session id, when the client has one.</summary>
    public const string SessionId = "mcp.session";

    /// <summary><see cref="McpHttpRequestInfo"/>: HTTP facts (middleware only).</summary>
    public const string Http = "mcp.http";

    /// <summary><see cref="McpToolDefinition"/>: the resolved tool of a tools/call.</summary>
    public const string Tool = "mcp.tool";

    /// <summary><see cref="Resources.McpCallLease"/>: the budget lease of an admitted call.</summary>
    public const string Lease = "mcp.lease";

    /// <summary><see cref="Filtering.McpOutput"/>: output being filtered.</summary>
    public const string Output = "mcp.output";

    /// <summary><see cref="Audit.AuditEvent"/>: the event to record.</summary>
    public const string AuditEvent = "mcp.audit";

    /// <summary><see cref="Stdio.StdioLaunchRequest"/>: a stdio launch being validated.</summary>
    public const string StdioLaunch = "mcp.stdio";

    public static McpMessage? GetMessage(this SecurityContext context)
        => context.TryGetAttribute<McpMessage>(Message, out var message) ? message : null;

    public static McpServerScope? GetScope(this SecurityContext context)
        => context.TryGetAttribute<McpServerScope>(Scope, out var scope) ? scope : null;

    public static string? GetSessionId(this SecurityContext context)
        => context.TryGetAttribute<string>(SessionId, out var id) ? id : null;

    /// <summary>Gets the key budgets and per-session rate limits use: the session id, or the principal for sessionless (2026-07-28, stdio) clients.</summary>
    public static string GetSessionKey(this SecurityContext context)
        => context.GetSessionId() is { } id ? "s:" + id : "p:" + (context.PrincipalId ?? "anonymous");
}

/// <summary>
/// The server a message is for: its id (pins and audit are per server) and how its tools resolve. In-process SDK
/// servers resolve from their tool collection (annotations trusted); fronted third-party servers resolve from the
/// definitions AegisGate observed in their <c>tools/list</c> answers (annotations untrusted).
/// </summary>
/// <param name="serverId">The server id.</param>
/// <param name="resolveTool">Resolves a tool by name, or returns <see langword="null"/>.</param>
internal sealed class McpServerScope(string serverId, Func<string, McpToolDefinition?> resolveTool)
{
    public string ServerId { get; } = serverId;

    public McpToolDefinition? ResolveTool(string name) => resolveTool(name);
}

/// <summary>HTTP facts of a request, for the hygiene checks.</summary>
internal sealed class McpHttpRequestInfo
{
    public required string HttpMethod { get; init; }

    public string? Origin { get; init; }

    public string? ProtocolVersionHeader { get; init; }

    public string? MethodHeader { get; init; }

    public string? NameHeader { get; init; }

    public long? ContentLength { get; init; }

    /// <summary>Gets a value indicating whether the body exceeded the limit while it was read.</summary>
    public bool BodyTooLarge { get; init; }
}
