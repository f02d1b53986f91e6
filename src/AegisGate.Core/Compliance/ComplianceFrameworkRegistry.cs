using System.Collections.Frozen;
using AegisGate.Configuration;
using AegisGate.Detection;

namespace AegisGate.Compliance;

/// <summary>
/// The registered compliance frameworks: the eight built-in mappings (<c>mitre-atlas</c>, <c>nist-ai-rmf</c>,
/// <c>owasp-llm</c>, <c>iso27001</c>, <c>soc2</c>, <c>hipaa</c>, <c>gdpr</c>, <c>pci-dss</c>, embedded YAML) plus any
/// added from YAML files or code. Every framework is validated; an invalid or duplicate one stops the host.
/// </summary>
public sealed class ComplianceFrameworkRegistry
{
    private const string ResourcePrefix = "AegisGate.Compliance.Frameworks.";
    private static readonly Lazy<IReadOnlyList<ComplianceFramework>> BuiltInFrameworks = new(LoadBuiltIn);
    private readonly FrozenDictionary<string, ComplianceFramework> _frameworks;

    /// <summary>Initializes a new instance of the <see cref="ComplianceFrameworkRegistry"/> class with the built-in frameworks.</summary>
    public ComplianceFrameworkRegistry()
        : this([])
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ComplianceFrameworkRegistry"/> class.</summary>
    /// <param name="additional">Frameworks to register next to the built-in ones.</param>
    /// <exception cref="InvalidDataException">A framework is invalid or its id is registered twice; the message lists every problem.</exception>
    public ComplianceFrameworkRegistry(IEnumerable<ComplianceFramework> additional)
    {
        ArgumentNullException.ThrowIfNull(additional);
        var map = new Dictionary<string, ComplianceFramework>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var framework in BuiltInFrameworks.Value.Concat(additional))
        {
            var problems = Validate(framework);
            if (problems.Count > 0)
            {
                errors.AddRange(problems.Select(p => $"{framework?.Id ?? "?"}: {p}"));
                continue;
            }

            if (!map.TryAdd(framework!.Id, framework))
            {
                errors.Add($"{framework.Id}: a framework with this id is already registered.");
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidDataException("Compliance frameworks are invalid:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", errors));
        }

        _frameworks = map.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Gets the ids of the built-in frameworks.</summary>
    public static IReadOnlyList<string> BuiltInIds { get; } = ["mitre-atlas", "nist-ai-rmf", "owasp-llm", "iso27001", "soc2", "hipaa", "gdpr", "pci-dss"];

    /// <summary>Gets the registered frameworks, ordered by id.</summary>
    public IReadOnlyList<ComplianceFramework> Frameworks => [.. _frameworks.Values.OrderBy(static f => f.Id, StringComparer.Ordinal)];

    /// <summary>Finds a framework by id (case-insensitive).</summary>
    /// <param name="id">The id.</param>
    /// <param name="framework">The framework.</param>
    /// <returns><see langword="true"/> when the framework is registered.</returns>
    public bool TryGet(string? id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ComplianceFramework? framework)
    {
        framework = null;
        return !string.IsNullOrWhiteSpace(id) && id.Length <= 64 && _frameworks.TryGetValue(id.Trim().ToLowerInvariant(), out framework);
    }

    /// <summary>Maps a detection finding to the controls it is evidence for, across every registered framework.</summary>
    /// <param name="finding">The finding.</param>
    /// <returns>The controls as <c>framework-id:control-id</c>, for example <c>owasp-llm:LLM01</c>.</returns>
    public IReadOnlyList<string> MapFinding(DetectionFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var category = finding.Category.ToString().ToLowerInvariant();
        var result = new List<string>();
        foreach (var framework in _frameworks.Values.OrderBy(static f => f.Id, StringComparer.Ordinal))
        {
            foreach (var control in framework.Controls)
            {
                if (control.Findings.Any(f => MatchesFinding(f, category, finding.RuleId)) || finding.Mappings.Contains($"{framework.Id}:{control.Id}", StringComparer.OrdinalIgnoreCase))
                {
                    result.Add($"{framework.Id}:{control.Id}");
                }
            }
        }

        return result;
    }

    /// <summary>Parses and validates a framework from YAML.</summary>
    /// <param name="yaml">The YAML text.</param>
    /// <returns>The framework or every error found.</returns>
    public static ConfigLoadResult<ComplianceFramework> Parse(string yaml)
        => YamlConfigLoader.Load<ComplianceFramework>(yaml, static (framework, errors) => errors.AddRange(Validate(framework).Select(static e => new ConfigError("$", e))));

    /// <summary>Loads and validates a framework from a YAML file.</summary>
    /// <param name="path">The file path.</param>
    /// <returns>The framework or every error found.</returns>
    public static ConfigLoadResult<ComplianceFramework> LoadFile(string path)
        => YamlConfigLoader.LoadFile<ComplianceFramework>(path, static (framework, errors) => errors.AddRange(Validate(framework).Select(static e => new ConfigError("$", e))));

    internal static bool MatchesFinding(string mapping, string category, string ruleId)
        => mapping.Contains('.', StringComparison.Ordinal)
            ? ruleId.StartsWith(mapping, StringComparison.OrdinalIgnoreCase)
            : string.Equals(mapping, category, StringComparison.OrdinalIgnoreCase);

    private static List<string> Validate(ComplianceFramework? framework)
    {
        var errors = new List<string>();
        if (framework is null)
        {
            errors.Add("the framework is null.");
            return errors;
        }

        // DataAnnotations for frameworks registered in code (YAML files were checked when parsed).
        var annotations = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(framework, new(framework), annotations, validateAllProperties: true);
        errors.AddRange(annotations.Select(static a => $"{string.Join(",", a.MemberNames)} {a.ErrorMessage}"));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var control in framework.Controls ?? [])
        {
            if (control is null)
            {
                errors.Add("a control is null.");
                continue;
            }

            var controlAnnotations = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
            System.ComponentModel.DataAnnotations.Validator.TryValidateObject(control, new(control), controlAnnotations, validateAllProperties: true);
            errors.AddRange(controlAnnotations.Select(a => $"control '{control.Id}': {string.Join(",", a.MemberNames)} {a.ErrorMessage}"));
            if (!string.IsNullOrEmpty(control.Id) && !ids.Add(control.Id))
            {
                errors.Add($"control '{control.Id}' is listed twice.");
            }

            foreach (var evidence in control.Evidence ?? [])
            {
                if (!IsToken(evidence))
                {
                    errors.Add($"control '{control.Id}': evidence id '{evidence}' must be lower-case letters, digits, '.', '-' or '_'.");
                }
            }

            foreach (var finding in control.Findings ?? [])
            {
                if (!IsToken(finding))
                {
                    errors.Add($"control '{control.Id}': finding '{finding}' must be a category or rule-id prefix (lower case).");
                }
            }
        }

        return errors;
    }

    private static bool IsToken(string? value)
        => !string.IsNullOrEmpty(value) && value.Length <= 128 && value.All(static c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-' or '_');

    private static List<ComplianceFramework> LoadBuiltIn()
    {
        var assembly = typeof(ComplianceFrameworkRegistry).Assembly;
        var frameworks = new List<ComplianceFramework>();
        var errors = new List<string>();
        foreach (var name in assembly.GetManifestResourceNames().Where(static n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var result = Parse(reader.ReadToEnd());
            if (result.IsValid)
            {
                frameworks.Add(result.Value);
            }
            else
            {
                errors.AddRange(result.Errors.Select(e => $"{name}: {e}"));
            }
        }

        return errors.Count == 0 ? frameworks : throw new InvalidDataException("A built-in compliance framework is invalid: " + string.Join("; ", errors));
    }
}
