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

        // Only a document that needs redaction is turned into a string: unchanged content is forwarded as the original
        // bytes, and a copy of a large body would cost a large-object-heap allocation per scan for nothing.
        string? redacted = null;
        if (options.ProduceRedacted && outcome.Verdict == ScanVerdict.Redact)
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

        // The joined text is written into a pooled buffer (a UTF-8 value never decodes to more UTF-16 code units than it
        // has bytes) and becomes one string at the end.
        var sb = new CharBuffer(json.Length + 64);
        var containers = new List<(bool IsArray, int Count)>();
        var selectors = new List<string>();
        string? pendingName = null;
        try
        {
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
                            var lineStart = sb.Length;
                            if (pendingName is not null)
                            {
                                sb.Append(pendingName);
                                sb.Append(": ");
                            }

                            var textStart = sb.Length;
                            var valueLength = reader.TokenType == JsonTokenType.String
                                ? sb.AppendString(ref reader)
                                : sb.AppendAscii(reader.ValueSpan);
                            sb.Append("\n");
                            segments.Add(new JsonValueSegment(lineStart, textStart, valueLength, path, (int)reader.TokenStartIndex, (int)reader.BytesConsumed));
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
        finally
        {
            sb.Dispose();
        }
    }

    /// <summary>A growable pooled character buffer.</summary>
    private struct CharBuffer : IDisposable
    {
        private char[] _buffer;

        public CharBuffer(int capacity)
        {
            _buffer = System.Buffers.ArrayPool<char>.Shared.Rent(Math.Max(256, capacity));
            Length = 0;
        }

        public int Length { get; private set; }

        public void Append(string value)
        {
            Ensure(value.Length);
            value.CopyTo(_buffer.AsSpan(Length));
            Length += value.Length;
        }

        public int AppendString(ref Utf8JsonReader reader)
        {
            var needed = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
            Ensure(needed);
            var written = reader.CopyString(_buffer.AsSpan(Length));
            Length += written;
            return written;
        }

        public int AppendAscii(ReadOnlySpan<byte> number)
        {
            Ensure(number.Length);
            var written = Encoding.UTF8.GetChars(number, _buffer.AsSpan(Length));
            Length += written;
            return written;
        }

        public void AppendUtf8(ReadOnlySpan<byte> utf8)
        {
            Ensure(utf8.Length);
            Length += Encoding.UTF8.GetChars(utf8, _buffer.AsSpan(Length));
        }

        public void AppendJsonEscaped(ReadOnlySpan<char> value)
        {
            while (true)
            {
                Ensure(value.Length + 16);
                var status = s_encoder.Encode(value, _buffer.AsSpan(Length), out var consumed, out var written);
                Length += written;
                if (status == System.Buffers.OperationStatus.Done)
                {
                    return;
                }

                if (status != System.Buffers.OperationStatus.DestinationTooSmall)
                {
                    throw new InvalidOperationException("The redacted JSON value could not be encoded.");
                }

                value = value[consumed..];
                Ensure(Math.Max(64, value.Length * 2));
            }
        }

        public void AppendMask(string label, string? digits)
        {
            Ensure(Redactor.MaskLength(label, digits));
            Length += Redactor.WriteMask(_buffer.AsSpan(Length), label, digits);
        }

        public override readonly string ToString() => new(_buffer, 0, Length);

        public void Dispose()
        {
            System.Buffers.ArrayPool<char>.Shared.Return(_buffer);
            _buffer = [];
        }

        private void Ensure(int more)
        {
            if (Length + more <= _buffer.Length)
            {
                return;
            }

            var bigger = System.Buffers.ArrayPool<char>.Shared.Rent(Math.Max(_buffer.Length * 2, Length + more));
            _buffer.AsSpan(0, Length).CopyTo(bigger);
            System.Buffers.ArrayPool<char>.Shared.Return(_buffer);
            _buffer = bigger;
        }
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

    // The original document with each redacted value replaced, written into one pooled buffer: unchanged bytes are
    // transcoded as they are, a redacted value is written piece by piece (text between masks JSON-escaped with the same
    // encoder JsonEncodedText would use, masks as they are), so no intermediate copy of a large value is made.
    private static string Splice(ReadOnlySpan<byte> json, string combined, List<JsonValueSegment> segments, Dictionary<int, List<(int Start, int End, string Label, int Severity)>> perValue, bool lastFour)
    {
        var output = new CharBuffer(json.Length + 64);
        try
        {
            var position = 0;
            foreach (var index in perValue.Keys.Order())
            {
                var segment = segments[index];
                output.AppendUtf8(json[position..segment.ByteStart]);
                var value = combined.AsSpan(segment.TextStart, segment.TextLength);
                output.Append("\"");
                var at = 0;
                foreach (var (start, end, label, digits) in Redactor.Merge(value, perValue[index], lastFour))
                {
                    output.AppendJsonEscaped(value[at..start]);
                    output.AppendMask(label, digits);
                    at = end;
                }

                output.AppendJsonEscaped(value[at..]);
                output.Append("\"");
                position = segment.ByteEnd;
            }

            output.AppendUtf8(json[position..]);
            return output.ToString();
        }
        finally
        {
            output.Dispose();
        }
    }

    private readonly record struct JsonValueSegment(int LineStart, int TextStart, int TextLength, string Path, int ByteStart, int ByteEnd);
}
