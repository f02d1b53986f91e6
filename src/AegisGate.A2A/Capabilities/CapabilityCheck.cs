using AegisGate.A2A.Configuration;
using AegisGate.A2A.Http;

namespace AegisGate.A2A.Capabilities;

/// <summary>
/// Step 5, Capability Check: the agent must be in the capability map, send <c>A2A-Capability</c>, and that capability
/// must be the one of the JSON-RPC method in the body and be granted to the agent.
/// </summary>
/// <remarks>
/// Denies with <see cref="A2AErrorCodes.CapabilityUnknownAgent"/>, <see cref="A2AErrorCodes.CapabilityMissing"/> or
/// <see cref="A2AErrorCodes.CapabilityDenied"/> (not granted, not a JSON-RPC request, unknown method, or header/body
/// mismatch).
/// </remarks>
internal sealed class CapabilityCheck(A2ARuntime runtime) : ISecurityCheck
{
    public const string CheckName = "a2a.capability";

    private static readonly SecurityDecision UnknownAgent = SecurityDecision.Deny(A2AErrorCodes.CapabilityUnknownAgent, "The agent is not in the capability map.");
    private static readonly SecurityDecision Missing = SecurityDecision.Deny(A2AErrorCodes.CapabilityMissing, "The A2A-Capability header is required.");
    private static readonly SecurityDecision NotJsonRpc = SecurityDecision.Deny(A2AErrorCodes.CapabilityDenied, "The body is not a single JSON-RPC 2.0 request with a method.");
    private static readonly SecurityDecision UnknownMethod = SecurityDecision.Deny(A2AErrorCodes.CapabilityDenied, "The JSON-RPC method is not an A2A method this server authorizes.");
    private static readonly SecurityDecision HeaderBodyMismatch = SecurityDecision.Deny(A2AErrorCodes.CapabilityDenied, "A2A-Capability does not match the JSON-RPC method in the body.");
    private static readonly SecurityDecision NotGranted = SecurityDecision.Deny(A2AErrorCodes.CapabilityDenied, "The capability is not granted to this agent.");

    public string Name => CheckName;

    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
        => new(Evaluate(context));

    private SecurityDecision Evaluate(SecurityContext context)
    {
        var request = A2ARequestData.From(context);
        if (request?.AgentId is not { } agentId)
        {
            return A2ADecisions.MissingRequest;
        }

        if (!runtime.Capabilities.Current.Agents.TryGetValue(agentId, out var grant))
        {
            return UnknownAgent;
        }

        if (request.CapabilityHeader.Count == 0 || string.IsNullOrEmpty(request.CapabilityHeader[0]))
        {
            return Missing;
        }

        if (request.Capability is not { } capability)
        {
            return HeaderBodyMismatch;
        }

        if (!JsonRpcMethodReader.TryRead(context.Payload.Span, out var method))
        {
            return NotJsonRpc;
        }

        if (!A2ACapabilities.MethodToCapability.TryGetValue(method, out var expected))
        {
            return UnknownMethod;
        }

        if (!string.Equals(expected, capability, StringComparison.Ordinal))
        {
            return HeaderBodyMismatch;
        }

        if (!grant.Capabilities.Contains(capability))
        {
            return NotGranted;
        }

        request.JsonRpcMethod = method;
        return SecurityDecision.Allow();
    }
}
