using System.Net;
using System.Text;
using System.Text.Json;
using AegisGate.A2A;
using AegisGate.A2A.Tests.Support;
using AegisGate.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AegisGate.IntegrationTests.A2A;

/// <summary>
/// Every A2A request is recorded in the real tamper-evident JSONL audit trail that AddAegisGate() registers by default,
/// and a trail that cannot be written turns every A2A request into A2A_INTERNAL_ERROR before the handler runs.
/// </summary>
[NonParallelizable]
public sealed class A2AAuditTrailTests
{
    private A2AEnvironment _env = null!;

    [SetUp]
    public void SetUp() => _env = new A2AEnvironment();

    [TearDown]
    public void TearDown() => _env.Dispose();

    // The host's defaults: AddAegisGate()'s JsonlAuditSink instead of the in-memory sink the other tests use.
    private static void DefaultAuditSink(Microsoft.AspNetCore.Builder.WebApplicationBuilder builder)
        => builder.Services.Replace(ServiceDescriptor.Singleton<IAuditSink, JsonlAuditSink>());

    private async Task<(HttpStatusCode Status, string? Code, string Body, Dictionary<string, string> Headers)> SendAsync(A2AKestrelHost host, string agent, string capability, string method, Action<Dictionary<string, string>>? tamper = null)
    {
        var body = TestSigner.JsonRpc(method);
        var headers = TestSigner.Headers(_env.Files.KeyFor(agent), A2ATestFiles.KeyIdFor(agent), agent, capability, "POST", "/a2a", body, DateTimeOffset.UtcNow);
        tamper?.Invoke(headers);
        using var client = host.CreateClient(_env.Agent(agent));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/a2a", UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var code = response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? JsonDocument.Parse(text).RootElement.GetProperty("code").GetString() : null;
        return (response.StatusCode, code, text, headers);
    }

    [Test]
    public async Task EveryRequest_IsRecordedInTheJsonlTrail_WhichVerifies_WithoutSecrets()
    {
        var sent = new List<Dictionary<string, string>>();
        await using (var host = await A2AKestrelHost.StartAsync(_env, DefaultAuditSink))
        {
            Assert.That(host.App.Services.GetRequiredService<IAuditSink>(), Is.InstanceOf<JsonlAuditSink>());
            var allowed = await SendAsync(host, "agent-a", "send_message", "SendMessage");
            var denied = await SendAsync(host, "agent-b", "send_message", "SendMessage");
            var badSignature = await SendAsync(host, "agent-a", "send_message", "SendMessage", h => h["A2A-Signature"] = "v1=" + Convert.ToBase64String(new byte[32]));
            Assert.That(allowed.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(denied.Code, Is.EqualTo(A2AErrorCodes.CapabilityDenied));
            Assert.That(badSignature.Code, Is.EqualTo(A2AErrorCodes.IntegrityInvalid));
            sent.AddRange([allowed.Headers, denied.Headers, badSignature.Headers]);
        }

        var auditDirectory = Path.Combine(_env.Directory, "audit");
        var trail = await File.ReadAllTextAsync(Path.Combine(auditDirectory, "aegisgate-audit.jsonl"));
        var records = trail.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(static l => JsonDocument.Parse(l).RootElement).Where(static r => r.TryGetProperty("pillar", out var p) && p.GetString() == "a2a").ToList();
        Assert.That(records, Has.Count.EqualTo(3), trail);
        Assert.That(records.Select(static r => r.GetProperty("decision").GetString()), Is.EqualTo(new[] { "allow", "deny", "deny" }));
        Assert.That(records.Select(static r => r.TryGetProperty("code", out var c) ? c.GetString() : null), Is.EqualTo(new[] { null, A2AErrorCodes.CapabilityDenied, A2AErrorCodes.IntegrityInvalid }));
        Assert.That(records.Select(static r => r.GetProperty("principal").GetString()), Is.EqualTo(new[] { "agent-a", "agent-b", "agent-a" }));

        // Nothing secret or replayable is kept: no key, signature, nonce or body.
        Assert.That(trail, Does.Not.Contain(Convert.ToBase64String(_env.Files.SharedKey)).And.Not.Contain("hello"));
        foreach (var headers in sent)
        {
            Assert.That(trail, Does.Not.Contain(headers["A2A-Signature"]).And.Not.Contain(headers["A2A-Nonce"]));
        }

        var key = Convert.FromBase64String((await File.ReadAllTextAsync(Path.Combine(auditDirectory, "audit.key"))).Trim());
        var verification = AuditVerifier.Verify(auditDirectory, key);
        Assert.That(verification.IsValid, Is.True, verification.Failure?.ToString());
    }

    [Test]
    public async Task AuditTrailUnwritable_EveryA2ARequestIsInternalError_HandlerNeverRuns()
    {
        // A file where the audit directory must be: the default sink cannot open its trail (not even as root).
        await File.WriteAllTextAsync(Path.Combine(_env.Directory, "audit"), "not a directory");
        await using var host = await A2AKestrelHost.StartAsync(_env, DefaultAuditSink);

        var allowed = await SendAsync(host, "agent-a", "send_message", "SendMessage");
        var denied = await SendAsync(host, "agent-b", "send_message", "SendMessage");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(allowed.Status, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(allowed.Code, Is.EqualTo(A2AErrorCodes.InternalError));
            Assert.That(denied.Status, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(denied.Code, Is.EqualTo(A2AErrorCodes.InternalError), "a denial that cannot be recorded is an internal error too");
            Assert.That(_env.HandlerCalls, Is.Zero);
            Assert.That(allowed.Body, Does.Not.Contain("audit").IgnoreCase.And.Not.Contain(_env.Directory));
            Assert.That(_env.Logs.GetSnapshot().Any(r => r.Id.Id == 4001 && r.Message.Contains("AEGIS_AUDIT_UNAVAILABLE", StringComparison.Ordinal)), Is.True);
        }
    }
}
