namespace AegisGate;

/// <summary>Well-known pillar names used in <see cref="SecurityContext.Pillar"/>, audit records and metric tags.</summary>
public static class AegisPillars
{
    /// <summary>The HTTP pillar (<c>UseAegisHttp()</c>).</summary>
    public const string Http = "http";

    /// <summary>The Model Context Protocol pillar (<c>UseAegisMcp()</c>).</summary>
    public const string Mcp = "mcp";

    /// <summary>The agent-to-agent pillar (<c>UseAegisA2A()</c>).</summary>
    public const string A2A = "a2a";

    /// <summary>Work outside a request pipeline, such as the CLI.</summary>
    public const string Core = "core";
}
