using AegisGate.Detection;
using AegisGate.TestUtilities;

namespace AegisGate.Core.Tests.Detection;

public sealed class RulePackTests
{
    private const string ValidPack = """
        rules:
          - id: secret.acme_api_key
            name: ACME API key
            category: secret
            severity: critical
            action: redact
            confidence: 0.95
            pattern: '\bacme_(?<v>[A-Za-z0-9]{32})\b'
            keywords: [acme_]
            label: ACME_API_KEY
            min_entropy: 3.0
            mappings: [LLM02, AML.T0057]
          - id: pii.employee_id
            name: Employee number
            category: pii
            severity: medium
            action: monitor
            pattern: '\bE-[0-9]{6}\b'
            keywords: [E-]
            context_words: [employee, staff]
            context_mode: required
            mappings: ['GDPR:Art4(1)']
          - id: injection.acme_override
            name: ACME override phrase
            category: injection
            weight: 1.2
            pattern: 'sudo\s+mode\s+engaged'
            ignore_case: true
            keywords: [sudo]
            mappings: [LLM01, AML.T0051]
        """;

    [Test]
    public void Create_WithValidPack_AddsCustomRulesToTheCatalogAndScans()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("acme.yaml"), ValidPack);
        var scanner = ContentScanner.Create(new AegisDetectionOptions { RulePacks = ["acme.yaml"] }, rulePackDirectory: dir.Path);
        var key = "acme_" + TestTokens.Alnum(32);

        var secret = scanner.Scan("use " + key + " now", new ScanOptions { ProduceRedacted = true });
        var employee = scanner.Scan("employee number E-123456 joined", ScanOptions.Default);
        var noContext = scanner.Scan("part number E-123456 shipped", ScanOptions.Default);
        var injection = scanner.Scan("SUDO   mode engaged", ScanOptions.Default);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scanner.Rules.Where(r => r.IsCustom).Select(r => r.Id), Is.EquivalentTo(new[] { "secret.acme_api_key", "pii.employee_id", "injection.acme_override" }));
            Assert.That(scanner.Rules.Single(r => r.Id == "secret.acme_api_key").Mappings, Is.EqualTo(new[] { "LLM02", "AML.T0057" }));
            Assert.That(secret.RedactedContent, Is.EqualTo("use acme_[REDACTED:ACME_API_KEY] now"), "the named group v is the reported value");
            Assert.That(employee.Findings.Single().RuleId, Is.EqualTo("pii.employee_id"));
            Assert.That(employee.Verdict, Is.EqualTo(ScanVerdict.Monitor));
            Assert.That(noContext.Findings, Is.Empty, "context words are required");
            Assert.That(injection.Verdict, Is.EqualTo(ScanVerdict.Block));
        }
    }

    [Test]
    public void Validate_InvalidPack_ReportsEveryErrorAtOnce()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("bad.yaml");
        File.WriteAllText(path, """
            rules:
              - id: secret.github_pat
                name: Clash with a built-in id
                category: secret
                pattern: 'x+'
              - id: NotAnId
                category: weird
                severity: apocalyptic
                confidence: 1.5
                pattern: '(a)\1'
              - id: pii.lookbehind
                name: Lookaround
                category: pii
                pattern: '(?<=x)y'
              - id: pii.dupe
                name: One
                category: pii
                pattern: 'a'
              - id: pii.dupe
                name: Two
                category: secret
                pattern: 'b'
            """);

        var errors = DetectionRulePacks.Validate(path);
        var text = string.Join("\n", errors.Select(e => e.ToString()));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(errors.Count, Is.GreaterThanOrEqualTo(8), text);
            Assert.That(text, Does.Contain("built-in rule id"));
            Assert.That(text, Does.Contain("rules[1].id"));
            Assert.That(text, Does.Contain("rules[1].name"));
            Assert.That(text, Does.Contain("rules[1].category"));
            Assert.That(text, Does.Contain("rules[1].severity"));
            Assert.That(text, Does.Contain("rules[1].confidence"));
            Assert.That(text, Does.Contain("rules[1].pattern"));
            Assert.That(text, Does.Contain("rules[2].pattern"));
            Assert.That(text, Does.Contain("used twice"));
        }
    }

    [Test]
    public void Create_InvalidPack_ThrowsAndNamesTheFile()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("broken.yaml"), "rules: [ {id: pii.x1, name: n, category: pii, pattern: '('} ]");

        var ex = Assert.Throws<InvalidOperationException>(() => ContentScanner.Create(new AegisDetectionOptions { RulePacks = ["broken.yaml"] }, rulePackDirectory: dir.Path));

        Assert.That(ex!.Message, Does.Contain("broken.yaml"));
    }

    [Test]
    public void Create_MissingPack_Throws()
    {
        using var dir = new TempDirectory();

        Assert.Throws<InvalidOperationException>(() => ContentScanner.Create(new AegisDetectionOptions { RulePacks = ["absent.yaml"] }, rulePackDirectory: dir.Path));
    }

    [Test]
    public void Validate_EmptyPack_IsAnError()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("empty.yaml");
        File.WriteAllText(path, "rules: []\n");

        Assert.That(DetectionRulePacks.Validate(path), Is.Not.Empty);
    }
}
