using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using AegisGate.A2A.Configuration;
using AegisGate.Licensing;
using AegisGate.TestUtilities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AegisGate.A2A.Tests.Support;

/// <summary>An in-memory host (TestServer) with UseAegisA2A() in front of a counting handler; client certificates are set on the context.</summary>
internal sealed class A2ATestServer : IAsyncDisposable
{
    private readonly TempDirectory _directory;

    private A2ATestServer(WebApplication app, TempDirectory directory, A2ATestFiles files, X509Certificate2 ca, FakeTimeProvider time, Mock<ILicenseProvider> license)
    {
        App = app;
        _directory = directory;
        Files = files;
        Ca = ca;
        Time = time;
        License = license;
        Server = app.GetTestServer();
    }

    public WebApplication App { get; }

    public TestServer Server { get; }

    public A2ATestFiles Files { get; }

    public X509Certificate2 Ca { get; }

    public FakeTimeProvider Time { get; }

    public Mock<ILicenseProvider> License { get; }

    public int HandlerCalls;

    public static async Task<A2ATestServer> StartAsync(Action<IServiceCollection>? services = null, Action<A2ATestFiles>? files = null, Action<AegisA2AOptions>? options = null, TimeSpan? checkTimeout = null, bool registerLicense = true, Action<WebApplication>? configureApp = null)
    {
        var directory = new TempDirectory();
        var testFiles = new A2ATestFiles(directory.Path);
        var ca = TestPki.CreateCa("Test Agent CA");
        TestPki.WritePem(ca, testFiles.CaFile);
        testFiles.WriteConfig();
        testFiles.WriteCaps();
        files?.Invoke(testFiles);

        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var license = new Mock<ILicenseProvider>();
        license.Setup(l => l.Current).Returns(LicenseState.NoLicense);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing", ContentRootPath = directory.Path });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddAegisGate(o =>
        {
            o.DataDirectory = directory.Path;
            o.ConfigDirectory = directory.Path;
            o.CheckTimeout = checkTimeout ?? TimeSpan.FromSeconds(2);
        }).AddAegisA2A(o =>
        {
            o.WatchFiles = false;
            options?.Invoke(o);
        });
        if (registerLicense)
        {
            builder.Services.AddSingleton(license.Object);
        }
        else
        {
            // AddAegisGate registers the installation licence by default; a host that removed it must not start.
            builder.Services.RemoveAll<ILicenseProvider>();
        }

        services?.Invoke(builder.Services);
        var app = builder.Build();
        A2ATestServer? server = null;
        try
        {
            app.UseAegisA2A();
            app.MapPost("/a2a", (HttpContext http) =>
            {
                Interlocked.Increment(ref server!.HandlerCalls);
                return http.Response.WriteAsync("handled");
            });
            configureApp?.Invoke(app);
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            directory.Dispose();
            throw;
        }

        server = new A2ATestServer(app, directory, testFiles, ca, time, license);
        return server;
    }

    public X509Certificate2 Agent(string agent, bool clientAuth = true) => TestPki.IssueAgent(Ca, agent, A2ATestFiles.UriPrefix + agent, clientAuth);

    /// <summary>Sends a signed JSON-RPC request as <paramref name="agent"/>.</summary>
    public Task<HttpContext> SendSignedAsync(string agent, string capability, string jsonRpcMethod, Action<Dictionary<string, string>>? tamper = null, string path = "/a2a", X509Certificate2? certificate = null, string? body = null)
    {
        body ??= TestSigner.JsonRpc(jsonRpcMethod);
        var headers = TestSigner.Headers(Files.KeyFor(agent), A2ATestFiles.KeyIdFor(agent), agent, capability, "POST", path, body, Time.GetUtcNow());
        tamper?.Invoke(headers);
        return SendAsync(certificate ?? Agent(agent), headers, body, path);
    }

    public Task<HttpContext> SendAsync(X509Certificate2? certificate, IReadOnlyDictionary<string, string> headers, string body, string path = "/a2a", string method = "POST")
        => Server.SendAsync(context =>
        {
            context.Request.Method = method;
            context.Request.Path = path;
            context.Connection.ClientCertificate = certificate;
            foreach (var (name, value) in headers)
            {
                context.Request.Headers[name] = value;
            }

            var bytes = System.Text.Encoding.UTF8.GetBytes(body);
            context.Request.ContentType = "application/json";
            context.Request.ContentLength = bytes.Length;
            context.Request.Body = new MemoryStream(bytes);
        });

    public static async Task<(int Status, string Body)> ReadAsync(HttpContext context)
    {
        if (context.Items["test.body"] is not string body)
        {
            using var reader = new StreamReader(context.Response.Body);
            body = await reader.ReadToEndAsync();
            context.Items["test.body"] = body;
        }

        return (context.Response.StatusCode, body);
    }

    public static async Task<string?> CodeOfAsync(HttpContext context)
    {
        var (_, body) = await ReadAsync(context);
        if (!body.StartsWith('{'))
        {
            return null;
        }

        using var json = System.Text.Json.JsonDocument.Parse(body);
        return json.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        _directory.Dispose();
    }

    public static HttpStatusCode Status(HttpContext context) => (HttpStatusCode)context.Response.StatusCode;
}
