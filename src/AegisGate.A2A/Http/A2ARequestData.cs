using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Primitives;

namespace AegisGate.A2A.Http;

/// <summary>
/// The A2A view of one request, carried in <see cref="SecurityContext"/> from the middleware to the checks, and the
/// state the checks establish for the ones after them (agent id, capability, JSON-RPC method).
/// </summary>
internal sealed class A2ARequestData
{
    public const string AttributeKey = "aegisgate.a2a.request";

    public X509Certificate2? ClientCertificate { get; init; }

    public required string HttpMethod { get; init; }

    public required string PathAndQuery { get; init; }

    public StringValues AgentIdHeader { get; init; }

    public StringValues SignatureHeader { get; init; }

    public StringValues TimestampHeader { get; init; }

    public StringValues NonceHeader { get; init; }

    public StringValues KeyIdHeader { get; init; }

    public StringValues CapabilityHeader { get; init; }

    /// <summary>Gets a value indicating whether the body was larger than the limit (then <see cref="SecurityContext.Payload"/> is empty).</summary>
    public bool BodyTooLarge { get; init; }

    /// <summary>Gets or sets the agent id established by the mTLS check.</summary>
    public string? AgentId { get; set; }

    /// <summary>Gets or sets the JSON-RPC method established by the capability check.</summary>
    public string? JsonRpcMethod { get; set; }

    /// <summary>Gets the single capability header value, or <see langword="null"/> when absent or repeated.</summary>
    public string? Capability => CapabilityHeader.Count == 1 ? CapabilityHeader[0] : null;

    public static A2ARequestData? From(SecurityContext context)
        => context.TryGetAttribute<A2ARequestData>(AttributeKey, out var data) ? data : null;
}
