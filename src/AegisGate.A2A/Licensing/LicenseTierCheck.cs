using AegisGate.A2A.Configuration;
using AegisGate.A2A.Http;
using AegisGate.Licensing;

namespace AegisGate.A2A.Licensing;

/// <summary>
/// Step 3, License Check: a capability that declares a minimum tier (<c>a2a_caps.yaml</c>) needs an installation
/// licence of at least that tier. No licence, an invalid licence and a too-low tier are distinct denials; nothing
/// downgrades silently.
/// </summary>
/// <remarks>
/// Denies with <see cref="A2AErrorCodes.LicenseMissing"/>, <see cref="A2AErrorCodes.LicenseInvalid"/> or
/// <see cref="A2AErrorCodes.LicenseInsufficientTier"/>. A capability without a tier requirement passes (a missing or
/// mismatched capability header is denied by the capability check, which runs later).
/// </remarks>
internal sealed class LicenseTierCheck(A2ARuntime runtime, ILicenseProvider licenses, TimeProvider timeProvider) : ISecurityCheck
{
    public const string CheckName = "a2a.license";

    private static readonly SecurityDecision Missing = SecurityDecision.Deny(A2AErrorCodes.LicenseMissing, "This capability needs a licence and none is installed.");
    private static readonly SecurityDecision Invalid = SecurityDecision.Deny(A2AErrorCodes.LicenseInvalid, "The installed licence is not valid; licensed capabilities are denied.");
    private static readonly SecurityDecision Insufficient = SecurityDecision.Deny(A2AErrorCodes.LicenseInsufficientTier, "The installed licence tier is below the tier this capability requires.");

    public string Name => CheckName;

    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
    {
        var request = A2ARequestData.From(context);
        if (request?.AgentId is null)
        {
            return new(A2ADecisions.MissingRequest);
        }

        if (request.Capability is not { } capability || !runtime.Capabilities.Current.MinTiers.TryGetValue(capability, out var required))
        {
            return new(SecurityDecision.Allow());
        }

        var state = licenses.Current;
        if (state is null)
        {
            return new(A2ADecisions.Internal);
        }

        return new(state.Status switch
        {
            LicenseStatus.None => required == LicenseTier.Community ? SecurityDecision.Allow() : Missing,
            LicenseStatus.Valid when state.ExpiresAt is { } expires && expires <= timeProvider.GetUtcNow() => Invalid,
            LicenseStatus.Valid => state.Tier >= required ? SecurityDecision.Allow() : Insufficient,
            _ => Invalid,
        });
    }
}
