using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;

namespace AegisGate.IntegrationTests.Sample;

[NonParallelizable]
public sealed class SampleHostTlsTests
{
    private SampleHostFixture _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await SampleHostFixture.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public async Task Healthz_OverTls13_Answers200WithValidConfiguration()
    {
        using var client = _host.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.GetProperty("configuration").GetString(), Is.EqualTo("valid"));
    }

    [Test]
    public async Task Handshake_NegotiatesTls13()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_host.BaseAddress.Host, _host.BaseAddress.Port);
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, cert, _, _) => _host.IsTrustedServer(cert));

        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost", EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13 });

        Assert.That(ssl.SslProtocol, Is.EqualTo(SslProtocols.Tls13));
    }

    [Test]
    public async Task Handshake_Tls12Only_IsRefused()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(_host.BaseAddress.Host, _host.BaseAddress.Port);
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, cert, _, _) => _host.IsTrustedServer(cert));

        Assert.That(
            async () => await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost", EnabledSslProtocols = SslProtocols.Tls12 }),
            Throws.InstanceOf<AuthenticationException>().Or.InstanceOf<IOException>());
    }

    [Test]
    public void DataDirectory_HoldsGeneratedPki()
    {
        var certs = Path.Combine(_host.DataDirectory, "certs");

        Assert.That(File.Exists(Path.Combine(certs, "ca.crt.pem")), Is.True);
        Assert.That(File.Exists(Path.Combine(certs, "agent-demo.p12")), Is.True);
        Assert.That(_host.Pki.ServerCertificate.HasPrivateKey, Is.True);
        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(Path.Combine(certs, "agent-demo.key.pem")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }
    }
}
