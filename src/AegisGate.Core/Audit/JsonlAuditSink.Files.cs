using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace AegisGate.Audit;

/// <summary>Opening, resuming, recovering and rotating the files of the chain. Called only by the leader.</summary>
public sealed partial class JsonlAuditSink
{
    /// <summary>
    /// Opens the active file and resumes the chain from the last record that verifies. Bytes after it are covered by an
    /// explicit recovery record (never dropped, never accepted silently); records this process wrote that are no longer
    /// there are recorded as lost. See <c>docs/audit.md</c>, "Recovery".
    /// </summary>
    private void EnsureOpen()
    {
        if (_open)
        {
            return;
        }

        if (_encryptionProblem is not null)
        {
            // Never fall back to plaintext.
            throw new AuditSinkException(_encryptionProblem);
        }

        if (_encryptor is not null && (_segment is null || _segmentUsed))
        {
            // A fresh data key for every (re)open, created before touching the files: a key-encryption key that fails
            // leaves them unchanged. A segment whose key record was never written (a failed open) is reused, so a
            // broken trail does not call the key-encryption key on every retry.
            var next = AuditSegment.Create(_encryptor);
            _segment?.Dispose();
            _segment = next;
            _segmentUsed = false;
            _scratch ??= new AuditBuffer(4 * 1024);
            _logger.EncryptionSegmentStarted(_files.ActivePath, next.KeyId);
        }

        if (_key is null)
        {
            var key = LoadKey();
            _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
            _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Indented = false });
            _key = key;
        }

        AuditKeys.CreatePrivateDirectory(_files.Directory);
        _lock ??= AcquireFileLock();
        var rotated = _files.ListRotated();
        _nextRotationIndex = rotated.Count == 0 ? 1 : rotated[^1].Index + 1;

        var stream = OpenActiveFile(FileMode.OpenOrCreate);
        try
        {
            var length = stream.Length;
            var tail = ScanTail(stream.SafeFileHandle, length, _files.ActivePath);
            long tipSequence;
            AuditMac tipMac;
            var tipEncrypted = false;
            if (tail.HasIntact)
            {
                tipSequence = tail.Sequence;
                tipMac = tail.Mac;
                tipEncrypted = tail.Encrypted;
            }
            else if (tail.HasUnverifiedRecords)
            {
                throw new AuditSinkException($"No record at the end of {_files.ActivePath} verifies with the audit key: the key changed or the file was altered. Restore the key (or run 'aegisgate audit verify'), or move the audit files aside to start a new chain.");
            }
            else if (rotated.Count > 0)
            {
                (tipSequence, tipMac, tipEncrypted) = ReadRotatedTip(rotated[^1].Path);
            }
            else
            {
                tipSequence = 0;
                tipMac = AuditMac.Genesis;
            }

            long lostFrom = 0;
            long lostTo = 0;
            if (_hasTip)
            {
                if (tipSequence < _sequence)
                {
                    lostFrom = tipSequence + 1;
                    lostTo = _sequence;
                }
                else if (tipSequence == _sequence && !tipMac.Equals(_mac))
                {
                    throw new AuditSinkException($"The last record of {_files.ActivePath} is not the one this process wrote: the file was replaced. Run 'aegisgate audit verify'.");
                }
            }

            var regionStart = tail.RegionStart;
            if (tail.MissingNewline)
            {
                RandomAccess.Write(stream.SafeFileHandle, "\n"u8, length);
                length++;
                regionStart = length;
            }

            _active = stream;
            _activeLength = length;
            if (regionStart < length || lostTo > 0)
            {
                // Until this record is written the in-memory tip stays what this process last wrote, so a retry
                // still sees (and records) the same loss.
                (tipSequence, tipMac) = WriteRecovery(tipSequence, tipMac, regionStart, length, tail.EndsWithNewline, lostFrom, lostTo);
            }

            _sequence = tipSequence;
            _mac = tipMac;
            _hasTip = true;
            _open = true;

            // Every (re)open starts with a key record, so the file holds the key of what follows whatever happened before.
            _segmentPending = _segment is not null;
            if (_segment is null && tipEncrypted)
            {
                _logger.EncryptionTurnedOff(_files.ActivePath, tipSequence);
            }
        }
        catch
        {
            _active = null;
            stream.Dispose();
            throw;
        }

        if (_sequence == 0)
        {
            _logger.ChainStarted(_files.ActivePath);
        }
        else
        {
            _logger.ChainOpened(_files.ActivePath, _sequence);
        }
    }

    private byte[] LoadKey()
    {
        if (!string.IsNullOrEmpty(_options.Key))
        {
            try
            {
                return AuditKeys.FromBase64(_options.Key);
            }
            catch (FormatException ex)
            {
                throw new AuditSinkException("AegisGate:Audit:Key is not base64 of at least 32 bytes.", ex);
            }
        }

        var path = _keyFilePath ?? throw new AuditSinkException("No audit chain key: set AegisGate:Audit:Key or AegisGate:Audit:KeyFile.");
        var key = AuditKeys.LoadOrCreateKeyFile(path, _options.CreateKeyFileIfMissing, out var created);
        if (created)
        {
            _logger.KeyFileCreated(path);
        }
        else if (AuditKeys.IsReadableByOthers(path))
        {
            _logger.KeyFilePermissive(path);
        }

        return key;
    }

    private FileStream AcquireFileLock()
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            return new FileStream(_files.LockPath, options);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
        {
            // flock(LOCK_EX | LOCK_NB) failed (EWOULDBLOCK on Unix, a sharing violation on Windows).
            throw new AuditSinkException($"The audit trail {_files.ActivePath} is in use by another writer (lock file {_files.LockPath}); two writers would fork the chain. Give each process its own AegisGate:Audit:Path.", ex);
        }
    }

    private FileStream OpenActiveFile(FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.ReadWrite, Share = FileShare.Read, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        }

        return new FileStream(_files.ActivePath, options);
    }

    private void Close()
    {
        _open = false;
        var active = _active;
        _active = null;
        active?.Dispose();
    }

    private void Rotate()
    {
        // A new data key for every file, wrapped before anything moves: a key-encryption key that fails leaves the files as they are.
        AuditSegment? next = null;
        if (_encryptor is not null)
        {
            next = AuditSegment.Create(_encryptor);
        }

        var rotatedPath = _files.RotatedPath(_nextRotationIndex);
        try
        {
            Close();
            File.Move(_files.ActivePath, rotatedPath, overwrite: false);
            _nextRotationIndex++;
            _active = OpenActiveFile(FileMode.CreateNew);
            _activeLength = 0;
            _open = true;
        }
        catch
        {
            next?.Dispose();
            throw;
        }

        if (next is not null)
        {
            _segment?.Dispose();
            _segment = next;
            _segmentUsed = false;
            _segmentPending = true;
            _logger.EncryptionSegmentStarted(_files.ActivePath, next.KeyId);
        }

        _logger.FileRotated(rotatedPath, _files.ActivePath, _sequence);
        ApplyRetention();
    }

    private void ApplyRetention()
    {
        var rotated = _files.ListRotated();
        for (var i = 0; i < rotated.Count - _options.MaxRetainedFiles; i++)
        {
            try
            {
                File.Delete(rotated[i].Path);
                _logger.RetentionDeleted(rotated[i].Path, _options.MaxRetainedFiles);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _logger.RetentionFailed(rotated[i].Path, ex);
            }
        }
    }

    /// <summary>Appends the recovery record that covers <c>[regionStart, length)</c> and/or records lost sequence numbers.</summary>
    /// <returns>The new chain tip: the recovery record.</returns>
    private (long Sequence, AuditMac Mac) WriteRecovery(long tipSequence, in AuditMac tipMac, long regionStart, long length, bool regionEndsWithNewline, long lostFrom, long lostTo)
    {
        var handle = _active!.SafeFileHandle;
        var regionLength = length - regionStart;
        var addNewline = regionLength > 0 && !regionEndsWithNewline;
        Span<byte> digest = stackalloc byte[32];
        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                for (var offset = regionStart; offset < length;)
                {
                    var read = RandomAccess.Read(handle, chunk.AsSpan(0, (int)Math.Min(chunk.Length, length - offset)), offset);
                    if (read <= 0)
                    {
                        throw new IOException($"{_files.ActivePath} shrank while it was being recovered.");
                    }

                    sha.AppendData(chunk, 0, read);
                    offset += read;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }

            if (addNewline)
            {
                sha.AppendData("\n"u8);
            }

            sha.GetHashAndReset(digest);
        }

        var reason = lostTo > 0 ? AuditRecordFormat.ReasonRecordsLost
            : regionEndsWithNewline ? AuditRecordFormat.ReasonUnverifiableTail
            : AuditRecordFormat.ReasonTornTail;
        var sequence = lostTo > 0 ? lostTo + 1 : tipSequence + 1;
        var covered = regionLength + (addNewline ? 1 : 0);

        _buffer.Reset();
        if (addNewline)
        {
            _buffer.Write("\n"u8);
        }

        var mac = AuditRecordFormat.WriteRecovery(_json!, _buffer, _hmac!, sequence, tipMac, _time.GetUtcNow(), reason, covered, digest, lostFrom, lostTo);
        RandomAccess.Write(handle, _buffer.WrittenSpan, length);
        if (_options.FlushToDisk)
        {
            RandomAccess.FlushToDisk(handle);
        }

        _activeLength = length + _buffer.WrittenCount;
        _buffer.Reset();
        if (lostTo > 0)
        {
            _logger.RecordsLost(_files.ActivePath, lostFrom, lostTo, sequence);
        }
        else if (addNewline)
        {
            _logger.TornTailRecovered(_files.ActivePath, regionLength, sequence);
        }
        else
        {
            _logger.UnverifiableTail(_files.ActivePath, regionLength, sequence);
        }

        return (sequence, mac);
    }

    private (long Sequence, AuditMac Mac, bool Encrypted) ReadRotatedTip(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        var length = stream.Length;
        var tail = ScanTail(stream.SafeFileHandle, length, path);
        if (!tail.HasIntact || tail.RegionStart != length)
        {
            throw new AuditSinkException($"The rotated audit file {path} does not end with a record that verifies with the audit key; the chain cannot continue from it. Run 'aegisgate audit verify'.");
        }

        return (tail.Sequence, tail.Mac, tail.Encrypted);
    }

    /// <summary>Finds the last line that verifies within the last <see cref="TailWindowBytes"/> bytes of a file.</summary>
    private TailInfo ScanTail(SafeFileHandle handle, long length, string path)
    {
        if (length == 0)
        {
            return default;
        }

        var window = (int)Math.Min(length, TailWindowBytes);
        var windowStart = length - window;
        var bytes = ArrayPool<byte>.Shared.Rent(window);
        try
        {
            var read = 0;
            while (read < window)
            {
                var n = RandomAccess.Read(handle, bytes.AsSpan(read, window - read), windowStart + read);
                if (n <= 0)
                {
                    throw new IOException($"{path} shrank while it was being read.");
                }

                read += n;
            }

            var span = bytes.AsSpan(0, window);
            var endsWithNewline = span[^1] == (byte)'\n';
            var end = span.LastIndexOf((byte)'\n');
            if (!endsWithNewline && (end >= 0 || windowStart == 0)
                && AuditRecordFormat.Parse(span[(end + 1)..], _hmac!, out var last) == AuditLineStatus.Valid)
            {
                // A complete record whose newline did not make it: it is the tip; the newline is added on open.
                return new TailInfo(true, last.Sequence, last.Mac, length, false, false) { MissingNewline = true, Encrypted = IsSealedOrKey(last) };
            }

            var hasUnverified = false;
            while (end >= 0)
            {
                var previous = span[..end].LastIndexOf((byte)'\n');
                if (previous < 0 && windowStart > 0)
                {
                    break;
                }

                var status = AuditRecordFormat.Parse(span[(previous + 1)..end], _hmac!, out var info);
                if (status == AuditLineStatus.Valid)
                {
                    return new TailInfo(true, info.Sequence, info.Mac, windowStart + end + 1, endsWithNewline, hasUnverified) { Encrypted = IsSealedOrKey(info) };
                }

                hasUnverified |= status == AuditLineStatus.MacMismatch;

                end = previous;
            }

            if (windowStart > 0)
            {
                throw new AuditSinkException($"The last {TailWindowBytes} bytes of {path} hold no record that verifies with the audit key: the key changed or the file was altered. Run 'aegisgate audit verify'.");
            }

            return new TailInfo(false, 0, default, 0, endsWithNewline, hasUnverified);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static bool IsSealedOrKey(in AuditRecordInfo info) => info.Encrypted || info.Type == AuditRecordType.Key;

    // HasUnverifiedRecords: a complete, well-formed line after the last intact one failed its MAC (another key, or an edit).
    private readonly record struct TailInfo(bool HasIntact, long Sequence, AuditMac Mac, long RegionStart, bool EndsWithNewline, bool HasUnverifiedRecords)
    {
        public bool MissingNewline { get; init; }

        // The last intact record is sealed or a key record: the trail was being encrypted.
        public bool Encrypted { get; init; }
    }
}
