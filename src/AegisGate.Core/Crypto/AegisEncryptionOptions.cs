using System.ComponentModel.DataAnnotations;
using AegisGate.Secrets;
using Microsoft.Extensions.Options;

namespace AegisGate.Crypto;

/// <summary>Options of encryption at rest, bound from <c>AegisGate:Encryption</c>.</summary>
/// <remarks>
/// When enabled, the active key-encryption key is fetched (or, for Vault Transit, used in a test round trip) when the
/// host starts: a key that cannot be fetched stops the host with <c>AEGIS_SECRET_UNAVAILABLE</c> rather than writing
/// plaintext.
/// </remarks>
public sealed class AegisEncryptionOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "AegisGate:Encryption";

    /// <summary>Gets or sets a value indicating whether AegisGate encrypts what it stores.</summary>
    /// <value>The default value is <see langword="false"/> (it needs a key-encryption key).</value>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets the id of the key that wraps new data keys. Must be one of <see cref="Keys"/>.</summary>
    public string? ActiveKeyId { get; set; }

    /// <summary>
    /// Gets the key-encryption keys by id. Keep a retired key here until no stored data uses it
    /// (<see cref="EnvelopeFormat.TryReadKeyId"/> tells which key a file uses).
    /// </summary>
    public Dictionary<string, KeyEncryptionKeyOptions> Keys { get; } = new(StringComparer.Ordinal);
}

/// <summary>Where a key-encryption key lives.</summary>
public enum KeyEncryptionKeyType
{
    /// <summary>A local 256-bit key from a secret reference (<see cref="KeyEncryptionKeyOptions.Secret"/>), base64.</summary>
    Local,

    /// <summary>A HashiCorp Vault Transit key (<see cref="KeyEncryptionKeyOptions.TransitKey"/>); needs <c>AegisGate:Secrets:Vault</c>.</summary>
    VaultTransit,
}

/// <summary>One key-encryption key.</summary>
public sealed class KeyEncryptionKeyOptions
{
    /// <summary>Gets or sets where the key lives.</summary>
    /// <value>The default value is <see cref="KeyEncryptionKeyType.Local"/>.</value>
    public KeyEncryptionKeyType Type { get; set; } = KeyEncryptionKeyType.Local;

    /// <summary>Gets or sets the secret reference of a local key, for example <c>file:aegis-kek-2026</c> or <c>vault:aegisgate/kek#key</c>.</summary>
    public string? Secret { get; set; }

    /// <summary>Gets or sets the name of the Vault Transit key.</summary>
    public string? TransitKey { get; set; }
}

/// <summary>Rules of <see cref="AegisEncryptionOptions"/>.</summary>
internal sealed class AegisEncryptionOptionsValidator : IValidateOptions<AegisEncryptionOptions>
{
    public ValidateOptionsResult Validate(string? name, AegisEncryptionOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        foreach (var (id, key) in options.Keys)
        {
            var path = "AegisGate:Encryption:Keys:" + id;
            if (!EnvelopeFormat.IsValidKeyId(id))
            {
                builder.AddError("a key id is 1–64 characters of letters, digits, '.', '_' or '-'.", path);
            }

            if (key is null)
            {
                builder.AddError("the key has no settings.", path);
                continue;
            }

            if (key.Type == KeyEncryptionKeyType.Local && !SecretResolver.TryParseReference(key.Secret, out _, out _))
            {
                builder.AddError("a local key needs Secret, a reference such as 'file:aegis-kek' or 'vault:path#field'.", path + ":Secret");
            }

            if (key.Type == KeyEncryptionKeyType.VaultTransit && (string.IsNullOrWhiteSpace(key.TransitKey) || !key.TransitKey.All(static c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')))
            {
                builder.AddError("a Vault Transit key needs TransitKey (letters, digits, '.', '_', '-').", path + ":TransitKey");
            }

            if (!Enum.IsDefined(key.Type))
            {
                builder.AddError("Type must be Local or VaultTransit.", path + ":Type");
            }
        }

        if (options.Enabled)
        {
            if (string.IsNullOrWhiteSpace(options.ActiveKeyId))
            {
                builder.AddError("encryption is enabled but no ActiveKeyId is set.", "AegisGate:Encryption:ActiveKeyId");
            }
            else if (!options.Keys.ContainsKey(options.ActiveKeyId))
            {
                builder.AddError("ActiveKeyId must name one of Keys.", "AegisGate:Encryption:ActiveKeyId");
            }
        }

        return builder.Build();
    }
}
