using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AegisGate.Compliance;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AegisGate.AspNetCore.Tests.Compliance;

[CancelAfter(60_000)]
[NonParallelizable]
public sealed class TlsHandshakeEvidenceProviderTests
{
    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pkcs12), null);
    }

    private static async Task<ComplianceReport> EvaluateAsync(Action<KestrelServerOptions> listen)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(listen);
        builder.Services.AddAegisGate().AddAegisTlsEvidence();
        await using var app = builder.Build();
        await app.StartAsync();
        var report = await app.Services.GetRequiredService<ComplianceEvaluator>().EvaluateAsync("hipaa");
        await app.StopAsync();
        return report;
    }

    private static ComplianceEvidence TlsEvidence(ComplianceReport report)
        => report.Controls.Single(c => c.Id == "§164.312(e)(1)").Evidence.Single(e => e.Source == "tls-probe");

    [Test]
    public async Task Tls13Only_IsSatisfied()
    {
        using var cert = CreateCertificate();

        var report = await EvaluateAsync(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(h =>
        {
            h.ServerCertificate = cert;
            h.SslProtocols = SslProtocols.Tls13;
        })));

        var evidence = TlsEvidence(report);
        Assert.That(evidence.Satisfied, Is.True, evidence.Detail);
        Assert.That(report.Controls.Single(c => c.Id == "§164.312(e)(1)").Status, Is.EqualTo(ComplianceStatus.Pass));
    }

    [Test]
    public async Task Tls12Accepted_IsNotSatisfied()
    {
        using var cert = CreateCertificate();

        var report = await EvaluateAsync(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(h =>
        {
            h.ServerCertificate = cert;
            h.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
        })));

        var evidence = TlsEvidence(report);
        Assert.That(evidence.Satisfied, Is.False);
        Assert.That(evidence.Detail, Does.Contain("accepts a TLS 1.2 handshake"));
    }

    [Test]
    public async Task PlainHttp_IsNotSatisfied()
    {
        var report = await EvaluateAsync(k => k.Listen(IPAddress.Loopback, 0));

        var evidence = TlsEvidence(report);
        Assert.That(evidence.Satisfied, Is.False);
        Assert.That(evidence.Detail, Does.Contain("plain HTTP"));
    }
}
