using AegisGate.Detection;

namespace AegisGate.Core.Tests.Detection;

/// <summary>A scan result's findings as "rule@start" for assertion messages.</summary>
internal static class ScanResultText
{
    public static string Describe(ScanResult result)
        => string.Join(", ", result.Findings.Select(f => $"{f.RuleId}@{f.Start}"));
}
