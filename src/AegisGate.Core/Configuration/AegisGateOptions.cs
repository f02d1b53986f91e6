using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AegisGate.Configuration;

/// <summary>
/// The root options of AegisGate, bound from the <c>AegisGate</c> configuration section and validated on start.
/// </summary>
public sealed class AegisGateOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "AegisGate";

    /// <summary>Gets or sets the time each security check has to decide before the request is denied with <c>AEGIS_CHECK_TIMEOUT</c>.</summary>
    /// <value>The default value is 2 seconds. Allowed: 1 ms to 5 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets the directory where AegisGate keeps its state (audit files, keys, persisted maps). Relative paths are resolved against the content root.</summary>
    /// <value>The default value is <c>.aegisgate</c>.</value>
    [Required]
    [MinLength(1)]
    public string DataDirectory { get; set; } = ".aegisgate";

    /// <summary>Gets or sets the directory of the pillar YAML files (<c>a2a.yaml</c>, <c>a2a_caps.yaml</c>, <c>mcp.yaml</c>, rule packs).</summary>
    /// <value>The default value is <c>configs</c>.</value>
    [Required]
    [MinLength(1)]
    public string ConfigDirectory { get; set; } = "configs";

    /// <summary>Gets or sets the audit trail options.</summary>
    [Required]
    [ValidateObjectMembers]
    public AuditOptions Audit { get; set; } = new();
}

/// <summary>Options of the tamper-evident audit trail.</summary>
public sealed class AuditOptions
{
    /// <summary>Gets or sets a value indicating whether decisions are audited.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets the path of the active JSON Lines audit file. Relative paths are resolved against <see cref="AegisGateOptions.DataDirectory"/>.</summary>
    /// <value>The default value is <c>audit/aegisgate-audit.jsonl</c>.</value>
    [Required]
    [MinLength(1)]
    public string Path { get; set; } = "audit/aegisgate-audit.jsonl";

    /// <summary>Gets or sets the size at which the active file is rotated.</summary>
    /// <value>The default value is 64 MiB. Allowed: 4 KiB to 16 GiB.</value>
    [Range(4096L, 17179869184L)]
    public long MaxFileBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Gets or sets how many rotated files are kept (older ones are deleted).</summary>
    /// <value>The default value is 30. Allowed: 1 to 100000.</value>
    [Range(1, 100000)]
    public int MaxRetainedFiles { get; set; } = 30;

    /// <summary>Gets or sets a value indicating whether a request is denied (<c>AEGIS_AUDIT_UNAVAILABLE</c>) when its audit event cannot be recorded.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool FailClosed { get; set; } = true;

    /// <summary>Gets or sets a value indicating whether every record is flushed to the disk (fsync), not only to the operating system, before it is acknowledged.</summary>
    /// <value>The default value is <see langword="false"/>: an acknowledged record survives a process kill; enable for power-loss durability.</value>
    public bool FlushToDisk { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether audit records are encrypted at rest: each record's content is sealed with
    /// AES-256-GCM under a data key wrapped by the key-encryption key of <c>AegisGate:Encryption</c>; the chain fields
    /// (<c>v</c>, <c>seq</c>, <c>type</c>, <c>prev</c>, <c>mac</c>) stay in clear, so the trail verifies with the chain key alone.
    /// </summary>
    /// <value>
    /// The default value is <see langword="false"/>. When <see langword="true"/>, encryption at rest must be registered
    /// (<c>AddAegisEncryption()</c>) and enabled, or the host does not start and the sink writes nothing (never plaintext).
    /// </value>
    public bool Encrypt { get; set; }

    /// <summary>Gets or sets the base64 HMAC-SHA256 chain key (at least 32 bytes). Takes precedence over <see cref="KeyFile"/>.</summary>
    public string? Key { get; set; }

    /// <summary>Gets or sets the path of the file that holds the base64 chain key. Created (mode 0600) when missing and <see cref="CreateKeyFileIfMissing"/> is set.</summary>
    /// <value>The default value is <c>audit/audit.key</c>, resolved against <see cref="AegisGateOptions.DataDirectory"/>.</value>
    public string KeyFile { get; set; } = "audit/audit.key";

    /// <summary>Gets or sets a value indicating whether a missing key file is created with a new random key.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool CreateKeyFileIfMissing { get; set; } = true;
}

/// <summary>Source-generated DataAnnotations validator for <see cref="AegisGateOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class AegisGateOptionsValidator : IValidateOptions<AegisGateOptions>
{
}

/// <summary>Rules across fields of <see cref="AegisGateOptions"/>.</summary>
internal sealed class AegisGateOptionsCustomValidator : IValidateOptions<AegisGateOptions>
{
    public ValidateOptionsResult Validate(string? name, AegisGateOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (options.Audit is { } audit)
        {
            if (audit.Key is { Length: > 0 } key)
            {
                var buffer = new byte[key.Length];
                if (!Convert.TryFromBase64String(key, buffer, out var written) || written < 32)
                {
                    builder.AddError("must be base64 of at least 32 bytes.", "AegisGate:Audit:Key");
                }
            }
            else if (audit.Enabled && string.IsNullOrWhiteSpace(audit.KeyFile))
            {
                builder.AddError("an audit chain key is required: set Key or KeyFile.", "AegisGate:Audit:KeyFile");
            }

            if (audit.Path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
            {
                builder.AddError("contains invalid path characters.", "AegisGate:Audit:Path");
            }
        }

        if (options.DataDirectory.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
        {
            builder.AddError("contains invalid path characters.", "AegisGate:DataDirectory");
        }

        return builder.Build();
    }
}
