using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AegisGate.A2A.Configuration;

namespace AegisGate.A2A.Mtls;

/// <summary>
/// Validates an agent's client certificate against the configured CAs only (<see cref="X509ChainTrustMode.CustomRootTrust"/>,
/// revocation as configured, client-authentication EKU) and reads the agent id from it.
/// </summary>
internal static class ClientCertificateValidator
{
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";
    private const string SubjectAltNameOid = "2.5.29.17";
    private const string CommonNameOid = "2.5.4.3";

    /// <summary>Validates the certificate and extracts the identity.</summary>
    /// <returns><see langword="null"/> when valid (with <paramref name="agentId"/> set), else a reason for the log.</returns>
    public static string? Validate(X509Certificate2 certificate, CompiledA2AConfig config, DateTimeOffset now, out string agentId)
    {
        agentId = string.Empty;
        var cacheKey = config.ValidationCacheTtl > TimeSpan.Zero ? CertificateValidationCache.KeyOf(certificate) : null;
        if (cacheKey is not null && config.ValidationCache.TryGet(cacheKey, now, out agentId))
        {
            return null;
        }

        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            return "the certificate is outside its validity period";
        }

        using (var chain = new X509Chain())
        {
            var policy = chain.ChainPolicy;
            policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            policy.CustomTrustStore.AddRange(config.TrustedCas);
            policy.RevocationMode = config.RevocationMode;
            policy.RevocationFlag = X509RevocationFlag.ExcludeRoot;
            policy.DisableCertificateDownloads = true;
            policy.VerificationTime = now.UtcDateTime;
            if (config.RequireClientAuthEku)
            {
                policy.ApplicationPolicy.Add(new Oid(ClientAuthOid));
            }

            var built = chain.Build(certificate);
            var elements = chain.ChainElements.Count;
            for (var i = 0; i < elements; i++)
            {
                chain.ChainElements[i].Certificate.Dispose();
            }

            if (!built)
            {
                var status = chain.ChainStatus.Length > 0 ? chain.ChainStatus[0].Status.ToString() : "unknown";
                return "the certificate chain is not valid: " + status;
            }
        }

        var identityError = ReadIdentity(certificate, config, out agentId);
        if (identityError is not null)
        {
            return identityError;
        }

        if (cacheKey is not null)
        {
            var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
            var expires = now + config.ValidationCacheTtl;
            config.ValidationCache.Add(cacheKey, agentId, expires < notAfter ? expires : notAfter);
        }

        return null;
    }

    /// <summary>Reads the agent id (SAN URI or subject CN) from a certificate.</summary>
    public static string? ReadIdentity(X509Certificate2 certificate, CompiledA2AConfig config, out string agentId)
    {
        agentId = string.Empty;
        string? candidate;
        if (config.IdentitySource == IdentitySource.SubjectCommonName)
        {
            candidate = null;
            foreach (var rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
            {
                if (!rdn.HasMultipleElements && rdn.GetSingleElementType().Value == CommonNameOid)
                {
                    if (candidate is not null)
                    {
                        return "the subject has more than one common name";
                    }

                    candidate = rdn.GetSingleElementValue();
                }
            }

            if (candidate is null)
            {
                return "the subject has no common name";
            }
        }
        else
        {
            candidate = null;
            foreach (var uri in EnumerateSanUris(certificate))
            {
                string id;
                if (config.SanUriPrefix is { } prefix)
                {
                    if (!uri.StartsWith(prefix, StringComparison.Ordinal) || uri.Length == prefix.Length)
                    {
                        continue;
                    }

                    id = uri[prefix.Length..];
                }
                else
                {
                    id = uri;
                }

                if (candidate is not null)
                {
                    return "the certificate has more than one matching URI subject alternative name";
                }

                candidate = id;
            }

            if (candidate is null)
            {
                return "the certificate has no matching URI subject alternative name";
            }
        }

        if (!AgentIds.IsValid(candidate))
        {
            return "the certificate identity is not a valid agent id";
        }

        agentId = candidate;
        return null;
    }

    private static List<string> EnumerateSanUris(X509Certificate2 certificate)
    {
        var uris = new List<string>(1);
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid?.Value != SubjectAltNameOid)
            {
                continue;
            }

            try
            {
                var reader = new AsnReader(extension.RawData, AsnEncodingRules.DER);
                var names = reader.ReadSequence();
                var uriTag = new Asn1Tag(TagClass.ContextSpecific, 6);
                while (names.HasData)
                {
                    if (names.PeekTag() == uriTag)
                    {
                        uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, uriTag));
                    }
                    else
                    {
                        names.ReadEncodedValue();
                    }
                }
            }
            catch (AsnContentException)
            {
                uris.Clear();
                uris.Add("\u0000invalid");
                return uris;
            }
        }

        return uris;
    }
}
