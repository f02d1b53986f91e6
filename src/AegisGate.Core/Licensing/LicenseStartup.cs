using Microsoft.Extensions.Hosting;

namespace AegisGate.Licensing;

/// <summary>Validates the licence when the host starts, so its state is logged (and reported by health checks) before the first request.</summary>
internal sealed class LicenseStartup(ILicenseProvider provider) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = provider.Current;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
