using System.Diagnostics.Metrics;

namespace AegisGate.Detection;

/// <summary>Detection metrics on the <c>AegisGate</c> meter: <c>aegisgate.detection.scans</c> (tagged verdict and code) and <c>aegisgate.detection.findings</c> (tagged category and rule).</summary>
internal sealed class DetectionMetrics
{
    private readonly Counter<long> _scans;
    private readonly Counter<long> _findings;

    public DetectionMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(Diagnostics.AegisMetrics.MeterName);
        _scans = meter.CreateCounter<long>("aegisgate.detection.scans", "{scan}", "Content scans by verdict.");
        _findings = meter.CreateCounter<long>("aegisgate.detection.findings", "{finding}", "Detection findings by category and rule.");
    }

    public void Record(ScanResult result)
    {
        if (_scans.Enabled)
        {
            _scans.Add(1, new KeyValuePair<string, object?>("aegisgate.verdict", result.Verdict.ToString().ToLowerInvariant()), new KeyValuePair<string, object?>("aegisgate.code", result.ErrorCode ?? "none"));
        }

        if (_findings.Enabled)
        {
            foreach (var finding in result.Findings)
            {
                _findings.Add(1, new KeyValuePair<string, object?>("aegisgate.category", finding.Category.ToString().ToLowerInvariant()), new KeyValuePair<string, object?>("aegisgate.rule", finding.RuleId));
            }
        }
    }
}
