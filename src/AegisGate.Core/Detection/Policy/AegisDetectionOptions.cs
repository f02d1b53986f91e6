using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AegisGate.Detection;

/// <summary>
/// Options of the detection engine, bound from <c>AegisGate:Detection</c> and validated on start. Over-limit content is
/// denied (<c>AEGIS_SCAN_LIMIT_EXCEEDED</c>), never passed unscanned.
/// </summary>
public sealed class AegisDetectionOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "AegisGate:Detection";

    /// <summary>Gets or sets the most characters one scan accepts.</summary>
    /// <value>The default value is 4,194,304 (4 Mi characters). Allowed: 1 Ki to 256 Mi.</value>
    [Range(1024, 268_435_456)]
    public int MaxContentChars { get; set; } = 4 * 1024 * 1024;

    /// <summary>Gets or sets the deepest JSON nesting accepted by <see cref="IContentScanner.ScanJson"/>.</summary>
    /// <value>The default value is 64. Allowed: 1 to 256.</value>
    [Range(1, 256)]
    public int MaxJsonDepth { get; set; } = 64;

    /// <summary>Gets or sets how many times encoded text is decoded inside encoded text (base64 in hex in percent-encoding…).</summary>
    /// <value>The default value is 3. Allowed: 0 to 3.</value>
    [Range(0, 3)]
    public int MaxDecodeDepth { get; set; } = 3;

    /// <summary>Gets or sets the most characters scanned per scan across the input and every decoded layer (the work limit).</summary>
    /// <value>The default value is 16,777,216. Allowed: 1 Ki to 1 Gi.</value>
    [Range(1024, 1_073_741_824)]
    public int MaxWorkChars { get; set; } = 16 * 1024 * 1024;

    /// <summary>Gets or sets the most findings one scan reports before it is denied as over the work limit.</summary>
    /// <value>The default value is 1000. Allowed: 1 to 1,000,000.</value>
    [Range(1, 1_000_000)]
    public int MaxFindings { get; set; } = 1000;

    /// <summary>Gets or sets how long one scan may run before it is denied as over the work limit.</summary>
    /// <value>The default value is 2 seconds. Allowed: 10 ms to 5 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan ScanTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets how many characters a stream session keeps scanning again after each piece (the overlap), on top of the token being written.</summary>
    /// <value>The default value is 256. Allowed: 32 to 65,536.</value>
    [Range(32, 65_536)]
    public int StreamOverlapChars { get; set; } = 256;

    /// <summary>Gets or sets the most characters a stream session holds back (the bound on latency and memory).</summary>
    /// <value>The default value is 8192. Allowed: 64 to 1,048,576; at least <see cref="StreamOverlapChars"/>.</value>
    [Range(64, 1_048_576)]
    public int StreamMaxHoldChars { get; set; } = 8192;

    /// <summary>Gets or sets a value indicating whether redacted payment cards keep their last four digits (<c>[REDACTED:CREDIT_CARD:1111]</c>).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool RedactCardLastFour { get; set; }

    /// <summary>Gets or sets hosts to which markdown images and links may carry data (exact host or a parent domain).</summary>
    public IList<string> AllowedHosts { get; set; } = [];

    /// <summary>Gets or sets canary strings (or protected system-prompt fragments) whose appearance in content is an exfiltration finding.</summary>
    public IList<string> Canaries { get; set; } = [];

    /// <summary>Gets or sets the paths of YAML rule packs to load (relative to the configuration directory).</summary>
    public IList<string> RulePacks { get; set; } = [];

    /// <summary>Gets or sets the default policy.</summary>
    [Required]
    public DetectionPolicyOptions Policy { get; set; } = new();

    /// <summary>Gets or sets named policies, selected with <see cref="ScanOptions.Policy"/>; each starts from the default policy and overrides it.</summary>
    public IDictionary<string, DetectionPolicyOptions> Policies { get; set; } = new Dictionary<string, DetectionPolicyOptions>(StringComparer.Ordinal);
}

/// <summary>A detection policy: per-rule overrides and per-source strictness.</summary>
public sealed class DetectionPolicyOptions
{
    /// <summary>
    /// Gets or sets per-rule overrides, keyed by rule id (<c>secret.github_pat</c>), by category prefix
    /// (<c>secret.*</c>) or <c>*</c>. The most specific key wins.
    /// </summary>
    public IDictionary<string, RulePolicyOptions> Rules { get; set; } = new Dictionary<string, RulePolicyOptions>(StringComparer.Ordinal);

    /// <summary>Gets or sets per-source settings. Missing sources keep their defaults: user and model response Standard, document and tool output Strict.</summary>
    public IDictionary<ContentSource, SourcePolicyOptions> Sources { get; set; } = new Dictionary<ContentSource, SourcePolicyOptions>();
}

/// <summary>An override of one rule (or of a category of rules).</summary>
public sealed class RulePolicyOptions
{
    /// <summary>Gets or sets whether the rule runs; <see langword="null"/> keeps the default (enabled).</summary>
    public bool? Enabled { get; set; }

    /// <summary>Gets or sets the action; <see langword="null"/> keeps the rule's default action.</summary>
    public DetectionAction? Action { get; set; }

    /// <summary>Gets or sets the least confidence a finding needs; <see langword="null"/> keeps the source's threshold.</summary>
    [Range(0.0, 1.0)]
    public double? MinConfidence { get; set; }
}

/// <summary>How strict the policy is with one content source.</summary>
public enum DetectionStrictness
{
    /// <summary>Fewer, surer findings: injection threshold 1.5, minimum confidence 0.7.</summary>
    Relaxed,

    /// <summary>The default for user prompts and model responses: injection threshold 1.0, minimum confidence 0.5.</summary>
    Standard,

    /// <summary>The default for documents and tool output (third-party content): injection threshold 0.6, minimum confidence 0.35, instruction-in-data signals on.</summary>
    Strict,
}

/// <summary>Settings for one <see cref="ContentSource"/>.</summary>
public sealed class SourcePolicyOptions
{
    /// <summary>Gets or sets the strictness.</summary>
    /// <value>The default value is <see cref="DetectionStrictness.Standard"/>.</value>
    public DetectionStrictness Strictness { get; set; } = DetectionStrictness.Standard;

    /// <summary>Gets or sets the injection score at which injection findings are reported; <see langword="null"/> uses the strictness default.</summary>
    [Range(0.1, 10.0)]
    public double? InjectionThreshold { get; set; }

    /// <summary>Gets or sets the least confidence a finding needs; <see langword="null"/> uses the strictness default.</summary>
    [Range(0.0, 1.0)]
    public double? MinConfidence { get; set; }

    /// <summary>Gets or sets per-rule overrides that apply to this source only (same keys as <see cref="DetectionPolicyOptions.Rules"/>).</summary>
    public IDictionary<string, RulePolicyOptions> Rules { get; set; } = new Dictionary<string, RulePolicyOptions>(StringComparer.Ordinal);
}

/// <summary>Source-generated DataAnnotations validator for <see cref="AegisDetectionOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class AegisDetectionOptionsValidator : IValidateOptions<AegisDetectionOptions>;

/// <summary>Rules across fields of <see cref="AegisDetectionOptions"/>.</summary>
internal sealed class AegisDetectionOptionsCustomValidator : IValidateOptions<AegisDetectionOptions>
{
    public ValidateOptionsResult Validate(string? name, AegisDetectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new ValidateOptionsResultBuilder();
        if (options.StreamMaxHoldChars < options.StreamOverlapChars)
        {
            builder.AddError("must be at least StreamOverlapChars.", nameof(options.StreamMaxHoldChars));
        }

        foreach (var host in options.AllowedHosts)
        {
            if (string.IsNullOrWhiteSpace(host) || host.Contains('/', StringComparison.Ordinal) || host.Contains(':', StringComparison.Ordinal))
            {
                builder.AddError($"'{host}' is not a host name.", nameof(options.AllowedHosts));
            }
        }

        foreach (var canary in options.Canaries)
        {
            if (string.IsNullOrWhiteSpace(canary) || canary.Length < 8)
            {
                builder.AddError("every canary needs at least 8 characters.", nameof(options.Canaries));
            }
        }

        ValidatePolicy("Policy", options.Policy, builder);
        foreach (var (policyName, policy) in options.Policies)
        {
            if (string.IsNullOrWhiteSpace(policyName))
            {
                builder.AddError("a named policy has an empty name.", nameof(options.Policies));
            }

            ValidatePolicy($"Policies:{policyName}", policy, builder);
        }

        return builder.Build();
    }

    private static void ValidatePolicy(string path, DetectionPolicyOptions? policy, ValidateOptionsResultBuilder builder)
    {
        if (policy is null)
        {
            builder.AddError("is required.", path);
            return;
        }

        ValidateRules($"{path}:Rules", policy.Rules, builder);
        foreach (var (source, sourcePolicy) in policy.Sources)
        {
            if (!Enum.IsDefined(source))
            {
                builder.AddError($"unknown content source '{source}'.", $"{path}:Sources");
                continue;
            }

            if (sourcePolicy is null)
            {
                builder.AddError("is required.", $"{path}:Sources:{source}");
                continue;
            }

            if (sourcePolicy.InjectionThreshold is < 0.1 or > 10)
            {
                builder.AddError("must be between 0.1 and 10.", $"{path}:Sources:{source}:InjectionThreshold");
            }

            if (sourcePolicy.MinConfidence is < 0 or > 1)
            {
                builder.AddError("must be between 0 and 1.", $"{path}:Sources:{source}:MinConfidence");
            }

            ValidateRules($"{path}:Sources:{source}:Rules", sourcePolicy.Rules, builder);
        }
    }

    private static void ValidateRules(string path, IDictionary<string, RulePolicyOptions> rules, ValidateOptionsResultBuilder builder)
    {
        foreach (var (key, rule) in rules)
        {
            if (!RuleKeyPattern.IsValid(key))
            {
                builder.AddError($"'{key}' is not a rule id, a 'category.*' prefix or '*'.", path);
            }

            if (rule is null)
            {
                builder.AddError("is required.", $"{path}:{key}");
                continue;
            }

            if (rule.Action is { } action && !Enum.IsDefined(action))
            {
                builder.AddError($"unknown action '{action}'.", $"{path}:{key}:Action");
            }

            if (rule.MinConfidence is < 0 or > 1)
            {
                builder.AddError("must be between 0 and 1.", $"{path}:{key}:MinConfidence");
            }
        }
    }
}

/// <summary>The syntax of rule keys in policies.</summary>
internal static class RuleKeyPattern
{
    public static bool IsValid(string key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return false;
        }

        if (key == "*")
        {
            return true;
        }

        var dot = key.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == key.Length - 1)
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '.' or '-' or '*'))
            {
                return false;
            }
        }

        return !key.Contains('*', StringComparison.Ordinal) || key.EndsWith(".*", StringComparison.Ordinal) && key.IndexOf('*', StringComparison.Ordinal) == key.Length - 1;
    }
}
