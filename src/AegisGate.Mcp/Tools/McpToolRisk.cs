namespace AegisGate.Mcp.Tools;

/// <summary>How much harm a tool can do. Ordered: a grant of a level allows every lower level.</summary>
public enum McpToolRisk
{
    /// <summary>Read-only, closed-world (annotation <c>readOnlyHint</c>).</summary>
    Low = 0,

    /// <summary>Writes, but not destructively, within the server's own world.</summary>
    Medium = 1,

    /// <summary>Reaches the open world (annotation <c>openWorldHint</c>), or untrusted annotations.</summary>
    High = 2,

    /// <summary>Destructive (annotation <c>destructiveHint</c>).</summary>
    Critical = 3,
}

/// <summary>A configured policy for one tool; it overrides the tool's annotations.</summary>
public sealed class McpToolPolicy
{
    /// <summary>Gets or sets the tool's risk, or <see langword="null"/> to derive it from trusted annotations.</summary>
    public McpToolRisk? Risk { get; set; }

    /// <summary>Gets the roles of which the caller needs at least one, in addition to the risk grant. Empty means no extra requirement.</summary>
    public IList<string> RequiredRoles { get; init; } = [];

    /// <summary>Gets or sets a value indicating whether the tool is denied to everyone.</summary>
    public bool Disabled { get; set; }
}
