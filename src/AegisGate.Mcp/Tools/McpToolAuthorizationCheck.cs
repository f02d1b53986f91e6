namespace AegisGate.Mcp.Tools;

/// <summary>
/// Tool authorization for <c>tools/call</c>: the tool must be known for the server (resolved from the body's
/// <c>params.name</c>) and the authorizer (the risk matrix by default) must allow the caller. No authorizer → deny.
/// </summary>
internal sealed class McpToolAuthorizationCheck(IMcpToolAuthorizer? authorizer) : ISecurityCheck
{
    public string Name => "mcp.tool-authorization";

    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
    {
        var message = context.GetMessage();
        if (message is not { IsToolCall: true })
        {
            return new(SecurityDecision.Allow());
        }

        if (authorizer is null)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.ToolAuthorizerMissing, "No tool authorizer is configured; every tool is denied."));
        }

        var tool = context.GetScope()?.ResolveTool(message.TargetName!);
        if (tool is null)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.ToolUnknown, "The tool is not known; list the tools first.", 404));
        }

        context.SetAttribute(McpContextKeys.Tool, tool);
        if (context.Principal is null)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.Unauthenticated, "Authentication is required.", 401));
        }

        return new(authorizer.Authorize(context.Principal, tool));
    }
}
