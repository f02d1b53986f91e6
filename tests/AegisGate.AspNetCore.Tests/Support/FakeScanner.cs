using System.Text;
using AegisGate.Detection;
using Moq;

namespace AegisGate.AspNetCore.Tests.Support;

/// <summary>
/// A Moq <see cref="IContentScanner"/> with a tiny deterministic rule set: <c>SECRET123</c> is a secret the engine
/// marks redact, <c>IGNORE-ALL</c> an injection it marks block, <c>NOTE-ME</c> a monitor-only finding.
/// </summary>
internal static class FakeScanner
{
    public const string Secret = "SECRET123";
    public const string Injection = "IGNORE-ALL";
    public const string Monitored = "NOTE-ME";
    public const string Mask = "[MASKED]";

    public static Mock<IContentScanner> Create()
    {
        var mock = new Mock<IContentScanner>(MockBehavior.Strict);
        mock.Setup(s => s.Scan(It.IsAny<string>(), It.IsAny<ScanOptions>())).Returns((string text, ScanOptions options) => ScanText(text, options));
        mock.Setup(s => s.ScanJson(It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<ScanOptions>())).Returns((ReadOnlyMemory<byte> json, ScanOptions options) => ScanText(Encoding.UTF8.GetString(json.Span), options));
        return mock;
    }

    public static ScanResult ScanText(string text, ScanOptions options)
    {
        var findings = new List<DetectionFinding>();
        Find(text, Secret, "secret.test_token", DetectionCategory.Secret, DetectionAction.Redact, findings);
        Find(text, Injection, "injection.test_override", DetectionCategory.Injection, DetectionAction.Block, findings);
        Find(text, Monitored, "pii.test_note", DetectionCategory.Pii, DetectionAction.Monitor, findings);
        var verdict = findings.Count == 0 ? ScanVerdict.Allow : (ScanVerdict)findings.Max(f => (int)f.Action);
        return new ScanResult
        {
            Verdict = verdict,
            Findings = findings,
            RedactedContent = options.ProduceRedacted && verdict != ScanVerdict.Block ? text.Replace(Secret, Mask, StringComparison.Ordinal) : null,
        };
    }

    private static void Find(string text, string needle, string rule, DetectionCategory category, DetectionAction action, List<DetectionFinding> findings)
    {
        var index = 0;
        while ((index = text.IndexOf(needle, index, StringComparison.Ordinal)) >= 0)
        {
            findings.Add(new DetectionFinding
            {
                RuleId = rule,
                Category = category,
                Severity = DetectionSeverity.High,
                Action = action,
                Start = index,
                End = index + needle.Length,
                Confidence = 0.99,
                Mappings = ["OWASP-LLM02"],
            });
            index += needle.Length;
        }
    }
}
