using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using AegisGate.A2A.Configuration;
using AegisGate.A2A.Tests.Support;
using AegisGate.AspNetCore.Authentication;
using AegisGate.AspNetCore.Authorization;
using AegisGate.Audit;
using AegisGate.Authentication;
using AegisGate.Detection;
using AegisGate.IntegrationTests.Http;
using AegisGate.Licensing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace AegisGate.IntegrationTests.A2A;

/// <summary>
/// A real Kestrel host (TLS 1.3, client certificates) with UseAegisA2A() in front of a counting handler, and the
/// capability admin API behind UseAegisHttp() (API keys, RBAC permission <c>manage</c>). Encryption at rest is on
/// when <see cref="A2AEnvironment.Kek"/> is set.
/// </summary>
internal sealed class A2AKestrelHost : IAsyncDisposable
{
    public const string AdminKey = "it-admin-key-0123456789abcdef0123456789";
    public const string OperatorKey = "it-operator-key-0123456789abcdef012345";
    public const string KekConfigurationKey = "AegisGate:Test:Kek";

    private A2AKestrelHost(WebApplication app, A2AEnvironment environment)
    {
        App = app;
        Environment = environment;
        BaseAddress = new Uri(app.Urls.First());
    }

    public WebApplication App { get; }

    public A2AEnvironment Environment { get; }

    public Uri BaseAddress { get; }

    /// <summary>Starts the host; <paramref name="configure"/> runs after the defaults (to replace the licence, the audit sink, options).</summary>
    public static async Task<A2AKestrelHost> StartAsync(A2AEnvironment environment, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = environment.Directory });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new FakeLoggerProvider(environment.Logs));
        builder.Logging.AddFilter<FakeLoggerProvider>("AegisGate", LogLevel.Debug);
        builder.WebHost.UseUrls("https://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https =>
        {
            https.ServerCertificate = environment.ServerCertificate;
            https.SslProtocols = SslProtocols.Tls13;
            https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
            https.ClientCertificateValidation = static (_, _, _) => true;
        }));
        if (environment.Kek is { } kek)
        {
            builder.Configuration[KekConfigurationKey] = Convert.ToBase64String(kek);
        }

        builder.Services.AddAegisGate(o =>
        {
            o.DataDirectory = environment.Directory;
            o.ConfigDirectory = environment.Directory;
        })
            .AddAegisA2A(o => o.WatchFiles = false)
            .AddAegisHttp()
            .AddAegisEncryption(o =>
            {
                o.Enabled = environment.Kek is not null;
                o.ActiveKeyId = environment.KekId;
                o.Keys[environment.KekId] = new AegisGate.Crypto.KeyEncryptionKeyOptions { Secret = "config:" + KekConfigurationKey };
            });
        builder.Services.AddSingleton<IContentScanner>(new TestContentScanner());
        builder.Services.Configure<AegisApiKeyOptions>(AegisApiKeyDefaults.AuthenticationScheme, o =>
        {
            o.Keys.Add(new ApiKeyEntry { Principal = "it-admin", Hash = ApiKeyHasher.Hash(AdminKey), Roles = [AegisRoles.Admin] });
            o.Keys.Add(new ApiKeyEntry { Principal = "it-operator", Hash = ApiKeyHasher.Hash(OperatorKey), Roles = [AegisRoles.Operator] });
        });
        builder.Services.AddSingleton<ILicenseProvider>(environment.License);
        builder.Services.AddSingleton<IAuditSink>(environment.Audit);
        configure?.Invoke(builder);
        var app = builder.Build();
        try
        {
            app.UseAegisA2A();
            app.UseWhen(static c => !c.Request.Path.StartsWithSegments("/a2a"), static b => b.UseAegisHttp());
            app.MapPost("/a2a", (HttpContext http) =>
            {
                Interlocked.Increment(ref environment.HandlerCalls);
                return http.Response.WriteAsync("handled");
            });
            app.MapAegisA2AAdmin();
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new A2AKestrelHost(app, environment);
    }

    /// <summary>Sends an admin API request with the given API key.</summary>
    public async Task<(HttpStatusCode Status, string? Code, string Body)> AdminAsync(HttpMethod method, string path, string? apiKey, string? body = null)
    {
        using var client = CreateClient(null);
        using var request = new HttpRequestMessage(method, new Uri("/api/v1/admin/a2a" + path, UriKind.Relative));
        if (apiKey is not null)
        {
            request.Headers.Add("X-API-Key", apiKey);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        string? code = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/problem+json")
        {
            code = System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("code").GetString();
        }

        return (response.StatusCode, code, text);
    }

    public HttpClient CreateClient(X509Certificate2? clientCertificate)
    {
        var ca = Environment.Ca;
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = SslProtocols.Tls13,
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(ca);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return certificate is not null && chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
                },
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
            },
        };
        return new HttpClient(handler) { BaseAddress = BaseAddress };
    }

    public A2ARuntime Runtime => App.Services.GetRequiredService<A2ARuntime>();

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>The files, PKI, licence and audit sink of an A2A host; survives host restarts.</summary>
internal sealed class A2AEnvironment : IDisposable
{
    public int HandlerCalls;

    public A2AEnvironment()
    {
        Directory = Path.Combine(Path.GetTempPath(), "aegis-a2a-it-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        Files = new A2ATestFiles(Directory);
        Ca = TestPki.CreateCa("IT Agent CA");
        TestPki.WritePem(Ca, Files.CaFile);
        ServerCertificate = TestPki.IssueServer(Ca);
        Files.WriteConfig();
        Files.WriteCaps();
    }

    public string Directory { get; }

    public A2ATestFiles Files { get; }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 ServerCertificate { get; }

    public TestLicense License { get; } = new();

    public MemoryAuditSink Audit { get; } = new();

    /// <summary>Gets or sets the local key-encryption key; when set, the host encrypts the capability map at rest.</summary>
    public byte[]? Kek { get; set; }

    /// <summary>Gets or sets the id of <see cref="Kek"/>.</summary>
    public string KekId { get; set; } = "it-kek-1";

    /// <summary>Gets the log records of every host started on this environment.</summary>
    public FakeLogCollector Logs { get; } = new();

    public X509Certificate2 Agent(string agent) => TestPki.IssueAgent(Ca, agent, A2ATestFiles.UriPrefix + agent);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>A licence provider whose state (or failure) the test sets.</summary>
internal sealed class TestLicense : ILicenseProvider
{
    public Func<LicenseState> State { get; set; } = static () => LicenseState.NoLicense;

    public LicenseState Current => State();
}

/// <summary>An in-memory audit sink.</summary>
internal sealed class MemoryAuditSink : IAuditSink
{
    public ConcurrentQueue<AuditEvent> Events { get; } = new();

    public ValueTask WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        Events.Enqueue(auditEvent);
        return ValueTask.CompletedTask;
    }
}
