using System.Security.Cryptography;

namespace AegisGate.Licensing;

/// <summary>
/// Licence signing keys: the embedded default public key, parsing of configured public keys, and key-pair
/// generation for self-hosted issuers (<c>aegisgate license keygen</c>).
/// </summary>
public static class LicenseSigningKeys
{
    /// <summary>
    /// The public key of AegisGate's licence issuer, embedded in the build (SubjectPublicKeyInfo, PEM). Used when
    /// <c>AegisGate:License:PublicKey</c> is not set. Only the public half is in the repository.
    /// </summary>
    public const string DefaultPublicKeyPem = """
        -----BEGIN PUBLIC KEY-----
        MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEl1xx0jcTvR3Zo5bZhlKNoJI42o0l
        IUVYy0sPR89JHg85tg4fqHth1K4a1Ma4I13N/3mLsYphflxBOUT2f3XhPw==
        -----END PUBLIC KEY-----
        """;

    private const int MaxKeyTextLength = 64 * 1024;

    /// <summary>
    /// Parses one or more ECDSA P-256 public keys: PEM <c>PUBLIC KEY</c> blocks (several may follow each other) or the
    /// base64 of a DER SubjectPublicKeyInfo.
    /// </summary>
    /// <param name="text">The key text.</param>
    /// <returns>The DER SubjectPublicKeyInfo of each key.</returns>
    /// <exception cref="FormatException">The text holds no key, or a key is not an ECDSA P-256 public key.</exception>
    public static IReadOnlyList<byte[]> ParsePublicKeys(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxKeyTextLength)
        {
            throw new FormatException("The public key text is too long.");
        }

        var keys = new List<byte[]>();
        var remaining = text.AsSpan();
        if (remaining.IndexOf("-----BEGIN", StringComparison.Ordinal) >= 0)
        {
            while (PemEncoding.TryFind(remaining, out var fields))
            {
                var label = remaining[fields.Label];
                if (!label.SequenceEqual("PUBLIC KEY"))
                {
                    throw new FormatException("Only PEM 'PUBLIC KEY' blocks (SubjectPublicKeyInfo) are accepted as licence public keys.");
                }

                var der = Convert.FromBase64String(remaining[fields.Base64Data].ToString());
                keys.Add(CheckP256(der));
                remaining = remaining[fields.Location.End..];
            }
        }
        else
        {
            var trimmed = text.Trim();
            if (trimmed.Length > 0)
            {
                byte[] der;
                try
                {
                    der = Convert.FromBase64String(trimmed);
                }
                catch (FormatException)
                {
                    throw new FormatException("The public key is neither PEM nor base64 DER.");
                }

                keys.Add(CheckP256(der));
            }
        }

        return keys.Count > 0 ? keys : throw new FormatException("No public key was found.");
    }

    /// <summary>Generates a new ECDSA P-256 key pair for a self-hosted licence issuer.</summary>
    /// <returns>The private key (PKCS#8 PEM; keep it secret) and the public key (SubjectPublicKeyInfo PEM).</returns>
    public static (string PrivateKeyPem, string PublicKeyPem) GenerateKeyPair()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return (key.ExportPkcs8PrivateKeyPem(), key.ExportSubjectPublicKeyInfoPem());
    }

    /// <summary>Imports an ECDSA P-256 private key from PEM (PKCS#8 or SEC1 <c>EC PRIVATE KEY</c>).</summary>
    /// <param name="pem">The PEM text.</param>
    /// <returns>The key; the caller disposes it.</returns>
    /// <exception cref="FormatException">The text is not an ECDSA P-256 private key.</exception>
    public static ECDsa ImportPrivateKey(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
            if (key.KeySize != 256)
            {
                throw new FormatException("The private key is not an ECDSA P-256 key.");
            }

            _ = key.ExportParameters(includePrivateParameters: true);
            return key;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new FormatException("The private key is not an ECDSA P-256 private key in PEM.", ex);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Verifies an ECDSA P-256 / SHA-256 (IEEE P1363) signature with a DER SubjectPublicKeyInfo key.</summary>
    internal static bool Verify(byte[] subjectPublicKeyInfo, byte[] data, byte[] signature)
    {
        // A fresh instance per verification: ECDsa instances are not documented as thread-safe, and verification
        // is rare (results are cached by LicenseValidator).
        using var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        return key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    private static byte[] CheckP256(byte[] der)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(der, out var read);
            var parameters = key.ExportParameters(includePrivateParameters: false);
            if (read != der.Length || key.KeySize != 256 || parameters.Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                throw new FormatException("The public key is not an ECDSA P-256 key.");
            }

            return der;
        }
        catch (CryptographicException ex)
        {
            throw new FormatException("The public key is not an ECDSA P-256 SubjectPublicKeyInfo.", ex);
        }
    }
}
