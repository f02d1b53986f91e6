using AegisGate.Licensing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers AegisGate licensing: the installation licence (<see cref="ILicenseProvider"/>) and <see cref="LicenseGate"/>.</summary>
/// <remarks>
/// <c>AddAegisGate()</c> already registers licensing with no key (community); <c>AddAegisGate(section)</c> also binds
/// <c>License</c> under that section. Use these methods to configure the licence explicitly.
/// </remarks>
public static class AegisLicensingServiceCollectionExtensions
{
    /// <summary>Adds licensing (idempotent). With no key configured the community tier applies.</summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAegisLicensing(this IAegisBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        AddLicensingServices(builder.Services);
        return builder;
    }

    /// <summary>Adds licensing and configures its options.</summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <param name="configure">Configures <see cref="AegisLicenseOptions"/>.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAegisLicensing(this IAegisBuilder builder, Action<AegisLicenseOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddAegisLicensing();
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Adds licensing and binds its options from a configuration section (usually <c>AegisGate:License</c>).</summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAegisLicensing(this IAegisBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        builder.AddAegisLicensing();
        builder.Services.Configure<AegisLicenseOptions>(section);
        return builder;
    }

    /// <summary>
    /// Adds a check to a named pipeline that requires a licensed feature and/or a minimum tier. An invalid licence
    /// denies with <c>AEGIS_LICENSE_INVALID</c>, a missing feature or too low a tier with <c>AEGIS_LICENSE_FEATURE_MISSING</c>.
    /// </summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <param name="pipelineName">The pipeline.</param>
    /// <param name="feature">The feature the licence must include, or <see langword="null"/>.</param>
    /// <param name="minimumTier">The lowest tier allowed, or <see langword="null"/>.</param>
    /// <param name="featureIncludedFromTier">The lowest tier that includes <paramref name="feature"/> without listing it, or <see langword="null"/>.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentException">Neither a feature nor a tier was given.</exception>
    public static IAegisBuilder RequireLicense(this IAegisBuilder builder, string pipelineName, string? feature = null, LicenseTier? minimumTier = null, LicenseTier? featureIncludedFromTier = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (feature is null && minimumTier is null)
        {
            throw new ArgumentException("Give a feature, a minimum tier or both.", nameof(feature));
        }

        builder.AddAegisLicensing();
        return builder.AddPipeline(pipelineName, (pipeline, services) =>
            pipeline.AddCheck(new LicenseRequirementCheck(services.GetRequiredService<LicenseGate>(), feature, featureIncludedFromTier, minimumTier)));
    }

    internal static void AddLicensingServices(IServiceCollection services)
    {
        if (services.Any(static d => d.ServiceType == typeof(LicensingMarker)))
        {
            return;
        }

        services.AddSingleton<LicensingMarker>();
        services.AddOptionsWithValidateOnStart<AegisLicenseOptions, AegisLicenseOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AegisLicenseOptions>, AegisLicenseOptionsCustomValidator>());
        services.TryAddSingleton<ConfiguredLicenseProvider>();
        services.TryAddSingleton<ILicenseProvider>(static sp => sp.GetRequiredService<ConfiguredLicenseProvider>());
        services.TryAddSingleton<LicenseGate>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, LicenseStartup>());
    }

    private sealed class LicensingMarker;
}
