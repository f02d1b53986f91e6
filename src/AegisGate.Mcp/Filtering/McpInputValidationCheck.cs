using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using AegisGate.Detection;
using AegisGate.Mcp.Tools;
using Json.Schema;
using Microsoft.Extensions.Options;

namespace AegisGate.Mcp.Filtering;

/// <summary>
/// Input validation of <c>tools/call</c>, <c>prompts/get</c> and <c>resources/read</c>/<c>subscribe</c>: argument size and
/// depth limits, path traversal and SSRF-prone URIs in any string, JSON Schema validation of tool arguments against the
/// tool's <c>inputSchema</c> (JsonSchema.Net, schemas compiled once per definition hash), and a detection-engine scan.
/// </summary>
internal sealed class McpInputValidationCheck(IContentScanner? scanner, IOptionsMonitor<AegisMcpOptions> options) : ISecurityCheck
{
    internal const string FindingsKey = "mcp.input.findings";
    private static readonly ScanOptions ArgumentScan = new() { Source = ContentSource.User };
    private readonly ConcurrentDictionary<string, JsonSchema?> _schemas = new(StringComparer.Ordinal);

    public string Name => "mcp.input";

    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
    {
        var message = context.GetMessage();
        if (message is null || message.Kind != McpMessageKind.Request
            || message.Method is not (McpMethods.ToolsCall or McpMethods.PromptsGet or McpMethods.ResourcesRead or McpMethods.ResourcesSubscribe))
        {
            return new(SecurityDecision.Allow());
        }

        var settings = options.CurrentValue.Input;
        if (message.Method is McpMethods.ResourcesRead or McpMethods.ResourcesSubscribe)
        {
            return new(ScreenString(message.TargetName!, settings, forceUri: true) ?? SecurityDecision.Allow());
        }

        var arguments = message.Arguments;
        if (arguments.ValueKind == JsonValueKind.Undefined)
        {
            return new(message.IsToolCall ? ValidateSchema(context, default) : SecurityDecision.Allow());
        }

        var raw = arguments.GetRawText();
        var size = Encoding.UTF8.GetByteCount(raw);
        if (size > settings.MaxArgumentBytes)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.InputTooLarge, "The arguments exceed the size limit.", 413));
        }

        var walk = Walk(arguments, settings, 0);
        if (walk is { } denied)
        {
            return new(denied);
        }

        if (message.IsToolCall && ValidateSchema(context, arguments) is { IsAllowed: false } invalid)
        {
            return new(invalid);
        }

        if (!settings.ScanArguments)
        {
            return new(SecurityDecision.Allow());
        }

        if (scanner is null)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.ScannerUnavailable, "No content scanner is configured; arguments cannot be checked.", 503));
        }

        var result = scanner.ScanJson(Encoding.UTF8.GetBytes(raw), ArgumentScan);
        if (result is null)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.ScannerUnavailable, "The content scanner returned no result.", 503));
        }

        if (result.Findings.Count > 0)
        {
            context.SetAttribute(FindingsKey, string.Join(',', result.Findings.Select(static f => f.RuleId).Distinct(StringComparer.Ordinal)));
        }

        if (result.Verdict == ScanVerdict.Block)
        {
            var rules = string.Join(", ", result.Findings.Where(static f => f.Action == DetectionAction.Block).Select(static f => f.RuleId).Distinct(StringComparer.Ordinal));
            return new(SecurityDecision.Deny(McpErrorCodes.InputBlocked, rules.Length > 0 ? $"The arguments were blocked by the detection policy ({rules})." : "The arguments could not be scanned.", 403));
        }

        return new(SecurityDecision.Allow());
    }

    private SecurityDecision ValidateSchema(SecurityContext context, JsonElement arguments)
    {
        if (!context.TryGetAttribute<McpToolDefinition>(McpContextKeys.Tool, out var tool) || tool is null)
        {
            return SecurityDecision.Deny(McpErrorCodes.ToolUnknown, "The tool is not known; its arguments cannot be validated.", 404);
        }

        if (tool.InputSchema.ValueKind != JsonValueKind.Object)
        {
            return SecurityDecision.Deny(McpErrorCodes.InputSchemaInvalid, "The tool has no input schema to validate against.", 400);
        }

        var schema = _schemas.GetOrAdd(tool.Hash, static (_, t) => Compile(t.InputSchema), tool);
        if (schema is null)
        {
            return SecurityDecision.Deny(McpErrorCodes.InputSchemaInvalid, "The tool's input schema is invalid.", 400);
        }

        using var empty = arguments.ValueKind == JsonValueKind.Undefined ? JsonDocument.Parse("{}") : null;
        var instance = empty?.RootElement ?? arguments;
        var result = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.Flag });
        return result.IsValid
            ? SecurityDecision.Allow()
            : SecurityDecision.Deny(McpErrorCodes.InputSchemaInvalid, "The arguments do not match the tool's input schema.", 400);
    }

    private static JsonSchema? Compile(JsonElement schema)
    {
        try
        {
            return JsonSchema.Build(schema, new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri("urn:aegisgate:tool-schema"));
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or FormatException or KeyNotFoundException or NotSupportedException)
        {
            return null;
        }
    }

    private static SecurityDecision? Walk(JsonElement element, McpInputOptions settings, int depth)
    {
        if (depth > settings.MaxArgumentDepth)
        {
            return SecurityDecision.Deny(McpErrorCodes.InputTooDeep, "The arguments are nested too deeply.", 400);
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (ScreenString(property.Name, settings, forceUri: false) is { } keyDenied)
                    {
                        return keyDenied;
                    }

                    if (Walk(property.Value, settings, depth + 1) is { } denied)
                    {
                        return denied;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (Walk(item, settings, depth + 1) is { } denied)
                    {
                        return denied;
                    }
                }

                break;
            case JsonValueKind.String:
                return ScreenString(element.GetString()!, settings, forceUri: false);
        }

        return null;
    }

    private static SecurityDecision? ScreenString(string value, McpInputOptions settings, bool forceUri)
    {
        if (forceUri || UriSafety.LooksLikeUri(value))
        {
            return UriSafety.Screen(value, settings.AllowedUriSchemes, settings.AllowPrivateNetworkUris);
        }

        return UriSafety.HasPathTraversal(value)
            ? SecurityDecision.Deny(McpErrorCodes.InputPathTraversal, "An argument contains a path-traversal sequence.", 400)
            : null;
    }
}
