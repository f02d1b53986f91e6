using AegisGate.Secrets;
using AegisGate.TestUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AegisGate.Core.Tests.Secrets;

/// <summary>The Vault provider against an in-process HTTP server that follows Vault's documented API.</summary>
[CancelAfter(60_000)]
public sealed class VaultSecretProviderTests
{
    private const string SecretValueText = "kek-secret-value-DO-NOT-LOG";
    private FakeVaultServer _vault = null!;
    private FakeTimeProvider _time = null!;
    private ServiceProvider? _services;

    [SetUp]
    public async Task SetUp()
    {
        _vault = await FakeVaultServer.StartAsync();
        _vault.PutKv("secret", "aegisgate/kek", new() { ["key"] = SecretValueText, ["other"] = "x" });
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    }

    [TearDown]
    public async Task TearDown()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        await _vault.DisposeAsync();
    }

    private SecretResolver Resolver(Action<VaultOptions> configure, TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddSingleton(time ?? _time);
        services.AddAegisGate().AddAegisSecrets(o =>
        {
            o.Vault.Address = _vault.Address.ToString();
            o.Vault.RequireHttps = false;
            o.Vault.Token = FakeVaultServer.RootToken;
            configure(o.Vault);
        });
        _services = services.BuildServiceProvider();
        return _services.GetRequiredService<SecretResolver>();
    }

    private void AssertNothingSecretLogged()
    {
        var records = _services!.GetFakeLogCollector().GetSnapshot();
        Assert.That(records.Any(r => r.Message.Contains(SecretValueText, StringComparison.Ordinal) || r.Message.Contains("hvs.", StringComparison.Ordinal)), Is.False, "no secret or token in logs");
    }

    [Test]
    public async Task GetSecret_TokenAuth_ReadsKvV2FieldWithVaultHeaders()
    {
        var resolver = Resolver(o => o.Namespace = "team-a");

        var secret = await resolver.GetSecretAsync("vault:aegisgate/kek#key");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(secret.Value, Is.EqualTo(SecretValueText));
            Assert.That(secret.Version, Is.EqualTo("1"));
            Assert.That(secret.ToString(), Is.EqualTo("***"));
            var read = _vault.Requests.Last(r => r.Path.Contains("/data/", StringComparison.Ordinal));
            Assert.That(read.Path, Is.EqualTo("/v1/secret/data/aegisgate/kek"));
            Assert.That(read.Token, Is.EqualTo(FakeVaultServer.RootToken));
            Assert.That(read.Namespace, Is.EqualTo("team-a"));
            Assert.That(read.VaultRequest, Is.EqualTo("true"));
        }

        AssertNothingSecretLogged();
    }

    [Test]
    public async Task GetSecret_AppRole_LogsInOnceAndReads()
    {
        var resolver = Resolver(o =>
        {
            o.AuthMethod = VaultAuthMethod.AppRole;
            o.Token = null;
            o.RoleId = _vault.RoleId;
            o.SecretId = _vault.SecretId;
        });

        var first = await resolver.GetSecretAsync("vault:aegisgate/kek#key");
        var second = await resolver.GetSecretAsync("vault:aegisgate/kek#other");

        Assert.That(first.Value, Is.EqualTo(SecretValueText));
        Assert.That(second.Value, Is.EqualTo("x"));
        Assert.That(_vault.Hits("login"), Is.EqualTo(1));
        Assert.That(_vault.Requests.Any(r => r.Path == "/v1/auth/approle/login" && r.Token is null), Is.True, "login carries no token");
        AssertNothingSecretLogged();
    }

    [Test]
    public void GetSecret_AppRoleWrongSecretId_IsUnavailable()
    {
        var resolver = Resolver(o =>
        {
            o.AuthMethod = VaultAuthMethod.AppRole;
            o.RoleId = _vault.RoleId;
            o.SecretId = "wrong";
        });

        var ex = Assert.ThrowsAsync<SecretUnavailableException>(async () => await resolver.GetSecretAsync("vault:aegisgate/kek#key"));

        Assert.That(ex!.Message, Does.Contain("400").And.Contain("invalid role or secret ID").And.Not.Contain("wrong"));
    }

    [Test]
    public void GetSecret_Forbidden_IsUnavailableWith403AndNoToken()
    {
        var resolver = Resolver(o => o.Token = "hvs.not-a-valid-token");

        var ex = Assert.ThrowsAsync<SecretUnavailableException>(async () => await resolver.GetSecretAsync("vault:aegisgate/kek#key"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ex!.Code, Is.EqualTo(AegisErrorCodes.SecretUnavailable));
            Assert.That(ex.Message, Does.Contain("403").And.Contain("permission denied"));
            Assert.That(ex.Message, Does.Not.Contain("hvs."));
            Assert.That(ex.ToDecision().StatusCode, Is.EqualTo(503));
            Assert.That(ex.ToDecision().Code, Is.EqualTo(AegisErrorCodes.SecretUnavailable));
        }

        AssertNothingSecretLogged();
    }

    [TestCase(500)]
    [TestCase(502)]
    public void GetSecret_ServerError_IsUnavailable(int status)
    {
        var resolver = Resolver(_ => { });
        _vault.FailWith = status;

        var ex = Assert.ThrowsAsync<SecretUnavailableException>(async () => await resolver.GetSecretAsync("vault:aegisgate/kek#key"));

        Assert.That(ex!.Message, Does.Contain(status.ToString(System.Globalization.CultureInfo.InvariantCulture)).And.Contain("internal error"));
    }

    [Test]
    public void GetSecret_Sealed_IsUnavailable()
    {
        var resolver = Resolver(_ => { });
        _vault.Sealed = true;

        var ex = Assert.ThrowsAsync<SecretUnavailableException>(async () => await resolver.GetSecretAsync("vault:aegisgate/kek#key"));

        Assert.That(ex!.Message, Does.Contain("sealed").And.Contain("503"));
    }

    [Test]
    public void GetSecret_Timeout_IsUnavailable()
    {
        var resolver = Resolver(o => o.Timeout = TimeSpan.FromMilliseconds(300), TimeProvider.System);
        _vault.Hang = true;

        var ex = Assert.ThrowsAsync<SecretUnavailableException>(async () => await resolver.GetSecretAsync("vault:aegisgate/kek#key"));

        Assert.That(ex!.Message, Does.Contain("did not answer"));
    }

    [Test]
    public void GetSecret_CallerCancels_IsCancellationNotUnavailable()
    {
        var resolver = Resolver(o => o.Timeout = TimeSpan.FromSeconds(30), TimeProvider.System);
        _vault.Hang = true;
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.That(async () => await resolver.GetSecretAsync("vault:aegisgate/kek#key", cts.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task GetSecret_Unreachable_IsUnavailable()
    {
        var address = _vault.Address;
        await _vault.DisposeAsync();
        _vault = await FakeVaultServer.StartAsync();
        var services = new ServiceCollection();
        services.AddAegisGate().AddAegisSecrets(o =>
        {
            o.Vault.Address = address.ToString();
            o.Vault.RequireHttps = false;
            o.Vault.Token = FakeVaultServer.RootToken;
        });
        _services = services.BuildServiceProvider();

        var ex = Assert.ThrowsAsync<SecretUnavailableException>(async () => await _services.GetRequiredService<SecretResolver>().GetSecretAsync("vault:aegisgate/kek#key"));

        Assert.That(ex!.Message, Does.Contain("could not be reached"));
    }

    [TestCase("vault:missing/path#key", "404")]
    [TestCase("vault:aegisgate/kek#nope", "no non-empty field")]
    [TestCase("vault:aegisgate/kek", "path#field")]
    [TestCase("vault:../etc#key", "path#field")]
    public void GetSecret_MissingOrMalformed_IsUnavailable(string reference, string expected)
    {
        var resolver = Resolver(_ => { });

        var ex = Assert.ThrowsAsync<SecretUnavailableException>(async () => await resolver.GetSecretAsync(reference));

        Assert.That(ex!.Message, Does.Contain(expected));
    }

    [Test]
    public async Task GetSecret_CachedForTtlThenRefetched_NeverServedStale()
    {
        var resolver = Resolver(o => o.CacheTtl = TimeSpan.FromMinutes(1));

        await resolver.GetSecretAsync("vault:aegisgate/kek#key");
        await resolver.GetSecretAsync("vault:aegisgate/kek#key");
        Assert.That(_vault.Hits("kv"), Is.EqualTo(1), "second read from cache");

        _vault.PutKv("secret", "aegisgate/kek", new() { ["key"] = "rotated" });
        _time.Advance(TimeSpan.FromMinutes(1));
        var rotated = await resolver.GetSecretAsync("vault:aegisgate/kek#key");
        Assert.That(rotated.Value, Is.EqualTo("rotated"));
        Assert.That(rotated.Version, Is.EqualTo("2"));

        _vault.Sealed = true;
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.ThrowsAsync<SecretUnavailableException>(async () => await resolver.GetSecretAsync("vault:aegisgate/kek#key"), "an expired entry is not served while Vault is down");
    }

    [Test]
    public async Task GetSecret_CacheIsBounded()
    {
        Resolver(o => o.MaxCacheEntries = 2);
        var provider = _services!.GetServices<ISecretProvider>().OfType<VaultSecretProvider>().Single();
        _vault.PutKv("secret", "a", new() { ["k"] = "1" });
        _vault.PutKv("secret", "b", new() { ["k"] = "2" });
        _vault.PutKv("secret", "c", new() { ["k"] = "3" });

        foreach (var name in new[] { "a#k", "b#k", "c#k" })
        {
            _time.Advance(TimeSpan.FromSeconds(1));
            await provider.GetSecretAsync(name, CancellationToken.None);
        }

        Assert.That(provider.CachedCount, Is.EqualTo(2));
    }

    [Test]
    public async Task Token_Renewable_IsRenewedAfterTwoThirdsOfTtl()
    {
        var token = _vault.CreateToken(ttlSeconds: 60, renewable: true);
        var resolver = Resolver(o =>
        {
            o.Token = token;
            o.CacheTtl = TimeSpan.Zero;
        });

        await resolver.GetSecretAsync("vault:aegisgate/kek#key");
        Assert.That(_vault.Hits("lookup-self"), Is.EqualTo(1));
        Assert.That(_vault.Hits("renew-self"), Is.Zero);

        _time.Advance(TimeSpan.FromSeconds(30));
        await resolver.GetSecretAsync("vault:aegisgate/kek#key");
        Assert.That(_vault.Hits("renew-self"), Is.Zero, "not yet two thirds");

        _time.Advance(TimeSpan.FromSeconds(11));
        await resolver.GetSecretAsync("vault:aegisgate/kek#key");
        Assert.That(_vault.Hits("renew-self"), Is.EqualTo(1));
        Assert.That(_vault.Requests.Last(r => r.Path == "/v1/auth/token/renew-self").Token, Is.EqualTo(token));
    }

    [Test]
    public async Task AppRole_NonRenewableToken_LogsInAgainBeforeExpiry()
    {
        _vault.AppRoleTokensRenewable = false;
        _vault.AppRoleTokenTtlSeconds = 90;
        var resolver = Resolver(o =>
        {
            o.AuthMethod = VaultAuthMethod.AppRole;
            o.RoleId = _vault.RoleId;
            o.SecretId = _vault.SecretId;
            o.CacheTtl = TimeSpan.Zero;
        });

        await resolver.GetSecretAsync("vault:aegisgate/kek#key");
        _time.Advance(TimeSpan.FromSeconds(61));
        await resolver.GetSecretAsync("vault:aegisgate/kek#key");

        Assert.That(_vault.Hits("login"), Is.EqualTo(2));
        Assert.That(_vault.Hits("renew-self"), Is.Zero);
    }

    [Test]
    public async Task AppRole_TokenRevoked_LogsInAgainAndRetriesOnce()
    {
        var resolver = Resolver(o =>
        {
            o.AuthMethod = VaultAuthMethod.AppRole;
            o.RoleId = _vault.RoleId;
            o.SecretId = _vault.SecretId;
            o.CacheTtl = TimeSpan.Zero;
        });
        await resolver.GetSecretAsync("vault:aegisgate/kek#key");

        _vault.RevokeAllButRoot();
        var secret = await resolver.GetSecretAsync("vault:aegisgate/kek#key");

        Assert.That(secret.Value, Is.EqualTo(SecretValueText));
        Assert.That(_vault.Hits("login"), Is.EqualTo(2));
    }

    [Test]
    public async Task TokenFile_RotatedAfter403_IsReRead()
    {
        using var dir = new TempDirectory();
        var file = dir.Combine("vault-token");
        var first = _vault.CreateToken(0, false);
        await File.WriteAllTextAsync(file, first + "\n");
        var resolver = Resolver(o =>
        {
            o.Token = null;
            o.TokenFile = file;
            o.CacheTtl = TimeSpan.Zero;
        });
        await resolver.GetSecretAsync("vault:aegisgate/kek#key");

        _vault.RevokeToken(first);
        await File.WriteAllTextAsync(file, _vault.CreateToken(0, false));

        Assert.That((await resolver.GetSecretAsync("vault:aegisgate/kek#key")).Value, Is.EqualTo(SecretValueText));
    }

    [Test]
    public async Task AppRole_SecretIdFile_IsRead()
    {
        using var dir = new TempDirectory();
        var file = dir.Combine("secret-id");
        await File.WriteAllTextAsync(file, _vault.SecretId + "\n");
        var resolver = Resolver(o =>
        {
            o.AuthMethod = VaultAuthMethod.AppRole;
            o.Token = null;
            o.RoleId = _vault.RoleId;
            o.SecretIdFile = file;
        });

        Assert.That((await resolver.GetSecretAsync("vault:aegisgate/kek#key")).Value, Is.EqualTo(SecretValueText));
    }

    [Test]
    public void Options_UnreadableCaFile_HostDoesNotStart()
    {
        using var dir = new TempDirectory();
        var file = dir.Combine("not-a-cert.pem");
        File.WriteAllText(file, "garbage");
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAegisGate().AddAegisSecrets(o =>
        {
            o.Vault.Address = "https://vault.example:8200";
            o.Vault.Token = "t";
            o.Vault.CaCertificateFile = file;
        });
        using var host = builder.Build();

        var ex = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(ex!.Message, Does.Contain("CaCertificateFile"));
    }

    [Test]
    public void NotConfigured_VaultReference_IsUnavailable()
    {
        var services = new ServiceCollection();
        services.AddAegisGate().AddAegisSecrets();
        _services = services.BuildServiceProvider();

        var ex = Assert.ThrowsAsync<SecretUnavailableException>(async () => await _services.GetRequiredService<SecretResolver>().GetSecretAsync("vault:a#b"));

        Assert.That(ex!.Message, Does.Contain("not configured"));
    }

    [Test]
    public async Task Https_WithConfiguredCa_Connects_AndWithoutIt_IsUnavailable()
    {
        await using var vault = await FakeVaultServer.StartAsync(https: true);
        vault.PutKv("secret", "tls/check", new() { ["v"] = "ok" });
        using var dir = new TempDirectory();
        var caFile = dir.Combine("vault-ca.pem");
        await File.WriteAllTextAsync(caFile, vault.CaCertificate!.ExportCertificatePem());

        async Task<string> ReadAsync(string? ca)
        {
            var services = new ServiceCollection();
            services.AddAegisGate().AddAegisSecrets(o =>
            {
                o.Vault.Address = vault.Address.ToString();
                o.Vault.Token = FakeVaultServer.RootToken;
                o.Vault.CaCertificateFile = ca;
            });
            await using var sp = services.BuildServiceProvider();
            return (await sp.GetRequiredService<SecretResolver>().GetSecretAsync("vault:tls/check#v")).Value;
        }

        Assert.That(vault.Address.Scheme, Is.EqualTo("https"));
        Assert.That(await ReadAsync(caFile), Is.EqualTo("ok"));
        Assert.ThrowsAsync<SecretUnavailableException>(() => ReadAsync(null), "an untrusted server certificate fails closed");
    }

    [TestCase("http://vault.example:8200", true, "https")]
    [TestCase("not a url", false, "absolute")]
    public void Options_BadAddress_HostDoesNotStart(string address, bool requireHttps, string expected)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAegisGate().AddAegisSecrets(o =>
        {
            o.Vault.Address = address;
            o.Vault.RequireHttps = requireHttps;
            o.Vault.Token = "t";
        });
        using var host = builder.Build();

        var ex = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(ex!.Message, Does.Contain(expected));
    }

    [Test]
    public void Options_AppRoleWithoutSecretId_HostDoesNotStart()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAegisGate().AddAegisSecrets(o =>
        {
            o.Vault.Address = "https://vault.example:8200";
            o.Vault.AuthMethod = VaultAuthMethod.AppRole;
            o.Vault.RoleId = "r";
        });
        using var host = builder.Build();

        Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }
}
