using System.Text.Json;
using AegisGate.Detection;
using AegisGate.Detection.Classifier;

namespace AegisGate.Cli.Commands;

/// <summary>Shared helpers of the detection commands (rules, scan, eval).</summary>
internal static class DetectionCliSupport
{
    public static string Name(DetectionCategory category) => category switch
    {
        DetectionCategory.Secret => "secret",
        DetectionCategory.Pii => "pii",
        DetectionCategory.Injection => "injection",
        _ => "exfiltration",
    };

    public static string Name(DetectionSeverity severity) => severity.ToString().ToLowerInvariant();

    public static string Name(DetectionAction action) => action.ToString().ToLowerInvariant();

    public static string Name(ScanVerdict verdict) => verdict.ToString().ToLowerInvariant();

    public static bool TryParseSource(string? value, out ContentSource source)
    {
        source = ContentSource.User;
        switch (value?.ToLowerInvariant())
        {
            case null or "user":
                return true;
            case "document":
                source = ContentSource.Document;
                return true;
            case "tool-output" or "tool_output" or "tool":
                source = ContentSource.ToolOutput;
                return true;
            case "model-response" or "model_response" or "model":
                source = ContentSource.ModelResponse;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Creates the scanner (rules and the embedded injection classifier, as <c>AddAegisDetection</c> registers them), or writes the configuration error and returns <see langword="null"/>.</summary>
    public static ContentScanner? CreateScanner(TextWriter stderr, string[]? rulePacks)
    {
        try
        {
            var options = new AegisDetectionOptions();
            foreach (var pack in rulePacks ?? [])
            {
                options.RulePacks.Add(Path.GetFullPath(pack));
            }

            return ContentScanner.Create(InjectionClassifier.CreateEmbedded(), options);
        }
        catch (Exception ex) when (ex is InvalidOperationException or InjectionModelLoadException)
        {
            stderr.WriteLine(ex.Message);
            return null;
        }
    }

    public static void WriteFinding(Utf8JsonWriter writer, DetectionFinding finding, (int Line, int Column)? position = null)
    {
        writer.WriteStartObject();
        writer.WriteString("ruleId", finding.RuleId);
        writer.WriteString("category", Name(finding.Category));
        writer.WriteString("severity", Name(finding.Severity));
        writer.WriteString("action", Name(finding.Action));
        writer.WriteNumber("start", finding.Start);
        writer.WriteNumber("end", finding.End);
        if (position is { } p)
        {
            writer.WriteNumber("lineNumber", p.Line);
            writer.WriteNumber("column", p.Column);
        }

        writer.WriteNumber("confidence", finding.Confidence);
        writer.WriteEndObject();
    }
}
