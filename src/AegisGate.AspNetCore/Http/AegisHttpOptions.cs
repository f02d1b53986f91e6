using System.ComponentModel.DataAnnotations;
using AegisGate.Detection;
using Microsoft.Extensions.Options;

namespace AegisGate.AspNetCore.Http;

/// <summary>
/// Options of the HTTP pillar (<c>UseAegisHttp()</c>), bound from <c>AegisGate:Http</c> and validated on start.
/// Every default is the secure one: a missing policy denies, unscannable content is denied, limits are bounded.
/// </summary>
public sealed class AegisHttpOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "AegisGate:Http";

    /// <summary>Gets or sets how callers authenticate.</summary>
    [Required]
    public AegisHttpAuthenticationOptions Authentication { get; set; } = new();

    /// <summary>Gets or sets role-based access control.</summary>
    [Required]
    public AegisHttpAuthorizationOptions Authorization { get; set; } = new();

    /// <summary>Gets or sets per-principal rate limiting.</summary>
    [Required]
    [ValidateObjectMembers]
    public AegisHttpRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Gets or sets the body, decoding and parsing limits.</summary>
    [Required]
    [ValidateObjectMembers]
    public AegisHttpLimitsOptions Limits { get; set; } = new();

    /// <summary>Gets or sets the scan policy of endpoints that name none.</summary>
    [Required]
    public AegisScanPolicyOptions Scanning { get; set; } = new();

    /// <summary>Gets or sets named scan policies that endpoints select with <c>.WithAegisScanPolicy(name)</c>.</summary>
    public IDictionary<string, AegisScanPolicyOptions> ScanPolicies { get; set; } = new Dictionary<string, AegisScanPolicyOptions>(StringComparer.Ordinal);

    /// <summary>Gets or sets a value indicating whether allowed requests without findings are audited too (denials and findings always are).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AuditAllowedRequests { get; set; }
}

/// <summary>How callers of the HTTP pillar authenticate.</summary>
public sealed class AegisHttpAuthenticationOptions
{
    /// <summary>
    /// Gets or sets further ASP.NET Core authentication schemes (for example <c>Bearer</c> or <c>Certificate</c>) whose
    /// authenticated principal is accepted instead of an API key. The <c>X-API-Key</c> scheme is always tried first;
    /// a presented but invalid key is denied even when another scheme would succeed.
    /// </summary>
    /// <value>The default value is empty: only API keys.</value>
    public IList<string> AcceptedSchemes { get; set; } = [];

    /// <summary>Gets or sets the claim types read as roles from principals of accepted schemes.</summary>
    /// <value>The default value is <c>http://schemas.microsoft.com/ws/2008/06/identity/claims/role</c>, <c>roles</c> and <c>role</c>.</value>
    public IList<string> RoleClaimTypes { get; set; } = [System.Security.Claims.ClaimTypes.Role, "roles", "role"];
}

/// <summary>Role-based access control of the HTTP pillar.</summary>
public sealed class AegisHttpAuthorizationOptions
{
    /// <summary>
    /// Gets or sets the permission required by endpoints that declare none (no <c>.RequireAegisPermission()</c>, not
    /// public), and by requests that match no endpoint. <see langword="null"/> denies them with
    /// <c>AEGIS_RBAC_NO_POLICY</c>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: deny.</value>
    public string? DefaultPermission { get; set; }

    /// <summary>
    /// Gets or sets roles and the permissions they grant. Entries replace the built-in role of the same name
    /// (<c>viewer</c>, <c>analyst</c>, <c>operator</c>, <c>admin</c>) or add new roles. <c>*</c> grants every permission.
    /// </summary>
    public IDictionary<string, IList<string>> Roles { get; set; } = new Dictionary<string, IList<string>>(StringComparer.Ordinal);
}

/// <summary>Per-principal rate limiting (a token bucket per authenticated principal).</summary>
public sealed class AegisHttpRateLimitOptions
{
    /// <summary>Gets or sets a value indicating whether requests are rate limited.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the bucket size: the largest burst a principal may send.</summary>
    /// <value>The default value is 100. Allowed: 1 to 1,000,000.</value>
    [Range(1, 1_000_000)]
    public int TokenLimit { get; set; } = 100;

    /// <summary>Gets or sets the tokens added per <see cref="ReplenishmentPeriod"/>.</summary>
    /// <value>The default value is 50. Allowed: 1 to 1,000,000.</value>
    [Range(1, 1_000_000)]
    public int TokensPerPeriod { get; set; } = 50;

    /// <summary>Gets or sets how often tokens are added.</summary>
    /// <value>The default value is 1 second. Allowed: 10 ms to 1 hour.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>Bounds on what the HTTP pillar reads, decodes, parses and buffers.</summary>
public sealed class AegisHttpLimitsOptions
{
    /// <summary>Gets or sets the largest request body accepted as sent (compressed or not).</summary>
    /// <value>The default value is 4 MiB. Allowed: 1 KiB to 1 GiB.</value>
    [Range(1024L, 1L << 30)]
    public long MaxRequestBodyBytes { get; set; } = 4L * 1024 * 1024;

    /// <summary>Gets or sets the largest request body after <c>Content-Encoding</c> is decoded.</summary>
    /// <value>The default value is 8 MiB. Allowed: 1 KiB to 1 GiB.</value>
    [Range(1024L, 1L << 30)]
    public long MaxDecodedBodyBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>Gets or sets the largest ratio of decoded to encoded size; a body that expands more is a decompression bomb.</summary>
    /// <value>The default value is 100. Allowed: 2 to 10,000.</value>
    [Range(2, 10_000)]
    public int MaxDecompressionRatio { get; set; } = 100;

    /// <summary>Gets or sets the decoded size below which the ratio is not enforced (tiny bodies compress very well).</summary>
    /// <value>The default value is 64 KiB. Allowed: 0 to 16 MiB.</value>
    [Range(0, 16 * 1024 * 1024)]
    public int DecompressionRatioFloorBytes { get; set; } = 64 * 1024;

    /// <summary>Gets or sets the deepest JSON nesting accepted in request bodies (and in scan API requests).</summary>
    /// <value>The default value is 64. Allowed: 1 to 1,000.</value>
    [Range(1, 1000)]
    public int MaxJsonDepth { get; set; } = 64;

    /// <summary>Gets or sets the most fields of a URL-encoded form, parts of a multipart body, or query parameters.</summary>
    /// <value>The default value is 256. Allowed: 1 to 100,000.</value>
    [Range(1, 100_000)]
    public int MaxFormFields { get; set; } = 256;

    /// <summary>Gets or sets the largest response body buffered for scanning; a larger scannable response is withheld.</summary>
    /// <value>The default value is 8 MiB. Allowed: 1 KiB to 1 GiB.</value>
    [Range(1024L, 1L << 30)]
    public long MaxResponseBodyBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>Gets or sets the largest single server-sent event (one frame) of a streamed response.</summary>
    /// <value>The default value is 1 MiB. Allowed: 1 KiB to 64 MiB.</value>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxSseEventBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Gets or sets how many characters of streamed text (server-sent events) are held back before release, so a
    /// secret split across events is found before any part of it leaves. Bounds added latency and memory.
    /// </summary>
    /// <value>The default value is 256. Allowed: 16 to 65,536.</value>
    [Range(16, 65_536)]
    public int SseHoldbackChars { get; set; } = 256;
}

/// <summary>What the HTTP pillar does with findings in one place (request, response).</summary>
public enum AegisScanAction
{
    /// <summary>Not scanned. Only for explicit per-route policies; the opt-out is logged at start.</summary>
    None = 0,

    /// <summary>Scanned; findings are audited, the content passes unchanged.</summary>
    Monitor = 1,

    /// <summary>Scanned; findings the engine marks <c>redact</c> or <c>block</c> are masked (content the engine marks <c>block</c> is denied).</summary>
    Redact = 2,

    /// <summary>Scanned; any finding the engine marks <c>redact</c> or <c>block</c> denies the content.</summary>
    Block = 3,
}

/// <summary>What happens to content whose media type cannot be scanned (binary, unknown encodings).</summary>
public enum AegisUnscannableContent
{
    /// <summary>Denied (request: 415 <c>AEGIS_CONTENT_TYPE_UNSUPPORTED</c>; response: <c>AEGIS_RESPONSE_UNSCANNABLE</c>).</summary>
    Deny = 0,

    /// <summary>Passed unscanned (explicit opt-out for binary uploads or downloads).</summary>
    Allow = 1,
}

/// <summary>A scan policy: what is scanned and what happens to findings.</summary>
public sealed class AegisScanPolicyOptions
{
    /// <summary>Gets or sets the action for request bodies (JSON, text, URL-encoded forms, multipart text parts).</summary>
    /// <value>The default value is <see cref="AegisScanAction.Block"/>.</value>
    public AegisScanAction Request { get; set; } = AegisScanAction.Block;

    /// <summary>Gets or sets the action for the query string.</summary>
    /// <value>The default value is <see cref="AegisScanAction.Block"/>.</value>
    public AegisScanAction Query { get; set; } = AegisScanAction.Block;

    /// <summary>Gets or sets the action for the configured <see cref="Headers"/>.</summary>
    /// <value>The default value is <see cref="AegisScanAction.Block"/>.</value>
    public AegisScanAction HeaderAction { get; set; } = AegisScanAction.Block;

    /// <summary>Gets or sets the request headers whose values are scanned. Credential headers (<c>Authorization</c>, <c>X-API-Key</c>, <c>Cookie</c>) are refused.</summary>
    /// <value>The default value is empty.</value>
    public IList<string> Headers { get; set; } = [];

    /// <summary>Gets or sets the action for buffered JSON/text responses and server-sent event streams.</summary>
    /// <value>The default value is <see cref="AegisScanAction.Redact"/>.</value>
    public AegisScanAction Response { get; set; } = AegisScanAction.Redact;

    /// <summary>Gets or sets what happens to request bodies that cannot be scanned (binary media types).</summary>
    /// <value>The default value is <see cref="AegisUnscannableContent.Deny"/>.</value>
    public AegisUnscannableContent UnscannableRequest { get; set; } = AegisUnscannableContent.Deny;

    /// <summary>Gets or sets what happens to responses that cannot be scanned (binary media types, handler-set <c>Content-Encoding</c>).</summary>
    /// <value>The default value is <see cref="AegisUnscannableContent.Deny"/>.</value>
    public AegisUnscannableContent UnscannableResponse { get; set; } = AegisUnscannableContent.Deny;

    /// <summary>Gets or sets the source requests are scanned as.</summary>
    /// <value>The default value is <see cref="ContentSource.User"/>.</value>
    public ContentSource RequestSource { get; set; } = ContentSource.User;

    /// <summary>Gets or sets the source responses are scanned as.</summary>
    /// <value>The default value is <see cref="ContentSource.ModelResponse"/>.</value>
    public ContentSource ResponseSource { get; set; } = ContentSource.ModelResponse;

    /// <summary>Gets or sets the detection engine's named policy to apply, or <see langword="null"/> for its default.</summary>
    public string? DetectionPolicy { get; set; }
}

/// <summary>Source-generated DataAnnotations validator for <see cref="AegisHttpOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class AegisHttpOptionsValidator : IValidateOptions<AegisHttpOptions>
{
}
