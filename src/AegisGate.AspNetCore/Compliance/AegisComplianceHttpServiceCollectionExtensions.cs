using AegisGate.AspNetCore.Compliance;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Compliance reporting in an ASP.NET Core host.</summary>
public static class AegisComplianceHttpServiceCollectionExtensions
{
    /// <summary>
    /// Adds compliance reporting (<c>AddAegisCompliance()</c>) plus the live TLS evidence of this host: each address
    /// Kestrel listens on is probed over loopback (TLS 1.2 must be refused, TLS 1.3 accepted) for <c>tls.1.3</c>.
    /// </summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAegisTlsEvidence(this IAegisBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddAegisCompliance().AddComplianceEvidence<TlsHandshakeEvidenceProvider>();
    }
}
