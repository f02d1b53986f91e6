using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AegisGate.Licensing;

/// <summary>
/// The pillars' entry point to licensing: turns the installation licence into decisions for a feature, a minimum
/// tier or a limit. Every gate denies while the licence is <see cref="LicenseStatus.Invalid"/>
/// (<see cref="AegisErrorCodes.LicenseInvalid"/>, 403): an invalid key never silently runs as community.
/// </summary>
/// <remarks>
/// Allow decisions allocate nothing. A provider that throws or returns <see langword="null"/> is a denial with
/// <see cref="AegisErrorCodes.LicenseInvalid"/>.
/// </remarks>
public sealed class LicenseGate
{
    private readonly ILicenseProvider _provider;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="LicenseGate"/> class.</summary>
    /// <param name="provider">The licence provider.</param>
    /// <param name="logger">The logger, or <see langword="null"/>.</param>
    public LicenseGate(ILicenseProvider provider, ILogger<LicenseGate>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _provider = provider;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Gets the current licence state, or an invalid state when the provider fails.</summary>
    public LicenseState Current => TryGetState(out var state) ? state : Unavailable;

    private static LicenseState Unavailable { get; } = LicenseValidator.Invalid("The licence state could not be read.");

    /// <summary>Decides whether a licensed feature may be used.</summary>
    /// <param name="feature">The feature name (for example <c>a2a.fleet</c>).</param>
    /// <param name="includedFromTier">
    /// The lowest tier that includes the feature without listing it explicitly, or <see langword="null"/> when the
    /// licence must list it.
    /// </param>
    /// <returns>
    /// Allow when the licence is not invalid and lists the feature or its tier includes it; otherwise a denial with
    /// <see cref="AegisErrorCodes.LicenseInvalid"/> or <see cref="AegisErrorCodes.LicenseFeatureMissing"/> (403).
    /// </returns>
    public SecurityDecision RequireFeature(string feature, LicenseTier? includedFromTier = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(feature);
        if (!TryGetUsable(out var state, out var denial))
        {
            return denial;
        }

        if (state.Features.Contains(feature) || (includedFromTier is { } tier && state.Tier >= tier))
        {
            return SecurityDecision.Allow();
        }

        return SecurityDecision.Deny(AegisErrorCodes.LicenseFeatureMissing, $"The licence does not include the feature '{feature}'.");
    }

    /// <summary>Decides whether the licence tier is at least <paramref name="minimum"/>.</summary>
    /// <param name="minimum">The lowest tier allowed.</param>
    /// <returns>
    /// Allow when the licence is not invalid and its tier is high enough; otherwise a denial with
    /// <see cref="AegisErrorCodes.LicenseInvalid"/> or <see cref="AegisErrorCodes.LicenseFeatureMissing"/> (403).
    /// </returns>
    public SecurityDecision RequireTier(LicenseTier minimum)
    {
        if (!TryGetUsable(out var state, out var denial))
        {
            return denial;
        }

        return state.Tier >= minimum
            ? SecurityDecision.Allow()
            : SecurityDecision.Deny(AegisErrorCodes.LicenseFeatureMissing, $"This feature needs the {LicenseToken.TierName(minimum)} tier.");
    }

    /// <summary>Decides whether using <paramref name="requested"/> units of a limit stays within the licence.</summary>
    /// <param name="limit">The limit name (for example <c>max_agents</c>).</param>
    /// <param name="requested">The usage after the operation (for example the number of agents including the new one).</param>
    /// <param name="defaultLimit">The limit when the licence does not set one, or <see langword="null"/> for no limit.</param>
    /// <returns>
    /// Allow when within the limit; otherwise a denial with <see cref="AegisErrorCodes.LicenseInvalid"/> or
    /// <see cref="AegisErrorCodes.LicenseLimitExceeded"/> (403).
    /// </returns>
    public SecurityDecision CheckLimit(string limit, long requested, long? defaultLimit = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(limit);
        if (!TryGetUsable(out var state, out var denial))
        {
            return denial;
        }

        long? max = state.Limits.TryGetValue(limit, out var licensed) ? licensed : defaultLimit;
        return max is not { } value || requested <= value
            ? SecurityDecision.Allow()
            : SecurityDecision.Deny(AegisErrorCodes.LicenseLimitExceeded, $"The licence limit '{limit}' ({value}) is reached.");
    }

    private bool TryGetUsable(out LicenseState state, out SecurityDecision denial)
    {
        if (!TryGetState(out state))
        {
            denial = SecurityDecision.Deny(AegisErrorCodes.LicenseInvalid, "The licence state could not be read; licensed features are denied.");
            return false;
        }

        if (state.Status == LicenseStatus.Invalid)
        {
            denial = SecurityDecision.Deny(AegisErrorCodes.LicenseInvalid, (state.InvalidReason ?? "The licence is invalid.") + " Licensed features are denied.");
            return false;
        }

        denial = default;
        return true;
    }

    private bool TryGetState(out LicenseState state)
    {
        try
        {
            state = _provider.Current;
        }
        catch (Exception ex)
        {
            _logger.LicenseStateUnavailable(ex);
            state = Unavailable;
            return false;
        }

        if (state is null)
        {
            state = Unavailable;
            return false;
        }

        return true;
    }
}
