using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AegisGate.A2A.Configuration;

/// <summary>
/// Options of the A2A pillar, bound from <c>AegisGate:A2A</c> (environment aliases <c>AEGISGATE_A2A_ENABLED</c>,
/// <c>AEGISGATE_A2A_CONFIG_FILE</c>, <c>AEGISGATE_A2A_CAPS_FILE</c>) and validated on start.
/// </summary>
public sealed class AegisA2AOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "AegisGate:A2A";

    /// <summary>Gets or sets a value indicating whether the A2A pillar serves requests.</summary>
    /// <value>
    /// The default value is <see langword="true"/>. When <see langword="false"/>, <c>UseAegisA2A()</c> answers every
    /// request under <see cref="Paths"/> with 404 so that no A2A handler ever runs unguarded.
    /// </value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the path of <c>a2a.yaml</c> (identity, signature keys, rate limits). Relative paths resolve against <c>AegisGate:ConfigDirectory</c>.</summary>
    /// <value>The default value is <c>a2a.yaml</c>.</value>
    [Required]
    [MinLength(1)]
    public string ConfigFile { get; set; } = "a2a.yaml";

    /// <summary>Gets or sets the path of <c>a2a_caps.yaml</c> (capability map). Relative paths resolve against <c>AegisGate:ConfigDirectory</c>.</summary>
    /// <value>The default value is <c>a2a_caps.yaml</c>.</value>
    [Required]
    [MinLength(1)]
    public string CapabilitiesFile { get; set; } = "a2a_caps.yaml";

    /// <summary>Gets or sets the path of the persisted capability map (admin changes). Relative paths resolve against <c>AegisGate:DataDirectory</c>.</summary>
    /// <value>The default value is <c>a2a/capabilities.json</c>.</value>
    [Required]
    [MinLength(1)]
    public string PersistenceFile { get; set; } = "a2a/capabilities.json";

    /// <summary>
    /// Gets or sets a value indicating whether a plaintext <see cref="PersistenceFile"/> is accepted, and re-written
    /// encrypted, while encryption at rest is enabled (<c>AegisGate:Encryption</c>). Turn it on for the one start that
    /// migrates an existing plaintext file, then off again.
    /// </summary>
    /// <value>
    /// The default value is <see langword="false"/>: with encryption enabled, a plaintext file is refused
    /// (<c>AEGIS_CRYPTO_INTEGRITY_FAILED</c>) and the host does not start, because a plaintext file put in place of the
    /// encrypted one could grant capabilities.
    /// </value>
    public bool AllowPlaintextMigration { get; set; }

    /// <summary>Gets or sets the path prefixes guarded by the A2A chain. Every request under one of them goes through it.</summary>
    /// <value>The default value is <c>/a2a</c> and <c>/api/v1/a2a</c>.</value>
    [Required]
    [MinLength(1)]
    public IList<string> Paths { get; set; } = ["/a2a", "/api/v1/a2a"];

    /// <summary>Gets or sets a value indicating whether the YAML files are watched and reloaded on change.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool WatchFiles { get; set; } = true;
}

/// <summary>Source-generated DataAnnotations validator of <see cref="AegisA2AOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class AegisA2AOptionsValidator : IValidateOptions<AegisA2AOptions>
{
}

/// <summary>Rules across fields of <see cref="AegisA2AOptions"/>.</summary>
internal sealed class AegisA2AOptionsCustomValidator : IValidateOptions<AegisA2AOptions>
{
    public ValidateOptionsResult Validate(string? name, AegisA2AOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        for (var i = 0; i < options.Paths.Count; i++)
        {
            var path = options.Paths[i];
            if (string.IsNullOrWhiteSpace(path) || path[0] != '/' || path.Length > 1 && path[^1] == '/')
            {
                builder.AddError("must start with '/' and not end with '/'.", $"{AegisA2AOptions.SectionName}:Paths:{i}");
            }
        }

        return builder.Build();
    }
}
