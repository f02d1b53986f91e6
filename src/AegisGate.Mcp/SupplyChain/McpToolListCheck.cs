using System.Text.Json;
using System.Text.Json.Nodes;
using AegisGate.Mcp.Filtering;
using AegisGate.Mcp.Tools;

namespace AegisGate.Mcp.SupplyChain;

/// <summary>
/// Filters a <c>tools/list</c> answer per caller: every listed definition is observed by the pin store (pinned on
/// first use, or flagged as changed/unapproved) and screened for poisoning; the caller sees only tools that are
/// pinned, clean and allowed by the authorizer. A filtered list is never cacheable publicly (<c>cacheScope</c> is
/// forced to <c>private</c>).
/// </summary>
internal sealed class McpToolListCheck(McpToolPinStore? pins, McpToolPoisoningDetector? poisoning, IMcpToolAuthorizer? authorizer, Microsoft.Extensions.Options.IOptionsMonitor<AegisMcpOptions> options) : ISecurityCheck
{
    public string Name => "mcp.tool-list";

    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
    {
        if (!context.TryGetAttribute<McpOutput>(McpContextKeys.Output, out var output) || output is null || output.Method != McpMethods.ToolsList || output.IsNotification)
        {
            return new(SecurityDecision.Allow());
        }

        if (pins is null || poisoning is null)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.ToolPinMismatch, "Tool verification is unavailable; the tool list is withheld.", 503));
        }

        var scope = context.GetScope();
        if (scope is null || output.Payload is not JsonObject result || result["tools"] is not JsonArray tools)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.OutputBlocked, "The tool list could not be verified; it is withheld.", 502));
        }

        var scanDescriptions = options.CurrentValue.SupplyChain.ScanDescriptions;
        var kept = new JsonArray();
        foreach (var node in tools)
        {
            if (node is not JsonObject)
            {
                continue;
            }

            using var document = JsonDocument.Parse(node.ToJsonString());
            McpToolDefinition definition;
            try
            {
                // The server's own view of the tool decides trust and server id (in-process tools are trusted,
                // upstream proxies and fronted servers are not); the listed JSON is what gets pinned.
                var name = document.RootElement.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : string.Empty;
                var known = scope.ResolveTool(name);
                definition = new McpToolDefinition(known?.ServerId ?? scope.ServerId, document.RootElement, known?.AnnotationsTrusted ?? false);
            }
            catch (ArgumentException)
            {
                continue;
            }

            if (pins.Observe(definition) != McpPinStatus.Pinned)
            {
                continue;
            }

            if (scanDescriptions && poisoning.Inspect(definition) is { IsAllowed: false } poisoned)
            {
                if (poisoned.Code == McpErrorCodes.ScannerUnavailable)
                {
                    return new(poisoned);
                }

                continue;
            }

            if (authorizer is null || context.Principal is null || !authorizer.Authorize(context.Principal, definition).IsAllowed)
            {
                continue;
            }

            kept.Add(node.DeepClone());
        }

        result["tools"] = kept;
        if (result.ContainsKey("cacheScope"))
        {
            result["cacheScope"] = "private";
        }

        output.Modified = true;
        return new(SecurityDecision.Allow());
    }
}
