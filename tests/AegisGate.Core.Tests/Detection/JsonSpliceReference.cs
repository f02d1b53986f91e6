using System.Text;
using System.Text.Encodings.Web;
using AegisGate.Detection.Engine;
using static AegisGate.Detection.Engine.JsonScanner;

namespace AegisGate.Core.Tests.Detection;

/// <summary>
/// <c>JsonScanner.Splice</c> as it was before runs of ASCII text the encoder leaves unchanged were copied directly
/// (commit 0ffb9f5), kept unchanged as the reference of <see cref="JsonSpliceEquivalenceTests"/>: the same redacted
/// document, character for character.
/// </summary>
internal static class JsonSpliceReference
{
    private static readonly JavaScriptEncoder s_encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    // The original document with each redacted value replaced, written into one pooled buffer: unchanged bytes are
    // transcoded as they are, a redacted value is written piece by piece (text between masks JSON-escaped with the same
    // encoder JsonEncodedText would use, masks as they are), so no intermediate copy of a large value is made.
    public static string Splice(ReadOnlySpan<byte> json, string combined, List<JsonValueSegment> segments, Dictionary<int, List<(int Start, int End, string Label, int Severity)>> perValue, bool lastFour)
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
}
