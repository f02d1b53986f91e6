using AegisGate.A2A.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AegisGate.A2A.Http;

/// <summary>Reports the A2A configuration: <c>Degraded</c> when the last reload of <c>a2a.yaml</c> or <c>a2a_caps.yaml</c> was rejected (the last good one stays active).</summary>
internal sealed class A2AHealthCheck(A2ARuntime runtime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var agents = runtime.Capabilities.Current.Agents.Count;
        if (runtime.LastConfigErrors.Count > 0 || runtime.Capabilities.LastSeedErrors.Count > 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"A2A configuration reload rejected; the last good configuration is active ({agents} agents)."));
        }

        return Task.FromResult(HealthCheckResult.Healthy($"A2A configuration valid ({agents} agents)."));
    }
}
