using System.Text;
using AegisGate.AspNetCore.Authentication;
using AegisGate.AspNetCore.Authorization;
using AegisGate.AspNetCore.Http;
using AegisGate.Authentication;
using AegisGate.Detection;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AegisGate.Benchmarks.Http;

/// <summary>
/// The per-request cost of <c>UseAegisHttp()</c> itself (authentication, RBAC, rate limit, bounded body read, UTF-8 and
/// JSON validation, buffered response), with a scanner that returns a cached allow so the detection engine's own cost is
/// not counted (it is measured by the detection benchmarks). Baseline: the handler alone.
/// </summary>
[MemoryDiagnoser]
public class HttpMiddlewareBenchmarks
{
    private static readonly byte[] Json4K = Encoding.UTF8.GetBytes("{\"messages\":[" + string.Join(',', Enumerable.Range(0, 40).Select(i => $"{{\"role\":\"user\",\"content\":\"message {i:D3} with some ordinary words in it {new string('x', 40)}\"}}")) + "]}");
    private static readonly byte[] Response = Encoding.UTF8.GetBytes("{\"ok\":true,\"received\":\"object\"}");

    private ServiceProvider _services = null!;
    private RequestDelegate _handler = null!;
    private RequestDelegate _pillar = null!;
    private Endpoint _getEndpoint = null!;
    private Endpoint _postEndpoint = null!;
    private string _key = null!;

    [GlobalSetup]
    public void Setup()
    {
        _key = ApiKeyHasher.GenerateKey();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<IContentScanner, AllowScanner>();
        services.AddAuthentication().AddAegisApiKey(o => o.Keys.Add(new ApiKeyEntry { Principal = "bench", Hash = ApiKeyHasher.Hash(_key), Roles = [AegisRoles.Admin] }));
        services.AddAegisGate(o => o.Audit.Enabled = false).AddAegisHttp(o => o.RateLimit.TokenLimit = o.RateLimit.TokensPerPeriod = 1_000_000);
        _services = services.BuildServiceProvider();
        _handler = static async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(Response);
        };
        var app = new ApplicationBuilder(_services);
        app.UseAegisHttp();
        app.Run(_handler);
        _pillar = app.Build();
        _getEndpoint = new Endpoint(_handler, new EndpointMetadataCollection(new AegisPermissionAttribute("read"), new HttpMethodMetadata(["GET"])), "GET /bench");
        _postEndpoint = new Endpoint(_handler, new EndpointMetadataCollection(new AegisPermissionAttribute("write"), new HttpMethodMetadata(["POST"])), "POST /bench");
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public Task Handler_Post4KJson() => RunAsync(_handler, post: true);

    [Benchmark]
    public Task Pillar_Get() => RunAsync(_pillar, post: false);

    [Benchmark]
    public Task Pillar_Post4KJson() => RunAsync(_pillar, post: true);

    // Runs the request, then its OnCompleted callbacks as a server would: the pooled body buffer registered for disposal is
    // returned to the pool (a bare DefaultHttpContext never completes, which counted a fresh buffer per request).
    private Task RunAsync(RequestDelegate app, bool post) => CompletingResponseFeature.RunAsync(app, Context(post));

    private DefaultHttpContext Context(bool post)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>(new CompletingResponseFeature());
        context.Request.Method = post ? "POST" : "GET";
        context.Request.Headers["X-API-Key"] = _key;
        if (post)
        {
            context.Request.ContentType = "application/json";
            context.Request.ContentLength = Json4K.Length;
            context.Request.Body = new MemoryStream(Json4K, writable: false);
        }

        context.SetEndpoint(post ? _postEndpoint : _getEndpoint);
        return context;
    }

    private sealed class AllowScanner : IContentScanner
    {
        private static readonly ScanResult Clean = new() { Verdict = ScanVerdict.Allow };

        public ScanResult Scan(string content, ScanOptions options) => Clean;

        public ScanResult ScanJson(ReadOnlyMemory<byte> utf8Json, ScanOptions options) => Clean;
    }
}
