using System.Text;
using AegisGate.A2A.Integrity;

namespace AegisGate.A2A.Tests.Support;

/// <summary>Signs A2A requests the way a conforming client does (scheme v1).</summary>
internal static class TestSigner
{
    public static Dictionary<string, string> Headers(byte[] key, string keyId, string agent, string capability, string method, string pathAndQuery, string body, DateTimeOffset now, string? nonce = null)
    {
        var ts = A2ASignatureV1.FormatTimestamp(now);
        var n = nonce ?? A2ASignatureV1.NewNonce();
        var canonical = A2ASignatureV1.Canonicalize(method, pathAndQuery, agent, capability, ts, n, keyId, Encoding.UTF8.GetBytes(body));
        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["A2A-Signature"] = A2ASignatureV1.ComputeHeaderValue(key, canonical),
            ["A2A-Key-Id"] = keyId,
            ["A2A-Timestamp"] = ts,
            ["A2A-Nonce"] = n,
            ["A2A-Capability"] = capability,
        };
    }

    public static string JsonRpc(string method, int id = 1)
        => "{\"jsonrpc\":\"2.0\",\"id\":" + id.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",\"method\":\"" + method + "\",\"params\":{\"message\":{\"messageId\":\"m-" + id.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"hello\"}]}}}";
}
