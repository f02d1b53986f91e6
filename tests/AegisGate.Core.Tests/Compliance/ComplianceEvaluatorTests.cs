using System.Text.Json;
using AegisGate.Compliance;
using AegisGate.Detection;
using AegisGate.Licensing;
using AegisGate.TestUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moq;

namespace AegisGate.Core.Tests.Compliance;

[CancelAfter(30_000)]
public sealed class ComplianceEvaluatorTests
{
    private sealed class FixedEvidence(string name, params (string Id, bool Satisfied)[] items) : IComplianceEvidenceProvider
    {
        public string Name => name;

        public ValueTask CollectAsync(ComplianceEvidenceCollector evidence, CancellationToken cancellationToken)
        {
            foreach (var (id, satisfied) in items)
            {
                evidence.Add(id, satisfied, satisfied ? "holds" : "does not hold");
            }

            return ValueTask.CompletedTask;
        }
    }

    private sealed class ThrowingEvidence : IComplianceEvidenceProvider
    {
        public string Name => "broken";

        public ValueTask CollectAsync(ComplianceEvidenceCollector evidence, CancellationToken cancellationToken)
        {
            evidence.Satisfied(ComplianceEvidenceIds.AuditVerified, "reported before failing");
            throw new InvalidOperationException("boom");
        }
    }

    private sealed class HangingEvidence : IComplianceEvidenceProvider
    {
        public string Name => "slow";

        public async ValueTask CollectAsync(ComplianceEvidenceCollector evidence, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, CancellationToken.None);
        }
    }

    private static readonly string[] AllIds = [.. ComplianceEvidenceIds.All.Keys];

    private static ComplianceEvaluator Evaluator(params IComplianceEvidenceProvider[] providers) => new(new ComplianceFrameworkRegistry(), providers, TimeProvider.System, TimeSpan.FromMilliseconds(300));

    [Test]
    public async Task Evaluate_Unregistered_FailsWithCode()
    {
        var report = await Evaluator(new FixedEvidence("all", [.. AllIds.Select(id => (id, true))])).EvaluateAsync("not-a-framework");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Status, Is.EqualTo(ComplianceStatus.Fail));
            Assert.That(report.ErrorCode, Is.EqualTo(AegisErrorCodes.ComplianceUnregistered));
            Assert.That(report.IsRegistered, Is.False);
            Assert.That(report.Controls, Is.Empty);
            Assert.That(report.ToDecision().Code, Is.EqualTo(AegisErrorCodes.ComplianceUnregistered));
            Assert.That(report.ToDecision().StatusCode, Is.EqualTo(404));
            Assert.That(report.Message, Does.Contain("gdpr"));
        }
    }

    [TestCase("mitre-atlas")]
    [TestCase("nist-ai-rmf")]
    [TestCase("owasp-llm")]
    [TestCase("iso27001")]
    [TestCase("soc2")]
    [TestCase("hipaa")]
    [TestCase("gdpr")]
    [TestCase("pci-dss")]
    public async Task Evaluate_AllEvidenceSatisfied_Passes(string framework)
    {
        var report = await Evaluator(new FixedEvidence("all", [.. AllIds.Select(id => (id, true))])).EvaluateAsync(framework);

        Assert.That(report.Status, Is.EqualTo(ComplianceStatus.Pass));
        Assert.That(report.PassedCount, Is.EqualTo(report.Controls.Count));
        Assert.That(report.ToDecision().IsAllowed, Is.True);
    }

    [Test]
    public async Task Evaluate_NoEvidence_FailsEveryControlWithMissingEvidence()
    {
        var report = await Evaluator().EvaluateAsync("hipaa");

        Assert.That(report.Status, Is.EqualTo(ComplianceStatus.Fail));
        Assert.That(report.PassedCount, Is.Zero);
        var b = report.Controls.Single(c => c.Id == "§164.312(b)");
        Assert.That(b.MissingEvidence, Is.EquivalentTo(new[] { "audit.enabled", "audit.tamper-evident", "audit.verified" }));
    }

    [Test]
    public async Task Evaluate_OneRequiredEvidenceUnsatisfied_FailsThatControlOnly()
    {
        var items = AllIds.Select(id => (id, id != ComplianceEvidenceIds.AuditVerified)).ToArray();

        var report = await Evaluator(new FixedEvidence("all", items)).EvaluateAsync("hipaa");

        Assert.That(report.Controls.Single(c => c.Id == "§164.312(b)").Status, Is.EqualTo(ComplianceStatus.Fail));
        Assert.That(report.Controls.Single(c => c.Id == "§164.312(e)(1)").Status, Is.EqualTo(ComplianceStatus.Pass));
        Assert.That(report.Status, Is.EqualTo(ComplianceStatus.Fail));
    }

    [Test]
    public async Task Evaluate_ConflictingEvidence_Fails()
    {
        var report = await Evaluator(
            new FixedEvidence("config", (ComplianceEvidenceIds.Tls13, true)),
            new FixedEvidence("probe", (ComplianceEvidenceIds.Tls13, false))).EvaluateAsync("hipaa");

        var control = report.Controls.Single(c => c.Id == "§164.312(e)(1)");
        Assert.That(control.Status, Is.EqualTo(ComplianceStatus.Fail));
        Assert.That(control.Evidence.Select(e => e.Source), Is.EquivalentTo(new[] { "config", "probe" }));
    }

    [Test]
    public async Task Evaluate_ProviderThrows_ItsEvidenceIsDroppedAndListed()
    {
        var items = AllIds.Where(id => id != ComplianceEvidenceIds.AuditVerified).Select(id => (id, true)).ToArray();

        var report = await Evaluator(new FixedEvidence("all", items), new ThrowingEvidence(), null!).EvaluateAsync("hipaa");

        Assert.That(report.Controls.Single(c => c.Id == "§164.312(b)").Status, Is.EqualTo(ComplianceStatus.Fail), "a failed provider's partial evidence never counts");
        Assert.That(report.ProviderErrors, Has.Some.Contains("broken"));
        Assert.That(report.ProviderErrors, Has.Some.Contains("null"));
    }

    [Test]
    public async Task Evaluate_ProviderTimesOut_ItsEvidenceIsMissing()
    {
        var report = await Evaluator(new HangingEvidence(), new FixedEvidence("ok", (ComplianceEvidenceIds.Tls13, true))).EvaluateAsync("hipaa");

        Assert.That(report.ProviderErrors, Has.Some.Contains("slow").And.Some.Contains("did not answer"));
        Assert.That(report.Controls.Single(c => c.Id == "§164.312(e)(1)").Status, Is.EqualTo(ComplianceStatus.Pass));
    }

    [Test]
    public void Evaluate_CallerCancels_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.That(async () => await Evaluator(new HangingEvidence()).EvaluateAsync("gdpr", cts.Token), Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task Writers_ProduceTextMarkdownAndJson()
    {
        var evaluator = Evaluator(new FixedEvidence("core", (ComplianceEvidenceIds.DetectionPromptInjection, true), (ComplianceEvidenceIds.HttpRequestScanning, false)));
        var report = await evaluator.EvaluateAsync("mitre-atlas");

        var text = ComplianceReportWriter.Write(report, ComplianceReportFormat.Text);
        var markdown = ComplianceReportWriter.Write(report, ComplianceReportFormat.Markdown);
        using var json = JsonDocument.Parse(ComplianceReportWriter.WriteJson(report));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(text, Does.Contain("[FAIL] AML.T0051  LLM Prompt Injection").And.Contain("+ detection.prompt-injection").And.Contain("- http.request-scanning").And.Contain("? audit.enabled"));
            Assert.That(markdown, Does.Contain("| `AML.T0051` | LLM Prompt Injection | **FAIL** |").And.Contain("## Missing evidence"));
            Assert.That(json.RootElement.GetProperty("framework").GetProperty("id").GetString(), Is.EqualTo("mitre-atlas"));
            Assert.That(json.RootElement.GetProperty("status").GetString(), Is.EqualTo("fail"));
            Assert.That(json.RootElement.GetProperty("controls")[0].GetProperty("id").GetString(), Is.EqualTo("AML.T0051"));
            Assert.That(json.RootElement.GetProperty("summary").GetProperty("controls").GetInt32(), Is.EqualTo(report.Controls.Count));
        }
    }

    [Test]
    public async Task Writers_Unregistered_ShowCode()
    {
        var report = await Evaluator().EvaluateAsync("nope");

        Assert.That(ComplianceReportWriter.Write(report, ComplianceReportFormat.Text), Does.Contain("AEGIS_COMPLIANCE_UNREGISTERED"));
        Assert.That(ComplianceReportWriter.Write(report, ComplianceReportFormat.Markdown), Does.Contain("AEGIS_COMPLIANCE_UNREGISTERED"));
        using var json = JsonDocument.Parse(ComplianceReportWriter.WriteJson(report));
        Assert.That(json.RootElement.GetProperty("code").GetString(), Is.EqualTo("AEGIS_COMPLIANCE_UNREGISTERED"));
    }

    // --- Core evidence from live configuration ------------------------------------------------------------

    private static IHost BuildHost(Dictionary<string, string?> settings, Action<IServiceCollection>? more = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddAegisGate(builder.Configuration.GetSection("AegisGate"))
            .AddAegisEncryption(builder.Configuration.GetSection("AegisGate:Encryption"))
            .AddAegisCompliance(builder.Configuration.GetSection("AegisGate:Compliance"))
            .AddPipeline("p", static (p, _) => p.AddCheck(TestChecks.Allow()));
        more?.Invoke(builder.Services);
        return builder.Build();
    }

    private static async Task<Dictionary<string, ComplianceEvidence>> EvidenceAsync(IHost host)
    {
        var report = await host.Services.GetRequiredService<ComplianceEvaluator>().EvaluateAsync("iso27001");
        return report.Controls.SelectMany(c => c.Evidence).GroupBy(e => e.Id).ToDictionary(g => g.Key, g => g.First());
    }

    [Test]
    public async Task CoreEvidence_ChangesWithConfiguration()
    {
        using var on = BuildHost(new() { ["AegisGate:Audit:Enabled"] = "true", ["AegisGate:Audit:FailClosed"] = "true" });
        using var off = BuildHost(new() { ["AegisGate:Audit:Enabled"] = "false", ["AegisGate:Audit:FailClosed"] = "false" });

        var a = await EvidenceAsync(on);
        var b = await EvidenceAsync(off);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(a["audit.enabled"].Satisfied, Is.True);
            Assert.That(a["audit.tamper-evident"].Satisfied, Is.True);
            Assert.That(b["audit.enabled"].Satisfied, Is.False);
            Assert.That(b["audit.tamper-evident"].Satisfied, Is.False);
            Assert.That(a["crypto.at-rest"].Satisfied, Is.False, "encryption is off by default");
        }

        var gdprOn = await on.Services.GetRequiredService<ComplianceEvaluator>().EvaluateAsync("gdpr");
        var gdprOff = await off.Services.GetRequiredService<ComplianceEvaluator>().EvaluateAsync("gdpr");
        Assert.That(gdprOn.Controls.Single(c => c.Id == "Art. 30").Status, Is.EqualTo(ComplianceStatus.Pass));
        Assert.That(gdprOff.Controls.Single(c => c.Id == "Art. 30").Status, Is.EqualTo(ComplianceStatus.Fail));
    }

    private static Dictionary<string, string?> EncryptionSettings(string auditEncrypt, string auditEnabled = "true") => new()
    {
        ["AegisGate:Audit:Enabled"] = auditEnabled,
        ["AegisGate:Audit:Encrypt"] = auditEncrypt,
        ["AegisGate:Encryption:Enabled"] = "true",
        ["AegisGate:Encryption:ActiveKeyId"] = "k1",
        ["AegisGate:Encryption:Keys:k1:Secret"] = "env:AEGIS_TEST_UNUSED",
    };

    [Test]
    public async Task CoreEvidence_EncryptionEnabledAndAuditEncrypted_IsSatisfied()
    {
        using var host = BuildHost(EncryptionSettings(auditEncrypt: "true"));

        var evidence = await EvidenceAsync(host);
        var pci = await host.Services.GetRequiredService<ComplianceEvaluator>().EvaluateAsync("pci-dss");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(evidence["crypto.at-rest"].Satisfied, Is.True, evidence["crypto.at-rest"].Detail);
            Assert.That(pci.Controls.Single(c => c.Id == "10.3.1").Status, Is.EqualTo(ComplianceStatus.Pass));
            Assert.That(pci.Controls.Single(c => c.Id == "10.3.1").Evidence.Single(e => e.Id == "audit.encrypted").Detail, Does.Contain("AES-256-GCM").And.Contain("'k1'"));
        }
    }

    [Test]
    public async Task CoreEvidence_EncryptionEnabledButAuditPlaintext_IsNotSatisfied()
    {
        using var host = BuildHost(EncryptionSettings(auditEncrypt: "false"));

        var evidence = await EvidenceAsync(host);
        var pci = await host.Services.GetRequiredService<ComplianceEvaluator>().EvaluateAsync("pci-dss");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(evidence["crypto.at-rest"].Satisfied, Is.False, "the audit trail is stored in plaintext");
            Assert.That(evidence["crypto.at-rest"].Detail, Does.Contain("AegisGate:Audit:Encrypt"));
            Assert.That(pci.Controls.Single(c => c.Id == "10.3.1").Status, Is.EqualTo(ComplianceStatus.Fail));
        }
    }

    [Test]
    public async Task CoreEvidence_AuditDisabled_CryptoAtRestIgnoresTheTrailAndAuditEncryptedIsNotSatisfied()
    {
        using var host = BuildHost(EncryptionSettings(auditEncrypt: "false", auditEnabled: "false"));

        var pci = await host.Services.GetRequiredService<ComplianceEvaluator>().EvaluateAsync("pci-dss");
        var evidence = pci.Controls.SelectMany(c => c.Evidence).GroupBy(e => e.Id).ToDictionary(g => g.Key, g => g.First());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(evidence["crypto.at-rest"].Satisfied, Is.True, "nothing of the audit trail is stored");
            Assert.That(evidence["audit.encrypted"].Satisfied, Is.False);
            Assert.That(evidence["audit.encrypted"].Detail, Does.Contain("disabled"));
        }
    }

    [Test]
    public async Task CoreEvidence_AuditEncryptWithoutEncryptionAtRest_IsNotSatisfied()
    {
        using var host = BuildHost(new() { ["AegisGate:Audit:Encrypt"] = "true" });

        var pci = await host.Services.GetRequiredService<ComplianceEvaluator>().EvaluateAsync("pci-dss");
        var encrypted = pci.Controls.Single(c => c.Id == "10.3.1").Evidence.Single(e => e.Id == "audit.encrypted");

        Assert.That(encrypted.Satisfied, Is.False);
        Assert.That(encrypted.Detail, Does.Contain("refuses to write"));
    }

    [Test]
    public async Task CoreEvidence_InvalidLicence_IsNotSatisfied()
    {
        using var invalid = BuildHost(new() { ["AegisGate:License:Key"] = "AGL1.garbage.x" });
        using var none = BuildHost([]);

        var bad = (await invalid.Services.GetRequiredService<ComplianceEvaluator>().EvaluateAsync("nist-ai-rmf")).Controls.Single(c => c.Id == "GOVERN 1.4");
        var good = (await none.Services.GetRequiredService<ComplianceEvaluator>().EvaluateAsync("nist-ai-rmf")).Controls.Single(c => c.Id == "GOVERN 1.4");

        Assert.That(bad.Status, Is.EqualTo(ComplianceStatus.Fail));
        Assert.That(bad.Evidence.Single(e => e.Id == "license.valid").Detail, Does.Contain("invalid"));
        Assert.That(good.Status, Is.EqualTo(ComplianceStatus.Pass), "no key = community = not invalid");
    }

    [TestCase("Tls13", null, true)]
    [TestCase("Tls12,Tls13", null, false)]
    [TestCase("Tls13", "http://0.0.0.0:8080", false)]
    [TestCase(null, "https://0.0.0.0:8443", false)]
    public void KestrelTls_FromConfiguration(string? defaults, string? endpointUrl, bool satisfied)
    {
        var settings = new Dictionary<string, string?>();
        if (defaults is not null)
        {
            settings["Kestrel:EndpointDefaults:SslProtocols"] = defaults;
        }

        if (endpointUrl is not null)
        {
            settings["Kestrel:Endpoints:Main:Url"] = endpointUrl;
        }

        var collector = new ComplianceEvidenceCollector("core");
        CoreEvidenceProvider.CollectKestrelTls(collector, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

        Assert.That(collector.Items.Single().Satisfied, Is.EqualTo(satisfied), collector.Items.Single().Detail);
    }

    [Test]
    public void KestrelTls_ArrayForm_IsRead()
    {
        var collector = new ComplianceEvidenceCollector("core");
        CoreEvidenceProvider.CollectKestrelTls(collector, new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Main:Url"] = "https://0.0.0.0:8443",
            ["Kestrel:Endpoints:Main:SslProtocols:0"] = "Tls13",
        }).Build());

        Assert.That(collector.Items.Single().Satisfied, Is.True);
    }

    [Test]
    public void KestrelTls_NoKestrelSection_ReportsNothing()
    {
        var collector = new ComplianceEvidenceCollector("core");
        CoreEvidenceProvider.CollectKestrelTls(collector, new ConfigurationBuilder().Build());

        Assert.That(collector.Items, Is.Empty);
    }

    [Test]
    public async Task DetectionEvidence_ScannerFlagsCanaries_PerCategory()
    {
        var scanner = new Mock<IContentScanner>(MockBehavior.Strict);
        scanner.Setup(s => s.Scan(It.IsAny<string>(), It.IsAny<ScanOptions>())).Returns((string text, ScanOptions _) => new ScanResult
        {
            Verdict = ScanVerdict.Block,
            Findings = text.Contains("Ignore all previous", StringComparison.Ordinal)
                ? [new DetectionFinding { RuleId = "injection.x", Category = DetectionCategory.Injection, Severity = DetectionSeverity.High, Action = DetectionAction.Block, Start = 0, End = 1, Confidence = 1 }]
                : [],
        });
        using var host = BuildHost([], s => s.AddSingleton(scanner.Object));

        var evidence = await EvidenceAsync(host);
        var report = await host.Services.GetRequiredService<ComplianceEvaluator>().EvaluateAsync("owasp-llm");

        Assert.That(report.Controls.SelectMany(c => c.Evidence).First(e => e.Id == "detection.prompt-injection").Satisfied, Is.True);
        Assert.That(evidence["detection.secrets"].Satisfied, Is.False);
        Assert.That(evidence["detection.pii"].Detail, Does.Contain("none of"));
    }

    [Test]
    public async Task DetectionEvidence_NoScanner_IsNotSatisfied()
    {
        using var host = BuildHost([]);

        var evidence = await EvidenceAsync(host);

        Assert.That(evidence["detection.secrets"].Satisfied, Is.False);
        Assert.That(evidence["detection.secrets"].Detail, Does.Contain("No content scanner"));
    }

    [Test]
    public async Task FrameworkFiles_AreLoaded_AndInvalidOnesStopTheHost()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.Combine("acme.yaml"), "id: acme\nname: ACME\nversion: \"1\"\ncontrols:\n  - id: A-1\n    title: Audit on\n    evidence: [audit.enabled]\n");
        await File.WriteAllTextAsync(dir.Combine("bad.yaml"), "id: bad\nname: Bad\n");

        using var good = BuildHost(new() { ["AegisGate:ConfigDirectory"] = dir.Path, ["AegisGate:Compliance:FrameworkFiles:0"] = "acme.yaml" });
        await good.StartAsync();
        var report = await good.Services.GetRequiredService<ComplianceEvaluator>().EvaluateAsync("acme");
        Assert.That(report.Status, Is.EqualTo(ComplianceStatus.Pass));
        await good.StopAsync();

        using var bad = BuildHost(new() { ["AegisGate:ConfigDirectory"] = dir.Path, ["AegisGate:Compliance:FrameworkFiles:0"] = "bad.yaml" });
        var ex = Assert.ThrowsAsync<InvalidDataException>(() => bad.StartAsync());
        Assert.That(ex!.Message, Does.Contain("bad.yaml"));
    }

    [Test]
    public async Task AddComplianceFramework_InCode_IsEvaluated()
    {
        using var host = BuildHost([], s => s.AddAegisGate().AddComplianceFramework(new ComplianceFramework
        {
            Id = "internal-policy",
            Name = "Internal policy",
            Version = "1",
            Controls = [new ComplianceControl { Id = "P-1", Title = "Fail closed", Evidence = ["audit.fail-closed"] }],
        }).AddComplianceEvidence<ExtraEvidence>());

        var report = await host.Services.GetRequiredService<ComplianceEvaluator>().EvaluateAsync("internal-policy");

        Assert.That(report.Status, Is.EqualTo(ComplianceStatus.Pass));
        Assert.That(host.Services.GetServices<IComplianceEvidenceProvider>().OfType<ExtraEvidence>().Count(), Is.EqualTo(1));
    }

    private sealed class ExtraEvidence : IComplianceEvidenceProvider
    {
        public string Name => "extra";

        public ValueTask CollectAsync(ComplianceEvidenceCollector evidence, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    [Test]
    public void LicenseEvidence_InvalidLicence_FailsAControlThatNeedsIt()
    {
        var provider = Mock.Of<ILicenseProvider>(p => p.Current == new LicenseState { Status = LicenseStatus.Invalid, Tier = LicenseTier.Community, InvalidReason = "The licence has expired." });
        var services = new ServiceCollection();
        services.AddSingleton(provider);
        services.AddAegisGate().AddAegisCompliance().AddComplianceFramework(new ComplianceFramework
        {
            Id = "licensed",
            Name = "Licensed",
            Version = "1",
            Controls = [new ComplianceControl { Id = "L-1", Title = "Licence", Evidence = ["license.valid"] }],
        });
        using var sp = services.BuildServiceProvider();

        var report = sp.GetRequiredService<ComplianceEvaluator>().EvaluateAsync("licensed").AsTask().GetAwaiter().GetResult();

        Assert.That(report.Status, Is.EqualTo(ComplianceStatus.Fail));
        Assert.That(report.Controls[0].Evidence[0].Detail, Does.Contain("expired"));
    }
}
