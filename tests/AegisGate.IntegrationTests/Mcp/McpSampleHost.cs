using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using AegisGate.Authentication;
using AegisGate.Mcp.Filtering;
using AegisGate.Sample;
using AegisGate.TestUtilities;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;

namespace AegisGate.IntegrationTests.Mcp;

/// <summary>
/// The real sample host (Kestrel, TLS 1.3, dev PKI, the real detection engine) with extra demo principals: alice and carol (reader), bob
/// (operator), dave (reader, session-limit tests), plus the dev key (sample-admin). The read-document tool has a
/// 3-call bucket so rate limiting can be shown.
/// </summary>
internal sealed class McpSampleHost : IAsyncDisposable
{
    public const int MaxSessionsPerPrincipal = 6;
    private readonly TempDirectory _data;

    private McpSampleHost(WebApplication app, TempDirectory data, string adminKey)
    {
        App = app;
        _data = data;
        AdminKey = adminKey;
        BaseAddress = new Uri(app.Urls.First());
        Pki = app.Services.GetRequiredService<DevCertificates>();
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public string AdminKey { get; }

    public string AliceKey { get; private init; } = string.Empty;

    public string BobKey { get; private init; } = string.Empty;

    public string CarolKey { get; private init; } = string.Empty;

    public string DaveKey { get; private init; } = string.Empty;

    public string DataDirectory => _data.Path;

    internal DevCertificates Pki { get; }

    public static async Task<McpSampleHost> StartAsync()
    {
        await NpmPackages.EnsureInstalledAsync(NpmPackages.EverythingDirectory, "node_modules/@modelcontextprotocol/server-everything/dist/index.js");
        var data = new TempDirectory();
        var adminKey = "admin-" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable("AEGISGATE_SAMPLE_API_KEY", adminKey);
        var keys = new (string Principal, string Role)[] { ("alice", "reader"), ("bob", "operator"), ("carol", "reader"), ("dave", "reader") };
        var placeholder = new McpSampleHostKeys();
        List<string> args =
        [
            "--urls", "https://127.0.0.1:0", "--AegisGate:DataDirectory", data.Path, "--environment", "Testing",
            "--AegisGate:Mcp:Sessions:MaxSessionsPerPrincipal", MaxSessionsPerPrincipal.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--AegisGate:Mcp:RateLimits:Tools:read-document:TokenLimit", "3",
            "--AegisGate:Mcp:RateLimits:Tools:read-document:TokensPerPeriod", "3",
            "--AegisGate:Mcp:RateLimits:Tools:read-document:Period", "01:00:00",
            "--AegisGate:Mcp:Http:AllowedOrigins:0", "https://app.example.com",
            "--AegisGate:Sample:EverythingDirectory", NpmPackages.EverythingDirectory,
        ];
        for (var i = 0; i < keys.Length; i++)
        {
            args.AddRange([$"--AegisGate:ApiKeys:{i}:Principal", keys[i].Principal, $"--AegisGate:ApiKeys:{i}:Hash", ApiKeyHasher.Hash(placeholder.KeyFor(keys[i].Principal)), $"--AegisGate:ApiKeys:{i}:Roles:0", keys[i].Role]);
        }

        // The real detection engine scans (the sample registers it); DNS answers come from a fixed table so SSRF-by-name
        // cases are deterministic and need no network.
        var app = SampleApp.Build([.. args], static builder => builder.Services.AddSingleton<IMcpHostResolver>(new FixedDnsResolver()));
        await app.StartAsync();
        return new McpSampleHost(app, data, adminKey)
        {
            AliceKey = placeholder.KeyFor("alice"),
            BobKey = placeholder.KeyFor("bob"),
            CarolKey = placeholder.KeyFor("carol"),
            DaveKey = placeholder.KeyFor("dave"),
        };
    }

    /// <summary>Creates an HttpClient that trusts the dev CA, optionally presenting a client certificate.</summary>
    public HttpClient CreateHttpClient(X509Certificate2? clientCertificate = null)
    {
        var ca = Pki.CaCertificate;
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = System.Security.Authentication.SslProtocols.Tls13,
                RemoteCertificateValidationCallback = (_, cert, _, _) => cert is not null && ChainsTo(cert, ca),
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
            },
        };
        return new HttpClient(handler) { BaseAddress = BaseAddress };
    }

    /// <summary>Connects the official C# MCP client. <paramref name="protocolVersion"/> null = 2026-07-28 (no session), "2025-11-25" = legacy (session).</summary>
    public async Task<McpClient> ConnectAsync(string? apiKey, string? protocolVersion, string path = "/mcp", X509Certificate2? clientCertificate = null)
    {
        var headers = new Dictionary<string, string>();
        if (apiKey is not null)
        {
            headers["X-API-Key"] = apiKey;
        }

        var transport = new HttpClientTransport(
            new HttpClientTransportOptions { Endpoint = new Uri(BaseAddress, path), TransportMode = HttpTransportMode.StreamableHttp, AdditionalHeaders = headers },
            CreateHttpClient(clientCertificate),
            loggerFactory: null,
            ownsHttpClient: true);
        return await McpClient.CreateAsync(transport, new McpClientOptions { ProtocolVersion = protocolVersion });
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

    private sealed class McpSampleHostKeys
    {
        private readonly Dictionary<string, string> _keys = new(StringComparer.Ordinal);

        public string KeyFor(string principal)
        {
            if (!_keys.TryGetValue(principal, out var key))
            {
                key = principal + "-" + Guid.NewGuid().ToString("N");
                _keys[principal] = key;
            }

            return key;
        }
    }
}

/// <summary>
/// A fixed DNS table for the sample host in tests: public names resolve to public addresses, rebinding names to the
/// metadata or loopback addresses, <c>nxdomain.example</c> does not exist and <c>slow.example</c> never answers.
/// </summary>
internal sealed class FixedDnsResolver : IMcpHostResolver
{
    private static readonly Dictionary<string, string[]> Table = new(StringComparer.Ordinal)
    {
        ["example.com"] = ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"],
        ["public.example"] = ["93.184.216.34"],
        ["rebind.example"] = ["169.254.169.254"],
        ["internal-v6.example"] = ["fd00:ec2::254"],
        ["mixed.example"] = ["93.184.216.34", "10.0.0.5"],
    };

    public ValueTask<IReadOnlyList<System.Net.IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (host == "slow.example")
        {
            return NeverAsync(cancellationToken);
        }

        return Table.TryGetValue(host, out var addresses)
            ? new([.. addresses.Select(System.Net.IPAddress.Parse)])
            : throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound);
    }

    private static async ValueTask<IReadOnlyList<System.Net.IPAddress>> NeverAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return [];
    }
}
