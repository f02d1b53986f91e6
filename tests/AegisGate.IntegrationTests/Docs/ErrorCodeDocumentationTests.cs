using System.Reflection;
using AegisGate.TestUtilities;

namespace AegisGate.IntegrationTests.Docs;

/// <summary>Every error code constant of every package is documented in docs/error-codes.md, and no code is defined twice.</summary>
public sealed class ErrorCodeDocumentationTests
{
    private static IEnumerable<(string Type, string Code)> AllCodes()
    {
        Assembly[] assemblies =
        [
            typeof(AegisErrorCodes).Assembly,
            typeof(AegisGate.AspNetCore.Http.AegisProblemResults).Assembly,
            typeof(AegisGate.A2A.A2AErrorCodes).Assembly,
            Assembly.Load("AegisGate.Mcp"),
        ];
        foreach (var type in assemblies.SelectMany(a => a.GetExportedTypes()).Where(t => t.Name.EndsWith("ErrorCodes", StringComparison.Ordinal)))
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string)))
            {
                yield return (type.FullName!, (string)field.GetRawConstantValue()!);
            }
        }
    }

    [Test]
    public void EveryCode_IsDocumentedWithStatusAndRemediation()
    {
        var doc = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "error-codes.md"));
        var missing = AllCodes().Where(c => !doc.Contains($"`{c.Code}`", StringComparison.Ordinal)).Select(c => $"{c.Type}: {c.Code}").ToList();

        Assert.That(AllCodes().Count(), Is.GreaterThanOrEqualTo(24));
        Assert.That(missing, Is.Empty, "codes missing from docs/error-codes.md");
    }

    [Test]
    public void Codes_AreUniqueAndScreamingSnakeWithAKnownPrefix()
    {
        var codes = AllCodes().Select(c => c.Code).ToList();

        Assert.That(codes, Is.Unique);
        Assert.That(codes, Has.All.Matches(@"^(AEGIS|HTTP|MCP|A2A)_[A-Z0-9_]+$"));
    }
}
