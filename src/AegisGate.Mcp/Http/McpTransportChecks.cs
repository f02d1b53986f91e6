using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace AegisGate.Mcp.Http;

/// <summary>DNS-rebinding protection: a present <c>Origin</c> must be allowlisted (the SDK does not check it).</summary>
internal sealed class McpOriginCheck(IOptionsMonitor<AegisMcpOptions> options) : ISecurityCheck
{
    public string Name => "mcp.origin";

    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
    {
        if (!context.TryGetAttribute<McpHttpRequestInfo>(McpContextKeys.Http, out var http) || http is null)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.OriginDenied, "The request's origin could not be established.", 403));
        }

        var settings = options.CurrentValue.Http;
        if (string.IsNullOrEmpty(http.Origin))
        {
            return new(settings.AllowMissingOrigin
                ? SecurityDecision.Allow()
                : SecurityDecision.Deny(McpErrorCodes.OriginDenied, "An Origin header is required.", 403));
        }

        foreach (var allowed in settings.AllowedOrigins)
        {
            if (string.Equals(allowed.TrimEnd('/'), http.Origin, StringComparison.OrdinalIgnoreCase))
            {
                return new(SecurityDecision.Allow());
            }
        }

        return new(SecurityDecision.Deny(McpErrorCodes.OriginDenied, "The request's Origin is not allowed.", 403));
    }
}

/// <summary>
/// The envelope of a Streamable HTTP request: HTTP method, body size, a single JSON-RPC message within the depth
/// limit (batches rejected), and mirrored headers (<c>Mcp-Method</c>, <c>Mcp-Name</c>, <c>MCP-Protocol-Version</c>)
/// that agree with the body. Policy is decided from the parsed body, never from the headers alone.
/// </summary>
internal sealed class McpEnvelopeCheck(IOptionsMonitor<AegisMcpOptions> options) : ISecurityCheck
{
    internal const string DocumentKey = "mcp.document";

    public string Name => "mcp.envelope";

    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
    {
        if (!context.TryGetAttribute<McpHttpRequestInfo>(McpContextKeys.Http, out var http) || http is null)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.MalformedMessage, "The request could not be read.", 400));
        }

        var settings = options.CurrentValue.Http;
        if (!string.Equals(http.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
        {
            // GET (legacy SSE stream) and DELETE (legacy session end) carry no message; they are session-bound.
            return new(http.HttpMethod is "GET" or "DELETE" && context.GetSessionId() is not null
                ? SecurityDecision.Allow()
                : SecurityDecision.Deny(McpErrorCodes.HttpMethodNotAllowed, "Only POST is served without a session.", 405));
        }

        if (http.BodyTooLarge || http.ContentLength > settings.MaxBodyBytes || context.Payload.Length > settings.MaxBodyBytes)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.BodyTooLarge, "The request body exceeds the size limit.", 413));
        }

        if (!McpMessage.TryParse(context.Payload, settings.MaxJsonDepth, out var message, out var document, out var failure))
        {
            return new(failure);
        }

        context.SetAttribute(DocumentKey, document);
        context.SetAttribute(McpContextKeys.Message, message);

        if (http.MethodHeader is { Length: > 0 } methodHeader && !string.Equals(methodHeader, message!.Method, StringComparison.Ordinal))
        {
            return new(SecurityDecision.Deny(McpErrorCodes.HeaderMismatch, "The Mcp-Method header does not match the body.", 400));
        }

        if (http.NameHeader is { Length: > 0 } nameHeader && !string.Equals(DecodeHeader(nameHeader), message!.TargetName, StringComparison.Ordinal))
        {
            return new(SecurityDecision.Deny(McpErrorCodes.HeaderMismatch, "The Mcp-Name header does not match the body.", 400));
        }

        if (http.ProtocolVersionHeader is { Length: > 0 } versionHeader)
        {
            if (!settings.AllowedProtocolVersions.Contains(versionHeader))
            {
                return new(SecurityDecision.Deny(McpErrorCodes.ProtocolVersionUnsupported, "The MCP-Protocol-Version is not supported.", 400));
            }

            if (message!.BodyProtocolVersion is { } bodyVersion && message.Method != McpMethods.Initialize && !string.Equals(bodyVersion, versionHeader, StringComparison.Ordinal))
            {
                return new(SecurityDecision.Deny(McpErrorCodes.HeaderMismatch, "The MCP-Protocol-Version header does not match the body.", 400));
            }
        }

        return new(SecurityDecision.Allow());
    }

    /// <summary>Decodes an <c>=?base64?…?=</c> header value (2026-07-28); plain values are returned as they are.</summary>
    internal static string? DecodeHeader(string value)
    {
        const string Prefix = "=?base64?";
        const string Suffix = "?=";
        if (!value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || !value.EndsWith(Suffix, StringComparison.Ordinal) || value.Length < Prefix.Length + Suffix.Length)
        {
            return value;
        }

        var payload = value.AsSpan(Prefix.Length, value.Length - Prefix.Length - Suffix.Length);
        var bytes = new byte[(payload.Length * 3 / 4) + 3];
        return Convert.TryFromBase64Chars(payload, bytes, out var written) ? Encoding.UTF8.GetString(bytes, 0, written) : null;
    }

    internal static void DisposeDocument(SecurityContext context)
    {
        if (context.TryGetAttribute<JsonDocument>(DocumentKey, out var document))
        {
            document?.Dispose();
            context.SetAttribute(DocumentKey, null);
        }
    }
}
