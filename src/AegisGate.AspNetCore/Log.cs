using Microsoft.Extensions.Logging;

namespace AegisGate.AspNetCore;

/// <summary>AspNetCore log messages. Event ids 2000–2999. Never log secrets, keys, bodies, headers or matched spans.</summary>
internal static partial class Log
{
    [LoggerMessage(2000, LogLevel.Information, "HTTP request {Operation} denied with {Code} (check {Check}).", EventName = "HttpDenied")]
    public static partial void HttpDenied(this ILogger logger, string operation, string code, string check);

    [LoggerMessage(2001, LogLevel.Error, "Unexpected failure in the AegisGate HTTP middleware for {Operation}; the request is denied with AEGIS_INTERNAL_ERROR.", EventName = "HttpInternalError")]
    public static partial void HttpInternalError(this ILogger logger, string operation, Exception exception);

    [LoggerMessage(2002, LogLevel.Warning, "HTTP request {Operation} had {Count} finding(s) in {Location}: action {Action}, rules {Rules}.", EventName = "HttpFindings")]
    public static partial void HttpFindings(this ILogger logger, string operation, int count, string location, string action, string rules);

    [LoggerMessage(2003, LogLevel.Error, "The audit record of a denied HTTP request {Operation} ({Code}) could not be written; the denial stands.", EventName = "HttpDenialAuditFailed")]
    public static partial void HttpDenialAuditFailed(this ILogger logger, string operation, string code);

    [LoggerMessage(2004, LogLevel.Information, "Endpoint {Endpoint} is public (no authentication, RBAC or rate limit): {Reason}.", EventName = "HttpPublicEndpoint")]
    public static partial void HttpPublicEndpoint(this ILogger logger, string endpoint, string reason);

    [LoggerMessage(2005, LogLevel.Error, "No IContentScanner is registered: every request or response that needs scanning is denied with AEGIS_SCANNER_UNAVAILABLE. Register the detection engine.", EventName = "HttpScannerMissing")]
    public static partial void HttpScannerMissing(this ILogger logger);

    [LoggerMessage(2006, LogLevel.Error, "Endpoint {Endpoint} names scan policy {Policy}, which is not configured; its requests are denied with AEGIS_SCAN_POLICY_UNKNOWN.", EventName = "HttpScanPolicyUnknown")]
    public static partial void HttpScanPolicyUnknown(this ILogger logger, string endpoint, string policy);

    [LoggerMessage(2007, LogLevel.Warning, "The response of {Operation} was withheld with {Code} (response already started, so the connection is aborted: {Started}).", EventName = "HttpResponseWithheld")]
    public static partial void HttpResponseWithheld(this ILogger logger, string operation, string code, bool started);

    [LoggerMessage(2008, LogLevel.Error, "Unexpected failure while scanning the response of {Operation}; the response is withheld.", EventName = "HttpResponseScanFailed")]
    public static partial void HttpResponseScanFailed(this ILogger logger, string operation, Exception exception);

    [LoggerMessage(2009, LogLevel.Warning, "Scan policy {Policy} switches scanning off for {Location}; content there passes unscanned.", EventName = "HttpScanningOff")]
    public static partial void HttpScanningOff(this ILogger logger, string policy, string location);

    [LoggerMessage(2010, LogLevel.Warning, "Outbound {Method} call to {Host} stopped with {Code}.", EventName = "OutboundBlocked")]
    public static partial void OutboundBlocked(this ILogger logger, string method, string host, string code);

    [LoggerMessage(2011, LogLevel.Error, "The audit trail is not available for the public-endpoint record of {Endpoint}.", EventName = "HttpPublicAuditFailed")]
    public static partial void HttpPublicAuditFailed(this ILogger logger, string endpoint);

    [LoggerMessage(2012, LogLevel.Error, "The scan API failed unexpectedly; the request is answered with AEGIS_INTERNAL_ERROR.", EventName = "ScanApiFailed")]
    public static partial void ScanApiFailed(this ILogger logger, Exception exception);

    [LoggerMessage(2013, LogLevel.Error, "The compliance API failed unexpectedly; the request is answered with AEGIS_INTERNAL_ERROR.", EventName = "ComplianceApiFailed")]
    public static partial void ComplianceApiFailed(this ILogger logger, Exception exception);
}
