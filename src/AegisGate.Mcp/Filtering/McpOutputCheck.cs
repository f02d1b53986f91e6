using System.Text.Json;
using System.Text.Json.Nodes;
using AegisGate.Detection;
using Microsoft.Extensions.Options;

namespace AegisGate.Mcp.Filtering;

/// <summary>
/// Output on its way to the client: the <c>result</c> of a response (tool result, resource contents, prompt
/// messages, lists) or the <c>params</c> of a notification. Output checks may replace <see cref="Payload"/>.
/// </summary>
internal sealed class McpOutput(string method, JsonNode? payload, bool isNotification)
{
    /// <summary>Gets the method of the request this answers, or of the notification.</summary>
    public string Method { get; } = method;

    /// <summary>Gets a value indicating whether the output is a notification.</summary>
    public bool IsNotification { get; } = isNotification;

    /// <summary>Gets or sets the payload (checks may rewrite it).</summary>
    public JsonNode? Payload { get; set; } = payload;

    /// <summary>Gets or sets the serialized size after filtering.</summary>
    public int ByteLength { get; set; }

    /// <summary>Gets or sets the rule ids found (for audit), comma-separated.</summary>
    public string? RuleIds { get; set; }

    /// <summary>Gets or sets a value indicating whether anything was redacted or stripped.</summary>
    public bool Modified { get; set; }
}

/// <summary>
/// Content filtering of server output (tool results, <c>resources/read</c>, <c>prompts/get</c>, notifications): terminal
/// control sequences stripped, size limited, then scanned by the detection engine — secrets and PII are redacted, and
/// indirect prompt injection is blocked or flagged per <see cref="McpOutputOptions.Injection"/>.
/// </summary>
internal sealed class McpOutputCheck(IContentScanner? scanner, IOptionsMonitor<AegisMcpOptions> options) : ISecurityCheck
{
    internal const string WarningsMetaKey = "io.aegisgate/warnings";
    private static readonly ScanOptions OutputScan = new() { Source = ContentSource.ToolOutput, ProduceRedacted = true };

    public string Name => "mcp.output-filter";

    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
    {
        if (!context.TryGetAttribute<McpOutput>(McpContextKeys.Output, out var output) || output is null)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.OutputBlocked, "No output to filter; it is withheld.", 502));
        }

        if (output.Payload is null)
        {
            return new(SecurityDecision.Allow());
        }

        var settings = options.CurrentValue.Output;
        if (settings.StripControlSequences && StripStrings(output.Payload))
        {
            output.Modified = true;
        }

        var bytes = JsonSerializer.SerializeToUtf8Bytes(output.Payload);
        output.ByteLength = bytes.Length;
        if (bytes.Length > settings.MaxResultBytes)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.OutputBlocked, "The server's output exceeds the size limit; it is withheld.", 502));
        }

        if (scanner is null)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.ScannerUnavailable, "No content scanner is configured; output cannot be checked.", 503));
        }

        var result = scanner.ScanJson(bytes, OutputScan);
        if (result is null)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.ScannerUnavailable, "The content scanner returned no result.", 503));
        }

        if (result.Findings.Count == 0 && result.ErrorCode is null)
        {
            return new(SecurityDecision.Allow());
        }

        output.RuleIds = string.Join(',', result.Findings.Select(static f => f.RuleId).Distinct(StringComparer.Ordinal));
        if (result.ErrorCode is not null)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.OutputBlocked, "The server's output could not be scanned; it is withheld.", 502));
        }

        var injections = result.Findings.Where(static f => f.Category is DetectionCategory.Injection or DetectionCategory.Exfiltration && f.Action >= DetectionAction.Redact).ToList();
        var otherBlocks = result.Findings.Any(static f => f.Category is not (DetectionCategory.Injection or DetectionCategory.Exfiltration) && f.Action == DetectionAction.Block);
        if (otherBlocks || (injections.Count > 0 && settings.Injection == McpInjectionAction.Block))
        {
            var rules = string.Join(", ", result.Findings.Where(static f => f.Action == DetectionAction.Block || f.Category is DetectionCategory.Injection or DetectionCategory.Exfiltration).Select(static f => f.RuleId).Distinct(StringComparer.Ordinal));
            return new(SecurityDecision.Deny(McpErrorCodes.OutputBlocked, $"The server's output was blocked by the output policy ({rules}).", 502));
        }

        var needsRedaction = result.Findings.Any(static f => f.Action == DetectionAction.Redact && f.Category is not (DetectionCategory.Injection or DetectionCategory.Exfiltration));
        if (needsRedaction)
        {
            if (result.RedactedContent is null)
            {
                return new(SecurityDecision.Deny(McpErrorCodes.OutputBlocked, "The server's output needs redaction that could not be produced; it is withheld.", 502));
            }

            output.Payload = JsonNode.Parse(result.RedactedContent);
            output.Modified = true;
        }

        if (injections.Count > 0 && output.Payload is JsonObject flagged)
        {
            if (flagged["_meta"] is not JsonObject meta)
            {
                meta = [];
                flagged["_meta"] = meta;
            }

            meta[WarningsMetaKey] = new JsonArray([.. injections.Select(static f => (JsonNode)JsonValue.Create("indirect-injection:" + f.RuleId))]);
            output.Modified = true;
        }

        return new(SecurityDecision.Allow());
    }

    /// <summary>Strips control sequences from every string value in place; returns whether anything changed.</summary>
    internal static bool StripStrings(JsonNode node)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(static p => p.Key).ToList())
                {
                    if (obj[key] is { } child)
                    {
                        if (child is JsonValue value && value.TryGetValue<string>(out var text))
                        {
                            var clean = TerminalSanitizer.Strip(text);
                            if (!ReferenceEquals(clean, text))
                            {
                                obj[key] = clean;
                                changed = true;
                            }
                        }
                        else
                        {
                            changed |= StripStrings(child);
                        }
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        var clean = TerminalSanitizer.Strip(text);
                        if (!ReferenceEquals(clean, text))
                        {
                            array[i] = clean;
                            changed = true;
                        }
                    }
                    else if (array[i] is { } child)
                    {
                        changed |= StripStrings(child);
                    }
                }

                break;
        }

        return changed;
    }
}
