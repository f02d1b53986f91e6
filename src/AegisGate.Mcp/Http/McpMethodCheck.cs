using Microsoft.Extensions.Options;

namespace AegisGate.Mcp.Http;

/// <summary>The JSON-RPC method allowlist and the body's protocol version allowlist (both entry points).</summary>
internal sealed class McpMethodCheck(IOptionsMonitor<AegisMcpOptions> options) : ISecurityCheck
{
    public string Name => "mcp.method";

    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
    {
        var message = context.GetMessage();
        if (message is null && context.TryGetAttribute<McpHttpRequestInfo>(McpContextKeys.Http, out var http) && http is { HttpMethod: "GET" or "DELETE" })
        {
            return new(SecurityDecision.Allow()); // the session-bound stream/termination requests carry no message
        }

        if (message is null)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.MalformedMessage, "No MCP message to authorize.", 400));
        }

        var settings = options.CurrentValue.Http;
        if (message.Kind != McpMessageKind.Response && !settings.AllowedMethods.Contains(message.Method!))
        {
            return new(SecurityDecision.Deny(McpErrorCodes.MethodNotAllowed, "The MCP method is not allowed.", 403));
        }

        if (message.BodyProtocolVersion is { } version && !settings.AllowedProtocolVersions.Contains(version))
        {
            return new(SecurityDecision.Deny(McpErrorCodes.ProtocolVersionUnsupported, "The protocol version is not supported.", 400));
        }

        return new(SecurityDecision.Allow());
    }
}
