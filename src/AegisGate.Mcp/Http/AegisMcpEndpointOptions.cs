namespace AegisGate.Mcp.Http;

/// <summary>What <c>UseAegisMcp()</c> does itself.</summary>
public enum McpGuardMode
{
    /// <summary>
    /// <see cref="Transport"/> when the SDK guardrails (<c>AddAegisGuardrails()</c>) are registered, so each
    /// message is evaluated exactly once; otherwise <see cref="Full"/>.
    /// </summary>
    Auto = 0,

    /// <summary>Transport only: origin, envelope, authentication, session binding and limits. Message policy is left to the SDK filters.</summary>
    Transport = 1,

    /// <summary>Everything, for a server AegisGate fronts without SDK filters: also message policy, output filtering (JSON and SSE, frame by frame) and audit.</summary>
    Full = 2,
}

/// <summary>Options of one <c>UseAegisMcp()</c> registration.</summary>
public sealed class AegisMcpEndpointOptions
{
    /// <summary>Gets or sets the path prefix of the MCP endpoint(s) guarded by this registration.</summary>
    /// <value>The default value is <c>/mcp</c>.</value>
    public string Path { get; set; } = "/mcp";

    /// <summary>Gets or sets the mode.</summary>
    /// <value>The default value is <see cref="McpGuardMode.Auto"/>.</value>
    public McpGuardMode Mode { get; set; } = McpGuardMode.Auto;

    /// <summary>Gets or sets the server id under which a fronted server's tools are pinned and audited (<see cref="McpGuardMode.Full"/>).</summary>
    /// <value>The default value is <c>upstream</c>.</value>
    public string ServerId { get; set; } = "upstream";
}
