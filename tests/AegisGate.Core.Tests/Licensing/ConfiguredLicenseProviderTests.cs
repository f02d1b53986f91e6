using AegisGate.Licensing;
using AegisGate.TestUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AegisGate.Core.Tests.Licensing;

public sealed class ConfiguredLicenseProviderTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private TestLicenseIssuer _issuer = null!;
    private TempDirectory _dir = null!;
    private FakeTimeProvider _time = null!;

    [SetUp]
    public void SetUp()
    {
        _issuer = new TestLicenseIssuer();
        _dir = new TempDirectory();
        _time = new FakeTimeProvider(Now);
    }

    [TearDown]
    public void TearDown()
    {
        _issuer.Dispose();
        _dir.Dispose();
    }

    private IHost BuildHost(Dictionary<string, string?> settings, IConfigurationRoot? config = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        settings["AegisGate:DataDirectory"] = _dir.Path;
        if (config is not null)
        {
            builder.Configuration.AddConfiguration(config);
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddFakeLogging();
        builder.Services.AddSingleton(_time);
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddAegisGate(builder.Configuration.GetSection("AegisGate"))
            .AddPipeline("p", static (p, _) => p.AddCheck(TestChecks.Allow()));
        return builder.Build();
    }

    [Test]
    public async Task Current_NoKey_IsCommunity()
    {
        using var host = BuildHost([]);
        await host.StartAsync();

        var state = host.Services.GetRequiredService<ILicenseProvider>().Current;

        Assert.That(state.Status, Is.EqualTo(LicenseStatus.None));
        Assert.That(state.Tier, Is.EqualTo(LicenseTier.Community));
        await host.StopAsync();
    }

    [Test]
    public async Task Current_ValidKeyWithIssuerPublicKey_IsValid()
    {
        var key = _issuer.Issue(TestLicenseIssuer.Payload(Now, LicenseTier.Enterprise));
        using var host = BuildHost(new() { ["AegisGate:License:Key"] = key, ["AegisGate:License:PublicKey"] = _issuer.PublicKeyPem });
        await host.StartAsync();

        var state = host.Services.GetRequiredService<ILicenseProvider>().Current;

        Assert.That(state.Status, Is.EqualTo(LicenseStatus.Valid));
        Assert.That(state.Tier, Is.EqualTo(LicenseTier.Enterprise));
        await host.StopAsync();
    }

    [Test]
    public async Task Current_KeyNotSignedByEmbeddedDefaultKey_IsInvalid()
    {
        // No PublicKey configured: the embedded default key is trusted, and a throwaway issuer is not.
        var key = _issuer.Issue(TestLicenseIssuer.Payload(Now, LicenseTier.Enterprise));
        using var host = BuildHost(new() { ["AegisGate:License:Key"] = key });
        await host.StartAsync();

        var state = host.Services.GetRequiredService<ILicenseProvider>().Current;

        Assert.That(state.Status, Is.EqualTo(LicenseStatus.Invalid));
        await host.StopAsync();
    }

    [Test]
    public async Task Current_KeyFile_IsRead()
    {
        await File.WriteAllTextAsync(_dir.Combine("license.key"), _issuer.Issue(TestLicenseIssuer.Payload(Now)) + "\n");
        using var host = BuildHost(new() { ["AegisGate:License:KeyFile"] = "license.key", ["AegisGate:License:PublicKey"] = _issuer.PublicKeyPem });
        await host.StartAsync();

        Assert.That(host.Services.GetRequiredService<ILicenseProvider>().Current.Status, Is.EqualTo(LicenseStatus.Valid));
        await host.StopAsync();
    }

    [Test]
    public async Task Current_MissingKeyFile_IsInvalidNotCommunity()
    {
        using var host = BuildHost(new() { ["AegisGate:License:KeyFile"] = "missing.key", ["AegisGate:License:PublicKey"] = _issuer.PublicKeyPem });
        await host.StartAsync();

        var state = host.Services.GetRequiredService<ILicenseProvider>().Current;

        Assert.That(state.Status, Is.EqualTo(LicenseStatus.Invalid));
        Assert.That(host.Services.GetFakeLogCollector().GetSnapshot().Any(r => r.Id.Id == 1405), Is.True);
        await host.StopAsync();
    }

    [Test]
    public async Task Current_MalformedKey_IsInvalidLoggedWithoutTheKey()
    {
        const string Key = "AGL1.c2VjcmV0LWxpY2VuY2U.c2ln";
        using var host = BuildHost(new() { ["AegisGate:License:Key"] = Key });
        await host.StartAsync();

        var state = host.Services.GetRequiredService<ILicenseProvider>().Current;
        var records = host.Services.GetFakeLogCollector().GetSnapshot();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(state.Status, Is.EqualTo(LicenseStatus.Invalid));
            Assert.That(records.Any(r => r.Id.Id == 1401 && r.Level == LogLevel.Error), Is.True);
            Assert.That(records.Any(r => r.Message.Contains("c2VjcmV0", StringComparison.Ordinal)), Is.False, "the key must never be logged");
        }

        await host.StopAsync();
    }

    [Test]
    public async Task Current_LicenseExpiresWhileRunning_BecomesInvalidAndLogsOnce()
    {
        var key = _issuer.Issue(TestLicenseIssuer.Payload(Now, validFor: TimeSpan.FromDays(1)));
        using var host = BuildHost(new() { ["AegisGate:License:Key"] = key, ["AegisGate:License:PublicKey"] = _issuer.PublicKeyPem });
        await host.StartAsync();
        var provider = host.Services.GetRequiredService<ILicenseProvider>();
        Assert.That(provider.Current.Status, Is.EqualTo(LicenseStatus.Valid));

        _time.Advance(TimeSpan.FromDays(1));

        var state = provider.Current;
        _ = provider.Current;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(state.Status, Is.EqualTo(LicenseStatus.Invalid));
            Assert.That(state.InvalidReason, Does.Contain("expired"));
            Assert.That(host.Services.GetFakeLogCollector().GetSnapshot().Count(r => r.Id.Id == 1404), Is.EqualTo(1));
        }

        await host.StopAsync();
    }

    [Test]
    public async Task Start_ExpiringSoon_LogsWarning()
    {
        var key = _issuer.Issue(TestLicenseIssuer.Payload(Now, validFor: TimeSpan.FromDays(3)));
        using var host = BuildHost(new() { ["AegisGate:License:Key"] = key, ["AegisGate:License:PublicKey"] = _issuer.PublicKeyPem });
        await host.StartAsync();

        Assert.That(host.Services.GetFakeLogCollector().GetSnapshot().Any(r => r.Id.Id == 1403 && r.Level == LogLevel.Warning), Is.True);
        await host.StopAsync();
    }

    [Test]
    public async Task Reload_KeyChanges_AppliesNewKey()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AegisGate:License:PublicKey"] = _issuer.PublicKeyPem }).Build();
        using var host = BuildHost([], config);
        await host.StartAsync();
        var provider = host.Services.GetRequiredService<ILicenseProvider>();
        Assert.That(provider.Current.Status, Is.EqualTo(LicenseStatus.None));

        config["AegisGate:License:Key"] = _issuer.Issue(TestLicenseIssuer.Payload(Now, LicenseTier.Enterprise));
        config.Reload();

        Assert.That(provider.Current.Status, Is.EqualTo(LicenseStatus.Valid));
        Assert.That(provider.Current.Tier, Is.EqualTo(LicenseTier.Enterprise));
        await host.StopAsync();
    }

    [TestCase("AegisGate:License:PublicKey", "not a key")]
    [TestCase("AegisGate:License:ValidationCacheSize", "0")]
    public void Start_InvalidOptions_HostDoesNotStart(string key, string value)
    {
        using var host = BuildHost(new() { [key] = value });

        Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
    }
}
