using System.Security.Cryptography;
using AegisGate.Licensing;

namespace AegisGate.TestUtilities;

/// <summary>A throwaway licence issuer for tests: a fresh ECDSA P-256 key pair per instance.</summary>
public sealed class TestLicenseIssuer : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>Gets the issuer's public key (SubjectPublicKeyInfo PEM).</summary>
    public string PublicKeyPem => _key.ExportSubjectPublicKeyInfoPem();

    /// <summary>Gets the issuer's private key (PKCS#8 PEM).</summary>
    public string PrivateKeyPem => _key.ExportPkcs8PrivateKeyPem();

    /// <summary>Gets the issuer's public key (DER SubjectPublicKeyInfo).</summary>
    public byte[] PublicKeyDer => _key.ExportSubjectPublicKeyInfo();

    /// <summary>Creates a payload valid from <paramref name="now"/> for <paramref name="validFor"/>.</summary>
    /// <param name="now">The issue time.</param>
    /// <param name="tier">The tier.</param>
    /// <param name="validFor">The validity; 365 days when <see langword="null"/>.</param>
    /// <param name="features">The features.</param>
    /// <param name="limits">The limits.</param>
    /// <returns>The payload.</returns>
    public static LicensePayload Payload(DateTimeOffset now, LicenseTier tier = LicenseTier.Professional, TimeSpan? validFor = null, string[]? features = null, Dictionary<string, long>? limits = null)
    {
        var issued = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        return new LicensePayload
        {
            LicenseId = "lic-test-001",
            Customer = "Contoso Ltd",
            Tier = tier,
            Features = features ?? [],
            Limits = limits ?? new Dictionary<string, long>(),
            IssuedAt = issued,
            ExpiresAt = issued + (validFor ?? TimeSpan.FromDays(365)),
        };
    }

    /// <summary>Issues a licence key.</summary>
    /// <param name="payload">The payload.</param>
    /// <returns>The key.</returns>
    public string Issue(LicensePayload payload) => LicenseToken.Issue(payload, _key);

    /// <summary>Signs arbitrary payload bytes as a key (for malformed-payload tests).</summary>
    /// <param name="payloadBytes">The payload bytes.</param>
    /// <returns>The key.</returns>
    public string SignRaw(byte[] payloadBytes)
        => LicenseToken.Prefix + System.Buffers.Text.Base64Url.EncodeToString(payloadBytes) + "."
            + System.Buffers.Text.Base64Url.EncodeToString(_key.SignData(payloadBytes, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
