using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AegisGate.Detection;

namespace AegisGate.IntegrationTests.Mcp;

/// <summary>
/// A small, honest <see cref="IContentScanner"/> for the MCP integration tests until the detection engine is merged:
/// AWS access key ids and GitHub tokens are redacted, "ignore previous instructions" style injection is blocked.
/// </summary>
internal sealed partial class RegexTestScanner : IContentScanner
{
    private static readonly (string Rule, Regex Pattern, DetectionCategory Category, DetectionAction Action)[] Rules =
    [
        ("secret.aws_access_key_id", AwsKey(), DetectionCategory.Secret, DetectionAction.Redact),
        ("secret.github_pat", GitHubToken(), DetectionCategory.Secret, DetectionAction.Redact),
        ("injection.ignore_previous", IgnorePrevious(), DetectionCategory.Injection, DetectionAction.Block),
    ];

    public int Calls;

    public ScanResult Scan(string content, ScanOptions options)
    {
        Interlocked.Increment(ref Calls);
        var findings = Find(content, null);
        var verdict = Verdict(findings);
        return new ScanResult
        {
            Verdict = verdict,
            Findings = findings,
            RedactedContent = options.ProduceRedacted && verdict != ScanVerdict.Block ? Redact(content) : null,
        };
    }

    public ScanResult ScanJson(ReadOnlyMemory<byte> utf8Json, ScanOptions options)
    {
        Interlocked.Increment(ref Calls);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(utf8Json.Span);
        }
        catch (JsonException)
        {
            return new ScanResult { Verdict = ScanVerdict.Block, ErrorCode = AegisErrorCodes.ScanInvalidInput };
        }

        var findings = new List<DetectionFinding>();
        Walk(root, "$", findings, redact: false);
        var verdict = Verdict(findings);
        string? redacted = null;
        if (options.ProduceRedacted && verdict != ScanVerdict.Block)
        {
            Walk(root, "$", [], redact: true);
            redacted = root?.ToJsonString();
        }

        return new ScanResult { Verdict = verdict, Findings = findings, RedactedContent = redacted };
    }

    private static ScanVerdict Verdict(IReadOnlyList<DetectionFinding> findings)
        => findings.Count == 0 ? ScanVerdict.Allow : (ScanVerdict)(int)findings.Max(static f => f.Action);

    private static List<DetectionFinding> Find(string text, string? path)
    {
        var findings = new List<DetectionFinding>();
        foreach (var (rule, pattern, category, action) in Rules)
        {
            foreach (Match match in pattern.Matches(text))
            {
                findings.Add(new DetectionFinding { RuleId = rule, Category = category, Severity = DetectionSeverity.High, Action = action, Start = match.Index, End = match.Index + match.Length, Confidence = 0.99, JsonPath = path });
            }
        }

        return findings;
    }

    private static string Redact(string text)
    {
        foreach (var (rule, pattern, _, action) in Rules)
        {
            if (action == DetectionAction.Redact)
            {
                text = pattern.Replace(text, $"[REDACTED:{rule}]");
            }
        }

        return text;
    }

    private static void Walk(JsonNode? node, string path, List<DetectionFinding> findings, bool redact)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(static p => p.Key).ToList())
                {
                    if (obj[key] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        findings.AddRange(Find(text, path + "." + key));
                        if (redact)
                        {
                            obj[key] = Redact(text);
                        }
                    }
                    else
                    {
                        Walk(obj[key], path + "." + key, findings, redact);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && value.TryGetValue<string>(out var text))
                    {
                        findings.AddRange(Find(text, $"{path}[{i}]"));
                        if (redact)
                        {
                            array[i] = Redact(text);
                        }
                    }
                    else
                    {
                        Walk(array[i], $"{path}[{i}]", findings, redact);
                    }
                }

                break;
        }
    }

    [GeneratedRegex(@"AKIA[0-9A-Z]{16}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex AwsKey();

    [GeneratedRegex(@"ghp_[A-Za-z0-9]{36}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex GitHubToken();

    [GeneratedRegex(@"ignore (all )?(previous|prior) instructions", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, matchTimeoutMilliseconds: 100)]
    private static partial Regex IgnorePrevious();
}
