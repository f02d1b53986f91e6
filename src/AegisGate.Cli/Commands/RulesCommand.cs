using System.CommandLine;
using System.Text.Json;
using AegisGate.Detection;

namespace AegisGate.Cli.Commands;

/// <summary><c>aegisgate rules [--json]</c>: lists every detection rule with id, category, severity, action and compliance mappings.</summary>
internal static class RulesCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var json = new Option<bool>("--json") { Description = "Print {\"rules\":[...]} JSON." };
        var category = new Option<string?>("--category") { Description = "Only rules of one category: secret, pii, injection, exfiltration." };
        var packs = new Option<string[]>("--rule-pack") { Description = "A custom YAML rule pack to include (repeatable).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("rules", "List the detection rules (built-in and custom packs).") { json, category, packs };
        command.SetAction(parse =>
        {
            var scanner = DetectionCliSupport.CreateScanner(stderr, parse.GetValue(packs));
            if (scanner is null)
            {
                return CliApp.ExitUsage;
            }

            var filter = parse.GetValue(category)?.ToLowerInvariant();
            if (filter is not null && filter is not ("secret" or "pii" or "injection" or "exfiltration"))
            {
                stderr.WriteLine($"Unknown category '{filter}'. Use secret, pii, injection or exfiltration.");
                return CliApp.ExitUsage;
            }

            var rules = scanner.Rules.Where(r => filter is null || DetectionCliSupport.Name(r.Category) == filter).ToList();
            if (parse.GetValue(json))
            {
                using var stream = new MemoryStream();
                using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
                {
                    writer.WriteStartObject();
                    writer.WriteNumber("count", rules.Count);
                    writer.WriteStartArray("rules");
                    foreach (var rule in rules)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("id", rule.Id);
                        writer.WriteString("name", rule.Name);
                        writer.WriteString("category", DetectionCliSupport.Name(rule.Category));
                        writer.WriteString("severity", DetectionCliSupport.Name(rule.Severity));
                        writer.WriteString("defaultAction", DetectionCliSupport.Name(rule.DefaultAction));
                        writer.WriteNumber("confidence", rule.Confidence);
                        writer.WriteString("redactionLabel", rule.RedactionLabel);
                        writer.WriteStartArray("mappings");
                        foreach (var mapping in rule.Mappings)
                        {
                            writer.WriteStringValue(mapping);
                        }

                        writer.WriteEndArray();
                        writer.WriteString("description", rule.Description);
                        writer.WriteBoolean("custom", rule.IsCustom);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                stdout.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
                return CliApp.ExitOk;
            }

            stdout.WriteLine($"{"ID",-48} {"CATEGORY",-12} {"SEVERITY",-9} {"ACTION",-8} MAPPINGS");
            foreach (var rule in rules)
            {
                stdout.WriteLine($"{rule.Id,-48} {DetectionCliSupport.Name(rule.Category),-12} {DetectionCliSupport.Name(rule.Severity),-9} {DetectionCliSupport.Name(rule.DefaultAction),-8} {string.Join(", ", rule.Mappings)}");
            }

            var counts = rules.GroupBy(r => DetectionCliSupport.Name(r.Category)).Select(g => $"{g.Key} {g.Count()}");
            stdout.WriteLine();
            stdout.WriteLine($"{rules.Count} rules ({string.Join(", ", counts)}).");
            return CliApp.ExitOk;
        });

        return command;
    }
}
