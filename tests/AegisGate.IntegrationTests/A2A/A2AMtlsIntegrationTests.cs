using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using AegisGate.A2A;
using AegisGate.A2A.Tests.Support;
using AegisGate.Licensing;

namespace AegisGate.IntegrationTests.A2A;

/// <summary>Real Kestrel, TLS 1.3 and client certificates: every one of the 14 codes from a real request, replay, retarget, persistence.</summary>
[NonParallelizable]
public sealed class A2AMtlsIntegrationTests
{
    private A2AEnvironment _env = null!;
    private A2AKestrelHost _host = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _env = new A2AEnvironment();
        _host = await A2AKestrelHost.StartAsync(_env);
    }

    [TearDown]
    public async Task TearDownAsync()
    {
        await _host.DisposeAsync();
        _env.Dispose();
    }

    private async Task<(HttpStatusCode Status, string? Code, HttpResponseMessage Response)> SendAsync(X509Certificate2? certificate, string agent, string capability, string method, Action<Dictionary<string, string>>? tamper = null, string path = "/a2a", string? body = null)
    {
        body ??= TestSigner.JsonRpc(method);
        var headers = TestSigner.Headers(_env.Files.KeyFor(agent), A2ATestFiles.KeyIdFor(agent), agent, capability, "POST", path, body, DateTimeOffset.UtcNow);
        tamper?.Invoke(headers);
        return await SendRawAsync(certificate, headers, body, path);
    }

    private async Task<(HttpStatusCode Status, string? Code, HttpResponseMessage Response)> SendRawAsync(X509Certificate2? certificate, Dictionary<string, string> headers, string body, string path = "/a2a")
    {
        using var client = _host.CreateClient(certificate);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        string? code = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            code = JsonDocument.Parse(text).RootElement.GetProperty("code").GetString();
        }

        return (response.StatusCode, code, response);
    }

    public static IEnumerable<TestCaseData> EveryCode()
    {
        yield return new TestCaseData(A2AErrorCodes.AuthFailed, 403).SetName("Code_A2A_AUTH_FAILED_NoClientCertificate");
        yield return new TestCaseData(A2AErrorCodes.AuthIdentityMismatch, 403).SetName("Code_A2A_AUTH_IDENTITY_MISMATCH");
        yield return new TestCaseData(A2AErrorCodes.IntegrityMissing, 403).SetName("Code_A2A_INTEGRITY_MISSING");
        yield return new TestCaseData(A2AErrorCodes.IntegrityMalformed, 403).SetName("Code_A2A_INTEGRITY_MALFORMED");
        yield return new TestCaseData(A2AErrorCodes.IntegrityInvalid, 403).SetName("Code_A2A_INTEGRITY_INVALID");
        yield return new TestCaseData(A2AErrorCodes.IntegrityReplay, 403).SetName("Code_A2A_INTEGRITY_REPLAY");
        yield return new TestCaseData(A2AErrorCodes.LicenseMissing, 403).SetName("Code_A2A_LICENSE_MISSING");
        yield return new TestCaseData(A2AErrorCodes.LicenseInvalid, 403).SetName("Code_A2A_LICENSE_INVALID");
        yield return new TestCaseData(A2AErrorCodes.LicenseInsufficientTier, 403).SetName("Code_A2A_LICENSE_INSUFFICIENT_TIER");
        yield return new TestCaseData(A2AErrorCodes.RateLimited, 429).SetName("Code_A2A_RATE_LIMITED");
        yield return new TestCaseData(A2AErrorCodes.CapabilityMissing, 403).SetName("Code_A2A_CAP_MISSING");
        yield return new TestCaseData(A2AErrorCodes.CapabilityDenied, 403).SetName("Code_A2A_CAP_DENIED");
        yield return new TestCaseData(A2AErrorCodes.CapabilityUnknownAgent, 403).SetName("Code_A2A_CAP_UNKNOWN_AGENT");
        yield return new TestCaseData(A2AErrorCodes.InternalError, 500).SetName("Code_A2A_INTERNAL_ERROR_FaultingLicenceProvider");
    }

    [TestCaseSource(nameof(EveryCode))]
    public async Task RealRequest_ProducesCode(string code, int status)
    {
        var agentA = _env.Agent("agent-a");
        (HttpStatusCode Status, string? Code, HttpResponseMessage Response) result;
        switch (code)
        {
            case A2AErrorCodes.AuthFailed:
                result = await SendAsync(null, "agent-a", "send_message", "SendMessage");
                break;
            case A2AErrorCodes.AuthIdentityMismatch:
                result = await SendAsync(agentA, "agent-a", "send_message", "SendMessage", h => h["X-A2A-Agent-ID"] = "agent-b");
                break;
            case A2AErrorCodes.IntegrityMissing:
                result = await SendAsync(agentA, "agent-a", "send_message", "SendMessage", h => h.Remove("A2A-Signature"));
                break;
            case A2AErrorCodes.IntegrityMalformed:
                result = await SendAsync(agentA, "agent-a", "send_message", "SendMessage", h => h["A2A-Signature"] = "v1=AAAA");
                break;
            case A2AErrorCodes.IntegrityInvalid:
                result = await SendAsync(agentA, "agent-a", "send_message", "SendMessage", h => h["A2A-Signature"] = "v1=" + Convert.ToBase64String(new byte[32]));
                break;
            case A2AErrorCodes.IntegrityReplay:
                var body = TestSigner.JsonRpc("SendMessage");
                var headers = TestSigner.Headers(_env.Files.SharedKey, A2ATestFiles.SharedKeyId, "agent-a", "send_message", "POST", "/a2a", body, DateTimeOffset.UtcNow);
                Assert.That((await SendRawAsync(agentA, headers, body)).Status, Is.EqualTo(HttpStatusCode.OK));
                result = await SendRawAsync(agentA, headers, body);
                _env.HandlerCalls--;
                break;
            case A2AErrorCodes.LicenseMissing:
                result = await SendAsync(agentA, "agent-a", "stream_message", "SendStreamingMessage");
                break;
            case A2AErrorCodes.LicenseInvalid:
                _env.License.State = static () => new LicenseState { Status = LicenseStatus.Invalid, Tier = LicenseTier.Enterprise };
                result = await SendAsync(agentA, "agent-a", "stream_message", "SendStreamingMessage");
                break;
            case A2AErrorCodes.LicenseInsufficientTier:
                _env.License.State = static () => new LicenseState { Status = LicenseStatus.Valid, Tier = LicenseTier.Professional };
                result = await SendAsync(agentA, "agent-a", "get_extended_card", "GetExtendedAgentCard");
                break;
            case A2AErrorCodes.RateLimited:
                var limited = _env.Agent("agent-limited");
                await SendAsync(limited, "agent-limited", "send_message", "SendMessage");
                await SendAsync(limited, "agent-limited", "send_message", "SendMessage");
                _env.HandlerCalls -= 2;
                result = await SendAsync(limited, "agent-limited", "send_message", "SendMessage");
                Assert.That(result.Response.Headers.RetryAfter, Is.Not.Null);
                break;
            case A2AErrorCodes.CapabilityMissing:
                result = await SendAsync(agentA, "agent-a", string.Empty, "SendMessage", h => h.Remove("A2A-Capability"));
                break;
            case A2AErrorCodes.CapabilityDenied:
                result = await SendAsync(_env.Agent("agent-b"), "agent-b", "send_message", "SendMessage");
                break;
            case A2AErrorCodes.CapabilityUnknownAgent:
                result = await SendAsync(_env.Agent("stranger"), "stranger", "send_message", "SendMessage");
                break;
            default:
                _env.License.State = static () => throw new InvalidOperationException("injected licence failure");
                result = await SendAsync(agentA, "agent-a", "stream_message", "SendStreamingMessage");
                break;
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That((int)result.Status, Is.EqualTo(status));
            Assert.That(result.Code, Is.EqualTo(code));
            Assert.That(_env.HandlerCalls, Is.Zero, "the handler must never run for a denied request");
        }
    }

    [Test]
    public async Task SignedRequest_OverMtls_ReachesHandlerAndIsAudited()
    {
        var result = await SendAsync(_env.Agent("agent-a"), "agent-a", "send_message", "SendMessage");

        Assert.That(result.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_env.HandlerCalls, Is.EqualTo(1));
        Assert.That(_env.Audit.Events.Any(e => e.Pillar == "a2a" && e.Decision == "allow" && e.Principal == "agent-a"), Is.True);
    }

    [Test]
    public async Task CapturedRequest_RetargetedToOtherPathOrCapability_IsRejected()
    {
        var agentA = _env.Agent("agent-a");
        var body = TestSigner.JsonRpc("GetTask");
        var headers = TestSigner.Headers(_env.Files.SharedKey, A2ATestFiles.SharedKeyId, "agent-a", "get_task", "POST", "/a2a", body, DateTimeOffset.UtcNow);

        var otherPath = await SendRawAsync(agentA, headers, body, "/a2a/v2");
        var otherCapability = await SendRawAsync(agentA, new Dictionary<string, string>(headers) { ["A2A-Capability"] = "send_message" }, TestSigner.JsonRpc("SendMessage"));
        var original = await SendRawAsync(agentA, headers, body);

        Assert.That(otherPath.Code, Is.EqualTo(A2AErrorCodes.IntegrityInvalid));
        Assert.That(otherCapability.Code, Is.EqualTo(A2AErrorCodes.IntegrityInvalid));
        Assert.That(original.Status, Is.EqualTo(HttpStatusCode.OK), "the untouched request still verifies (its nonce was never recorded by the rejected copies)");
    }

    [Test]
    public async Task HeaderBodyMismatch_IsRejected()
    {
        var result = await SendAsync(_env.Agent("agent-b"), "agent-b", "get_task", "SendMessage");

        Assert.That(result.Code, Is.EqualTo(A2AErrorCodes.CapabilityDenied));
    }

    [Test]
    public async Task AdminChange_SurvivesRestart_AndIsAudited()
    {
        var denied = await SendAsync(_env.Agent("agent-b"), "agent-b", "send_message", "SendMessage");
        Assert.That(denied.Code, Is.EqualTo(A2AErrorCodes.CapabilityDenied));

        var put = await _host.AdminAsync(HttpMethod.Put, "/agents/agent-b", A2AKestrelHost.AdminKey, "{\"capabilities\":[\"send_message\",\"get_task\"]}");
        Assert.That(put.Status, Is.EqualTo(HttpStatusCode.OK), put.Body);

        await _host.DisposeAsync();
        _host = await A2AKestrelHost.StartAsync(_env);

        var allowed = await SendAsync(_env.Agent("agent-b"), "agent-b", "send_message", "SendMessage");
        Assert.That(allowed.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_env.Audit.Events.Any(e => e.Operation == "a2a.capabilities.set" && e.Principal == "it-admin"), Is.True);
    }

    [Test]
    public async Task AdminApi_WithoutManagePermission_IsRefusedByHttpRbac()
    {
        var anonymous = await _host.AdminAsync(HttpMethod.Put, "/agents/agent-b", apiKey: null, "{\"capabilities\":[\"send_message\"]}");
        var operatorRole = await _host.AdminAsync(HttpMethod.Put, "/agents/agent-b", A2AKestrelHost.OperatorKey, "{\"capabilities\":[\"send_message\"]}");
        var read = await _host.AdminAsync(HttpMethod.Get, "/capabilities", A2AKestrelHost.OperatorKey);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(anonymous.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(anonymous.Code, Is.EqualTo(AegisGate.AspNetCore.HttpErrorCodes.AuthMissing));
            Assert.That(operatorRole.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(operatorRole.Code, Is.EqualTo(AegisGate.AspNetCore.HttpErrorCodes.RbacDenied));
            Assert.That(read.Code, Is.EqualTo(AegisGate.AspNetCore.HttpErrorCodes.RbacDenied));
            Assert.That(File.Exists(_env.Files.PersistencePath), Is.False);
        }
    }

    [Test]
    public async Task AdminApi_InvalidInput_AnswersHttpValidationCodes()
    {
        var unknown = await _host.AdminAsync(HttpMethod.Put, "/agents/agent-b", A2AKestrelHost.AdminKey, "{\"capabilities\":[\"root_shell\"]}");
        var shape = await _host.AdminAsync(HttpMethod.Put, "/agents/agent-b", A2AKestrelHost.AdminKey, "{\"capabilities\":{}}");
        var malformed = await _host.AdminAsync(HttpMethod.Put, "/agents/agent-b", A2AKestrelHost.AdminKey, "{\"capabilities\":");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(unknown.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(unknown.Code, Is.EqualTo(AegisGate.AspNetCore.HttpErrorCodes.RequestInvalid));
            Assert.That(unknown.Body, Does.Not.Contain("root_shell\"]"), "the problem body does not echo the request");
            Assert.That(shape.Code, Is.EqualTo(AegisGate.AspNetCore.HttpErrorCodes.RequestInvalid));
            Assert.That(malformed.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(malformed.Code, Is.EqualTo(AegisGate.AspNetCore.HttpErrorCodes.JsonInvalid));
        }
    }

    [Test]
    public async Task CrashBetweenWriteAndRename_LosesNothing_AfterRestart()
    {
        var first = await _host.AdminAsync(HttpMethod.Put, "/agents/agent-b", A2AKestrelHost.AdminKey, "{\"capabilities\":[\"send_message\"]}");
        Assert.That(first.Status, Is.EqualTo(HttpStatusCode.OK), first.Body);

        _host.Runtime.Capabilities.BeforeRename = static _ => throw new IOException("simulated crash between write and rename");
        var second = await _host.AdminAsync(HttpMethod.Put, "/agents/agent-b", A2AKestrelHost.AdminKey, "{\"capabilities\":[]}");
        Assert.That(second.Status, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(second.Code, Is.EqualTo(AegisErrorCodes.InternalError));

        await _host.DisposeAsync();
        _host = await A2AKestrelHost.StartAsync(_env);

        var result = await SendAsync(_env.Agent("agent-b"), "agent-b", "send_message", "SendMessage");
        Assert.That(result.Status, Is.EqualTo(HttpStatusCode.OK), "the last committed map survives the crash");
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(_env.Files.PersistencePath)!, "*.tmp"), Is.Empty);
    }
}
