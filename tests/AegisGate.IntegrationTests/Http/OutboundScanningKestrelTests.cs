using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AegisGate.AspNetCore;
using AegisGate.AspNetCore.Http;
using AegisGate.Detection;
using AegisGate.Sample;
using AegisGate.TestUtilities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AegisGate.IntegrationTests.Http;

/// <summary>The outbound handler against a real upstream (Kestrel, TLS 1.3): the data-exfiltration control for calls that leave.</summary>
[NonParallelizable]
public sealed class OutboundScanningKestrelTests
{
    private readonly TempDirectory _data = new();
    private WebApplication _upstream = null!;
    private DevCertificates _pki = null!;
    private string? _received;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _pki = DevCertificates.EnsureCreated(Path.Combine(_data.Path, "certs"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("https://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(h => { h.ServerCertificate = _pki.ServerCertificate; h.SslProtocols = SslProtocols.Tls13; }));
        _upstream = builder.Build();
        _upstream.MapPost("/v1/chat/completions", async (HttpContext ctx) =>
        {
            using var reader = new StreamReader(ctx.Request.Body);
            _received = await reader.ReadToEndAsync();
            return Results.Json(new { choices = new[] { new { message = new { content = "Sure: " + TestContentScanner.Secret } } } });
        });
        _upstream.MapGet("/v1/stream", async (HttpContext ctx) =>
        {
            ctx.Response.ContentType = "text/event-stream";
            var text = "token " + TestContentScanner.Secret + " then a tail long enough to pass the window";
            for (var i = 0; i < text.Length; i += 2)
            {
                await ctx.Response.WriteAsync($"data: {text.Substring(i, Math.Min(2, text.Length - i))}\n\n");
                await ctx.Response.Body.FlushAsync();
            }
        });
        await _upstream.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        await _upstream.DisposeAsync();
        _data.Dispose();
    }

    private ServiceProvider Services(Action<AegisGate.AspNetCore.Scanning.AegisOutboundScanOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<IContentScanner>(new TestContentScanner());
        services.AddAegisGate().AddAegisHttp();
        var ca = _pki.CaCertificate;
        services.AddHttpClient("provider", c => c.BaseAddress = new Uri(_upstream.Urls.First()))
            .AddAegisOutboundScanning(o => { o.SseHoldbackChars = 32; configure?.Invoke(o); })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                SslOptions = new SslClientAuthenticationOptions
                {
                    EnabledSslProtocols = SslProtocols.Tls13,
                    RemoteCertificateValidationCallback = (_, cert, _, _) =>
                    {
                        using var chain = new X509Chain();
                        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                        chain.ChainPolicy.CustomTrustStore.Add(ca);
                        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                        return cert is not null && chain.Build(X509CertificateLoader.LoadCertificate(cert.GetRawCertData()));
                    },
                },
            });
        return services.BuildServiceProvider();
    }

    [Test]
    public async Task Send_SecretToProvider_IsStoppedBeforeItLeaves()
    {
        await using var sp = Services();
        _received = null;
        var client = sp.GetRequiredService<IHttpClientFactory>().CreateClient("provider");

        var ex = Assert.ThrowsAsync<AegisDeniedException>(async () => await client.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), new StringContent("{\"messages\":[{\"content\":\"" + TestContentScanner.Secret + "\"}]}", Encoding.UTF8, "application/json")));

        Assert.That(ex!.Decision.Code, Is.EqualTo(HttpErrorCodes.OutboundBlocked));
        Assert.That(_received, Is.Null);
    }

    [Test]
    public async Task Receive_SecretFromProvider_IsRedactedForTheCaller()
    {
        await using var sp = Services();
        var client = sp.GetRequiredService<IHttpClientFactory>().CreateClient("provider");

        using var response = await client.PostAsync(new Uri("/v1/chat/completions", UriKind.Relative), new StringContent("{\"messages\":[]}", Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(body, Does.Contain("Sure: " + TestContentScanner.Mask).And.Not.Contain(TestContentScanner.Secret));
    }

    [Test]
    public async Task Receive_StreamFromProvider_SplitSecretIsRedacted()
    {
        await using var sp = Services();
        var client = sp.GetRequiredService<IHttpClientFactory>().CreateClient("provider");

        using var response = await client.GetAsync(new Uri("/v1/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStringAsync();
        var text = string.Concat(body.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l[6..]));

        Assert.That(text, Is.EqualTo("token [REDACTED:secret.test_token] then a tail long enough to pass the window"));
    }
}
