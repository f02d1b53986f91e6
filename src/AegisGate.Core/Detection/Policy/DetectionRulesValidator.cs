using AegisGate.Configuration;
using Microsoft.Extensions.Options;

namespace AegisGate.Detection;

/// <summary>Validates what only the rule set can check: every rule pack loads, and every rule id named in a policy exists (all errors at once).</summary>
internal sealed class DetectionRulesValidator : IValidateOptions<AegisDetectionOptions>
{
    private readonly AegisPaths? _paths;

    public DetectionRulesValidator(AegisPaths? paths = null) => _paths = paths;

    public ValidateOptionsResult Validate(string? name, AegisDetectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            _ = ContentScanner.BuildState(options, classifier: null, _paths?.ConfigDirectory);
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOperationException ex)
        {
            return ValidateOptionsResult.Fail(ex.Message);
        }
    }
}
