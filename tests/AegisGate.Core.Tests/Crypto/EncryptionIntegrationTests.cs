using System.Security.Cryptography;
using AegisGate.Core.Tests.Secrets;
using AegisGate.Crypto;
using AegisGate.Secrets;
using AegisGate.TestUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace AegisGate.Core.Tests.Crypto;

[CancelAfter(60_000)]
public sealed class EncryptionIntegrationTests
{
    private static readonly byte[] Aad = "aegisgate:test:v1"u8.ToArray();

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddFakeLogging();
        builder.Services.AddAegisGate(builder.Configuration.GetSection("AegisGate"))
            .AddAegisSecrets(builder.Configuration.GetSection("AegisGate:Secrets"))
            .AddAegisEncryption(builder.Configuration.GetSection("AegisGate:Encryption"))
            .AddPipeline("p", static (p, _) => p.AddCheck(TestChecks.Allow()));
        return builder.Build();
    }

    [Test]
    public async Task Host_LocalKeyFromMountedSecret_StartsAndRoundTrips()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.Combine("aegis-kek"), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n");
        using var host = BuildHost(new()
        {
            ["AegisGate:Secrets:FilesDirectory"] = dir.Path,
            ["AegisGate:Encryption:Enabled"] = "true",
            ["AegisGate:Encryption:ActiveKeyId"] = "kek-2026",
            ["AegisGate:Encryption:Keys:kek-2026:Secret"] = "file:aegis-kek",
        });

        await host.StartAsync();
        var encryptor = host.Services.GetRequiredService<IEnvelopeEncryptor>();
        var envelope = await encryptor.EncryptAsync("state"u8.ToArray(), Aad);

        Assert.That(encryptor.IsEnabled, Is.True);
        Assert.That(await encryptor.DecryptAsync(envelope, Aad), Is.EqualTo("state"u8.ToArray()));
        Assert.That(host.Services.GetFakeLogCollector().GetSnapshot().Any(r => r.Id.Id == 1501), Is.True);
        await host.StopAsync();
    }

    [Test]
    public void Host_KeyEncryptionKeyUnavailable_DoesNotStart()
    {
        using var dir = new TempDirectory();
        using var host = BuildHost(new()
        {
            ["AegisGate:Secrets:FilesDirectory"] = dir.Path,
            ["AegisGate:Encryption:Enabled"] = "true",
            ["AegisGate:Encryption:ActiveKeyId"] = "k1",
            ["AegisGate:Encryption:Keys:k1:Secret"] = "file:missing-kek",
        });

        var ex = Assert.ThrowsAsync<SecretUnavailableException>(() => host.StartAsync());

        Assert.That(ex!.Code, Is.EqualTo(AegisErrorCodes.SecretUnavailable));
    }

    [TestCase("AegisGate:Encryption:ActiveKeyId", "nope")]
    [TestCase("AegisGate:Encryption:Keys:k1:Secret", "no-scheme")]
    [TestCase("AegisGate:Encryption:Keys:k1:Type", "VaultTransit")]
    public void Host_InvalidEncryptionOptions_DoesNotStart(string key, string value)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AegisGate:Encryption:Enabled"] = "true",
            ["AegisGate:Encryption:ActiveKeyId"] = "k1",
            ["AegisGate:Encryption:Keys:k1:Secret"] = "file:kek",
            [key] = value,
        };
        using var host = BuildHost(settings);

        Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }

    [Test]
    public async Task Host_Disabled_StartsAndStaysPlaintext()
    {
        using var host = BuildHost([]);

        await host.StartAsync();

        Assert.That(host.Services.GetRequiredService<IEnvelopeEncryptor>().IsEnabled, Is.False);
        await host.StopAsync();
    }

    [Test]
    public async Task VaultTransit_RoundTrip_RotationAndOutages()
    {
        await using var vault = await FakeVaultServer.StartAsync();
        vault.CreateTransitKey("aegisgate-kek");
        using var host = BuildHost(new()
        {
            ["AegisGate:Secrets:Vault:Address"] = vault.Address.ToString(),
            ["AegisGate:Secrets:Vault:RequireHttps"] = "false",
            ["AegisGate:Secrets:Vault:Token"] = FakeVaultServer.RootToken,
            ["AegisGate:Encryption:Enabled"] = "true",
            ["AegisGate:Encryption:ActiveKeyId"] = "vault-1",
            ["AegisGate:Encryption:Keys:vault-1:Type"] = "VaultTransit",
            ["AegisGate:Encryption:Keys:vault-1:TransitKey"] = "aegisgate-kek",
        });
        await host.StartAsync();
        var encryptor = host.Services.GetRequiredService<IEnvelopeEncryptor>();

        var envelope = await encryptor.EncryptAsync("capabilities"u8.ToArray(), Aad);
        Assert.That(await encryptor.DecryptAsync(envelope, Aad), Is.EqualTo("capabilities"u8.ToArray()));
        Assert.That(vault.Hits("encrypt"), Is.GreaterThanOrEqualTo(2), "start-up probe and the envelope");

        vault.Sealed = true;
        Assert.ThrowsAsync<SecretUnavailableException>(async () => await encryptor.DecryptAsync(envelope, Aad), "sealed Vault: unavailable, not empty state");
        Assert.ThrowsAsync<SecretUnavailableException>(async () => await encryptor.EncryptAsync("x"u8.ToArray(), Aad));

        vault.Sealed = false;
        vault.RotateTransitKey("aegisgate-kek");
        Assert.ThrowsAsync<AegisCryptoException>(async () => await encryptor.DecryptAsync(envelope, Aad), "another Transit key cannot unwrap the data key");
        await host.StopAsync();
    }
}
