namespace AegisGate.Licensing;

/// <summary>Licence tiers, ordered.</summary>
public enum LicenseTier
{
    /// <summary>The free tier; what runs with no licence key.</summary>
    Community = 0,

    /// <summary>The professional tier.</summary>
    Professional = 1,

    /// <summary>The enterprise tier.</summary>
    Enterprise = 2,
}

/// <summary>The state of the installation licence.</summary>
public enum LicenseStatus
{
    /// <summary>No licence key is configured: the community tier applies.</summary>
    None,

    /// <summary>A configured key validated.</summary>
    Valid,

    /// <summary>A configured key is malformed, forged, expired or for another product: every licensed feature is denied (never a silent downgrade).</summary>
    Invalid,
}

/// <summary>The validated installation licence.</summary>
public sealed record LicenseState
{
    /// <summary>Gets the state used when no key is configured.</summary>
    public static LicenseState NoLicense { get; } = new() { Status = LicenseStatus.None, Tier = LicenseTier.Community };

    /// <summary>Gets the status.</summary>
    public required LicenseStatus Status { get; init; }

    /// <summary>Gets the tier (meaningful when <see cref="Status"/> is not <see cref="LicenseStatus.Invalid"/>).</summary>
    public required LicenseTier Tier { get; init; }

    /// <summary>Gets the licence id.</summary>
    public string? LicenseId { get; init; }

    /// <summary>Gets the customer.</summary>
    public string? Customer { get; init; }

    /// <summary>Gets the licensed features.</summary>
    public IReadOnlySet<string> Features { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Gets the licensed limits (for example <c>max_agents</c>).</summary>
    public IReadOnlyDictionary<string, long> Limits { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>Gets when the licence expires.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Gets when the licence was issued.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>Gets the product the licence was issued for (for example <c>aegisgate</c>).</summary>
    public string? Product { get; init; }

    /// <summary>Gets a client-safe reason when <see cref="Status"/> is <see cref="LicenseStatus.Invalid"/>.</summary>
    public string? InvalidReason { get; init; }
}

/// <summary>Provides the current installation licence.</summary>
public interface ILicenseProvider
{
    /// <summary>Gets the current licence state.</summary>
    LicenseState Current { get; }
}
