using AegisGate.A2A;
using AegisGate.A2A.Capabilities;
using AegisGate.A2A.Configuration;
using AegisGate.A2A.Http;
using AegisGate.A2A.Integrity;
using AegisGate.A2A.Licensing;
using AegisGate.A2A.Mtls;
using AegisGate.A2A.RateLimiting;
using AegisGate.Audit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the A2A pillar.</summary>
public static class AegisA2AServiceCollectionExtensions
{
    /// <summary>
    /// Adds the A2A pillar: options (<c>AegisGate:A2A</c>, validated on start), the <c>a2a</c> pipeline
    /// (<c>mTLS Auth → HMAC Verify → License Check → Rate Limit → Capability Check</c>), the capability store (encrypted
    /// at rest when <c>AddAegisEncryption()</c> is enabled) and the <c>aegisgate.a2a</c> health check. The licence
    /// (<see cref="AegisGate.Licensing.ILicenseProvider"/>) and the audit trail come from <c>AddAegisGate()</c>; a host
    /// that removed either does not start (<c>UseAegisA2A()</c> throws). Repeated calls do nothing more.
    /// </summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAegisA2A(this IAegisBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(static d => d.ServiceType == typeof(A2AMarker)))
        {
            return builder;
        }

        services.AddSingleton<A2AMarker>();
        services.AddOptionsWithValidateOnStart<AegisA2AOptions, AegisA2AOptionsValidator>().BindConfiguration(AegisA2AOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AegisA2AOptions>, AegisA2AOptionsCustomValidator>());
        services.TryAddSingleton<A2ARuntime>();
        services.TryAddSingleton<MtlsAuthenticationCheck>();
        services.TryAddSingleton<SignatureVerificationCheck>();
        services.TryAddSingleton<LicenseTierCheck>();
        services.TryAddSingleton<AgentRateLimitCheck>();
        services.TryAddSingleton<CapabilityCheck>();
        services.TryAddSingleton<AuditTrail>();
        builder.AddPipeline(AegisA2ADefaults.PipelineName, static (pipeline, sp) => pipeline
            .AddCheck(sp.GetRequiredService<MtlsAuthenticationCheck>())
            .AddCheck(sp.GetRequiredService<SignatureVerificationCheck>())
            .AddCheck(sp.GetRequiredService<LicenseTierCheck>())
            .AddCheck(sp.GetRequiredService<AgentRateLimitCheck>())
            .AddCheck(sp.GetRequiredService<CapabilityCheck>()));
        services.AddHealthChecks().AddCheck<A2AHealthCheck>(AegisA2ADefaults.HealthCheckName);
        builder.AddComplianceEvidence<AegisGate.A2A.Compliance.A2AEvidenceProvider>();
        return builder;
    }

    /// <summary>Adds the A2A pillar and configures its options.</summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <param name="configure">Configures <see cref="AegisA2AOptions"/>.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAegisA2A(this IAegisBuilder builder, Action<AegisA2AOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddAegisA2A();
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Adds the A2A pillar and binds its options from a configuration section (usually <c>AegisGate:A2A</c>).</summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAegisA2A(this IAegisBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        builder.AddAegisA2A();
        builder.Services.Configure<AegisA2AOptions>(section);
        return builder;
    }

    internal sealed class A2AMarker;
}
