using System.Text.Json;

namespace AegisGate.Mcp.Tools;

/// <summary>
/// A tool definition as AegisGate pins and authorizes it: the protocol <c>Tool</c> object (name, title,
/// description, input/output schema, annotations) of one server, and whether its annotations can be trusted.
/// </summary>
public sealed class McpToolDefinition
{
    private string? _hash;

    /// <summary>Initializes a new instance of the <see cref="McpToolDefinition"/> class.</summary>
    /// <param name="serverId">The server the tool belongs to (pins are per server).</param>
    /// <param name="definition">The protocol <c>Tool</c> JSON object.</param>
    /// <param name="annotationsTrusted">Whether the annotations come from a trusted (in-process) server.</param>
    /// <exception cref="ArgumentException">The definition is not an object with a string <c>name</c>.</exception>
    public McpToolDefinition(string serverId, JsonElement definition, bool annotationsTrusted)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serverId);
        if (definition.ValueKind != JsonValueKind.Object || !definition.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
        {
            throw new ArgumentException("A tool definition is a JSON object with a string name.", nameof(definition));
        }

        ServerId = serverId;
        Definition = definition.Clone();
        Name = name.GetString()!;
        AnnotationsTrusted = annotationsTrusted;
        if (Definition.TryGetProperty("annotations", out var annotations) && annotations.ValueKind == JsonValueKind.Object)
        {
            ReadOnlyHint = Flag(annotations, "readOnlyHint");
            DestructiveHint = Flag(annotations, "destructiveHint");
            OpenWorldHint = Flag(annotations, "openWorldHint");
        }

        InputSchema = Definition.TryGetProperty("inputSchema", out var schema) ? schema : default;
    }

    /// <summary>Gets the server id.</summary>
    public string ServerId { get; }

    /// <summary>Gets the tool name.</summary>
    public string Name { get; }

    /// <summary>Gets the protocol definition.</summary>
    public JsonElement Definition { get; }

    /// <summary>Gets the input schema (<see cref="JsonValueKind.Undefined"/> when absent).</summary>
    public JsonElement InputSchema { get; }

    /// <summary>Gets a value indicating whether the annotations can be trusted.</summary>
    public bool AnnotationsTrusted { get; }

    /// <summary>Gets the <c>readOnlyHint</c> annotation.</summary>
    public bool? ReadOnlyHint { get; }

    /// <summary>Gets the <c>destructiveHint</c> annotation.</summary>
    public bool? DestructiveHint { get; }

    /// <summary>Gets the <c>openWorldHint</c> annotation.</summary>
    public bool? OpenWorldHint { get; }

    /// <summary>Gets the SHA-256 of the canonical definition (<c>sha256:</c> + 64 hex digits): name, title, description, schemas and annotations with sorted keys.</summary>
    public string Hash => _hash ??= ToolDefinitionHasher.Hash(Definition);

    private static bool? Flag(JsonElement annotations, string name)
        => annotations.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;
}
