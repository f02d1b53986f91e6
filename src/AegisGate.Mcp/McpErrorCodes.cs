namespace AegisGate.Mcp;

/// <summary>
/// The stable error codes of the MCP pillar. JSON-RPC errors carry them in <c>error.data.code</c> (with a numeric
/// code outside −32768…−32000, see <see cref="McpJsonRpcCodes"/>); HTTP denials carry them in the problem body's
/// <c>code</c>. Status, meaning and remediation of each are in <c>docs/error-codes.md</c>.
/// </summary>
public static class McpErrorCodes
{
    /// <summary>The caller is not authenticated (no API key, bearer token or client certificate). 401.</summary>
    public const string Unauthenticated = "MCP_UNAUTHENTICATED";

    /// <summary>The <c>Origin</c> header is present and not in the allowlist (DNS rebinding). 403.</summary>
    public const string OriginDenied = "MCP_ORIGIN_DENIED";

    /// <summary>The HTTP method is not served by the MCP endpoint (for example GET or DELETE for 2026-07-28 clients). 405.</summary>
    public const string HttpMethodNotAllowed = "MCP_HTTP_METHOD_NOT_ALLOWED";

    /// <summary>The request body exceeds the configured size limit. 413.</summary>
    public const string BodyTooLarge = "MCP_BODY_TOO_LARGE";

    /// <summary>The JSON nesting depth exceeds the configured limit. 400.</summary>
    public const string JsonTooDeep = "MCP_JSON_TOO_DEEP";

    /// <summary>The body is not a single well-formed JSON-RPC 2.0 message (or not JSON). 400.</summary>
    public const string MalformedMessage = "MCP_MALFORMED_MESSAGE";

    /// <summary>The body is a JSON-RPC batch (an array); batches were removed from MCP in 2025-06-18. 400.</summary>
    public const string BatchRejected = "MCP_BATCH_REJECTED";

    /// <summary>The JSON-RPC method is not in the method allowlist. 403.</summary>
    public const string MethodNotAllowed = "MCP_METHOD_NOT_ALLOWED";

    /// <summary>The protocol version (header or body) is not in the protocol-version allowlist. 400.</summary>
    public const string ProtocolVersionUnsupported = "MCP_PROTOCOL_VERSION_UNSUPPORTED";

    /// <summary>A mirrored header (<c>Mcp-Method</c>, <c>Mcp-Name</c>, <c>MCP-Protocol-Version</c>) disagrees with the body. 400.</summary>
    public const string HeaderMismatch = "MCP_HEADER_MISMATCH";

    /// <summary>The <c>Mcp-Session-Id</c> is not a session AegisGate tracks (forged, expired or deleted). 404.</summary>
    public const string SessionUnknown = "MCP_SESSION_UNKNOWN";

    /// <summary>The session belongs to another principal (session hijacking). 403.</summary>
    public const string SessionPrincipalMismatch = "MCP_SESSION_PRINCIPAL_MISMATCH";

    /// <summary>The principal already holds the maximum number of sessions. 429.</summary>
    public const string SessionLimitExceeded = "MCP_SESSION_LIMIT_EXCEEDED";

    /// <summary>No tool authorizer is configured, so every tool is denied. 403.</summary>
    public const string ToolAuthorizerMissing = "MCP_TOOL_AUTHORIZER_MISSING";

    /// <summary>The risk matrix does not allow the caller to use the tool. 403.</summary>
    public const string ToolDenied = "MCP_TOOL_DENIED";

    /// <summary>The tool is not known to AegisGate (never listed by the server, or no such tool). 404.</summary>
    public const string ToolUnknown = "MCP_TOOL_UNKNOWN";

    /// <summary>The tool's definition changed since it was pinned (rug pull); calls are denied until it is approved again. 403.</summary>
    public const string ToolPinMismatch = "MCP_TOOL_PIN_MISMATCH";

    /// <summary>The tool is not pinned in the lock file (a new tool); calls are denied until it is approved. 403.</summary>
    public const string ToolUnapproved = "MCP_TOOL_UNAPPROVED";

    /// <summary>The tool's description or schema carries hidden instructions (tool poisoning). 403.</summary>
    public const string ToolPoisoned = "MCP_TOOL_POISONED";

    /// <summary>The arguments do not validate against the tool's input schema. 400.</summary>
    public const string InputSchemaInvalid = "MCP_INPUT_SCHEMA_INVALID";

    /// <summary>The arguments exceed the size limit. 413.</summary>
    public const string InputTooLarge = "MCP_INPUT_TOO_LARGE";

    /// <summary>The arguments exceed the nesting-depth limit. 400.</summary>
    public const string InputTooDeep = "MCP_INPUT_TOO_DEEP";

    /// <summary>An argument or resource URI holds a path-traversal sequence. 400.</summary>
    public const string InputPathTraversal = "MCP_INPUT_PATH_TRAVERSAL";

    /// <summary>An argument or resource URI points to (or its host name resolves to) a private, loopback, link-local or metadata address, or uses a disallowed scheme (SSRF). 400.</summary>
    public const string InputUnsafeUri = "MCP_INPUT_UNSAFE_URI";

    /// <summary>A host name in a URI argument or <c>resources/read</c> URI does not resolve (no such host, no addresses), so it cannot be checked for SSRF. 400 (503 when no resolver is configured).</summary>
    public const string InputUriUnresolved = "MCP_INPUT_URI_UNRESOLVED";

    /// <summary>Resolving the host names of a message took longer than <c>Input:HostResolutionTimeout</c>; unchecked names are denied. 504.</summary>
    public const string InputUriResolutionTimeout = "MCP_INPUT_URI_RESOLUTION_TIMEOUT";

    /// <summary>The detection engine blocked the arguments (injection, secret, exfiltration). 403.</summary>
    public const string InputBlocked = "MCP_INPUT_BLOCKED";

    /// <summary>No content scanner is available (or it returned nothing), so content cannot be checked. 503.</summary>
    public const string ScannerUnavailable = "MCP_SCANNER_UNAVAILABLE";

    /// <summary>The server's output was blocked by the output policy (for example indirect prompt injection). 502.</summary>
    public const string OutputBlocked = "MCP_OUTPUT_BLOCKED";

    /// <summary>A rate limit (per principal, per session or per tool) is exhausted. 429 with <c>Retry-After</c>.</summary>
    public const string RateLimited = "MCP_RATE_LIMITED";

    /// <summary>The session reached its total-call budget. 429.</summary>
    public const string BudgetCallsExceeded = "MCP_BUDGET_CALLS_EXCEEDED";

    /// <summary>The session has too many concurrent calls. 429.</summary>
    public const string BudgetConcurrencyExceeded = "MCP_BUDGET_CONCURRENCY_EXCEEDED";

    /// <summary>The session sent more bytes than its budget allows. 413.</summary>
    public const string BudgetBytesInExceeded = "MCP_BUDGET_BYTES_IN_EXCEEDED";

    /// <summary>The session received more bytes than its budget allows; the result is withheld. 502.</summary>
    public const string BudgetBytesOutExceeded = "MCP_BUDGET_BYTES_OUT_EXCEEDED";

    /// <summary>The tool call did not finish within the per-call timeout. 504.</summary>
    public const string CallTimeout = "MCP_CALL_TIMEOUT";

    /// <summary>A server-to-client request (sampling, elicitation, roots) was blocked. 403.</summary>
    public const string ServerRequestBlocked = "MCP_SERVER_REQUEST_BLOCKED";

    /// <summary>No stdio command validator is configured, so no stdio server may be launched. 403.</summary>
    public const string StdioValidatorMissing = "MCP_STDIO_VALIDATOR_MISSING";

    /// <summary>The stdio command is not allowlisted (or is a shell). 403.</summary>
    public const string StdioCommandDenied = "MCP_STDIO_COMMAND_DENIED";

    /// <summary>A stdio argument or environment variable breaks the server's rules. 403.</summary>
    public const string StdioArgumentDenied = "MCP_STDIO_ARGUMENT_DENIED";

    /// <summary>The stdio executable or package does not match its allowlisted SHA-256. 403.</summary>
    public const string StdioHashMismatch = "MCP_STDIO_HASH_MISMATCH";

    /// <summary>The upstream MCP server could not be reached or started. 503.</summary>
    public const string UpstreamUnavailable = "MCP_UPSTREAM_UNAVAILABLE";
}

/// <summary>
/// Numeric JSON-RPC error codes AegisGate uses, all outside the JSON-RPC/MCP reserved range −32768…−32000:
/// <c>-31000 - (status - 400)</c>, so 400 → −31000, 401 → −31001, 403 → −31003, 404 → −31004, 429 → −31029,
/// 502 → −31102, 503 → −31103, 504 → −31104.
/// </summary>
public static class McpJsonRpcCodes
{
    /// <summary>Maps an HTTP status of a denial to its JSON-RPC error code.</summary>
    /// <param name="statusCode">The denial's HTTP status (400–599).</param>
    /// <returns>The JSON-RPC code.</returns>
    public static int FromStatus(int statusCode) => -31000 - (Math.Clamp(statusCode, 400, 599) - 400);
}
