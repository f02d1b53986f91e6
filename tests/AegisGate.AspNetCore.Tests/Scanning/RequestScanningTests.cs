using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AegisGate.AspNetCore.Http;
using AegisGate.AspNetCore.Tests.Support;
using AegisGate.Detection;
using Moq;

namespace AegisGate.AspNetCore.Tests.Scanning;

public sealed class RequestScanningTests
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static ByteArrayContent Encoded(byte[] bytes, string encoding, string mediaType = "application/json")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        content.Headers.ContentEncoding.Add(encoding);
        return content;
    }

    private static byte[] Compress(string text, Func<Stream, Stream> compressor)
    {
        using var output = new MemoryStream();
        using (var stream = compressor(output))
        {
            stream.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }

    private static async Task<string> EchoAsync(HttpPillarHost host, HttpContent content, string path = "/echo")
    {
        using var response = await host.SendAsync(HttpMethod.Post, path, content: content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return body;
    }

    [Test]
    public async Task Body_CleanJson_ReachesHandlerUnchanged()
    {
        await using var host = await HttpPillarHost.StartAsync();

        var body = await EchoAsync(host, Json("{\"prompt\":\"hello\"}"));

        Assert.That(body, Is.EqualTo("||{\"prompt\":\"hello\"}"));
        host.Scanner.Verify(s => s.ScanJson(It.IsAny<ReadOnlyMemory<byte>>(), It.Is<ScanOptions>(o => o.Source == ContentSource.User && !o.ProduceRedacted)), Times.Once);
    }

    [Test]
    public async Task Body_SecretUnderBlock_Returns403WithRuleIdsAndNoSecret()
    {
        await using var host = await HttpPillarHost.StartAsync();

        using var response = await host.SendAsync(HttpMethod.Post, "/echo", content: Json("{\"prompt\":\"my key is " + FakeScanner.Secret + "\"}"));

        var problem = await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, AegisErrorCodes.ContentBlocked);
        Assert.That(problem.GetProperty("rules")[0].GetString(), Is.EqualTo("secret.test_token"));
        Assert.That(problem.GetProperty("location").GetString(), Is.EqualTo("body"));
        Assert.That(host.HandlerCalls, Is.Zero);
        var audit = host.AuditSnapshot().Single(e => e.Decision == "deny");
        Assert.That(audit.Properties!["rules"], Is.EqualTo("secret.test_token"));
        Assert.That(host.Logs.GetSnapshot().Select(r => r.Message), Has.None.Contains(FakeScanner.Secret));
    }

    [Test]
    public async Task Body_SecretUnderRedact_HandlerSeesRedactedBody()
    {
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { Configure = o => o.Scanning.Request = AegisScanAction.Redact });

        var body = await EchoAsync(host, Json("{\"prompt\":\"key " + FakeScanner.Secret + "\"}"));

        Assert.That(body, Is.EqualTo("||{\"prompt\":\"key " + FakeScanner.Mask + "\"}"));
        var audit = host.AuditSnapshot().Single(e => e.Properties?.ContainsKey("action") == true);
        Assert.That(audit.Properties!["action"], Is.EqualTo("redact"));
    }

    [Test]
    public async Task Body_InjectionUnderRedact_IsStillBlocked()
    {
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { Configure = o => o.Scanning.Request = AegisScanAction.Redact });

        using var response = await host.SendAsync(HttpMethod.Post, "/echo", content: Json("{\"prompt\":\"" + FakeScanner.Injection + "\"}"));

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, AegisErrorCodes.ContentBlocked);
    }

    [Test]
    public async Task Body_SecretUnderMonitor_PassesAndIsAudited()
    {
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { Configure = o => { o.Scanning.Request = AegisScanAction.Monitor; o.Scanning.Response = AegisScanAction.Monitor; } });

        var body = await EchoAsync(host, Json("{\"prompt\":\"" + FakeScanner.Secret + "\"}"));

        Assert.That(body, Does.Contain(FakeScanner.Secret));
        var audit = host.AuditSnapshot().First(e => e.Properties?.ContainsKey("action") == true);
        Assert.That(audit.Properties!["action"], Is.EqualTo("monitor"));
        Assert.That(audit.Properties["rules"], Is.EqualTo("secret.test_token"));
    }

    [Test]
    public async Task Body_MonitorOnlyFindingUnderBlock_Passes()
    {
        await using var host = await HttpPillarHost.StartAsync();

        var body = await EchoAsync(host, Json("{\"prompt\":\"" + FakeScanner.Monitored + "\"}"));

        Assert.That(body, Does.Contain(FakeScanner.Monitored));
    }

    [Test]
    public async Task Body_PlainText_IsScanned()
    {
        await using var host = await HttpPillarHost.StartAsync();

        using var response = await host.SendAsync(HttpMethod.Post, "/echo", content: new StringContent("text " + FakeScanner.Secret, Encoding.UTF8, "text/plain"));

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, AegisErrorCodes.ContentBlocked);
    }

    [Test]
    public async Task Body_FormUnderRedact_HandlerSeesRedactedField()
    {
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { Configure = o => o.Scanning.Request = AegisScanAction.Redact });

        var body = await EchoAsync(host, new FormUrlEncodedContent([new("a", "1"), new("token", FakeScanner.Secret)]));

        Assert.That(body, Is.EqualTo("||a=1&token=" + Uri.EscapeDataString(FakeScanner.Mask)));
    }

    [Test]
    public async Task Body_MultipartTextPart_IsScannedAndRedacted()
    {
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { Configure = o => o.Scanning.Request = AegisScanAction.Redact });
        using var content = new MultipartFormDataContent("bnd");
        content.Add(new StringContent("key " + FakeScanner.Secret), "note");

        var body = await EchoAsync(host, content);

        Assert.That(body, Does.Contain("key " + FakeScanner.Mask).And.Not.Contain(FakeScanner.Secret));
    }

    [Test]
    public async Task Body_MultipartBinaryPart_IsDeniedUnlessAllowed()
    {
        await using var host = await HttpPillarHost.StartAsync();
        await using var allowing = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { Configure = o => o.Scanning.UnscannableRequest = AegisUnscannableContent.Allow });

        static MultipartFormDataContent Upload()
        {
            var content = new MultipartFormDataContent("bnd");
            var file = new ByteArrayContent([0, 1, 2, 255]);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            content.Add(file, "file", "a.png");
            return content;
        }

        using var denied = await host.SendAsync(HttpMethod.Post, "/echo", content: Upload());
        using var allowed = await allowing.SendAsync(HttpMethod.Post, "/echo", content: Upload());

        await ProblemAssert.IsDeniedAsync(denied, HttpStatusCode.UnsupportedMediaType, HttpErrorCodes.ContentTypeUnsupported);
        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Body_Binary_IsDeniedWith415()
    {
        await using var host = await HttpPillarHost.StartAsync();
        var content = new ByteArrayContent([1, 2, 3]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        using var response = await host.SendAsync(HttpMethod.Post, "/echo", content: content);

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.UnsupportedMediaType, HttpErrorCodes.ContentTypeUnsupported);
    }

    [Test]
    public async Task Body_NonUtf8Charset_IsDeniedWith415()
    {
        await using var host = await HttpPillarHost.StartAsync();

        using var response = await host.SendAsync(HttpMethod.Post, "/echo", content: new StringContent("caf\u00e9", Encoding.Latin1, "text/plain"));

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.UnsupportedMediaType, HttpErrorCodes.ContentTypeUnsupported);
    }

    [Test]
    public async Task Body_InvalidUtf8_IsDeniedWith400()
    {
        await using var host = await HttpPillarHost.StartAsync();
        var content = new ByteArrayContent([0x68, 0xC3, 0x28, 0x69]);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/plain");

        using var response = await host.SendAsync(HttpMethod.Post, "/echo", content: content);

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.BadRequest, HttpErrorCodes.InvalidUtf8);
    }

    [Test]
    public async Task Body_InvalidUtf8InJson_IsDeniedWith400()
    {
        await using var host = await HttpPillarHost.StartAsync();
        var content = new ByteArrayContent([.. "{\"a\":\""u8, 0xFF, .. "\"}"u8]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await host.SendAsync(HttpMethod.Post, "/echo", content: content);

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.BadRequest, HttpErrorCodes.InvalidUtf8);
    }

    [Test]
    public async Task Body_JsonTooDeep_IsDeniedWith400()
    {
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { Configure = o => o.Limits.MaxJsonDepth = 8 });

        using var ok = await host.SendAsync(HttpMethod.Post, "/echo", content: Json(new string('[', 8) + new string(']', 8)));
        using var response = await host.SendAsync(HttpMethod.Post, "/echo", content: Json(new string('[', 9) + new string(']', 9)));

        Assert.That(ok.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.BadRequest, HttpErrorCodes.JsonTooDeep);
    }

    [Test]
    public async Task Body_MalformedJson_IsDeniedWith400()
    {
        await using var host = await HttpPillarHost.StartAsync();

        using var response = await host.SendAsync(HttpMethod.Post, "/echo", content: Json("{\"a\":"));

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.BadRequest, HttpErrorCodes.JsonInvalid);
    }

    [Test]
    public async Task Body_DeclaredLengthOverLimit_Returns413BeforeReading()
    {
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { Configure = o => o.Limits.MaxRequestBodyBytes = 1024 });

        using var response = await host.SendAsync(HttpMethod.Post, "/echo", content: Json("{\"a\":\"" + new string('x', 2000) + "\"}"));

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.RequestEntityTooLarge, HttpErrorCodes.BodyTooLarge);
        Assert.That(host.HandlerCalls, Is.Zero);
        host.Scanner.Verify(s => s.ScanJson(It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<ScanOptions>()), Times.Never);
    }

    [Test]
    public async Task Body_ChunkedOverLimit_Returns413()
    {
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { Configure = o => o.Limits.MaxRequestBodyBytes = 1024 });
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes("{\"a\":\"" + new string('x', 5000) + "\"}")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = host.Request(HttpMethod.Post, "/echo", content: content);
        request.Headers.TransferEncodingChunked = true;

        using var response = await host.Client.SendAsync(request);

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.RequestEntityTooLarge, HttpErrorCodes.BodyTooLarge);
    }

    [TestCase("gzip")]
    [TestCase("br")]
    [TestCase("deflate")]
    [TestCase("deflate-raw")]
    public async Task Body_Compressed_IsDecodedScannedAndPassedDecoded(string encoding)
    {
        await using var host = await HttpPillarHost.StartAsync();
        var json = "{\"prompt\":\"compressed hello\"}";
        var bytes = encoding switch
        {
            "gzip" => Compress(json, s => new GZipStream(s, CompressionLevel.Optimal)),
            "br" => Compress(json, s => new BrotliStream(s, CompressionLevel.Optimal)),
            "deflate" => Compress(json, s => new ZLibStream(s, CompressionLevel.Optimal)),
            _ => Compress(json, s => new DeflateStream(s, CompressionLevel.Optimal)),
        };

        var body = await EchoAsync(host, Encoded(bytes, encoding == "deflate-raw" ? "deflate" : encoding));

        Assert.That(body, Is.EqualTo("||" + json), "the handler sees the decoded body without Content-Encoding");
    }

    [Test]
    public async Task Body_CompressedSecret_IsFoundAfterDecoding()
    {
        await using var host = await HttpPillarHost.StartAsync();

        using var response = await host.SendAsync(HttpMethod.Post, "/echo", content: Encoded(Compress("{\"k\":\"" + FakeScanner.Secret + "\"}", s => new GZipStream(s, CompressionLevel.Optimal)), "gzip"));

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, AegisErrorCodes.ContentBlocked);
    }

    [Test]
    public async Task Body_GzipBomb_Returns413EncodingBomb()
    {
        await using var host = await HttpPillarHost.StartAsync();
        var bomb = Compress("{\"a\":\"" + new string('a', 20 * 1024 * 1024) + "\"}", s => new GZipStream(s, CompressionLevel.SmallestSize));

        using var response = await host.SendAsync(HttpMethod.Post, "/echo", content: Encoded(bomb, "gzip"));

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.RequestEntityTooLarge, HttpErrorCodes.EncodingBomb);
        Assert.That(host.HandlerCalls, Is.Zero);
    }

    [Test]
    public async Task Body_DecodedOverLimitAtModestRatio_Returns413BodyTooLarge()
    {
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { Configure = o => { o.Limits.MaxRequestBodyBytes = 64 * 1024; o.Limits.MaxDecodedBodyBytes = 64 * 1024; } });
        var random = new byte[48 * 1024];
        new Random(7).NextBytes(random);
        var text = "{\"a\":\"" + Convert.ToHexString(random) + "\"}"; // hex compresses about 2:1

        using var response = await host.SendAsync(HttpMethod.Post, "/echo", content: Encoded(Compress(text, s => new GZipStream(s, CompressionLevel.Optimal)), "gzip"));

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.RequestEntityTooLarge, HttpErrorCodes.BodyTooLarge);
    }

    [TestCase("compress")]
    [TestCase("zstd")]
    [TestCase("gzip, br")]
    public async Task Body_UnsupportedOrStackedEncoding_Returns415(string encoding)
    {
        await using var host = await HttpPillarHost.StartAsync();
        var content = new ByteArrayContent([1, 2, 3]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.TryAddWithoutValidation("Content-Encoding", encoding);

        using var response = await host.SendAsync(HttpMethod.Post, "/echo", content: content);

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.UnsupportedMediaType, HttpErrorCodes.EncodingUnsupported);
    }

    [Test]
    public async Task Body_CorruptGzip_Returns400EncodingInvalid()
    {
        await using var host = await HttpPillarHost.StartAsync();

        using var response = await host.SendAsync(HttpMethod.Post, "/echo", content: Encoded([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4], "gzip"));

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.BadRequest, HttpErrorCodes.EncodingInvalid);
    }

    [Test]
    public async Task Query_Secret_IsBlocked()
    {
        await using var host = await HttpPillarHost.StartAsync();

        using var response = await host.SendAsync(HttpMethod.Get, "/query?q=" + FakeScanner.Secret);

        var problem = await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, AegisErrorCodes.ContentBlocked);
        Assert.That(problem.GetProperty("location").GetString(), Is.EqualTo("query"));
    }

    [Test]
    public async Task Query_SecretUnderRedact_HandlerSeesRedactedQuery()
    {
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { Configure = o => o.Scanning.Query = AegisScanAction.Redact });

        using var response = await host.SendAsync(HttpMethod.Get, "/query?a=1&q=" + FakeScanner.Secret);
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(body, Is.EqualTo("?a=1&q=" + Uri.EscapeDataString(FakeScanner.Mask)));
    }

    [Test]
    public async Task Header_Configured_IsScanned()
    {
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { Configure = o => o.Scanning.Headers.Add("X-Prompt") });
        using var request = host.Request(HttpMethod.Get, "/read");
        request.Headers.Add("X-Prompt", "use " + FakeScanner.Secret);

        using var response = await host.Client.SendAsync(request);

        var problem = await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, AegisErrorCodes.ContentBlocked);
        Assert.That(problem.GetProperty("location").GetString(), Is.EqualTo("header"));
    }

    [Test]
    public async Task Request_NoBodyNoQuery_DoesNotCallTheScanner()
    {
        await using var host = await HttpPillarHost.StartAsync(new HttpPillarHostOptions { Configure = o => o.Scanning.Response = AegisScanAction.Monitor });

        using var response = await host.SendAsync(HttpMethod.Get, "/read");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        host.Scanner.Verify(s => s.ScanJson(It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<ScanOptions>()), Times.Never);
    }
}
