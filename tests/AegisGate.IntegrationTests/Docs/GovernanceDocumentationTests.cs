using AegisGate.Compliance;
using AegisGate.TestUtilities;

namespace AegisGate.IntegrationTests.Docs;

/// <summary>docs/governance.md lists every built-in control with exactly the evidence it needs, and every evidence id.</summary>
public sealed class GovernanceDocumentationTests
{
    private static string Doc() => File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "governance.md"));

    [Test]
    public void EveryBuiltInControl_IsDocumentedWithItsEvidence()
    {
        var doc = Doc();
        var missing = new ComplianceFrameworkRegistry().Frameworks
            .SelectMany(f => f.Controls.Select(c => (Framework: f.Id, Row: $"| `{c.Id}` | {c.Title} | {string.Join(", ", c.Evidence.Select(e => $"`{e}`"))} |")))
            .Where(x => !doc.Contains(x.Row, StringComparison.Ordinal))
            .Select(x => $"{x.Framework}: {x.Row}")
            .ToList();

        Assert.That(missing, Is.Empty, "rows missing or out of date in docs/governance.md (Evidence per framework control)");
    }

    [Test]
    public void EveryEvidenceId_IsDocumented()
    {
        var doc = Doc();

        Assert.That(ComplianceEvidenceIds.All.Keys.Where(id => !doc.Contains($"| `{id}`", StringComparison.Ordinal) && !doc.Contains($"`{id}`, ", StringComparison.Ordinal)), Is.Empty);
    }
}
