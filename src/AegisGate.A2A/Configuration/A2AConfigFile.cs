using System.ComponentModel.DataAnnotations;

namespace AegisGate.A2A.Configuration;

/// <summary>The model of <c>configs/a2a.yaml</c>: client-certificate identity, request signatures and per-agent rate limits.</summary>
public sealed class A2AConfigFile
{
    /// <summary>Gets or sets how agents are authenticated by their client certificate.</summary>
    [Required]
    public A2AIdentityConfig Identity { get; set; } = new();

    /// <summary>Gets or sets the request signature (HMAC) settings.</summary>
    [Required]
    public A2AIntegrityConfig Integrity { get; set; } = new();

    /// <summary>Gets or sets the per-agent token buckets.</summary>
    [Required]
    public A2ARateLimitConfig RateLimit { get; set; } = new();

    /// <summary>Gets or sets the validated, resolved form (keys loaded, CAs parsed). Set by the loader, never from YAML.</summary>
    internal CompiledA2AConfig? Compiled { get; set; }
}

/// <summary>The <c>identity</c> section of <c>a2a.yaml</c>.</summary>
public sealed class A2AIdentityConfig
{
    /// <summary>Gets or sets where the agent id comes from: <c>san_uri</c> (the certificate's URI subject alternative name) or <c>subject_cn</c>.</summary>
    /// <value>The default value is <c>san_uri</c>.</value>
    [Required]
    public string Source { get; set; } = "san_uri";

    /// <summary>Gets or sets the prefix a SAN URI must have; the agent id is the rest (for example <c>spiffe://example.org/agent/</c>). Empty: the whole URI is the agent id.</summary>
    public string? SanUriPrefix { get; set; }

    /// <summary>Gets or sets the PEM files of the certificate authorities that issue agent certificates. Relative paths resolve against the data directory.</summary>
    [Required]
    [MinLength(1)]
    public List<string> TrustedCaFiles { get; set; } = [];

    /// <summary>Gets or sets the revocation check: <c>no_check</c>, <c>offline</c> (cached CRLs) or <c>online</c>.</summary>
    /// <value>The default value is <c>online</c>.</value>
    [Required]
    public string RevocationMode { get; set; } = "online";

    /// <summary>Gets or sets a value indicating whether the certificate must allow client authentication (EKU 1.3.6.1.5.5.7.3.2).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RequireClientAuthEku { get; set; } = true;

    /// <summary>Gets or sets how long a successful chain validation is reused for the same certificate, in seconds (0 disables the cache).</summary>
    /// <value>The default value is 60.</value>
    [Range(0, 3600)]
    public int ValidationCacheSeconds { get; set; } = 60;
}

/// <summary>The <c>integrity</c> section of <c>a2a.yaml</c>.</summary>
public sealed class A2AIntegrityConfig
{
    /// <summary>Gets or sets the largest accepted difference between <c>A2A-Timestamp</c> and the server clock, in seconds.</summary>
    /// <value>The default value is 300.</value>
    [Range(1, 3600)]
    public int MaxClockSkewSeconds { get; set; } = 300;

    /// <summary>Gets or sets the largest accepted request body, in bytes.</summary>
    /// <value>The default value is 1 MiB.</value>
    [Range(1, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets how many nonces the replay cache holds at most. When it is full of unexpired nonces, signed requests are denied.</summary>
    /// <value>The default value is 100000.</value>
    [Range(16, 10_000_000)]
    public int NonceCacheCapacity { get; set; } = 100_000;

    /// <summary>Gets or sets the shared default keys, used for agents that have no keys of their own.</summary>
    public List<A2AKeyConfig> Keys { get; set; } = [];

    /// <summary>Gets or sets per-agent keys. An agent listed here accepts only its own keys.</summary>
    public Dictionary<string, A2AAgentKeysConfig> Agents { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>The keys of one agent.</summary>
public sealed class A2AAgentKeysConfig
{
    /// <summary>Gets or sets the agent's keys.</summary>
    [Required]
    [MinLength(1)]
    public List<A2AKeyConfig> Keys { get; set; } = [];
}

/// <summary>One HMAC key. Several keys with different ids allow rotation without downtime.</summary>
public sealed class A2AKeyConfig
{
    /// <summary>Gets or sets the key id sent in <c>A2A-Key-Id</c> (1–64 characters of <c>A–Z a–z 0–9 . - _</c>).</summary>
    [Required]
    public string Id { get; set; } = string.Empty;

    /// <summary>
    /// Gets or sets where the secret comes from: <c>env:NAME</c> (an environment variable), <c>file:path</c> (a file,
    /// relative paths resolve against the data directory) or <c>base64:...</c> (inline, for development only). The value
    /// is base64 of at least 32 bytes. Never commit a real secret.
    /// </summary>
    [Required]
    public string Secret { get; set; } = string.Empty;

    /// <summary>Gets or sets when the key starts being accepted, or <see langword="null"/>.</summary>
    public DateTimeOffset? NotBefore { get; set; }

    /// <summary>Gets or sets when the key stops being accepted, or <see langword="null"/>.</summary>
    public DateTimeOffset? NotAfter { get; set; }
}

/// <summary>The <c>rate_limit</c> section of <c>a2a.yaml</c>.</summary>
public sealed class A2ARateLimitConfig
{
    /// <summary>Gets or sets the bucket every agent gets unless overridden.</summary>
    [Required]
    public A2ATokenBucketConfig Default { get; set; } = new();

    /// <summary>Gets or sets per-agent overrides.</summary>
    public Dictionary<string, A2ATokenBucketConfig> Agents { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A token bucket: up to <see cref="TokenLimit"/> requests at once, refilled by <see cref="TokensPerPeriod"/> every <see cref="PeriodSeconds"/>.</summary>
public sealed class A2ATokenBucketConfig
{
    /// <summary>Gets or sets the bucket size (the largest burst).</summary>
    /// <value>The default value is 60.</value>
    [Range(1, 1_000_000)]
    public int TokenLimit { get; set; } = 60;

    /// <summary>Gets or sets the tokens added every period.</summary>
    /// <value>The default value is 60.</value>
    [Range(1, 1_000_000)]
    public int TokensPerPeriod { get; set; } = 60;

    /// <summary>Gets or sets the refill period in seconds.</summary>
    /// <value>The default value is 60.</value>
    [Range(1, 86_400)]
    public int PeriodSeconds { get; set; } = 60;
}
