using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AegisGate.AspNetCore.Authorization;
using AegisGate.AspNetCore.Http;
using AegisGate.Audit;
using AegisGate.Authentication;
using AegisGate.Detection;
using AegisGate.Sample;
using AegisGate.TestUtilities;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AegisGate.IntegrationTests.Http;

/// <summary>
/// A deterministic content scanner for the integration tests' own hosts: <c>SECRET123</c> is a secret the engine marks
/// redact, <c>IGNORE-ALL</c> an injection it marks block. (The sample host uses the registered detection engine.)
/// </summary>
internal sealed class TestContentScanner : IContentScanner
{
    public const string Secret = "SECRET123";
    public const string Injection = "IGNORE-ALL";
    public const string Mask = "[MASKED]";

    public Func<string, ScanResult>? Override { get; set; }

    public ScanResult Scan(string content, ScanOptions options)
    {
        if (Override is { } o)
        {
            return o(content);
        }

        var findings = new List<DetectionFinding>();
        Find(content, Secret, "secret.test_token", DetectionCategory.Secret, DetectionAction.Redact, findings);
        Find(content, Injection, "injection.test_override", DetectionCategory.Injection, DetectionAction.Block, findings);
        var verdict = findings.Count == 0 ? ScanVerdict.Allow : (ScanVerdict)findings.Max(f => (int)f.Action);
        return new ScanResult
        {
            Verdict = verdict,
            Findings = findings,
            RedactedContent = options.ProduceRedacted && verdict != ScanVerdict.Block ? content.Replace(Secret, Mask, StringComparison.Ordinal) : null,
        };
    }

    public ScanResult ScanJson(ReadOnlyMemory<byte> utf8Json, ScanOptions options) => Scan(Encoding.UTF8.GetString(utf8Json.Span), options);

    private static void Find(string text, string needle, string rule, DetectionCategory category, DetectionAction action, List<DetectionFinding> findings)
    {
        for (var i = text.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = text.IndexOf(needle, i + needle.Length, StringComparison.Ordinal))
        {
            findings.Add(new DetectionFinding { RuleId = rule, Category = category, Severity = DetectionSeverity.High, Action = action, Start = i, End = i + needle.Length, Confidence = 1 });
        }
    }
}

/// <summary>An in-memory audit sink.</summary>
internal sealed class MemoryAuditSink : IAuditSink
{
    private readonly List<AuditEvent> _events = [];

    public bool Fail { get; set; }

    public AuditEvent[] Snapshot()
    {
        lock (_events)
        {
            return [.. _events];
        }
    }

    public ValueTask WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        if (Fail)
        {
            throw new IOException("audit disk unavailable");
        }

        lock (_events)
        {
            _events.Add(auditEvent);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>A real Kestrel host (TLS 1.3 only, the sample's dev PKI) running <c>UseAegisHttp()</c> with one API key per role.</summary>
internal sealed class PillarKestrelHost : IAsyncDisposable
{
    private readonly TempDirectory _data;

    private PillarKestrelHost(WebApplication app, TempDirectory data, DevCertificates pki, Dictionary<string, string> keys, TestContentScanner scanner, MemoryAuditSink audit)
    {
        App = app;
        _data = data;
        Pki = pki;
        Keys = keys;
        Scanner = scanner;
        Audit = audit;
        BaseAddress = new Uri(app.Urls.First());
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public Dictionary<string, string> Keys { get; }

    public TestContentScanner Scanner { get; }

    public MemoryAuditSink Audit { get; }

    internal DevCertificates Pki { get; }

    public static async Task<PillarKestrelHost> StartAsync(Action<AegisHttpOptions>? configure = null, Action<WebApplication>? map = null, Action<IAegisBuilder>? aegis = null)
    {
        var data = new TempDirectory();
        var pki = DevCertificates.EnsureCreated(Path.Combine(data.Path, "certs"));
        var scanner = new TestContentScanner();
        var audit = new MemoryAuditSink();
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("https://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(https =>
        {
            https.ServerCertificate = pki.ServerCertificate;
            https.SslProtocols = SslProtocols.Tls13;
        }));
        builder.Services.AddSingleton<IContentScanner>(scanner);
        builder.Services.AddSingleton<IAuditSink>(audit);
        builder.Services.AddSingleton<AuditTrail>();
        var entries = new List<ApiKeyEntry>();
        foreach (var role in new[] { AegisRoles.Viewer, AegisRoles.Analyst, AegisRoles.Operator, AegisRoles.Admin })
        {
            keys[role] = ApiKeyHasher.GenerateKey();
            entries.Add(new ApiKeyEntry { Principal = role + "-user", Hash = ApiKeyHasher.Hash(keys[role]), Roles = [role] });
        }

        builder.Services.AddAuthentication().AddAegisApiKey(o =>
        {
            foreach (var entry in entries)
            {
                o.Keys.Add(entry);
            }
        });
        var aegisBuilder = builder.Services.AddAegisGate(o => o.DataDirectory = data.Path).AddAegisHttp(configure);
        aegis?.Invoke(aegisBuilder);
        var app = builder.Build();
        app.UseAegisHttp();
        app.MapAegisScanApi();
        map?.Invoke(app);
        await app.StartAsync();
        return new PillarKestrelHost(app, data, pki, keys, scanner, audit);
    }

    public HttpClient CreateClient(string? role = AegisRoles.Admin, bool decompress = false)
    {
        var ca = Pki.CaCertificate;
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = decompress ? System.Net.DecompressionMethods.All : System.Net.DecompressionMethods.None,
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = SslProtocols.Tls13,
                RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && ChainsTo(cert, ca),
            },
        };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (role is not null)
        {
            client.DefaultRequestHeaders.Add("X-API-Key", Keys[role]);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        _data.Dispose();
    }

    private static bool ChainsTo(X509Certificate certificate, X509Certificate2 ca)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }
}
