using System.Text;

namespace AegisGate.Detection.Engine;

/// <summary>Replaces redacted findings with typed masks (<c>[REDACTED:AWS_ACCESS_KEY_ID]</c>). Nothing of the matched text survives except, when configured, a card's last four digits.</summary>
internal static class Redactor
{
    public const string CardLabel = "CREDIT_CARD";

    /// <summary>Returns <paramref name="content"/> with every finding whose action is <see cref="DetectionAction.Redact"/> masked.</summary>
    public static string Redact(string content, ScanOutcome outcome, bool cardLastFour)
    {
        var spans = new List<(int Start, int End, string Label, int Severity)>();
        foreach (var finding in outcome.Kept)
        {
            if (outcome.ActionOf(finding) != DetectionAction.Redact)
            {
                continue;
            }

            var start = Math.Clamp(finding.Start, 0, content.Length);
            var end = Math.Clamp(finding.End, start, content.Length);
            if (end > start)
            {
                spans.Add((start, end, finding.Rule.Descriptor.RedactionLabel, (int)finding.Rule.Descriptor.Severity));
            }
        }

        return Apply(content, spans, cardLastFour);
    }

    internal static string Apply(string content, List<(int Start, int End, string Label, int Severity)> spans, bool cardLastFour)
    {
        if (spans.Count == 0)
        {
            return content;
        }

        spans.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var sb = new StringBuilder(content.Length);
        var position = 0;
        var i = 0;
        while (i < spans.Count)
        {
            var (start, end, label, severity) = spans[i];
            i++;

            // Merge overlapping spans; the most severe label names the merged mask.
            var merged = 1;
            while (i < spans.Count && spans[i].Start < end)
            {
                end = Math.Max(end, spans[i].End);
                if (spans[i].Severity > severity)
                {
                    label = spans[i].Label;
                    severity = spans[i].Severity;
                }

                merged++;
                i++;
            }

            sb.Append(content, position, start - position);
            sb.Append("[REDACTED:").Append(label);
            if (cardLastFour && merged == 1 && label == CardLabel)
            {
                var digits = LastDigits(content.AsSpan(start, end - start), 4);
                if (digits.Length == 4)
                {
                    sb.Append(':').Append(digits);
                }
            }

            sb.Append(']');
            position = end;
        }

        sb.Append(content, position, content.Length - position);
        return sb.ToString();
    }

    private static string LastDigits(ReadOnlySpan<char> value, int count)
    {
        Span<char> buffer = stackalloc char[count];
        var n = 0;
        for (var k = value.Length - 1; k >= 0 && n < count; k--)
        {
            if (char.IsAsciiDigit(value[k]))
            {
                buffer[count - 1 - n] = value[k];
                n++;
            }
        }

        return n == count ? new string(buffer) : string.Empty;
    }
}
