using Microsoft.Extensions.Hosting;

namespace AegisGate.Compliance;

/// <summary>Builds the framework registry when the host starts, so an invalid or duplicate framework stops the host instead of failing the first report.</summary>
internal sealed class ComplianceStartup(ComplianceFrameworkRegistry registry) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = registry.Frameworks;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
