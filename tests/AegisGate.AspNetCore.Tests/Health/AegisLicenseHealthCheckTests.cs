using System.Net;
using System.Text.Json;
using AegisGate.Licensing;
using AegisGate.TestUtilities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AegisGate.AspNetCore.Tests.Health;

public sealed class AegisLicenseHealthCheckTests
{
    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetHealthAsync(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddAegisGate(builder.Configuration.GetSection("AegisGate")).AddAegisHealthChecks();
        await using var app = builder.Build();
        app.MapAegisHealth("/healthz");
        await app.StartAsync();
        using var client = app.GetTestClient();
        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        await app.StopAsync();
        return (response.StatusCode, body);
    }

    [Test]
    public async Task Healthz_NoLicence_ReportsNoneAndHealthy()
    {
        var (status, body) = await GetHealthAsync([]);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.GetProperty("license").GetString(), Is.EqualTo("none"));
        Assert.That(body.GetProperty("checks").GetProperty("aegisgate.license").GetProperty("status").GetString(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task Healthz_ValidLicence_ReportsValid()
    {
        using var issuer = new TestLicenseIssuer();
        var key = issuer.Issue(TestLicenseIssuer.Payload(DateTimeOffset.UtcNow.AddMinutes(-1), LicenseTier.Enterprise));

        var (status, body) = await GetHealthAsync(new() { ["AegisGate:License:Key"] = key, ["AegisGate:License:PublicKey"] = issuer.PublicKeyPem });

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.GetProperty("license").GetString(), Is.EqualTo("valid"));
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        Assert.That(body.GetProperty("checks").GetProperty("aegisgate.license").GetProperty("description").GetString(), Does.Contain("enterprise"));
    }

    [Test]
    public async Task Healthz_InvalidLicence_ReportsInvalidWithoutLeakingTheKey()
    {
        const string Key = "AGL1.bm90LWEtcmVhbC1saWNlbmNl.c2ln";

        var (status, body) = await GetHealthAsync(new() { ["AegisGate:License:Key"] = Key });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), "Degraded by default: community traffic keeps flowing");
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("Degraded"));
            Assert.That(body.GetProperty("license").GetString(), Is.EqualTo("invalid"));
            Assert.That(body.GetProperty("checks").GetProperty("aegisgate.license").GetProperty("description").GetString(), Does.Contain("AEGIS_LICENSE_INVALID"));
            Assert.That(body.GetRawText(), Does.Not.Contain("bm90LWEtcmVhbC1saWNlbmNl"));
        }
    }

    [Test]
    public async Task Healthz_InvalidLicence_UnhealthyWhenConfigured_Answers503()
    {
        var (status, body) = await GetHealthAsync(new() { ["AegisGate:License:Key"] = "garbage", ["AegisGate:License:UnhealthyWhenInvalid"] = "true" });

        Assert.That(status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(body.GetProperty("license").GetString(), Is.EqualTo("invalid"));
    }

    [Test]
    public async Task Healthz_ExpiringSoon_IsDegraded()
    {
        using var issuer = new TestLicenseIssuer();
        var key = issuer.Issue(TestLicenseIssuer.Payload(DateTimeOffset.UtcNow.AddMinutes(-1), validFor: TimeSpan.FromDays(3)));

        var (_, body) = await GetHealthAsync(new() { ["AegisGate:License:Key"] = key, ["AegisGate:License:PublicKey"] = issuer.PublicKeyPem });

        Assert.That(body.GetProperty("license").GetString(), Is.EqualTo("valid"));
        Assert.That(body.GetProperty("checks").GetProperty("aegisgate.license").GetProperty("status").GetString(), Is.EqualTo("Degraded"));
    }
}
