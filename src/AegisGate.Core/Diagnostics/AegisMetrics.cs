using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AegisGate.Diagnostics;

/// <summary>
/// AegisGate's metrics (meter <c>AegisGate</c>): <c>aegisgate.decisions</c> (counter, tagged
/// <c>aegisgate.pillar</c>, <c>aegisgate.result</c>, <c>aegisgate.code</c>), <c>aegisgate.check.duration</c>
/// (histogram, seconds), <c>aegisgate.config.reload_failures</c> and <c>aegisgate.audit.failures</c>.
/// </summary>
public sealed class AegisMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "AegisGate";

    private readonly Counter<long> _decisions;
    private readonly Histogram<double> _checkDuration;
    private readonly Counter<long> _reloadFailures;
    private readonly Counter<long> _auditFailures;

    /// <summary>Initializes a new instance of the <see cref="AegisMetrics"/> class.</summary>
    /// <param name="meterFactory">The meter factory.</param>
    public AegisMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _decisions = meter.CreateCounter<long>("aegisgate.decisions", "{decision}", "Security decisions by pillar, result and code.");
        _checkDuration = meter.CreateHistogram<double>("aegisgate.check.duration", "s", "Time a security check took to decide.");
        _reloadFailures = meter.CreateCounter<long>("aegisgate.config.reload_failures", "{failure}", "Configuration reloads rejected; the last good configuration stays active.");
        _auditFailures = meter.CreateCounter<long>("aegisgate.audit.failures", "{failure}", "Audit events that could not be recorded.");
    }

    /// <summary>Counts a decision.</summary>
    /// <param name="pillar">The pillar.</param>
    /// <param name="decision">The decision.</param>
    public void RecordDecision(string pillar, in SecurityDecision decision)
    {
        if (!_decisions.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "aegisgate.pillar", pillar },
            { "aegisgate.result", decision.IsAllowed ? "allow" : "deny" },
            { "aegisgate.code", decision.Code ?? "none" },
        };
        _decisions.Add(1, tags);
    }

    /// <summary>Records the duration of one check.</summary>
    /// <param name="check">The check name.</param>
    /// <param name="allowed">Whether the check allowed.</param>
    /// <param name="elapsed">How long it took.</param>
    public void RecordCheck(string check, bool allowed, TimeSpan elapsed)
    {
        if (!_checkDuration.Enabled)
        {
            return;
        }

        var tags = new TagList
        {
            { "aegisgate.check", check },
            { "aegisgate.result", allowed ? "allow" : "deny" },
        };
        _checkDuration.Record(elapsed.TotalSeconds, tags);
    }

    /// <summary>Counts a rejected configuration reload.</summary>
    /// <param name="source">The configuration source (options type or file).</param>
    public void RecordReloadFailure(string source)
        => _reloadFailures.Add(1, new KeyValuePair<string, object?>("aegisgate.config.source", source));

    /// <summary>Counts an audit event that could not be recorded.</summary>
    /// <param name="pillar">The pillar.</param>
    public void RecordAuditFailure(string pillar)
        => _auditFailures.Add(1, new KeyValuePair<string, object?>("aegisgate.pillar", pillar));
}
