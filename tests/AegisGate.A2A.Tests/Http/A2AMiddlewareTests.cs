using AegisGate.A2A.Tests.Support;
using AegisGate.Licensing;
using AegisGate.TestUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace AegisGate.A2A.Tests.Http;

public sealed class A2AMiddlewareTests
{
    private A2ATestServer _server = null!;

    [SetUp]
    public async Task SetUpAsync() => _server = await A2ATestServer.StartAsync();

    [TearDown]
    public async Task TearDownAsync() => await _server.DisposeAsync();

    [Test]
    public async Task Invoke_ValidSignedRequest_RunsHandler()
    {
        var context = await _server.SendSignedAsync("agent-a", "send_message", "SendMessage");

        var (status, body) = await A2ATestServer.ReadAsync(context);
        Assert.That(status, Is.EqualTo(200), body);
        Assert.That(body, Is.EqualTo("handled"));
        Assert.That(_server.HandlerCalls, Is.EqualTo(1));
    }

    [Test]
    public async Task Invoke_V03MethodName_IsMappedToTheSameCapability()
    {
        var context = await _server.SendSignedAsync("agent-a", "send_message", "message/send");

        Assert.That(context.Response.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Invoke_NoClientCertificate_DeniesAuthFailed()
    {
        var body = TestSigner.JsonRpc("SendMessage");
        var context = await _server.SendAsync(null, new Dictionary<string, string> { ["A2A-Capability"] = "send_message" }, body);

        await AssertDeniedAsync(context, 403, A2AErrorCodes.AuthFailed);
    }

    [Test]
    public async Task Invoke_CertificateFromOtherCa_DeniesAuthFailed()
    {
        var rogueCa = TestPki.CreateCa("Rogue CA");
        var rogue = TestPki.IssueAgent(rogueCa, "agent-a", A2ATestFiles.UriPrefix + "agent-a");

        var context = await _server.SendSignedAsync("agent-a", "send_message", "SendMessage", certificate: rogue);

        await AssertDeniedAsync(context, 403, A2AErrorCodes.AuthFailed);
    }

    [Test]
    public async Task Invoke_ServerAuthOnlyCertificate_DeniesAuthFailed()
    {
        var context = await _server.SendSignedAsync("agent-a", "send_message", "SendMessage", certificate: _server.Agent("agent-a", clientAuth: false));

        await AssertDeniedAsync(context, 403, A2AErrorCodes.AuthFailed);
    }

    [Test]
    public async Task Invoke_ExpiredCertificate_DeniesAuthFailed()
    {
        var expired = TestPki.IssueAgent(_server.Ca, "agent-a", A2ATestFiles.UriPrefix + "agent-a", notBefore: DateTimeOffset.Now.AddDays(-10), notAfter: DateTimeOffset.Now.AddDays(-1));

        var context = await _server.SendSignedAsync("agent-a", "send_message", "SendMessage", certificate: expired);

        await AssertDeniedAsync(context, 403, A2AErrorCodes.AuthFailed);
    }

    [Test]
    public async Task Invoke_CertificateWithoutMatchingSanUri_DeniesAuthFailed()
    {
        var other = TestPki.IssueAgent(_server.Ca, "agent-a", "spiffe://elsewhere/agent/agent-a");

        var context = await _server.SendSignedAsync("agent-a", "send_message", "SendMessage", certificate: other);

        await AssertDeniedAsync(context, 403, A2AErrorCodes.AuthFailed);
    }

    [Test]
    public async Task Invoke_AgentIdHeaderDiffers_DeniesIdentityMismatch()
    {
        var context = await _server.SendSignedAsync("agent-a", "send_message", "SendMessage", h => h["X-A2A-Agent-ID"] = "agent-b");

        await AssertDeniedAsync(context, 403, A2AErrorCodes.AuthIdentityMismatch);
    }

    [Test]
    public async Task Invoke_AgentIdHeaderEqual_Allows()
    {
        var context = await _server.SendSignedAsync("agent-a", "send_message", "SendMessage", h => h["X-A2A-Agent-ID"] = "agent-a");

        Assert.That(context.Response.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Invoke_Unsigned_DeniesIntegrityMissing()
    {
        var context = await _server.SendSignedAsync("agent-a", "send_message", "SendMessage", h => h.Remove("A2A-Signature"));

        await AssertDeniedAsync(context, 403, A2AErrorCodes.IntegrityMissing);
    }

    [TestCase("A2A-Signature", "v1=AAAA")]
    [TestCase("A2A-Signature", "v2=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [TestCase("A2A-Signature", "garbage")]
    [TestCase("A2A-Timestamp", "yesterday")]
    [TestCase("A2A-Nonce", "short")]
    [TestCase("A2A-Nonce", "contains spaces and is long enough")]
    [TestCase("A2A-Key-Id", "")]
    [TestCase("A2A-Key-Id", "bad key id")]
    public async Task Invoke_MalformedSignatureHeader_DeniesIntegrityMalformed(string header, string value)
    {
        var context = await _server.SendSignedAsync("agent-a", "send_message", "SendMessage", h => h[header] = value);

        await AssertDeniedAsync(context, 403, A2AErrorCodes.IntegrityMalformed);
    }

    [Test]
    public async Task Invoke_BodyLargerThanLimit_DeniesIntegrityMalformed()
    {
        var body = "{\"jsonrpc\":\"2.0\",\"method\":\"SendMessage\",\"pad\":\"" + new string('x', 70_000) + "\"}";
        var context = await _server.SendSignedAsync("agent-a", "send_message", "SendMessage", body: body);

        await AssertDeniedAsync(context, 403, A2AErrorCodes.IntegrityMalformed);
    }

    [Test]
    public async Task Invoke_WrongKey_DeniesIntegrityInvalid()
    {
        var body = TestSigner.JsonRpc("SendMessage");
        var headers = TestSigner.Headers(new byte[32], A2ATestFiles.SharedKeyId, "agent-a", "send_message", "POST", "/a2a", body, _server.Time.GetUtcNow());

        var context = await _server.SendAsync(_server.Agent("agent-a"), headers, body);

        await AssertDeniedAsync(context, 403, A2AErrorCodes.IntegrityInvalid);
    }

    [Test]
    public async Task Invoke_UnknownKeyId_DeniesIntegrityInvalid()
    {
        var context = await _server.SendSignedAsync("agent-a", "send_message", "SendMessage", h => h["A2A-Key-Id"] = "retired-0");

        await AssertDeniedAsync(context, 403, A2AErrorCodes.IntegrityInvalid);
    }

    [Test]
    public async Task Invoke_SharedKeyForAgentWithOwnKeys_DeniesIntegrityInvalid()
    {
        var body = TestSigner.JsonRpc("SendMessage");
        var headers = TestSigner.Headers(_server.Files.SharedKey, A2ATestFiles.SharedKeyId, A2ATestFiles.OwnKeyAgent, "send_message", "POST", "/a2a", body, _server.Time.GetUtcNow());

        var context = await _server.SendAsync(_server.Agent(A2ATestFiles.OwnKeyAgent), headers, body);

        await AssertDeniedAsync(context, 403, A2AErrorCodes.IntegrityInvalid);
    }

    [Test]
    public async Task Invoke_AgentWithOwnKey_Allows()
    {
        var context = await _server.SendSignedAsync(A2ATestFiles.OwnKeyAgent, "send_message", "SendMessage");

        Assert.That(context.Response.StatusCode, Is.EqualTo(200));
    }

    [TestCase(-301)]
    [TestCase(301)]
    public async Task Invoke_TimestampOutsideSkew_DeniesIntegrityInvalid(int offsetSeconds)
    {
        var body = TestSigner.JsonRpc("SendMessage");
        var headers = TestSigner.Headers(_server.Files.SharedKey, A2ATestFiles.SharedKeyId, "agent-a", "send_message", "POST", "/a2a", body, _server.Time.GetUtcNow().AddSeconds(offsetSeconds));

        var context = await _server.SendAsync(_server.Agent("agent-a"), headers, body);

        await AssertDeniedAsync(context, 403, A2AErrorCodes.IntegrityInvalid);
    }

    [Test]
    public async Task Invoke_SameRequestTwice_DeniesReplay()
    {
        var body = TestSigner.JsonRpc("SendMessage");
        var headers = TestSigner.Headers(_server.Files.SharedKey, A2ATestFiles.SharedKeyId, "agent-a", "send_message", "POST", "/a2a", body, _server.Time.GetUtcNow());
        var certificate = _server.Agent("agent-a");

        var first = await _server.SendAsync(certificate, headers, body);
        var second = await _server.SendAsync(certificate, headers, body);

        Assert.That(first.Response.StatusCode, Is.EqualTo(200));
        await AssertDeniedAsync(second, 403, A2AErrorCodes.IntegrityReplay, handlerCalls: 1);
        Assert.That(_server.HandlerCalls, Is.EqualTo(1));
    }

    [Test]
    public async Task Invoke_ReplayAfterWindow_IsStillRejectedBySkew()
    {
        var body = TestSigner.JsonRpc("SendMessage");
        var headers = TestSigner.Headers(_server.Files.SharedKey, A2ATestFiles.SharedKeyId, "agent-a", "send_message", "POST", "/a2a", body, _server.Time.GetUtcNow());
        var certificate = _server.Agent("agent-a");
        await _server.SendAsync(certificate, headers, body);

        _server.Time.Advance(TimeSpan.FromSeconds(301));
        var late = await _server.SendAsync(certificate, headers, body);

        await AssertDeniedAsync(late, 403, A2AErrorCodes.IntegrityInvalid, handlerCalls: 1);
    }

    [TestCase("path")]
    [TestCase("capability")]
    [TestCase("method")]
    [TestCase("body")]
    [TestCase("agent")]
    public async Task Invoke_SignatureRetargeted_DeniesIntegrityInvalid(string change)
    {
        var body = TestSigner.JsonRpc("GetTask");
        var headers = TestSigner.Headers(_server.Files.SharedKey, A2ATestFiles.SharedKeyId, "agent-a", "get_task", "POST", "/a2a", body, _server.Time.GetUtcNow());
        var certificate = _server.Agent("agent-a");
        Microsoft.AspNetCore.Http.HttpContext result = change switch
        {
            "path" => await _server.SendAsync(certificate, headers, body, "/a2a/other"),
            "capability" => await _server.SendAsync(certificate, With(headers, "A2A-Capability", "send_message"), TestSigner.JsonRpc("SendMessage")),
            "method" => await _server.SendAsync(certificate, headers, body, method: "PUT"),
            "body" => await _server.SendAsync(certificate, headers, TestSigner.JsonRpc("GetTask", id: 2)),
            _ => await _server.SendAsync(_server.Agent("agent-b"), headers, body),
        };

        await AssertDeniedAsync(result, 403, A2AErrorCodes.IntegrityInvalid);
    }

    [Test]
    public async Task Invoke_TierCapabilityWithoutLicence_DeniesLicenseMissing()
    {
        var context = await _server.SendSignedAsync("agent-a", "stream_message", "SendStreamingMessage");

        await AssertDeniedAsync(context, 403, A2AErrorCodes.LicenseMissing);
    }

    [Test]
    public async Task Invoke_CommunityCapabilityWithoutLicence_Allows()
    {
        var context = await _server.SendSignedAsync("agent-a", "send_message", "SendMessage");

        Assert.That(context.Response.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Invoke_InvalidLicence_DeniesLicenseInvalid()
    {
        _server.License.Setup(l => l.Current).Returns(new LicenseState { Status = LicenseStatus.Invalid, Tier = LicenseTier.Enterprise, InvalidReason = "forged" });

        var context = await _server.SendSignedAsync("agent-a", "stream_message", "SendStreamingMessage");

        await AssertDeniedAsync(context, 403, A2AErrorCodes.LicenseInvalid);
    }

    [Test]
    public async Task Invoke_ExpiredValidLicence_DeniesLicenseInvalid()
    {
        _server.License.Setup(l => l.Current).Returns(new LicenseState { Status = LicenseStatus.Valid, Tier = LicenseTier.Enterprise, ExpiresAt = _server.Time.GetUtcNow().AddDays(-1) });

        var context = await _server.SendSignedAsync("agent-a", "stream_message", "SendStreamingMessage");

        await AssertDeniedAsync(context, 403, A2AErrorCodes.LicenseInvalid);
    }

    [Test]
    public async Task Invoke_LowerTierLicence_DeniesInsufficientTier()
    {
        _server.License.Setup(l => l.Current).Returns(new LicenseState { Status = LicenseStatus.Valid, Tier = LicenseTier.Professional });

        var context = await _server.SendSignedAsync("agent-a", "get_extended_card", "GetExtendedAgentCard");

        await AssertDeniedAsync(context, 403, A2AErrorCodes.LicenseInsufficientTier);
    }

    [Test]
    public async Task Invoke_SufficientTierLicence_Allows()
    {
        _server.License.Setup(l => l.Current).Returns(new LicenseState { Status = LicenseStatus.Valid, Tier = LicenseTier.Enterprise });

        var context = await _server.SendSignedAsync("agent-a", "get_extended_card", "GetExtendedAgentCard");

        Assert.That(context.Response.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public async Task Invoke_LicenceProviderThrows_DeniesInternalErrorWithoutRunningHandler()
    {
        _server.License.Setup(l => l.Current).Throws(new InvalidOperationException("licence store down"));

        var context = await _server.SendSignedAsync("agent-a", "stream_message", "SendStreamingMessage");

        await AssertDeniedAsync(context, 500, A2AErrorCodes.InternalError);
        var (_, body) = await A2ATestServer.ReadAsync(context);
        Assert.That(body, Does.Not.Contain("licence store down"));
    }

    [Test]
    public async Task Invoke_LicenceProviderReturnsNull_DeniesInternalError()
    {
        _server.License.Setup(l => l.Current).Returns((LicenseState)null!);

        var context = await _server.SendSignedAsync("agent-a", "stream_message", "SendStreamingMessage");

        await AssertDeniedAsync(context, 500, A2AErrorCodes.InternalError);
    }

    [Test]
    public async Task Invoke_BucketExhausted_Denies429WithRetryAfter()
    {
        var first = await _server.SendSignedAsync("agent-limited", "send_message", "SendMessage");
        var second = await _server.SendSignedAsync("agent-limited", "send_message", "SendMessage");
        var third = await _server.SendSignedAsync("agent-limited", "send_message", "SendMessage");

        Assert.That(first.Response.StatusCode, Is.EqualTo(200));
        Assert.That(second.Response.StatusCode, Is.EqualTo(200));
        await AssertDeniedAsync(third, 429, A2AErrorCodes.RateLimited, handlerCalls: 2);
        Assert.That(int.Parse(third.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0));
        var other = await _server.SendSignedAsync("agent-a", "send_message", "SendMessage");
        Assert.That(other.Response.StatusCode, Is.EqualTo(200), "buckets are per agent");
    }

    [Test]
    public async Task Invoke_NoCapabilityHeader_DeniesCapabilityMissing()
    {
        var context = await _server.SendSignedAsync("agent-a", "", "SendMessage", h => h.Remove("A2A-Capability"));

        await AssertDeniedAsync(context, 403, A2AErrorCodes.CapabilityMissing);
    }

    [Test]
    public async Task Invoke_CapabilityNotGranted_DeniesCapabilityDenied()
    {
        var context = await _server.SendSignedAsync("agent-b", "send_message", "SendMessage");

        await AssertDeniedAsync(context, 403, A2AErrorCodes.CapabilityDenied);
    }

    [Test]
    public async Task Invoke_HeaderDoesNotMatchBodyMethod_DeniesCapabilityDenied()
    {
        // Signed honestly, but the granted capability header smuggles a different method in the body.
        var context = await _server.SendSignedAsync("agent-b", "get_task", "SendMessage");

        await AssertDeniedAsync(context, 403, A2AErrorCodes.CapabilityDenied);
    }

    [TestCase("not json")]
    [TestCase("[{\"jsonrpc\":\"2.0\",\"method\":\"GetTask\"}]")]
    [TestCase("{\"jsonrpc\":\"2.0\",\"method\":\"GetTask\",\"method\":\"SendMessage\"}")]
    [TestCase("{\"jsonrpc\":\"1.0\",\"method\":\"GetTask\"}")]
    [TestCase("{\"jsonrpc\":\"2.0\",\"method\":\"tasks/delete-everything\"}")]
    public async Task Invoke_BodyNotAGrantedJsonRpcRequest_DeniesCapabilityDenied(string body)
    {
        var context = await _server.SendSignedAsync("agent-b", "get_task", "GetTask", body: body);

        await AssertDeniedAsync(context, 403, A2AErrorCodes.CapabilityDenied);
    }

    [Test]
    public async Task Invoke_AgentNotInMap_DeniesUnknownAgent()
    {
        var context = await _server.SendSignedAsync("stranger", "send_message", "SendMessage");

        await AssertDeniedAsync(context, 403, A2AErrorCodes.CapabilityUnknownAgent);
    }

    [Test]
    public async Task Invoke_PathOutsideA2A_IsNotGuarded()
    {
        var context = await _server.SendAsync(null, new Dictionary<string, string>(), "{}", "/other");

        Assert.That(context.Response.StatusCode, Is.EqualTo(404));
    }

    [Test]
    public async Task Invoke_DeniedProblem_NeverEchoesSecretsOrBody()
    {
        var context = await _server.SendSignedAsync("agent-b", "send_message", "SendMessage");

        var (_, body) = await A2ATestServer.ReadAsync(context);
        Assert.That(context.Response.ContentType, Is.EqualTo("application/problem+json"));
        Assert.That(body, Does.Not.Contain(Convert.ToBase64String(_server.Files.SharedKey)));
        Assert.That(body, Does.Not.Contain("hello"));
    }

    private static Dictionary<string, string> With(Dictionary<string, string> headers, string name, string value)
        => new(headers, StringComparer.Ordinal) { [name] = value };

    private async Task AssertDeniedAsync(Microsoft.AspNetCore.Http.HttpContext context, int status, string code, int handlerCalls = 0)
    {
        var actual = await A2ATestServer.CodeOfAsync(context);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(context.Response.StatusCode, Is.EqualTo(status));
            Assert.That(actual, Is.EqualTo(code));
            Assert.That(_server.HandlerCalls, Is.EqualTo(handlerCalls), "the handler must not run for a denied request");
        }
    }
}
