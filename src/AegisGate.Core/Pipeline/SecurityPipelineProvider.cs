using System.Collections.Frozen;
using AegisGate.Configuration;
using AegisGate.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AegisGate.Pipeline;

/// <summary>A registration of checks for a named pipeline; several registrations for one name are applied in order.</summary>
/// <param name="Name">The pipeline name.</param>
/// <param name="Configure">Adds checks to the builder.</param>
public sealed record SecurityPipelineRegistration(string Name, Action<SecurityPipelineBuilder, IServiceProvider> Configure);

/// <summary>
/// Builds and holds the named pipelines registered with <c>IAegisBuilder.AddPipeline</c>. Every pipeline is built
/// at start-up, so an empty or broken pipeline stops the host instead of failing requests later.
/// </summary>
public sealed class SecurityPipelineProvider
{
    private readonly FrozenDictionary<string, SecurityPipeline> _pipelines;

    /// <summary>Initializes a new instance of the <see cref="SecurityPipelineProvider"/> class.</summary>
    /// <param name="registrations">The pipeline registrations.</param>
    /// <param name="services">The service provider passed to registrations.</param>
    /// <param name="options">The root options.</param>
    /// <param name="timeProvider">The time provider.</param>
    /// <param name="loggerFactory">The logger factory.</param>
    /// <param name="metrics">The metrics.</param>
    public SecurityPipelineProvider(
        IEnumerable<SecurityPipelineRegistration> registrations,
        IServiceProvider services,
        IOptions<AegisGateOptions> options,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory,
        AegisMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var builders = new Dictionary<string, SecurityPipelineBuilder>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            if (!builders.TryGetValue(registration.Name, out var builder))
            {
                builder = new SecurityPipelineBuilder(registration.Name)
                {
                    CheckTimeout = options.Value.CheckTimeout,
                    TimeProvider = timeProvider,
                    LoggerFactory = loggerFactory,
                    Metrics = metrics,
                };
                builders.Add(registration.Name, builder);
            }

            registration.Configure(builder, services);
        }

        _pipelines = builders.ToFrozenDictionary(static kv => kv.Key, static kv => kv.Value.Build(), StringComparer.Ordinal);
    }

    /// <summary>Gets the names of the registered pipelines.</summary>
    public IEnumerable<string> Names => _pipelines.Keys;

    /// <summary>Gets a registered pipeline.</summary>
    /// <param name="name">The pipeline name.</param>
    /// <returns>The pipeline.</returns>
    /// <exception cref="InvalidOperationException">No pipeline of that name is registered.</exception>
    public SecurityPipeline GetPipeline(string name)
        => _pipelines.TryGetValue(name, out var pipeline)
            ? pipeline
            : throw new InvalidOperationException($"No AegisGate security pipeline named '{name}' is registered ({AegisErrorCodes.PipelineNotFound}). Register it with AddAegisGate().AddPipeline(\"{name}\", ...).");

    /// <summary>Tries to get a registered pipeline.</summary>
    /// <param name="name">The pipeline name.</param>
    /// <param name="pipeline">The pipeline when found.</param>
    /// <returns><see langword="true"/> when found.</returns>
    public bool TryGetPipeline(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SecurityPipeline? pipeline)
        => _pipelines.TryGetValue(name, out pipeline);
}
