using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AegisGate.Detection.Engine;

/// <summary>
/// Scans the string (and number) values of a JSON document in one pass: the values are joined into one text, each
/// line prefixed with its property name (so <c>"password": "…"</c> keeps its keyword), scanned once, and findings are
/// mapped back to the value and its JSON path. The redacted document is the original bytes with redacted values
/// spliced in, so formatting and every other byte stay as they were.
/// </summary>
internal static class JsonScanner
{
    private static readonly JavaScriptEncoder s_encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static ScanResult Scan(DetectionEngine engine, EngineState state, ReadOnlyMemory<byte> utf8Json, ScanOptions options)
    {
        if (utf8Json.Length > (long)state.Options.MaxContentChars * 3)
        {
            return DetectionEngine.Blocked(AegisErrorCodes.ScanLimitExceeded);
        }

        List<JsonValueSegment> segments;
        string combined;
        try
        {
            (segments, combined) = Collect(utf8Json.Span, state.Options);
        }
        catch (JsonException)
        {
            return DetectionEngine.Blocked(AegisErrorCodes.ScanInvalidInput);
        }
        catch (InvalidOperationException)
        {
            return DetectionEngine.Blocked(AegisErrorCodes.ScanInvalidInput);
        }
        catch (ScanLimitException)
        {
            return DetectionEngine.Blocked(AegisErrorCodes.ScanLimitExceeded);
        }

        var outcome = engine.ScanText(state, combined, options, priorInjection: null);
        if (outcome.ErrorCode is not null)
        {
            return DetectionEngine.Blocked(outcome.ErrorCode);
        }

        var findings = new List<DetectionFinding>(outcome.Kept.Count);
        var perValue = new Dictionary<int, List<(int Start, int End, string Label, int Severity)>>();
        foreach (var raw in outcome.Kept)
        {
            var index = FindSegment(segments, raw.Start);
            if (index < 0)
            {
                continue;
            }

            var segment = segments[index];
            var start = Math.Max(raw.Start, segment.TextStart) - segment.TextStart;
            var end = Math.Min(raw.End, segment.TextStart + segment.TextLength) - segment.TextStart;
            if (end <= start)
            {
                // Only inside the property-name prefix (or the separator): report it on the value's path, at offset 0.
                start = 0;
                end = 0;
            }

            findings.Add(outcome.ToFinding(raw, segment.Path, 0) with { Start = start, End = end });
            if (outcome.ActionOf(raw) == DetectionAction.Redact && end > start)
            {
                if (!perValue.TryGetValue(index, out var list))
                {
                    perValue[index] = list = [];
                }

                list.Add((start, end, raw.Rule.Descriptor.RedactionLabel, (int)raw.Rule.Descriptor.Severity));
            }
        }

        string? redacted = null;
        if (options.ProduceRedacted && outcome.Verdict != ScanVerdict.Block)
        {
            redacted = perValue.Count == 0
                ? Encoding.UTF8.GetString(utf8Json.Span)
                : Splice(utf8Json.Span, combined, segments, perValue, state.Options.RedactCardLastFour);
        }

        return new ScanResult { Verdict = outcome.Verdict, Findings = findings, RedactedContent = redacted };
    }

    private static int FindSegment(List<JsonValueSegment> segments, int position)
    {
        int lo = 0, hi = segments.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (segments[mid].LineStart <= position)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }

    private static (List<JsonValueSegment> Segments, string Combined) Collect(ReadOnlySpan<byte> json, AegisDetectionOptions options)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = options.MaxJsonDepth, CommentHandling = JsonCommentHandling.Disallow });
        var segments = new List<JsonValueSegment>();
        var sb = new StringBuilder(json.Length);
        var containers = new List<(bool IsArray, int Count)>();
        var selectors = new List<string>();
        string? pendingName = null;
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                case JsonTokenType.StartArray:
                    selectors.Add(NextSelector(containers, pendingName));
                    containers.Add((reader.TokenType == JsonTokenType.StartArray, 0));
                    pendingName = null;
                    break;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    containers.RemoveAt(containers.Count - 1);
                    selectors.RemoveAt(selectors.Count - 1);
                    break;
                case JsonTokenType.PropertyName:
                    pendingName = reader.GetString();
                    break;
                case JsonTokenType.String:
                case JsonTokenType.Number:
                    {
                        var path = "$" + string.Concat(selectors) + NextSelector(containers, pendingName);
                        var value = reader.TokenType == JsonTokenType.String ? reader.GetString()! : Encoding.UTF8.GetString(reader.ValueSpan);
                        var lineStart = sb.Length;
                        if (pendingName is not null)
                        {
                            sb.Append(pendingName).Append(": ");
                        }

                        var textStart = sb.Length;
                        sb.Append(value).Append('\n');
                        segments.Add(new JsonValueSegment(lineStart, textStart, value.Length, path, (int)reader.TokenStartIndex, (int)reader.BytesConsumed));
                        pendingName = null;
                        if (sb.Length > options.MaxContentChars)
                        {
                            throw new ScanLimitException("json text");
                        }

                        break;
                    }

                default:
                    NextSelector(containers, pendingName);
                    pendingName = null;
                    break;
            }
        }

        return (segments, sb.ToString());
    }

    // The selector of the next value in the innermost container: ".name", "['odd name']" or "[index]"; empty at the root.
    private static string NextSelector(List<(bool IsArray, int Count)> containers, string? name)
    {
        if (containers.Count == 0)
        {
            return string.Empty;
        }

        var (isArray, count) = containers[^1];
        containers[^1] = (isArray, count + 1);
        if (isArray)
        {
            return "[" + count.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";
        }

        var sb = new StringBuilder();
        AppendName(sb, name ?? string.Empty);
        return sb.ToString();
    }

    private static void AppendName(StringBuilder sb, string name)
    {
        var simple = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_');
        foreach (var c in name)
        {
            simple &= char.IsAsciiLetterOrDigit(c) || c == '_';
        }

        if (simple)
        {
            sb.Append('.').Append(name);
        }
        else
        {
            sb.Append("['").Append(name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)).Append("']");
        }
    }

    private static string Splice(ReadOnlySpan<byte> json, string combined, List<JsonValueSegment> segments, Dictionary<int, List<(int Start, int End, string Label, int Severity)>> perValue, bool lastFour)
    {
        var output = new StringBuilder(json.Length + 64);
        var position = 0;
        foreach (var index in perValue.Keys.Order())
        {
            var segment = segments[index];
            output.Append(Encoding.UTF8.GetString(json[position..segment.ByteStart]));
            var value = combined.Substring(segment.TextStart, segment.TextLength);
            var redactedValue = Redactor.Apply(value, perValue[index], lastFour);
            output.Append('"').Append(JsonEncodedText.Encode(redactedValue, s_encoder).Value).Append('"');
            position = segment.ByteEnd;
        }

        output.Append(Encoding.UTF8.GetString(json[position..]));
        return output.ToString();
    }

    private readonly record struct JsonValueSegment(int LineStart, int TextStart, int TextLength, string Path, int ByteStart, int ByteEnd);
}
