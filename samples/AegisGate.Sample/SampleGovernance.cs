using AegisGate.Configuration;

namespace AegisGate.Sample;

/// <summary>The sample's governance wiring: secret providers, encryption at rest (off unless configured) and compliance reporting with live TLS evidence.</summary>
public static class SampleGovernance
{
    /// <summary>Adds secrets, encryption at rest and compliance reporting, bound from the <c>AegisGate</c> section.</summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <param name="configuration">The app configuration.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    public static IAegisBuilder AddSampleGovernance(this IAegisBuilder builder, IConfiguration configuration)
    {
        var aegis = configuration.GetSection(AegisGateOptions.SectionName);
        return builder
            .AddAegisSecrets(aegis.GetSection("Secrets"))
            .AddAegisEncryption(aegis.GetSection("Encryption"))
            .AddAegisCompliance(aegis.GetSection("Compliance"))
            .AddAegisTlsEvidence();
    }
}
