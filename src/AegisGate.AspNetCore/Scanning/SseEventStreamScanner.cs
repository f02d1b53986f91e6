using System.Buffers;
using System.Text;
using AegisGate.AspNetCore.Http;
using AegisGate.Detection;

namespace AegisGate.AspNetCore.Scanning;

/// <summary>
/// Scans a <c>text/event-stream</c> event by event without buffering the whole stream. The text of the events'
/// <c>data</c> fields forms one stream; events are held back until at least <c>holdback</c> characters of later text
/// are known, so a secret split across events is found (and redacted, or the stream stopped) before any part of it
/// is released. Events are released whole and in order; non-data fields pass unchanged.
/// </summary>
/// <remarks>
/// The carry-over window sits on top of <see cref="IContentScanner.Scan"/> through a scan delegate, so it can be
/// swapped for an engine-native stream scanner without touching the framing.
/// </remarks>
internal sealed class SseEventStreamScanner
{
    private const int LeftContextChars = 64;

    private readonly Func<string, CancellationToken, ValueTask<(SecurityDecision Decision, ScanResult? Result)>> _scan;
    private readonly AegisScanAction _action;
    private readonly int _holdback;
    private readonly int _maxEventBytes;
    private readonly Queue<SseEvent> _pending = new();
    private readonly List<(long Start, long End, string Label)> _ranges = [];
    private readonly List<string> _lines = [];
    private byte[] _buffer = [];
    private int _length;
    private int _eventBytes;
    private long _pendingChars;
    private long _releasedChars;
    private string _left = string.Empty;

    public SseEventStreamScanner(Func<string, CancellationToken, ValueTask<(SecurityDecision, ScanResult?)>> scan, AegisScanAction action, int holdback, int maxEventBytes)
    {
        _scan = scan;
        _action = action;
        _holdback = holdback;
        _maxEventBytes = maxEventBytes;
    }

    /// <summary>Gets the denial once the stream is stopped (blocked content, unscannable input, over-limit event).</summary>
    public SecurityDecision? Denial { get; private set; }

    /// <summary>Gets the findings seen so far (each finding may be reported more than once as windows overlap).</summary>
    public List<DetectionFinding> Findings { get; } = [];

    /// <summary>Gets a value indicating whether any finding was redacted.</summary>
    public bool Redacted { get; private set; }

    /// <summary>Feeds bytes of the stream; released events are written to <paramref name="output"/>.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        if (Denial is not null)
        {
            return;
        }

        Append(data.Span);
        ParseEvents();
        if (Denial is null)
        {
            await ReleaseAsync(final: false, output, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Ends the stream: a trailing partial event is dispatched, everything held back is scanned and released.</summary>
    public async ValueTask CompleteAsync(IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        if (Denial is not null)
        {
            return;
        }

        // A CR held back as a possible CRLF ends its line; a final line without a terminator, then an unterminated
        // event, are flushed as an event.
        if (_length > 0 && _buffer[_length - 1] == (byte)'\r')
        {
            Append("\n"u8);
            ParseEvents();
        }

        if (Denial is null && _length > 0)
        {
            AddLine(Decode(_buffer.AsSpan(0, _length)));
            _length = 0;
        }

        if (_lines.Count > 0)
        {
            Dispatch();
        }

        if (Denial is null)
        {
            await ReleaseAsync(final: true, output, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        if (_length + data.Length > _buffer.Length)
        {
            var next = new byte[Math.Max(_length + data.Length, Math.Max(256, _buffer.Length * 2))];
            _buffer.AsSpan(0, _length).CopyTo(next);
            _buffer = next;
        }

        data.CopyTo(_buffer.AsSpan(_length));
        _length += data.Length;
    }

    private void ParseEvents()
    {
        var start = 0;
        while (Denial is null)
        {
            var span = _buffer.AsSpan(start, _length - start);
            var index = span.IndexOfAny((byte)'\r', (byte)'\n');
            if (index < 0)
            {
                break;
            }

            var terminator = 1;
            if (span[index] == (byte)'\r')
            {
                if (index + 1 == span.Length)
                {
                    break; // a CR at the end may be the first half of CRLF
                }

                if (span[index + 1] == (byte)'\n')
                {
                    terminator = 2;
                }
            }

            var line = span[..index];
            start += index + terminator;
            _eventBytes += index + terminator;
            if (_eventBytes > _maxEventBytes)
            {
                Denial = SecurityDecision.Deny(HttpErrorCodes.ResponseUnscannable, "A server-sent event exceeds the size limit; the stream is stopped.", 500);
                return;
            }

            if (line.IsEmpty)
            {
                if (_lines.Count > 0)
                {
                    Dispatch();
                }

                _eventBytes = 0;
                continue;
            }

            var text = Decode(line);
            if (Denial is not null)
            {
                return;
            }

            AddLine(text);
        }

        if (start > 0)
        {
            _buffer.AsSpan(start, _length - start).CopyTo(_buffer);
            _length -= start;
        }

        if (_eventBytes + _length > _maxEventBytes)
        {
            Denial = SecurityDecision.Deny(HttpErrorCodes.ResponseUnscannable, "A server-sent event exceeds the size limit; the stream is stopped.", 500);
        }
    }

    private string Decode(ReadOnlySpan<byte> line)
    {
        if (!System.Text.Unicode.Utf8.IsValid(line))
        {
            Denial = SecurityDecision.Deny(HttpErrorCodes.ResponseUnscannable, "The event stream is not valid UTF-8; the stream is stopped.", 500);
            return string.Empty;
        }

        return Encoding.UTF8.GetString(line);
    }

    private void AddLine(string line) => _lines.Add(line);

    private void Dispatch()
    {
        StringBuilder? data = null;
        var firstData = -1;
        for (var i = 0; i < _lines.Count; i++)
        {
            var line = _lines[i];
            if (line.Length == 0 || line[0] == ':')
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            if (!string.Equals(field, "data", StringComparison.Ordinal))
            {
                continue;
            }

            var value = colon < 0 ? string.Empty : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            if (data is null)
            {
                data = new StringBuilder(value);
                firstData = i;
            }
            else
            {
                data.Append('\n').Append(value);
            }
        }

        var text = data?.ToString() ?? string.Empty;
        _pending.Enqueue(new SseEvent([.. _lines], firstData, text, _releasedChars + _pendingChars));
        _pendingChars += text.Length;
        _lines.Clear();
        _eventBytes = 0;
    }

    private async ValueTask ReleaseAsync(bool final, IBufferWriter<byte> output, CancellationToken cancellationToken)
    {
        if (_pending.Count == 0 || (!final && _pendingChars - _pending.Peek().Text.Length < _holdback))
        {
            return;
        }

        if (_pendingChars > 0 && _action != AegisScanAction.None)
        {
            var window = new StringBuilder(_left.Length + (int)_pendingChars).Append(_left);
            foreach (var pending in _pending)
            {
                window.Append(pending.Text);
            }

            var windowStart = _releasedChars - _left.Length;
            var (decision, result) = await _scan(window.ToString(), cancellationToken).ConfigureAwait(false);
            if (decision.IsDenied || result is null)
            {
                Denial = decision.IsDenied ? decision : SecurityDecision.Deny(HttpErrorCodes.ScannerUnavailable, "The content scanner returned no result.", 503);
                return;
            }

            if (result.Findings.Count > 0)
            {
                Findings.AddRange(result.Findings);
                if (_action != AegisScanAction.Monitor)
                {
                    if (result.Verdict == ScanVerdict.Block || (_action == AegisScanAction.Block && result.Verdict >= ScanVerdict.Redact))
                    {
                        Denial = SecurityDecision.Deny(HttpErrorCodes.ResponseBlocked, "The streamed response was blocked by the detection policy.", 403);
                        return;
                    }

                    foreach (var finding in result.Findings)
                    {
                        if (finding.Action >= DetectionAction.Redact)
                        {
                            AddRange(windowStart + finding.Start, windowStart + finding.End, finding.RuleId);
                        }
                    }
                }
            }
        }

        while (_pending.Count > 0 && (final || _pendingChars - _pending.Peek().Text.Length >= _holdback))
        {
            var next = _pending.Dequeue();
            Write(next, Redact(next), output);
            _pendingChars -= next.Text.Length;
            _releasedChars += next.Text.Length;
            var left = _left + next.Text;
            _left = left.Length > LeftContextChars ? left[^LeftContextChars..] : left;
        }

        _ranges.RemoveAll(r => r.End <= _releasedChars);
    }

    private void AddRange(long start, long end, string label)
    {
        if (end <= start)
        {
            return;
        }

        for (var i = 0; i < _ranges.Count; i++)
        {
            var range = _ranges[i];
            if (start < range.End && end > range.Start)
            {
                _ranges[i] = (Math.Min(start, range.Start), Math.Max(end, range.End), range.Start <= start ? range.Label : label);
                return;
            }
        }

        _ranges.Add((start, end, label));
    }

    private string Redact(SseEvent evt)
    {
        if (_ranges.Count == 0 || evt.Text.Length == 0)
        {
            return evt.Text;
        }

        var start = evt.Start;
        var end = evt.Start + evt.Text.Length;
        StringBuilder? builder = null;
        var cursor = 0;
        foreach (var range in _ranges.OrderBy(static r => r.Start))
        {
            if (range.End <= start || range.Start >= end)
            {
                continue;
            }

            builder ??= new StringBuilder(evt.Text.Length);
            var from = (int)(Math.Max(range.Start, start) - start);
            var to = (int)(Math.Min(range.End, end) - start);
            if (from < cursor)
            {
                from = cursor;
            }

            builder.Append(evt.Text, cursor, from - cursor);
            if (range.Start >= start)
            {
                // The range starts in this event: the mask goes here; later events drop their part of the span.
                builder.Append("[REDACTED:").Append(range.Label).Append(']');
            }

            cursor = Math.Max(cursor, to);
        }

        if (builder is null)
        {
            return evt.Text;
        }

        Redacted = true;
        builder.Append(evt.Text, cursor, evt.Text.Length - cursor);
        return builder.ToString();
    }

    private static void Write(SseEvent evt, string text, IBufferWriter<byte> output)
    {
        for (var i = 0; i < evt.Lines.Length; i++)
        {
            if (i == evt.FirstDataLine)
            {
                foreach (var range in text.AsSpan().Split('\n'))
                {
                    WriteLine(output, "data: ");
                    WriteText(output, text.AsSpan()[range]);
                    WriteLine(output, "\n");
                }

                continue;
            }

            var line = evt.Lines[i];
            if (evt.FirstDataLine >= 0 && IsDataLine(line))
            {
                continue;
            }

            WriteText(output, line);
            WriteLine(output, "\n");
        }

        WriteLine(output, "\n");
    }

    private static bool IsDataLine(string line)
        => line.StartsWith("data", StringComparison.Ordinal) && (line.Length == 4 || line[4] == ':');

    private static void WriteLine(IBufferWriter<byte> output, string ascii) => WriteText(output, ascii);

    private static void WriteText(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        var written = Encoding.UTF8.GetBytes(text, span);
        output.Advance(written);
    }

    private sealed record SseEvent(string[] Lines, int FirstDataLine, string Text, long Start);
}
