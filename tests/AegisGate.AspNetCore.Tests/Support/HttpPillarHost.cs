using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Security.Claims;
using System.Text.Encodings.Web;
using AegisGate.AspNetCore.Authentication;
using AegisGate.AspNetCore.Authorization;
using AegisGate.AspNetCore.Http;
using AegisGate.Audit;
using AegisGate.Authentication;
using AegisGate.Detection;
using AegisGate.Licensing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AegisGate.AspNetCore.Tests.Support;

/// <summary>Options of a test host running <c>UseAegisHttp()</c> on TestServer.</summary>
internal sealed class HttpPillarHostOptions
{
    public Action<AegisHttpOptions>? Configure { get; set; }

    public Action<IServiceCollection>? Services { get; set; }

    public Action<IAegisBuilder>? Aegis { get; set; }

    public Action<WebApplication>? Before { get; set; }

    public Action<WebApplication>? Map { get; set; }

    public bool RegisterScanner { get; set; } = true;

    public bool RegisterAudit { get; set; } = true;

    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>A WebApplication on TestServer with the HTTP pillar, one API key per built-in role, a Moq scanner and audit sink.</summary>
internal sealed class HttpPillarHost : IAsyncDisposable
{
    public const string Secret = FakeScanner.Secret;

    private HttpPillarHost(WebApplication app, Mock<IContentScanner> scanner, Mock<IAuditSink> audit, FakeTimeProvider time, Dictionary<string, string> keys, List<AuditEvent> events)
    {
        AuditEvents = events;
        App = app;
        Scanner = scanner;
        Audit = audit;
        Time = time;
        Keys = keys;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public Mock<IContentScanner> Scanner { get; }

    public Mock<IAuditSink> Audit { get; }

    public List<AuditEvent> AuditEvents { get; }

    public AuditEvent[] AuditSnapshot()
    {
        lock (AuditEvents)
        {
            return [.. AuditEvents];
        }
    }

    public FakeTimeProvider Time { get; }

    public Dictionary<string, string> Keys { get; }

    public FakeLogCollector Logs => App.Services.GetFakeLogCollector();

    /// <summary>Gets the number of times any handler ran.</summary>
    public int HandlerCalls => App.Services.GetRequiredService<HandlerCounter>().Count;

    public static async Task<HttpPillarHost> StartAsync(HttpPillarHostOptions? options = null)
    {
        options ??= new HttpPillarHostOptions();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var scanner = FakeScanner.Create();
        var audit = new Mock<IAuditSink>();
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Logging.AddFakeLogging();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<HandlerCounter>();

        var entries = new List<ApiKeyEntry>();
        foreach (var role in new[] { AegisRoles.Viewer, AegisRoles.Analyst, AegisRoles.Operator, AegisRoles.Admin, "custom", "none" })
        {
            var key = ApiKeyHasher.GenerateKey();
            keys[role] = key;
            entries.Add(new ApiKeyEntry { Principal = role + "-user", Hash = ApiKeyHasher.Hash(key), Roles = role == "none" ? [] : [role] });
        }

        var expired = ApiKeyHasher.GenerateKey();
        keys["expired"] = expired;
        entries.Add(new ApiKeyEntry { Principal = "expired-user", Hash = ApiKeyHasher.Hash(expired), Roles = [AegisRoles.Admin], ExpiresAt = time.GetUtcNow().AddMinutes(5) });
        builder.Services.AddAuthentication().AddAegisApiKey(o =>
        {
            foreach (var entry in entries)
            {
                o.Keys.Add(entry);
            }
        });

        if (options.RegisterScanner)
        {
            builder.Services.AddSingleton(scanner.Object);
        }

        var events = new List<AuditEvent>();
        audit.Setup(a => a.WriteAsync(It.IsAny<AuditEvent>(), It.IsAny<CancellationToken>())).Callback((AuditEvent e, CancellationToken _) =>
        {
            lock (events)
            {
                events.Add(e);
            }
        }).Returns(ValueTask.CompletedTask);
        if (options.RegisterAudit)
        {
            builder.Services.AddSingleton(audit.Object);
            builder.Services.AddSingleton<AuditTrail>();
        }

        options.Services?.Invoke(builder.Services);
        var aegis = builder.Services.AddAegisGate(o => o.CheckTimeout = options.CheckTimeout).AddAegisHttp(o =>
        {
            o.Authorization.Roles["custom"] = ["reports.read"];
            options.Configure?.Invoke(o);
        });
        options.Aegis?.Invoke(aegis);
        if (!options.RegisterAudit)
        {
            // AddAegisGate registers the JSONL audit trail by default; a host that removed it has no audit at all.
            builder.Services.RemoveAll<IAuditSink>();
            builder.Services.RemoveAll<AuditTrail>();
            foreach (var hosted in builder.Services.Where(static d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService) && d.ImplementationType?.Name == "AuditSinkStartup").ToList())
            {
                builder.Services.Remove(hosted);
            }
        }

        var app = builder.Build();
        options.Before?.Invoke(app);
        app.UseAegisHttp();
        MapDefaults(app);
        options.Map?.Invoke(app);
        await app.StartAsync();
        return new HttpPillarHost(app, scanner, audit, time, keys, events);
    }

    public HttpRequestMessage Request(HttpMethod method, string path, string? role = AegisRoles.Admin, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        if (role is not null)
        {
            request.Headers.Add("X-API-Key", Keys[role]);
        }

        return request;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? role = AegisRoles.Admin, HttpContent? content = null)
        => Client.SendAsync(Request(method, path, role, content));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    private static void MapDefaults(WebApplication app)
    {
        app.MapGet("/read", (HandlerCounter c) => c.Hit("read")).RequireAegisPermission(AegisPermissions.Read);
        app.MapGet("/scan", (HandlerCounter c) => c.Hit("scan")).RequireAegisPermission(AegisPermissions.Scan);
        app.MapGet("/write", (HandlerCounter c) => c.Hit("write")).RequireAegisPermission(AegisPermissions.Write);
        app.MapGet("/manage", (HandlerCounter c) => c.Hit("manage")).RequireAegisPermission(AegisPermissions.Manage);
        app.MapGet("/reports", (HandlerCounter c) => c.Hit("reports")).RequireAegisPermission("reports.read");
        app.MapGet("/nopolicy", (HandlerCounter c) => c.Hit("nopolicy"));
        app.MapGet("/public", (HandlerCounter c) => c.Hit("public")).AllowAegisPublic("test probe");
        app.MapGet("/whoami", (HttpContext ctx, HandlerCounter c) => { c.Hit("whoami"); return Results.Text(ctx.User.Identity?.Name ?? "-"); }).RequireAegisPermission(AegisPermissions.Read);

        // Echo: returns what the handler saw (after decoding and redaction) as text.
        app.MapPost("/echo", async (HttpContext ctx, HandlerCounter c) =>
        {
            c.Hit("echo");
            using var reader = new StreamReader(ctx.Request.Body);
            var body = await reader.ReadToEndAsync();
            return Results.Text($"{ctx.Request.Headers.ContentEncoding}|{ctx.Request.QueryString}|{body}", "text/plain");
        }).RequireAegisPermission(AegisPermissions.Write);
        app.MapGet("/query", (HttpContext ctx, HandlerCounter c) => { c.Hit("query"); return Results.Text(ctx.Request.QueryString.Value ?? string.Empty); }).RequireAegisPermission(AegisPermissions.Read);
    }
}

/// <summary>Counts handler invocations (to prove a denied request never reached its handler).</summary>
internal sealed class HandlerCounter
{
    private int _count;

    public int Count => _count;

    public IResult Hit(string name)
    {
        Interlocked.Increment(ref _count);
        return Results.Text(name);
    }
}

/// <summary>A test authentication scheme: <c>Authorization: Test user:role</c> succeeds, <c>Authorization: Test bad</c> fails.</summary>
internal sealed class TestSchemeHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Test ", StringComparison.Ordinal))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var value = header[5..];
        var parts = value.Split(':');
        if (parts.Length != 2)
        {
            return Task.FromResult(AuthenticateResult.Fail("bad test credential"));
        }

        var identity = new ClaimsIdentity(SchemeName);
        identity.AddClaim(new Claim("sub", parts[0]));
        identity.AddClaim(new Claim("roles", parts[1]));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
