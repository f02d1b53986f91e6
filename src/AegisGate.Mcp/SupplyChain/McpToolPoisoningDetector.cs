using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using AegisGate.Detection;
using AegisGate.Mcp.Filtering;
using AegisGate.Mcp.Tools;

namespace AegisGate.Mcp.SupplyChain;

/// <summary>
/// Tool poisoning: hidden instructions in a tool's title, description or schema descriptions. A definition is
/// poisoned when it carries invisible or bidirectional Unicode, terminal escape sequences, or an injection or
/// exfiltration finding the detection policy blocks. Results are cached per definition hash.
/// </summary>
internal sealed class McpToolPoisoningDetector(IContentScanner? scanner)
{
    private static readonly ScanOptions DescriptionScan = new() { Source = ContentSource.Document };
    private readonly ConcurrentDictionary<string, SecurityDecision> _cache = new(StringComparer.Ordinal);

    public SecurityDecision Inspect(McpToolDefinition tool)
    {
        if (_cache.TryGetValue(tool.Hash, out var cached))
        {
            return cached;
        }

        var decision = InspectCore(tool);
        if (_cache.Count < 100_000 && (decision.IsAllowed || decision.Code != McpErrorCodes.ScannerUnavailable))
        {
            _cache[tool.Hash] = decision;
        }

        return decision;
    }

    private SecurityDecision InspectCore(McpToolDefinition tool)
    {
        var text = new StringBuilder();
        Collect(tool.Definition, text, 0, descriptive: false);
        var content = text.ToString();
        if (TerminalSanitizer.ContainsHiddenCharacters(content))
        {
            return SecurityDecision.Deny(McpErrorCodes.ToolPoisoned, "The tool definition contains hidden characters or terminal escape sequences.");
        }

        if (scanner is null)
        {
            return SecurityDecision.Deny(McpErrorCodes.ScannerUnavailable, "No content scanner is configured; tool descriptions cannot be verified.", 503);
        }

        var result = scanner.Scan(content, DescriptionScan);
        if (result is null)
        {
            return SecurityDecision.Deny(McpErrorCodes.ScannerUnavailable, "The content scanner returned no result.", 503);
        }

        if (result.ErrorCode is not null)
        {
            return SecurityDecision.Deny(McpErrorCodes.ToolPoisoned, "The tool definition could not be verified.");
        }

        foreach (var finding in result.Findings)
        {
            if (finding.Category is DetectionCategory.Injection or DetectionCategory.Exfiltration && finding.Action == DetectionAction.Block)
            {
                return SecurityDecision.Deny(McpErrorCodes.ToolPoisoned, $"The tool description carries hidden instructions ({finding.RuleId}).");
            }
        }

        return SecurityDecision.Allow();
    }

    private static void Collect(JsonElement element, StringBuilder text, int depth, bool descriptive)
    {
        if (depth > 64)
        {
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var isText = property.NameEquals("description") || property.NameEquals("title") || property.NameEquals("name");
                    Collect(property.Value, text, depth + 1, isText);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, text, depth + 1, descriptive);
                }

                break;
            case JsonValueKind.String when descriptive:
                text.Append(element.GetString()).Append('\n');
                break;
        }
    }
}

/// <summary>
/// Supply-chain verification of <c>tools/call</c>: the called tool's current definition must match its approved pin
/// (a changed one is a rug pull; a new one in lock-file mode is unapproved) and must not be poisoned.
/// </summary>
internal sealed class McpToolPinCheck(McpToolPinStore? pins, McpToolPoisoningDetector? poisoning, Microsoft.Extensions.Options.IOptionsMonitor<AegisMcpOptions> options) : ISecurityCheck
{
    public string Name => "mcp.tool-pin";

    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
    {
        if (context.GetMessage() is not { IsToolCall: true })
        {
            return new(SecurityDecision.Allow());
        }

        if (pins is null)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.ToolPinMismatch, "Tool pins are unavailable; the call is denied."));
        }

        if (!context.TryGetAttribute<McpToolDefinition>(McpContextKeys.Tool, out var tool) || tool is null)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.ToolUnknown, "The tool is not known; list the tools first.", 404));
        }

        var status = pins.Observe(tool);
        if (status == McpPinStatus.Changed)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.ToolPinMismatch, "The tool's definition changed since it was approved; it is denied until approved again."));
        }

        if (status == McpPinStatus.Unapproved)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.ToolUnapproved, "The tool is not approved in the lock file."));
        }

        if (options.CurrentValue.SupplyChain.ScanDescriptions)
        {
            if (poisoning is null)
            {
                return new(SecurityDecision.Deny(McpErrorCodes.ToolPoisoned, "Tool descriptions cannot be verified; the call is denied."));
            }

            return new(poisoning.Inspect(tool));
        }

        return new(SecurityDecision.Allow());
    }
}
