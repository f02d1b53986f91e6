using System.Runtime.CompilerServices;
using System.Text.Json;
using AegisGate.Mcp.Tools;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AegisGate.Mcp.Sdk;

/// <summary>
/// Resolves tools of an in-process SDK server from its tool collection: the definition is the tool's current
/// <c>ProtocolTool</c> (so a tool that changes its own definition is seen changed), annotations are trusted unless
/// the tool is an upstream proxy (<see cref="McpUpstreamToolMetadata"/>). Tools served only by a custom
/// <c>ListToolsHandler</c> are unknown and therefore denied.
/// </summary>
internal sealed class SdkToolResolver
{
    private readonly ConditionalWeakTable<Tool, McpToolDefinition> _definitions = [];

    public static string ServerIdOf(McpServer server) => server.ServerOptions.ServerInfo?.Name is { Length: > 0 } name ? name : "mcp";

    public McpServerScope ScopeFor(McpServer server)
    {
        var serverId = ServerIdOf(server);
        return new McpServerScope(serverId, name => Resolve(server, serverId, name));
    }

    private McpToolDefinition? Resolve(McpServer server, string serverId, string name)
    {
        if (server.ServerOptions.ToolCollection is not { } tools || !tools.TryGetPrimitive(name, out var tool) || tool is null)
        {
            return null;
        }

        var protocol = tool.ProtocolTool;
        var upstream = tool.Metadata.OfType<McpUpstreamToolMetadata>().FirstOrDefault();
        return _definitions.GetValue(protocol, p => new McpToolDefinition(
            upstream?.ServerId ?? serverId,
            JsonSerializer.SerializeToElement(p, McpJsonUtilities.DefaultOptions),
            annotationsTrusted: upstream is null));
    }
}
