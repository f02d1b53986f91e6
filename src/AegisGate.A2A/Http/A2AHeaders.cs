namespace AegisGate.A2A.Http;

/// <summary>The HTTP headers of the A2A pillar.</summary>
public static class A2AHeaders
{
    /// <summary>The agent id the caller claims; when sent it must equal the client certificate's identity.</summary>
    public const string AgentId = "X-A2A-Agent-ID";

    /// <summary>The request signature, <c>v1=</c> + base64 HMAC-SHA256 (see <c>docs/a2a.md</c>).</summary>
    public const string Signature = "A2A-Signature";

    /// <summary>The id of the key that made the signature.</summary>
    public const string KeyId = "A2A-Key-Id";

    /// <summary>The signing time, Unix seconds.</summary>
    public const string Timestamp = "A2A-Timestamp";

    /// <summary>A single-use random value (16–128 characters of <c>A–Z a–z 0–9 - _</c>).</summary>
    public const string Nonce = "A2A-Nonce";

    /// <summary>The capability the request uses; must match the JSON-RPC method in the body.</summary>
    public const string Capability = "A2A-Capability";
}
