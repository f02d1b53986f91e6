using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AegisGate.Detection;

namespace AegisGate.Cli.Commands;

/// <summary>
/// <c>aegisgate eval --corpus DIR</c>: runs the engine over labelled JSON Lines files and prints recall (positive rows
/// with a finding of the file's category) and false-positive rate (negative rows with one) per file and per category
/// family. Files: <c>injection.jsonl</c> (attack/benign), <c>secrets.jsonl</c> (secret/clean), <c>pii.jsonl</c> (pii/clean);
/// other files count findings of any category.
/// </summary>
internal static class EvalCommand
{
    private static readonly HashSet<string> s_positive = new(StringComparer.OrdinalIgnoreCase) { "attack", "secret", "pii", "positive", "malicious", "injection", "1", "true" };
    private static readonly HashSet<string> s_negative = new(StringComparer.OrdinalIgnoreCase) { "benign", "clean", "negative", "safe", "0", "false" };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var corpus = new Option<string>("--corpus") { Description = "The directory of labelled JSONL files (fields: text, label, category).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the metrics as JSON." };
        var source = new Option<string>("--source") { Description = "Scan the rows as this source: user, document, tool-output, model-response.", DefaultValueFactory = _ => "user" };
        var misses = new Option<int>("--show-errors") { Description = "Print up to N missed positives and false positives per file: row, full category, rule ids and a masked preview (long tokens cut to their first 3 characters).", DefaultValueFactory = _ => 0 };
        var detail = new Option<bool>("--by-category") { Description = "Group by the full category (family:subset) instead of the family." };
        var bySource = new Option<bool>("--by-source") { Description = "Group by the source repository of each row (the 'source' field up to '@' or ':'), as the corpus README recommends." };
        var command = new Command("eval", "Measure recall and false-positive rate on a labelled corpus.") { corpus, json, source, misses, detail, bySource };
        command.SetAction(parse =>
        {
            var directory = parse.GetValue(corpus)!;
            if (!Directory.Exists(directory))
            {
                stderr.WriteLine($"Corpus directory '{directory}' does not exist.");
                return CliApp.ExitUsage;
            }

            if (!DetectionCliSupport.TryParseSource(parse.GetValue(source), out var contentSource))
            {
                stderr.WriteLine("Unknown --source. Use user, document, tool-output or model-response.");
                return CliApp.ExitUsage;
            }

            var files = Directory.GetFiles(directory, "*.jsonl").Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0)
            {
                stderr.WriteLine($"No .jsonl files in '{directory}'.");
                return CliApp.ExitUsage;
            }

            var scanner = DetectionCliSupport.CreateScanner(stderr, null);
            if (scanner is null)
            {
                return CliApp.ExitUsage;
            }

            var grouping = parse.GetValue(bySource) ? Grouping.Source : parse.GetValue(detail) ? Grouping.Category : Grouping.Family;
            var reports = files.Select(f => Evaluate(scanner, f, new ScanOptions { Source = contentSource }, grouping)).ToList();
            if (parse.GetValue(json))
            {
                stdout.WriteLine(ScanCommand.Serialize(writer => WriteJson(writer, reports)));
            }
            else
            {
                WriteText(stdout, reports, parse.GetValue(misses));
            }

            return CliApp.ExitOk;
        });

        return command;
    }

    /// <summary>How rows are grouped in the report.</summary>
    internal enum Grouping
    {
        Family,
        Category,
        Source,
    }

    internal static EvalReport Evaluate(ContentScanner scanner, string path, ScanOptions options, Grouping grouping = Grouping.Family)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        DetectionCategory? category = name.ToLowerInvariant() switch
        {
            "injection" => DetectionCategory.Injection,
            "secrets" or "secret" => DetectionCategory.Secret,
            "pii" => DetectionCategory.Pii,
            "exfiltration" => DetectionCategory.Exfiltration,
            _ => null,
        };
        var report = new EvalReport(name, category);
        var row = 0;
        foreach (var line in File.ReadLines(path))
        {
            row++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var text = root.TryGetProperty("text", out var t) ? t.GetString() ?? string.Empty : string.Empty;
            var label = root.TryGetProperty("label", out var l) ? l.ToString() : string.Empty;
            var fullCategory = root.TryGetProperty("category", out var c) ? c.GetString() ?? string.Empty : string.Empty;
            var family = grouping switch
            {
                Grouping.Category => fullCategory,
                Grouping.Source => SourceRepository(root),
                _ => fullCategory.Split(':')[0],
            };
            var positive = s_positive.Contains(label);
            if (!positive && !s_negative.Contains(label))
            {
                continue;
            }

            var result = scanner.Scan(text, options);
            var hits = result.Findings.Where(f => category is null || f.Category == category).ToList();
            var flagged = hits.Count > 0 || (result.ErrorCode is not null && result.Verdict == ScanVerdict.Block);
            report.Add(family, positive, flagged, row, hits.Select(h => h.RuleId).Distinct().ToList(), fullCategory, Preview(text));
        }

        return report;
    }

    private static void WriteText(TextWriter stdout, List<EvalReport> reports, int showErrors)
    {
        foreach (var report in reports)
        {
            stdout.WriteLine($"== {report.Name} ({(report.Category is { } c ? DetectionCliSupport.Name(c) + " findings" : "any finding")}) ==");
            stdout.WriteLine($"  recall {Pct(report.Recall)} ({report.TruePositives}/{report.Positives})   FPR {Pct(report.FalsePositiveRate)} ({report.FalsePositives}/{report.Negatives})");
            foreach (var family in report.Families.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var f = family.Value;
                if (f.Positives > 0)
                {
                    stdout.WriteLine($"    {family.Key,-34} recall {Pct(f.Positives == 0 ? 0 : f.TruePositives / (double)f.Positives)} ({f.TruePositives}/{f.Positives})");
                }

                if (f.Negatives > 0)
                {
                    stdout.WriteLine($"    {family.Key,-34} FPR    {Pct(f.Negatives == 0 ? 0 : f.FalsePositives / (double)f.Negatives)} ({f.FalsePositives}/{f.Negatives})");
                }
            }

            if (showErrors > 0)
            {
                foreach (var (row, category, preview) in report.Misses.Take(showErrors))
                {
                    stdout.WriteLine($"    missed row {row} ({category}) {preview}");
                }

                foreach (var (row, category, rules, preview) in report.FalseAlarms.Take(showErrors))
                {
                    stdout.WriteLine($"    false positive row {row} ({category}): {string.Join(",", rules)} {preview}");
                }
            }
        }
    }

    private static void WriteJson(Utf8JsonWriter writer, List<EvalReport> reports)
    {
        writer.WriteStartObject();
        writer.WriteStartArray("files");
        foreach (var report in reports)
        {
            writer.WriteStartObject();
            writer.WriteString("file", report.Name);
            writer.WriteNumber("positives", report.Positives);
            writer.WriteNumber("negatives", report.Negatives);
            writer.WriteNumber("recall", Math.Round(report.Recall, 4));
            writer.WriteNumber("falsePositiveRate", Math.Round(report.FalsePositiveRate, 4));
            writer.WriteStartArray("families");
            foreach (var (name, f) in report.Families.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("family", name);
                writer.WriteNumber("positives", f.Positives);
                writer.WriteNumber("truePositives", f.TruePositives);
                writer.WriteNumber("negatives", f.Negatives);
                writer.WriteNumber("falsePositives", f.FalsePositives);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static string SourceRepository(JsonElement root)
    {
        var source = root.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() ?? string.Empty : string.Empty;
        var end = source.IndexOfAny(['@', ':']);
        return end > 0 ? source[..end] : source.Length > 0 ? source : "(no source)";
    }

    /// <summary>
    /// A preview of a row that never reproduces a credential or identifier: whitespace collapsed, at most 72 characters,
    /// and every run of 6 or more token characters (letters, digits, _ - + / = .) cut to its first 3 characters + '…'.
    /// </summary>
    internal static string Preview(string text)
    {
        var sb = new System.Text.StringBuilder(80);
        sb.Append('«');
        var i = 0;
        var written = 0;
        while (i < text.Length && written < 72)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                sb.Append(' ');
                written++;
                continue;
            }

            var end = i;
            while (end < text.Length && IsTokenChar(text[end]))
            {
                end++;
            }

            if (end - i >= 6)
            {
                sb.Append(text, i, 3).Append('…');
                written += 4;
                i = end;
            }
            else if (end > i)
            {
                sb.Append(text, i, end - i);
                written += end - i;
                i = end;
            }
            else
            {
                sb.Append(text[i]);
                written++;
                i++;
            }
        }

        return sb.Append(i < text.Length ? "…»" : "»").ToString();

        static bool IsTokenChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' or '+' or '/' or '=' or '.' or '~';
    }

    private static string Pct(double value) => value.ToString("0.0%", CultureInfo.InvariantCulture);

    internal sealed class EvalReport(string name, DetectionCategory? category)
    {
        public string Name { get; } = name;

        public DetectionCategory? Category { get; } = category;

        public Dictionary<string, FamilyCounts> Families { get; } = new(StringComparer.Ordinal);

        public List<(int Row, string Category, string Preview)> Misses { get; } = [];

        public List<(int Row, string Category, List<string> Rules, string Preview)> FalseAlarms { get; } = [];

        public int Positives => Families.Values.Sum(f => f.Positives);

        public int TruePositives => Families.Values.Sum(f => f.TruePositives);

        public int Negatives => Families.Values.Sum(f => f.Negatives);

        public int FalsePositives => Families.Values.Sum(f => f.FalsePositives);

        public double Recall => Positives == 0 ? 0 : TruePositives / (double)Positives;

        public double FalsePositiveRate => Negatives == 0 ? 0 : FalsePositives / (double)Negatives;

        public void Add(string family, bool positive, bool flagged, int row, List<string> rules, string category = "", string preview = "")
        {
            if (!Families.TryGetValue(family, out var counts))
            {
                Families[family] = counts = new FamilyCounts();
            }

            if (positive)
            {
                counts.Positives++;
                counts.TruePositives += flagged ? 1 : 0;
                if (!flagged)
                {
                    Misses.Add((row, category.Length > 0 ? category : family, preview));
                }
            }
            else
            {
                counts.Negatives++;
                counts.FalsePositives += flagged ? 1 : 0;
                if (flagged)
                {
                    FalseAlarms.Add((row, category.Length > 0 ? category : family, rules, preview));
                }
            }
        }
    }

    internal sealed class FamilyCounts
    {
        public int Positives { get; set; }

        public int TruePositives { get; set; }

        public int Negatives { get; set; }

        public int FalsePositives { get; set; }
    }
}
