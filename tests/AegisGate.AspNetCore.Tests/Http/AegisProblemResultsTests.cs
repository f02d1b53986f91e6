using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AegisGate.AspNetCore.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AegisGate.AspNetCore.Tests.Http;

public sealed class AegisProblemResultsTests
{
    private static async Task<IHost> StartAsync(RequestDelegate handler)
    {
        var host = new HostBuilder()
            .ConfigureWebHost(web => web.UseTestServer().Configure(app => app.Run(handler)))
            .Build();
        await host.StartAsync();
        return host;
    }

    [Test]
    public async Task WriteDenialAsync_WritesProblemJsonWithCodeAndRequestId()
    {
        using var host = await StartAsync(ctx => AegisProblemResults.WriteDenialAsync(ctx, SecurityDecision.Deny("AEGIS_TEST", "Denied for the test."), AegisPillars.Http));

        var response = await host.GetTestClient().GetAsync(new Uri("/x?token=SECRET123", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        var json = JsonDocument.Parse(body).RootElement;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(json.GetProperty("code").GetString(), Is.EqualTo("AEGIS_TEST"));
            Assert.That(json.GetProperty("requestId").GetString(), Is.Not.Empty);
            Assert.That(body, Does.Not.Contain("SECRET123"), "the request is never echoed");
            Assert.That(response.Headers.CacheControl!.NoStore, Is.True);
        }
    }

    [Test]
    public async Task WriteDenialAsync_RetryAfter_SetsHeader()
    {
        using var host = await StartAsync(ctx => AegisProblemResults.WriteDenialAsync(ctx, SecurityDecision.DenyRetryAfter("RATE", "Too many.", TimeSpan.FromSeconds(7)), AegisPillars.Http));

        var response = await host.GetTestClient().GetAsync(new Uri("/", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(response.Headers.RetryAfter!.Delta, Is.EqualTo(TimeSpan.FromSeconds(7)));
    }

    [Test]
    public async Task WriteDenialAsync_ResponseAlreadyStarted_AbortsInsteadOfWriting()
    {
        using var host = await StartAsync(async ctx =>
        {
            ctx.Response.StatusCode = 200;
            await ctx.Response.WriteAsync("partial");
            await ctx.Response.Body.FlushAsync();
            await AegisProblemResults.WriteDenialAsync(ctx, SecurityDecision.Deny("LATE", "Late denial."), AegisPillars.Http);
        });

        Assert.That(async () => await (await host.GetTestClient().GetAsync(new Uri("/", UriKind.Relative))).Content.ReadAsStringAsync(), Throws.Exception);
    }

    [Test]
    public async Task WriteDenialAsync_PublishesDecisionFeature()
    {
        IAegisDecisionFeature? feature = null;
        using var host = await StartAsync(async ctx =>
        {
            await AegisProblemResults.WriteDenialAsync(ctx, SecurityDecision.Deny("FEAT", "x"), AegisPillars.Mcp);
            feature = ctx.Features.Get<IAegisDecisionFeature>();
        });

        await host.GetTestClient().GetAsync(new Uri("/", UriKind.Relative));

        Assert.That(feature!.Decision.Code, Is.EqualTo("FEAT"));
        Assert.That(feature.Pillar, Is.EqualTo(AegisPillars.Mcp));
    }

    [Test]
    public async Task MapAegisHealth_ReportsConfigurationValid()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddAegisGate().AddAegisHealthChecks()
            .AddPipeline("p", static (p, _) => p.AddCheck(AegisGate.TestUtilities.TestChecks.Allow()));
        await using var app = builder.Build();
        app.MapAegisHealth();
        await app.StartAsync();

        var json = await app.GetTestClient().GetFromJsonAsync<JsonElement>(new Uri("/healthz", UriKind.Relative));

        Assert.That(json.GetProperty("status").GetString(), Is.EqualTo("Healthy"));
        Assert.That(json.GetProperty("configuration").GetString(), Is.EqualTo("valid"));
    }
}
