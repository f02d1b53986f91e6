using System.Text;
using Microsoft.Extensions.Logging;

namespace AegisGate.Detection;

/// <summary>
/// The detection engine as a pipeline check: scans <see cref="SecurityContext.Payload"/> (JSON when the content type
/// says so, otherwise strict UTF-8 text) and denies Block verdicts. The <see cref="ScanResult"/> (with the redacted
/// content) is left in the context attribute <see cref="ResultAttribute"/> for the pillar to forward.
/// </summary>
/// <remarks>
/// Denials: <c>AEGIS_CONTENT_BLOCKED</c> (403) for a blocking finding, <c>AEGIS_SCAN_LIMIT_EXCEEDED</c> (413) over the
/// size or work limit, <c>AEGIS_SCAN_INVALID_INPUT</c> (400) for invalid UTF-8/JSON, <c>AEGIS_CONFIG_INVALID</c> (503)
/// for an unknown policy. A throwing scanner is turned into a denial by the pipeline.
/// </remarks>
internal sealed class ContentScanCheck : ISecurityCheck
{
    /// <summary>The context attribute that receives the <see cref="ScanResult"/>.</summary>
    public const string ResultAttribute = "aegisgate.detection.result";

    private static readonly UTF8Encoding s_strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly IContentScanner _scanner;
    private readonly ScanOptions _options;
    private readonly DetectionMetrics _metrics;
    private readonly ILogger _logger;

    public ContentScanCheck(string name, IContentScanner scanner, ScanOptions options, DetectionMetrics metrics, ILogger<ContentScanCheck> logger)
    {
        Name = name;
        _scanner = scanner;
        _options = options;
        _metrics = metrics;
        _logger = logger;
    }

    public string Name { get; }

    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        cancellationToken.ThrowIfCancellationRequested();
        ScanResult result;
        var isJson = context.PayloadContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;
        if (isJson)
        {
            result = _scanner.ScanJson(context.Payload, _options);
        }
        else
        {
            string text;
            try
            {
                text = s_strict.GetString(context.Payload.Span);
            }
            catch (DecoderFallbackException)
            {
                return ValueTask.FromResult(SecurityDecision.Deny(AegisErrorCodes.ScanInvalidInput, "The content is not valid UTF-8 and could not be scanned.", 400));
            }

            result = _scanner.Scan(text, _options);
        }

        ArgumentNullException.ThrowIfNull(result);
        _metrics.Record(result);
        context.SetAttribute(ResultAttribute, result);
        return ValueTask.FromResult(Decide(result, context.Pillar));
    }

    private SecurityDecision Decide(ScanResult result, string pillar)
    {
        if (result.ErrorCode is { } code)
        {
            var (status, reason) = code switch
            {
                AegisErrorCodes.ScanLimitExceeded => (413, "The content exceeds the scan size or work limit and is denied rather than passed unscanned."),
                AegisErrorCodes.ScanInvalidInput => (400, "The content could not be scanned (invalid UTF-8, malformed JSON or nesting beyond the limit)."),
                AegisErrorCodes.ConfigurationInvalid => (503, "The detection policy is not configured."),
                _ => (403, "The content could not be scanned."),
            };
            _logger.ContentDenied(Name, pillar, code, "-");
            return SecurityDecision.Deny(code, reason, status);
        }

        if (result.Verdict == ScanVerdict.Block)
        {
            var rules = string.Join(",", result.Findings.Where(f => f.Action == DetectionAction.Block).Select(f => f.RuleId).Distinct());
            _logger.ContentDenied(Name, pillar, AegisErrorCodes.ContentBlocked, rules);
            return SecurityDecision.Deny(AegisErrorCodes.ContentBlocked, "The content was blocked by the detection policy (" + rules + ").", 403);
        }

        if (result.Findings.Count > 0)
        {
            _logger.Findings(Name, result.Findings.Count, result.Verdict.ToString());
        }

        return SecurityDecision.Allow();
    }
}
