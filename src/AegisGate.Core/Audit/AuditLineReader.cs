namespace AegisGate.Audit;

/// <summary>Reads the lines of an audit file with a bounded buffer. A line longer than the limit is reported as over-long.</summary>
internal sealed class AuditLineReader : IDisposable
{
    private readonly FileStream _stream;
    private readonly byte[] _buffer;
    private int _start;
    private int _end;
    private long _bufferOffset;
    private bool _eof;

    public AuditLineReader(string path, int maxLineBytes, long startOffset = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startOffset);
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        _buffer = new byte[maxLineBytes + 1];
        if (startOffset > 0)
        {
            // Resume after a verified prefix: lines (and their offsets) are read from here on.
            _stream.Seek(startOffset, SeekOrigin.Begin);
            _bufferOffset = startOffset;
        }
    }

    /// <summary>Reads the next line.</summary>
    /// <param name="line">The line without its newline (empty when over-long).</param>
    /// <param name="offset">The file offset of the line's first byte.</param>
    /// <param name="terminated">Whether the line ends with a newline (only the last line of a file may not).</param>
    /// <param name="overLong">Whether the line exceeded the limit (its bytes were skipped).</param>
    /// <returns><see langword="false"/> at the end of the file.</returns>
    public bool TryRead(out ReadOnlySpan<byte> line, out long offset, out bool terminated, out bool overLong)
    {
        overLong = false;
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                offset = _bufferOffset + _start;
                line = _buffer.AsSpan(_start, newline);
                terminated = true;
                _start += newline + 1;
                return true;
            }

            if (_eof)
            {
                offset = _bufferOffset + _start;
                terminated = false;
                if (_start < _end)
                {
                    line = _buffer.AsSpan(_start, _end - _start);
                    _start = _end;
                    return true;
                }

                line = default;
                return false;
            }

            if (_start == 0 && _end == _buffer.Length)
            {
                // No newline within the limit: skip to the next one.
                offset = _bufferOffset;
                SkipPastNewline(out terminated);
                line = default;
                overLong = true;
                return true;
            }

            Fill();
        }
    }

    public void Dispose() => _stream.Dispose();

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }

    private void SkipPastNewline(out bool terminated)
    {
        while (true)
        {
            _bufferOffset += _end;
            _start = 0;
            _end = 0;
            Fill();
            if (_eof && _end == 0)
            {
                terminated = false;
                return;
            }

            var newline = _buffer.AsSpan(0, _end).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start = newline + 1;
                terminated = true;
                return;
            }
        }
    }
}
