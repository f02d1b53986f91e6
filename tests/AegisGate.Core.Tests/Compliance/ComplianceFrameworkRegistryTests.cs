using AegisGate.Compliance;
using AegisGate.Detection;

namespace AegisGate.Core.Tests.Compliance;

public sealed class ComplianceFrameworkRegistryTests
{
    private static readonly ComplianceFrameworkRegistry Registry = new();

    [Test]
    public void BuiltIn_EightFrameworksWithTheProbeIds()
    {
        Assert.That(Registry.Frameworks.Select(f => f.Id), Is.EquivalentTo(new[] { "mitre-atlas", "nist-ai-rmf", "owasp-llm", "iso27001", "soc2", "hipaa", "gdpr", "pci-dss" }));
        Assert.That(ComplianceFrameworkRegistry.BuiltInIds, Is.EquivalentTo(Registry.Frameworks.Select(f => f.Id)));
    }

    [TestCase("mitre-atlas", "AML.T0051", "AML.T0051.001", "AML.T0054", "AML.T0057", "AML.M0024")]
    [TestCase("owasp-llm", "LLM01", "LLM02", "LLM06", "LLM10")]
    [TestCase("nist-ai-rmf", "GOVERN 1.5", "MAP 4.2", "MEASURE 2.7", "MANAGE 4.1")]
    [TestCase("iso27001", "A.5.15", "A.8.12", "A.8.15", "A.8.24")]
    [TestCase("soc2", "CC6.1", "CC6.7", "CC7.2")]
    [TestCase("hipaa", "§164.312(b)", "§164.312(a)(2)(iv)", "§164.312(e)(1)")]
    [TestCase("gdpr", "Art. 32", "Art. 32(1)(a)", "Art. 5(1)(f)", "Art. 25")]
    [TestCase("pci-dss", "3.4", "3.5", "4.2.1", "10.2", "10.3.2")]
    public void BuiltIn_MapsRealControlIdentifiers(string framework, params string[] controlIds)
    {
        Assert.That(Registry.TryGet(framework, out var f), Is.True);
        Assert.That(f!.Controls.Select(c => c.Id), Is.SupersetOf(controlIds));
        Assert.That(f.Name, Is.Not.Empty);
        Assert.That(f.Version, Is.Not.Empty);
        Assert.That(f.Url, Does.StartWith("https://"));
    }

    [Test]
    public void BuiltIn_EveryEvidenceIdIsInTheCatalogue()
    {
        var used = Registry.Frameworks.SelectMany(f => f.Controls).SelectMany(c => c.Evidence).Distinct().ToList();

        Assert.That(used, Is.SubsetOf(ComplianceEvidenceIds.All.Keys));
        Assert.That(ComplianceEvidenceIds.All.Keys, Is.SubsetOf(used), "every catalogued evidence id is used by some framework");
    }

    [Test]
    public void BuiltIn_EveryControlNeedsEvidence()
        => Assert.That(Registry.Frameworks.SelectMany(f => f.Controls).All(c => c.Evidence.Count > 0 && !string.IsNullOrWhiteSpace(c.Title)), Is.True);

    [TestCase("GDPR")]
    [TestCase(" gdpr ")]
    public void TryGet_IsCaseInsensitive(string id) => Assert.That(Registry.TryGet(id, out _), Is.True);

    [TestCase("not-a-framework")]
    [TestCase("")]
    [TestCase(null)]
    public void TryGet_Unregistered_IsFalse(string? id) => Assert.That(Registry.TryGet(id, out _), Is.False);

    [Test]
    public void MapFinding_Injection_MapsToAtlasAndOwasp()
    {
        var finding = new DetectionFinding { RuleId = "injection.ignore_previous", Category = DetectionCategory.Injection, Severity = DetectionSeverity.High, Action = DetectionAction.Block, Start = 0, End = 5, Confidence = 0.9 };

        var controls = Registry.MapFinding(finding);

        Assert.That(controls, Does.Contain("mitre-atlas:AML.T0051").And.Contain("owasp-llm:LLM01").And.Contain("iso27001:A.8.26"));
        Assert.That(controls, Does.Not.Contain("pci-dss:3.4"));
    }

    [Test]
    public void MapFinding_CreditCardRule_MapsToPciDss34()
    {
        var finding = new DetectionFinding { RuleId = "pii.credit_card", Category = DetectionCategory.Pii, Severity = DetectionSeverity.High, Action = DetectionAction.Redact, Start = 0, End = 19, Confidence = 1 };

        Assert.That(Registry.MapFinding(finding), Does.Contain("pci-dss:3.4").And.Contain("gdpr:Art. 5(1)(c)").And.Contain("hipaa:§164.502(b)"));
    }

    [Test]
    public void MapFinding_ExplicitMappingOnTheRule_IsHonoured()
    {
        var finding = new DetectionFinding { RuleId = "custom.rule", Category = DetectionCategory.Secret, Severity = DetectionSeverity.Low, Action = DetectionAction.Monitor, Start = 0, End = 1, Confidence = 1, Mappings = ["soc2:CC7.3"] };

        Assert.That(Registry.MapFinding(finding), Does.Contain("soc2:CC7.3"));
    }

    [Test]
    public void Parse_ValidYaml_Registers()
    {
        var result = ComplianceFrameworkRegistry.Parse("""
            id: acme-ai-policy
            name: ACME AI usage policy
            version: "2026.1"
            controls:
              - id: ACME-7
                title: Prompts are screened
                evidence: [detection.prompt-injection]
                findings: [injection]
            """);

        Assert.That(result.IsValid, Is.True, string.Join("; ", result.Errors));
        var registry = new ComplianceFrameworkRegistry([result.Value!]);
        Assert.That(registry.TryGet("acme-ai-policy", out _), Is.True);
        Assert.That(registry.Frameworks, Has.Count.EqualTo(9));
    }

    [Test]
    public void Parse_InvalidYaml_ReportsEveryError()
    {
        var result = ComplianceFrameworkRegistry.Parse("""
            id: Bad Id
            name: ""
            version: "1"
            controls:
              - id: C1
                title: t
                evidence: []
              - id: C1
                title: t
                evidence: [Not.Lower]
            """);

        Assert.That(result.IsValid, Is.False);
        var text = string.Join("\n", result.Errors);
        Assert.That(text, Does.Contain("id").And.Contain("name").And.Contain("listed twice").And.Contain("Not.Lower").And.Contain("evidence"));
    }

    [Test]
    public void Parse_UnknownKey_IsAnError()
    {
        var result = ComplianceFrameworkRegistry.Parse("id: x1\nname: n\nversion: v\nshenanigans: true\ncontrols:\n  - id: a\n    title: b\n    evidence: [audit.enabled]\n");

        Assert.That(result.IsValid, Is.False);
    }

    [Test]
    public void Registry_DuplicateOfBuiltIn_Throws()
    {
        var duplicate = new ComplianceFramework { Id = "gdpr", Name = "Fake", Version = "1", Controls = [new() { Id = "x", Title = "x", Evidence = ["audit.enabled"] }] };

        var ex = Assert.Throws<InvalidDataException>(() => _ = new ComplianceFrameworkRegistry([duplicate]));

        Assert.That(ex!.Message, Does.Contain("already registered"));
    }

    [Test]
    public void Registry_InvalidCodeFramework_Throws()
    {
        var invalid = new ComplianceFramework { Id = "ok-id", Name = "", Version = "1", Controls = [] };

        Assert.Throws<InvalidDataException>(() => _ = new ComplianceFrameworkRegistry([invalid]));
    }
}
