using AegisGate.Audit;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AegisGate.AspNetCore.Http;

/// <summary>
/// When the host has started, logs and audits every public endpoint (an explicit, reasoned opt-out of
/// authentication) and every scan policy that switches scanning off.
/// </summary>
internal sealed class AegisHttpStartupAudit(IServiceProvider services, IHostApplicationLifetime lifetime, AegisHttpRuntime runtime, ILogger<AegisHttpStartupAudit> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = RecordAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task RecordAsync()
    {
        try
        {
            foreach (var (name, policy) in runtime.Snapshot.Options.ScanPolicies)
            {
                foreach (var (location, action) in new[] { ("request", policy.Request), ("query", policy.Query), ("headers", policy.HeaderAction), ("response", policy.Response) })
                {
                    if (action == AegisScanAction.None)
                    {
                        logger.HttpScanningOff(name, location);
                    }
                }
            }

            if (services.GetService<EndpointDataSource>() is not { } source)
            {
                return;
            }

            foreach (var endpoint in source.Endpoints)
            {
                var policy = EndpointSecurityPolicy.For(endpoint);
                if (!policy.IsPublic)
                {
                    continue;
                }

                logger.HttpPublicEndpoint(policy.Operation, policy.PublicReason!);
                var decision = await runtime.RecordAsync(
                    new AuditEvent
                    {
                        Timestamp = runtime.TimeProvider.GetUtcNow(),
                        Pillar = AegisPillars.Http,
                        Operation = policy.Operation,
                        Decision = "allow",
                        Check = "http.public-endpoint",
                        Properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["public"] = policy.PublicReason! },
                    },
                    CancellationToken.None).ConfigureAwait(false);
                if (decision.IsDenied)
                {
                    logger.HttpPublicAuditFailed(policy.Operation);
                }
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
        {
            logger.HttpInternalError("startup audit", ex);
        }
    }
}
