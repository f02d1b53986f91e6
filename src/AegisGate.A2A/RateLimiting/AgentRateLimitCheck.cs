using AegisGate.A2A.Configuration;
using AegisGate.A2A.Http;

namespace AegisGate.A2A.RateLimiting;

/// <summary>Step 4, Rate Limit: one token from the agent's bucket (<c>a2a.yaml</c> <c>rate_limit</c>, per-agent overrides).</summary>
/// <remarks>Denies with <see cref="A2AErrorCodes.RateLimited"/> (429, <c>Retry-After</c>).</remarks>
internal sealed class AgentRateLimitCheck(A2ARuntime runtime) : ISecurityCheck
{
    public const string CheckName = "a2a.rate_limit";

    public string Name => CheckName;

    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
    {
        var request = A2ARequestData.From(context);
        if (request?.AgentId is not { } agentId)
        {
            return new(A2ADecisions.MissingRequest);
        }

        return new(runtime.RateLimiter.TryAcquire(agentId, out var retryAfter)
            ? SecurityDecision.Allow()
            : SecurityDecision.DenyRetryAfter(A2AErrorCodes.RateLimited, "The agent exceeded its request rate; retry after the indicated time.", retryAfter));
    }
}
