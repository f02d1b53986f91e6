namespace AegisGate.Mcp;

/// <summary>
/// The named <see cref="Pipeline.SecurityPipeline"/>s of the MCP pillar. Every guardrail is a check in one of them, so
/// a null, throwing or slow guardrail is a denial (<c>AEGIS_CHECK_NULL</c>, <c>AEGIS_CHECK_FAULTED</c>,
/// <c>AEGIS_CHECK_TIMEOUT</c>). Add your own checks with <c>AddAegisGate().AddPipeline(McpPipelines.Message, ...)</c>.
/// </summary>
public static class McpPipelines
{
    /// <summary>HTTP transport checks of <c>UseAegisMcp()</c>: origin, envelope (size, depth, batch, headers), authentication, session binding.</summary>
    public const string Transport = "mcp.http";

    /// <summary>Message checks of both entry points: method and version allowlists, tool authorization, pinning, input validation, rate limits, budgets.</summary>
    public const string Message = "mcp";

    /// <summary>Output checks: tool-list filtering (visibility, pinning, poisoning) and content filtering (redaction, injection, control sequences).</summary>
    public const string Output = "mcp.output";

    /// <summary>The audit record of every tool execution.</summary>
    public const string Audit = "mcp.audit";

    /// <summary>The stdio launcher's command validation.</summary>
    public const string Stdio = "mcp.stdio";
}
