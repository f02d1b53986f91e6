using AegisGate;
using AegisGate.Audit;
using AegisGate.Configuration;
using AegisGate.Diagnostics;
using AegisGate.Licensing;
using AegisGate.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers AegisGate's core services.</summary>
public static class AegisGateServiceCollectionExtensions
{
    /// <summary>
    /// Adds AegisGate's core services: options (validated on start), the pipeline provider, metrics, the
    /// <see cref="TimeProvider"/>, the last-good configuration holders and the audit trail (<see cref="AuditTrail"/> over
    /// the tamper-evident <see cref="JsonlAuditSink"/>; replace the sink with <c>AddAuditSink&lt;T&gt;()</c>) and the
    /// installation licence (<see cref="ILicenseProvider"/>, <see cref="LicenseGate"/>; no key configured = community).
    /// Repeated calls do nothing more.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder to add pipelines and checks.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAegisGate(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new AegisBuilder(services);
        if (services.Any(static d => d.ServiceType == typeof(AegisGateMarker)))
        {
            return builder;
        }

        services.AddSingleton<AegisGateMarker>();
        services.AddOptionsWithValidateOnStart<AegisGateOptions, AegisGateOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AegisGateOptions>, AegisGateOptionsCustomValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.TryAdd(ServiceDescriptor.Singleton(typeof(ILogger<>), typeof(Logger<>)));
        services.TryAddSingleton<AegisMetrics>();
        services.TryAddSingleton(typeof(LastGoodOptions<>));
        services.TryAddSingleton<SecurityPipelineProvider>();
        services.TryAddSingleton<AegisPaths>();
        services.TryAddSingleton<IAuditSink, JsonlAuditSink>();
        services.TryAddSingleton<AuditTrail>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AegisStartupValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AuditSinkStartup>());
        AegisLicensingServiceCollectionExtensions.AddLicensingServices(services);
        return builder;
    }

    /// <summary>Adds AegisGate's core services and configures the options.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Configures <see cref="AegisGateOptions"/>.</param>
    /// <returns>A builder to add pipelines and checks.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAegisGate(this IServiceCollection services, Action<AegisGateOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = services.AddAegisGate();
        services.Configure(configure);
        return builder;
    }

    /// <summary>
    /// Adds AegisGate's core services and binds the options from a configuration section (usually <c>AegisGate</c>),
    /// including the licence options from its <c>License</c> child section.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>A builder to add pipelines and checks.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAegisGate(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var builder = services.AddAegisGate();
        services.Configure<AegisGateOptions>(section);
        services.Configure<AegisLicenseOptions>(section.GetSection("License"));
        return builder;
    }

    /// <summary>Registers checks for a named pipeline. Several registrations of one name add checks in order.</summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <param name="name">The pipeline name (for example <see cref="AegisPillars.Http"/>).</param>
    /// <param name="configure">Adds checks to the pipeline.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IAegisBuilder AddPipeline(this IAegisBuilder builder, string name, Action<SecurityPipelineBuilder, IServiceProvider> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddSingleton(new SecurityPipelineRegistration(name, configure));
        return builder;
    }

    /// <summary>Adds a check, resolved from (or created with) the service provider, to the end of a named pipeline.</summary>
    /// <typeparam name="TCheck">The check type.</typeparam>
    /// <param name="builder">The AegisGate builder.</param>
    /// <param name="pipelineName">The pipeline name.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    public static IAegisBuilder AddCheck<TCheck>(this IAegisBuilder builder, string pipelineName)
        where TCheck : class, ISecurityCheck
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<TCheck>();
        return builder.AddPipeline(pipelineName, static (pipeline, services) => pipeline.AddCheck(services.GetRequiredService<TCheck>()));
    }

    private sealed class AegisGateMarker;
}
