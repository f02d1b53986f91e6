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

        // Sized first, so the redacted text is written once, straight into the new string.
        var masks = Merge(content, spans, cardLastFour);
        var length = content.Length;
        foreach (var (start, end, label, digits) in masks)
        {
            length += MaskLength(label, digits) - (end - start);
        }

        return string.Create(length, (content, masks), static (output, state) =>
        {
            var (content, masks) = state;
            var position = 0;
            var written = 0;
            foreach (var (start, end, label, digits) in masks)
            {
                content.AsSpan(position, start - position).CopyTo(output[written..]);
                written += start - position;
                written += WriteMask(output[written..], label, digits);
                position = end;
            }

            content.AsSpan(position).CopyTo(output[written..]);
        });
    }

    /// <summary>Sorts and merges overlapping spans (the most severe label names the merged mask) into the masks to write.</summary>
    internal static List<(int Start, int End, string Label, string? Digits)> Merge(ReadOnlySpan<char> content, List<(int Start, int End, string Label, int Severity)> spans, bool cardLastFour)
    {
        spans.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        var masks = new List<(int Start, int End, string Label, string? Digits)>(spans.Count);
        var i = 0;
        while (i < spans.Count)
        {
            var (start, end, label, severity) = spans[i];
            i++;
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

            string? digits = null;
            if (cardLastFour && merged == 1 && label == CardLabel)
            {
                digits = LastDigits(content[start..end], 4);
                digits = digits.Length == 4 ? digits : null;
            }

            masks.Add((start, end, label, digits));
        }

        return masks;
    }

    private const string MaskPrefix = "[REDACTED:";

    internal static int MaskLength(string label, string? digits) => MaskPrefix.Length + label.Length + (digits is null ? 0 : 1 + digits.Length) + 1;

    internal static int WriteMask(Span<char> output, string label, string? digits)
    {
        MaskPrefix.CopyTo(output);
        var n = MaskPrefix.Length;
        label.CopyTo(output[n..]);
        n += label.Length;
        if (digits is not null)
        {
            output[n++] = ':';
            digits.CopyTo(output[n..]);
            n += digits.Length;
        }

        output[n++] = ']';
        return n;
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
