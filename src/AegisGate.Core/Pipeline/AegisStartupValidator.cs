using Microsoft.Extensions.Hosting;

namespace AegisGate.Pipeline;

/// <summary>Builds every registered pipeline when the host starts, so configuration errors stop the host.</summary>
internal sealed class AegisStartupValidator(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolving the provider builds all pipelines and throws on an empty or invalid one.
        _ = (SecurityPipelineProvider?)services.GetService(typeof(SecurityPipelineProvider))
            ?? throw new InvalidOperationException("AegisGate's SecurityPipelineProvider is not registered; call services.AddAegisGate().");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
