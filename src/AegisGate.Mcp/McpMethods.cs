namespace AegisGate.Mcp;

/// <summary>Well-known MCP method names (both protocol generations).</summary>
public static class McpMethods
{
    /// <summary><c>initialize</c> (legacy handshake).</summary>
    public const string Initialize = "initialize";

    /// <summary><c>server/discover</c> (2026-07-28).</summary>
    public const string ServerDiscover = "server/discover";

    /// <summary><c>tools/list</c>.</summary>
    public const string ToolsList = "tools/list";

    /// <summary><c>tools/call</c>.</summary>
    public const string ToolsCall = "tools/call";

    /// <summary><c>resources/read</c>.</summary>
    public const string ResourcesRead = "resources/read";

    /// <summary><c>resources/subscribe</c>.</summary>
    public const string ResourcesSubscribe = "resources/subscribe";

    /// <summary><c>prompts/get</c>.</summary>
    public const string PromptsGet = "prompts/get";

    /// <summary>The methods a client may send by default.</summary>
    public static IReadOnlyList<string> DefaultAllowed { get; } =
    [
        Initialize, "notifications/initialized", "ping", ServerDiscover,
        ToolsList, ToolsCall,
        "resources/list", "resources/templates/list", ResourcesRead, ResourcesSubscribe, "resources/unsubscribe",
        "prompts/list", PromptsGet,
        "completion/complete", "logging/setLevel", "subscriptions/listen",
        "notifications/cancelled", "notifications/progress", "notifications/roots/list_changed",
    ];
}
