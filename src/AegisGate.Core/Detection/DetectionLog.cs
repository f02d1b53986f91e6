using Microsoft.Extensions.Logging;

namespace AegisGate.Detection;

/// <summary>Detection log messages. Event ids 1200–1399. Never logs content, matched text or secrets: only rule ids, counts and codes.</summary>
internal static partial class DetectionLog
{
    [LoggerMessage(1200, LogLevel.Information, "Detection engine ready with {RuleCount} rules ({CustomCount} custom); injection model: {Model}.", EventName = "DetectionEngineReady")]
    public static partial void EngineReady(this ILogger logger, int ruleCount, int customCount, string model);

    [LoggerMessage(1201, LogLevel.Information, "Detection configuration reloaded ({RuleCount} rules).", EventName = "DetectionReloaded")]
    public static partial void Reloaded(this ILogger logger, int ruleCount);

    [LoggerMessage(1202, LogLevel.Error, "Detection configuration reload rejected; the last good rules and policies stay active. {Errors}", EventName = "DetectionReloadRejected")]
    public static partial void ReloadRejected(this ILogger logger, string errors);

    [LoggerMessage(1210, LogLevel.Information, "Content check {Check} denied {Pillar} content with {Code}: {Rules}.", EventName = "DetectionContentDenied")]
    public static partial void ContentDenied(this ILogger logger, string check, string pillar, string code, string rules);

    [LoggerMessage(1211, LogLevel.Debug, "Content check {Check} found {Count} findings (verdict {Verdict}).", EventName = "DetectionFindings")]
    public static partial void Findings(this ILogger logger, string check, int count, string verdict);
}
