using System.Net;
using AegisGate.AspNetCore.Authorization;
using AegisGate.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace AegisGate.AspNetCore.Tests.Authentication;

public sealed class HttpAuthenticationTests
{
    private HttpPillarHost _host = null!;

    [SetUp]
    public async Task SetUpAsync() => _host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions
    {
        Configure = o => o.Authentication.AcceptedSchemes.Add(TestSchemeHandler.SchemeName),
        Services = s => s.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestSchemeHandler>(TestSchemeHandler.SchemeName, null),
    });

    [TearDown]
    public async Task TearDownAsync() => await _host.DisposeAsync();

    [Test]
    public async Task Request_NoKey_Returns403AuthMissingAndHandlerNeverRuns()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/read", role: null);

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, HttpErrorCodes.AuthMissing);
        Assert.That(_host.HandlerCalls, Is.Zero);
    }

    [Test]
    public async Task Request_UnknownKey_Returns403AuthInvalid()
    {
        using var request = _host.Request(HttpMethod.Get, "/read", role: null);
        request.Headers.Add("X-API-Key", "aegis_not-a-configured-key");

        using var response = await _host.Client.SendAsync(request);

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, HttpErrorCodes.AuthInvalid);
    }

    [Test]
    public async Task Request_TwoKeys_Returns403AuthInvalid()
    {
        using var request = _host.Request(HttpMethod.Get, "/read");
        request.Headers.Add("X-API-Key", _host.Keys[AegisRoles.Viewer]);

        using var response = await _host.Client.SendAsync(request);

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, HttpErrorCodes.AuthInvalid);
    }

    [Test]
    public async Task Request_ExpiredKey_Returns403AuthExpired()
    {
        using (var before = await _host.SendAsync(HttpMethod.Get, "/read", role: "expired"))
        {
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        _host.Time.Advance(TimeSpan.FromMinutes(6));
        using var response = await _host.SendAsync(HttpMethod.Get, "/read", role: "expired");

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, HttpErrorCodes.AuthExpired);
    }

    [Test]
    public async Task Request_ValidKey_HandlerSeesThePrincipal()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/whoami", role: AegisRoles.Viewer);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("viewer-user"));
    }

    [Test]
    public async Task Request_AcceptedScheme_IsAuthenticatedWithItsRoles()
    {
        using var request = _host.Request(HttpMethod.Get, "/whoami", role: null);
        request.Headers.TryAddWithoutValidation("Authorization", "Test jwt-user:viewer");

        using var response = await _host.Client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Request_AcceptedSchemeRoleLacksPermission_Returns403RbacDenied()
    {
        using var request = _host.Request(HttpMethod.Get, "/write", role: null);
        request.Headers.TryAddWithoutValidation("Authorization", "Test jwt-user:viewer");

        using var response = await _host.Client.SendAsync(request);

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, HttpErrorCodes.RbacDenied);
    }

    [Test]
    public async Task Request_AcceptedSchemeFails_Returns403AuthInvalid()
    {
        using var request = _host.Request(HttpMethod.Get, "/read", role: null);
        request.Headers.TryAddWithoutValidation("Authorization", "Test malformed");

        using var response = await _host.Client.SendAsync(request);

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, HttpErrorCodes.AuthInvalid);
    }

    [Test]
    public async Task Request_InvalidKeyWithValidOtherScheme_IsStillDenied()
    {
        using var request = _host.Request(HttpMethod.Get, "/read", role: null);
        request.Headers.Add("X-API-Key", "aegis_wrong");
        request.Headers.TryAddWithoutValidation("Authorization", "Test jwt-user:admin");

        using var response = await _host.Client.SendAsync(request);

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, HttpErrorCodes.AuthInvalid);
    }

    [Test]
    public async Task Denial_IsAuditedWithoutTheKey()
    {
        using var request = _host.Request(HttpMethod.Get, "/read", role: null);
        request.Headers.Add("X-API-Key", "aegis_wrong-key-value");

        using var response = await _host.Client.SendAsync(request);

        var denial = _host.AuditSnapshot().Single(e => e.Decision == "deny");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(denial.Code, Is.EqualTo(HttpErrorCodes.AuthInvalid));
            Assert.That(denial.Pillar, Is.EqualTo(AegisPillars.Http));
            Assert.That(denial.Operation, Is.EqualTo("GET /read"));
            Assert.That(denial.Check, Is.EqualTo("http.authentication"));
            Assert.That(System.Text.Json.JsonSerializer.Serialize(denial), Does.Not.Contain("aegis_wrong-key-value"));
        }

        Assert.That(_host.Logs.GetSnapshot().Select(r => r.Message), Has.None.Contains("aegis_wrong-key-value"));
    }

    [Test]
    public void UseAegisHttp_AcceptedSchemeNotRegistered_FailsAtStart()
    {
        Assert.That(
            async () => await HttpPillarHost.StartAsync(new HttpPillarHostOptions { Configure = o => o.Authentication.AcceptedSchemes.Add("Missing") }),
            Throws.InvalidOperationException.With.Message.Contains("Missing"));
    }
}
