using System.Text.Json;

namespace AegisGate.A2A.Capabilities;

/// <summary>
/// Reads the <c>method</c> of a single JSON-RPC 2.0 request without building a DOM. The whole body must be one
/// well-formed JSON object with <c>"jsonrpc": "2.0"</c> and exactly one string <c>method</c> (a duplicate key is
/// refused: two parsers could disagree on which one counts).
/// </summary>
internal static class JsonRpcMethodReader
{
    private const int MaxDepth = 64;

    public static bool TryRead(ReadOnlySpan<byte> body, out string method)
    {
        method = string.Empty;
        if (body.IsEmpty)
        {
            return false;
        }

        string? found = null;
        var versionOk = false;
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var sawVersion = false;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    break;
                }

                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    return false;
                }

                if (reader.ValueTextEquals("method"u8))
                {
                    if (found is not null || !reader.Read() || reader.TokenType != JsonTokenType.String)
                    {
                        return false;
                    }

                    found = reader.GetString();
                }
                else if (reader.ValueTextEquals("jsonrpc"u8))
                {
                    if (sawVersion || !reader.Read() || reader.TokenType != JsonTokenType.String)
                    {
                        return false;
                    }

                    sawVersion = true;
                    versionOk = reader.ValueTextEquals("2.0"u8);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.Read())
            {
                return false; // trailing content after the object
            }
        }
        catch (JsonException)
        {
            return false;
        }

        if (!versionOk || string.IsNullOrEmpty(found))
        {
            return false;
        }

        method = found;
        return true;
    }
}
