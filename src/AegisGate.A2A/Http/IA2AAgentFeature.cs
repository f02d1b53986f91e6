namespace AegisGate.A2A.Http;

/// <summary>The authenticated A2A caller of the current request, set by <c>UseAegisA2A()</c> before the handler runs.</summary>
public interface IA2AAgentFeature
{
    /// <summary>Gets the agent id from the client certificate.</summary>
    string AgentId { get; }

    /// <summary>Gets the capability the request was authorized for.</summary>
    string Capability { get; }

    /// <summary>Gets the JSON-RPC method of the body.</summary>
    string JsonRpcMethod { get; }
}

/// <summary>The default <see cref="IA2AAgentFeature"/>.</summary>
internal sealed class A2AAgentFeature(string agentId, string capability, string jsonRpcMethod) : IA2AAgentFeature
{
    public string AgentId { get; } = agentId;

    public string Capability { get; } = capability;

    public string JsonRpcMethod { get; } = jsonRpcMethod;
}
