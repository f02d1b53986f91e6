using AegisGate.AspNetCore.Http;

namespace AegisGate.AspNetCore.Authorization;

/// <summary>
/// Role-based access control: the endpoint's permissions (<c>.RequireAegisPermission()</c>) must all be granted by
/// the caller's roles. An endpoint without permissions uses <c>AegisGate:Http:Authorization:DefaultPermission</c>,
/// and is denied when none is configured.
/// </summary>
/// <remarks>Denies with <c>AEGIS_RBAC_DENIED</c> or <c>AEGIS_RBAC_NO_POLICY</c> (403).</remarks>
internal sealed class HttpAuthorizationCheck : ISecurityCheck
{
    public const string CheckName = "http.rbac";

    public string Name => CheckName;

    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
    {
        var state = HttpRequestState.From(context);
        if (state.Endpoint.IsPublic)
        {
            return new(SecurityDecision.Allow());
        }

        if (state.Principal is not { } principal)
        {
            // Authentication runs first; reaching here without a principal is a composition error.
            return new(SecurityDecision.Deny(HttpErrorCodes.AuthMissing, "Authentication is required."));
        }

        var permissions = state.Endpoint.Permissions;
        if (permissions.Length == 0)
        {
            if (state.Snapshot.Options.Authorization.DefaultPermission is not { } fallback)
            {
                return new(SecurityDecision.Deny(HttpErrorCodes.RbacNoPolicy, "This endpoint has no access policy; access is denied."));
            }

            return new(state.Snapshot.Roles.Grants(principal, fallback)
                ? SecurityDecision.Allow()
                : SecurityDecision.Deny(HttpErrorCodes.RbacDenied, $"The caller lacks the '{fallback}' permission."));
        }

        return new(state.Snapshot.Roles.Grants(principal, permissions, out var missing)
            ? SecurityDecision.Allow()
            : SecurityDecision.Deny(HttpErrorCodes.RbacDenied, $"The caller lacks the '{missing}' permission."));
    }
}
