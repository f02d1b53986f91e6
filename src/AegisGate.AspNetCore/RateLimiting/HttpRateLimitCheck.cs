using System.Threading.RateLimiting;
using AegisGate.AspNetCore.Http;

namespace AegisGate.AspNetCore.RateLimiting;

/// <summary>Per-principal token bucket (System.Threading.RateLimiting). Public endpoints are not limited.</summary>
/// <remarks>Denies with <c>AEGIS_RATE_LIMITED</c> (429) and a <c>Retry-After</c>.</remarks>
internal sealed class HttpRateLimitCheck(AegisHttpRuntime runtime) : ISecurityCheck
{
    public const string CheckName = "http.rate-limit";

    public string Name => CheckName;

    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
    {
        var state = HttpRequestState.From(context);
        if (state.Endpoint.IsPublic || !state.Snapshot.Options.RateLimit.Enabled)
        {
            return new(SecurityDecision.Allow());
        }

        if (state.PrincipalId is not { } principal)
        {
            return new(SecurityDecision.Deny(HttpErrorCodes.AuthMissing, "Authentication is required."));
        }

        using var lease = runtime.RateLimiter.AttemptAcquire(principal);
        if (lease.IsAcquired)
        {
            return new(SecurityDecision.Allow());
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var delay) ? delay : state.Snapshot.Options.RateLimit.ReplenishmentPeriod;
        return new(SecurityDecision.DenyRetryAfter(HttpErrorCodes.RateLimited, "Too many requests; retry later.", retryAfter));
    }
}
