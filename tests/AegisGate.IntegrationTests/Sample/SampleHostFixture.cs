using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using AegisGate.Sample;
using AegisGate.TestUtilities;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AegisGate.IntegrationTests.Sample;

/// <summary>
/// Starts the real sample host (Kestrel, TLS 1.3, generated dev PKI) on a free loopback port with a throwaway data
/// directory and a known API key.
/// </summary>
public sealed class SampleHostFixture : IAsyncDisposable
{
    private readonly TempDirectory _data;

    private SampleHostFixture(WebApplication app, TempDirectory data, string apiKey)
    {
        App = app;
        _data = data;
        ApiKey = apiKey;
        BaseAddress = new Uri(app.Urls.First());
        Pki = app.Services.GetRequiredService<DevCertificates>();
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public string ApiKey { get; }

    public string DataDirectory => _data.Path;

    internal DevCertificates Pki { get; }

    public static async Task<SampleHostFixture> StartAsync(params string[] extraArgs)
    {
        var data = new TempDirectory();
        var apiKey = "test-" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable("AEGISGATE_SAMPLE_API_KEY", apiKey);
        string[] args = ["--urls", "https://127.0.0.1:0", "--AegisGate:DataDirectory", data.Path, "--environment", "Testing", .. extraArgs];
        var app = SampleApp.Build(args);
        await app.StartAsync();
        return new SampleHostFixture(app, data, apiKey);
    }

    /// <summary>Creates an HttpClient that trusts the sample's dev CA (and only it), optionally presenting a client certificate.</summary>
    public HttpClient CreateClient(X509Certificate2? clientCertificate = null, System.Security.Authentication.SslProtocols protocols = System.Security.Authentication.SslProtocols.Tls13)
    {
        var ca = Pki.CaCertificate;
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = protocols,
                RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && ChainsTo(cert, ca),
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
            },
        };
        return new HttpClient(handler) { BaseAddress = BaseAddress };
    }

    /// <summary>Returns whether a server certificate chains to the sample's dev CA.</summary>
    public bool IsTrustedServer(X509Certificate? certificate) => certificate is not null && ChainsTo(certificate, Pki.CaCertificate);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        _data.Dispose();
    }

    private static bool ChainsTo(X509Certificate certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }
}
