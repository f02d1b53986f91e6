using System.Security.Cryptography;

namespace AegisGate.Audit;

/// <summary>
/// Verifies an audit chain written by <see cref="JsonlAuditSink"/>: every record's HMAC-SHA256, the sequence numbers
/// and the <c>prev</c> links, across rotated files. Reports the first bad record (file, line, sequence number and
/// what is wrong). What can and cannot be detected is in <c>docs/audit.md</c>.
/// </summary>
public static class AuditVerifier
{
    /// <summary>Verifies one audit file, or every file of the audit chain in a directory.</summary>
    /// <param name="path">
    /// An audit file (verified alone; its first record's link to a predecessor is taken on trust) or a directory
    /// (its <c>*.jsonl</c> chain: rotated files <c>{stem}.{index}.jsonl</c> by index, then the active <c>{stem}.jsonl</c>).
    /// </param>
    /// <param name="key">The chain key.</param>
    /// <param name="options">Optional settings, such as an externally recorded head.</param>
    /// <returns>The result: valid, or the first bad record.</returns>
    /// <exception cref="ArgumentException">The key is shorter than 32 bytes, or the directory holds several chains.</exception>
    /// <exception cref="FileNotFoundException">The path does not exist, or the directory holds no audit file.</exception>
    /// <exception cref="IOException">A file could not be read.</exception>
    /// <exception cref="UnauthorizedAccessException">A file is not readable.</exception>
    public static AuditVerificationResult Verify(string path, ReadOnlySpan<byte> key, AuditVerificationOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (key.Length < AuditKeys.MinimumKeyBytes)
        {
            throw new ArgumentException($"The audit key must be at least {AuditKeys.MinimumKeyBytes} bytes.", nameof(key));
        }

        var files = AuditChainFiles.Resolve(path);
        using var run = new Run(key, options?.ExpectedHead, files);
        return run.Execute();
    }

    /// <summary>
    /// Verifies one file of a chain, continuing from a verified state: from <paramref name="offset"/> (just after the
    /// record <paramref name="state"/> describes, or 0 for a following file) the records must continue the chain. With
    /// no state the file is verified as if alone. Used to verify a growing trail incrementally.
    /// </summary>
    /// <param name="file">The audit file.</param>
    /// <param name="key">The chain key (at least 32 bytes).</param>
    /// <param name="state">The chain so far, or <see langword="null"/> to start with this file.</param>
    /// <param name="offset">Where to start reading (a line boundary).</param>
    /// <param name="line">The number of lines before <paramref name="offset"/>.</param>
    /// <returns>The result; <see cref="AuditVerificationResult.EndState"/>, <c>EndOffset</c> and <c>EndLine</c> say where to continue.</returns>
    internal static AuditVerificationResult VerifyContinuation(string file, ReadOnlySpan<byte> key, AuditChainState? state, long offset, long line)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(line);
        if (key.Length < AuditKeys.MinimumKeyBytes)
        {
            throw new ArgumentException($"The audit key must be at least {AuditKeys.MinimumKeyBytes} bytes.", nameof(key));
        }

        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"{file} does not exist.", file);
        }

        using var run = new Run(key, null, [Path.GetFullPath(file)]);
        run.ContinueFrom(state, offset, line);
        return run.Execute();
    }

    private sealed class Run : IDisposable
    {
        private readonly IncrementalHash _hmac;
        private readonly IncrementalHash _regionHash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly AuditAnchor? _anchor;
        private readonly AuditMac _anchorMac;
        private readonly List<string> _files;
        private readonly List<AuditRecoveryNotice> _recoveries = [];

        // The chain so far.
        private bool _started;
        private long _expected;
        private AuditMac _prev;
        private long _count;
        private long? _firstSequence;
        private bool _startsAtGenesis;
        private long _lastSequence;
        private AuditMac _lastMac;
        private bool _anchorSeen;
        private bool _anyVerified;
        private string _lastFile = string.Empty;
        private long _lastLine;

        // Encryption: whether the current file has had a key record, how many sealed records verified, which key-encryption keys.
        private bool _fileHasKey;
        private long _encryptedCount;
        private readonly List<string> _keyIds = [];

        // Unverifiable lines since the last good record of the current file (possibly covered by a recovery record).
        private BadLine? _bad;
        private long _regionStart;

        // Where the first file is read from (a continuation), and where the last verified record ends.
        private long _startOffset;
        private long _startLine;
        private long _endOffset;

        // The first failure, and what the rest of the input still has to tell about it.
        private AuditVerificationFailure? _failure;
        private bool _needAnyVerified;
        private long _gapExpected;

        public Run(ReadOnlySpan<byte> key, AuditAnchor? anchor, List<string> files)
        {
            _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
            _anchor = anchor;
            if (anchor is { } a)
            {
                AuditMac.TryFromBase64(a.Mac, out _anchorMac);
            }

            _files = files;
        }

        public void ContinueFrom(AuditChainState? state, long offset, long line)
        {
            _startOffset = offset;
            _startLine = line;
            _endOffset = offset;
            _lastLine = line;
            _lastFile = _files[0];
            if (state is { } s)
            {
                _started = true;
                _expected = s.Sequence + 1;
                _prev = s.Mac;
                _count = s.Count;
                _firstSequence = s.FirstSequence;
                _startsAtGenesis = s.StartsAtGenesis;
                _lastSequence = s.Sequence;
                _lastMac = s.Mac;
                _anyVerified = true;
            }
        }

        public AuditVerificationResult Execute()
        {
            foreach (var file in _files)
            {
                if (!VerifyFile(file))
                {
                    break;
                }
            }

            FinishLookahead();
            if (_failure is null && _anchor is { } anchor && !_anchorSeen)
            {
                _failure = _count == 0 || _lastSequence < anchor.Sequence
                    ? new AuditVerificationFailure(AuditFailureKind.Deleted, _count > 0 ? _lastFile : _files[^1], _lastLine + 1, _count > 0 ? _lastSequence + 1 : anchor.Sequence, $"the chain ends at sequence {(_count > 0 ? _lastSequence : 0)} but the expected head is sequence {anchor.Sequence}: records were deleted from the end")
                    : new AuditVerificationFailure(AuditFailureKind.Deleted, _files[0], 1, _firstSequence, $"the expected head (sequence {anchor.Sequence}) is older than the first record present (sequence {_firstSequence}); the records before it are missing");
            }

            return new AuditVerificationResult(
                _files,
                _count,
                _firstSequence,
                _count > 0 ? new AuditAnchor(_lastSequence, _lastMac.ToBase64()) : null,
                _startsAtGenesis,
                _recoveries,
                _failure)
            {
                EncryptedRecordCount = _encryptedCount,
                KeyEncryptionKeyIds = _keyIds,
                EndState = _count > 0 ? new AuditChainState(_lastSequence, _lastMac, _count, _firstSequence, _startsAtGenesis) : null,
                EndOffset = _endOffset,
                EndLine = _lastLine,
            };
        }

        public void Dispose()
        {
            _hmac.Dispose();
            _regionHash.Dispose();
        }

        /// <returns><see langword="false"/> when nothing more needs to be read.</returns>
        private bool VerifyFile(string file)
        {
            // Only the first file of a continuation starts after a verified prefix.
            var startOffset = _startOffset;
            var lineNumber = _startLine;
            _startOffset = 0;
            _startLine = 0;
            using var reader = new AuditLineReader(file, AuditRecordFormat.MaxLineBytes, startOffset);
            _bad = null;
            _regionStart = startOffset;

            // A continuation starts after records verified earlier, which included the file's key record if it has one.
            _fileHasKey = startOffset > 0;
            _regionHash.GetHashAndReset();
            while (reader.TryRead(out var line, out var offset, out var terminated, out var overLong))
            {
                lineNumber++;
                AuditRecordInfo info = default;
                var status = overLong ? AuditLineStatus.Malformed : AuditRecordFormat.Parse(line, _hmac, out info);
                if (_failure is not null)
                {
                    if (!Lookahead(status, info))
                    {
                        return false;
                    }

                    continue;
                }

                // A record that verifies but lacks only its newline (the last line of a file) is complete: accept it.
                if (status != AuditLineStatus.Valid || overLong)
                {
                    var kind = !terminated ? AuditFailureKind.Truncated
                        : status == AuditLineStatus.MacMismatch ? AuditFailureKind.Edited
                        : AuditFailureKind.Malformed;
                    var message = kind switch
                    {
                        AuditFailureKind.Truncated => "the last line is cut: it has no terminating newline (a truncated record)",
                        AuditFailureKind.Edited => "the record's MAC does not match its content: it was edited",
                        _ => overLong ? "the line is longer than any record" : "the line is not a valid audit record",
                    };
                    _bad ??= new BadLine(file, lineNumber, kind, info.HasSequence ? info.Sequence : null, message, overLong);
                    _regionHash.AppendData(line);
                    if (terminated)
                    {
                        _regionHash.AppendData("\n"u8);
                    }

                    continue;
                }

                _anyVerified = true;
                Accept(file, lineNumber, offset, line.Length, info);
                if (_failure is not null && !NeedsLookahead())
                {
                    return false;
                }
            }

            if (_failure is null && _bad is { } bad)
            {
                Fail(bad.Kind, bad.File, bad.Line, bad.Sequence, bad.Message);
            }

            return _failure is null || NeedsLookahead();
        }

        private void Accept(string file, long lineNumber, long offset, int length, in AuditRecordInfo info)
        {
            if (_bad is { } bad)
            {
                // Unverifiable bytes before this record: only a recovery record that covers exactly them explains them.
                Span<byte> digest = stackalloc byte[32];
                _regionHash.GetHashAndReset(digest);
                var covers = info.Type == AuditRecordType.Recovery
                    && info.TornBytes == offset - _regionStart
                    && !bad.OverLong
                    && string.Equals(info.TornSha256, Convert.ToHexStringLower(digest), StringComparison.Ordinal);
                if (!covers)
                {
                    Fail(bad.Kind, bad.File, bad.Line, bad.Sequence, bad.Message);
                    return;
                }

                if (!string.Equals(info.Reason, AuditRecordFormat.ReasonTornTail, StringComparison.Ordinal) || info.LostTo > 0)
                {
                    Fail(bad.Kind, bad.File, bad.Line, bad.Sequence, $"{bad.Message}; recovery record {info.Sequence} (line {lineNumber}) covers these bytes as '{info.Reason}', not as a crash");
                    return;
                }

                _recoveries.Add(new AuditRecoveryNotice(file, lineNumber, info.Sequence, info.TornBytes));
                _bad = null;
            }
            else if (info.Type == AuditRecordType.Recovery && info.TornBytes > 0)
            {
                Fail(AuditFailureKind.Deleted, file, lineNumber, info.Sequence, $"recovery record {info.Sequence} covers {info.TornBytes} torn bytes before it, but they are gone");
                return;
            }

            if (!_started)
            {
                if (info.Sequence == 1 && !info.Prev.IsGenesis)
                {
                    Fail(AuditFailureKind.BrokenLink, file, lineNumber, info.Sequence, "the first record of the chain does not link to the chain's start");
                    return;
                }

                _started = true;
                _firstSequence = info.Sequence;
                _startsAtGenesis = info.Sequence == 1;
            }
            else if (info.Sequence == _expected)
            {
                if (!info.Prev.Equals(_prev))
                {
                    Fail(AuditFailureKind.BrokenLink, file, lineNumber, info.Sequence, $"the record does not link to record {_expected - 1} (its prev is another record's MAC): records from another chain were spliced in");
                    return;
                }
            }
            else if (info.Sequence > _expected)
            {
                if (info.Type == AuditRecordType.Recovery && info.LostFrom == _expected && info.LostTo == info.Sequence - 1)
                {
                    Fail(AuditFailureKind.Deleted, file, lineNumber, info.Sequence, $"records {info.LostFrom}–{info.LostTo} are missing; the writer recorded their loss (the file was truncated, replaced or removed while in use)");
                    return;
                }

                // A gap: deleted, unless the missing record turns up later (then the records were reordered).
                Fail(AuditFailureKind.Deleted, file, lineNumber, info.Sequence, info.Sequence - 1 == _expected
                    ? $"record {_expected} is missing before this record"
                    : $"records {_expected}–{info.Sequence - 1} are missing before this record");
                _gapExpected = _expected;
                return;
            }
            else
            {
                Fail(AuditFailureKind.Reordered, file, lineNumber, info.Sequence, $"sequence {info.Sequence} comes after {_expected - 1}: the record is out of order or repeated");
                return;
            }

            if (info.Type == AuditRecordType.Recovery && info.LostTo > 0)
            {
                Fail(AuditFailureKind.Deleted, file, lineNumber, info.Sequence, $"the writer recorded that records {info.LostFrom}–{info.LostTo} were lost");
                return;
            }

            if (_anchor is { } anchor && info.Sequence == anchor.Sequence)
            {
                _anchorSeen = true;
                if (!info.Mac.Equals(_anchorMac))
                {
                    Fail(AuditFailureKind.BrokenLink, file, lineNumber, info.Sequence, "the record is not the one in the expected head (another MAC): the chain was rewritten from here");
                    return;
                }
            }

            if (info.Type == AuditRecordType.Key)
            {
                _fileHasKey = true;
                if (!_keyIds.Contains(info.KeyId!))
                {
                    _keyIds.Add(info.KeyId!);
                }
            }
            else if (info.Encrypted)
            {
                if (!_fileHasKey)
                {
                    Fail(AuditFailureKind.Malformed, file, lineNumber, info.Sequence, "the record is encrypted but no key record precedes it in this file, so it cannot be decrypted");
                    return;
                }

                _encryptedCount++;
            }

            _expected = info.Sequence + 1;
            _prev = info.Mac;
            _lastSequence = info.Sequence;
            _lastMac = info.Mac;
            _lastFile = file;
            _lastLine = lineNumber;
            _count++;
            _regionStart = offset + length + 1;
            _endOffset = _regionStart;
        }

        private void Fail(AuditFailureKind kind, string file, long line, long? sequence, string message)
        {
            _failure = new AuditVerificationFailure(kind, file, line, sequence, message);
            _needAnyVerified = kind == AuditFailureKind.Edited && !_anyVerified;
        }

        private bool NeedsLookahead() => _needAnyVerified || _gapExpected > 0;

        /// <returns><see langword="false"/> when the lookahead has its answer.</returns>
        private bool Lookahead(AuditLineStatus status, in AuditRecordInfo info)
        {
            if (status != AuditLineStatus.Valid)
            {
                return true;
            }

            _needAnyVerified = false;
            if (_gapExpected > 0 && info.Sequence == _gapExpected)
            {
                var f = _failure!;
                _failure = new AuditVerificationFailure(AuditFailureKind.Reordered, f.File, f.Line, f.Sequence, $"record {_gapExpected} appears later than this record: the records were reordered");
                _gapExpected = 0;
            }

            return NeedsLookahead();
        }

        private void FinishLookahead()
        {
            if (_needAnyVerified && _failure is { Kind: AuditFailureKind.Edited } f)
            {
                _failure = new AuditVerificationFailure(AuditFailureKind.WrongKey, f.File, f.Line, f.Sequence, "no record verifies with this key: the key is wrong (or every record was altered)");
            }
        }

        private sealed record BadLine(string File, long Line, AuditFailureKind Kind, long? Sequence, string Message, bool OverLong);
    }
}
