namespace AegisGate.Mcp.Sdk;

/// <summary>
/// Metadata on an <c>McpServerTool</c> that proxies a third-party (upstream) server's tool: its annotations are
/// untrusted and its pins are kept under the upstream's server id.
/// </summary>
/// <param name="serverId">The upstream server id.</param>
public sealed class McpUpstreamToolMetadata(string serverId)
{
    /// <summary>Gets the upstream server id.</summary>
    public string ServerId { get; } = serverId;
}
