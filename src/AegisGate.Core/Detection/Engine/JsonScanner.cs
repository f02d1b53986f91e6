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

    // The ASCII characters the encoder writes as they are, asked of the encoder itself so the two cannot disagree.
    private static readonly System.Buffers.SearchValues<char> s_verbatimAscii = System.Buffers.SearchValues.Create(VerbatimAscii());

    public static ScanResult Scan(DetectionEngine engine, EngineState state, ReadOnlyMemory<byte> utf8Json, ScanOptions options)
    {
        if (utf8Json.Length > (long)state.Options.MaxContentChars * 3)
        {
            return DetectionEngine.Blocked(AegisErrorCodes.ScanLimitExceeded);
        }

        var scratch = JsonScratch.Rent();
        try
        {
            return Scan(engine, state, utf8Json, options, scratch);
        }
        finally
        {
            JsonScratch.Return(scratch);
        }
    }

    private static ScanResult Scan(DetectionEngine engine, EngineState state, ReadOnlyMemory<byte> utf8Json, ScanOptions options, JsonScratch scratch)
    {
        var segments = scratch.Segments;
        var nodes = scratch.Nodes;
        string combined;
        try
        {
            combined = Collect(utf8Json.Span, state.Options, scratch);
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

        if (outcome.Kept.Count == 0)
        {
            // Nothing found (so nothing to redact either): no paths, no per-value lists.
            return new ScanResult { Verdict = outcome.Verdict, Findings = [] };
        }

        var findings = new List<DetectionFinding>(outcome.Kept.Count);
        Dictionary<int, List<(int Start, int End, string Label, int Severity)>>? perValue = null;

        // Findings are sorted by start, so those of one value follow each other: its path is built once.
        var pathIndex = -1;
        var path = string.Empty;
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

            if (index != pathIndex)
            {
                path = PathOf(segment, nodes, combined, utf8Json.Span);
                pathIndex = index;
            }

            findings.Add(outcome.ToFinding(raw, path, 0) with { Start = start, End = end });
            if (outcome.ActionOf(raw) == DetectionAction.Redact && end > start)
            {
                perValue ??= [];
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
            redacted = perValue is null
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

    // The JSON path of a value, built only for values that have findings: the selectors of its containers, then its own
    // (".name", "['odd name']" or "[index]"; its property name is the prefix of its line in the joined text). A
    // container's selector is made here too, from its index or from its property name read again from the document.
    internal static string PathOf(in JsonValueSegment segment, List<JsonNode> nodes, string combined, ReadOnlySpan<byte> json)
    {
        var depth = 0;
        for (var node = segment.Node; node >= 0; node = nodes[node].Parent)
        {
            depth++;
        }

        Span<int> chain = depth <= 64 ? stackalloc int[depth] : new int[depth];
        var k = depth;
        for (var node = segment.Node; node >= 0; node = nodes[node].Parent)
        {
            chain[--k] = node;
        }

        var sb = new StringBuilder("$");
        foreach (var node in chain)
        {
            var n = nodes[node];
            if (n.Parent < 0)
            {
                continue; // the root has no selector
            }

            if (n.Index >= 0)
            {
                AppendIndex(sb, n.Index);
            }
            else
            {
                AppendName(sb, n.NameByteStart >= 0 ? ReadName(json, n.NameByteStart) : string.Empty);
            }
        }

        if (segment.ArrayIndex >= 0)
        {
            AppendIndex(sb, segment.ArrayIndex);
        }
        else if (segment.Node >= 0)
        {
            AppendName(sb, segment.TextStart - segment.LineStart >= 2 ? combined.AsSpan(segment.LineStart, segment.TextStart - segment.LineStart - 2) : default);
        }

        return sb.ToString();
    }

    private static void AppendIndex(StringBuilder sb, int index)
        => sb.Append('[').Append(index.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(']');

    // The property name whose token (its opening quote) starts at byteStart, unescaped.
    private static string ReadName(ReadOnlySpan<byte> json, int byteStart)
    {
        var reader = new Utf8JsonReader(json[byteStart..]);
        return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() ?? string.Empty : string.Empty;
    }

    // Fills the scratch's (empty) segment and node lists and returns the joined text.
    private static string Collect(ReadOnlySpan<byte> json, AegisDetectionOptions options, JsonScratch scratch)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = options.MaxJsonDepth, CommentHandling = JsonCommentHandling.Disallow });
        var segments = scratch.Segments;
        var nodes = scratch.Nodes;

        // The joined text is written into a pooled buffer (a UTF-8 value never decodes to more UTF-16 code units than it
        // has bytes) and becomes one string at the end. A property name is copied there as it is read: it is the prefix
        // of its value's line ("name: value"); before a container or a literal it is taken back out.
        var sb = new CharBuffer(json.Length + 64);
        var containers = scratch.Containers;
        var nameStart = -1;
        var propertyByteStart = -1;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        {
                            // The selector is made only if a path needs it: the array index or where the name is.
                            var nameByteStart = -1;
                            if (nameStart >= 0)
                            {
                                nameByteStart = propertyByteStart;
                                sb.Truncate(nameStart);
                                nameStart = -1;
                            }

                            var (parent, index) = Next(containers);
                            nodes.Add(new JsonNode(parent, index, nameByteStart));
                            containers.Add((reader.TokenType == JsonTokenType.StartArray, 0, nodes.Count - 1));
                            break;
                        }

                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        containers.RemoveAt(containers.Count - 1);
                        break;
                    case JsonTokenType.PropertyName:
                        nameStart = sb.Length;
                        propertyByteStart = (int)reader.TokenStartIndex;
                        sb.AppendString(ref reader);
                        break;
                    case JsonTokenType.String:
                    case JsonTokenType.Number:
                        {
                            var (node, index) = Next(containers);
                            var lineStart = sb.Length;
                            if (nameStart >= 0)
                            {
                                lineStart = nameStart;
                                sb.Append(": ");
                                nameStart = -1;
                            }

                            var textStart = sb.Length;
                            var valueLength = reader.TokenType == JsonTokenType.String
                                ? sb.AppendString(ref reader)
                                : sb.AppendAscii(reader.ValueSpan);
                            sb.Append("\n");
                            segments.Add(new JsonValueSegment(lineStart, textStart, valueLength, node, index, (int)reader.TokenStartIndex, (int)reader.BytesConsumed));
                            if (sb.Length > options.MaxContentChars)
                            {
                                throw new ScanLimitException("json text");
                            }

                            break;
                        }

                    default:
                        Next(containers);
                        if (nameStart >= 0)
                        {
                            sb.Truncate(nameStart);
                            nameStart = -1;
                        }

                        break;
                }
            }

            return sb.ToString();
        }
        finally
        {
            sb.Dispose();
        }
    }

    // The container node of the next value and, in an array, its index (-1 in an object); (-1, -1) at the root.
    private static (int Node, int Index) Next(List<(bool IsArray, int Count, int Node)> containers)
    {
        if (containers.Count == 0)
        {
            return (-1, -1);
        }

        var (isArray, count, node) = containers[^1];
        containers[^1] = (isArray, count + 1, node);
        return (node, isArray ? count : -1);
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

        // Text as the encoder writes it. Runs of ASCII characters the encoder leaves as they are (most text) are copied
        // directly; only the runs in between go through the encoder. The encoder works character by character (a
        // surrogate pair as one), and a run boundary is always next to an ASCII character, so the result is the same.
        public void AppendJsonEscaped(ReadOnlySpan<char> value)
        {
            while (!value.IsEmpty)
            {
                var verbatim = value.IndexOfAnyExcept(s_verbatimAscii);
                if (verbatim < 0)
                {
                    verbatim = value.Length;
                }

                Ensure(verbatim);
                value[..verbatim].CopyTo(_buffer.AsSpan(Length));
                Length += verbatim;
                value = value[verbatim..];
                if (value.IsEmpty)
                {
                    return;
                }

                var escaped = value.IndexOfAny(s_verbatimAscii);
                if (escaped < 0)
                {
                    escaped = value.Length;
                }

                AppendEncoded(value[..escaped]);
                value = value[escaped..];
            }
        }

        private void AppendEncoded(ReadOnlySpan<char> value)
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

        public void Truncate(int length) => Length = length;

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

    private static string VerbatimAscii()
    {
        var verbatim = new StringBuilder(128);
        Span<char> one = stackalloc char[1];
        Span<char> encoded = stackalloc char[16];
        for (var c = (char)0; c < 128; c++)
        {
            one[0] = c;
            if (s_encoder.Encode(one, encoded, out _, out var written) == System.Buffers.OperationStatus.Done && written == 1 && encoded[0] == c)
            {
                verbatim.Append(c);
            }
        }

        return verbatim.ToString();
    }

    private static void AppendName(StringBuilder sb, ReadOnlySpan<char> name)
    {
        var simple = name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_');
        foreach (var c in name)
        {
            simple &= char.IsAsciiLetterOrDigit(c) || c == '_';
        }

        if (simple)
        {
            sb.Append('.').Append(name);
            return;
        }

        sb.Append("['");
        foreach (var c in name)
        {
            if (c is '\\' or '\'')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        sb.Append("']");
    }

    // The original document with each redacted value replaced, written into one pooled buffer: unchanged bytes are
    // transcoded as they are, a redacted value is written piece by piece (text between masks JSON-escaped with the same
    // encoder JsonEncodedText would use, masks as they are), so no intermediate copy of a large value is made.
    internal static string Splice(ReadOnlySpan<byte> json, string combined, List<JsonValueSegment> segments, Dictionary<int, List<(int Start, int End, string Label, int Severity)>> perValue, bool lastFour)
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

    /// <summary>
    /// The working lists of one JSON scan (values, containers, the open-container stack), cached per thread so that a scan
    /// neither allocates nor grows them again; lists that grew past <see cref="MaxPooledEntries"/> (a huge document) are
    /// dropped rather than kept alive on the thread.
    /// </summary>
    private sealed class JsonScratch
    {
        /// <summary>The largest list capacity kept for reuse.</summary>
        internal const int MaxPooledEntries = 2048;

        [ThreadStatic]
        private static JsonScratch? t_cached;

        public List<JsonValueSegment> Segments { get; } = new(64);

        public List<JsonNode> Nodes { get; } = new(32);

        public List<(bool IsArray, int Count, int Node)> Containers { get; } = new(16);

        /// <summary>Takes the calling thread's scratch (or a new one when it is in use).</summary>
        public static JsonScratch Rent()
        {
            var scratch = t_cached;
            if (scratch is null)
            {
                return new JsonScratch();
            }

            t_cached = null;
            return scratch;
        }

        /// <summary>Clears the scratch and gives it back to the calling thread, unless a list grew too large to keep.</summary>
        public static void Return(JsonScratch scratch)
        {
            if (scratch.Segments.Capacity > MaxPooledEntries || scratch.Nodes.Capacity > MaxPooledEntries || scratch.Containers.Capacity > MaxPooledEntries)
            {
                return;
            }

            scratch.Segments.Clear();
            scratch.Nodes.Clear();
            scratch.Containers.Clear();
            t_cached = scratch;
        }
    }

    // A value: its line in the joined text, its container node and array index (-1 in an object), and its bytes.
    internal readonly record struct JsonValueSegment(int LineStart, int TextStart, int TextLength, int Node, int ArrayIndex, int ByteStart, int ByteEnd);

    // A container: its parent node (-1 at the root), its index in a parent array (-1 in an object) and, in an object,
    // where its property name token starts in the document (-1: none).
    internal readonly record struct JsonNode(int Parent, int Index, int NameByteStart);
}
