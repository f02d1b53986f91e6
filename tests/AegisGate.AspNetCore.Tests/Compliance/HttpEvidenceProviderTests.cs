using AegisGate.AspNetCore.Http;
using AegisGate.AspNetCore.Tests.Support;
using AegisGate.Compliance;
using AegisGate.TestUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace AegisGate.AspNetCore.Tests.Compliance;

/// <summary>The HTTP pillar's compliance evidence follows its live configuration.</summary>
[CancelAfter(60_000)]
public sealed class HttpEvidenceProviderTests
{
    private static readonly string[] HttpIds =
    [
        ComplianceEvidenceIds.HttpAuthentication,
        ComplianceEvidenceIds.HttpRbac,
        ComplianceEvidenceIds.HttpRateLimiting,
        ComplianceEvidenceIds.HttpRequestLimits,
        ComplianceEvidenceIds.HttpRequestScanning,
        ComplianceEvidenceIds.HttpResponseRedaction,
    ];

    private TempDirectory _data = null!;

    [SetUp]
    public void SetUp() => _data = new TempDirectory();

    [TearDown]
    public void TearDown() => _data.Dispose();

    /// <summary>A framework with one control per HTTP evidence id, so each can be asserted on its own.</summary>
    private static ComplianceFramework PillarFramework() => new()
    {
        Id = "http-pillar-test",
        Name = "HTTP pillar evidence",
        Version = "1",
        Controls = [.. HttpIds.Select(id => new ComplianceControl { Id = id, Title = id, Evidence = [id] })],
    };

    private Task<HttpPillarHost> StartAsync(Action<AegisHttpOptions>? configure = null, bool scanner = true) => HttpPillarHost.StartAsync(new HttpPillarHostOptions
    {
        Configure = configure,
        RegisterScanner = scanner,
        Services = s => s.Configure<AegisGate.Configuration.AegisGateOptions>(o => o.DataDirectory = _data.Path),
        Aegis = a => a.AddAegisCompliance().AddComplianceFramework(PillarFramework()),
    });

    private static async Task<ComplianceReport> ReportAsync(HttpPillarHost host, string framework = "http-pillar-test")
        => await host.App.Services.GetRequiredService<ComplianceEvaluator>().EvaluateAsync(framework);

    private static ComplianceEvidence Evidence(ComplianceReport report, string id)
        => report.Controls.SelectMany(c => c.Evidence).First(e => e.Id == id && e.Source == "http");

    [Test]
    public async Task Collect_DefaultPillar_SatisfiesEveryHttpId()
    {
        await using var host = await StartAsync();

        var report = await ReportAsync(host);

        Assert.That(report.Status, Is.EqualTo(ComplianceStatus.Pass), string.Join("\n", report.Controls.SelectMany(c => c.Evidence).Select(e => $"{e.Id}: {e.Detail}")));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Evidence(report, ComplianceEvidenceIds.HttpAuthentication).Detail, Does.Contain("X-API-Key (7 key(s)").And.Contain("/public (test probe)"));
            Assert.That(Evidence(report, ComplianceEvidenceIds.HttpRbac).Detail, Does.Contain("5 role(s)").And.Contain("AEGIS_RBAC_NO_POLICY"));
            Assert.That(Evidence(report, ComplianceEvidenceIds.HttpRateLimiting).Detail, Does.Contain("burst 100"));
            Assert.That(Evidence(report, ComplianceEvidenceIds.HttpRequestLimits).Detail, Does.Contain("4194304 bytes"));
            Assert.That(Evidence(report, ComplianceEvidenceIds.HttpResponseRedaction).Detail, Does.Contain("redacted"));
        }
    }

    [Test]
    public async Task Collect_ResponseRedactionOff_FailsGdprAndHipaaControls()
    {
        await using var on = await StartAsync();
        await using var off = await StartAsync(static o => o.Scanning.Response = AegisScanAction.Monitor);

        var gdprOn = await ReportAsync(on, "gdpr");
        var gdprOff = await ReportAsync(off, "gdpr");
        var hipaaOff = await ReportAsync(off, "hipaa");

        using (Assert.EnterMultipleScope())
        {
            // Art. 25 needs http.response-redaction and audit.fail-closed: only the redaction setting differs.
            Assert.That(gdprOn.Controls.Single(c => c.Id == "Art. 25").Status, Is.EqualTo(ComplianceStatus.Pass));
            Assert.That(gdprOff.Controls.Single(c => c.Id == "Art. 25").Status, Is.EqualTo(ComplianceStatus.Fail));
            Assert.That(Evidence(gdprOff, ComplianceEvidenceIds.HttpResponseRedaction).Satisfied, Is.False);
            Assert.That(Evidence(gdprOff, ComplianceEvidenceIds.HttpResponseRedaction).Detail, Does.Contain("Response = Monitor"));
            Assert.That(hipaaOff.Controls.Single(c => c.Id == "§164.502(b)").Status, Is.EqualTo(ComplianceStatus.Fail));
            Assert.That(Evidence(hipaaOff, ComplianceEvidenceIds.HttpResponseRedaction).Satisfied, Is.False);
        }
    }

    [Test]
    public async Task Collect_UnscannableResponsesAllowed_IsNotRedaction()
    {
        await using var host = await StartAsync(static o => o.Scanning.UnscannableResponse = AegisUnscannableContent.Allow);

        var evidence = Evidence(await ReportAsync(host), ComplianceEvidenceIds.HttpResponseRedaction);

        Assert.That(evidence.Satisfied, Is.False);
        Assert.That(evidence.Detail, Does.Contain("UnscannableResponse = Allow"));
    }

    [Test]
    public async Task Collect_RequestsOnlyMonitored_IsNotRequestScanning()
    {
        await using var host = await StartAsync(static o => o.Scanning.Request = AegisScanAction.Monitor);

        var evidence = Evidence(await ReportAsync(host), ComplianceEvidenceIds.HttpRequestScanning);

        Assert.That(evidence.Satisfied, Is.False);
        Assert.That(evidence.Detail, Does.Contain("only monitors"));
    }

    [Test]
    public async Task Collect_NamedPolicyScanningLess_IsListedInTheDetail()
    {
        await using var host = await StartAsync(static o => o.ScanPolicies["downloads"] = new AegisScanPolicyOptions { Response = AegisScanAction.None });

        var evidence = Evidence(await ReportAsync(host), ComplianceEvidenceIds.HttpResponseRedaction);

        Assert.That(evidence.Satisfied, Is.True, "the default policy still redacts");
        Assert.That(evidence.Detail, Does.Contain("'downloads' (response None"));
    }

    [Test]
    public async Task Collect_RateLimitOff_IsNotSatisfied()
    {
        await using var host = await StartAsync(static o => o.RateLimit.Enabled = false);

        var report = await ReportAsync(host);

        Assert.That(Evidence(report, ComplianceEvidenceIds.HttpRateLimiting).Satisfied, Is.False);
        Assert.That(report.Controls.Single(c => c.Id == ComplianceEvidenceIds.HttpRateLimiting).Status, Is.EqualTo(ComplianceStatus.Fail));
    }

    [Test]
    public async Task Collect_NoScanner_ScanningAndRedactionAreNotSatisfied()
    {
        await using var host = await StartAsync(scanner: false);

        var report = await ReportAsync(host);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Evidence(report, ComplianceEvidenceIds.HttpRequestScanning).Satisfied, Is.False);
            Assert.That(Evidence(report, ComplianceEvidenceIds.HttpResponseRedaction).Detail, Does.Contain("AEGIS_SCANNER_UNAVAILABLE"));
            Assert.That(Evidence(report, ComplianceEvidenceIds.HttpAuthentication).Satisfied, Is.True);
        }
    }

    [Test]
    public async Task Collect_UseAegisHttpMissing_NothingHolds()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddAegisGate(o => o.DataDirectory = _data.Path).AddAegisHttp().AddAegisCompliance().AddComplianceFramework(PillarFramework());
        services.AddSingleton(FakeScanner.Create().Object);
        await using var provider = services.BuildServiceProvider();

        var report = await provider.GetRequiredService<ComplianceEvaluator>().EvaluateAsync("http-pillar-test");

        Assert.That(report.Controls.SelectMany(c => c.Evidence).Where(e => e.Source == "http"), Has.All.Matches<ComplianceEvidence>(e => !e.Satisfied && e.Detail.Contains("UseAegisHttp() is not in the request pipeline", StringComparison.Ordinal)));
        Assert.That(report.Controls.Count(c => c.Status == ComplianceStatus.Pass), Is.Zero);
    }

    [Test]
    public void AddAegisHttp_RegistersTheHttpEvidenceProviderOnce()
    {
        var services = new ServiceCollection();
        services.AddAegisGate().AddAegisHttp().AddAegisHttp();

        Assert.That(services.Count(d => d.ServiceType == typeof(IComplianceEvidenceProvider) && d.ImplementationType?.Name == "HttpEvidenceProvider"), Is.EqualTo(1));
    }
}
