using AegisGate.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AegisGate.AspNetCore.Health;

/// <summary>Reports whether AegisGate's active configuration matches its source (a rejected reload is <c>Degraded</c>).</summary>
internal sealed class AegisConfigurationHealthCheck(LastGoodOptions<AegisGateOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        => Task.FromResult(options.IsHealthy
            ? HealthCheckResult.Healthy("Configuration is valid.")
            : HealthCheckResult.Degraded("The last configuration reload was rejected; the last good configuration is active."));
}
