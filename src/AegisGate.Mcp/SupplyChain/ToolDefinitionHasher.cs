using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace AegisGate.Mcp.Tools;

/// <summary>
/// Hashes a tool definition canonically: only the security-relevant members (name, title, description, input and
/// output schema, annotations), object keys sorted ordinally at every level, no insignificant whitespace. A rename,
/// a description edit or a schema-only change all change the hash; key order and formatting do not.
/// </summary>
internal static class ToolDefinitionHasher
{
    private static readonly string[] PinnedMembers = ["annotations", "description", "inputSchema", "name", "outputSchema", "title"];

    public static string Hash(JsonElement definition)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false, SkipValidation = false }))
        {
            writer.WriteStartObject();
            foreach (var member in PinnedMembers)
            {
                if (definition.TryGetProperty(member, out var value) && value.ValueKind != JsonValueKind.Null)
                {
                    writer.WritePropertyName(member);
                    WriteCanonical(writer, value, 0);
                }
            }

            writer.WriteEndObject();
        }

        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    private static void WriteCanonical(Utf8JsonWriter writer, JsonElement element, int depth)
    {
        if (depth > 64)
        {
            throw new JsonException("The tool definition is nested too deeply to pin.");
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = new List<JsonProperty>();
                foreach (var property in element.EnumerateObject())
                {
                    properties.Add(property);
                }

                properties.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                writer.WriteStartObject();
                foreach (var property in properties)
                {
                    writer.WritePropertyName(property.Name);
                    WriteCanonical(writer, property.Value, depth + 1);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    WriteCanonical(writer, item, depth + 1);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
