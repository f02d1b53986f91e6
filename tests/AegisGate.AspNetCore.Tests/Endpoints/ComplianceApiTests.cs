using System.Net;
using System.Text.Json;
using AegisGate.AspNetCore.Authorization;
using AegisGate.AspNetCore.Tests.Support;
using AegisGate.Audit;
using AegisGate.Compliance;
using AegisGate.TestUtilities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Moq;

namespace AegisGate.AspNetCore.Tests.Endpoints;

/// <summary><c>GET /api/v1/compliance/{framework}</c>: permission <c>compliance:read</c>, JSON or Markdown, 404 for unregistered frameworks.</summary>
[CancelAfter(60_000)]
public sealed class ComplianceApiTests
{
    private const string Path = "/api/v1/compliance/";
    private TempDirectory _data = null!;
    private HttpPillarHost _host = null!;

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        _data = new TempDirectory();
        _host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions
        {
            Configure = o => o.RateLimit.Enabled = false,
            Services = s => s.Configure<AegisGate.Configuration.AegisGateOptions>(o => o.DataDirectory = _data.Path),
            Aegis = a => a.AddAegisCompliance(),
            Map = app => app.MapAegisComplianceApi(),
        });
    }

    [OneTimeTearDown]
    public async Task TearDownAsync()
    {
        await _host.DisposeAsync();
        _data.Dispose();
    }

    private async Task<(HttpResponseMessage Response, string Body)> GetAsync(string pathAndQuery, string? role = AegisRoles.Analyst, string? accept = null)
    {
        var request = _host.Request(HttpMethod.Get, Path + pathAndQuery, role);
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        var response = await _host.Client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Get_Viewer_IsDenied()
    {
        var (response, _) = await GetAsync("gdpr", AegisRoles.Viewer);

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, HttpErrorCodes.RbacDenied);
    }

    [Test]
    public async Task Get_Operator_IsDenied()
    {
        var (response, _) = await GetAsync("gdpr", AegisRoles.Operator);

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, HttpErrorCodes.RbacDenied);
    }

    [Test]
    public async Task Get_NoKey_IsDenied()
    {
        var (response, _) = await GetAsync("gdpr", role: null);

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, HttpErrorCodes.AuthMissing);
    }

    [TestCase(AegisRoles.Analyst)]
    [TestCase(AegisRoles.Admin)]
    public async Task Get_AnalystOrAdmin_IsAllowed(string role)
    {
        var (response, body) = await GetAsync("gdpr", role);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
    }

    [Test]
    public void BuiltInRoles_OnlyAnalystAndAdminReadCompliance()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(AegisRoles.BuiltIn[AegisRoles.Analyst], Does.Contain(AegisPermissions.ComplianceRead));
            Assert.That(AegisRoles.BuiltIn[AegisRoles.Admin], Does.Contain(AegisPermissions.All));
            Assert.That(AegisRoles.BuiltIn[AegisRoles.Viewer], Does.Not.Contain(AegisPermissions.ComplianceRead));
            Assert.That(AegisRoles.BuiltIn[AegisRoles.Operator], Does.Not.Contain(AegisPermissions.ComplianceRead));
            Assert.That(AegisPermissions.IsValidName(AegisPermissions.ComplianceRead), Is.True);
        }
    }

    [TestCase("mitre-atlas", "AML.T0051")]
    [TestCase("nist-ai-rmf", "GOVERN 1.5")]
    [TestCase("owasp-llm", "LLM01")]
    [TestCase("iso27001", "A.8.15")]
    [TestCase("soc2", "CC6.1")]
    [TestCase("hipaa", "§164.312(b)")]
    [TestCase("gdpr", "Art. 32")]
    [TestCase("pci-dss", "10.2")]
    public async Task Get_EachBuiltInFramework_AnswersItsReport(string framework, string control)
    {
        var (response, body) = await GetAsync(Uri.EscapeDataString(framework));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        var json = JsonDocument.Parse(body).RootElement;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(json.GetProperty("framework").GetProperty("id").GetString(), Is.EqualTo(framework));
            Assert.That(json.GetProperty("status").GetString(), Is.AnyOf("pass", "fail"));
            Assert.That(json.GetProperty("controls").EnumerateArray().Select(c => c.GetProperty("id").GetString()), Does.Contain(control));
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        }
    }

    [Test]
    public async Task Get_HttpEvidence_IsInTheReport()
    {
        var (_, body) = await GetAsync("gdpr");

        var evidence = JsonDocument.Parse(body).RootElement.GetProperty("controls").EnumerateArray()
            .SelectMany(c => c.GetProperty("evidence").EnumerateArray())
            .Where(e => e.GetProperty("id").GetString() == ComplianceEvidenceIds.HttpResponseRedaction)
            .ToList();
        Assert.That(evidence, Is.Not.Empty);
        Assert.That(evidence.All(e => e.GetProperty("satisfied").GetBoolean() && e.GetProperty("source").GetString() == "http"), Is.True, body);
    }

    [TestCase("not-a-framework")]
    [TestCase("GDPR2")]
    [TestCase("%3Cscript%3E")]
    public async Task Get_UnregisteredFramework_Is404WithCodeAndAuditedAsFailed(string framework)
    {
        var (response, body) = await GetAsync(framework);

        var problem = await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.NotFound, AegisErrorCodes.ComplianceUnregistered);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("gdpr").And.Contain("fails"));
            Assert.That(body, Does.Not.Contain("script").And.Not.Contain("GDPR2").And.Not.Contain("not-a-framework"), "the problem never echoes the request");
            var audit = _host.AuditSnapshot().Last(e => e.Operation == "compliance.report");
            Assert.That(audit.Decision, Is.EqualTo("deny"));
            Assert.That(audit.Code, Is.EqualTo(AegisErrorCodes.ComplianceUnregistered));
            Assert.That(audit.Properties!["status"], Is.EqualTo("fail"));
        }
    }

    [Test]
    public async Task Get_FrameworkIdIsCaseInsensitive()
    {
        var (response, body) = await GetAsync("GDPR");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("framework").GetProperty("id").GetString(), Is.EqualTo("gdpr"));
    }

    [Test]
    public async Task Get_AcceptMarkdown_AnswersMarkdown()
    {
        var (response, body) = await GetAsync("hipaa", accept: "text/markdown");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/markdown"));
            Assert.That(response.Content.Headers.ContentType?.CharSet, Is.EqualTo("utf-8"));
            Assert.That(response.Headers.Vary, Does.Contain("Accept"));
            Assert.That(body, Does.StartWith("# Compliance report: HIPAA").Or.StartWith("# Compliance report"));
            Assert.That(body, Does.Contain("| `§164.312(b)` |"));
        }
    }

    [TestCase("?format=markdown", "text/markdown", "# Compliance report")]
    [TestCase("?format=md", "text/markdown", "# Compliance report")]
    [TestCase("?format=json", "application/json", "{")]
    [TestCase("?format=text", "text/plain", "Compliance report")]
    public async Task Get_FormatQuery_ChoosesTheFormat(string query, string mediaType, string start)
    {
        var (response, body) = await GetAsync("pci-dss" + query, accept: "application/json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo(mediaType));
        Assert.That(body.TrimStart(), Does.StartWith(start));
    }

    [TestCase("?format=pdf")]
    [TestCase("?format=json&format=markdown")]
    [TestCase("?format=")]
    public async Task Get_BadFormat_Is400(string query)
    {
        var (response, _) = await GetAsync("gdpr" + query);

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.BadRequest, HttpErrorCodes.ComplianceRequestInvalid);
    }

    [TestCase(null, ComplianceReportFormat.Json)]
    [TestCase("*/*", ComplianceReportFormat.Json)]
    [TestCase("text/markdown", ComplianceReportFormat.Markdown)]
    [TestCase("text/markdown, application/json", ComplianceReportFormat.Json)]
    [TestCase("text/markdown;q=0.5, application/json;q=0.4", ComplianceReportFormat.Markdown)]
    [TestCase("application/json;q=0.9, text/markdown", ComplianceReportFormat.Markdown)]
    [TestCase("text/*", ComplianceReportFormat.Markdown)]
    [TestCase("text/plain", ComplianceReportFormat.Text)]
    [TestCase("text/*, text/plain;q=0", ComplianceReportFormat.Markdown)]
    [TestCase("image/png", ComplianceReportFormat.Json)]
    [TestCase("not a media type", ComplianceReportFormat.Json)]
    public void TryNegotiate_Accept_ChoosesTheBestOffer(string? accept, ComplianceReportFormat expected)
    {
        var context = new DefaultHttpContext();
        if (accept is not null)
        {
            context.Request.Headers.Accept = accept;
        }

        Assert.That(AegisComplianceApiEndpointExtensions.TryNegotiate(context.Request, out var format), Is.True);
        Assert.That(format, Is.EqualTo(expected));
    }

    [Test]
    public async Task Get_Report_IsAudited()
    {
        var (response, _) = await GetAsync("soc2");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var audit = _host.AuditSnapshot().Last(e => e.Operation == "compliance.report");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(audit.Decision, Is.EqualTo("allow"));
            Assert.That(audit.Principal, Is.EqualTo("analyst-user"));
            Assert.That(audit.Properties!["framework"], Is.EqualTo("soc2"));
            Assert.That(audit.Properties["passed"], Does.Match(@"^\d+/8$"));
        }
    }

    [Test]
    public async Task Get_AuditUnavailable_Is503AndNoReport()
    {
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions
        {
            Services = s => s.Configure<AegisGate.Configuration.AegisGateOptions>(o => o.DataDirectory = _data.Path),
            Aegis = a => a.AddAegisCompliance(),
            Map = app => app.MapAegisComplianceApi(),
        });
        host.Audit.Setup(a => a.WriteAsync(It.IsAny<AuditEvent>(), It.IsAny<CancellationToken>())).Throws(new IOException("disk full"));

        using var response = await host.SendAsync(HttpMethod.Get, Path + "gdpr", AegisRoles.Analyst);

        var problem = await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.ServiceUnavailable, AegisErrorCodes.AuditUnavailable);
        Assert.That(problem.ToString(), Does.Not.Contain("controls"));
    }

    [Test]
    public void Map_WithoutAddAegisCompliance_Throws()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddAegisGate().AddAegisHttp();
        using var app = builder.Build();

        Assert.That(() => app.MapAegisComplianceApi(), Throws.InvalidOperationException.With.Message.Contains("AddAegisCompliance"));
    }

    [Test]
    public void Map_PatternWithoutFrameworkParameter_Throws()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddAegisGate().AddAegisHttp().AddAegisCompliance();
        using var app = builder.Build();

        Assert.That(() => app.MapAegisComplianceApi("/compliance/{id}"), Throws.ArgumentException);
    }

    [Test]
    public async Task Get_WithoutUseAegisHttp_FailsClosed()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddAegisGate(o => o.DataDirectory = _data.Path).AddAegisHttp().AddAegisCompliance();
        await using var app = builder.Build();
        app.MapAegisComplianceApi();
        await app.StartAsync();
        using var client = app.GetTestClient();

        using var response = await client.GetAsync(new Uri(Path + "gdpr", UriKind.Relative));

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.InternalServerError, AegisErrorCodes.InternalError);
        await app.StopAsync();
    }

    [Test]
    public async Task Get_Report_NeverContainsApiKeys()
    {
        var (_, body) = await GetAsync("iso27001", AegisRoles.Admin);

        Assert.That(body, Does.Not.Contain(_host.Keys[AegisRoles.Admin]).And.Not.Contain(_host.Keys[AegisRoles.Analyst]));
    }
}
