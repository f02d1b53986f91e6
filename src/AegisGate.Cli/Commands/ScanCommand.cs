using System.CommandLine;
using System.Text;
using System.Text.Json;
using AegisGate.Detection;

namespace AegisGate.Cli.Commands;

/// <summary>
/// <c>aegisgate scan [FILE|-] [--jsonl --field text] [--json]</c>: scans a file (or stdin) for secrets, PII, prompt
/// injection and exfiltration. Output never contains the matched text. Exit codes: 0 clean, 1 findings, 2 usage or
/// error (unreadable file, invalid JSONL line, over-limit content).
/// </summary>
internal static class ScanCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string?>("file") { Description = "The file to scan, or '-' (the default) for standard input.", Arity = ArgumentArity.ZeroOrOne };
        var jsonl = new Option<bool>("--jsonl") { Description = "The input is JSON Lines: scan one field of each line and print one JSON result per line." };
        var field = new Option<string>("--field") { Description = "The JSONL field to scan.", DefaultValueFactory = _ => "text" };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON (plain files)." };
        var source = new Option<string>("--source") { Description = "Where the content comes from: user, document, tool-output, model-response.", DefaultValueFactory = _ => "user" };
        var redact = new Option<bool>("--redact") { Description = "Print the redacted content instead of the findings (plain files)." };
        var packs = new Option<string[]>("--rule-pack") { Description = "A custom YAML rule pack (repeatable).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("scan", "Scan content for secrets, PII, prompt injection and exfiltration.") { file, jsonl, field, json, source, redact, packs };
        command.SetAction(parse =>
        {
            if (!DetectionCliSupport.TryParseSource(parse.GetValue(source), out var contentSource))
            {
                stderr.WriteLine("Unknown --source. Use user, document, tool-output or model-response.");
                return CliApp.ExitUsage;
            }

            var path = parse.GetValue(file) ?? "-";
            string content;
            try
            {
                content = path == "-" ? Console.In.ReadToEnd() : File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DecoderFallbackException)
            {
                stderr.WriteLine($"Cannot read '{path}': {ex.GetType().Name}.");
                return CliApp.ExitUsage;
            }

            var scanner = DetectionCliSupport.CreateScanner(stderr, parse.GetValue(packs));
            if (scanner is null)
            {
                return CliApp.ExitUsage;
            }

            var options = new ScanOptions { Source = contentSource, ProduceRedacted = parse.GetValue(redact) };
            return parse.GetValue(jsonl)
                ? ScanJsonLines(scanner, content, parse.GetValue(field) ?? "text", options, stdout, stderr)
                : ScanPlain(scanner, content, options, parse.GetValue(json), parse.GetValue(redact), stdout, stderr);
        });

        return command;
    }

    private static int ScanJsonLines(ContentScanner scanner, string content, string field, ScanOptions options, TextWriter stdout, TextWriter stderr)
    {
        var anyFindings = false;
        var anyError = false;
        var lineNumber = 0;
        using var reader = new StringReader(content);
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string? text = null;
            string? error = null;
            try
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    text = value.GetString();
                }
                else
                {
                    error = AegisErrorCodes.ScanInvalidInput;
                    stderr.WriteLine($"line {lineNumber}: no string field '{field}'.");
                }
            }
            catch (JsonException)
            {
                error = AegisErrorCodes.ScanInvalidInput;
                stderr.WriteLine($"line {lineNumber}: not valid JSON.");
            }

            var result = text is null ? new ScanResult { Verdict = ScanVerdict.Block, ErrorCode = error } : scanner.Scan(text, options);
            anyError |= result.ErrorCode is not null;
            anyFindings |= result.Findings.Count > 0;
            stdout.WriteLine(Serialize(writer =>
            {
                writer.WriteStartObject();
                writer.WriteNumber("line", lineNumber);
                writer.WriteString("verdict", DetectionCliSupport.Name(result.Verdict));
                if (result.ErrorCode is not null)
                {
                    writer.WriteString("error", result.ErrorCode);
                }

                writer.WriteStartArray("findings");
                foreach (var finding in result.Findings)
                {
                    DetectionCliSupport.WriteFinding(writer, finding);
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }));
        }

        return anyError ? CliApp.ExitUsage : anyFindings ? CliApp.ExitFindings : CliApp.ExitOk;
    }

    private static int ScanPlain(ContentScanner scanner, string content, ScanOptions options, bool json, bool redact, TextWriter stdout, TextWriter stderr)
    {
        var result = scanner.Scan(content, options);
        if (result.ErrorCode is not null)
        {
            stderr.WriteLine($"The content could not be scanned: {result.ErrorCode}.");
            if (json)
            {
                stdout.WriteLine(Serialize(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("verdict", DetectionCliSupport.Name(result.Verdict));
                    writer.WriteString("error", result.ErrorCode);
                    writer.WriteStartArray("findings");
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }));
            }

            return CliApp.ExitUsage;
        }

        var lines = LineStarts(content);
        if (redact)
        {
            stdout.Write(result.RedactedContent ?? string.Empty);
            if (result.Verdict == ScanVerdict.Block)
            {
                stderr.WriteLine("The content is blocked by the policy; nothing is printed.");
            }
        }
        else if (json)
        {
            stdout.WriteLine(Serialize(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("verdict", DetectionCliSupport.Name(result.Verdict));
                writer.WriteStartArray("findings");
                foreach (var finding in result.Findings)
                {
                    DetectionCliSupport.WriteFinding(writer, finding, Position(lines, finding.Start));
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }));
        }
        else
        {
            foreach (var finding in result.Findings)
            {
                var (line, column) = Position(lines, finding.Start);
                stdout.WriteLine($"{line}:{column}\t{finding.RuleId}\t{DetectionCliSupport.Name(finding.Category)}\t{DetectionCliSupport.Name(finding.Severity)}\t{DetectionCliSupport.Name(finding.Action)}\tconfidence {finding.Confidence:0.00}");
            }

            stdout.WriteLine($"verdict: {DetectionCliSupport.Name(result.Verdict)} ({result.Findings.Count} findings)");
        }

        return result.Findings.Count > 0 ? CliApp.ExitFindings : CliApp.ExitOk;
    }

    private static List<int> LineStarts(string content)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static (int Line, int Column) Position(List<int> starts, int offset)
    {
        var index = starts.BinarySearch(offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        return (index + 1, offset - starts[index] + 1);
    }

    internal static string Serialize(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
