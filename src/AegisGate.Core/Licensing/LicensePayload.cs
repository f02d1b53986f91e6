namespace AegisGate.Licensing;

/// <summary>
/// The signed content of a licence key: who it is for, which tier, features and limits, and when it is valid.
/// Serialized as canonical JSON (<see cref="LicenseToken.Canonicalize"/>) and signed with ECDSA P-256.
/// </summary>
public sealed record LicensePayload
{
    /// <summary>The product every AegisGate licence is issued for.</summary>
    public const string DefaultProduct = "aegisgate";

    /// <summary>Gets the licence id (1–64 characters: letters, digits, <c>. _ : -</c>).</summary>
    public required string LicenseId { get; init; }

    /// <summary>Gets the customer the licence is issued to (1–200 characters, no control characters).</summary>
    public required string Customer { get; init; }

    /// <summary>Gets the tier.</summary>
    public required LicenseTier Tier { get; init; }

    /// <summary>Gets the licensed features (lower-case names such as <c>a2a</c> or <c>compliance.api</c>; at most 128).</summary>
    public IReadOnlyList<string> Features { get; init; } = [];

    /// <summary>Gets the licensed limits (for example <c>max_agents</c> = 50; at most 64, values ≥ 0).</summary>
    public IReadOnlyDictionary<string, long> Limits { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);

    /// <summary>Gets when the licence was issued (UTC, whole seconds).</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>Gets when the licence expires (UTC, whole seconds); it must be after <see cref="IssuedAt"/>.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Gets the product the licence is for.</summary>
    /// <value>The default value is <see cref="DefaultProduct"/>.</value>
    public string Product { get; init; } = DefaultProduct;
}
