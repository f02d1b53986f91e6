using AegisGate.Detection;

namespace AegisGate.Core.Tests.Detection;

public sealed class RuleCaseTests
{
    internal const string Canary = "CANARY-7f3a9c2e-PROMPT";

    private static readonly ContentScanner s_scanner = ContentScanner.Create(new AegisDetectionOptions { Canaries = [Canary] });

    private static IEnumerable<TestCaseData> Positives()
        => RuleCases.All.Select(c => new TestCaseData(c.RuleId, c.Positive, c.Source).SetName($"Scan_Positive_{c.RuleId}"));

    private static IEnumerable<TestCaseData> Negatives()
        => RuleCases.All.Select(c => new TestCaseData(c.RuleId, c.Negative, c.Source).SetName($"Scan_NearMiss_{c.RuleId}"));

    [TestCaseSource(nameof(Positives))]
    public void Scan_Positive_ReportsTheRule(string ruleId, string text, ContentSource source)
    {
        var result = s_scanner.Scan(text, new ScanOptions { Source = source });

        Assert.That(result.Findings.Select(f => f.RuleId), Does.Contain(ruleId), $"found: {string.Join(", ", result.Findings.Select(f => f.RuleId))}");
    }

    [TestCaseSource(nameof(Negatives))]
    public void Scan_NearMiss_DoesNotReportTheRule(string ruleId, string text, ContentSource source)
    {
        var result = s_scanner.Scan(text, new ScanOptions { Source = source });

        Assert.That(result.Findings.Select(f => f.RuleId), Does.Not.Contain(ruleId));
    }

    [Test]
    public void Catalog_EveryRule_HasAPositiveAndANearMissCase()
    {
        var covered = RuleCases.All.Select(c => c.RuleId).ToHashSet(StringComparer.Ordinal);
        var missing = s_scanner.Rules.Select(r => r.Id).Where(id => id != "injection.classifier" && !covered.Contains(id)).ToList();
        var unknown = covered.Where(id => s_scanner.Rules.All(r => r.Id != id)).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(missing, Is.Empty, "rules without test cases");
            Assert.That(unknown, Is.Empty, "test cases for unknown rules");
        }
    }

    [Test]
    public void Catalog_HasTheRequiredRuleCountsAndMappings()
    {
        var rules = s_scanner.Rules;
        var counts = rules.GroupBy(r => r.Category).ToDictionary(g => g.Key, g => g.Count());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rules, Has.Count.GreaterThanOrEqualTo(144));
            Assert.That(counts[DetectionCategory.Secret], Is.GreaterThanOrEqualTo(70));
            Assert.That(counts[DetectionCategory.Pii], Is.GreaterThanOrEqualTo(40));
            Assert.That(counts[DetectionCategory.Injection], Is.GreaterThanOrEqualTo(25));
            Assert.That(counts[DetectionCategory.Exfiltration], Is.GreaterThanOrEqualTo(10));
            Assert.That(rules.Select(r => r.Id).Distinct().Count(), Is.EqualTo(rules.Count));
            Assert.That(rules.Where(r => r.Mappings.Count == 0), Is.Empty);
            Assert.That(rules.Where(r => !r.Mappings.Any(m => m.StartsWith("LLM0", StringComparison.Ordinal))), Is.Empty, "every rule maps to an OWASP LLM Top 10 2025 id");
            Assert.That(rules.Where(r => !r.Mappings.Any(m => System.Text.RegularExpressions.Regex.IsMatch(m, @"^AML\.T\d{4}(\.\d{3})?$"))), Is.Empty, "every rule maps to a MITRE ATLAS technique");
        }
    }
}
