namespace AegisGate.Compliance;

/// <summary>Pass or fail.</summary>
public enum ComplianceStatus
{
    /// <summary>Every required piece of evidence was reported and holds.</summary>
    Pass,

    /// <summary>Evidence is missing or does not hold, or the framework is not registered.</summary>
    Fail,
}

/// <summary>The result of one control.</summary>
/// <param name="Id">The framework's control id.</param>
/// <param name="Title">The control's title.</param>
/// <param name="Status">Pass when every required evidence id was reported and satisfied.</param>
/// <param name="Evidence">The evidence considered.</param>
/// <param name="MissingEvidence">Required evidence ids nobody reported.</param>
/// <param name="Findings">The detection categories and rule-id prefixes mapped to this control.</param>
public sealed record ComplianceControlResult(
    string Id,
    string Title,
    ComplianceStatus Status,
    IReadOnlyList<ComplianceEvidence> Evidence,
    IReadOnlyList<string> MissingEvidence,
    IReadOnlyList<string> Findings);

/// <summary>A compliance report for one framework.</summary>
public sealed record ComplianceReport
{
    /// <summary>Gets the framework id that was asked for.</summary>
    public required string FrameworkId { get; init; }

    /// <summary>Gets the framework's name, or <see langword="null"/> when it is not registered.</summary>
    public string? FrameworkName { get; init; }

    /// <summary>Gets the framework version the mapping follows.</summary>
    public string? FrameworkVersion { get; init; }

    /// <summary>Gets the framework's reference URL.</summary>
    public string? FrameworkUrl { get; init; }

    /// <summary>Gets when the report was generated.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>Gets the overall status: pass only when every control passes.</summary>
    public required ComplianceStatus Status { get; init; }

    /// <summary>Gets the error code when no evaluation was possible (<c>AEGIS_COMPLIANCE_UNREGISTERED</c>).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Gets a message explaining <see cref="ErrorCode"/>.</summary>
    public string? Message { get; init; }

    /// <summary>Gets the result of each control.</summary>
    public IReadOnlyList<ComplianceControlResult> Controls { get; init; } = [];

    /// <summary>Gets the evidence providers that failed or timed out (their evidence is missing).</summary>
    public IReadOnlyList<string> ProviderErrors { get; init; } = [];

    /// <summary>Gets the number of passing controls.</summary>
    public int PassedCount => Controls.Count(static c => c.Status == ComplianceStatus.Pass);

    /// <summary>Gets the number of failing controls.</summary>
    public int FailedCount => Controls.Count(static c => c.Status == ComplianceStatus.Fail);

    /// <summary>Gets a value indicating whether a report was produced (the framework is registered).</summary>
    public bool IsRegistered => ErrorCode is null;

    /// <summary>Returns the decision for an API caller: allow when a report was produced (whatever its status), otherwise a denial (404 <c>AEGIS_COMPLIANCE_UNREGISTERED</c>).</summary>
    /// <returns>The decision.</returns>
    public SecurityDecision ToDecision()
        => IsRegistered ? SecurityDecision.Allow() : SecurityDecision.Deny(ErrorCode!, Message ?? "The compliance framework is not registered.", 404);
}
