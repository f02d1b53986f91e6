using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AegisGate.AspNetCore;
using AegisGate.Authentication;
using AegisGate.Detection;
using AegisGate.IntegrationTests.Sample;
using Microsoft.Extensions.DependencyInjection;

namespace AegisGate.IntegrationTests.Http;

/// <summary>The sample host's HTTP pillar, black-box over TLS 1.3 (what the README and the acceptance probe use).</summary>
[NonParallelizable]
public sealed class SampleHttpTests
{
    private readonly string _viewerKey = ApiKeyHasher.GenerateKey();
    private SampleHostFixture _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await SampleHostFixture.StartAsync(
        "--AegisGate:ApiKeys:0:Principal", "sample-viewer",
        "--AegisGate:ApiKeys:0:Hash", ApiKeyHasher.Hash(_viewerKey),
        "--AegisGate:ApiKeys:0:Roles:0", "viewer");

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    private HttpClient Client(string? key)
    {
        var client = _host.CreateClient();
        if (key is not null)
        {
            client.DefaultRequestHeaders.Add("X-API-Key", key);
        }

        return client;
    }

    private static async Task<string> CodeOf(HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString()!;

    private static StringContent Scan(string content) => new("{\"content\":" + JsonSerializer.Serialize(content) + "}", Encoding.UTF8, "application/json");

    private void RequireEngine()
    {
        if (_host.App.Services.GetService<IContentScanner>() is null)
        {
            Assert.Ignore("SKIPPED: no detection engine (IContentScanner) is registered in the sample host yet.");
        }
    }

    [Test]
    public async Task Scan_NoKey_Returns403WithCode()
    {
        using var client = Client(null);

        using var response = await client.PostAsync(new Uri("/api/v1/scan", UriKind.Relative), Scan("hello"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await CodeOf(response), Is.EqualTo(HttpErrorCodes.AuthMissing));
    }

    [Test]
    public async Task Scan_WrongKey_Returns403()
    {
        using var client = Client("wrong-" + _host.ApiKey);

        using var response = await client.PostAsync(new Uri("/api/v1/scan", UriKind.Relative), Scan("hello"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await CodeOf(response), Is.EqualTo(HttpErrorCodes.AuthInvalid));
    }

    [Test]
    public async Task Scan_ViewerKeyFromConfiguration_LacksScanPermission()
    {
        using var client = Client(_viewerKey);

        using var response = await client.PostAsync(new Uri("/api/v1/scan", UriKind.Relative), Scan("hello"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await CodeOf(response), Is.EqualTo(HttpErrorCodes.RbacDenied));
    }

    [Test]
    public async Task Scan_Oversized_Returns413()
    {
        using var client = Client(_host.ApiKey);
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(new string('a', 30_000_000)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync(new Uri("/api/v1/scan", UriKind.Relative), content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await CodeOf(response), Is.EqualTo(HttpErrorCodes.BodyTooLarge));
    }

    [Test]
    public async Task Scan_GzipBomb_Returns413()
    {
        using var client = Client(_host.ApiKey);
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 100; i++)
            {
                gzip.Write(zeros);
            }
        }

        var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");

        using var response = await client.PostAsync(new Uri("/api/v1/scan", UriKind.Relative), content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await CodeOf(response), Is.EqualTo(HttpErrorCodes.EncodingBomb));
    }

    [Test]
    public async Task Scan_CleanContent_Returns200Allow()
    {
        RequireEngine();
        using var client = Client(_host.ApiKey);

        using var response = await client.PostAsync(new Uri("/api/v1/scan", UriKind.Relative), Scan("What is the capital of France?"));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.GetProperty("verdict").GetString(), Is.EqualTo("allow"));
    }

    [Test]
    public async Task OpenApi_DescribesTheScanEndpoint()
    {
        using var client = Client(_host.ApiKey);

        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(body, Does.Contain("/api/v1/scan").And.Contain("ScanApiRequest"));
    }
}
