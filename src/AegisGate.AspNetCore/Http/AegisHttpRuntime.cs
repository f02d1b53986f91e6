using System.Threading.RateLimiting;
using AegisGate.AspNetCore.Authorization;
using AegisGate.Audit;
using AegisGate.Configuration;
using AegisGate.Detection;
using AegisGate.Licensing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AegisGate.AspNetCore.Http;

/// <summary>An immutable, compiled view of <see cref="AegisHttpOptions"/>: rebuilt after each valid reload.</summary>
internal sealed class HttpPolicySnapshot
{
    public HttpPolicySnapshot(AegisHttpOptions options)
    {
        Options = options;
        Roles = new RolePermissionMap(options.Authorization.Roles, options.Authentication.RoleClaimTypes);
        AcceptedSchemes = [.. options.Authentication.AcceptedSchemes];
    }

    public AegisHttpOptions Options { get; }

    public RolePermissionMap Roles { get; }

    public string[] AcceptedSchemes { get; }

    /// <summary>Resolves an endpoint's scan policy; <see langword="false"/> when it names an unknown policy.</summary>
    public bool TryGetScanPolicy(string? name, out AegisScanPolicyOptions policy)
    {
        if (name is null)
        {
            policy = Options.Scanning;
            return true;
        }

        if (Options.ScanPolicies.TryGetValue(name, out var named) && named is not null)
        {
            policy = named;
            return true;
        }

        policy = Options.Scanning;
        return false;
    }
}

/// <summary>
/// The HTTP pillar's shared state: the compiled options (kept at the last good value on a bad reload), the
/// per-principal rate limiter, and the optional collaborators (scanner, audit trail, licence).
/// </summary>
internal sealed class AegisHttpRuntime : IDisposable
{
    private readonly LastGoodOptions<AegisHttpOptions> _options;
    private readonly IOptions<AegisGateOptions> _rootOptions;
    private readonly Lock _gate = new();
    private volatile HttpPolicySnapshot _snapshot;
    private volatile PartitionedRateLimiter<string> _rateLimiter;
    private AegisHttpRateLimitOptions _rateLimitSettings;
    private int _middlewareInstalled;

    public AegisHttpRuntime(LastGoodOptions<AegisHttpOptions> options, IOptions<AegisGateOptions> rootOptions, IServiceProvider services, TimeProvider timeProvider, ILogger<AegisHttpRuntime> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(services);
        _options = options;
        _rootOptions = rootOptions;
        TimeProvider = timeProvider;
        Logger = logger;
        _snapshot = new HttpPolicySnapshot(options.Current);
        _rateLimitSettings = Clone(options.Current.RateLimit);
        _rateLimiter = CreateLimiter(_rateLimitSettings);
        Scanner = services.GetService<IContentScanner>();
        Audit = services.GetService<AuditTrail>();
        License = services.GetService<ILicenseProvider>();
        if (Scanner is null)
        {
            logger.HttpScannerMissing();
        }

        options.Changed += OnChanged;
    }

    public HttpPolicySnapshot Snapshot => _snapshot;

    /// <summary>Gets a value indicating whether <c>UseAegisHttp()</c>'s middleware was built into a request pipeline (compliance evidence).</summary>
    public bool MiddlewareInstalled => Volatile.Read(ref _middlewareInstalled) != 0;

    public PartitionedRateLimiter<string> RateLimiter => _rateLimiter;

    public IContentScanner? Scanner { get; }

    public AuditTrail? Audit { get; }

    public ILicenseProvider? License { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger Logger { get; }

    /// <summary>Gets a value indicating whether decisions must be audited (the root <c>AegisGate:Audit:Enabled</c>).</summary>
    public bool AuditEnabled => _rootOptions.Value.Audit.Enabled;

    /// <summary>Records an audit event. Without a registered audit trail, a required record is a denial (fail-closed).</summary>
    public ValueTask<SecurityDecision> RecordAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        if (!AuditEnabled)
        {
            return new(SecurityDecision.Allow());
        }

        return Audit is null
            ? new(SecurityDecision.Deny(AegisErrorCodes.AuditUnavailable, "The request could not be audited; it is denied.", 503))
            : Audit.RecordAsync(auditEvent, cancellationToken);
    }

    /// <summary>Records that the middleware is part of a request pipeline.</summary>
    public void MarkMiddlewareInstalled() => Interlocked.Exchange(ref _middlewareInstalled, 1);

    public void Dispose()
    {
        _options.Changed -= OnChanged;
        _rateLimiter.Dispose();
    }

    private static PartitionedRateLimiter<string> CreateLimiter(AegisHttpRateLimitOptions settings)
        => PartitionedRateLimiter.Create<string, string>(principal => RateLimitPartition.GetTokenBucketLimiter(principal, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.TokenLimit,
            TokensPerPeriod = settings.TokensPerPeriod,
            ReplenishmentPeriod = settings.ReplenishmentPeriod,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private static AegisHttpRateLimitOptions Clone(AegisHttpRateLimitOptions o)
        => new() { Enabled = o.Enabled, TokenLimit = o.TokenLimit, TokensPerPeriod = o.TokensPerPeriod, ReplenishmentPeriod = o.ReplenishmentPeriod };

    private void OnChanged(AegisHttpOptions options)
    {
        lock (_gate)
        {
            _snapshot = new HttpPolicySnapshot(options);
            var settings = options.RateLimit;
            if (settings.TokenLimit != _rateLimitSettings.TokenLimit || settings.TokensPerPeriod != _rateLimitSettings.TokensPerPeriod || settings.ReplenishmentPeriod != _rateLimitSettings.ReplenishmentPeriod)
            {
                // Buckets restart full under the new limits; the old limiter stays alive for requests in flight.
                _rateLimitSettings = Clone(settings);
                _rateLimiter = CreateLimiter(_rateLimitSettings);
            }
        }
    }
}
