using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AegisGate.Secrets;

/// <summary>Options of the secret providers, bound from <c>AegisGate:Secrets</c>.</summary>
public sealed class AegisSecretsOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "AegisGate:Secrets";

    /// <summary>Gets or sets the directory of mounted secret files served as <c>file:name</c>.</summary>
    /// <value>The default value is <c>/run/secrets</c> (Docker and Kubernetes convention).</value>
    [Required]
    [MinLength(1)]
    public string FilesDirectory { get; set; } = "/run/secrets";

    /// <summary>Gets or sets the HashiCorp Vault options. Vault (<c>vault:path#field</c>) is enabled when <see cref="VaultOptions.Address"/> is set.</summary>
    [Required]
    [ValidateObjectMembers]
    public VaultOptions Vault { get; set; } = new();
}

/// <summary>How AegisGate authenticates to Vault.</summary>
public enum VaultAuthMethod
{
    /// <summary>A Vault token (<see cref="VaultOptions.Token"/> or <see cref="VaultOptions.TokenFile"/>).</summary>
    Token,

    /// <summary>AppRole login (<see cref="VaultOptions.RoleId"/> and <see cref="VaultOptions.SecretId"/> or <see cref="VaultOptions.SecretIdFile"/>).</summary>
    AppRole,
}

/// <summary>Options of the HashiCorp Vault secret provider and the Vault Transit key-encryption key.</summary>
public sealed class VaultOptions
{
    /// <summary>Gets or sets Vault's address, for example <c>https://vault.internal:8200</c>. Empty disables Vault.</summary>
    public string? Address { get; set; }

    /// <summary>Gets or sets a value indicating whether <see cref="Address"/> must be <c>https</c>.</summary>
    /// <value>The default value is <see langword="true"/>. Turn off only for a loopback development Vault.</value>
    public bool RequireHttps { get; set; } = true;

    /// <summary>Gets or sets the path of a PEM CA certificate that Vault's server certificate must chain to (instead of the system trust store).</summary>
    public string? CaCertificateFile { get; set; }

    /// <summary>Gets or sets the Vault Enterprise namespace (<c>X-Vault-Namespace</c>), if any.</summary>
    public string? Namespace { get; set; }

    /// <summary>Gets or sets the authentication method.</summary>
    /// <value>The default value is <see cref="VaultAuthMethod.Token"/>.</value>
    public VaultAuthMethod AuthMethod { get; set; } = VaultAuthMethod.Token;

    /// <summary>Gets or sets the Vault token (token auth). Prefer <see cref="TokenFile"/>.</summary>
    public string? Token { get; set; }

    /// <summary>Gets or sets the path of a file holding the Vault token (for example written by Vault Agent); re-read when Vault answers 403.</summary>
    public string? TokenFile { get; set; }

    /// <summary>Gets or sets the AppRole role id.</summary>
    public string? RoleId { get; set; }

    /// <summary>Gets or sets the AppRole secret id. Prefer <see cref="SecretIdFile"/>.</summary>
    public string? SecretId { get; set; }

    /// <summary>Gets or sets the path of a file holding the AppRole secret id.</summary>
    public string? SecretIdFile { get; set; }

    /// <summary>Gets or sets the mount path of the AppRole auth method.</summary>
    /// <value>The default value is <c>approle</c>.</value>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$")]
    public string AppRoleMount { get; set; } = "approle";

    /// <summary>Gets or sets the mount path of the KV version 2 secrets engine.</summary>
    /// <value>The default value is <c>secret</c>.</value>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$")]
    public string KvMount { get; set; } = "secret";

    /// <summary>Gets or sets the mount path of the Transit secrets engine.</summary>
    /// <value>The default value is <c>transit</c>.</value>
    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*$")]
    public string TransitMount { get; set; } = "transit";

    /// <summary>Gets or sets how long one Vault request may take before the secret is unavailable.</summary>
    /// <value>The default value is 5 seconds. Allowed: 100 ms to 2 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:02:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets how long a KV secret is cached (Vault's own lease duration wins when shorter).</summary>
    /// <value>The default value is 5 minutes. Allowed: 0 (no cache) to 24 hours.</value>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Gets or sets the most KV secrets cached.</summary>
    /// <value>The default value is 256. Allowed: 1 to 10000.</value>
    [Range(1, 10000)]
    public int MaxCacheEntries { get; set; } = 256;

    /// <summary>Gets or sets a value indicating whether a renewable token is renewed (<c>auth/token/renew-self</c>) once two thirds of its TTL have passed.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool RenewToken { get; set; } = true;
}

/// <summary>Source-generated DataAnnotations validator for <see cref="AegisSecretsOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class AegisSecretsOptionsValidator : IValidateOptions<AegisSecretsOptions>
{
}

/// <summary>Rules across the Vault options.</summary>
internal sealed class AegisSecretsOptionsCustomValidator : IValidateOptions<AegisSecretsOptions>
{
    public ValidateOptionsResult Validate(string? name, AegisSecretsOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        var vault = options.Vault;
        if (vault is null || string.IsNullOrWhiteSpace(vault.Address))
        {
            return builder.Build();
        }

        if (!Uri.TryCreate(vault.Address, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
        {
            builder.AddError("must be an absolute http(s) URL.", "AegisGate:Secrets:Vault:Address");
        }
        else if (vault.RequireHttps && address.Scheme != Uri.UriSchemeHttps)
        {
            builder.AddError("must use https (set RequireHttps to false only for a loopback development Vault).", "AegisGate:Secrets:Vault:Address");
        }

        switch (vault.AuthMethod)
        {
            case VaultAuthMethod.Token when string.IsNullOrWhiteSpace(vault.Token) && string.IsNullOrWhiteSpace(vault.TokenFile):
                builder.AddError("token auth needs Token or TokenFile.", "AegisGate:Secrets:Vault:Token");
                break;
            case VaultAuthMethod.AppRole when string.IsNullOrWhiteSpace(vault.RoleId):
                builder.AddError("AppRole auth needs RoleId.", "AegisGate:Secrets:Vault:RoleId");
                break;
            case VaultAuthMethod.AppRole when string.IsNullOrWhiteSpace(vault.SecretId) && string.IsNullOrWhiteSpace(vault.SecretIdFile):
                builder.AddError("AppRole auth needs SecretId or SecretIdFile.", "AegisGate:Secrets:Vault:SecretId");
                break;
        }

        if (!string.IsNullOrWhiteSpace(vault.CaCertificateFile))
        {
            try
            {
                using var ca = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(vault.CaCertificateFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                builder.AddError("the CA certificate file is missing or not a PEM/DER certificate.", "AegisGate:Secrets:Vault:CaCertificateFile");
            }
        }

        return builder.Build();
    }
}
