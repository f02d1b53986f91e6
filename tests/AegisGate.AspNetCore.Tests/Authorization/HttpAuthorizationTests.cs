using System.Net;
using AegisGate.AspNetCore.Authorization;
using AegisGate.AspNetCore.Tests.Support;

namespace AegisGate.AspNetCore.Tests.Authorization;

public sealed class HttpAuthorizationTests
{
    private HttpPillarHost _host = null!;

    [OneTimeSetUp]
    public async Task SetUpAsync() => _host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { Configure = o => o.RateLimit.Enabled = false });

    [OneTimeTearDown]
    public async Task TearDownAsync() => await _host.DisposeAsync();

    private static IEnumerable<TestCaseData> Matrix()
    {
        // role, endpoint, allowed
        var grants = new Dictionary<string, string[]>
        {
            [AegisRoles.Viewer] = ["read"],
            [AegisRoles.Analyst] = ["read", "scan"],
            [AegisRoles.Operator] = ["read", "scan", "write"],
            [AegisRoles.Admin] = ["read", "scan", "write", "manage", "reports"],
            ["custom"] = ["reports"],
            ["none"] = [],
        };
        foreach (var (role, allowed) in grants)
        {
            foreach (var endpoint in new[] { "read", "scan", "write", "manage", "reports" })
            {
                yield return new TestCaseData(role, endpoint, allowed.Contains(endpoint)).SetName($"Rbac_{role}_{endpoint}_{(allowed.Contains(endpoint) ? "Allowed" : "Denied")}");
            }
        }
    }

    [TestCaseSource(nameof(Matrix))]
    public async Task Request_RoleByEndpoint_FollowsTheRoleMap(string role, string endpoint, bool allowed)
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/" + endpoint, role);

        if (allowed)
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        }
        else
        {
            var problem = await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, HttpErrorCodes.RbacDenied);
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("permission"));
        }
    }

    [Test]
    public async Task Request_EndpointWithoutPolicy_Returns403NoPolicyEvenForAdmin()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/nopolicy", AegisRoles.Admin);

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, HttpErrorCodes.RbacNoPolicy);
    }

    [Test]
    public async Task Request_UnmatchedRoute_Returns403NoPolicy()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/does-not-exist", AegisRoles.Admin);

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, HttpErrorCodes.RbacNoPolicy);
    }

    [Test]
    public async Task Request_UnmatchedRouteWithoutKey_Returns403AuthMissing()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/does-not-exist", role: null);

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, HttpErrorCodes.AuthMissing);
    }

    [Test]
    public async Task Request_PublicEndpoint_NeedsNoKey()
    {
        using var response = await _host.SendAsync(HttpMethod.Get, "/public", role: null);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public void Startup_PublicEndpoint_IsAuditedWithItsReason()
    {
        Assert.That(() => _host.AuditSnapshot().Any(e => e.Check == "http.public-endpoint" && e.Operation == "GET /public" && e.Properties!["public"] == "test probe"), Is.True.After(5000, 20));
    }

    [Test]
    public async Task Request_DefaultPermissionConfigured_AppliesToEndpointsWithoutPolicy()
    {
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { Configure = o => o.Authorization.DefaultPermission = AegisPermissions.Read });

        using var viewer = await host.SendAsync(HttpMethod.Get, "/nopolicy", AegisRoles.Viewer);
        using var none = await host.SendAsync(HttpMethod.Get, "/nopolicy", "none");

        Assert.That(viewer.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await ProblemAssert.IsDeniedAsync(none, HttpStatusCode.Forbidden, HttpErrorCodes.RbacDenied);
    }

    [Test]
    public async Task Request_ConfiguredRoleOverridesBuiltIn()
    {
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { Configure = o => o.Authorization.Roles[AegisRoles.Viewer] = ["write"] });

        using var read = await host.SendAsync(HttpMethod.Get, "/read", AegisRoles.Viewer);
        using var write = await host.SendAsync(HttpMethod.Get, "/write", AegisRoles.Viewer);

        await ProblemAssert.IsDeniedAsync(read, HttpStatusCode.Forbidden, HttpErrorCodes.RbacDenied);
        Assert.That(write.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public void RequireAegisPermission_InvalidName_Throws()
        => Assert.That(() => new AegisPermissionAttribute("Bad Name"), Throws.ArgumentException);
}
