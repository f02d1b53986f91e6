using System.Net;
using System.Text.Json;
using AegisGate.AspNetCore.Authentication;
using AegisGate.AspNetCore.Authorization;
using AegisGate.AspNetCore.Tests.Support;
using AegisGate.Audit;
using AegisGate.Authentication;
using AegisGate.TestUtilities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Moq;

namespace AegisGate.AspNetCore.Tests.Health;

/// <summary><c>aegisgate.audit</c>: Unhealthy when audit is enabled and fail-closed but the trail cannot be written.</summary>
[CancelAfter(60_000)]
public sealed class AegisAuditHealthCheckTests
{
    private const string AuditKey = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";
    private TempDirectory _data = null!;

    [SetUp]
    public void SetUp() => _data = new TempDirectory();

    [TearDown]
    public void TearDown() => _data.Dispose();

    private string ActiveFile => Path.Combine(_data.Path, "audit", "aegisgate-audit.jsonl");

    private async Task<WebApplication> StartAsync(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, string? apiKey = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["AegisGate:DataDirectory"] = _data.Path });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        var aegis = builder.Services.AddAegisGate(builder.Configuration.GetSection("AegisGate")).AddAegisHealthChecks();
        if (apiKey is not null)
        {
            // The HTTP pillar and the compliance API, whose report must be audited.
            aegis.AddAegisHttp().AddAegisCompliance();
            builder.Services.AddSingleton(FakeScanner.Create().Object);
            builder.Services.Configure<AegisApiKeyOptions>(AegisApiKeyDefaults.AuthenticationScheme, o => o.Keys.Add(new ApiKeyEntry { Principal = "auditor", Hash = ApiKeyHasher.Hash(apiKey), Roles = [AegisRoles.Analyst] }));
        }

        services?.Invoke(builder.Services);
        var app = builder.Build();
        if (apiKey is not null)
        {
            app.UseAegisHttp();
            app.MapAegisComplianceApi();
        }

        app.MapAegisHealth("/healthz");
        await app.StartAsync();
        return app;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> HealthAsync(WebApplication app)
    {
        using var client = app.GetTestClient();
        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static JsonElement AuditCheck(JsonElement body) => body.GetProperty("checks").GetProperty("aegisgate.audit");

    /// <summary>A file where the audit directory should be: the trail can neither be opened nor created.</summary>
    private void BlockAuditDirectory() => File.WriteAllText(Path.Combine(_data.Path, "audit"), "not a directory");

    private void UnblockAuditDirectory() => File.Delete(Path.Combine(_data.Path, "audit"));

    [Test]
    public async Task Healthz_WritableTrail_IsHealthyAndWritesNothing()
    {
        await using var app = await StartAsync();
        var before = File.Exists(ActiveFile) ? new FileInfo(ActiveFile).Length : 0;

        var (status, body) = await HealthAsync(app);
        await HealthAsync(app);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.GetProperty("audit").GetString(), Is.EqualTo("ok"));
            Assert.That(AuditCheck(body).GetProperty("status").GetString(), Is.EqualTo("Healthy"));
            Assert.That(AuditCheck(body).GetProperty("description").GetString(), Does.Contain("writable"));
            Assert.That(File.Exists(ActiveFile) ? new FileInfo(ActiveFile).Length : 0, Is.EqualTo(before), "a healthy trail is not written to by health checks");
        }
    }

    [Test]
    public async Task Healthz_TrailCannotBeWritten_FailClosed_IsUnhealthy503_AndThePillarsAnswer503()
    {
        BlockAuditDirectory();
        const string Key = "auditor-key-0123456789abcdef";
        await using var app = await StartAsync(apiKey: Key);

        var (status, body) = await HealthAsync(app);
        using var client = app.GetTestClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/compliance/gdpr", UriKind.Relative));
        request.Headers.Add("X-API-Key", Key);
        using var pillar = await client.SendAsync(request);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("Unhealthy"));
            Assert.That(body.GetProperty("audit").GetString(), Is.EqualTo("unavailable"));
            Assert.That(AuditCheck(body).GetProperty("description").GetString(), Does.Contain("AEGIS_AUDIT_UNAVAILABLE"));
            Assert.That(body.ToString(), Does.Not.Contain(AuditKey));
        }

        await ProblemAssert.IsDeniedAsync(pillar, HttpStatusCode.ServiceUnavailable, AegisErrorCodes.AuditUnavailable);
    }

    [Test]
    public async Task Healthz_TrailRepaired_IsHealthyAgainThroughOneProbeRecord()
    {
        BlockAuditDirectory();
        await using var app = await StartAsync(new() { ["AegisGate:Audit:Key"] = AuditKey });
        Assert.That((await HealthAsync(app)).Status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));

        UnblockAuditDirectory();
        var (status, body) = await HealthAsync(app);
        var (again, _) = await HealthAsync(app);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(again, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(AuditCheck(body).GetProperty("description").GetString(), Does.Contain("writable again"));
            Assert.That(app.Services.GetRequiredService<IAuditSink>() is JsonlAuditSink { IsFaulted: false }, Is.True);
            var lines = File.ReadAllLines(ActiveFile);
            Assert.That(lines, Has.Length.EqualTo(1), "one probe record, written at recovery only");
            Assert.That(lines[0], Does.Contain("\"operation\":\"audit.health-probe\""));
            Assert.That(AuditVerifier.Verify(ActiveFile, Convert.FromBase64String(AuditKey)).IsValid, Is.True);
        }
    }

    [Test]
    public async Task Healthz_TrailCannotBeWritten_NotFailClosed_IsDegraded200()
    {
        BlockAuditDirectory();
        await using var app = await StartAsync(new() { ["AegisGate:Audit:FailClosed"] = "false" });

        var (status, body) = await HealthAsync(app);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(AuditCheck(body).GetProperty("status").GetString(), Is.EqualTo("Degraded"));
        Assert.That(AuditCheck(body).GetProperty("description").GetString(), Does.Contain("FailClosed is false"));
    }

    [Test]
    public async Task Healthz_AuditDisabled_IsHealthy()
    {
        BlockAuditDirectory();
        await using var app = await StartAsync(new() { ["AegisGate:Audit:Enabled"] = "false" });

        var (status, body) = await HealthAsync(app);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body.GetProperty("audit").GetString(), Is.EqualTo("disabled"));
        Assert.That(AuditCheck(body).GetProperty("status").GetString(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task Healthz_NoAuditSink_IsUnhealthy()
    {
        await using var app = await StartAsync(services: static s =>
        {
            s.RemoveAll<IAuditSink>();
            s.RemoveAll<AuditTrail>();
            foreach (var hosted in s.Where(static d => d.ImplementationType?.Name == "AuditSinkStartup").ToList())
            {
                s.Remove(hosted);
            }
        });

        var (status, body) = await HealthAsync(app);

        Assert.That(status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(AuditCheck(body).GetProperty("description").GetString(), Does.Contain("No audit sink"));
    }

    [Test]
    public async Task Healthz_CustomSink_IsHealthyAndNotProbed()
    {
        var sink = new Mock<IAuditSink>(MockBehavior.Strict);
        await using var app = await StartAsync(services: s => s.AddSingleton(sink.Object));

        var (status, body) = await HealthAsync(app);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(AuditCheck(body).GetProperty("description").GetString(), Does.Contain("not probed"));
        sink.Verify(s => s.WriteAsync(It.IsAny<AuditEvent>(), It.IsAny<CancellationToken>()), Times.Never);
    }
}
