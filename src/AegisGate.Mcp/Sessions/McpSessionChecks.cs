namespace AegisGate.Mcp.Sessions;

/// <summary>Every MCP request needs an authenticated principal (API key, bearer token, client certificate, or the configured local principal on stdio).</summary>
internal sealed class McpAuthenticationCheck : ISecurityCheck
{
    public string Name => "mcp.authentication";

    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
        => new(context.PrincipalId is { Length: > 0 }
            ? SecurityDecision.Allow()
            : SecurityDecision.Deny(McpErrorCodes.Unauthenticated, "Authentication is required: present an API key, a bearer token or a client certificate.", 401));
}

/// <summary>
/// Session binding: a presented <c>Mcp-Session-Id</c> must be one AegisGate tracks and must belong to the caller;
/// an <c>initialize</c> without a session reserves a slot within the per-principal limit (committed by the middleware
/// when the server issues the id).
/// </summary>
internal sealed class McpSessionCheck(McpSessionRegistry? registry) : ISecurityCheck
{
    internal const string ReservationKey = "mcp.session.reservation";

    public string Name => "mcp.session";

    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
    {
        if (registry is null)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.SessionUnknown, "Session tracking is unavailable; the request is denied.", 503));
        }

        var principal = context.PrincipalId;
        if (context.GetSessionId() is { } sessionId)
        {
            return new(registry.Lookup(sessionId, principal) switch
            {
                McpSessionLookup.Owned => SecurityDecision.Allow(),
                McpSessionLookup.OtherPrincipal => SecurityDecision.Deny(McpErrorCodes.SessionPrincipalMismatch, "The session belongs to another principal.", 403),
                _ => SecurityDecision.Deny(McpErrorCodes.SessionUnknown, "The session does not exist or has ended; initialize a new one.", 404),
            });
        }

        if (context.GetMessage() is { Method: McpMethods.Initialize } && principal is not null)
        {
            var reservation = registry.TryReserve(principal);
            if (reservation is null)
            {
                return new(SecurityDecision.Deny(McpErrorCodes.SessionLimitExceeded, "The principal holds the maximum number of sessions; end one first.", 429));
            }

            context.SetAttribute(ReservationKey, reservation);
        }

        return new(SecurityDecision.Allow());
    }
}
