namespace AegisGate;

/// <summary>
/// The error codes of AegisGate.Core. Codes are stable: none changes once shipped. Each is listed with its HTTP
/// status, meaning and remediation in <c>docs/error-codes.md</c>.
/// </summary>
public static class AegisErrorCodes
{
    /// <summary>A <see cref="SecurityDecision"/> was never set (<c>default</c>). 403.</summary>
    public const string DecisionUnset = "AEGIS_DECISION_UNSET";

    /// <summary>A pipeline slot held a <see langword="null"/> check. 403.</summary>
    public const string CheckNull = "AEGIS_CHECK_NULL";

    /// <summary>A check threw an exception. 403.</summary>
    public const string CheckFaulted = "AEGIS_CHECK_FAULTED";

    /// <summary>A check did not decide within its timeout. 403.</summary>
    public const string CheckTimeout = "AEGIS_CHECK_TIMEOUT";

    /// <summary>The evaluation was cancelled (the request was aborted) before every check allowed. 403.</summary>
    public const string EvaluationCancelled = "AEGIS_EVALUATION_CANCELLED";

    /// <summary>A pipeline with no checks was reached at run time. 403.</summary>
    public const string PipelineEmpty = "AEGIS_PIPELINE_EMPTY";

    /// <summary>A named pipeline was requested that is not registered. 403.</summary>
    public const string PipelineNotFound = "AEGIS_PIPELINE_NOT_FOUND";

    /// <summary>AegisGate's configuration is invalid. 503.</summary>
    public const string ConfigurationInvalid = "AEGIS_CONFIG_INVALID";

    /// <summary>The audit sink could not record the decision and audit is fail-closed. 503.</summary>
    public const string AuditUnavailable = "AEGIS_AUDIT_UNAVAILABLE";

    /// <summary>An unexpected exception inside AegisGate itself. 500.</summary>
    public const string InternalError = "AEGIS_INTERNAL_ERROR";

    // --- Detection engine ---------------------------------------------------------------------------------

    /// <summary>Content exceeded a scan size or work limit; it is denied rather than passed unscanned. 413.</summary>
    public const string ScanLimitExceeded = "AEGIS_SCAN_LIMIT_EXCEEDED";

    /// <summary>Content could not be scanned (invalid UTF-8, malformed JSON, nesting too deep). 400.</summary>
    public const string ScanInvalidInput = "AEGIS_SCAN_INVALID_INPUT";

    /// <summary>Content was blocked by the detection policy (secrets, PII, injection, exfiltration). 403.</summary>
    public const string ContentBlocked = "AEGIS_CONTENT_BLOCKED";

    // --- Licensing ----------------------------------------------------------------------------------------

    /// <summary>A configured licence key is malformed, forged, expired or for another product; licensed features are denied. 403.</summary>
    public const string LicenseInvalid = "AEGIS_LICENSE_INVALID";

    /// <summary>The feature is not included in the installed licence (or tier). 403.</summary>
    public const string LicenseFeatureMissing = "AEGIS_LICENSE_FEATURE_MISSING";

    /// <summary>A limit of the installed licence was reached. 403.</summary>
    public const string LicenseLimitExceeded = "AEGIS_LICENSE_LIMIT_EXCEEDED";

    // --- Compliance, secrets, crypto ------------------------------------------------------------------------

    /// <summary>A compliance report was asked for a framework that is not registered; the check fails. 404.</summary>
    public const string ComplianceUnregistered = "AEGIS_COMPLIANCE_UNREGISTERED";

    /// <summary>A secret could not be fetched from its provider (never replaced by an empty value). 503.</summary>
    public const string SecretUnavailable = "AEGIS_SECRET_UNAVAILABLE";

    /// <summary>Stored data failed authentication (tampered, truncated or encrypted with another key). 500.</summary>
    public const string CryptoIntegrityFailed = "AEGIS_CRYPTO_INTEGRITY_FAILED";
}
