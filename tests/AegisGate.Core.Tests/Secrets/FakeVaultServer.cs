using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AegisGate.Core.Tests.Secrets;

/// <summary>
/// An in-process HTTP server on real Kestrel (127.0.0.1, port 0) that follows Vault's documented HTTP API for the
/// endpoints AegisGate uses: KV v2 <c>GET /v1/&lt;mount&gt;/data/&lt;path&gt;</c>, <c>POST /v1/auth/approle/login</c>,
/// <c>GET /v1/auth/token/lookup-self</c>, <c>POST /v1/auth/token/renew-self</c>, Transit
/// <c>POST /v1/transit/encrypt|decrypt/&lt;key&gt;</c>; <c>X-Vault-Token</c> authentication; error bodies
/// <c>{"errors":[...]}</c>; 403 for a missing or unknown token; 503 <c>Vault is sealed</c> while sealed.
/// </summary>
internal sealed class FakeVaultServer : IAsyncDisposable
{
    public const string RootToken = "hvs.root-test-token";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, TokenInfo> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (Dictionary<string, string> Data, int Version)> _kv = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte[]> _transitKeys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);
    private int _tokenCounter;

    private FakeVaultServer(WebApplication app, X509Certificate2? caCertificate)
    {
        _app = app;
        CaCertificate = caCertificate;
        _tokens[RootToken] = new TokenInfo(TtlSeconds: 0, Renewable: false);
    }

    public Uri Address { get; private set; } = null!;

    public X509Certificate2? CaCertificate { get; }

    /// <summary>Gets or sets a value indicating whether the server answers every request 503 <c>Vault is sealed</c>.</summary>
    public bool Sealed { get; set; }

    /// <summary>Gets or sets a status (for example 500) to answer every request with.</summary>
    public int? FailWith { get; set; }

    /// <summary>Gets or sets a value indicating whether requests hang until the client gives up.</summary>
    public bool Hang { get; set; }

    public string RoleId { get; set; } = "role-1234";

    public string SecretId { get; set; } = "secret-5678";

    public int AppRoleTokenTtlSeconds { get; set; } = 3600;

    public bool AppRoleTokensRenewable { get; set; } = true;

    public ConcurrentQueue<(string Method, string Path, string? Token, string? Namespace, string? VaultRequest)> Requests { get; } = new();

    public int Hits(string key) => _hits.TryGetValue(key, out var n) ? n : 0;

    public static async Task<FakeVaultServer> StartAsync(bool https = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        X509Certificate2? ca = null;
        X509Certificate2? server = null;
        if (https)
        {
            (ca, server) = CreatePki();
        }

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (server is not null)
            {
                listen.UseHttps(server);
            }
        }));
        var app = builder.Build();
        var vault = new FakeVaultServer(app, ca);
        app.Run(vault.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        vault.Address = new Uri(address);
        return vault;
    }

    public void PutKv(string mount, string path, Dictionary<string, string> data)
        => _kv.AddOrUpdate(mount + "/" + path, _ => (data, 1), (_, old) => (data, old.Version + 1));

    public void CreateTransitKey(string name) => _transitKeys[name] = RandomNumberGenerator.GetBytes(32);

    public void RotateTransitKey(string name) => CreateTransitKey(name);

    public string CreateToken(int ttlSeconds, bool renewable)
    {
        var token = "hvs.test-" + Interlocked.Increment(ref _tokenCounter);
        _tokens[token] = new TokenInfo(ttlSeconds, renewable);
        return token;
    }

    public void RevokeToken(string token) => _tokens.TryRemove(token, out _);

    public void RevokeAllButRoot()
    {
        foreach (var token in _tokens.Keys.Where(t => t != RootToken))
        {
            _tokens.TryRemove(token, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        CaCertificate?.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var token = request.Headers["X-Vault-Token"].FirstOrDefault();
        Requests.Enqueue((request.Method, path, token, request.Headers["X-Vault-Namespace"].FirstOrDefault(), request.Headers["X-Vault-Request"].FirstOrDefault()));

        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(static _ => { }, TaskScheduler.Default);
            return;
        }

        if (Sealed)
        {
            await ErrorAsync(context, 503, "Vault is sealed");
            return;
        }

        if (FailWith is { } status)
        {
            await ErrorAsync(context, status, "internal error");
            return;
        }

        if (!path.StartsWith("/v1/", StringComparison.Ordinal))
        {
            await ErrorAsync(context, 404);
            return;
        }

        var route = path["/v1/".Length..];
        if (route == "auth/approle/login" && request.Method == "POST")
        {
            await LoginAsync(context);
            return;
        }

        if (token is null || !_tokens.TryGetValue(token, out var info))
        {
            await ErrorAsync(context, 403, "permission denied");
            return;
        }

        if (route == "auth/token/lookup-self" && request.Method == "GET")
        {
            Hit("lookup-self");
            await JsonAsync(context, 200, w =>
            {
                w.WriteStartObject("data");
                w.WriteNumber("ttl", info.TtlSeconds);
                w.WriteBoolean("renewable", info.Renewable);
                w.WriteEndObject();
            });
            return;
        }

        if (route == "auth/token/renew-self" && request.Method is "POST" or "PUT")
        {
            Hit("renew-self");
            if (!info.Renewable)
            {
                await ErrorAsync(context, 400, "lease is not renewable");
                return;
            }

            await AuthAsync(context, token, info.TtlSeconds, renewable: true);
            return;
        }

        if (route.StartsWith("transit/encrypt/", StringComparison.Ordinal) && request.Method == "POST")
        {
            await TransitAsync(context, route["transit/encrypt/".Length..], encrypt: true);
            return;
        }

        if (route.StartsWith("transit/decrypt/", StringComparison.Ordinal) && request.Method == "POST")
        {
            await TransitAsync(context, route["transit/decrypt/".Length..], encrypt: false);
            return;
        }

        var dataIndex = route.IndexOf("/data/", StringComparison.Ordinal);
        if (dataIndex > 0 && request.Method == "GET")
        {
            Hit("kv");
            var key = route[..dataIndex] + "/" + Uri.UnescapeDataString(route[(dataIndex + "/data/".Length)..]);
            if (!_kv.TryGetValue(key, out var entry))
            {
                await ErrorAsync(context, 404);
                return;
            }

            await JsonAsync(context, 200, w =>
            {
                w.WriteString("request_id", Guid.NewGuid().ToString());
                w.WriteString("lease_id", string.Empty);
                w.WriteBoolean("renewable", false);
                w.WriteNumber("lease_duration", 0);
                w.WriteStartObject("data");
                w.WriteStartObject("data");
                foreach (var (k, v) in entry.Data)
                {
                    w.WriteString(k, v);
                }

                w.WriteEndObject();
                w.WriteStartObject("metadata");
                w.WriteString("created_time", "2026-01-01T00:00:00.000000Z");
                w.WriteString("deletion_time", string.Empty);
                w.WriteBoolean("destroyed", false);
                w.WriteNumber("version", entry.Version);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteNull("wrap_info");
                w.WriteNull("warnings");
                w.WriteNull("auth");
            });
            return;
        }

        await ErrorAsync(context, 404);
    }

    private async Task LoginAsync(HttpContext context)
    {
        Hit("login");
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var roleId = body.RootElement.TryGetProperty("role_id", out var r) ? r.GetString() : null;
        var secretId = body.RootElement.TryGetProperty("secret_id", out var s) ? s.GetString() : null;
        if (roleId != RoleId || secretId != SecretId)
        {
            await ErrorAsync(context, 400, "invalid role or secret ID");
            return;
        }

        var token = CreateToken(AppRoleTokenTtlSeconds, AppRoleTokensRenewable);
        await AuthAsync(context, token, AppRoleTokenTtlSeconds, AppRoleTokensRenewable);
    }

    private async Task TransitAsync(HttpContext context, string keyName, bool encrypt)
    {
        Hit(encrypt ? "encrypt" : "decrypt");
        if (!_transitKeys.TryGetValue(keyName, out var key))
        {
            await ErrorAsync(context, 400, "encryption key not found");
            return;
        }

        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        if (encrypt)
        {
            var plaintext = Convert.FromBase64String(body.RootElement.GetProperty("plaintext").GetString()!);
            var nonce = RandomNumberGenerator.GetBytes(12);
            var ciphertext = new byte[plaintext.Length];
            var tag = new byte[16];
            using (var aes = new AesGcm(key, 16))
            {
                aes.Encrypt(nonce, plaintext, ciphertext, tag);
            }

            var text = "vault:v1:" + Convert.ToBase64String([.. nonce, .. ciphertext, .. tag]);
            await JsonAsync(context, 200, w =>
            {
                w.WriteStartObject("data");
                w.WriteString("ciphertext", text);
                w.WriteNumber("key_version", 1);
                w.WriteEndObject();
            });
            return;
        }

        var input = body.RootElement.GetProperty("ciphertext").GetString() ?? string.Empty;
        byte[] blob;
        try
        {
            blob = input.StartsWith("vault:v1:", StringComparison.Ordinal) ? Convert.FromBase64String(input["vault:v1:".Length..]) : throw new FormatException();
        }
        catch (FormatException)
        {
            await ErrorAsync(context, 400, "invalid ciphertext: no prefix");
            return;
        }

        var plain = new byte[blob.Length - 28];
        try
        {
            using var aes = new AesGcm(key, 16);
            aes.Decrypt(blob.AsSpan(0, 12), blob.AsSpan(12, plain.Length), blob.AsSpan(12 + plain.Length), plain);
        }
        catch (CryptographicException)
        {
            await ErrorAsync(context, 400, "cipher: message authentication failed");
            return;
        }

        await JsonAsync(context, 200, w =>
        {
            w.WriteStartObject("data");
            w.WriteString("plaintext", Convert.ToBase64String(plain));
            w.WriteEndObject();
        });
    }

    private static Task AuthAsync(HttpContext context, string token, int ttl, bool renewable)
        => JsonAsync(context, 200, w =>
        {
            w.WriteNull("data");
            w.WriteStartObject("auth");
            w.WriteString("client_token", token);
            w.WriteString("accessor", "acc-" + token);
            w.WriteStartArray("policies");
            w.WriteStringValue("default");
            w.WriteEndArray();
            w.WriteNumber("lease_duration", ttl);
            w.WriteBoolean("renewable", renewable);
            w.WriteEndObject();
        });

    private static Task ErrorAsync(HttpContext context, int status, params string[] errors)
        => JsonAsync(context, status, w =>
        {
            w.WriteStartArray("errors");
            foreach (var error in errors)
            {
                w.WriteStringValue(error);
            }

            w.WriteEndArray();
        });

    private static async Task JsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.ToArray());
    }

    private void Hit(string key) => _hits.AddOrUpdate(key, 1, static (_, n) => n + 1);

    private static (X509Certificate2 Ca, X509Certificate2 Server) CreatePki()
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Fake Vault Test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=127.0.0.1", serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(san.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = serverRequest.Create(ca, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(8));
        using var withKey = issued.CopyWithPrivateKey(serverKey);
        var server = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        return (X509CertificateLoader.LoadCertificate(ca.RawData), server);
    }

    private sealed record TokenInfo(int TtlSeconds, bool Renewable);
}
