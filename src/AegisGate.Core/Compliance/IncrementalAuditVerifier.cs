using System.Globalization;
using System.Security.Cryptography;
using AegisGate.Audit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AegisGate.Compliance;

/// <summary>The outcome of one verification of the live audit trail.</summary>
/// <param name="IsValid">Whether every record verified and linked (and nothing was deleted from the end since the last check).</param>
/// <param name="Detail">What was verified, or the first bad record.</param>
/// <param name="RecordCount">The records of the chain that verified.</param>
/// <param name="BytesRead">The bytes read by this verification (less than the trail when it continued an earlier one).</param>
/// <param name="Full">Whether the whole trail was read.</param>
internal sealed record AuditChainCheck(bool IsValid, string Detail, long RecordCount, long BytesRead, bool Full);

/// <summary>
/// Verifies the live audit chain (<see cref="JsonlAuditSink"/>'s files) with <see cref="AuditVerifier"/>, incrementally:
/// rotated files that verified before and have not changed (same length and modification time) are not read again,
/// and the active file is continued from the end of the last verified record, so a report on a large trail reads
/// only what was appended since the last one. The whole trail is read again at the first verification, whenever the
/// files changed in another way, after a failure, and at least every <c>fullInterval</c> (edits inside the already
/// verified part are found then). A chain that ends before the highest sequence number verified earlier fails
/// (records deleted from the end). One verification runs at a time; concurrent callers share it.
/// </summary>
internal sealed class IncrementalAuditVerifier
{
    private const int MaxAttempts = 4;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(25);

    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private Task<AuditChainCheck>? _running;

    // Owned by the one running verification.
    private string? _activePath;
    private List<VerifiedFile> _verified = [];
    private long _highestRotatedIndex;
    private DateTimeOffset _fullAt;
    private long _highestSequence;
    private DateTimeOffset _highestAt;

    public IncrementalAuditVerifier(TimeProvider? timeProvider = null, ILogger<IncrementalAuditVerifier>? logger = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>
    /// Verifies the chain whose active file is <paramref name="activePath"/>. Runs on the thread pool and is not
    /// cancelled with the caller: a verification that outlives one report's timeout still completes and the next
    /// report continues from it. Exceptions (no key, unreadable files) fault the task.
    /// </summary>
    /// <param name="activePath">The active audit file.</param>
    /// <param name="loadKey">Loads the chain key (zeroed after use).</param>
    /// <param name="fullInterval">How old the last full verification may be before the whole trail is read again.</param>
    /// <returns>The outcome.</returns>
    public Task<AuditChainCheck> VerifyAsync(string activePath, Func<byte[]> loadKey, TimeSpan fullInterval)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(activePath);
        ArgumentNullException.ThrowIfNull(loadKey);
        lock (_gate)
        {
            if (_running is { IsCompleted: false } running)
            {
                return running;
            }

            return _running = Task.Run(() => Verify(Path.GetFullPath(activePath), loadKey, fullInterval));
        }
    }

    private AuditChainCheck Verify(string activePath, Func<byte[]> loadKey, TimeSpan fullInterval)
    {
        var key = loadKey();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    if (VerifyOnce(activePath, key, fullInterval, lastAttempt: attempt == MaxAttempts) is { } outcome)
                    {
                        return outcome;
                    }

                    // The trail rotated while it was read, or its last line was being written: read it again.
                    Thread.Sleep(RetryDelay);
                }
                catch (Exception ex) when (attempt < MaxAttempts && ex is FileNotFoundException or DirectoryNotFoundException)
                {
                    // A file was rotated or deleted (retention) between listing and reading.
                    Thread.Sleep(RetryDelay);
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <returns>The outcome, or <see langword="null"/> when the trail changed while it was read and another attempt is allowed.</returns>
    private AuditChainCheck? VerifyOnce(string activePath, byte[] key, TimeSpan fullInterval, bool lastAttempt)
    {
        var now = _time.GetUtcNow();
        var chain = new AuditChainFiles(activePath);

        // The active file first: if it rotates in between, the rotated copy is then listed too (nothing is missed).
        var active = File.Exists(chain.ActivePath) ? Snapshot(chain.ActivePath, isActive: true) : null;
        var rotated = chain.ListRotated();
        var highestIndex = rotated.Count > 0 ? rotated[^1].Index : 0;
        var current = new List<FileSnapshot>(rotated.Count + 1);
        foreach (var (_, path) in rotated)
        {
            current.Add(Snapshot(path, isActive: false));
        }

        if (active is not null)
        {
            current.Add(active);
        }

        if (!string.Equals(_activePath, chain.ActivePath, StringComparison.Ordinal))
        {
            _activePath = chain.ActivePath;
            _verified = [];
            _highestSequence = 0;
        }

        var full = _verified.Count == 0 || now - _fullAt >= fullInterval;
        var kept = new List<VerifiedFile>();
        VerifiedFile? resume = null;
        AuditChainState? state = null;
        if (!full && current.Count > 0 && _verified.FindIndex(v => string.Equals(v.Path, current[0].Path, StringComparison.Ordinal)) is var k and >= 0)
        {
            // Keep the unchanged prefix: rotated files exactly as verified, then (when no rotation happened since) the
            // active file continued after its last verified record.
            state = _verified[k].StartState;
            for (var i = 0; i < current.Count && k + i < _verified.Count; i++)
            {
                var seen = current[i];
                var then = _verified[k + i];
                if (!string.Equals(seen.Path, then.Path, StringComparison.Ordinal) || seen.IsActive != then.IsActive)
                {
                    break;
                }

                if (!seen.IsActive && seen.Length == then.Length && seen.LastWriteUtc == then.LastWriteUtc)
                {
                    kept.Add(then);
                    state = then.EndState;
                    continue;
                }

                if (seen.IsActive && highestIndex == _highestRotatedIndex && seen.Length >= then.EndOffset)
                {
                    resume = then;
                }

                break;
            }
        }
        else
        {
            full = true;
        }

        var verified = new List<VerifiedFile>(kept);
        long bytes = 0;
        for (var j = kept.Count; j < current.Count; j++)
        {
            var file = current[j];
            var before = state;
            long offset = 0, line = 0;
            if (j == kept.Count && resume is not null)
            {
                before = resume.StartState;
                state = resume.EndState;
                offset = resume.EndOffset;
                line = resume.EndLine;
            }

            if (resume is not null && j == kept.Count && file.Length == offset)
            {
                // Nothing was appended since the last verification: the state stands, nothing is read.
                verified.Add(resume);
                continue;
            }

            var result = AuditVerifier.VerifyContinuation(file.Path, key, state, offset, line);
            bytes += Math.Max(0, result.EndOffset - offset);
            if (!result.IsValid)
            {
                var failure = result.Failure!;
                if (!lastAttempt && ((file.IsActive && failure.Kind == AuditFailureKind.Truncated) || Rotated(chain, highestIndex)))
                {
                    return null;
                }

                _verified = [];
                _logger.AuditChainVerificationFailed(failure.ToString());
                return new AuditChainCheck(false, $"The audit trail does not verify: {failure}", result.RecordCount, bytes, full);
            }

            state = result.EndState ?? state;
            verified.Add(new VerifiedFile(file.Path, file.IsActive, file.Length, file.LastWriteUtc, before, state, result.EndOffset, result.EndLine));
        }

        var head = state?.Sequence ?? 0;
        if (head < _highestSequence)
        {
            if (!lastAttempt && Rotated(chain, highestIndex))
            {
                return null;
            }

            var lost = $"The audit trail ends at sequence {head}, but sequence {_highestSequence} verified at {_highestAt.ToString("u", CultureInfo.InvariantCulture)}: records were deleted from the end.";
            _verified = [];
            _logger.AuditChainVerificationFailed(lost);
            return new AuditChainCheck(false, lost, state?.Count ?? 0, bytes, full);
        }

        _verified = verified;
        _highestRotatedIndex = highestIndex;
        if (full)
        {
            _fullAt = now;
        }

        if (head > _highestSequence)
        {
            _highestSequence = head;
            _highestAt = now;
        }

        _logger.AuditChainVerified(full ? "full" : "incremental", state?.Count ?? 0, bytes, head);
        return new AuditChainCheck(true, Describe(state, current.Count, bytes, full, _fullAt), state?.Count ?? 0, bytes, full);
    }

    private static bool Rotated(AuditChainFiles chain, long highestIndex)
    {
        var rotated = chain.ListRotated();
        return (rotated.Count > 0 ? rotated[^1].Index : 0) != highestIndex;
    }

    private static string Describe(AuditChainState? state, int files, long bytes, bool full, DateTimeOffset fullAt)
    {
        if (state is not { } s)
        {
            return "The audit trail holds no records yet; there is nothing to verify.";
        }

        var range = s.FirstSequence is { } first ? $"sequence {first}–{s.Sequence}" : $"up to sequence {s.Sequence}";
        var start = s.StartsAtGenesis ? "from the first record" : "from the oldest retained file (older files were rotated out)";
        var how = full
            ? $"read in full ({bytes} bytes)"
            : $"continued from the last verification ({bytes} new bytes read; last full verification {fullAt.ToString("u", CultureInfo.InvariantCulture)})";
        return string.Create(CultureInfo.InvariantCulture, $"The audit chain verifies: {s.Count} record(s), {range}, {start}, in {files} file(s); {how}. Head {s.Sequence}:{s.Mac.ToBase64()} (keep it outside the host and pass it to 'aegisgate audit verify --anchor').");
    }

    private static FileSnapshot Snapshot(string path, bool isActive)
    {
        var info = new FileInfo(path);
        return new FileSnapshot(info.FullName, isActive, info.Length, info.LastWriteTimeUtc);
    }

    private sealed record FileSnapshot(string Path, bool IsActive, long Length, DateTime LastWriteUtc);

    private sealed record VerifiedFile(string Path, bool IsActive, long Length, DateTime LastWriteUtc, AuditChainState? StartState, AuditChainState? EndState, long EndOffset, long EndLine);
}
