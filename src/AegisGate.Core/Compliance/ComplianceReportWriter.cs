using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text.Json;

namespace AegisGate.Compliance;

/// <summary>Formats of a compliance report.</summary>
public enum ComplianceReportFormat
{
    /// <summary>Plain text for terminals.</summary>
    Text,

    /// <summary>JSON (<c>application/json</c>).</summary>
    Json,

    /// <summary>Markdown, for pull requests and audit binders.</summary>
    Markdown,
}

/// <summary>Writes <see cref="ComplianceReport"/>s as text, JSON or Markdown (used by the CLI and the HTTP API).</summary>
public static class ComplianceReportWriter
{
    /// <summary>Parses a format name (<c>text</c>, <c>json</c>, <c>markdown</c>/<c>md</c>).</summary>
    /// <param name="name">The name.</param>
    /// <param name="format">The format.</param>
    /// <returns><see langword="true"/> when the name is a format.</returns>
    public static bool TryParseFormat(string? name, out ComplianceReportFormat format)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "text" or "txt":
                format = ComplianceReportFormat.Text;
                return true;
            case "json":
                format = ComplianceReportFormat.Json;
                return true;
            case "markdown" or "md":
                format = ComplianceReportFormat.Markdown;
                return true;
            default:
                format = default;
                return false;
        }
    }

    /// <summary>Formats a report.</summary>
    /// <param name="report">The report.</param>
    /// <param name="format">The format.</param>
    /// <returns>The formatted report.</returns>
    public static string Write(ComplianceReport report, ComplianceReportFormat format)
    {
        ArgumentNullException.ThrowIfNull(report);
        return format switch
        {
            ComplianceReportFormat.Json => Encoding.UTF8.GetString(WriteJson(report)),
            ComplianceReportFormat.Markdown => WriteMarkdown(report),
            _ => WriteText(report),
        };
    }

    /// <summary>Writes a report as UTF-8 JSON.</summary>
    /// <param name="report">The report.</param>
    /// <returns>The JSON bytes.</returns>
    public static byte[] WriteJson(ComplianceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) }))
        {
            w.WriteStartObject();
            w.WriteStartObject("framework");
            w.WriteString("id", report.FrameworkId);
            WriteNullable(w, "name", report.FrameworkName);
            WriteNullable(w, "version", report.FrameworkVersion);
            WriteNullable(w, "url", report.FrameworkUrl);
            w.WriteEndObject();
            w.WriteString("generatedAt", report.GeneratedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteString("status", Name(report.Status));
            WriteNullable(w, "code", report.ErrorCode);
            WriteNullable(w, "message", report.Message);
            w.WriteStartObject("summary");
            w.WriteNumber("controls", report.Controls.Count);
            w.WriteNumber("passed", report.PassedCount);
            w.WriteNumber("failed", report.FailedCount);
            w.WriteEndObject();
            w.WriteStartArray("controls");
            foreach (var control in report.Controls)
            {
                w.WriteStartObject();
                w.WriteString("id", control.Id);
                w.WriteString("title", control.Title);
                w.WriteString("status", Name(control.Status));
                w.WriteStartArray("evidence");
                foreach (var evidence in control.Evidence)
                {
                    w.WriteStartObject();
                    w.WriteString("id", evidence.Id);
                    w.WriteBoolean("satisfied", evidence.Satisfied);
                    w.WriteString("detail", evidence.Detail);
                    w.WriteString("source", evidence.Source);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("missingEvidence");
                foreach (var missing in control.MissingEvidence)
                {
                    w.WriteStringValue(missing);
                }

                w.WriteEndArray();
                w.WriteStartArray("findings");
                foreach (var finding in control.Findings)
                {
                    w.WriteStringValue(finding);
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("providerErrors");
            foreach (var error in report.ProviderErrors)
            {
                w.WriteStringValue(error);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string WriteText(ComplianceReport report)
    {
        var b = new StringBuilder();
        if (!report.IsRegistered)
        {
            b.Append("Compliance report: ").Append(report.FrameworkId).AppendLine();
            b.Append("Status: FAIL (").Append(report.ErrorCode).Append(") ").AppendLine(report.Message);
            return b.ToString();
        }

        b.Append("Compliance report: ").Append(report.FrameworkName).Append(" (").Append(report.FrameworkId).Append(", version ").Append(report.FrameworkVersion).AppendLine(")");
        b.Append("Generated: ").AppendLine(report.GeneratedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        b.Append("Status: ").Append(report.Status == ComplianceStatus.Pass ? "PASS" : "FAIL")
            .Append(CultureInfo.InvariantCulture, $" ({report.PassedCount}/{report.Controls.Count} controls pass)").AppendLine();
        b.AppendLine();
        foreach (var control in report.Controls)
        {
            b.Append(control.Status == ComplianceStatus.Pass ? "[PASS] " : "[FAIL] ").Append(control.Id).Append("  ").AppendLine(control.Title);
            foreach (var evidence in control.Evidence)
            {
                b.Append("       ").Append(evidence.Satisfied ? "+ " : "- ").Append(evidence.Id).Append(": ").Append(evidence.Detail).Append(" [").Append(evidence.Source).AppendLine("]");
            }

            foreach (var missing in control.MissingEvidence)
            {
                b.Append("       ? ").Append(missing).Append(": no evidence reported (").Append(Describe(missing)).AppendLine(")");
            }

            if (control.Findings.Count > 0)
            {
                b.Append("       findings: ").AppendLine(string.Join(", ", control.Findings));
            }
        }

        foreach (var error in report.ProviderErrors)
        {
            b.Append("warning: ").AppendLine(error);
        }

        return b.ToString();
    }

    private static string WriteMarkdown(ComplianceReport report)
    {
        var b = new StringBuilder();
        if (!report.IsRegistered)
        {
            b.Append("# Compliance report: `").Append(Md(report.FrameworkId)).AppendLine("`").AppendLine();
            b.Append("**Status: FAIL** — `").Append(report.ErrorCode).Append("`: ").AppendLine(Md(report.Message ?? string.Empty));
            return b.ToString();
        }

        b.Append("# Compliance report: ").AppendLine(Md(report.FrameworkName ?? report.FrameworkId)).AppendLine();
        b.Append("- Framework: `").Append(report.FrameworkId).Append("`, version ").AppendLine(Md(report.FrameworkVersion ?? string.Empty));
        if (report.FrameworkUrl is not null)
        {
            b.Append("- Reference: <").Append(report.FrameworkUrl).AppendLine(">");
        }

        b.Append("- Generated: ").AppendLine(report.GeneratedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        b.Append("- **Status: ").Append(report.Status == ComplianceStatus.Pass ? "PASS" : "FAIL")
            .Append(CultureInfo.InvariantCulture, $"** ({report.PassedCount}/{report.Controls.Count} controls pass)").AppendLine().AppendLine();
        b.AppendLine("| control | title | status | evidence |");
        b.AppendLine("|---|---|---|---|");
        foreach (var control in report.Controls)
        {
            var evidence = control.Evidence.Select(e => (e.Satisfied ? "✅ " : "❌ ") + "`" + e.Id + "`")
                .Concat(control.MissingEvidence.Select(static m => "❔ `" + m + "` (not reported)"));
            b.Append("| `").Append(Md(control.Id)).Append("` | ").Append(Md(control.Title)).Append(" | ")
                .Append(control.Status == ComplianceStatus.Pass ? "PASS" : "**FAIL**").Append(" | ")
                .Append(string.Join("<br>", evidence)).AppendLine(" |");
        }

        b.AppendLine().AppendLine("## Evidence").AppendLine();
        foreach (var item in report.Controls.SelectMany(static c => c.Evidence).DistinctBy(static e => (e.Id, e.Source, e.Satisfied, e.Detail)).OrderBy(static e => e.Id, StringComparer.Ordinal))
        {
            b.Append("- ").Append(item.Satisfied ? "✅" : "❌").Append(" `").Append(item.Id).Append("` — ").Append(Md(item.Detail)).Append(" _(").Append(Md(item.Source)).AppendLine(")_");
        }

        var missingIds = report.Controls.SelectMany(static c => c.MissingEvidence).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (missingIds.Count > 0)
        {
            b.AppendLine().AppendLine("## Missing evidence").AppendLine();
            foreach (var id in missingIds)
            {
                b.Append("- `").Append(id).Append("` — ").AppendLine(Md(Describe(id)));
            }
        }

        if (report.ProviderErrors.Count > 0)
        {
            b.AppendLine().AppendLine("## Provider errors").AppendLine();
            foreach (var error in report.ProviderErrors)
            {
                b.Append("- ").AppendLine(Md(error));
            }
        }

        return b.ToString();
    }

    private static string Describe(string evidenceId)
        => ComplianceEvidenceIds.All.TryGetValue(evidenceId, out var description) ? description : "reported by a custom evidence provider";

    private static string Name(ComplianceStatus status) => status == ComplianceStatus.Pass ? "pass" : "fail";

    private static string Md(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal).Replace("\r", string.Empty, StringComparison.Ordinal);

    private static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
