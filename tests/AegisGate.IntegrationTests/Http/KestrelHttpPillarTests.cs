using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AegisGate.AspNetCore;
using AegisGate.AspNetCore.Authorization;
using AegisGate.AspNetCore.Http;
using AegisGate.TestUtilities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AegisGate.IntegrationTests.Http;

/// <summary>The HTTP pillar on real Kestrel over TLS 1.3: every fail-closed row, each action, bodies, SSE.</summary>
[NonParallelizable]
public sealed class KestrelHttpPillarTests
{
    private static readonly TaskCompletionSource StreamGate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private PillarKestrelHost _host = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await PillarKestrelHost.StartAsync(
        o =>
        {
            o.RateLimit.TokenLimit = 10_000;
            o.RateLimit.TokensPerPeriod = 10_000;
            o.Limits.SseHoldbackChars = 32;
            o.ScanPolicies["redact"] = new AegisScanPolicyOptions { Request = AegisScanAction.Redact };
            o.ScanPolicies["monitor"] = new AegisScanPolicyOptions { Request = AegisScanAction.Monitor, Response = AegisScanAction.Monitor };
            o.ScanPolicies["stream"] = new AegisScanPolicyOptions { Query = AegisScanAction.Monitor, Response = AegisScanAction.Redact };
            o.ScanPolicies["stream-block"] = new AegisScanPolicyOptions { Query = AegisScanAction.Monitor, Response = AegisScanAction.Block };
        },
        app =>
        {
            foreach (var permission in new[] { "read", "scan", "write", "manage" })
            {
                app.MapGet("/" + permission, () => Results.Text(permission)).RequireAegisPermission(permission);
            }

            app.MapGet("/nopolicy", () => "x");
            app.MapGet("/public", () => "public").AllowAegisPublic("integration probe");
            app.MapPost("/echo", (Delegate)Echo).RequireAegisPermission("write");
            app.MapPost("/echo/redact", (Delegate)Echo).RequireAegisPermission("write").WithAegisScanPolicy("redact");
            app.MapPost("/echo/monitor", (Delegate)Echo).RequireAegisPermission("write").WithAegisScanPolicy("monitor");
            app.MapGet("/sse", Stream).RequireAegisPermission("read").WithAegisScanPolicy("stream");
            app.MapGet("/sse/block", Stream).RequireAegisPermission("read").WithAegisScanPolicy("stream-block");
            app.MapGet("/sse/gated", async (HttpContext ctx) =>
            {
                ctx.Response.ContentType = "text/event-stream";
                for (var i = 0; i < 20; i++)
                {
                    await ctx.Response.WriteAsync($"data: token number {i:D2} of a long answer\n\n");
                    await ctx.Response.Body.FlushAsync();
                }

                // Only finishes once the client has received events: a buffered stream would deadlock here.
                await StreamGate.Task.WaitAsync(TimeSpan.FromSeconds(30));
                await ctx.Response.WriteAsync("data: [DONE]\n\n");
            }).RequireAegisPermission("read");
        });

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    private static async Task<IResult> Echo(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body);
        return Results.Text(await reader.ReadToEndAsync(), "text/plain");
    }

    private static async Task Stream(HttpContext ctx, string text)
    {
        ctx.Response.ContentType = "text/event-stream";
        var full = "Answer: " + text + " - and some more text to fill the hold-back window nicely.";
        for (var i = 0; i < full.Length; i += 3)
        {
            await ctx.Response.WriteAsync($"data: {full.Substring(i, Math.Min(3, full.Length - i))}\n\n");
            await ctx.Response.Body.FlushAsync();
        }

        await ctx.Response.WriteAsync("data: [DONE]\n\n");
    }

    private static async Task<string> CodeOf(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), body);
        Assert.That(body, Does.Not.Contain(TestContentScanner.Secret));
        return JsonDocument.Parse(body).RootElement.GetProperty("code").GetString()!;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Test]
    public async Task NoKey_Returns403AuthMissing()
    {
        using var client = _host.CreateClient(role: null);

        using var response = await client.GetAsync(new Uri("/read", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await CodeOf(response), Is.EqualTo(HttpErrorCodes.AuthMissing));
    }

    [Test]
    public async Task BadKey_Returns403AuthInvalid()
    {
        using var client = _host.CreateClient(role: null);
        client.DefaultRequestHeaders.Add("X-API-Key", "aegis_bogus");

        using var response = await client.GetAsync(new Uri("/read", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await CodeOf(response), Is.EqualTo(HttpErrorCodes.AuthInvalid));
    }

    private static IEnumerable<TestCaseData> RbacMatrix()
    {
        var grants = new Dictionary<string, string[]>
        {
            [AegisRoles.Viewer] = ["read"],
            [AegisRoles.Analyst] = ["read", "scan"],
            [AegisRoles.Operator] = ["read", "scan", "write"],
            [AegisRoles.Admin] = ["read", "scan", "write", "manage"],
        };
        foreach (var (role, allowed) in grants)
        {
            foreach (var endpoint in new[] { "read", "scan", "write", "manage", "nopolicy" })
            {
                var ok = allowed.Contains(endpoint);
                yield return new TestCaseData(role, endpoint, ok).SetName($"Rbac_Kestrel_{role}_{endpoint}_{(ok ? "Allowed" : "Denied")}");
            }
        }
    }

    [TestCaseSource(nameof(RbacMatrix))]
    public async Task Rbac_RoleByEndpoint(string role, string endpoint, bool allowed)
    {
        using var client = _host.CreateClient(role);

        using var response = await client.GetAsync(new Uri("/" + endpoint, UriKind.Relative));

        if (allowed)
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        else
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await CodeOf(response), Is.EqualTo(endpoint == "nopolicy" ? HttpErrorCodes.RbacNoPolicy : HttpErrorCodes.RbacDenied));
        }
    }

    [Test]
    public async Task PublicEndpoint_AnswersWithoutKey()
    {
        using var client = _host.CreateClient(role: null);

        Assert.That(await client.GetStringAsync(new Uri("/public", UriKind.Relative)), Is.EqualTo("public"));
    }

    [Test]
    public async Task Body_SecretUnderBlock_Returns403WithRuleIds()
    {
        using var client = _host.CreateClient();

        using var response = await client.PostAsync(new Uri("/echo", UriKind.Relative), Json("{\"p\":\"" + TestContentScanner.Secret + "\"}"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await CodeOf(response), Is.EqualTo(AegisErrorCodes.ContentBlocked));
    }

    [Test]
    public async Task Body_SecretUnderRedact_HandlerSeesMask()
    {
        using var client = _host.CreateClient();

        using var response = await client.PostAsync(new Uri("/echo/redact", UriKind.Relative), Json("{\"p\":\"" + TestContentScanner.Secret + "\"}"));

        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("{\"p\":\"" + TestContentScanner.Mask + "\"}"));
    }

    [Test]
    public async Task Body_SecretUnderMonitor_PassesAndIsAudited()
    {
        using var client = _host.CreateClient();

        using var response = await client.PostAsync(new Uri("/echo/monitor", UriKind.Relative), Json("{\"p\":\"" + TestContentScanner.Secret + "\"}"));

        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain(TestContentScanner.Secret));
        Assert.That(_host.Audit.Snapshot().Any(e => e.Properties?.GetValueOrDefault("action") == "monitor" && e.Properties["rules"] == "secret.test_token"), Is.True);
    }

    [Test]
    public async Task Body_Oversized30MB_Returns413()
    {
        using var client = _host.CreateClient();
        var content = new ByteArrayContent(new byte[30_000_000]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync(new Uri("/echo", UriKind.Relative), content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await CodeOf(response), Is.EqualTo(HttpErrorCodes.BodyTooLarge));
    }

    [Test]
    public async Task Body_GzipBomb_Returns413AndHostSurvives()
    {
        using var client = _host.CreateClient();
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 200; i++)
            {
                gzip.Write(zeros);
            }
        }

        var content = new ByteArrayContent(compressed.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");

        using var response = await client.PostAsync(new Uri("/echo", UriKind.Relative), content);
        using var after = await client.GetAsync(new Uri("/read", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await CodeOf(response), Is.EqualTo(HttpErrorCodes.EncodingBomb));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Sse_SecretSplitAcrossFrames_IsRedacted()
    {
        using var client = _host.CreateClient();

        var body = await client.GetStringAsync(new Uri("/sse?text=" + TestContentScanner.Secret, UriKind.Relative));
        var text = string.Concat(body.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal) && l != "data: [DONE]").Select(l => l[6..]));

        Assert.That(text, Does.StartWith("Answer: [REDACTED:secret.test_token] - and some more"));
        Assert.That(body.Replace("data: ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal), Does.Not.Contain(TestContentScanner.Secret));
        Assert.That(body, Does.EndWith("data: [DONE]\n\n"));
    }

    [Test]
    public async Task Sse_IsNotBufferedWhole_EventsArriveBeforeTheStreamEnds()
    {
        using var client = _host.CreateClient();
        using var response = await client.GetAsync(new Uri("/sse/gated", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(stream);

        var first = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        StreamGate.TrySetResult();
        var rest = await reader.ReadToEndAsync();

        Assert.That(first, Is.EqualTo("data: token number 00 of a long answer"));
        Assert.That(rest, Does.EndWith("data: [DONE]\n\n"));
    }

    [Test]
    public async Task Sse_SecretUnderBlockAfterStart_ConnectionIsAbortedWithoutTheSecret()
    {
        using var client = _host.CreateClient();
        var text = new string('x', 120) + TestContentScanner.Secret;
        var received = new StringBuilder();
        var aborted = false;
        try
        {
            using var response = await client.GetAsync(new Uri("/sse/block?text=" + text, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
            await using var stream = await response.Content.ReadAsStreamAsync();
            using var reader = new StreamReader(stream);
            received.Append(await reader.ReadToEndAsync());
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            aborted = true;
        }

        Assert.That(aborted || !received.ToString().Contains("[DONE]", StringComparison.Ordinal), Is.True, "the stream did not complete normally");
        Assert.That(received.ToString().Replace("data: ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal), Does.Not.Contain(TestContentScanner.Secret));
    }

    [Test]
    public async Task Scanner_Throws_DeniesWithCheckFaultedOverKestrel()
    {
        _host.Scanner.Override = _ => throw new InvalidOperationException("engine bug");
        try
        {
            using var client = _host.CreateClient();
            using var response = await client.PostAsync(new Uri("/echo", UriKind.Relative), Json("{\"p\":\"x\"}"));

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await CodeOf(response), Is.EqualTo(AegisErrorCodes.CheckFaulted));
        }
        finally
        {
            _host.Scanner.Override = null;
        }
    }

    [Test]
    public async Task Audit_Unavailable_FindingsAreDenied()
    {
        _host.Audit.Fail = true;
        try
        {
            using var client = _host.CreateClient();
            using var response = await client.PostAsync(new Uri("/echo/monitor", UriKind.Relative), Json("{\"p\":\"" + TestContentScanner.Secret + "\"}"));

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(await CodeOf(response), Is.EqualTo(AegisErrorCodes.AuditUnavailable));
        }
        finally
        {
            _host.Audit.Fail = false;
        }
    }

    [Test]
    public async Task ThrowingUserCheck_DeniesWithCheckFaulted()
    {
        await using var host = await PillarKestrelHost.StartAsync(map: app => app.MapGet("/read", () => "r").RequireAegisPermission("read"), aegis: a => a.AddPipeline(AegisHttpPipelines.Access, (p, _) => p.AddCheck(TestChecks.Throw())));
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri("/read", UriKind.Relative));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await CodeOf(response), Is.EqualTo(AegisErrorCodes.CheckFaulted));
    }

    [Test]
    public async Task RateLimit_Returns429WithRetryAfter()
    {
        await using var host = await PillarKestrelHost.StartAsync(o => { o.RateLimit.TokenLimit = 2; o.RateLimit.TokensPerPeriod = 1; o.RateLimit.ReplenishmentPeriod = TimeSpan.FromMinutes(10); }, app => app.MapGet("/read", () => "r").RequireAegisPermission("read"));
        using var client = host.CreateClient();

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last?.Dispose();
            last = await client.GetAsync(new Uri("/read", UriKind.Relative));
            statuses.Add(last.StatusCode);
        }

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        Assert.That(last!.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(await CodeOf(last), Is.EqualTo(HttpErrorCodes.RateLimited));
        last.Dispose();
    }

    [Test]
    public async Task ScanApi_OverKestrel_ReportsWithoutEcho()
    {
        using var client = _host.CreateClient(AegisRoles.Analyst);

        using var response = await client.PostAsync(new Uri("/api/v1/scan", UriKind.Relative), new StringContent("{\"content\":\"k " + TestContentScanner.Secret + "\"}", Encoding.UTF8, "application/x-www-form-urlencoded"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        Assert.That(body, Does.Contain("secret.test_token").And.Not.Contain(TestContentScanner.Secret));
    }
}
