using System.Buffers;
using System.Text.Json;

namespace AegisGate.Errors;

/// <summary>
/// Writes RFC 9457 <c>application/problem+json</c> bodies for denials. This is the only problem writer of the
/// suite: every pillar calls it (through its HTTP adapter), so every denial looks the same to clients.
/// </summary>
/// <remarks>
/// The body holds <c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c> (the decision's client-safe reason),
/// the <c>code</c> extension and the <c>requestId</c> extension. It never contains request bodies, headers or secrets:
/// extra extensions are limited to strings, string lists and numbers that the caller vouches for (rule ids, limits).
/// </remarks>
public static class AegisProblemDetails
{
    /// <summary>The media type of problem details bodies.</summary>
    public const string ContentType = "application/problem+json";

    /// <summary>The prefix of the <c>type</c> URI; the lower-cased code is appended.</summary>
    public const string TypeBase = "https://aegisgate.dev/errors/";

    /// <summary>Writes a problem details body for a denial.</summary>
    /// <param name="output">The destination.</param>
    /// <param name="decision">The denial. An allow is written as an internal error, never as success.</param>
    /// <param name="requestId">The request id, or <see langword="null"/>.</param>
    /// <param name="extensions">Optional client-safe extensions (string, string list, integer or boolean values).</param>
    public static void Write(IBufferWriter<byte> output, in SecurityDecision decision, string? requestId, IEnumerable<KeyValuePair<string, object?>>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var writer = new Utf8JsonWriter(output);
        Write(writer, decision, requestId, extensions);
    }

    /// <summary>Writes a problem details object to a JSON writer.</summary>
    /// <param name="writer">The JSON writer.</param>
    /// <param name="decision">The denial.</param>
    /// <param name="requestId">The request id, or <see langword="null"/>.</param>
    /// <param name="extensions">Optional client-safe extensions.</param>
    public static void Write(Utf8JsonWriter writer, in SecurityDecision decision, string? requestId, IEnumerable<KeyValuePair<string, object?>>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var code = decision.IsAllowed ? AegisErrorCodes.InternalError : decision.Code;
        var status = decision.IsAllowed ? 500 : decision.StatusCode;
        var detail = decision.IsAllowed ? "An allow decision cannot be written as a problem." : decision.Reason;

        writer.WriteStartObject();
        writer.WriteString("type", TypeBase + code.ToLowerInvariant());
        writer.WriteString("title", TitleFor(status));
        writer.WriteNumber("status", status);
        writer.WriteString("detail", detail);
        writer.WriteString("code", code);
        if (requestId is not null)
        {
            writer.WriteString("requestId", requestId);
        }

        if (decision.RetryAfter is { } retry)
        {
            writer.WriteNumber("retryAfterSeconds", RetryAfterSeconds(retry));
        }

        if (extensions is not null)
        {
            foreach (var (key, value) in extensions)
            {
                if (key is "type" or "title" or "status" or "detail" or "code" or "requestId")
                {
                    continue;
                }

                WriteExtension(writer, key, value);
            }
        }

        writer.WriteEndObject();
        writer.Flush();
    }

    /// <summary>Returns the whole number of seconds (at least 1) for a <c>Retry-After</c> header.</summary>
    /// <param name="retryAfter">The retry delay.</param>
    /// <returns>The seconds, rounded up.</returns>
    public static long RetryAfterSeconds(TimeSpan retryAfter) => Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));

    /// <summary>Returns the standard reason phrase used as the problem title for a status code.</summary>
    /// <param name="status">The HTTP status.</param>
    /// <returns>The title.</returns>
    public static string TitleFor(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => status >= 500 ? "Server Error" : "Request Denied",
    };

    private static void WriteExtension(Utf8JsonWriter writer, string key, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNull(key);
                break;
            case string s:
                writer.WriteString(key, s);
                break;
            case bool b:
                writer.WriteBoolean(key, b);
                break;
            case int i:
                writer.WriteNumber(key, i);
                break;
            case long l:
                writer.WriteNumber(key, l);
                break;
            case double d:
                writer.WriteNumber(key, d);
                break;
            case IEnumerable<string> list:
                writer.WriteStartArray(key);
                foreach (var item in list)
                {
                    writer.WriteStringValue(item);
                }

                writer.WriteEndArray();
                break;
            default:
                // Unknown shapes are never serialized: they could carry request content.
                break;
        }
    }
}
