using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace AegisGate.Mcp.RateLimiting;

/// <summary>
/// Token buckets (<see cref="TokenBucketRateLimiter"/>) per principal, per session and per (principal, tool).
/// Buckets are replenished from <see cref="TimeProvider"/> (not a background timer), so time is testable and an idle
/// bucket costs nothing. The partition table is bounded: when full, idle buckets are evicted first, and if none can
/// be evicted new partitions are denied (fail closed) rather than growing without limit.
/// </summary>
internal sealed class McpRateLimiter
{
    internal const int MaxPartitions = 100_000;
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly IOptionsMonitor<AegisMcpOptions> _options;
    private readonly TimeProvider _time;

    public McpRateLimiter(IOptionsMonitor<AegisMcpOptions> options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    /// <summary>Gets the number of live partitions.</summary>
    public int PartitionCount => _buckets.Count;

    /// <summary>Takes one token from each applicable bucket; returns the first exhausted bucket's retry delay, or <see langword="null"/>.</summary>
    public TimeSpan? TryAcquire(string principal, string sessionKey, string? tool)
    {
        var settings = _options.CurrentValue.RateLimits;
        if (Take("p:" + principal, settings.PerPrincipal) is { } principalRetry)
        {
            return principalRetry;
        }

        if (Take("s:" + sessionKey, settings.PerSession) is { } sessionRetry)
        {
            return sessionRetry;
        }

        if (tool is not null)
        {
            var bucket = settings.Tools.TryGetValue(tool, out var specific) ? specific : settings.PerTool;
            return Take("t:" + principal + "\n" + tool, bucket);
        }

        return null;
    }

    private TimeSpan? Take(string key, McpTokenBucketOptions settings)
    {
        if (!_buckets.TryGetValue(key, out var bucket))
        {
            if (_buckets.Count >= MaxPartitions && !Evict())
            {
                return settings.Period;
            }

            bucket = _buckets.GetOrAdd(key, static (_, state) => new Bucket(state.settings, state.now), (settings, now: _time.GetTimestamp()));
        }

        return bucket.TryTake(_time);
    }

    private bool Evict()
    {
        var evicted = false;
        foreach (var (key, bucket) in _buckets)
        {
            if (bucket.IsFull(_time) && _buckets.TryRemove(key, out var removed))
            {
                removed.Dispose();
                evicted = true;
            }
        }

        return evicted;
    }

    private sealed class Bucket : IDisposable
    {
        private readonly TokenBucketRateLimiter _limiter;
        private readonly McpTokenBucketOptions _settings;
        private readonly Lock _gate = new();
        private long _lastReplenish;

        public Bucket(McpTokenBucketOptions settings, long now)
        {
            _settings = settings;
            _lastReplenish = now;
            _limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = settings.TokenLimit,
                TokensPerPeriod = settings.TokensPerPeriod,
                ReplenishmentPeriod = settings.Period,
                AutoReplenishment = false,
                QueueLimit = 0,
            });
        }

        public TimeSpan? TryTake(TimeProvider time)
        {
            lock (_gate)
            {
                Replenish(time);
                using var lease = _limiter.AttemptAcquire(1);
                if (lease.IsAcquired)
                {
                    return null;
                }

                var sinceLast = time.GetElapsedTime(_lastReplenish);
                var retry = _settings.Period - sinceLast;
                return retry > TimeSpan.Zero ? retry : TimeSpan.FromMilliseconds(1);
            }
        }

        public bool IsFull(TimeProvider time)
        {
            lock (_gate)
            {
                Replenish(time);
                return _limiter.GetStatistics()?.CurrentAvailablePermits >= _settings.TokenLimit;
            }
        }

        public void Dispose() => _limiter.Dispose();

        private void Replenish(TimeProvider time)
        {
            var elapsed = time.GetElapsedTime(_lastReplenish);
            if (elapsed < _settings.Period)
            {
                return;
            }

            var periods = (long)(elapsed.Ticks / _settings.Period.Ticks);
            var rounds = Math.Min(periods, (_settings.TokenLimit / _settings.TokensPerPeriod) + 1);
            for (var i = 0; i < rounds; i++)
            {
                _limiter.TryReplenish();
            }

            _lastReplenish += (long)(periods * _settings.Period.TotalSeconds * time.TimestampFrequency);
        }
    }
}

/// <summary>Rate limits per principal, per session and per tool. Denials carry <c>Retry-After</c>.</summary>
internal sealed class McpRateLimitCheck(McpRateLimiter? limiter) : ISecurityCheck
{
    public string Name => "mcp.rate-limit";

    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
    {
        var message = context.GetMessage();
        if (message is null || message.Kind != McpMessageKind.Request)
        {
            return new(SecurityDecision.Allow());
        }

        if (limiter is null)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.RateLimited, "Rate limiting is unavailable; the request is denied.", 503));
        }

        var retry = limiter.TryAcquire(context.PrincipalId ?? "anonymous", context.GetSessionKey(), message.IsToolCall ? message.TargetName : null);
        return new(retry is { } after
            ? SecurityDecision.DenyRetryAfter(McpErrorCodes.RateLimited, "The rate limit is exhausted; retry later.", after)
            : SecurityDecision.Allow());
    }
}
