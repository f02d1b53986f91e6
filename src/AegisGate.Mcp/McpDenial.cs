using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AegisGate.Errors;
using ModelContextProtocol;

namespace AegisGate.Mcp;

/// <summary>
/// Turns a denial into the JSON-RPC error clients see: a numeric code outside −32768…−32000
/// (<see cref="McpJsonRpcCodes"/>), the message <c>CODE: reason</c>, and <c>error.data</c> =
/// <c>{"code","status","requestId"?,"retryAfter"?}</c>. Never includes request content.
/// </summary>
internal static class McpDenial
{
    /// <summary>Creates the exception the SDK turns into a JSON-RPC error (its <c>Data</c> becomes <c>error.data</c>).</summary>
    public static McpProtocolException ToException(in SecurityDecision decision, string? requestId = null)
    {
        var code = decision.Code ?? AegisErrorCodes.DecisionUnset;
        var exception = new McpProtocolException($"{code}: {decision.Reason}", (McpErrorCode)McpJsonRpcCodes.FromStatus(decision.StatusCode));
        exception.Data["code"] = code;
        exception.Data["status"] = decision.StatusCode;
        if (requestId is not null)
        {
            exception.Data["requestId"] = requestId;
        }

        if (decision.RetryAfter is { } retry)
        {
            exception.Data["retryAfter"] = AegisProblemDetails.RetryAfterSeconds(retry);
        }

        return exception;
    }

    /// <summary>Builds a JSON-RPC error message object for a denial.</summary>
    public static JsonObject ToErrorMessage(JsonNode? id, in SecurityDecision decision, string? requestId)
    {
        var code = decision.Code ?? AegisErrorCodes.DecisionUnset;
        var data = new JsonObject { ["code"] = code, ["status"] = decision.StatusCode };
        if (requestId is not null)
        {
            data["requestId"] = requestId;
        }

        if (decision.RetryAfter is { } retry)
        {
            data["retryAfter"] = AegisProblemDetails.RetryAfterSeconds(retry);
        }

        return new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = id?.DeepClone(),
            ["error"] = new JsonObject
            {
                ["code"] = McpJsonRpcCodes.FromStatus(decision.StatusCode),
                ["message"] = code + ": " + decision.Reason,
                ["data"] = data,
            },
        };
    }

    /// <summary>Converts a raw id element into a node (or <see langword="null"/>).</summary>
    public static JsonNode? IdNode(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.String => JsonValue.Create(id.GetString()),
        JsonValueKind.Number => JsonNode.Parse(id.GetRawText()),
        _ => null,
    };

    public static string RetryAfterHeader(TimeSpan retryAfter) => AegisProblemDetails.RetryAfterSeconds(retryAfter).ToString(CultureInfo.InvariantCulture);
}
