using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace AegisGate.Mcp.RateLimiting;

/// <summary>
/// Token buckets per principal, per session and per (principal, tool): three
/// <see cref="PartitionedRateLimiter{TResource}"/>s of <see cref="TokenBucketRateLimiter"/> partitions, replenished by the
/// library's shared timer. Idle partitions are disposed by the partitioned limiter itself, so memory stays bounded by
/// the active callers. A denial carries the bucket's retry-after.
/// </summary>
internal sealed class McpRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _principals;
    private readonly PartitionedRateLimiter<string> _sessions;
    private readonly PartitionedRateLimiter<(string Principal, string Tool)> _tools;

    public McpRateLimiter(IOptionsMonitor<AegisMcpOptions> options)
    {
        _principals = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => Bucket(options.CurrentValue.RateLimits.PerPrincipal)));
        _sessions = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => Bucket(options.CurrentValue.RateLimits.PerSession)));
        _tools = PartitionedRateLimiter.Create<(string Principal, string Tool), (string, string)>(key => RateLimitPartition.GetTokenBucketLimiter(key, k =>
        {
            var settings = options.CurrentValue.RateLimits;
            return Bucket(settings.Tools.TryGetValue(k.Item2, out var specific) ? specific : settings.PerTool);
        }));
    }

    /// <summary>Takes one token from each applicable bucket; returns the first exhausted bucket's retry delay, or <see langword="null"/>.</summary>
    public TimeSpan? TryAcquire(string principal, string sessionKey, string? tool)
    {
        if (Take(_principals, principal) is { } principalRetry)
        {
            return principalRetry;
        }

        if (Take(_sessions, sessionKey) is { } sessionRetry)
        {
            return sessionRetry;
        }

        return tool is null ? null : Take(_tools, (principal, tool));
    }

    public void Dispose()
    {
        _principals.Dispose();
        _sessions.Dispose();
        _tools.Dispose();
    }

    private static TimeSpan? Take<TKey>(PartitionedRateLimiter<TKey> limiter, TKey key)
    {
        using var lease = limiter.AttemptAcquire(key, 1);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) && retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromSeconds(1);
    }

    private static TokenBucketRateLimiterOptions Bucket(McpTokenBucketOptions settings) => new()
    {
        TokenLimit = settings.TokenLimit,
        TokensPerPeriod = settings.TokensPerPeriod,
        ReplenishmentPeriod = settings.Period,
        AutoReplenishment = true,
        QueueLimit = 0,
    };
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
