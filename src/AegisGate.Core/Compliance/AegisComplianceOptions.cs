using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AegisGate.Compliance;

/// <summary>Options of compliance reporting, bound from <c>AegisGate:Compliance</c>.</summary>
public sealed class AegisComplianceOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "AegisGate:Compliance";

    /// <summary>Gets the paths of extra framework YAML files (relative paths resolve against <c>AegisGate:ConfigDirectory</c>). An invalid file stops the host.</summary>
    public List<string> FrameworkFiles { get; } = [];

    /// <summary>Gets or sets how long each evidence provider may take; a slower provider's evidence is missing (its controls fail).</summary>
    /// <value>The default value is 5 seconds. Allowed: 100 ms to 2 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:02:00")]
    public TimeSpan ProviderTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The default of <see cref="AuditFullVerificationInterval"/>: one hour.</summary>
    public static readonly TimeSpan DefaultAuditFullVerificationInterval = TimeSpan.FromHours(1);

    /// <summary>
    /// Gets or sets how often the evidence <c>audit.verified</c> reads the whole audit trail again. In between, a report
    /// verifies only what was appended since the last one (rotated files that have not changed are not read again),
    /// so edits inside the already verified part are found at the next full verification.
    /// </summary>
    /// <value>The default value is 1 hour. Allowed: 0 (every report reads the whole trail) to 7 days.</value>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00")]
    public TimeSpan AuditFullVerificationInterval { get; set; } = DefaultAuditFullVerificationInterval;
}

/// <summary>Source-generated DataAnnotations validator for <see cref="AegisComplianceOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class AegisComplianceOptionsValidator : IValidateOptions<AegisComplianceOptions>
{
}
