using System.ComponentModel.DataAnnotations;

namespace AegisGate.Compliance;

/// <summary>
/// A compliance framework and the controls AegisGate contributes evidence to, loaded from YAML (the built-in
/// frameworks are embedded in AegisGate.Core) or registered in code.
/// </summary>
/// <remarks>
/// YAML keys are snake_case: <c>id</c>, <c>name</c>, <c>version</c>, <c>url</c>, <c>description</c>, <c>controls</c>
/// (each with <c>id</c>, <c>title</c>, <c>description</c>, <c>evidence</c>, <c>findings</c>).
/// </remarks>
public sealed class ComplianceFramework
{
    /// <summary>Gets or sets the framework id used to ask for reports (lower case, for example <c>gdpr</c>).</summary>
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9-]{1,63}$", ErrorMessage = "must be 2–64 lower-case letters, digits or '-'.")]
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the framework's name.</summary>
    [Required]
    [StringLength(200, MinimumLength = 1)]
    public string Name { get; set; } = string.Empty;

    /// <summary>Gets or sets the framework version the mapping follows (for example <c>2025</c> or <c>4.0.1</c>).</summary>
    [Required]
    [StringLength(64, MinimumLength = 1)]
    public string Version { get; set; } = string.Empty;

    /// <summary>Gets or sets the framework's reference URL.</summary>
    [StringLength(500)]
    public string? Url { get; set; }

    /// <summary>Gets or sets notes on the scope of the mapping.</summary>
    [StringLength(2000)]
    public string? Description { get; set; }

    /// <summary>Gets or sets the controls AegisGate provides evidence for.</summary>
    [Required]
    [MinLength(1)]
    public List<ComplianceControl> Controls { get; set; } = [];
}

/// <summary>One control of a framework, with the framework's real identifier, and the AegisGate evidence that supports it.</summary>
public sealed class ComplianceControl
{
    /// <summary>Gets or sets the framework's identifier of the control, for example <c>AML.T0051</c>, <c>LLM01</c>, <c>§164.312(b)</c>, <c>Art. 32</c>.</summary>
    [Required]
    [StringLength(64, MinimumLength = 1)]
    public string Id { get; set; } = string.Empty;

    /// <summary>Gets or sets the control's title.</summary>
    [Required]
    [StringLength(300, MinimumLength = 1)]
    public string Title { get; set; } = string.Empty;

    /// <summary>Gets or sets how AegisGate contributes to the control.</summary>
    [StringLength(2000)]
    public string? Description { get; set; }

    /// <summary>Gets or sets the evidence ids (see <see cref="ComplianceEvidenceIds"/>) that must all be reported and satisfied for the control to pass.</summary>
    [Required]
    [MinLength(1)]
    public List<string> Evidence { get; set; } = [];

    /// <summary>
    /// Gets or sets the detection findings that map to the control: a category (<c>secret</c>, <c>pii</c>,
    /// <c>injection</c>, <c>exfiltration</c>) or a rule-id prefix (for example <c>pii.credit_card</c>).
    /// </summary>
    public List<string> Findings { get; set; } = [];
}
