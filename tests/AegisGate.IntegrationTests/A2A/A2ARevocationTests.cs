using System.Collections.Concurrent;
using System.Net;
using System.Numerics;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using AegisGate.A2A;
using AegisGate.A2A.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AegisGate.IntegrationTests.A2A;

/// <summary>
/// Certificate revocation with <c>revocation_mode: online</c> against real CRLs: an agent CA publishes a CRL
/// (<see cref="CertificateRevocationListBuilder"/>) from an in-process HTTP endpoint named in each agent certificate's
/// CRL distribution point; the agent presents its certificate over real mTLS (TLS 1.3, Kestrel).
/// </summary>
[NonParallelizable]
public sealed class A2ARevocationTests
{
    private WebApplication _crlServer = null!;
    private readonly ConcurrentDictionary<string, byte[]> _crls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _crlFetches = new(StringComparer.Ordinal);
    private string _crlBase = null!;
    private A2AEnvironment _env = null!;

    [OneTimeSetUp]
    public async Task StartCrlServerAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _crlServer = builder.Build();
        _crlServer.MapGet("/crl/{name}", (string name) =>
        {
            _crlFetches.AddOrUpdate(name, 1, static (_, n) => n + 1);
            return _crls.TryGetValue(name, out var crl) ? Results.Bytes(crl, "application/pkix-crl") : Results.NotFound();
        });
        await _crlServer.StartAsync();
        _crlBase = _crlServer.Urls.First() + "/crl/";
    }

    [OneTimeTearDown]
    public async Task StopCrlServerAsync() => await _crlServer.DisposeAsync();

    [SetUp]
    public void SetUp() => _env = new A2AEnvironment();

    [TearDown]
    public void TearDown() => _env.Dispose();

    /// <summary>A fresh agent CA (unique name: the platform caches CRLs per issuer), trusted by the A2A pillar with online revocation.</summary>
    private X509Certificate2 TrustNewAgentCa(string fileName)
    {
        var ca = TestPki.CreateCa("IT Revocation CA " + Guid.NewGuid().ToString("N"));
        TestPki.WritePem(ca, Path.Combine(_env.Directory, fileName));
        return ca;
    }

    private X509Certificate2 Issue(X509Certificate2 ca, string agent, string crlName)
        => TestPki.IssueAgent(ca, agent, A2ATestFiles.UriPrefix + agent, crlDistributionPoint: _crlBase + crlName);

    private void Publish(X509Certificate2 ca, string crlName, params X509Certificate2[] revoked)
    {
        var now = DateTimeOffset.UtcNow;
        var builder = new CertificateRevocationListBuilder();
        foreach (var certificate in revoked)
        {
            builder.AddEntry(certificate, now.AddMinutes(-1), X509RevocationReason.KeyCompromise);
        }

        _crls[crlName] = builder.Build(ca, BigInteger.One, now.AddDays(1), System.Security.Cryptography.HashAlgorithmName.SHA256, thisUpdate: now.AddMinutes(-5));
    }

    private async Task<(HttpStatusCode Status, string? Code)> SendAsync(A2AKestrelHost host, X509Certificate2 certificate, string agent)
    {
        var body = TestSigner.JsonRpc("SendMessage");
        var headers = TestSigner.Headers(_env.Files.KeyFor(agent), A2ATestFiles.KeyIdFor(agent), agent, "send_message", "POST", "/a2a", body, DateTimeOffset.UtcNow);
        using var client = host.CreateClient(certificate);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/a2a", UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var code = response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? JsonDocument.Parse(text).RootElement.GetProperty("code").GetString() : null;
        return (response.StatusCode, code);
    }

    private string[] RejectionReasons() => _env.Logs.GetSnapshot().Where(static r => r.Id.Id == 4002).Select(static r => r.Message).ToArray();

    [Test]
    public async Task RevokedAgentCertificate_OnlineRevocation_DeniedAuthFailed_WhileUnrevokedPeerIsAllowed()
    {
        var ca = TrustNewAgentCa("revocation-ca.pem");
        var crlName = Guid.NewGuid().ToString("N") + ".crl";
        var revoked = Issue(ca, "agent-a", crlName);
        var good = Issue(ca, "agent-own", crlName);
        Publish(ca, crlName, revoked);
        _env.Files.WriteConfig(revocationMode: "online", trustedCaFiles: "revocation-ca.pem");
        await using var host = await A2AKestrelHost.StartAsync(_env);

        var denied = await SendAsync(host, revoked, "agent-a");
        var allowed = await SendAsync(host, good, "agent-own");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(denied.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(denied.Code, Is.EqualTo(A2AErrorCodes.AuthFailed));
            Assert.That(allowed.Status, Is.EqualTo(HttpStatusCode.OK), "an unrevoked certificate of the same CA passes the same CRL check");
            Assert.That(_env.HandlerCalls, Is.EqualTo(1));
            Assert.That(_crlFetches.GetValueOrDefault(crlName), Is.GreaterThanOrEqualTo(1), "the CRL was fetched from the distribution point");
            Assert.That(RejectionReasons(), Has.Some.Contains("Revoked"));
        }
    }

    [Test]
    public async Task CrlUnavailable_OnlineRevocation_FailsClosedWithAuthFailed()
    {
        var ca = TrustNewAgentCa("unpublished-ca.pem");
        var crlName = Guid.NewGuid().ToString("N") + ".crl"; // never published: the distribution point answers 404
        var certificate = Issue(ca, "agent-a", crlName);
        _env.Files.WriteConfig(revocationMode: "online", trustedCaFiles: "unpublished-ca.pem");
        await using var host = await A2AKestrelHost.StartAsync(_env);

        var result = await SendAsync(host, certificate, "agent-a");

        Assert.That(result.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(result.Code, Is.EqualTo(A2AErrorCodes.AuthFailed));
        Assert.That(_env.HandlerCalls, Is.Zero);
        Assert.That(_crlFetches.GetValueOrDefault(crlName), Is.GreaterThanOrEqualTo(1));
        Assert.That(RejectionReasons(), Has.Some.Contains("Revocation").Or.Some.Contains("Offline"));
    }

    [Test]
    public async Task RevokedAgentCertificate_NoCheckMode_IsNotConsulted()
    {
        // The contrast: with revocation_mode no_check the same revoked certificate authenticates and no CRL is fetched.
        var ca = TrustNewAgentCa("nocheck-ca.pem");
        var crlName = Guid.NewGuid().ToString("N") + ".crl";
        var revoked = Issue(ca, "agent-a", crlName);
        Publish(ca, crlName, revoked);
        _env.Files.WriteConfig(revocationMode: "no_check", trustedCaFiles: "nocheck-ca.pem");
        await using var host = await A2AKestrelHost.StartAsync(_env);

        var result = await SendAsync(host, revoked, "agent-a");

        Assert.That(result.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_crlFetches.GetValueOrDefault(crlName), Is.Zero);
    }
}
