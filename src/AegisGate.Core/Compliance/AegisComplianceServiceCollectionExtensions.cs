using AegisGate.Compliance;
using AegisGate.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers compliance reporting: the framework registry, the evaluator and AegisGate.Core's evidence providers.</summary>
public static class AegisComplianceServiceCollectionExtensions
{
    /// <summary>
    /// Adds compliance reporting (idempotent): <see cref="ComplianceFrameworkRegistry"/> with the eight built-in
    /// frameworks plus <c>AegisGate:Compliance:FrameworkFiles</c>, <see cref="ComplianceEvaluator"/>, and the Core
    /// evidence providers (audit settings, live audit-chain verification, licence, encryption, Kestrel TLS
    /// configuration, detection canaries).
    /// </summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAegisCompliance(this IAegisBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(static d => d.ServiceType == typeof(ComplianceMarker)))
        {
            return builder;
        }

        services.AddSingleton<ComplianceMarker>();
        services.AddOptionsWithValidateOnStart<AegisComplianceOptions, AegisComplianceOptionsValidator>();
        services.TryAddSingleton(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<AegisComplianceOptions>>().Value;
            var paths = sp.GetRequiredService<AegisPaths>();
            var frameworks = new List<ComplianceFramework>(sp.GetServices<ComplianceFramework>());
            var errors = new List<string>();
            foreach (var file in options.FrameworkFiles)
            {
                var path = paths.ResolveConfig(file);
                var result = ComplianceFrameworkRegistry.LoadFile(path);
                if (result.IsValid)
                {
                    frameworks.Add(result.Value);
                }
                else
                {
                    errors.AddRange(result.Errors.Select(e => $"{path}: {e}"));
                }
            }

            return errors.Count == 0
                ? new ComplianceFrameworkRegistry(frameworks)
                : throw new InvalidDataException("Compliance framework files are invalid:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", errors));
        });
        services.TryAddSingleton(static sp => new ComplianceEvaluator(
            sp.GetRequiredService<ComplianceFrameworkRegistry>(),
            sp.GetServices<IComplianceEvidenceProvider>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<AegisComplianceOptions>>().Value.ProviderTimeout,
            sp.GetRequiredService<ILogger<ComplianceEvaluator>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IComplianceEvidenceProvider, CoreEvidenceProvider>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IComplianceEvidenceProvider, DetectionEvidenceProvider>());
        services.TryAddSingleton(static sp => new IncrementalAuditVerifier(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<IncrementalAuditVerifier>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IComplianceEvidenceProvider, AuditChainEvidenceProvider>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, ComplianceStartup>());
        return builder;
    }

    /// <summary>Adds compliance reporting and binds its options from a configuration section (usually <c>AegisGate:Compliance</c>).</summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAegisCompliance(this IAegisBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        builder.AddAegisCompliance();
        builder.Services.Configure<AegisComplianceOptions>(section);
        return builder;
    }

    /// <summary>Adds an evidence provider (for example a pillar's), idempotent per type.</summary>
    /// <typeparam name="TProvider">The provider type.</typeparam>
    /// <param name="builder">The AegisGate builder.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    public static IAegisBuilder AddComplianceEvidence<TProvider>(this IAegisBuilder builder)
        where TProvider : class, IComplianceEvidenceProvider
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IComplianceEvidenceProvider, TProvider>());
        return builder;
    }

    /// <summary>Registers a framework defined in code (validated when the registry is built; a duplicate id stops the host).</summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <param name="framework">The framework.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    public static IAegisBuilder AddComplianceFramework(this IAegisBuilder builder, ComplianceFramework framework)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(framework);
        builder.AddAegisCompliance();
        builder.Services.AddSingleton(framework);
        return builder;
    }

    private sealed class ComplianceMarker;
}
