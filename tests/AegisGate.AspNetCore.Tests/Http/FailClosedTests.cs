using System.Net;
using System.Text;
using AegisGate.AspNetCore.Http;
using AegisGate.AspNetCore.Tests.Support;
using AegisGate.Audit;
using AegisGate.Detection;
using AegisGate.Licensing;
using AegisGate.TestUtilities;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace AegisGate.AspNetCore.Tests.Http;

/// <summary>Every way the HTTP pillar can fail is a denial with its own code, and the handler never runs.</summary>
public sealed class FailClosedTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Test]
    public async Task AccessCheck_Throws_DeniesWithCheckFaulted()
    {
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { Aegis = a => a.AddPipeline(AegisHttpPipelines.Access, (p, _) => p.AddCheck(TestChecks.Throw())) });

        using var response = await host.SendAsync(HttpMethod.Get, "/read");

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, AegisErrorCodes.CheckFaulted);
        Assert.That(host.HandlerCalls, Is.Zero);
    }

    [Test]
    public async Task AccessCheck_Null_DeniesWithCheckNull()
    {
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { Aegis = a => a.AddPipeline(AegisHttpPipelines.Access, (p, _) => p.AddCheck(null)) });

        using var response = await host.SendAsync(HttpMethod.Get, "/read");

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, AegisErrorCodes.CheckNull);
        Assert.That(host.HandlerCalls, Is.Zero);
    }

    [Test]
    [CancelAfter(30_000)]
    public async Task AccessCheck_TooSlow_DeniesWithCheckTimeout()
    {
        var slow = TestChecks.From("slow", async (ctx, ct) =>
        {
            // The pipeline's deadline runs on the host's FakeTimeProvider: move it past the timeout.
            ctx.Services!.GetRequiredService<Microsoft.Extensions.Time.Testing.FakeTimeProvider>().Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return SecurityDecision.Allow();
        });
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { CheckTimeout = TimeSpan.FromMilliseconds(50), Aegis = a => a.AddPipeline(AegisHttpPipelines.Access, (p, _) => p.AddCheck(slow)) });

        using var response = await host.SendAsync(HttpMethod.Get, "/read");

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, AegisErrorCodes.CheckTimeout);
        Assert.That(host.HandlerCalls, Is.Zero);
    }

    [Test]
    public async Task UserCheck_SeesTheAuthenticatedPrincipal()
    {
        string? seen = null;
        var check = TestChecks.From("who", (ctx, _) =>
        {
            seen = ctx.PrincipalId;
            return new ValueTask<SecurityDecision>(SecurityDecision.Allow());
        });
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { Aegis = a => a.AddPipeline(AegisHttpPipelines.Access, (p, _) => p.AddCheck(check)) });

        using var response = await host.SendAsync(HttpMethod.Get, "/read", "viewer");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(seen, Is.EqualTo("viewer-user"));
    }

    [Test]
    public async Task Scanner_Throws_DeniesWithCheckFaultedAndHandlerNeverRuns()
    {
        await using var host = await HttpPillarHost.StartAsync();
        host.Scanner.Setup(s => s.ScanJson(It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<ScanOptions>())).Throws(new InvalidOperationException("engine bug"));

        using var response = await host.SendAsync(HttpMethod.Post, "/echo", content: Json("{\"a\":\"b\"}"));

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, AegisErrorCodes.CheckFaulted);
        Assert.That(host.HandlerCalls, Is.Zero);
    }

    [Test]
    public async Task Scanner_ReturnsNull_DeniesWithScannerUnavailable()
    {
        await using var host = await HttpPillarHost.StartAsync();
        host.Scanner.Setup(s => s.ScanJson(It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<ScanOptions>())).Returns((ScanResult)null!);

        using var response = await host.SendAsync(HttpMethod.Post, "/echo", content: Json("{\"a\":\"b\"}"));

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.ServiceUnavailable, HttpErrorCodes.ScannerUnavailable);
        Assert.That(host.HandlerCalls, Is.Zero);
    }

    [Test]
    public async Task Scanner_NotRegistered_DeniesContentWithScannerUnavailable()
    {
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { RegisterScanner = false });

        using var response = await host.SendAsync(HttpMethod.Post, "/echo", content: Json("{\"a\":\"b\"}"));

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.ServiceUnavailable, HttpErrorCodes.ScannerUnavailable);
        Assert.That(host.HandlerCalls, Is.Zero);
        Assert.That(host.Logs.GetSnapshot().Select(r => r.Id.Id), Does.Contain(2005));
    }

    [Test]
    public async Task Scanner_ReportsLimitExceeded_DeniesWith413AndItsCode()
    {
        await using var host = await HttpPillarHost.StartAsync();
        host.Scanner.Setup(s => s.ScanJson(It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<ScanOptions>())).Returns(new ScanResult { Verdict = ScanVerdict.Block, ErrorCode = AegisErrorCodes.ScanLimitExceeded });

        using var response = await host.SendAsync(HttpMethod.Post, "/echo", content: Json("{\"a\":\"b\"}"));

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.RequestEntityTooLarge, AegisErrorCodes.ScanLimitExceeded);
    }

    [Test]
    public async Task Middleware_UnexpectedException_DeniesWithInternalErrorAndHandlerNeverRuns()
    {
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions
        {
            Before = app => app.Use((ctx, next) =>
            {
                ctx.Request.Body = new ThrowingStream();
                return next(ctx);
            }),
        });

        using var response = await host.SendAsync(HttpMethod.Post, "/echo", content: Json("{\"a\":\"b\"}"));

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.InternalServerError, AegisErrorCodes.InternalError);
        Assert.That(host.HandlerCalls, Is.Zero);
        Assert.That(host.Logs.GetSnapshot().Where(r => r.Id.Id == 2001).Select(r => r.Exception), Has.Some.InstanceOf<InvalidOperationException>());
    }

    [Test]
    public async Task Audit_FailsForFindings_DeniesWithAuditUnavailable()
    {
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { Configure = o => o.Scanning.Request = AegisScanAction.Monitor });
        host.Audit.Setup(a => a.WriteAsync(It.IsAny<AuditEvent>(), It.IsAny<CancellationToken>())).Throws(new IOException("disk full"));

        using var response = await host.SendAsync(HttpMethod.Post, "/echo", content: Json("{\"a\":\"" + FakeScanner.Monitored + "\"}"));

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.ServiceUnavailable, AegisErrorCodes.AuditUnavailable);
        Assert.That(host.HandlerCalls, Is.Zero);
    }

    [Test]
    public async Task Audit_NotRegistered_DeniesRequestsWithFindings()
    {
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { RegisterAudit = false, Configure = o => o.Scanning.Request = AegisScanAction.Monitor });

        using var clean = await host.SendAsync(HttpMethod.Post, "/echo", content: Json("{\"a\":\"b\"}"));
        using var response = await host.SendAsync(HttpMethod.Post, "/echo", content: Json("{\"a\":\"" + FakeScanner.Monitored + "\"}"));

        Assert.That(clean.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.ServiceUnavailable, AegisErrorCodes.AuditUnavailable);
    }

    [Test]
    public async Task ScanPolicy_Unknown_DeniesWith503()
    {
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions
        {
            Map = app => app.MapGet("/named", () => "x").RequireAegisPermission("read").WithAegisScanPolicy("missing"),
        });

        using var response = await host.SendAsync(HttpMethod.Get, "/named");

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.ServiceUnavailable, HttpErrorCodes.ScanPolicyUnknown);
    }

    [Test]
    public async Task RateLimit_BucketEmpty_Returns429WithRetryAfter()
    {
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { Configure = o => { o.RateLimit.TokenLimit = 1; o.RateLimit.TokensPerPeriod = 1; o.RateLimit.ReplenishmentPeriod = TimeSpan.FromHours(1); } });

        using var first = await host.SendAsync(HttpMethod.Get, "/read", "viewer");
        using var second = await host.SendAsync(HttpMethod.Get, "/read", "viewer");
        using var other = await host.SendAsync(HttpMethod.Get, "/read", "analyst");

        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await ProblemAssert.IsDeniedAsync(second, HttpStatusCode.TooManyRequests, HttpErrorCodes.RateLimited);
        Assert.That(second.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK), "buckets are per principal");
    }

    [TestCase(LicenseStatus.Invalid, HttpStatusCode.Forbidden)]
    [TestCase(LicenseStatus.Valid, HttpStatusCode.OK)]
    [TestCase(LicenseStatus.None, HttpStatusCode.OK)]
    public async Task License_State_DecidesAccess(LicenseStatus status, HttpStatusCode expected)
    {
        var license = Mock.Of<ILicenseProvider>(l => l.Current == new LicenseState { Status = status, Tier = LicenseTier.Professional });
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { Services = s => s.AddSingleton(license) });

        using var response = await host.SendAsync(HttpMethod.Get, "/read");
        using var health = await host.SendAsync(HttpMethod.Get, "/public", role: null);

        if (expected == HttpStatusCode.OK)
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        else
        {
            await ProblemAssert.IsDeniedAsync(response, expected, AegisErrorCodes.LicenseInvalid);
        }

        Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK), "public endpoints stay reachable to report the licence");
    }

    [Test]
    public async Task License_ProviderReturnsNull_Denies()
    {
        var license = new Mock<ILicenseProvider>();
        license.Setup(l => l.Current).Returns((LicenseState)null!);
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { Services = s => s.AddSingleton(license.Object) });

        using var response = await host.SendAsync(HttpMethod.Get, "/read");

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, AegisErrorCodes.LicenseInvalid);
    }

    [Test]
    public void UseAegisHttp_WithoutAddAegisHttp_FailsAtStart()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Services.AddAegisGate();
        using var app = builder.Build();

        Assert.That(() => app.UseAegisHttp(), Throws.InvalidOperationException.With.Message.Contains("AddAegisHttp"));
    }

    private sealed class ThrowingStream : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => throw new InvalidOperationException("unexpected");
    }
}
