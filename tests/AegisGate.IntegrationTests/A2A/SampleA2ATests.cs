using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using AegisGate.A2A;
using AegisGate.A2A.Tests.Support;
using AegisGate.IntegrationTests.Sample;
using AegisGate.Sample;
using AegisGate.TestUtilities;

namespace AegisGate.IntegrationTests.A2A;

/// <summary>The sample host's A2A endpoints with the demo agent certificate, and the official A2A JS client against them.</summary>
[NonParallelizable]
public sealed class SampleA2ATests
{
    private SampleHostFixture _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await SampleHostFixture.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    private byte[] DevKey => Convert.FromBase64String(File.ReadAllText(SampleA2A.DevKeyPath(_host.DataDirectory)).Trim());

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(bool withCertificate, bool sign, string path = "/api/v1/a2a/message")
    {
        var body = TestSigner.JsonRpc("SendMessage");
        using var client = _host.CreateClient(withCertificate ? _host.Pki.AgentCertificate : null);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        var headers = sign
            ? TestSigner.Headers(DevKey, SampleA2A.DevKeyId, DevCertificates.DemoAgentId, "send_message", "POST", path, body, DateTimeOffset.UtcNow)
            : new Dictionary<string, string> { ["A2A-Capability"] = "send_message" };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Message_DemoAgentSigned_IsAnswered()
    {
        var (status, body) = await PostAsync(withCertificate: true, sign: true);

        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(body, Does.Contain("echo: hello"));
    }

    [Test]
    public async Task Message_NoClientCertificate_DeniesAuthFailed()
    {
        var (status, body) = await PostAsync(withCertificate: false, sign: true);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(body, Does.Contain(A2AErrorCodes.AuthFailed));
    }

    [Test]
    public async Task Message_DemoAgentUnsigned_DeniesIntegrityMissing()
    {
        var (status, body) = await PostAsync(withCertificate: true, sign: false);

        Assert.That(status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(body, Does.Contain(A2AErrorCodes.IntegrityMissing));
    }

    [Test]
    public async Task AgentCard_DeclaresMtlsAndJsonRpcInterface()
    {
        using var client = _host.CreateClient();
        var card = JsonDocument.Parse(await client.GetStringAsync(new Uri("/.well-known/agent-card.json", UriKind.Relative))).RootElement;

        Assert.That(card.GetProperty("securitySchemes").GetProperty("mtls").TryGetProperty("mtlsSecurityScheme", out _), Is.True);
        Assert.That(card.GetProperty("supportedInterfaces")[0].GetProperty("protocolBinding").GetString(), Is.EqualTo("JSONRPC"));
    }

    [Test]
    public async Task AdminApi_BehindHttpPillar_NeedsTheManagePermission()
    {
        using var anonymous = _host.CreateClient();
        using var denied = await anonymous.GetAsync(new Uri("/api/v1/admin/a2a/capabilities", UriKind.Relative));
        using var admin = _host.CreateClient();
        admin.DefaultRequestHeaders.Add("X-API-Key", _host.ApiKey);
        using var allowed = await admin.GetAsync(new Uri("/api/v1/admin/a2a/capabilities", UriKind.Relative));

        Assert.That(denied.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await denied.Content.ReadAsStringAsync(), Does.Contain(AegisGate.AspNetCore.HttpErrorCodes.AuthMissing));
        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var map = JsonDocument.Parse(await allowed.Content.ReadAsStringAsync()).RootElement;
        Assert.That(map.GetProperty("agents").GetProperty(DevCertificates.DemoAgentId).GetProperty("source").GetString(), Is.EqualTo("yaml"));
    }

    [Test]
    [CancelAfter(240_000)]
    public async Task OfficialJsClient_OverMtlsWithSigningFetch_Interoperates()
    {
        var interop = Path.Combine(TestPaths.RepositoryRoot, "tests", "interop", "a2a");
        await NpmInstall.EnsureAsync(interop);
        var certs = Path.Combine(_host.DataDirectory, "certs");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = interop,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "a2a-client.mjs",
                _host.BaseAddress.ToString().TrimEnd('/'),
                Path.Combine(certs, "agent-demo.crt.pem"),
                Path.Combine(certs, "agent-demo.key.pem"),
                Path.Combine(certs, "ca.crt.pem"),
                SampleA2A.DevKeyPath(_host.DataDirectory),
                SampleA2A.DevKeyId,
                DevCertificates.DemoAgentId,
            },
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = await stdout + await stderr;
        Assert.That(process.ExitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("\"step\":\"sendMessage\",\"ok\":true").And.Contain("\"step\":\"replay\",\"ok\":true").And.Contain("\"step\":\"headerBodyMismatch\",\"ok\":true"));
    }
}

/// <summary>Installs a pinned npm directory (npm ci) once, under a file lock, when node_modules is missing.</summary>
internal static class NpmInstall
{
    public static async Task EnsureAsync(string directory)
    {
        if (Directory.Exists(Path.Combine(directory, "node_modules", "@a2a-js", "sdk")))
        {
            return;
        }

        await using var gate = await AcquireAsync(Path.Combine(directory, ".npm-install.lock"));
        if (Directory.Exists(Path.Combine(directory, "node_modules", "@a2a-js", "sdk")))
        {
            return;
        }

        var start = new ProcessStartInfo("npm") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, ArgumentList = { "ci", "--no-audit", "--no-fund", "--loglevel=error" } };
        using var process = Process.Start(start)!;
        var output = process.StandardError.ReadToEndAsync();
        _ = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, "npm ci failed: " + await output);
    }

    private static async Task<FileStream> AcquireAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 600)
            {
                await Task.Delay(500);
            }
        }
    }
}
