using System.Net;
using System.Text;
using AegisGate.AspNetCore.Http;
using AegisGate.AspNetCore.Scanning;
using AegisGate.AspNetCore.Tests.Support;
using AegisGate.Detection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AegisGate.AspNetCore.Tests.Scanning;

public sealed class OutboundScanningTests
{
    private WebApplication _upstream = null!;
    private string? _lastBody;

    [OneTimeSetUp]
    public async Task StartUpstreamAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        _upstream = builder.Build();
        _upstream.MapPost("/v1/chat", async (HttpContext ctx) =>
        {
            using var reader = new StreamReader(ctx.Request.Body);
            _lastBody = await reader.ReadToEndAsync();
            return Results.Json(new { reply = "ok" });
        });
        _upstream.MapGet("/v1/leak", () => Results.Json(new { reply = "here: " + FakeScanner.Secret }));
        _upstream.MapGet("/v1/binary", () => Results.Bytes([1, 2, 3]));
        _upstream.MapGet("/v1/stream", async (HttpContext ctx) =>
        {
            ctx.Response.ContentType = "text/event-stream";
            var text = "stream with " + FakeScanner.Secret + " inside a long enough answer for the window";
            for (var i = 0; i < text.Length; i += 2)
            {
                await ctx.Response.WriteAsync($"data: {text.Substring(i, Math.Min(2, text.Length - i))}\n\n");
            }
        });
        await _upstream.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopUpstreamAsync() => await _upstream.DisposeAsync();

    private ServiceProvider Services(Action<AegisOutboundScanOptions>? configure = null, bool scanner = true)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        if (scanner)
        {
            services.AddSingleton(FakeScanner.Create().Object);
        }

        services.AddAegisGate().AddAegisHttp();
        services.AddHttpClient("llm", c => c.BaseAddress = new Uri("http://upstream"))
            .AddAegisOutboundScanning(o =>
            {
                o.SseHoldbackChars = 32;
                configure?.Invoke(o);
            })
            .ConfigurePrimaryHttpMessageHandler(() => _upstream.GetTestServer().CreateHandler());
        return services.BuildServiceProvider();
    }

    private static HttpClient Client(ServiceProvider sp) => sp.GetRequiredService<IHttpClientFactory>().CreateClient("llm");

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Test]
    public async Task Send_Clean_ReachesUpstream()
    {
        await using var sp = Services();

        using var response = await Client(sp).PostAsync(new Uri("/v1/chat", UriKind.Relative), Json("{\"prompt\":\"hi\"}"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_lastBody, Is.EqualTo("{\"prompt\":\"hi\"}"));
    }

    [Test]
    public async Task Send_SecretUnderBlock_ThrowsBeforeItLeaves()
    {
        await using var sp = Services();
        _lastBody = null;

        var ex = Assert.ThrowsAsync<AegisDeniedException>(async () => await Client(sp).PostAsync(new Uri("/v1/chat", UriKind.Relative), Json("{\"prompt\":\"" + FakeScanner.Secret + "\"}")));

        Assert.That(ex!.Decision.Code, Is.EqualTo(HttpErrorCodes.OutboundBlocked));
        Assert.That(ex.Message, Does.Not.Contain(FakeScanner.Secret));
        Assert.That(_lastBody, Is.Null, "nothing was sent");
    }

    [Test]
    public async Task Send_SecretUnderRedact_UpstreamSeesMask()
    {
        await using var sp = Services(o => o.Request = AegisScanAction.Redact);

        using var response = await Client(sp).PostAsync(new Uri("/v1/chat", UriKind.Relative), Json("{\"prompt\":\"" + FakeScanner.Secret + "\"}"));

        Assert.That(_lastBody, Is.EqualTo("{\"prompt\":\"" + FakeScanner.Mask + "\"}"));
    }

    [Test]
    public async Task Receive_SecretUnderRedact_CallerSeesMask()
    {
        await using var sp = Services();

        var body = await Client(sp).GetStringAsync(new Uri("/v1/leak", UriKind.Relative));

        Assert.That(body, Is.EqualTo("{\"reply\":\"here: " + FakeScanner.Mask + "\"}"));
    }

    [Test]
    public async Task Receive_SecretUnderBlock_Throws()
    {
        await using var sp = Services(o => o.Response = AegisScanAction.Block);

        Assert.ThrowsAsync<AegisDeniedException>(async () => await Client(sp).GetStringAsync(new Uri("/v1/leak", UriKind.Relative)));
    }

    [Test]
    public async Task Receive_Binary_IsRefusedUnlessAllowed()
    {
        await using var denying = Services();
        await using var allowing = Services(o => o.Unscannable = AegisUnscannableContent.Allow);

        Assert.ThrowsAsync<AegisDeniedException>(async () => await Client(denying).GetByteArrayAsync(new Uri("/v1/binary", UriKind.Relative)));
        Assert.That(await Client(allowing).GetByteArrayAsync(new Uri("/v1/binary", UriKind.Relative)), Is.EqualTo(new byte[] { 1, 2, 3 }));
    }

    [Test]
    public async Task Receive_EventStream_SecretSplitAcrossEventsIsRedacted()
    {
        await using var sp = Services();

        using var response = await Client(sp).GetAsync(new Uri("/v1/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStringAsync();
        var text = string.Concat(body.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l[6..]));

        Assert.That(text, Is.EqualTo("stream with [REDACTED:secret.test_token] inside a long enough answer for the window"));
    }

    [Test]
    public async Task Receive_EventStreamUnderBlock_ReadFails()
    {
        await using var sp = Services(o => o.Response = AegisScanAction.Block);

        using var response = await Client(sp).GetAsync(new Uri("/v1/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);

        var ex = Assert.CatchAsync(async () => await response.Content.ReadAsStringAsync());
        var chain = new List<Exception>();
        for (var e = ex; e is not null; e = e.InnerException)
        {
            chain.Add(e);
        }

        Assert.That(chain.OfType<AegisDeniedException>().Single().Decision.Code, Is.EqualTo(HttpErrorCodes.OutboundBlocked));
    }

    [Test]
    public async Task Send_NoScanner_ThrowsScannerUnavailable()
    {
        await using var sp = Services(scanner: false);

        var ex = Assert.ThrowsAsync<AegisDeniedException>(async () => await Client(sp).PostAsync(new Uri("/v1/chat", UriKind.Relative), Json("{\"prompt\":\"hi\"}")));

        Assert.That(ex!.Decision.Code, Is.EqualTo(HttpErrorCodes.ScannerUnavailable));
    }
}
