using Microsoft.Extensions.Logging;

namespace AegisGate;

/// <summary>
/// Governance log messages (licensing, secrets, crypto, compliance). Event ids 1400–1599. Never log licence keys,
/// secrets, tokens, key material or plaintext.
/// </summary>
internal static partial class Log
{
    // --- Licensing 1400–1429 ---------------------------------------------------------------------------------

    [LoggerMessage(1400, LogLevel.Information, "Licence {LicenseId} is valid: tier {Tier}, expires {ExpiresAt:O}.", EventName = "LicenseValid")]
    public static partial void LicenseValid(this ILogger logger, string licenseId, string tier, DateTimeOffset expiresAt);

    [LoggerMessage(1401, LogLevel.Error, "The configured licence is invalid: {Reason} Every licensed feature is denied (AEGIS_LICENSE_INVALID) until a valid key is installed or the key is removed.", EventName = "LicenseInvalid")]
    public static partial void LicenseInvalid(this ILogger logger, string reason);

    [LoggerMessage(1402, LogLevel.Information, "No licence key is configured: the community tier applies.", EventName = "LicenseNone")]
    public static partial void LicenseNone(this ILogger logger);

    [LoggerMessage(1403, LogLevel.Warning, "Licence {LicenseId} expires {ExpiresAt:O}, in {Days} day(s).", EventName = "LicenseExpiresSoon")]
    public static partial void LicenseExpiresSoon(this ILogger logger, string licenseId, DateTimeOffset expiresAt, int days);

    [LoggerMessage(1404, LogLevel.Error, "Licence {LicenseId} expired at {ExpiresAt:O}; every licensed feature is now denied (AEGIS_LICENSE_INVALID).", EventName = "LicenseExpired")]
    public static partial void LicenseExpired(this ILogger logger, string licenseId, DateTimeOffset expiresAt);

    [LoggerMessage(1405, LogLevel.Error, "The licence key file {Path} is missing, too large or unreadable; the licence is invalid.", EventName = "LicenseKeyFileUnreadable")]
    public static partial void LicenseKeyFileUnreadable(this ILogger logger, string path, Exception? exception);

    [LoggerMessage(1406, LogLevel.Error, "The licence state could not be read; the licensed feature is denied.", EventName = "LicenseStateUnavailable")]
    public static partial void LicenseStateUnavailable(this ILogger logger, Exception exception);

    // --- Secrets 1450–1499 -------------------------------------------------------------------------------------

    [LoggerMessage(1450, LogLevel.Warning, "Secret {Provider}:{SecretName} is unavailable: {Reason}", EventName = "SecretUnavailable")]
    public static partial void SecretUnavailable(this ILogger logger, string provider, string secretName, string reason, Exception? exception);

    [LoggerMessage(1451, LogLevel.Information, "Authenticated to Vault with {Method}; token TTL {TtlSeconds} s.", EventName = "VaultAuthenticated")]
    public static partial void VaultAuthenticated(this ILogger logger, string method, long ttlSeconds);

    [LoggerMessage(1452, LogLevel.Debug, "Vault token renewed; TTL {TtlSeconds} s.", EventName = "VaultTokenRenewed")]
    public static partial void VaultTokenRenewed(this ILogger logger, long ttlSeconds);

    [LoggerMessage(1453, LogLevel.Warning, "Vault token renewal failed ({Status}, {Failure}).", EventName = "VaultTokenRenewalFailed")]
    public static partial void VaultTokenRenewalFailed(this ILogger logger, int status, string failure);

    [LoggerMessage(1454, LogLevel.Warning, "Vault request {Operation} failed with status {Status}: {Errors}", EventName = "VaultRequestFailed")]
    public static partial void VaultRequestFailed(this ILogger logger, string operation, int status, string errors);

    // --- Crypto 1500–1529 --------------------------------------------------------------------------------------

    [LoggerMessage(1500, LogLevel.Warning, "Encrypted data failed its integrity check (key {KeyId}): {Reason}.", EventName = "EnvelopeIntegrityFailed")]
    public static partial void EnvelopeIntegrityFailed(this ILogger logger, string reason, string keyId);

    [LoggerMessage(1501, LogLevel.Information, "Encryption at rest is enabled; active key-encryption key {KeyId} verified.", EventName = "EncryptionReady")]
    public static partial void EncryptionReady(this ILogger logger, string keyId);

    // --- Compliance 1530–1559 ----------------------------------------------------------------------------------

    [LoggerMessage(1530, LogLevel.Information, "Compliance report for {Framework}: {Status}, {Passed}/{Total} controls pass.", EventName = "ComplianceEvaluated")]
    public static partial void ComplianceEvaluated(this ILogger logger, string framework, string status, int passed, int total);

    [LoggerMessage(1531, LogLevel.Warning, "A compliance report was asked for the unregistered framework '{Framework}' (AEGIS_COMPLIANCE_UNREGISTERED).", EventName = "ComplianceFrameworkUnregistered")]
    public static partial void ComplianceFrameworkUnregistered(this ILogger logger, string framework);

    [LoggerMessage(1532, LogLevel.Warning, "Compliance evidence provider {Provider} failed or timed out; the controls needing its evidence fail.", EventName = "ComplianceProviderFailed")]
    public static partial void ComplianceProviderFailed(this ILogger logger, string provider, Exception? exception);

    [LoggerMessage(1533, LogLevel.Error, "The live audit trail does not verify: {Failure}", EventName = "AuditChainVerificationFailed")]
    public static partial void AuditChainVerificationFailed(this ILogger logger, string failure);

    [LoggerMessage(1534, LogLevel.Debug, "Audit trail verified ({Mode}): {Records} record(s), {Bytes} byte(s) read, head sequence {Head}.", EventName = "AuditChainVerified")]
    public static partial void AuditChainVerified(this ILogger logger, string mode, long records, long bytes, long head);
}
