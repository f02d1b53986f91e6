using System.Text.RegularExpressions;
using AegisGate.Configuration;
using AegisGate.Detection.Rules;
using AegisGate.Detection.Validation;

namespace AegisGate.Detection;

/// <summary>A custom rule pack as written in YAML (<c>configs/rules/*.yaml</c>).</summary>
public sealed class DetectionRulePackDocument
{
    /// <summary>Gets or sets the rules of the pack.</summary>
    public List<DetectionRulePackRule> Rules { get; set; } = [];
}

/// <summary>One custom rule in a YAML rule pack.</summary>
public sealed class DetectionRulePackRule
{
    /// <summary>Gets or sets the id: <c>&lt;category&gt;.&lt;name&gt;</c>, lower case, unique, not a built-in id.</summary>
    public string? Id { get; set; }

    /// <summary>Gets or sets the display name.</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets the category: <c>secret</c>, <c>pii</c>, <c>injection</c> or <c>exfiltration</c>.</summary>
    public string? Category { get; set; }

    /// <summary>Gets or sets the severity: <c>low</c>, <c>medium</c>, <c>high</c>, <c>critical</c>.</summary>
    public string? Severity { get; set; }

    /// <summary>Gets or sets the default action: <c>monitor</c>, <c>redact</c> or <c>block</c>.</summary>
    public string? Action { get; set; }

    /// <summary>Gets or sets the confidence of a match, 0–1.</summary>
    public double Confidence { get; set; } = 0.8;

    /// <summary>Gets or sets the regular expression (.NET syntax, run with the linear-time NonBacktracking engine; a named group <c>v</c> marks the reported value).</summary>
    public string? Pattern { get; set; }

    /// <summary>Gets or sets a value indicating whether the pattern ignores case.</summary>
    public bool IgnoreCase { get; set; }

    /// <summary>Gets or sets literal keywords (case-insensitive) of which one must occur for the rule to run.</summary>
    public List<string> Keywords { get; set; } = [];

    /// <summary>Gets or sets the mask label (<c>[REDACTED:LABEL]</c>).</summary>
    public string? Label { get; set; }

    /// <summary>Gets or sets the description.</summary>
    public string? Description { get; set; }

    /// <summary>Gets or sets compliance mappings (OWASP LLM ids, MITRE ATLAS ids, data categories).</summary>
    public List<string> Mappings { get; set; } = [];

    /// <summary>Gets or sets the least Shannon entropy (bits per character) of the value; 0 disables the check.</summary>
    public double MinEntropy { get; set; }

    /// <summary>Gets or sets context words (whole-word) looked for near the match.</summary>
    public List<string> ContextWords { get; set; } = [];

    /// <summary>Gets or sets whether a context word is required (<c>required</c>) or only raises confidence (<c>boost</c>).</summary>
    public string? ContextMode { get; set; }

    /// <summary>Gets or sets the weight of an injection rule in the injection score (injection category only).</summary>
    public double Weight { get; set; } = 0.5;
}

/// <summary>Loads and validates custom YAML rule packs, reporting every error at once.</summary>
public static class DetectionRulePacks
{
    private static readonly Regex s_id = new("^(secret|pii|injection|exfiltration)\\.[a-z0-9_]{2,64}$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    /// <summary>Validates a pack file and returns every error (an empty list when valid).</summary>
    /// <param name="path">The YAML file.</param>
    /// <returns>The errors, with their paths.</returns>
    public static IReadOnlyList<ConfigError> Validate(string path)
    {
        var (_, errors) = Load(path, TimeSpan.FromMilliseconds(250));
        return errors;
    }

    internal static (List<DetectionRule> Rules, List<ConfigError> Errors) Load(string path, TimeSpan regexTimeout)
    {
        var rules = new List<DetectionRule>();
        var result = YamlConfigLoader.LoadFile<DetectionRulePackDocument>(path, (doc, errors) => Check(doc, errors, rules, regexTimeout));
        var errors = result.Errors.Select(e => e with { Path = path + ":" + e.Path }).ToList();
        return errors.Count == 0 ? (rules, errors) : ([], errors);
    }

    internal static (List<DetectionRule> Rules, List<ConfigError> Errors) LoadText(string yaml, TimeSpan regexTimeout)
    {
        var rules = new List<DetectionRule>();
        var result = YamlConfigLoader.Load<DetectionRulePackDocument>(yaml, (doc, errors) => Check(doc, errors, rules, regexTimeout));
        var errors = result.Errors.ToList();
        return errors.Count == 0 ? (rules, errors) : ([], errors);
    }

    private static void Check(DetectionRulePackDocument doc, List<ConfigError> errors, List<DetectionRule> rules, TimeSpan regexTimeout)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var builtIn = new HashSet<string>(BuiltInRules.Descriptors.Select(d => d.Id), StringComparer.Ordinal);
        if (doc.Rules.Count == 0)
        {
            errors.Add(new ConfigError("$.rules", "a rule pack needs at least one rule."));
        }

        for (var i = 0; i < doc.Rules.Count; i++)
        {
            var r = doc.Rules[i];
            var at = $"$.rules[{i}]";
            var before = errors.Count;
            if (r.Id is null || !s_id.IsMatch(r.Id))
            {
                errors.Add(new ConfigError($"{at}.id", "must be '<secret|pii|injection|exfiltration>.<name>' with a lower-case name of 2–64 characters."));
            }
            else if (builtIn.Contains(r.Id))
            {
                errors.Add(new ConfigError($"{at}.id", $"'{r.Id}' is a built-in rule id."));
            }
            else if (!ids.Add(r.Id))
            {
                errors.Add(new ConfigError($"{at}.id", $"'{r.Id}' is used twice."));
            }

            if (string.IsNullOrWhiteSpace(r.Name))
            {
                errors.Add(new ConfigError($"{at}.name", "is required."));
            }

            var category = ParseEnum<DetectionCategory>(r.Category, $"{at}.category", errors, required: true);
            if (category is not null && r.Id is not null && s_id.IsMatch(r.Id) && !r.Id.StartsWith(CategoryPrefix(category.Value) + ".", StringComparison.Ordinal))
            {
                errors.Add(new ConfigError($"{at}.id", $"must start with '{CategoryPrefix(category.Value)}.' for category {r.Category}."));
            }

            var severity = ParseEnum<DetectionSeverity>(r.Severity, $"{at}.severity", errors, required: false) ?? DetectionSeverity.High;
            var action = ParseEnum<DetectionAction>(r.Action, $"{at}.action", errors, required: false) ?? (category == DetectionCategory.Injection ? DetectionAction.Block : DetectionAction.Redact);
            if (r.Confidence is < 0 or > 1 || double.IsNaN(r.Confidence))
            {
                errors.Add(new ConfigError($"{at}.confidence", "must be between 0 and 1."));
            }

            if (r.MinEntropy is < 0 or > 8)
            {
                errors.Add(new ConfigError($"{at}.min_entropy", "must be between 0 and 8."));
            }

            if (r.Weight is <= 0 or > 2)
            {
                errors.Add(new ConfigError($"{at}.weight", "must be greater than 0 and at most 2."));
            }

            if (r.Keywords.Any(string.IsNullOrWhiteSpace))
            {
                errors.Add(new ConfigError($"{at}.keywords", "keywords must not be empty."));
            }

            var mode = Rules.ContextMode.None;
            if (r.ContextWords.Count > 0)
            {
                mode = r.ContextMode?.ToLowerInvariant() switch
                {
                    null or "boost" => Rules.ContextMode.Boost,
                    "required" => Rules.ContextMode.Required,
                    _ => Rules.ContextMode.None,
                };
                if (mode == Rules.ContextMode.None)
                {
                    errors.Add(new ConfigError($"{at}.context_mode", "must be 'boost' or 'required'."));
                }
            }

            Regex? regex = null;
            if (string.IsNullOrEmpty(r.Pattern))
            {
                errors.Add(new ConfigError($"{at}.pattern", "is required."));
            }
            else
            {
                try
                {
                    var options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | (r.IgnoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
                    regex = new Regex(r.Pattern, options, regexTimeout);
                }
                catch (ArgumentException ex)
                {
                    errors.Add(new ConfigError($"{at}.pattern", "is not a valid linear-time (NonBacktracking) regex: " + Trim(ex.Message)));
                }
                catch (NotSupportedException ex)
                {
                    errors.Add(new ConfigError($"{at}.pattern", "uses a construct the linear-time engine does not support (lookarounds, backreferences, atomic groups): " + Trim(ex.Message)));
                }
            }

            if (errors.Count != before || regex is null || category is null || r.Id is null)
            {
                continue;
            }

            var descriptor = Describe.Rule(r.Id, r.Name!, category.Value, severity, action, r.Confidence, string.IsNullOrWhiteSpace(r.Label) ? r.Id[(r.Id.IndexOf('.', StringComparison.Ordinal) + 1)..].ToUpperInvariant() : r.Label!, r.Description ?? string.Empty, [.. r.Mappings]) with { IsCustom = true };
            var keywords = r.Keywords.Select(k => k.Trim()).ToArray();
            var context = mode == Rules.ContextMode.None ? null : new RuleContext(mode, 48, [.. r.ContextWords]);
            DetectionRule rule = category == DetectionCategory.Injection
                ? new InjectionSignalRule(descriptor, keywords, r.Weight, regex)
                : new PatternRule(descriptor, keywords, regex, r.MinEntropy > 0 ? EntropyValidator(r.MinEntropy) : null) { Priority = 70, Context = context };
            rules.Add(rule);
        }
    }

    private static MatchValidator EntropyValidator(double minimum)
        => (in RuleMatch m, double confidence) => Checksums.ShannonEntropy(m.Value) >= minimum && !SecretHeuristics.IsTokenPlaceholder(m.Value) ? confidence : 0;

    private static string CategoryPrefix(DetectionCategory category) => category switch
    {
        DetectionCategory.Secret => "secret",
        DetectionCategory.Pii => "pii",
        DetectionCategory.Injection => "injection",
        _ => "exfiltration",
    };

    private static T? ParseEnum<T>(string? value, string path, List<ConfigError> errors, bool required)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(new ConfigError(path, "is required."));
            }

            return null;
        }

        if (Enum.TryParse<T>(value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(value, out _))
        {
            return parsed;
        }

        errors.Add(new ConfigError(path, $"'{value}' is not one of: {string.Join(", ", Enum.GetNames<T>().Select(n => n.ToLowerInvariant()))}."));
        return null;
    }

    private static string Trim(string message) => message.Length > 160 ? message[..160] + "…" : message;
}
