using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Tasks.Sources;
using AegisGate.Configuration;
using AegisGate.Crypto;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AegisGate.Audit;

/// <summary>
/// The default audit sink: an append-only, tamper-evident JSON Lines file (<c>AegisGate:Audit:Path</c> under the data
/// directory). Every record carries a sequence number, the previous record's MAC and its own HMAC-SHA256 chained over
/// it; files rotate at <c>MaxFileBytes</c> with the chain continuing, and <c>MaxRetainedFiles</c> rotated files are kept.
/// The format, recovery rules and what verification can and cannot detect are in <c>docs/audit.md</c>.
/// </summary>
/// <remarks>
/// <para>
/// <see cref="WriteAsync"/> completes only after the record has been written to the operating system (it survives a
/// kill of the process) and, with <c>FlushToDisk</c>, fsync'd. Concurrent writers are group-committed: one caller
/// writes every queued record in one write (and one fsync) and completes the others, so the chain has one order.
/// </para>
/// <para>
/// Failures (missing key, unwritable directory, disk full, another process holding the file) fault the write; the
/// sink re-opens and resumes the chain from the files on the next write. <see cref="AuditTrail"/> turns a faulted
/// write into <see cref="AegisErrorCodes.AuditUnavailable"/> when audit is fail-closed.
/// </para>
/// <para>
/// With <c>AegisGate:Audit:Encrypt</c> each record's content is sealed with AES-256-GCM under a data key wrapped by the
/// key-encryption key of <see cref="IEnvelopeEncryptor"/>; the chain stays verifiable with the chain key alone. Without
/// an enabled encryptor such a sink writes nothing (never plaintext).
/// </para>
/// </remarks>
public sealed partial class JsonlAuditSink : IAuditSink, IDisposable, IAsyncDisposable
{
    private const int MaxBatchRecords = 1024;
    private const int MaxBatchBytes = 1024 * 1024;
    private const int TailWindowBytes = 256 * 1024;
    private const int MaxPooled = 256;
    private const int StateIdle = 0;
    private const int StateLeading = 1;
    private const int StateDisposed = 2;

    private readonly AuditOptions _options;
    private readonly AuditChainFiles _files;
    private readonly string? _keyFilePath;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IEnvelopeEncryptor? _encryptor;
    private readonly string? _encryptionProblem;
    private readonly ConcurrentQueue<PendingWrite> _queue = new();
    private readonly ConcurrentQueue<PendingWrite> _pool = new();
    private int _pooled;
    private int _leader;
    private volatile bool _disposing;
    private int _disposeStarted;

    // Everything below is owned by the current leader (the one caller that holds _leader == StateLeading).
    private readonly List<PendingWrite> _batch = new(64);
    private readonly AuditBuffer _buffer = new();
    private AuditBuffer? _scratch;
    private AuditSegment? _segment;
    private bool _segmentPending;
    private bool _segmentUsed;
    private Utf8JsonWriter? _json;
    private IncrementalHash? _hmac;
    private byte[]? _key;
    private FileStream? _lock;
    private FileStream? _active;
    private long _activeLength;
    private long _nextRotationIndex = 1;
    private bool _open;
    private bool _failed;
    private bool _hasTip;
    private long _sequence;
    private AuditMac _mac;

    /// <summary>Initializes a new instance of the <see cref="JsonlAuditSink"/> class. Nothing is opened until <see cref="Open"/> or the first write.</summary>
    /// <param name="options">The root options; <see cref="AegisGateOptions.Audit"/> is read once.</param>
    /// <param name="paths">Resolves the audit and key paths against the data directory.</param>
    /// <param name="timeProvider">The clock for recovery records.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="encryptor">
    /// The envelope encryptor that wraps the data keys when <see cref="AuditOptions.Encrypt"/> is set (registered by
    /// <c>AddAegisEncryption()</c>); ignored otherwise.
    /// </param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="encryptor"/> is <see langword="null"/>.</exception>
    public JsonlAuditSink(IOptions<AegisGateOptions> options, AegisPaths paths, TimeProvider timeProvider, ILogger<JsonlAuditSink> logger, IEnvelopeEncryptor? encryptor = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Value.Audit;
        _files = new AuditChainFiles(paths.ResolveData(_options.Path));
        _keyFilePath = string.IsNullOrEmpty(_options.Key) && !string.IsNullOrWhiteSpace(_options.KeyFile) ? paths.ResolveData(_options.KeyFile) : null;
        _time = timeProvider;
        _logger = logger;
        if (_options.Encrypt)
        {
            _encryptionProblem = encryptor is null
                ? "AegisGate:Audit:Encrypt is true but encryption at rest is not registered: call AddAegisEncryption() and configure AegisGate:Encryption."
                : !encryptor.IsEnabled
                    ? "AegisGate:Audit:Encrypt is true but encryption at rest is disabled: set AegisGate:Encryption:Enabled with an ActiveKeyId."
                    : null;
            _encryptor = _encryptionProblem is null ? encryptor : null;
        }
    }

    /// <summary>Gets the absolute path of the active audit file.</summary>
    public string FilePath => _files.ActivePath;

    /// <summary>Gets the absolute path of the key file, or <see langword="null"/> when the key comes from configuration.</summary>
    public string? KeyFilePath => _keyFilePath;

    /// <summary>Gets a value indicating whether records are encrypted (<see cref="AuditOptions.Encrypt"/> with an enabled <see cref="IEnvelopeEncryptor"/>).</summary>
    public bool IsEncrypted => _encryptor is not null;

    /// <summary>
    /// Gets why the sink cannot write although it is configured to (<see cref="AuditOptions.Encrypt"/> without an enabled
    /// <see cref="IEnvelopeEncryptor"/>), or <see langword="null"/>. While set, every write fails: the sink never falls
    /// back to plaintext, and the host refuses to start.
    /// </summary>
    public string? ConfigurationProblem => _encryptionProblem;

    /// <summary>
    /// Gets a value indicating whether the trail is failed: the last attempt to open it or to write to it failed and no
    /// record has been written since. While it is, records are refused (<see cref="AuditTrail"/> denies with
    /// <see cref="AegisErrorCodes.AuditUnavailable"/> when audit is fail-closed); every write retries, and the first
    /// one that succeeds clears it.
    /// </summary>
    public bool IsFaulted => Volatile.Read(ref _failed);

    /// <summary>
    /// Records an event. Completes when the record is written to the operating system (and fsync'd with
    /// <c>FlushToDisk</c>); faults with an <see cref="IOException"/> (often <see cref="AuditSinkException"/>) when it
    /// could not be recorded. Cancellation is observed only before the record joins the chain: once queued, the call
    /// completes when the record is durable or has failed.
    /// </summary>
    /// <param name="auditEvent">The event. Its values must be non-sensitive (no secrets, tokens or bodies).</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>A task that completes when the event is recorded.</returns>
    public ValueTask WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled(cancellationToken);
        }

        if (_disposing)
        {
            return ValueTask.FromException(new ObjectDisposedException(nameof(JsonlAuditSink)));
        }

        var item = Rent();
        item.Event = auditEvent;
        var version = item.Version;
        _queue.Enqueue(item);
        if (Interlocked.CompareExchange(ref _leader, StateLeading, StateIdle) == StateIdle)
        {
            Lead(item);
        }
        else if (Volatile.Read(ref _leader) == StateDisposed)
        {
            FailQueued();
        }

        return new ValueTask(item, version);
    }

    /// <summary>
    /// Opens the audit trail now instead of at the first write: loads (or creates) the key, resumes the chain from the
    /// files and recovers a torn tail. Called at host start so that problems show early.
    /// </summary>
    /// <exception cref="IOException">The trail cannot be opened (the message says why).</exception>
    /// <exception cref="UnauthorizedAccessException">The audit directory or key file is not accessible.</exception>
    public void Open()
    {
        ObjectDisposedException.ThrowIf(_disposing, this);
        AcquireLeadership();
        try
        {
            try
            {
                EnsureOpen();
            }
            catch (Exception ex)
            {
                MarkFailed(ex);
                throw;
            }
        }
        finally
        {
            Release();
        }
    }

    /// <summary>Writes every queued record, then closes the files and releases the lock.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposeStarted, 1) != 0)
        {
            return;
        }

        _disposing = true;
        AcquireLeadership();
        while (!_queue.IsEmpty)
        {
            ProcessBatch();
        }

        Close();
        _lock?.Dispose();
        _lock = null;
        _hmac?.Dispose();
        _hmac = null;
        _json?.Dispose();
        _json = null;
        _segment?.Dispose();
        _segment = null;
        _scratch?.Dispose();
        _scratch = null;
        if (_key is not null)
        {
            CryptographicOperations.ZeroMemory(_key);
            _key = null;
        }

        _buffer.Dispose();
        Volatile.Write(ref _leader, StateDisposed);
        FailQueued();
    }

    /// <inheritdoc cref="Dispose"/>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return default;
    }

    private void AcquireLeadership()
    {
        var spin = default(SpinWait);
        while (Interlocked.CompareExchange(ref _leader, StateLeading, StateIdle) != StateIdle)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _leader) == StateDisposed, this);
            spin.SpinOnce(sleep1Threshold: 10);
        }
    }

    private void Lead(PendingWrite own)
    {
        do
        {
            ProcessBatch();
        }
        while (!own.Done);

        if (!_queue.IsEmpty)
        {
            // Others queued while we wrote: keep leadership but hand it to the thread pool so this caller returns.
            ThreadPool.UnsafeQueueUserWorkItem(static sink => sink.DrainAndRelease(), this, preferLocal: false);
            return;
        }

        Release();
    }

    private void DrainAndRelease()
    {
        while (!_queue.IsEmpty)
        {
            ProcessBatch();
        }

        Release();
    }

    private void Release()
    {
        Interlocked.Exchange(ref _leader, StateIdle);

        // A writer that enqueued while we held leadership and failed to take it relies on us to see its record.
        if (!_queue.IsEmpty && Interlocked.CompareExchange(ref _leader, StateLeading, StateIdle) == StateIdle)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static sink => sink.DrainAndRelease(), this, preferLocal: false);
        }
    }

    private void FailQueued()
    {
        while (_queue.TryDequeue(out var item))
        {
            item.Complete(new ObjectDisposedException(nameof(JsonlAuditSink)));
        }
    }

    private PendingWrite Rent()
    {
        if (_pool.TryDequeue(out var item))
        {
            Interlocked.Decrement(ref _pooled);
            return item;
        }

        return new PendingWrite(this);
    }

    private void Return(PendingWrite item)
    {
        if (Interlocked.Increment(ref _pooled) <= MaxPooled)
        {
            _pool.Enqueue(item);
        }
        else
        {
            Interlocked.Decrement(ref _pooled);
        }
    }

    /// <summary>Takes queued records (up to a batch), appends them to the chain in one write, and completes them. Never throws.</summary>
    private void ProcessBatch()
    {
        _batch.Clear();
        if (!_queue.TryDequeue(out var first))
        {
            return;
        }

        _batch.Add(first);
        Exception? batchError = null;
        try
        {
            if (_open && ChangedExternally())
            {
                _logger.FileChangedExternally(_files.ActivePath);
                Close();
            }

            EnsureOpen();
        }
        catch (Exception ex)
        {
            // Nothing can be written now: fail every queued record with the same cause (one attempt per batch).
            batchError = ex;
            while (_batch.Count < MaxBatchRecords && _queue.TryDequeue(out var next))
            {
                _batch.Add(next);
            }
        }

        if (batchError is null)
        {
            batchError = AppendBatch();
        }

        if (batchError is not null)
        {
            MarkFailed(batchError);
        }
        else if (_failed)
        {
            _failed = false;
            _logger.SinkRecovered(_files.ActivePath);
        }

        foreach (var item in _batch)
        {
            var error = item.Error ?? (item.Durable ? null : batchError);
            item.Complete(error is null ? null : new AuditSinkException("The audit record could not be written: " + error.Message, error));
        }

        _batch.Clear();
    }

    /// <summary>Serializes the batch, writes it (rotating where a file would exceed its size) and advances the chain tip.</summary>
    /// <returns>The exception that stopped the batch, or <see langword="null"/>.</returns>
    private Exception? AppendBatch()
    {
        _buffer.Reset();
        var sequence = _sequence;
        var mac = _mac;
        var chunkStart = 0;
        var chunkFirstItem = 0;
        try
        {
            for (var i = 0; ; i++)
            {
                var item = _batch[i];
                var start = _buffer.WrittenCount;
                var segmentPending = _segmentPending;
                var unitSequence = sequence;
                var unitMac = mac;
                try
                {
                    AppendRecord(item.Event!, ref unitSequence, ref unitMac);
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or AuditSinkException)
                {
                    // This event cannot be serialized (for example invalid UTF-16 or a non-finite latency): fail it alone.
                    _buffer.Rewind(start);
                    ResetHmac(_hmac!);
                    _segmentPending = segmentPending;
                    item.Error = ex;
                    if (!Next(i))
                    {
                        break;
                    }

                    continue;
                }

                var recordLength = _buffer.WrittenCount - start;
                var unwritten = start - chunkStart;
                if (_activeLength + unwritten + recordLength > _options.MaxFileBytes && _activeLength + unwritten > 0)
                {
                    WriteChunk(chunkStart, start);
                    MarkDurable(chunkFirstItem, i);
                    _sequence = sequence;
                    _mac = mac;
                    Rotate();
                    if (_segment is not null)
                    {
                        // Sealed under the previous file's data key: seal it again after the new file's key record.
                        _buffer.Rewind(start);
                        unitSequence = sequence;
                        unitMac = mac;
                        AppendRecord(item.Event!, ref unitSequence, ref unitMac);
                    }

                    chunkStart = start;
                    chunkFirstItem = i;
                }

                sequence = unitSequence;
                mac = unitMac;
                if (!Next(i))
                {
                    break;
                }
            }

            WriteChunk(chunkStart, _buffer.WrittenCount);
            MarkDurable(chunkFirstItem, _batch.Count);
            _sequence = sequence;
            _mac = mac;
            return null;
        }
        catch (Exception ex)
        {
            Close();
            return ex;
        }
    }

    /// <summary>
    /// Appends one event at the end of the buffer — preceded by the key record of a new key segment when one is
    /// pending — and advances <paramref name="sequence"/> and <paramref name="mac"/> past it.
    /// </summary>
    private void AppendRecord(AuditEvent auditEvent, ref long sequence, ref AuditMac mac)
    {
        if (_segment is { } segment)
        {
            if (_segmentPending)
            {
                mac = AuditRecordFormat.WriteKey(_json!, _buffer, _hmac!, sequence + 1, mac, _time.GetUtcNow(), segment);
                sequence++;
                _segmentPending = false;
                _segmentUsed = true;
            }

            var start = _buffer.WrittenCount;
            var recordMac = AuditRecordFormat.WriteEncryptedEvent(_json!, _buffer, _scratch!, _hmac!, segment, sequence + 1, mac, auditEvent);
            CheckRecordSize(_buffer.WrittenCount - start, encrypted: true);
            sequence++;
            mac = recordMac;
        }
        else
        {
            var start = _buffer.WrittenCount;
            var recordMac = AuditRecordFormat.WriteEvent(_json!, _buffer, _hmac!, sequence + 1, mac, auditEvent);
            CheckRecordSize(_buffer.WrittenCount - start, encrypted: false);
            sequence++;
            mac = recordMac;
        }
    }

    private static void CheckRecordSize(int length, bool encrypted)
    {
        if (length > AuditRecordFormat.MaxRecordBytes)
        {
            throw new AuditSinkException($"The audit record is {length} bytes{(encrypted ? " encrypted (base64 adds a third)" : string.Empty)}; the limit is {AuditRecordFormat.MaxRecordBytes}. Keep AuditEvent.Properties small.");
        }
    }

    private bool Next(int index)
    {
        if (index + 1 < _batch.Count)
        {
            return true;
        }

        if (_batch.Count < MaxBatchRecords && _buffer.WrittenCount < MaxBatchBytes && _queue.TryDequeue(out var next))
        {
            _batch.Add(next);
            return true;
        }

        return false;
    }

    private void MarkDurable(int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            if (_batch[i].Error is null)
            {
                _batch[i].Durable = true;
            }
        }
    }

    private void WriteChunk(int from, int to)
    {
        if (to <= from)
        {
            return;
        }

        var handle = _active!.SafeFileHandle;
        RandomAccess.Write(handle, _buffer.WrittenSpan[from..to], _activeLength);
        _activeLength += to - from;
        if (_options.FlushToDisk)
        {
            RandomAccess.FlushToDisk(handle);
        }
    }

    private void MarkFailed(Exception error)
    {
        if (!_failed)
        {
            _failed = true;
            _logger.SinkFailed(_files.ActivePath, error);
        }
    }

    private bool ChangedExternally()
    {
        try
        {
            return RandomAccess.GetLength(_active!.SafeFileHandle) != _activeLength || !File.Exists(_files.ActivePath);
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static void ResetHmac(IncrementalHash hmac)
    {
        Span<byte> discard = stackalloc byte[AuditMac.Size];
        hmac.GetHashAndReset(discard);
    }

    private sealed class PendingWrite(JsonlAuditSink owner) : IValueTaskSource
    {
        private ManualResetValueTaskSourceCore<bool> _core = new() { RunContinuationsAsynchronously = true };

        public AuditEvent? Event;
        public Exception? Error;
        public bool Durable;
        public bool Done;

        public short Version => _core.Version;

        public void Complete(Exception? error)
        {
            Done = true;
            if (error is null)
            {
                _core.SetResult(true);
            }
            else
            {
                _core.SetException(error);
            }
        }

        public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
            => _core.OnCompleted(continuation, state, token, flags);

        public void GetResult(short token)
        {
            try
            {
                _core.GetResult(token);
            }
            finally
            {
                Event = null;
                Error = null;
                Durable = false;
                Done = false;
                _core.Reset();
                owner.Return(this);
            }
        }
    }
}
