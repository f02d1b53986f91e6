using System.Text.Json;

namespace AegisGate.Mcp;

/// <summary>The kind of a JSON-RPC message.</summary>
internal enum McpMessageKind
{
    Request,
    Notification,
    Response,
}

/// <summary>
/// One parsed JSON-RPC message as the guardrails see it: method, id, params and the fields policy is decided on
/// (tool/prompt name, resource URI, arguments, protocol version). Always built from the parsed body, never from
/// mirrored headers. The elements stay valid while the owning <see cref="JsonDocument"/> lives.
/// </summary>
internal sealed class McpMessage
{
    private const string MetaProtocolVersion = "io.modelcontextprotocol/protocolVersion";

    public McpMessageKind Kind { get; private init; }

    public string? Method { get; private init; }

    /// <summary>Gets the raw id (<see cref="JsonValueKind.Undefined"/> for notifications).</summary>
    public JsonElement Id { get; private init; }

    public JsonElement Params { get; private init; }

    /// <summary>Gets <c>params.name</c> (tools/call, prompts/get) or <c>params.uri</c> (resources/read, subscribe).</summary>
    public string? TargetName { get; private init; }

    /// <summary>Gets <c>params.arguments</c> (<see cref="JsonValueKind.Undefined"/> when absent).</summary>
    public JsonElement Arguments { get; private init; }

    /// <summary>Gets the protocol version stated in the body: <c>_meta</c> (2026-07-28) or <c>initialize</c> params.</summary>
    public string? BodyProtocolVersion { get; private init; }

    /// <summary>Gets the serialized size of the message in bytes.</summary>
    public int ByteLength { get; private init; }

    public bool IsToolCall => Kind == McpMessageKind.Request && Method == McpMethods.ToolsCall;

    /// <summary>Parses a UTF-8 body into a message, enforcing the depth limit; batches and malformed messages fail.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> utf8, int maxDepth, out McpMessage? message, out JsonDocument? document, out SecurityDecision failure)
    {
        message = null;
        document = null;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = maxDepth, AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        }
        catch (JsonException ex) when (ex.Message.Contains("depth", StringComparison.OrdinalIgnoreCase))
        {
            failure = SecurityDecision.Deny(McpErrorCodes.JsonTooDeep, "The JSON nesting depth exceeds the limit.", 400);
            return false;
        }
        catch (JsonException)
        {
            failure = SecurityDecision.Deny(McpErrorCodes.MalformedMessage, "The body is not valid JSON.", 400);
            return false;
        }

        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Array)
        {
            document.Dispose();
            document = null;
            failure = SecurityDecision.Deny(McpErrorCodes.BatchRejected, "JSON-RPC batches are not accepted; send one message per request.", 400);
            return false;
        }

        if (!TryFromElement(root, utf8.Length, out message, out failure))
        {
            document.Dispose();
            document = null;
            return false;
        }

        return true;
    }

    /// <summary>Builds a message from a parsed JSON-RPC object.</summary>
    public static bool TryFromElement(JsonElement root, int byteLength, out McpMessage? message, out SecurityDecision failure)
    {
        message = null;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("jsonrpc", out var version) || version.ValueKind != JsonValueKind.String || !version.ValueEquals("2.0"))
        {
            failure = SecurityDecision.Deny(McpErrorCodes.MalformedMessage, "The body is not a JSON-RPC 2.0 message.", 400);
            return false;
        }

        var hasId = root.TryGetProperty("id", out var id);
        if (hasId && id.ValueKind is not (JsonValueKind.String or JsonValueKind.Number))
        {
            failure = SecurityDecision.Deny(McpErrorCodes.MalformedMessage, "The JSON-RPC id must be a string or a number.", 400);
            return false;
        }

        if (!root.TryGetProperty("method", out var methodElement))
        {
            if (!hasId || !(root.TryGetProperty("result", out _) || root.TryGetProperty("error", out _)))
            {
                failure = SecurityDecision.Deny(McpErrorCodes.MalformedMessage, "The message is neither a request, a notification nor a response.", 400);
                return false;
            }

            message = new McpMessage { Kind = McpMessageKind.Response, Id = id, ByteLength = byteLength };
            failure = SecurityDecision.Allow();
            return true;
        }

        if (methodElement.ValueKind != JsonValueKind.String || methodElement.GetString() is not { Length: > 0 and <= 256 } method)
        {
            failure = SecurityDecision.Deny(McpErrorCodes.MalformedMessage, "The JSON-RPC method must be a non-empty string.", 400);
            return false;
        }

        root.TryGetProperty("params", out var parameters);
        if (parameters.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Object or JsonValueKind.Null))
        {
            failure = SecurityDecision.Deny(McpErrorCodes.MalformedMessage, "MCP params must be an object.", 400);
            return false;
        }

        return TryFromParts(method, hasId ? id : default, parameters, byteLength, out message, out failure);
    }

    /// <summary>Builds a message from its parts (the SDK path, where the SDK already parsed the envelope).</summary>
    public static bool TryFromParts(string method, JsonElement id, JsonElement parameters, int byteLength, out McpMessage? message, out SecurityDecision failure)
    {
        message = null;
        string? target = null;
        JsonElement arguments = default;
        string? protocolVersion = null;
        if (parameters.ValueKind == JsonValueKind.Object)
        {
            var targetProperty = method is McpMethods.ResourcesRead or McpMethods.ResourcesSubscribe or "resources/unsubscribe" ? "uri" : "name";
            if (parameters.TryGetProperty(targetProperty, out var targetElement))
            {
                if (targetElement.ValueKind != JsonValueKind.String)
                {
                    failure = SecurityDecision.Deny(McpErrorCodes.MalformedMessage, $"params.{targetProperty} must be a string.", 400);
                    return false;
                }

                target = targetElement.GetString();
            }

            if (parameters.TryGetProperty("arguments", out arguments) && arguments.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                failure = SecurityDecision.Deny(McpErrorCodes.MalformedMessage, "params.arguments must be an object.", 400);
                return false;
            }

            if (parameters.TryGetProperty("_meta", out var meta) && meta.ValueKind == JsonValueKind.Object
                && meta.TryGetProperty(MetaProtocolVersion, out var metaVersion))
            {
                protocolVersion = metaVersion.ValueKind == JsonValueKind.String ? metaVersion.GetString() : string.Empty;
            }
            else if (method == McpMethods.Initialize && parameters.TryGetProperty("protocolVersion", out var initVersion))
            {
                protocolVersion = initVersion.ValueKind == JsonValueKind.String ? initVersion.GetString() : string.Empty;
            }
        }

        if ((method is McpMethods.ToolsCall or McpMethods.PromptsGet or McpMethods.ResourcesRead) && string.IsNullOrEmpty(target))
        {
            failure = SecurityDecision.Deny(McpErrorCodes.MalformedMessage, $"{method} needs a target name or URI.", 400);
            return false;
        }

        message = new McpMessage
        {
            Kind = id.ValueKind == JsonValueKind.Undefined ? McpMessageKind.Notification : McpMessageKind.Request,
            Method = method,
            Id = id,
            Params = parameters,
            TargetName = target,
            Arguments = arguments.ValueKind == JsonValueKind.Object ? arguments : default,
            BodyProtocolVersion = protocolVersion,
            ByteLength = byteLength,
        };
        failure = SecurityDecision.Allow();
        return true;
    }

    /// <summary>Returns the id as text for logs, audit and correlation (never the params).</summary>
    public string? IdText => Id.ValueKind switch
    {
        JsonValueKind.String => Id.GetString(),
        JsonValueKind.Number => Id.GetRawText(),
        _ => null,
    };
}
