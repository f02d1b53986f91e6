using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AegisGate.Licensing;

/// <summary>
/// Options of the installation licence, bound from <c>AegisGate:License</c> (environment aliases
/// <c>AEGISGATE_LICENSE_KEY</c>, <c>AEGISGATE_LICENSE_FILE</c>, <c>AEGISGATE_LICENSE_PUBLIC_KEY</c>).
/// </summary>
/// <remarks>
/// No key configured runs the community tier. A configured key (or key file) that is missing, malformed, forged,
/// expired or for another product makes the licence <see cref="LicenseStatus.Invalid"/>: every licensed feature is
/// denied with <c>AEGIS_LICENSE_INVALID</c> and <c>/healthz</c> reports it. A <see cref="PublicKey"/> that cannot be
/// parsed stops the host at start.
/// </remarks>
public sealed class AegisLicenseOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "AegisGate:License";

    /// <summary>Gets or sets the licence key (<c>AGL1.…</c>). Takes precedence over <see cref="KeyFile"/>.</summary>
    public string? Key { get; set; }

    /// <summary>Gets or sets the path of a file that holds the licence key. Relative paths are resolved against <c>AegisGate:DataDirectory</c>.</summary>
    public string? KeyFile { get; set; }

    /// <summary>
    /// Gets or sets the trusted issuer public key(s) for self-hosted issuers: PEM <c>PUBLIC KEY</c> block(s) or base64 DER
    /// SubjectPublicKeyInfo (ECDSA P-256). When set it replaces the embedded default key
    /// (<see cref="LicenseSigningKeys.DefaultPublicKeyPem"/>).
    /// </summary>
    public string? PublicKey { get; set; }

    /// <summary>Gets or sets how many validation verdicts are cached.</summary>
    /// <value>The default value is 64. Allowed: 1 to 4096.</value>
    [Range(1, 4096)]
    public int ValidationCacheSize { get; set; } = 64;

    /// <summary>
    /// Gets or sets a value indicating whether <c>/healthz</c> reports an invalid licence as Unhealthy (503) instead of
    /// Degraded (200 with <c>"license": "invalid"</c>). Licensed features are denied either way.
    /// </summary>
    /// <value>The default value is <see langword="false"/>: an orchestrator does not take community traffic down over a licence.</value>
    public bool UnhealthyWhenInvalid { get; set; }

    /// <summary>Gets or sets how long before expiry a warning is logged at start (and <c>/healthz</c> reports Degraded).</summary>
    /// <value>The default value is 14 days.</value>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan ExpiryWarning { get; set; } = TimeSpan.FromDays(14);
}

/// <summary>Source-generated DataAnnotations validator for <see cref="AegisLicenseOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class AegisLicenseOptionsValidator : IValidateOptions<AegisLicenseOptions>
{
}

/// <summary>Checks that a configured public key parses; a bad one stops the host (it would make every licence invalid).</summary>
internal sealed class AegisLicenseOptionsCustomValidator : IValidateOptions<AegisLicenseOptions>
{
    public ValidateOptionsResult Validate(string? name, AegisLicenseOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (!string.IsNullOrWhiteSpace(options.PublicKey))
        {
            try
            {
                _ = LicenseSigningKeys.ParsePublicKeys(options.PublicKey);
            }
            catch (FormatException ex)
            {
                builder.AddError(ex.Message, "AegisGate:License:PublicKey");
            }
        }

        if (options.KeyFile is { Length: > 0 } file && file.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            builder.AddError("contains invalid path characters.", "AegisGate:License:KeyFile");
        }

        return builder.Build();
    }
}
