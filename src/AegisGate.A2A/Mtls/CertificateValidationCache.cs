using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AegisGate.A2A.Mtls;

/// <summary>
/// Remembers successful chain validations by certificate hash for a short time, so a connection's requests do not
/// rebuild the chain every time. Only successes are cached, never past the certificate's expiry; bounded.
/// </summary>
internal sealed class CertificateValidationCache
{
    private const int Capacity = 4096;
    private readonly ConcurrentDictionary<string, (string AgentId, DateTimeOffset ExpiresAt)> _entries = new(StringComparer.Ordinal);

    public static string KeyOf(X509Certificate2 certificate)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(certificate.RawDataMemory.Span, hash);
        return Convert.ToHexString(hash);
    }

    public bool TryGet(string key, DateTimeOffset now, out string agentId)
    {
        if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAt > now)
        {
            agentId = entry.AgentId;
            return true;
        }

        agentId = string.Empty;
        return false;
    }

    public void Add(string key, string agentId, DateTimeOffset expiresAt)
    {
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        _entries[key] = (agentId, expiresAt);
    }
}
