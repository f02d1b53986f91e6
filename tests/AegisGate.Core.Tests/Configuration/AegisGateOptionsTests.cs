using AegisGate.Configuration;
using AegisGate.TestUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AegisGate.Core.Tests.Configuration;

public sealed class AegisGateOptionsTests
{
    private static IHost BuildHost(Dictionary<string, string?> settings, IConfigurationRoot? config = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        if (config is not null)
        {
            builder.Configuration.AddConfiguration(config);
        }
        else
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddAegisGate(builder.Configuration.GetSection(AegisGateOptions.SectionName))
            .AddPipeline("p", static (p, _) => p.AddCheck(TestChecks.Allow()));
        return builder.Build();
    }

    [Test]
    public void Defaults_AreSecure()
    {
        var options = new AegisGateOptions();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(options.CheckTimeout, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(options.Audit.Enabled, Is.True);
            Assert.That(options.Audit.FailClosed, Is.True, "audit failure denies by default");
            Assert.That(options.Audit.MaxFileBytes, Is.EqualTo(64L * 1024 * 1024));
            Assert.That(options.DataDirectory, Is.EqualTo(".aegisgate"));
        }
    }

    [Test]
    public async Task Start_ValidConfiguration_Starts()
    {
        using var host = BuildHost(new() { ["AegisGate:CheckTimeout"] = "00:00:01" });

        await host.StartAsync();
        await host.StopAsync();

        Assert.That(host.Services.GetRequiredService<IOptions<AegisGateOptions>>().Value.CheckTimeout, Is.EqualTo(TimeSpan.FromSeconds(1)));
    }

    [TestCase("AegisGate:CheckTimeout", "00:00:00", "CheckTimeout")]
    [TestCase("AegisGate:CheckTimeout", "00:10:00", "CheckTimeout")]
    [TestCase("AegisGate:Audit:MaxFileBytes", "10", "MaxFileBytes")]
    [TestCase("AegisGate:Audit:MaxRetainedFiles", "0", "MaxRetainedFiles")]
    [TestCase("AegisGate:Audit:Key", "c2hvcnQ=", "AegisGate:Audit:Key")]
    [TestCase("AegisGate:Audit:Key", "not base64!", "AegisGate:Audit:Key")]
    [TestCase("AegisGate:DataDirectory", "", "DataDirectory")]
    public void Start_InvalidValue_IsRejected(string key, string value, string expectedMember)
    {
        using var host = BuildHost(new() { [key] = value });

        var ex = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(string.Join("\n", ex!.Failures), Does.Contain(expectedMember));
    }

    [Test]
    public void Start_SeveralInvalidValues_ReportsAllAtOnce()
    {
        using var host = BuildHost(new()
        {
            ["AegisGate:CheckTimeout"] = "00:00:00",
            ["AegisGate:Audit:MaxRetainedFiles"] = "0",
            ["AegisGate:Audit:Key"] = "c2hvcnQ=",
        });

        var ex = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        var all = string.Join("\n", ex!.Failures);
        Assert.That(all, Does.Contain("CheckTimeout").And.Contain("MaxRetainedFiles").And.Contain("Audit:Key"));
    }

    [Test]
    public void Start_InvalidValue_ErrorDoesNotEchoTheSecret()
    {
        const string secret = "c2VjcmV0LXRvby1zaG9ydA==";
        using var host = BuildHost(new() { ["AegisGate:Audit:Key"] = secret });

        var ex = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(ex!.Message, Does.Not.Contain(secret));
    }

    [Test]
    public void LastGoodOptions_BadReload_KeepsLastGoodAndReportsError()
    {
        var source = new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { ["AegisGate:CheckTimeout"] = "00:00:01" },
        };
        var config = new ConfigurationBuilder().Add(source).Build();
        using var host = BuildHost([], config);
        var holder = host.Services.GetRequiredService<LastGoodOptions<AegisGateOptions>>();
        Assert.That(holder.Current.CheckTimeout, Is.EqualTo(TimeSpan.FromSeconds(1)));

        config["AegisGate:CheckTimeout"] = "00:00:00";
        config.Reload();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(holder.Current.CheckTimeout, Is.EqualTo(TimeSpan.FromSeconds(1)), "the last good value stays");
            Assert.That(holder.IsHealthy, Is.False);
            Assert.That(holder.LastError, Does.Contain("CheckTimeout"));
        }

        config["AegisGate:CheckTimeout"] = "00:00:03";
        config.Reload();

        Assert.That(holder.Current.CheckTimeout, Is.EqualTo(TimeSpan.FromSeconds(3)));
        Assert.That(holder.IsHealthy, Is.True);
    }

    [Test]
    public void AddAegisGate_Twice_RegistersOnce()
    {
        var services = new ServiceCollection();
        services.AddAegisGate();
        var count = services.Count;

        services.AddAegisGate();

        Assert.That(services, Has.Count.EqualTo(count));
    }

    [Test]
    public async Task Start_EmptyPipelineRegistered_FailsStartup()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAegisGate().AddPipeline("empty", static (_, _) => { });
        using var host = builder.Build();

        Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
        await Task.CompletedTask;
    }
}
