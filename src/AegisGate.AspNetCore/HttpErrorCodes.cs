namespace AegisGate.AspNetCore;

/// <summary>
/// The error codes of the HTTP pillar (<c>UseAegisHttp()</c>, the scan API and outbound scanning). Codes are stable:
/// none changes once shipped. Each is listed with its HTTP status, meaning and remediation in
/// <c>docs/error-codes.md</c>. The pillar also answers with Core codes (<see cref="AegisErrorCodes"/>), for example
/// <see cref="AegisErrorCodes.ContentBlocked"/>, <see cref="AegisErrorCodes.InternalError"/> and
/// <see cref="AegisErrorCodes.LicenseInvalid"/>.
/// </summary>
public static class HttpErrorCodes
{
    // --- Authentication -----------------------------------------------------------------------------------

    /// <summary>No credential was presented (no <c>X-API-Key</c> and no accepted authentication scheme succeeded). 403.</summary>
    public const string AuthMissing = "AEGIS_AUTH_MISSING";

    /// <summary>The presented credential is unknown, malformed, repeated or was rejected by its scheme. 403.</summary>
    public const string AuthInvalid = "AEGIS_AUTH_INVALID";

    /// <summary>The presented API key matches a configured key that has expired. 403.</summary>
    public const string AuthExpired = "AEGIS_AUTH_EXPIRED";

    // --- Authorization ------------------------------------------------------------------------------------

    /// <summary>The caller's roles do not grant the permission the endpoint requires. 403.</summary>
    public const string RbacDenied = "AEGIS_RBAC_DENIED";

    /// <summary>The endpoint (or unmatched route) has no permission metadata and the default policy denies. 403.</summary>
    public const string RbacNoPolicy = "AEGIS_RBAC_NO_POLICY";

    // --- Rate limiting ------------------------------------------------------------------------------------

    /// <summary>The caller exceeded its request rate; <c>Retry-After</c> says when to retry. 429.</summary>
    public const string RateLimited = "AEGIS_RATE_LIMITED";

    // --- Request bodies -----------------------------------------------------------------------------------

    /// <summary>The request body (as sent, or after decoding) is larger than the configured limit. 413.</summary>
    public const string BodyTooLarge = "AEGIS_BODY_TOO_LARGE";

    /// <summary>The request body could not be read (malformed framing, too slow, or the connection failed). 400.</summary>
    public const string BodyUnreadable = "AEGIS_BODY_UNREADABLE";

    /// <summary>The <c>Content-Encoding</c> is not one of <c>identity</c>, <c>gzip</c>, <c>deflate</c>, <c>br</c>, or is stacked. 415.</summary>
    public const string EncodingUnsupported = "AEGIS_ENCODING_UNSUPPORTED";

    /// <summary>The compressed body expands beyond the decompression ratio or size limit (a decompression bomb). 413.</summary>
    public const string EncodingBomb = "AEGIS_ENCODING_BOMB";

    /// <summary>The compressed body is corrupt and cannot be decoded. 400.</summary>
    public const string EncodingInvalid = "AEGIS_ENCODING_INVALID";

    /// <summary>The body is not valid UTF-8 (or declares a charset other than UTF-8) where text is expected. 400.</summary>
    public const string InvalidUtf8 = "AEGIS_INVALID_UTF8";

    /// <summary>The JSON body nests deeper than the configured limit. 400.</summary>
    public const string JsonTooDeep = "AEGIS_JSON_TOO_DEEP";

    /// <summary>The body declares a JSON media type but is not well-formed JSON. 400.</summary>
    public const string JsonInvalid = "AEGIS_JSON_INVALID";

    /// <summary>The body's media type cannot be scanned and the route's policy does not allow unscanned content. 415.</summary>
    public const string ContentTypeUnsupported = "AEGIS_CONTENT_TYPE_UNSUPPORTED";

    /// <summary>A form or multipart body has more fields or parts than the configured limit, or malformed parts. 400.</summary>
    public const string FormInvalid = "AEGIS_FORM_INVALID";

    /// <summary>The request is well-formed but does not satisfy the endpoint's contract: a body of the wrong shape, an unknown name or an invalid identifier (for example in an admin API). 400.</summary>
    public const string RequestInvalid = "AEGIS_REQUEST_INVALID";

    // --- Content scanning ---------------------------------------------------------------------------------

    /// <summary>No content scanner (<c>IContentScanner</c>) is registered, so content cannot be scanned and is denied. 503.</summary>
    public const string ScannerUnavailable = "AEGIS_SCANNER_UNAVAILABLE";

    /// <summary>An endpoint names a scan policy that is not configured. 503.</summary>
    public const string ScanPolicyUnknown = "AEGIS_SCAN_POLICY_UNKNOWN";

    /// <summary>The response was withheld because the detection policy blocked its content. 403 (or the connection is aborted when the response had started).</summary>
    public const string ResponseBlocked = "AEGIS_RESPONSE_BLOCKED";

    /// <summary>The response could not be scanned (too large, invalid UTF-8, unscannable media type or encoding) and was withheld. 500 (or the connection is aborted).</summary>
    public const string ResponseUnscannable = "AEGIS_RESPONSE_UNSCANNABLE";

    // --- Scan API -----------------------------------------------------------------------------------------

    /// <summary>The scan API request is malformed: not JSON, no <c>content</c>/<c>items</c>, unknown <c>source</c>, or too many items. 400.</summary>
    public const string ScanRequestInvalid = "AEGIS_SCAN_REQUEST_INVALID";

    // --- Compliance API -----------------------------------------------------------------------------------

    /// <summary>The compliance API request is malformed: an unknown or repeated <c>format</c> query parameter. 400.</summary>
    public const string ComplianceRequestInvalid = "AEGIS_COMPLIANCE_REQUEST_INVALID";

    // --- Outbound -----------------------------------------------------------------------------------------

    /// <summary>An outbound call (<c>AddAegisOutboundScanning()</c>) was stopped because its request or response content was blocked or could not be scanned. Raised as an exception to the calling code.</summary>
    public const string OutboundBlocked = "AEGIS_OUTBOUND_BLOCKED";
}
