namespace AegisGate.AspNetCore.Http;

/// <summary>
/// Marks an endpoint that AegisGate deliberately serves without authentication (such as <c>/healthz</c>). The opt-out
/// is explicit, carries a reason, and is audited by the pillars; endpoints without it follow the default policy.
/// </summary>
/// <param name="reason">Why the endpoint is public.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class AegisPublicEndpointAttribute(string reason) : Attribute
{
    /// <summary>Gets why the endpoint is public.</summary>
    public string Reason { get; } = reason;
}
