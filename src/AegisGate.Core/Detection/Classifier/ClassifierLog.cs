using Microsoft.Extensions.Logging;

namespace AegisGate.Detection.Classifier;

/// <summary>Log messages of the injection classifier (event ids 1380–1399 of the Detection range).</summary>
internal static partial class ClassifierLog
{
    [LoggerMessage(1380, LogLevel.Information, "Injection model {ModelId} loaded in {ElapsedMs:F1} ms (thresholds: user {User:F4}, document {Document:F4}, tool output {Tool:F4}, model response {Response:F4}).", EventName = "InjectionModelLoaded")]
    public static partial void InjectionModelLoaded(this ILogger logger, string modelId, double elapsedMs, double user, double document, double tool, double response);

    [LoggerMessage(1381, LogLevel.Critical, "The injection model could not be loaded; the host will not start (no silent rules-only fallback).", EventName = "InjectionModelLoadFailed")]
    public static partial void InjectionModelLoadFailed(this ILogger logger, Exception exception);

    [LoggerMessage(1382, LogLevel.Warning, "The injection classifier is disabled by configuration (AegisGate:Detection:Classifier:Enabled = false): prompt injection is judged by the lexical signals alone.", EventName = "InjectionClassifierDisabled")]
    public static partial void InjectionClassifierDisabled(this ILogger logger);
}
