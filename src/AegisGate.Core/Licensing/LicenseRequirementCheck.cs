namespace AegisGate.Licensing;

/// <summary>A pipeline check that requires a licensed feature and/or a minimum tier (see <see cref="LicenseGate"/>).</summary>
internal sealed class LicenseRequirementCheck : ISecurityCheck
{
    private readonly LicenseGate _gate;
    private readonly string? _feature;
    private readonly LicenseTier? _includedFromTier;
    private readonly LicenseTier? _minimumTier;

    public LicenseRequirementCheck(LicenseGate gate, string? feature, LicenseTier? includedFromTier, LicenseTier? minimumTier)
    {
        ArgumentNullException.ThrowIfNull(gate);
        if (feature is null && minimumTier is null)
        {
            throw new ArgumentException("A licence requirement needs a feature, a minimum tier or both.");
        }

        _gate = gate;
        _feature = feature;
        _includedFromTier = includedFromTier;
        _minimumTier = minimumTier;
    }

    public string Name => "license";

    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
    {
        if (_minimumTier is { } tier)
        {
            var decision = _gate.RequireTier(tier);
            if (decision.IsDenied)
            {
                return new ValueTask<SecurityDecision>(decision);
            }
        }

        return new ValueTask<SecurityDecision>(_feature is null ? SecurityDecision.Allow() : _gate.RequireFeature(_feature, _includedFromTier));
    }
}
