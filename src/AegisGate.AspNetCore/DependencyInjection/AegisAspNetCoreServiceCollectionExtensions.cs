using AegisGate.AspNetCore.Health;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the ASP.NET Core services shared by every AegisGate pillar.</summary>
public static class AegisAspNetCoreServiceCollectionExtensions
{
    /// <summary>Adds AegisGate's health checks (configuration validity, installation licence, audit trail) to the app's health checks. Idempotent.</summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAegisHealthChecks(this IAegisBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Services.Any(static d => d.ServiceType == typeof(HealthMarker)))
        {
            return builder;
        }

        builder.Services.AddSingleton<HealthMarker>();
        builder.Services.AddHealthChecks()
            .AddCheck<AegisConfigurationHealthCheck>(AegisHealthChecks.Configuration)
            .AddCheck<AegisLicenseHealthCheck>(AegisHealthChecks.License)
            .AddCheck<AegisAuditHealthCheck>(AegisHealthChecks.Audit);
        return builder;
    }

    private sealed class HealthMarker;
}
