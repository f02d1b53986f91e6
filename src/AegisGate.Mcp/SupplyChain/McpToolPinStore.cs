using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using AegisGate.Configuration;
using AegisGate.Mcp.Tools;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AegisGate.Mcp.SupplyChain;

/// <summary>The pin state of a tool definition.</summary>
public enum McpPinStatus
{
    /// <summary>The definition matches its approved pin.</summary>
    Pinned = 0,

    /// <summary>The definition differs from its approved pin (rug pull).</summary>
    Changed = 1,

    /// <summary>The tool has no approved pin (a new tool in lock-file mode).</summary>
    Unapproved = 2,
}

/// <summary>
/// Tool definitions pinned by SHA-256 per server, in memory and (when configured) in a JSON lock file (format:
/// <c>docs/mcp.md</c>): approved pins under <c>servers</c>, definitions awaiting approval under <c>pending</c>, revoked
/// pins under <c>revoked</c>. In trust-on-first-use mode a tool seen for the first time is pinned and persisted; in
/// lock-file mode only pinned tools pass. A changed or new definition is never approved automatically: it is recorded as
/// pending (with its definition, for review) and stays denied until an operator approves it — with
/// <c>aegisgate mcp pins approve</c>, which edits the lock file, or <see cref="Approve"/>. The store notices changes to
/// the lock file made by other processes (checked at most once a second) and applies them; a file that becomes invalid
/// is ignored (the last good pins stay, an error is logged). Writes hold a cross-process lock and re-read the file first,
/// so the host and the CLI never overwrite each other's changes.
/// </summary>
public sealed class McpToolPinStore
{
    /// <summary>How often the lock file is checked for changes made by other processes.</summary>
    internal static readonly TimeSpan ReloadCheckInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<(string Server, string Tool), Entry> _entries = new();
    private readonly IOptionsMonitor<AegisMcpOptions> _options;
    private readonly ILogger<McpToolPinStore> _logger;
    private readonly TimeProvider _time;
    private readonly string? _lockFile;
    private readonly Lock _fileLock = new();
    private FileStamp _stamp;
    private long _lastCheck;

    /// <summary>Initializes a new instance of the <see cref="McpToolPinStore"/> class and loads the lock file.</summary>
    /// <param name="options">The MCP options.</param>
    /// <param name="paths">The data directory resolver.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="timeProvider">The time provider (change checks, first-seen times); <see langword="null"/> is <see cref="TimeProvider.System"/>.</param>
    /// <exception cref="InvalidOperationException">The lock file exists but cannot be read (fail closed: the host does not start).</exception>
    public McpToolPinStore(IOptionsMonitor<AegisMcpOptions> options, AegisPaths paths, ILogger<McpToolPinStore> logger, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(paths);
        _options = options;
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
        var configured = options.CurrentValue.SupplyChain.LockFile;
        _lockFile = string.IsNullOrWhiteSpace(configured) ? null : paths.ResolveData(configured);
        if (_lockFile is not null)
        {
            var stamp = FileStamp.Of(_lockFile);
            try
            {
                Apply(McpToolLockFile.Read(_lockFile));
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException($"The MCP tool lock file '{_lockFile}' is invalid; fix or remove it ({ex.Message}).", ex);
            }

            _stamp = stamp;
            _lastCheck = _time.GetTimestamp();
        }
    }

    /// <summary>Gets the lock file path, or <see langword="null"/> when pins are kept in memory only.</summary>
    public string? LockFilePath => _lockFile;

    /// <summary>Records a definition as the server's current one and returns its pin status.</summary>
    /// <param name="tool">The definition.</param>
    /// <returns>The status: <see cref="McpPinStatus.Unapproved"/> also for a revoked tool, and for a first-use pin that could not be persisted.</returns>
    public McpPinStatus Observe(McpToolDefinition tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        Refresh();
        var key = (tool.ServerId, tool.Name);
        var entry = _entries.GetOrAdd(key, static _ => new Entry());
        bool pinOnFirstUse;
        lock (entry)
        {
            entry.Observed = tool;
            pinOnFirstUse = entry.Approved is null && entry.Revoked is null && _options.CurrentValue.SupplyChain.Mode == McpPinMode.TrustOnFirstUse;
            if (pinOnFirstUse && _lockFile is null)
            {
                entry.Approved = tool.Hash;
            }
        }

        if (pinOnFirstUse)
        {
            if (_lockFile is null || TryPersist(doc => doc.PinOnFirstUse(tool.ServerId, tool.Name, tool.Hash)))
            {
                McpLog.ToolPinned(_logger, tool.ServerId, tool.Name, tool.Hash);
            }
        }

        McpPinStatus status;
        bool recordPending;
        lock (entry)
        {
            status = entry.Approved is null ? McpPinStatus.Unapproved
                : string.Equals(entry.Approved, tool.Hash, StringComparison.Ordinal) ? McpPinStatus.Pinned
                : McpPinStatus.Changed;
            recordPending = status != McpPinStatus.Pinned && !string.Equals(entry.PendingHash, tool.Hash, StringComparison.Ordinal);
            if (recordPending)
            {
                entry.PendingHash = tool.Hash;
            }
        }

        if (recordPending)
        {
            if (status == McpPinStatus.Changed)
            {
                McpLog.ToolPinMismatch(_logger, tool.ServerId, tool.Name);
            }

            if (_lockFile is not null)
            {
                var definition = JsonNode.Parse(tool.Definition.GetRawText());
                TryPersist(doc => doc.RecordPending(tool.ServerId, tool.Name, tool.Hash, _time.GetUtcNow(), definition));
            }
        }

        return status;
    }

    /// <summary>Gets the definition last observed for a tool, or <see langword="null"/>.</summary>
    /// <param name="serverId">The server.</param>
    /// <param name="toolName">The tool.</param>
    /// <returns>The definition.</returns>
    public McpToolDefinition? GetObserved(string serverId, string toolName)
        => _entries.TryGetValue((serverId, toolName), out var entry) ? entry.Observed : null;

    /// <summary>Gets the approved hash of a tool, or <see langword="null"/> (no pin, or revoked).</summary>
    /// <param name="serverId">The server.</param>
    /// <param name="toolName">The tool.</param>
    /// <returns>The hash.</returns>
    public string? GetApprovedHash(string serverId, string toolName)
    {
        Refresh();
        return _entries.TryGetValue((serverId, toolName), out var entry) ? entry.Approved : null;
    }

    /// <summary>Approves the definition last observed for a tool (an operator decision after review).</summary>
    /// <param name="serverId">The server.</param>
    /// <param name="toolName">The tool.</param>
    /// <returns><see langword="true"/> when a definition was observed and is now approved.</returns>
    /// <exception cref="IOException">The lock file could not be updated.</exception>
    public bool Approve(string serverId, string toolName)
    {
        if (!_entries.TryGetValue((serverId, toolName), out var entry))
        {
            return false;
        }

        string hash;
        lock (entry)
        {
            if (entry.Observed is null)
            {
                return false;
            }

            hash = entry.Observed.Hash;
            if (_lockFile is null)
            {
                entry.Approved = hash;
                entry.Revoked = null;
                entry.PendingHash = null;
                return true;
            }
        }

        Persist(doc =>
        {
            doc.ApproveHash(serverId, toolName, hash);
            return true;
        });
        return true;
    }

    /// <summary>Revokes a tool's approved pin: its calls are denied (and it is not pinned on first use again) until a definition is approved.</summary>
    /// <param name="serverId">The server.</param>
    /// <param name="toolName">The tool.</param>
    /// <returns><see langword="true"/> when the tool had an approved pin.</returns>
    /// <exception cref="IOException">The lock file could not be updated.</exception>
    public bool Revoke(string serverId, string toolName)
    {
        if (_lockFile is not null)
        {
            var revoked = false;
            Persist(doc => revoked = doc.Revoke(serverId, toolName) == McpLockChange.Done);
            return revoked;
        }

        if (!_entries.TryGetValue((serverId, toolName), out var entry))
        {
            return false;
        }

        lock (entry)
        {
            if (entry.Approved is null)
            {
                return false;
            }

            entry.Revoked = entry.Approved;
            entry.Approved = null;
            entry.PendingHash = null;
            return true;
        }
    }

    /// <summary>Re-reads the lock file when another process changed it (checked at most every <see cref="ReloadCheckInterval"/>).</summary>
    internal void Refresh()
    {
        if (_lockFile is null)
        {
            return;
        }

        var now = _time.GetTimestamp();
        if (_time.GetElapsedTime(Volatile.Read(ref _lastCheck), now) < ReloadCheckInterval)
        {
            return;
        }

        lock (_fileLock)
        {
            if (_time.GetElapsedTime(_lastCheck, now) < ReloadCheckInterval)
            {
                return;
            }

            Volatile.Write(ref _lastCheck, now);
            var stamp = FileStamp.Of(_lockFile);
            if (stamp == _stamp)
            {
                return;
            }

            _stamp = stamp;
            if (!stamp.Exists)
            {
                // A deleted lock file is not a reset: the pins in memory stay and are written again on the next change.
                McpLog.PinsReloadFailed(_logger, _lockFile, "the file was deleted; the pins in memory stay in force");
                return;
            }

            try
            {
                Apply(McpToolLockFile.Read(_lockFile));
                McpLog.PinsReloaded(_logger, _lockFile);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                McpLog.PinsReloadFailed(_logger, _lockFile, ex.Message);
            }
        }
    }

    private bool TryPersist(Func<McpToolLock, bool> change)
    {
        try
        {
            Persist(change);
            return true;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            McpLog.PinsPersistFailed(_logger, _lockFile!, ex.Message);
            Refresh(force: true);
            return false;
        }
    }

    private McpToolLock Persist(Func<McpToolLock, bool> change)
    {
        lock (_fileLock)
        {
            var doc = McpToolLockFile.Update(_lockFile!, doc =>
            {
                // A lock file deleted while the host runs is recreated with the pins in memory, never from scratch.
                var restored = !doc.Entries.Any() && Restore(doc);
                return change(doc) | restored;
            });
            Apply(doc);
            _stamp = FileStamp.Of(_lockFile!);
            return doc;
        }
    }

    private void Refresh(bool force)
    {
        if (force)
        {
            Volatile.Write(ref _lastCheck, 0);
            lock (_fileLock)
            {
                _stamp = default;
            }
        }

        Refresh();
    }

    private bool Restore(McpToolLock doc)
    {
        var any = false;
        foreach (var ((server, tool), entry) in _entries)
        {
            lock (entry)
            {
                if (entry.Approved is not null || entry.Revoked is not null)
                {
                    doc.Restore(server, tool, entry.Approved, entry.Revoked);
                    any = true;
                }
            }
        }

        return any;
    }

    /// <summary>Makes the in-memory pins match a lock file's content (the file is the truth; observations stay).</summary>
    private void Apply(McpToolLock doc)
    {
        var present = new HashSet<(string, string)>();
        foreach (var (server, tool, state) in doc.Entries)
        {
            present.Add((server, tool));
            var entry = _entries.GetOrAdd((server, tool), static _ => new Entry());
            lock (entry)
            {
                entry.Approved = state.Revoked is null ? state.Approved : null;
                entry.Revoked = state.Revoked;
                entry.PendingHash = state.Pending?.Hash;
            }
        }

        foreach (var (key, entry) in _entries)
        {
            if (!present.Contains(key))
            {
                lock (entry)
                {
                    entry.Approved = null;
                    entry.Revoked = null;
                    entry.PendingHash = null;
                }
            }
        }
    }

    private readonly record struct FileStamp(bool Exists, long LastWriteTicks, long Length)
    {
        public static FileStamp Of(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(true, info.LastWriteTimeUtc.Ticks, info.Length) : default;
        }
    }

    private sealed class Entry
    {
        public string? Approved { get; set; }

        public string? Revoked { get; set; }

        public string? PendingHash { get; set; }

        public McpToolDefinition? Observed { get; set; }
    }
}
