using System.Security.Claims;
using Microsoft.Extensions.Options;

namespace AegisGate.Mcp.Tools;

/// <summary>
/// Decides whether a caller may use a tool. AegisGate asks it for every <c>tools/call</c> and for every tool of a
/// <c>tools/list</c> answer (tools the caller may not call are not shown). Return a decision; never throw for a
/// policy outcome. With no authorizer registered every tool is denied (<see cref="McpErrorCodes.ToolAuthorizerMissing"/>).
/// </summary>
public interface IMcpToolAuthorizer
{
    /// <summary>Authorizes a caller for a tool.</summary>
    /// <param name="principal">The authenticated caller (user or agent).</param>
    /// <param name="tool">The tool.</param>
    /// <returns>Allow, or a denial with an <c>MCP_*</c> code.</returns>
    SecurityDecision Authorize(ClaimsPrincipal principal, McpToolDefinition tool);
}

/// <summary>
/// The built-in authorizer: a risk matrix. A tool's risk comes from its configured policy, else from its annotations
/// when the server is trusted (destructive → Critical, open-world → High, read-only → Low, otherwise Medium, with the
/// MCP defaults destructiveHint = true and openWorldHint = true), else <see cref="McpAuthorizationOptions.UntrustedToolRisk"/>.
/// A caller's grant is the highest of its roles' and its own (agent) entries. An empty matrix denies everything.
/// </summary>
internal sealed class RiskMatrixToolAuthorizer(IOptionsMonitor<AegisMcpOptions> options) : IMcpToolAuthorizer
{
    public SecurityDecision Authorize(ClaimsPrincipal principal, McpToolDefinition tool)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(tool);
        var authorization = options.CurrentValue.Authorization;
        if (authorization.Roles.Count == 0 && authorization.Principals.Count == 0)
        {
            return SecurityDecision.Deny(McpErrorCodes.ToolAuthorizerMissing, "No tool authorization policy is configured; every tool is denied.");
        }

        authorization.Tools.TryGetValue(tool.Name, out var policy);
        if (policy is { Disabled: true })
        {
            return SecurityDecision.Deny(McpErrorCodes.ToolDenied, "The tool is disabled by policy.");
        }

        if (policy is { RequiredRoles.Count: > 0 } && !policy.RequiredRoles.Any(principal.IsInRole))
        {
            return SecurityDecision.Deny(McpErrorCodes.ToolDenied, "The caller lacks a role the tool requires.");
        }

        var risk = RiskOf(tool, policy, authorization.UntrustedToolRisk);
        var grant = GrantOf(principal, authorization);
        return grant is { } granted && risk <= granted
            ? SecurityDecision.Allow()
            : SecurityDecision.Deny(McpErrorCodes.ToolDenied, $"The caller may not use a tool of risk {risk}.");
    }

    internal static McpToolRisk RiskOf(McpToolDefinition tool, McpToolPolicy? policy, McpToolRisk untrusted)
    {
        if (policy?.Risk is { } configured)
        {
            return configured;
        }

        if (!tool.AnnotationsTrusted)
        {
            return untrusted;
        }

        var readOnly = tool.ReadOnlyHint ?? false;
        var destructive = !readOnly && (tool.DestructiveHint ?? true);
        var openWorld = tool.OpenWorldHint ?? true;
        return destructive ? McpToolRisk.Critical : openWorld ? McpToolRisk.High : readOnly ? McpToolRisk.Low : McpToolRisk.Medium;
    }

    private static McpToolRisk? GrantOf(ClaimsPrincipal principal, McpAuthorizationOptions authorization)
    {
        McpToolRisk? grant = null;
        foreach (var (role, risk) in authorization.Roles)
        {
            if (principal.IsInRole(role) && (grant is null || risk > grant))
            {
                grant = risk;
            }
        }

        if (principal.Identity?.Name is { } name && authorization.Principals.TryGetValue(name, out var own) && (grant is null || own > grant))
        {
            grant = own;
        }

        return grant;
    }
}
