using System.Net;
using System.Text;
using AegisGate.AspNetCore.Http;
using AegisGate.AspNetCore.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Moq;

namespace AegisGate.AspNetCore.Tests.Scanning;

public sealed class ResponseScanningTests
{
    private static HttpPillarHostOptions With(AegisScanAction action, Action<AegisHttpOptions>? more = null) => new()
    {
        Configure = o =>
        {
            o.Scanning.Response = action;
            more?.Invoke(o);
        },
        Map = app =>
        {
            app.MapGet("/leak", () => Results.Json(new { answer = "the key is " + FakeScanner.Secret })).RequireAegisPermission("read");
            app.MapGet("/clean", () => Results.Json(new { answer = "Paris" })).RequireAegisPermission("read");
            app.MapGet("/binary", () => Results.Bytes([1, 2, 3], "application/octet-stream")).RequireAegisPermission("read");
            app.MapGet("/big", () => Results.Text(new string('x', 4096), "text/plain")).RequireAegisPermission("read");
            app.MapGet("/throws", (HttpContext _) => { throw new InvalidOperationException("handler bug"); }).RequireAegisPermission("read");
            app.MapGet("/sse", async (HttpContext ctx, string secret) =>
            {
                ctx.Response.ContentType = "text/event-stream";
                var text = "Here it is: " + secret + " and that is all, enjoy the rest of this fairly long streamed answer.";
                await ctx.Response.WriteAsync(": keep-alive\n\n");
                for (var i = 0; i < text.Length; i += 3)
                {
                    await ctx.Response.WriteAsync($"event: token\ndata: {text.Substring(i, Math.Min(3, text.Length - i))}\n\n");
                    await ctx.Response.Body.FlushAsync();
                }

                await ctx.Response.WriteAsync("data: [DONE]\r\n\r\n");
            }).RequireAegisPermission("read").WithAegisScanPolicy("stream");
        },
    };

    [Test]
    public async Task Json_CleanResponse_PassesUnchanged()
    {
        await using var host = await HttpPillarHost.StartAsync(With(AegisScanAction.Redact));

        using var response = await host.SendAsync(HttpMethod.Get, "/clean");

        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("{\"answer\":\"Paris\"}"));
    }

    [Test]
    public async Task Json_SecretUnderRedact_IsMasked()
    {
        await using var host = await HttpPillarHost.StartAsync(With(AegisScanAction.Redact));

        using var response = await host.SendAsync(HttpMethod.Get, "/leak");
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(body, Is.EqualTo("{\"answer\":\"the key is " + FakeScanner.Mask + "\"}"));
        Assert.That(response.Content.Headers.ContentLength, Is.EqualTo(Encoding.UTF8.GetByteCount(body)));
        Assert.That(host.AuditSnapshot().Single(e => e.Check == "http.response-content").Properties!["action"], Is.EqualTo("redact"));
    }

    [Test]
    public async Task Json_SecretUnderBlock_IsWithheld()
    {
        await using var host = await HttpPillarHost.StartAsync(With(AegisScanAction.Block));

        using var response = await host.SendAsync(HttpMethod.Get, "/leak");

        var problem = await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.Forbidden, HttpErrorCodes.ResponseBlocked);
        Assert.That(problem.GetProperty("location").GetString(), Is.EqualTo("response"));
    }

    [Test]
    public async Task Json_SecretUnderMonitor_PassesAndIsAudited()
    {
        await using var host = await HttpPillarHost.StartAsync(With(AegisScanAction.Monitor));

        using var response = await host.SendAsync(HttpMethod.Get, "/leak");

        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(FakeScanner.Secret));
        Assert.That(host.AuditSnapshot().Single(e => e.Check == "http.response-content").Properties!["action"], Is.EqualTo("monitor"));
    }

    [Test]
    public async Task Binary_IsWithheldUnlessAllowed()
    {
        await using var host = await HttpPillarHost.StartAsync(With(AegisScanAction.Redact));
        await using var allowing = await HttpPillarHost.StartAsync(With(AegisScanAction.Redact, o => o.Scanning.UnscannableResponse = AegisUnscannableContent.Allow));

        using var denied = await host.SendAsync(HttpMethod.Get, "/binary");
        using var allowed = await allowing.SendAsync(HttpMethod.Get, "/binary");

        await ProblemAssert.IsDeniedAsync(denied, HttpStatusCode.InternalServerError, HttpErrorCodes.ResponseUnscannable);
        Assert.That(await allowed.Content.ReadAsByteArrayAsync(), Is.EqualTo(new byte[] { 1, 2, 3 }));
    }

    [Test]
    public async Task Response_LargerThanLimit_IsWithheld()
    {
        await using var host = await HttpPillarHost.StartAsync(With(AegisScanAction.Redact, o => o.Limits.MaxResponseBodyBytes = 1024));

        using var response = await host.SendAsync(HttpMethod.Get, "/big");

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.InternalServerError, HttpErrorCodes.ResponseUnscannable);
    }

    [Test]
    public async Task Response_ScannerThrows_IsWithheld()
    {
        await using var host = await HttpPillarHost.StartAsync(With(AegisScanAction.Redact));
        host.Scanner.Setup(s => s.ScanJson(It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<AegisGate.Detection.ScanOptions>())).Throws<InvalidOperationException>();

        using var response = await host.SendAsync(HttpMethod.Get, "/clean");

        await ProblemAssert.IsDeniedAsync(response, HttpStatusCode.InternalServerError, HttpErrorCodes.ResponseUnscannable);
    }

    [Test]
    public async Task Handler_Throws_ExceptionPropagatesAndNothingIsWrittenByAegis()
    {
        await using var host = await HttpPillarHost.StartAsync(With(AegisScanAction.Redact));

        Assert.That(async () => await host.SendAsync(HttpMethod.Get, "/throws"), Throws.InstanceOf<InvalidOperationException>());
    }

    [Test]
    public async Task EventStream_SecretSplitAcrossEvents_IsRedactedBeforeItLeaves()
    {
        await using var host = await HttpPillarHost.StartAsync(With(AegisScanAction.Redact, o =>
        {
            o.Limits.SseHoldbackChars = 32;
            o.ScanPolicies["stream"] = new AegisScanPolicyOptions { Query = AegisScanAction.Monitor, Response = AegisScanAction.Redact };
        }));

        using var response = await host.SendAsync(HttpMethod.Get, "/sse?secret=" + FakeScanner.Secret);
        var body = await response.Content.ReadAsStringAsync();
        var text = string.Concat(body.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal) && l != "data: [DONE]").Select(l => l[6..]));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/event-stream"));
            Assert.That(body, Does.Not.Contain(FakeScanner.Secret));
            Assert.That(body.Replace("data: ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal), Does.Not.Contain(FakeScanner.Secret), "not even split across events");
            Assert.That(text, Does.StartWith("Here it is: [REDACTED:secret.test_token] and that is all"));
            Assert.That(body, Does.StartWith(": keep-alive\n\nevent: token\n"));
            Assert.That(body, Does.EndWith("data: [DONE]\n\n"));
        }
    }

    [Test]
    public async Task EventStream_SecretUnderBlock_StreamIsStoppedWithoutTheSecret()
    {
        await using var host = await HttpPillarHost.StartAsync(With(AegisScanAction.Redact, o =>
        {
            o.Limits.SseHoldbackChars = 32;
            o.ScanPolicies["stream"] = new AegisScanPolicyOptions { Query = AegisScanAction.Monitor, Response = AegisScanAction.Block };
        }));

        string body;
        try
        {
            using var response = await host.SendAsync(HttpMethod.Get, "/sse?secret=" + FakeScanner.Secret);
            body = await response.Content.ReadAsStringAsync();
        }
        catch (HttpRequestException)
        {
            body = string.Empty; // aborted mid-stream
        }
        catch (IOException)
        {
            body = string.Empty;
        }

        Assert.That(body.Replace("data: ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal), Does.Not.Contain(FakeScanner.Secret));
        Assert.That(body, Does.Not.Contain("[DONE]"));
    }

    [Test]
    public async Task EventStream_Clean_IsForwardedIntact()
    {
        await using var host = await HttpPillarHost.StartAsync(With(AegisScanAction.Redact, o => o.ScanPolicies["stream"] = new AegisScanPolicyOptions { Query = AegisScanAction.Monitor }));

        using var response = await host.SendAsync(HttpMethod.Get, "/sse?secret=nothing");
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(body, Does.Contain("data: Her\n\n").And.Contain("data: [DONE]\n\n"));
    }
}
