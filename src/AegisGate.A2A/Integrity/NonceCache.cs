using System.Collections.Concurrent;

namespace AegisGate.A2A.Integrity;

/// <summary>
/// The replay cache: remembers each agent's nonces until their signature can no longer be accepted (timestamp + skew).
/// Bounded: when it is full of unexpired nonces a new nonce is refused (the request is denied) rather than forgetting
/// one that could then be replayed.
/// </summary>
internal sealed class NonceCache
{
    private readonly ConcurrentDictionary<string, long> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly Lock _sweepGate = new();
    private long _nextSweep;

    public NonceCache(TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
    }

    public int Count => _entries.Count;

    /// <summary>Records a nonce.</summary>
    /// <returns><see cref="NonceResult.Added"/>, <see cref="NonceResult.Replay"/> or <see cref="NonceResult.Full"/>.</returns>
    public NonceResult TryAdd(string agentId, string nonce, DateTimeOffset expiresAt, int capacity)
    {
        var now = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var key = string.Concat(agentId, "\n", nonce);
        if (_entries.TryGetValue(key, out var existing) && existing > now)
        {
            return NonceResult.Replay;
        }

        if (_entries.Count >= capacity || now >= Volatile.Read(ref _nextSweep))
        {
            Sweep(now);
            if (_entries.Count >= capacity)
            {
                return NonceResult.Full;
            }
        }

        var expiry = expiresAt.ToUnixTimeMilliseconds();
        if (_entries.TryAdd(key, expiry))
        {
            return NonceResult.Added;
        }

        // The nonce is known: only an expired entry may be replaced, and only by one of several concurrent requests.
        return _entries.TryGetValue(key, out var old) && old <= now && _entries.TryUpdate(key, expiry, old)
            ? NonceResult.Added
            : NonceResult.Replay;
    }

    private void Sweep(long now)
    {
        lock (_sweepGate)
        {
            foreach (var (key, expiry) in _entries)
            {
                if (expiry <= now)
                {
                    _entries.TryRemove(new KeyValuePair<string, long>(key, expiry));
                }
            }

            Volatile.Write(ref _nextSweep, now + 10_000);
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
