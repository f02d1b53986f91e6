using System.Text;
using System.Text.Json;
using AegisGate.AspNetCore.Authentication;
using AegisGate.AspNetCore.Authorization;
using AegisGate.AspNetCore.Http;
using AegisGate.Authentication;
using AegisGate.Detection;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AegisGate.Benchmarks.Http;

/// <summary>
/// The load-test request (<c>benchmarks/http-load</c>: POST of the 4 KB chat body <c>chat-4k.json</c> with an API key)
/// through the whole <c>UseAegisHttp()</c> pipeline with the real detection engine as <c>AddAegisDetection</c> registers it
/// (default rules and policy, the embedded injection classifier): authentication, RBAC, rate limit, body read, JSON
/// validation, the request scan, a handler that parses the body as the sample's echo endpoint does, and the response scan.
/// Baseline: the handler alone. Audit is off (the sample's file audit is measured by the audit benchmarks).
/// </summary>
[MemoryDiagnoser]
public class HttpScanningBenchmarks
{
    private static readonly byte[] Response = Encoding.UTF8.GetBytes("{\"received\":\"object\",\"properties\":4}");

    private ServiceProvider _services = null!;
    private RequestDelegate _handler = null!;
    private RequestDelegate _pillar = null!;
    private Endpoint _endpoint = null!;
    private string _key = null!;
    private byte[] _body = null!;

    [GlobalSetup]
    public void Setup()
    {
        _body = File.ReadAllBytes(FindChatBody());
        _key = ApiKeyHasher.GenerateKey();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddAuthentication().AddAegisApiKey(o => o.Keys.Add(new ApiKeyEntry { Principal = "bench", Hash = ApiKeyHasher.Hash(_key), Roles = [AegisRoles.Admin] }));
        services.AddAegisGate(o => o.Audit.Enabled = false)
            .AddAegisDetection()
            .AddAegisHttp(o => o.RateLimit.TokenLimit = o.RateLimit.TokensPerPeriod = 1_000_000);
        _services = services.BuildServiceProvider();
        _handler = static async context =>
        {
            // As the sample's POST /api/v1/echo: parse the (scanned) body, answer with a small JSON object.
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.Body.WriteAsync(Response);
        };
        var app = new ApplicationBuilder(_services);
        app.UseAegisHttp();
        app.Run(_handler);
        _pillar = app.Build();
        _endpoint = new Endpoint(_handler, new EndpointMetadataCollection(new AegisPermissionAttribute("write"), new HttpMethodMetadata(["POST"])), "POST /api/v1/echo");

        // The request must pass (200) with the real scanner, or the benchmark measures a denial.
        var check = Context();
        _pillar(check).GetAwaiter().GetResult();
        if (check.Response.StatusCode != 200)
        {
            throw new InvalidOperationException($"The benchmark request was answered with {check.Response.StatusCode}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public Task Handler_PostChat4K() => RunAsync(_handler);

    [Benchmark]
    public Task Pillar_PostChat4K() => RunAsync(_pillar);

    private static string FindChatBody()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "benchmarks", "http-load", "chat-4k.json");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException("benchmarks/http-load/chat-4k.json was not found above " + AppContext.BaseDirectory);
    }

    // Runs the request, then its OnCompleted callbacks as a server would (returns the pooled body buffer).
    private Task RunAsync(RequestDelegate app) => CompletingResponseFeature.RunAsync(app, Context());

    private DefaultHttpContext Context()
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Features.Set<IHttpResponseFeature>(new CompletingResponseFeature());
        context.Response.Body = Stream.Null;
        context.Request.Method = "POST";
        context.Request.Headers["X-API-Key"] = _key;
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = _body.Length;
        context.Request.Body = new MemoryStream(_body, writable: false);
        context.SetEndpoint(_endpoint);
        return context;
    }
}
