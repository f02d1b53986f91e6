using System.Collections.Concurrent;

namespace AegisGate.A2A.Integrity;

/// <summary>
/// The replay cache: remembers each agent's nonces at least until their signature can no longer be accepted
/// (timestamp + skew). Two generations: new nonces go into the current one; the previous one is dropped whole, in O(1),
/// once every nonce in it has expired, so no sweep ever scans the cache on the request path. Bounded: when it holds
/// <c>capacity</c> nonces and nothing can be dropped, a new nonce is refused (the request is denied) rather than
/// forgetting one that could then be replayed.
/// </summary>
internal sealed class NonceCache : IDisposable
{
    private const long RotationMs = 10_000;
    private readonly TimeProvider _timeProvider;
    private readonly ReaderWriterLockSlim _gate = new(LockRecursionPolicy.NoRecursion);
    private Generation _current;
    private Generation? _previous;

    public NonceCache(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        _current = new Generation(timeProvider.GetUtcNow().ToUnixTimeMilliseconds());
    }

    /// <summary>Gets the number of nonces held (expired ones not yet dropped included).</summary>
    public long Count => _current.Count + (_previous?.Count ?? 0);

    /// <summary>Records a nonce.</summary>
    /// <returns><see cref="NonceResult.Added"/>, <see cref="NonceResult.Replay"/> or <see cref="NonceResult.Full"/>.</returns>
    public NonceResult TryAdd(string agentId, string nonce, DateTimeOffset expiresAt, int capacity)
    {
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var expiry = expiresAt.ToUnixTimeMilliseconds();
        var key = string.Concat(agentId, "\n", nonce);
        if (now - Volatile.Read(ref _current).StartedMs >= RotationMs || Count >= capacity)
        {
            Rotate(now, capacity);
        }

        _gate.EnterReadLock();
        try
        {
            // Both generations are read under the same lock, so a rotation cannot hide a nonce between the two lookups.
            if ((_previous is { } previous && previous.Entries.TryGetValue(key, out var old) && old > now)
                || (_current.Entries.TryGetValue(key, out var live) && live > now))
            {
                return NonceResult.Replay;
            }

            if (Count >= capacity)
            {
                return NonceResult.Full;
            }

            var current = _current;
            if (current.Entries.TryAdd(key, expiry))
            {
                current.Added(expiry, counted: true);
                return NonceResult.Added;
            }

            // An expired entry of the current generation may be replaced, by one of several concurrent requests only.
            if (current.Entries.TryGetValue(key, out var stale) && stale <= now && current.Entries.TryUpdate(key, expiry, stale))
            {
                current.Added(expiry, counted: false);
                return NonceResult.Added;
            }

            return NonceResult.Replay;
        }
        finally
        {
            _gate.ExitReadLock();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Drops the previous generation when every nonce in it has expired, making the current one the previous.</summary>
    private void Rotate(long now, int capacity)
    {
        _gate.EnterWriteLock();
        try
        {
            // Twice at most: a full current generation may itself be entirely expired.
            for (var i = 0; i < 2; i++)
            {
                var due = now - _current.StartedMs >= RotationMs || Count >= capacity;
                if (!due || (_previous is { } previous && now < previous.MaxExpiry))
                {
                    return;
                }

                _previous = _current;
                _current = new Generation(now);
                if (Count < capacity)
                {
                    return;
                }
            }
        }
        finally
        {
            _gate.ExitWriteLock();
        }
    }

    private sealed class Generation(long startedMs)
    {
        private long _count;
        private long _maxExpiry;

        public ConcurrentDictionary<string, long> Entries { get; } = new(StringComparer.Ordinal);

        public long StartedMs { get; } = startedMs;

        public long Count => Interlocked.Read(ref _count);

        public long MaxExpiry => Interlocked.Read(ref _maxExpiry);

        public void Added(long expiry, bool counted)
        {
            if (counted)
            {
                Interlocked.Increment(ref _count);
            }

            long seen;
            while (expiry > (seen = Interlocked.Read(ref _maxExpiry)) && Interlocked.CompareExchange(ref _maxExpiry, expiry, seen) != seen)
            {
            }
        }
    }
}

/// <summary>The outcome of recording a nonce.</summary>
internal enum NonceResult
{
    Added,
    Replay,
    Full,
}
