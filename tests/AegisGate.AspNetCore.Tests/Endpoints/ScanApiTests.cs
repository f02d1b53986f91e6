using System.Net;
using System.Text;
using System.Text.Json;
using AegisGate.AspNetCore.Http;
using AegisGate.AspNetCore.Tests.Support;
using AegisGate.Detection;
using Microsoft.AspNetCore.Builder;
using Moq;

namespace AegisGate.AspNetCore.Tests.Endpoints;

public sealed class ScanApiTests
{
    private HttpPillarHost _host = null!;

    [OneTimeSetUp]
    public async Task SetUpAsync() => _host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions
    {
        Configure = o => o.RateLimit.Enabled = false,
        Map = app => app.MapAegisScanApi(),
    });

    [OneTimeTearDown]
    public async Task TearDownAsync() => await _host.DisposeAsync();

    private async Task<(HttpResponseMessage Response, string Body)> ScanAsync(string json, string role = "analyst", string mediaType = "application/json")
    {
        var response = await _host.SendAsync(HttpMethod.Post, "/api/v1/scan", role, new StringContent(json, Encoding.UTF8, mediaType));
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Scan_CleanContent_Returns200Allow()
    {
        var (response, body) = await ScanAsync("{\"content\":\"What is the capital of France?\"}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.That(json.GetProperty("verdict").GetString(), Is.EqualTo("allow"));
        Assert.That(json.GetProperty("findings").GetArrayLength(), Is.Zero);
    }

    [Test]
    public async Task Scan_Secret_ReturnsFindingsAndNeverEchoesIt()
    {
        var (response, body) = await ScanAsync("{\"content\":\"token " + FakeScanner.Secret + "\",\"source\":\"tool_output\"}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(body, Does.Not.Contain(FakeScanner.Secret));
        var finding = JsonDocument.Parse(body).RootElement.GetProperty("findings")[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.GetProperty("ruleId").GetString(), Is.EqualTo("secret.test_token"));
            Assert.That(finding.GetProperty("category").GetString(), Is.EqualTo("secret"));
            Assert.That(finding.GetProperty("severity").GetString(), Is.EqualTo("high"));
            Assert.That(finding.GetProperty("action").GetString(), Is.EqualTo("redact"));
            Assert.That(finding.GetProperty("start").GetInt32(), Is.EqualTo(6));
            Assert.That(finding.GetProperty("end").GetInt32(), Is.EqualTo(15));
            Assert.That(finding.GetProperty("mappings")[0].GetString(), Is.EqualTo("OWASP-LLM02"));
        }

        _host.Scanner.Verify(s => s.Scan(It.IsAny<string>(), It.Is<ScanOptions>(o => o.Source == ContentSource.ToolOutput)), Times.AtLeastOnce);
    }

    [Test]
    public async Task Scan_RedactTrue_ReturnsMaskedContent()
    {
        var (_, body) = await ScanAsync("{\"content\":\"token " + FakeScanner.Secret + "\",\"redact\":true}");

        Assert.That(JsonDocument.Parse(body).RootElement.GetProperty("redactedContent").GetString(), Is.EqualTo("token " + FakeScanner.Mask));
    }

    [Test]
    public async Task Scan_Batch_ReturnsPerItemResultsAndTheStrongestVerdict()
    {
        var (response, body) = await ScanAsync("{\"items\":[{\"id\":\"a\",\"content\":\"hello\"},{\"id\":\"b\",\"content\":\"" + FakeScanner.Injection + "\",\"source\":\"document\"}]}");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.That(json.GetProperty("verdict").GetString(), Is.EqualTo("block"));
        Assert.That(json.GetProperty("items")[0].GetProperty("verdict").GetString(), Is.EqualTo("allow"));
        Assert.That(json.GetProperty("items")[1].GetProperty("id").GetString(), Is.EqualTo("b"));
        Assert.That(json.GetProperty("items")[1].GetProperty("findings")[0].GetProperty("category").GetString(), Is.EqualTo("injection"));
    }

    [Test]
    public async Task Scan_FormMediaTypeFromCurl_IsReadAsJson()
    {
        var (response, body) = await ScanAsync("{\"content\":\"hello\"}", mediaType: "application/x-www-form-urlencoded");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
    }

    [TestCase("not json")]
    [TestCase("{}")]
    [TestCase("{\"content\":\"a\",\"items\":[]}")]
    [TestCase("{\"content\":\"a\",\"source\":\"email\"}")]
    [TestCase("{\"content\":\"a\",\"extra\":1}")]
    [TestCase("{\"content\":5}")]
    [TestCase("{\"items\":[]}")]
    [TestCase("{\"items\":[{\"id\":\"x\"}]}")]
    public async Task Scan_MalformedRequest_Returns400ScanRequestInvalid(string json)
    {
        var (response, _) = await ScanAsync(json, mediaType: "text/plain");

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.BadRequest, HttpErrorCodes.ScanRequestInvalid);
    }

    [Test]
    public async Task Scan_TooManyItems_Returns400()
    {
        var items = string.Join(',', Enumerable.Range(0, AegisScanApiEndpointExtensions.MaxBatchItems + 1).Select(i => "{\"content\":\"x\"}"));

        var (response, _) = await ScanAsync("{\"items\":[" + items + "]}");

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.BadRequest, HttpErrorCodes.ScanRequestInvalid);
    }

    [Test]
    public async Task Scan_ViewerRole_Returns403RbacDenied()
    {
        var (response, _) = await ScanAsync("{\"content\":\"hello\"}", role: "viewer");

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, HttpErrorCodes.RbacDenied);
    }

    [Test]
    public async Task Scan_NoKey_Returns403AuthMissing()
    {
        using var response = await _host.Client.PostAsync(new Uri("/api/v1/scan", UriKind.Relative), new StringContent("{\"content\":\"hello\"}", Encoding.UTF8, "application/json"));

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, HttpErrorCodes.AuthMissing);
    }

    [Test]
    public async Task Scan_JsonDeeperThanLimit_Returns400()
    {
        var (response, _) = await ScanAsync("{\"content\":\"a\",\"x\":" + new string('[', 70) + new string(']', 70) + "}");

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.BadRequest, HttpErrorCodes.JsonTooDeep);
    }

    [Test]
    public async Task Scan_EngineLimitExceeded_Returns413()
    {
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { Map = app => app.MapAegisScanApi() });
        host.Scanner.Setup(s => s.Scan(It.IsAny<string>(), It.IsAny<ScanOptions>())).Returns(new ScanResult { Verdict = ScanVerdict.Block, ErrorCode = AegisErrorCodes.ScanLimitExceeded });

        using var response = await host.SendAsync(HttpMethod.Post, "/api/v1/scan", content: new StringContent("{\"content\":\"x\"}", Encoding.UTF8, "application/json"));

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.RequestEntityTooLarge, AegisErrorCodes.ScanLimitExceeded);
    }

    [Test]
    public async Task Scan_ScannerThrows_Returns500InternalError()
    {
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { Map = app => app.MapAegisScanApi() });
        host.Scanner.Setup(s => s.Scan(It.IsAny<string>(), It.IsAny<ScanOptions>())).Throws<InvalidOperationException>();

        using var response = await host.SendAsync(HttpMethod.Post, "/api/v1/scan", content: new StringContent("{\"content\":\"x\"}", Encoding.UTF8, "application/json"));

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.InternalServerError, AegisErrorCodes.InternalError);
    }

    [Test]
    public async Task Scan_NoScanner_Returns503()
    {
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { RegisterScanner = false, Map = app => app.MapAegisScanApi() });

        using var response = await host.SendAsync(HttpMethod.Post, "/api/v1/scan", content: new StringContent("{\"content\":\"x\"}", Encoding.UTF8, "application/json"));

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.ServiceUnavailable, HttpErrorCodes.ScannerUnavailable);
    }
}
