using AegisGate.Audit;
using AegisGate.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AegisGate.AspNetCore.Health;

/// <summary>
/// Reports whether the audit trail can take records. <see cref="HealthStatus.Unhealthy"/> (503) when audit is enabled
/// and fail-closed but the trail cannot be written — the pillars then deny every request that needs a record with
/// <c>AEGIS_AUDIT_UNAVAILABLE</c> (503) — or when no audit sink is registered. <see cref="HealthStatus.Degraded"/> when
/// the trail cannot be written but audit is not fail-closed (requests are served without their records). Healthy
/// otherwise, including when audit is disabled.
/// </summary>
/// <remarks>
/// The default <see cref="JsonlAuditSink"/> reports its state (<see cref="JsonlAuditSink.IsFaulted"/>); nothing is
/// written while it is healthy. While it is faulted, each health check writes one probe record (operation
/// <c>audit.health-probe</c>): a failure confirms the outage, a success proves the trail writable again and clears the
/// fault, so a load balancer that stops traffic on 503 does not keep the host out forever. Custom sinks are not
/// probed (a probe would add a record per health check); their failures show in <c>aegisgate.audit.failures</c>.
/// </remarks>
internal sealed class AegisAuditHealthCheck(IServiceProvider services, IOptions<AegisGateOptions> options, TimeProvider timeProvider) : IHealthCheck
{
    public const string StatusKey = "audit";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var audit = options.Value.Audit;
        if (!audit.Enabled)
        {
            return HealthCheckResult.Healthy("Auditing is disabled (AegisGate:Audit:Enabled = false).", Data("disabled"));
        }

        var sink = services.GetService<IAuditSink>();
        if (sink is null || services.GetService<AuditTrail>() is null)
        {
            return Unavailable(audit, "No audit sink is registered.", null);
        }

        if (sink is not JsonlAuditSink jsonl)
        {
            return HealthCheckResult.Healthy($"The audit sink {sink.GetType().Name} is not probed; its failures are counted in aegisgate.audit.failures.", Data("ok"));
        }

        if (!jsonl.IsFaulted)
        {
            return HealthCheckResult.Healthy($"The audit trail {jsonl.FilePath} is writable.", Data("ok"));
        }

        try
        {
            await jsonl.WriteAsync(
                new AuditEvent
                {
                    Timestamp = timeProvider.GetUtcNow(),
                    Pillar = AegisPillars.Core,
                    Operation = "audit.health-probe",
                    Decision = "allow",
                    Check = AegisHealthChecks.Audit,
                },
                cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy($"The audit trail {jsonl.FilePath} is writable again (a health probe record was written).", Data("ok"));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            return Unavailable(audit, $"The audit trail {jsonl.FilePath} cannot be written.", ex);
        }
    }

    private static HealthCheckResult Unavailable(AuditOptions audit, string problem, Exception? exception) => audit.FailClosed
        ? HealthCheckResult.Unhealthy($"{problem} Requests that need an audit record are denied with AEGIS_AUDIT_UNAVAILABLE (503).", exception, Data("unavailable"))
        : HealthCheckResult.Degraded($"{problem} AegisGate:Audit:FailClosed is false, so requests are served without their audit records.", exception, Data("unavailable"));

    private static Dictionary<string, object> Data(string status) => new(StringComparer.Ordinal) { [StatusKey] = status };
}
