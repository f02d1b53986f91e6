namespace AegisGate.AspNetCore.Http;

/// <summary>The AegisGate decision for the current request, published in <c>HttpContext.Features</c>.</summary>
public interface IAegisDecisionFeature
{
    /// <summary>Gets the decision.</summary>
    SecurityDecision Decision { get; }

    /// <summary>Gets the pillar that made the decision.</summary>
    string Pillar { get; }
}

/// <summary>The default <see cref="IAegisDecisionFeature"/>.</summary>
/// <param name="decision">The decision.</param>
/// <param name="pillar">The pillar.</param>
public sealed class AegisDecisionFeature(SecurityDecision decision, string pillar) : IAegisDecisionFeature
{
    /// <inheritdoc />
    public SecurityDecision Decision { get; } = decision;

    /// <inheritdoc />
    public string Pillar { get; } = pillar;
}
