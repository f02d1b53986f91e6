using System.ComponentModel.DataAnnotations;
using AegisGate.Mcp.Stdio;
using AegisGate.Mcp.Tools;
using Microsoft.Extensions.Options;

namespace AegisGate.Mcp;

/// <summary>
/// Options of the MCP pillar (configuration section <c>AegisGate:Mcp</c>). Every default is the secure one: requests
/// need an authenticated principal, tools need an explicit risk-matrix grant, stdio servers need an allowlist entry.
/// </summary>
public sealed class AegisMcpOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "AegisGate:Mcp";

    /// <summary>Gets the HTTP hygiene options (origin, body, depth, methods, protocol versions).</summary>
    [Required]
    [ValidateObjectMembers]
    public McpHttpOptions Http { get; init; } = new();

    /// <summary>Gets the session options.</summary>
    [Required]
    [ValidateObjectMembers]
    public McpSessionOptions Sessions { get; init; } = new();

    /// <summary>Gets the tool authorization (risk matrix) options.</summary>
    [Required]
    public McpAuthorizationOptions Authorization { get; init; } = new();

    /// <summary>Gets the input validation options.</summary>
    [Required]
    [ValidateObjectMembers]
    public McpInputOptions Input { get; init; } = new();

    /// <summary>Gets the output filtering options.</summary>
    [Required]
    [ValidateObjectMembers]
    public McpOutputOptions Output { get; init; } = new();

    /// <summary>Gets the rate-limit options.</summary>
    [Required]
    [ValidateObjectMembers]
    public McpRateLimitOptions RateLimits { get; init; } = new();

    /// <summary>Gets the per-session resource budget options.</summary>
    [Required]
    [ValidateObjectMembers]
    public McpBudgetOptions Budgets { get; init; } = new();

    /// <summary>Gets the supply-chain (tool pinning) options.</summary>
    [Required]
    public McpSupplyChainOptions SupplyChain { get; init; } = new();

    /// <summary>Gets the stdio launcher options (the command allowlist).</summary>
    [Required]
    public McpStdioOptions Stdio { get; init; } = new();

    /// <summary>
    /// Gets the authentication schemes <c>UseAegisMcp()</c> tries, in order, when the request is not yet authenticated
    /// (for example <c>AegisApiKey</c>, <c>Bearer</c>, <c>Certificate</c>). The first that succeeds sets
    /// <c>HttpContext.User</c>; a scheme that fails (a wrong key) stops the search.
    /// </summary>
    public IList<string> AuthenticationSchemes { get; init; } = ["AegisApiKey"];

    /// <summary>
    /// Gets or sets the principal name given to clients of in-process servers on the stdio (or stream) transport, which
    /// authenticate through the operating system rather than HTTP. <see langword="null"/> (the default) denies them.
    /// </summary>
    public string? LocalPrincipal { get; set; }

    /// <summary>Gets the roles of <see cref="LocalPrincipal"/>.</summary>
    public IList<string> LocalPrincipalRoles { get; init; } = [];
}

/// <summary>HTTP hygiene of the Streamable HTTP endpoint.</summary>
public sealed class McpHttpOptions
{
    /// <summary>Gets the origins allowed in the <c>Origin</c> header (scheme://host[:port]). A present origin not in the list is denied.</summary>
    public IList<string> AllowedOrigins { get; init; } = [];

    /// <summary>Gets or sets a value indicating whether requests without an <c>Origin</c> header (non-browser clients) are allowed.</summary>
    /// <value>The default value is <see langword="true"/>: MCP clients outside browsers send no Origin.</value>
    public bool AllowMissingOrigin { get; set; } = true;

    /// <summary>Gets or sets the largest request body accepted.</summary>
    /// <value>The default value is 1 MiB.</value>
    [Range(1024, 256L * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets the deepest JSON nesting accepted in a message.</summary>
    /// <value>The default value is 32.</value>
    [Range(4, 256)]
    public int MaxJsonDepth { get; set; } = 32;

    /// <summary>Gets the JSON-RPC methods clients may send. Anything else is denied with <see cref="McpErrorCodes.MethodNotAllowed"/>.</summary>
    public IList<string> AllowedMethods { get; init; } = [.. McpMethods.DefaultAllowed];

    /// <summary>Gets the protocol versions accepted (header and body).</summary>
    public IList<string> AllowedProtocolVersions { get; init; } = ["2025-06-18", "2025-11-25", "2026-07-28"];
}

/// <summary>Session binding and limits.</summary>
public sealed class McpSessionOptions
{
    /// <summary>Gets or sets the most sessions one principal may hold at once.</summary>
    /// <value>The default value is 16.</value>
    [Range(1, 100000)]
    public int MaxSessionsPerPrincipal { get; set; } = 16;

    /// <summary>Gets or sets how long an unused session stays tracked (sessions of third-party upstreams; SDK sessions end with the SDK's own idle timeout).</summary>
    /// <value>The default value is 2 hours.</value>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(2);
}

/// <summary>The risk matrix: what each role or agent may call.</summary>
public sealed class McpAuthorizationOptions
{
    /// <summary>Gets the highest tool risk each role may call (role → risk). Empty means no authorizer is configured and every tool is denied.</summary>
    public IDictionary<string, McpToolRisk> Roles { get; init; } = new Dictionary<string, McpToolRisk>(StringComparer.Ordinal);

    /// <summary>Gets the highest tool risk individual principals or agents may call (principal name → risk); the higher of role and principal grants applies.</summary>
    public IDictionary<string, McpToolRisk> Principals { get; init; } = new Dictionary<string, McpToolRisk>(StringComparer.Ordinal);

    /// <summary>Gets per-tool policies (tool name → risk override and required roles). These override annotations.</summary>
    public IDictionary<string, McpToolPolicy> Tools { get; init; } = new Dictionary<string, McpToolPolicy>(StringComparer.Ordinal);

    /// <summary>Gets or sets the risk of a tool whose annotations are untrusted (upstream servers) and that has no configured policy.</summary>
    /// <value>The default value is <see cref="McpToolRisk.High"/>.</value>
    public McpToolRisk UntrustedToolRisk { get; set; } = McpToolRisk.High;
}

/// <summary>Input validation of tool, prompt and resource arguments.</summary>
public sealed class McpInputOptions
{
    /// <summary>Gets or sets the largest serialized arguments object accepted.</summary>
    /// <value>The default value is 64 KiB.</value>
    [Range(64, 64L * 1024 * 1024)]
    public int MaxArgumentBytes { get; set; } = 64 * 1024;

    /// <summary>Gets or sets the deepest nesting accepted inside arguments.</summary>
    /// <value>The default value is 16.</value>
    [Range(1, 128)]
    public int MaxArgumentDepth { get; set; } = 16;

    /// <summary>Gets or sets a value indicating whether arguments are scanned by the detection engine.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ScanArguments { get; set; } = true;

    /// <summary>Gets the URI schemes allowed in URL-like arguments and <c>resources/read</c>.</summary>
    public IList<string> AllowedUriSchemes { get; init; } = ["https", "http", "file"];

    /// <summary>Gets or sets a value indicating whether URIs may point at loopback, private, link-local or metadata addresses.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AllowPrivateNetworkUris { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether DNS host names in URIs are resolved and every address they resolve to is
    /// checked (<see cref="McpErrorCodes.InputUnsafeUri"/>). A name that does not resolve, or not in time, is denied.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ResolveHostNames { get; set; } = true;

    /// <summary>
    /// Gets or sets how long resolving the host names of one message may take before it is denied with
    /// <see cref="McpErrorCodes.InputUriResolutionTimeout"/>. Keep it below <c>AegisGate:CheckTimeout</c> (otherwise the
    /// pipeline's own timeout denies first, with <c>AEGIS_CHECK_TIMEOUT</c>).
    /// </summary>
    /// <value>The default value is 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30")]
    public TimeSpan HostResolutionTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the most distinct host names one message may name; more are denied with <see cref="McpErrorCodes.InputUnsafeUri"/>.</summary>
    /// <value>The default value is 8.</value>
    [Range(1, 64)]
    public int MaxHostsPerRequest { get; set; } = 8;
}

/// <summary>What the injection detector does with server output.</summary>
public enum McpInjectionAction
{
    /// <summary>Deny the output (<see cref="McpErrorCodes.OutputBlocked"/>).</summary>
    Block = 0,

    /// <summary>Pass the output with a warning marker in <c>_meta</c> and an audit record.</summary>
    Flag = 1,
}

/// <summary>Output filtering of tool results, resource contents, prompts and notifications.</summary>
public sealed class McpOutputOptions
{
    /// <summary>Gets or sets what happens when server output carries prompt injection (indirect injection).</summary>
    /// <value>The default value is <see cref="McpInjectionAction.Block"/>.</value>
    public McpInjectionAction Injection { get; set; } = McpInjectionAction.Block;

    /// <summary>Gets or sets a value indicating whether terminal control sequences (ANSI escapes, C0/C1 controls) are stripped.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool StripControlSequences { get; set; } = true;

    /// <summary>Gets or sets the largest result (serialized) a single response may carry.</summary>
    /// <value>The default value is 4 MiB.</value>
    [Range(1024, 256L * 1024 * 1024)]
    public int MaxResultBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Gets the server-to-client request methods that are blocked (sampling and elicitation are exfiltration channels).</summary>
    public IList<string> BlockedServerRequests { get; init; } = ["sampling/createMessage", "elicitation/create"];
}

/// <summary>One token bucket.</summary>
public sealed class McpTokenBucketOptions
{
    /// <summary>Gets or sets the bucket size (the burst).</summary>
    [Range(1, 1_000_000)]
    public int TokenLimit { get; set; } = 60;

    /// <summary>Gets or sets the tokens added each period.</summary>
    [Range(1, 1_000_000)]
    public int TokensPerPeriod { get; set; } = 60;

    /// <summary>Gets or sets the replenishment period.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan Period { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Rate limits per principal, per session and per tool (token buckets).</summary>
public sealed class McpRateLimitOptions
{
    /// <summary>Gets the bucket of each principal (all methods).</summary>
    [Required]
    [ValidateObjectMembers]
    public McpTokenBucketOptions PerPrincipal { get; init; } = new() { TokenLimit = 600, TokensPerPeriod = 600 };

    /// <summary>Gets the bucket of each session (all methods; sessionless clients use their principal).</summary>
    [Required]
    [ValidateObjectMembers]
    public McpTokenBucketOptions PerSession { get; init; } = new() { TokenLimit = 300, TokensPerPeriod = 300 };

    /// <summary>Gets the bucket of each (principal, tool) pair for <c>tools/call</c>.</summary>
    [Required]
    [ValidateObjectMembers]
    public McpTokenBucketOptions PerTool { get; init; } = new() { TokenLimit = 60, TokensPerPeriod = 60 };

    /// <summary>Gets per-tool overrides of <see cref="PerTool"/> (tool name → bucket).</summary>
    public IDictionary<string, McpTokenBucketOptions> Tools { get; init; } = new Dictionary<string, McpTokenBucketOptions>(StringComparer.Ordinal);
}

/// <summary>Resource boundaries per session (sessionless clients: per principal).</summary>
public sealed class McpBudgetOptions
{
    /// <summary>Gets or sets the most tool calls in flight at once.</summary>
    [Range(1, 10000)]
    public int MaxConcurrentCalls { get; set; } = 4;

    /// <summary>Gets or sets the most tool calls over the session's life.</summary>
    [Range(1, int.MaxValue)]
    public int MaxCallsPerSession { get; set; } = 10_000;

    /// <summary>Gets or sets the most argument bytes the session may send.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxBytesIn { get; set; } = 64L * 1024 * 1024;

    /// <summary>Gets or sets the most result bytes the session may receive.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxBytesOut { get; set; } = 256L * 1024 * 1024;

    /// <summary>Gets or sets how long one tool call may run.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>How tool definitions are pinned.</summary>
public enum McpPinMode
{
    /// <summary>A tool seen for the first time is pinned (and persisted to the lock file); a later change is denied until approved.</summary>
    TrustOnFirstUse = 0,

    /// <summary>Only tools pinned in the lock file may be called; new tools are denied until approved.</summary>
    LockFile = 1,
}

/// <summary>Supply-chain verification of tool definitions.</summary>
public sealed class McpSupplyChainOptions
{
    /// <summary>Gets or sets the pin mode.</summary>
    /// <value>The default value is <see cref="McpPinMode.TrustOnFirstUse"/>.</value>
    public McpPinMode Mode { get; set; } = McpPinMode.TrustOnFirstUse;

    /// <summary>Gets or sets the lock file (JSON). Relative paths are resolved against the data directory. <see langword="null"/> keeps pins in memory only.</summary>
    public string? LockFile { get; set; }

    /// <summary>Gets or sets a value indicating whether tool descriptions are scanned for poisoning.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool ScanDescriptions { get; set; } = true;
}

/// <summary>The stdio launcher's allowlist.</summary>
public sealed class McpStdioOptions
{
    /// <summary>Gets the allowlisted stdio servers (name → launch rules). Empty means no validator is configured and every command is denied.</summary>
    public IDictionary<string, StdioServerDefinition> Servers { get; init; } = new Dictionary<string, StdioServerDefinition>(StringComparer.Ordinal);
}

/// <summary>Validates <see cref="AegisMcpOptions"/> field rules (generated, reflection-free).</summary>
[OptionsValidator]
internal sealed partial class AegisMcpOptionsValidator : IValidateOptions<AegisMcpOptions>;

/// <summary>Validates <see cref="AegisMcpOptions"/> rules that span fields.</summary>
internal sealed class AegisMcpOptionsCustomValidator : IValidateOptions<AegisMcpOptions>
{
    public ValidateOptionsResult Validate(string? name, AegisMcpOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        foreach (var origin in options.Http.AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.PathAndQuery.Length > 1 || uri.Scheme is not ("https" or "http"))
            {
                builder.AddError("must be an origin like https://app.example.com (scheme, host and optional port only).", "Http.AllowedOrigins");
            }
        }

        if (options.Http.AllowedProtocolVersions.Count == 0)
        {
            builder.AddError("must list at least one protocol version.", "Http.AllowedProtocolVersions");
        }

        foreach (var (server, definition) in options.Stdio.Servers)
        {
            foreach (var error in definition.Validate())
            {
                builder.AddError(error, $"Stdio.Servers.{server}");
            }
        }

        return builder.Build();
    }
}
