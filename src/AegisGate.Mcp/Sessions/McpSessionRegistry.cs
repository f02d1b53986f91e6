using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace AegisGate.Mcp.Sessions;

/// <summary>The outcome of looking a session up.</summary>
internal enum McpSessionLookup
{
    /// <summary>The session exists and belongs to the caller.</summary>
    Owned,

    /// <summary>No such session (forged, expired, deleted).</summary>
    Unknown,

    /// <summary>The session belongs to another principal.</summary>
    OtherPrincipal,
}

/// <summary>
/// The sessions AegisGate tracks, each bound to the principal that created it, with a per-principal count. A new
/// session first takes a reservation (so concurrent <c>initialize</c> requests cannot exceed the limit), which is
/// committed with the id the server issued or released when none was issued. Every way a session ends (DELETE, SDK
/// idle timeout or crash through the session-run hook, AegisGate's own idle sweep, a 404 from the server) goes
/// through <see cref="Remove"/>, which is idempotent, so the per-principal counter cannot drift.
/// </summary>
internal sealed class McpSessionRegistry
{
    private readonly ConcurrentDictionary<string, Entry> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PrincipalCount> _counts = new(StringComparer.Ordinal);
    private readonly IOptionsMonitor<AegisMcpOptions> _options;
    private readonly TimeProvider _time;

    public McpSessionRegistry(IOptionsMonitor<AegisMcpOptions> options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    /// <summary>Gets the number of tracked sessions.</summary>
    public int Count => _sessions.Count;

    /// <summary>Gets the number of sessions (and open reservations) a principal holds.</summary>
    public int CountFor(string principal) => _counts.TryGetValue(principal, out var count) ? Volatile.Read(ref count.Value) : 0;

    /// <summary>Reserves a session slot for a principal, or returns <see langword="null"/> when the principal is at its limit.</summary>
    public Reservation? TryReserve(string principal)
    {
        ArgumentException.ThrowIfNullOrEmpty(principal);
        var limit = _options.CurrentValue.Sessions.MaxSessionsPerPrincipal;
        var count = _counts.GetOrAdd(principal, static _ => new PrincipalCount());
        while (true)
        {
            var current = Volatile.Read(ref count.Value);
            if (current >= limit)
            {
                return null;
            }

            if (Interlocked.CompareExchange(ref count.Value, current + 1, current) == current)
            {
                return new Reservation(this, principal);
            }
        }
    }

    /// <summary>Looks a session up for a caller and refreshes its idle timer when the caller owns it.</summary>
    public McpSessionLookup Lookup(string sessionId, string? principal)
    {
        if (!_sessions.TryGetValue(sessionId, out var entry))
        {
            return McpSessionLookup.Unknown;
        }

        if (principal is null || !string.Equals(entry.Principal, principal, StringComparison.Ordinal))
        {
            return McpSessionLookup.OtherPrincipal;
        }

        entry.LastSeen = _time.GetTimestamp();
        return McpSessionLookup.Owned;
    }

    /// <summary>Ends a session; returns whether it was tracked. Idempotent.</summary>
    public bool Remove(string sessionId)
    {
        if (!_sessions.TryRemove(sessionId, out var entry))
        {
            return false;
        }

        Decrement(entry.Principal);
        return true;
    }

    /// <summary>Removes sessions idle for longer than the idle timeout; returns how many were removed.</summary>
    public int SweepIdle(Action<string>? onRemoved = null)
    {
        var timeout = _options.CurrentValue.Sessions.IdleTimeout;
        var removed = 0;
        foreach (var (id, entry) in _sessions)
        {
            if (_time.GetElapsedTime(entry.LastSeen) > timeout && Remove(id))
            {
                onRemoved?.Invoke(id);
                removed++;
            }
        }

        return removed;
    }

    private bool Commit(string principal, string sessionId)
    {
        var entry = new Entry(principal) { LastSeen = _time.GetTimestamp() };
        if (_sessions.TryAdd(sessionId, entry))
        {
            return true;
        }

        // The same id again (the SDK echoes the header on every response of a session): keep one count.
        Decrement(principal);
        return false;
    }

    private void Decrement(string principal)
    {
        if (_counts.TryGetValue(principal, out var count))
        {
            Interlocked.Decrement(ref count.Value);
        }
    }

    /// <summary>A held session slot. Commit it with the issued id, or dispose it to release the slot.</summary>
    internal sealed class Reservation(McpSessionRegistry registry, string principal) : IDisposable
    {
        private int _done;

        public string Principal { get; } = principal;

        /// <summary>Binds the slot to the issued session id.</summary>
        public void Commit(string sessionId)
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                registry.Commit(Principal, sessionId);
            }
        }

        /// <summary>Releases the slot when it was not committed.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                registry.Decrement(Principal);
            }
        }
    }

    private sealed class Entry(string principal)
    {
        public string Principal { get; } = principal;

        public long LastSeen;
    }

    private sealed class PrincipalCount
    {
        public int Value;
    }
}
