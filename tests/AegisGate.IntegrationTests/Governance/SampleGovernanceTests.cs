using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AegisGate.Audit;
using AegisGate.Authentication;
using AegisGate.Compliance;
using AegisGate.IntegrationTests.Sample;
using Microsoft.Extensions.DependencyInjection;

namespace AegisGate.IntegrationTests.Governance;

/// <summary>Governance on the real sample host: Kestrel, TLS 1.3, generated dev PKI.</summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class SampleGovernanceTests
{
    [Test]
    public async Task Healthz_InvalidLicence_IsReported()
    {
        await using var host = await SampleHostFixture.StartAsync("--AegisGate:License:Key", "AGL1.Zm9yZ2Vk.c2ln");
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.GetProperty("license").GetString(), Is.EqualTo("invalid"));
        Assert.That(json.GetProperty("status").GetString(), Is.EqualTo("Degraded"));
    }

    [Test]
    public async Task Compliance_LiveTlsProbe_ConfirmsTls13Only()
    {
        await using var host = await SampleHostFixture.StartAsync();

        var report = await host.App.Services.GetRequiredService<ComplianceEvaluator>().EvaluateAsync("pci-dss");
        var tls = report.Controls.Single(c => c.Id == "4.2.1");

        Assert.That(tls.Status, Is.EqualTo(ComplianceStatus.Pass), string.Join("; ", tls.Evidence.Select(e => e.Detail)));
        Assert.That(tls.Evidence.Single(e => e.Source == "tls-probe").Detail, Does.Contain("refuse TLS 1.2"));
    }

    // --- GET /api/v1/compliance/{framework} on the real host, over TLS 1.3 -----------------------------------

    private const string ViewerKey = "viewer-key-0123456789abcdef0123";
    private const string AnalystKey = "analyst-key-0123456789abcdef012";

    private static string[] ExtraKeys() =>
    [
        "--AegisGate:ApiKeys:0:Principal", "viewer-bot", "--AegisGate:ApiKeys:0:Hash", ApiKeyHasher.Hash(ViewerKey), "--AegisGate:ApiKeys:0:Roles:0", "viewer",
        "--AegisGate:ApiKeys:1:Principal", "auditor", "--AegisGate:ApiKeys:1:Hash", ApiKeyHasher.Hash(AnalystKey), "--AegisGate:ApiKeys:1:Roles:0", "analyst",
    ];

    private static async Task<(HttpResponseMessage Response, string Body)> GetAsync(HttpClient client, string path, string key, string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-API-Key", key);
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        var response = await client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static string Code(string body) => JsonDocument.Parse(body).RootElement.GetProperty("code").GetString()!;

    [Test]
    public async Task ComplianceApi_OverTls13_EnforcesRbacAndAnswersJsonMarkdownAnd404()
    {
        await using var host = await SampleHostFixture.StartAsync(ExtraKeys());
        using var client = host.CreateClient();

        var (viewer, viewerBody) = await GetAsync(client, "/api/v1/compliance/gdpr", ViewerKey);
        var (analyst, analystBody) = await GetAsync(client, "/api/v1/compliance/gdpr", AnalystKey);
        var (admin, _) = await GetAsync(client, "/api/v1/compliance/pci-dss", host.ApiKey);
        var (markdown, markdownBody) = await GetAsync(client, "/api/v1/compliance/hipaa", AnalystKey, "text/markdown");
        var (query, queryBody) = await GetAsync(client, "/api/v1/compliance/owasp-llm?format=markdown", AnalystKey);
        var (unregistered, unregisteredBody) = await GetAsync(client, "/api/v1/compliance/not-a-framework", AnalystKey);
        var (anonymous, anonymousBody) = await GetAsync(client, "/api/v1/compliance/gdpr", "wrong-key-0123456789abcdef012345");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(viewer.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), viewerBody);
            Assert.That(Code(viewerBody), Is.EqualTo("AEGIS_RBAC_DENIED"));
            Assert.That(analyst.StatusCode, Is.EqualTo(HttpStatusCode.OK), analystBody);
            Assert.That(analyst.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(JsonDocument.Parse(analystBody).RootElement.GetProperty("framework").GetProperty("id").GetString(), Is.EqualTo("gdpr"));
            Assert.That(admin.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(markdown.StatusCode, Is.EqualTo(HttpStatusCode.OK), markdownBody);
            Assert.That(markdown.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/markdown"));
            Assert.That(markdownBody, Does.StartWith("# Compliance report").And.Contain("| `§164.312(b)` |"));
            Assert.That(query.StatusCode, Is.EqualTo(HttpStatusCode.OK), queryBody);
            Assert.That(query.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/markdown"));
            Assert.That(queryBody, Does.Contain("| `LLM01` |"));
            Assert.That(unregistered.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), unregisteredBody);
            Assert.That(unregistered.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(Code(unregisteredBody), Is.EqualTo(AegisErrorCodes.ComplianceUnregistered));
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(Code(anonymousBody), Is.EqualTo("AEGIS_AUTH_INVALID"));
        }
    }

    [Test]
    public async Task ComplianceApi_LiveEvidence_FromEveryPillarAndTheVerifiedAuditTrail()
    {
        await using var host = await SampleHostFixture.StartAsync(ExtraKeys());
        using var client = host.CreateClient();

        var (response, body) = await GetAsync(client, "/api/v1/compliance/soc2", AnalystKey);
        var (_, again) = await GetAsync(client, "/api/v1/compliance/soc2", AnalystKey);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        var evidence = JsonDocument.Parse(again).RootElement.GetProperty("controls").EnumerateArray()
            .SelectMany(c => c.GetProperty("evidence").EnumerateArray())
            .GroupBy(e => e.GetProperty("id").GetString()!)
            .ToDictionary(g => g.Key, g => g.First());
        bool Holds(string id) => evidence[id].GetProperty("satisfied").GetBoolean();
        string Detail(string id) => evidence[id].GetProperty("detail").GetString()!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Holds(ComplianceEvidenceIds.AuditVerified), Is.True, Detail(ComplianceEvidenceIds.AuditVerified));
            Assert.That(Detail(ComplianceEvidenceIds.AuditVerified), Does.Contain("continued from the last verification"), "the second report verifies incrementally");
            Assert.That(Holds(ComplianceEvidenceIds.Tls13), Is.True, Detail(ComplianceEvidenceIds.Tls13));
            Assert.That(Holds(ComplianceEvidenceIds.HttpAuthentication), Is.True);
            Assert.That(Holds(ComplianceEvidenceIds.HttpRbac), Is.True);
            Assert.That(Holds(ComplianceEvidenceIds.McpOriginAllowlist), Is.True, Detail(ComplianceEvidenceIds.McpOriginAllowlist));
            Assert.That(Holds(ComplianceEvidenceIds.McpSupplyChain), Is.True, Detail(ComplianceEvidenceIds.McpSupplyChain));
            Assert.That(Holds(ComplianceEvidenceIds.A2ACapabilities), Is.True, Detail(ComplianceEvidenceIds.A2ACapabilities));
            Assert.That(again, Does.Not.Contain(host.ApiKey).And.Not.Contain(AnalystKey));
        }

        // Both reports are in the audit trail, which still verifies.
        var key = AuditKeys.ReadKeyFile(Path.Combine(host.DataDirectory, "audit", "audit.key"));
        var verification = AuditVerifier.Verify(Path.Combine(host.DataDirectory, "audit"), key);
        Assert.That(verification.IsValid, Is.True, verification.Failure?.ToString());
        Assert.That(File.ReadAllLines(Path.Combine(host.DataDirectory, "audit", "aegisgate-audit.jsonl")).Count(l => l.Contains("\"operation\":\"compliance.report\"", StringComparison.Ordinal)), Is.EqualTo(2));
    }

    [Test]
    public async Task Healthz_ListsTheAuditTrail()
    {
        await using var host = await SampleHostFixture.StartAsync();
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.GetProperty("audit").GetString(), Is.EqualTo("ok"));
        Assert.That(json.GetProperty("checks").GetProperty("aegisgate.audit").GetProperty("status").GetString(), Is.EqualTo("Healthy"));
    }

    [Test]
    public async Task OpenApi_DescribesTheComplianceEndpoint()
    {
        await using var host = await SampleHostFixture.StartAsync();
        using var client = host.CreateClient();

        var (response, body) = await GetAsync(client, "/openapi/v1.json", host.ApiKey);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(body, Does.Contain("/api/v1/compliance/{framework}").And.Contain("AegisComplianceReport").And.Contain("text/markdown"));
    }
}
