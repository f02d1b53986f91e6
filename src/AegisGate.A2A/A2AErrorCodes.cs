namespace AegisGate.A2A;

/// <summary>
/// The 14 stable error codes of the A2A pillar. See <c>docs/a2a-error-codes.md</c> for status, cause and
/// remediation of each.
/// </summary>
public static class A2AErrorCodes
{
    /// <summary>No valid client certificate (missing, untrusted chain, expired, revoked). 403.</summary>
    public const string AuthFailed = "A2A_AUTH_FAILED";

    /// <summary><c>X-A2A-Agent-ID</c> differs from the certificate identity. 403.</summary>
    public const string AuthIdentityMismatch = "A2A_AUTH_IDENTITY_MISMATCH";

    /// <summary>No <c>A2A-Signature</c> header. 403.</summary>
    public const string IntegrityMissing = "A2A_INTEGRITY_MISSING";

    /// <summary>The signature headers cannot be parsed (scheme, key id, timestamp, nonce). 403.</summary>
    public const string IntegrityMalformed = "A2A_INTEGRITY_MALFORMED";

    /// <summary>The HMAC does not match, the key id is unknown, or the timestamp is outside the skew window. 403.</summary>
    public const string IntegrityInvalid = "A2A_INTEGRITY_INVALID";

    /// <summary>The nonce was already used within the window. 403.</summary>
    public const string IntegrityReplay = "A2A_INTEGRITY_REPLAY";

    /// <summary>The capability needs a licence and none is installed. 403.</summary>
    public const string LicenseMissing = "A2A_LICENSE_MISSING";

    /// <summary>The installed licence is malformed, forged, expired or for another product. 403.</summary>
    public const string LicenseInvalid = "A2A_LICENSE_INVALID";

    /// <summary>The licence tier is below the capability's minimum tier. 403.</summary>
    public const string LicenseInsufficientTier = "A2A_LICENSE_INSUFFICIENT_TIER";

    /// <summary>The agent exceeded its token bucket. 429 with <c>Retry-After</c>.</summary>
    public const string RateLimited = "A2A_RATE_LIMITED";

    /// <summary>No <c>A2A-Capability</c> header. 403.</summary>
    public const string CapabilityMissing = "A2A_CAP_MISSING";

    /// <summary>The capability is not granted to the agent, or does not match the JSON-RPC method. 403.</summary>
    public const string CapabilityDenied = "A2A_CAP_DENIED";

    /// <summary>The agent has no entry in the capability map. 403.</summary>
    public const string CapabilityUnknownAgent = "A2A_CAP_UNKNOWN_AGENT";

    /// <summary>An unexpected failure anywhere in the A2A chain; the handler did not run. 500.</summary>
    public const string InternalError = "A2A_INTERNAL_ERROR";
}
