using System.Threading.RateLimiting;
using AegisGate.A2A.Configuration;

namespace AegisGate.A2A.RateLimiting;

/// <summary>Per-agent token buckets (System.Threading.RateLimiting), rebuilt when <c>a2a.yaml</c> changes.</summary>
internal sealed class AgentRateLimiter : IDisposable
{
    private volatile Holder _current;

    public AgentRateLimiter(CompiledA2AConfig config)
    {
        _current = new Holder(config);
    }

    /// <summary>Takes one token from the agent's bucket.</summary>
    /// <param name="agentId">The agent.</param>
    /// <param name="retryAfter">When denied, how long until a token is available.</param>
    /// <returns><see langword="true"/> when a token was available.</returns>
    public bool TryAcquire(string agentId, out TimeSpan retryAfter)
    {
        var holder = _current;
        using var lease = holder.Limiter.AttemptAcquire(agentId);
        if (lease.IsAcquired)
        {
            retryAfter = TimeSpan.Zero;
            return true;
        }

        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var value) ? value : holder.PeriodOf(agentId);
        return false;
    }

    public void Update(CompiledA2AConfig config)
    {
        var old = Interlocked.Exchange(ref _current, new Holder(config));
        old.Dispose();
    }

    public void Dispose() => _current.Dispose();

    private sealed class Holder : IDisposable
    {
        private readonly CompiledA2AConfig _config;

        public Holder(CompiledA2AConfig config)
        {
            _config = config;
            Limiter = PartitionedRateLimiter.Create<string, string>(
                agent =>
                {
                    var bucket = config.AgentBuckets.TryGetValue(agent, out var own) ? own : config.DefaultBucket;
                    return RateLimitPartition.GetTokenBucketLimiter(agent, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = bucket.TokenLimit,
                        TokensPerPeriod = bucket.TokensPerPeriod,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(bucket.PeriodSeconds),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
                },
                StringComparer.Ordinal);
        }

        public PartitionedRateLimiter<string> Limiter { get; }

        public TimeSpan PeriodOf(string agent)
            => TimeSpan.FromSeconds((_config.AgentBuckets.TryGetValue(agent, out var own) ? own : _config.DefaultBucket).PeriodSeconds);

        public void Dispose() => Limiter.Dispose();
    }
}
