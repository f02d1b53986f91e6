using System.Net;
using System.Text;
using System.Text.Json;
using AegisGate.A2A;
using AegisGate.A2A.Tests.Support;
using AegisGate.IntegrationTests.Sample;
using AegisGate.Licensing;
using AegisGate.Sample;
using AegisGate.TestUtilities;

namespace AegisGate.IntegrationTests.A2A;

/// <summary>
/// Licence gating end to end: the sample host with the installation licence that AddAegisGate() registers
/// (AegisGate:License, a test issuer's public key in AegisGate:License:PublicKey and a real signed key), the demo agent's
/// certificate over real mTLS, signed requests. Capability <c>get_extended_card</c> requires enterprise.
/// </summary>
[NonParallelizable]
public sealed class SampleA2ALicenseTests
{
    private TestLicenseIssuer _issuer = null!;
    private TempDirectory _configs = null!;
    private string _capsFile = null!;

    [SetUp]
    public void SetUp()
    {
        _issuer = new TestLicenseIssuer();
        _configs = new TempDirectory();
        _capsFile = _configs.Combine("a2a_caps.yaml");
        File.WriteAllText(_capsFile, """
            capabilities:
              send_message: { min_tier: community }
              get_extended_card: { min_tier: enterprise }
            agents:
              demo-agent:
                capabilities: [send_message, get_extended_card]
            """);
    }

    [TearDown]
    public void TearDown()
    {
        _issuer.Dispose();
        _configs.Dispose();
    }

    private string Key(LicenseTier tier) => _issuer.Issue(TestLicenseIssuer.Payload(DateTimeOffset.UtcNow.AddMinutes(-1), tier));

    private Task<SampleHostFixture> StartAsync(string licenseKey) => SampleHostFixture.StartAsync(
        "--AegisGate:License:PublicKey", Convert.ToBase64String(_issuer.PublicKeyDer),
        "--AegisGate:License:Key", licenseKey,
        "--AegisGate:A2A:CapabilitiesFile", _capsFile);

    private static async Task<(HttpStatusCode Status, string? Code, string Body)> SendAsync(SampleHostFixture host, string capability, string method)
    {
        const string Path = "/a2a";
        var body = TestSigner.JsonRpc(method);
        var key = Convert.FromBase64String(File.ReadAllText(SampleA2A.DevKeyPath(host.DataDirectory)).Trim());
        using var client = host.CreateClient(host.Pki.AgentCertificate);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Path, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in TestSigner.Headers(key, SampleA2A.DevKeyId, DevCertificates.DemoAgentId, capability, "POST", Path, body, DateTimeOffset.UtcNow))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var code = response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? JsonDocument.Parse(text).RootElement.GetProperty("code").GetString() : null;
        return (response.StatusCode, code, text);
    }

    [Test]
    public async Task EnterpriseLicence_EnterpriseCapability_IsServed()
    {
        await using var host = await StartAsync(Key(LicenseTier.Enterprise));
        Assert.That(host.App.Services.GetService(typeof(ILicenseProvider)), Is.Not.Null);
        Assert.That(((ILicenseProvider)host.App.Services.GetService(typeof(ILicenseProvider))!).Current.Status, Is.EqualTo(LicenseStatus.Valid));

        var result = await SendAsync(host, "get_extended_card", "GetExtendedAgentCard");

        Assert.That(result.Status, Is.EqualTo(HttpStatusCode.OK), result.Body);
        using var json = JsonDocument.Parse(result.Body);
        Assert.That(json.RootElement.GetProperty("result").GetProperty("name").GetString(), Is.EqualTo("AegisGate sample agent"));
    }

    [Test]
    public async Task ProfessionalLicence_EnterpriseCapability_DeniedInsufficientTier()
    {
        await using var host = await StartAsync(Key(LicenseTier.Professional));

        var enterprise = await SendAsync(host, "get_extended_card", "GetExtendedAgentCard");
        var community = await SendAsync(host, "send_message", "SendMessage");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(enterprise.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(enterprise.Code, Is.EqualTo(A2AErrorCodes.LicenseInsufficientTier));
            Assert.That(community.Status, Is.EqualTo(HttpStatusCode.OK), "capabilities within the licensed tier are served");
        }
    }

    [Test]
    public async Task TamperedLicenceKey_DeniedLicenseInvalid_NoDowngradeToCommunity()
    {
        var key = Key(LicenseTier.Enterprise);
        var parts = key.Split('.');
        var payload = parts[1].ToCharArray();
        payload[payload.Length / 2] = payload[payload.Length / 2] == 'A' ? 'B' : 'A';
        var tampered = parts[0] + "." + new string(payload) + "." + parts[2];
        await using var host = await StartAsync(tampered);
        Assert.That(((ILicenseProvider)host.App.Services.GetService(typeof(ILicenseProvider))!).Current.Status, Is.EqualTo(LicenseStatus.Invalid));

        var enterprise = await SendAsync(host, "get_extended_card", "GetExtendedAgentCard");
        var community = await SendAsync(host, "send_message", "SendMessage");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(enterprise.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(enterprise.Code, Is.EqualTo(A2AErrorCodes.LicenseInvalid));
            Assert.That(community.Code, Is.EqualTo(A2AErrorCodes.LicenseInvalid), "an invalid licence is not treated as the community tier");
            Assert.That(enterprise.Body, Does.Not.Contain(tampered).And.Not.Contain(parts[2]));
        }
    }
}
