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
}

/// <summary>Source-generated DataAnnotations validator for <see cref="AegisComplianceOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class AegisComplianceOptionsValidator : IValidateOptions<AegisComplianceOptions>
{
}
