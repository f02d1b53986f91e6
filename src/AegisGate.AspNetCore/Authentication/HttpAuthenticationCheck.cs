using System.Security.Claims;
using AegisGate.AspNetCore.Http;
using AegisGate.Authentication;
using Microsoft.AspNetCore.Authentication;

namespace AegisGate.AspNetCore.Authentication;

/// <summary>
/// Authenticates the caller: the <c>X-API-Key</c> scheme first, then each accepted scheme (JWT bearer, certificate,
/// ...). A presented but invalid key is denied even if another scheme would succeed. Public endpoints pass.
/// </summary>
/// <remarks>Denies with <c>AEGIS_AUTH_MISSING</c>, <c>AEGIS_AUTH_INVALID</c> or <c>AEGIS_AUTH_EXPIRED</c> (403).</remarks>
internal sealed class HttpAuthenticationCheck : ISecurityCheck
{
    public const string CheckName = "http.authentication";

    public string Name => CheckName;

    public async ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
    {
        var state = HttpRequestState.From(context);
        if (state.Endpoint.IsPublic)
        {
            return SecurityDecision.Allow();
        }

        var http = state.HttpContext;
        var apiKey = await http.AuthenticateAsync(AegisApiKeyDefaults.AuthenticationScheme).ConfigureAwait(false);
        ClaimsPrincipal? principal = null;
        if (apiKey.Succeeded)
        {
            principal = apiKey.Principal;
        }
        else
        {
            var status = http.Features.Get<AegisApiKeyResultFeature>()?.Status ?? (apiKey.Failure is null ? ApiKeyStatus.Missing : ApiKeyStatus.Unknown);
            if (status == ApiKeyStatus.Expired)
            {
                return SecurityDecision.Deny(HttpErrorCodes.AuthExpired, "The API key has expired.");
            }

            if (status != ApiKeyStatus.Missing || apiKey.Failure is not null)
            {
                return SecurityDecision.Deny(HttpErrorCodes.AuthInvalid, "The API key is not valid.");
            }

            var failed = false;
            foreach (var scheme in state.Snapshot.AcceptedSchemes)
            {
                var result = await http.AuthenticateAsync(scheme).ConfigureAwait(false);
                if (result.Succeeded && result.Principal.Identity is { IsAuthenticated: true })
                {
                    principal = result.Principal;
                    break;
                }

                failed |= result.Failure is not null;
            }

            if (principal is null)
            {
                return failed
                    ? SecurityDecision.Deny(HttpErrorCodes.AuthInvalid, "The presented credentials are not valid.")
                    : SecurityDecision.Deny(HttpErrorCodes.AuthMissing, "Authentication is required: send an X-API-Key header.");
            }
        }

        var id = PrincipalIdOf(principal);
        if (id is null)
        {
            return SecurityDecision.Deny(HttpErrorCodes.AuthInvalid, "The authenticated principal has no identifier.");
        }

        state.Principal = principal;
        state.PrincipalId = id;
        context.Principal = principal;
        http.User = principal;
        return SecurityDecision.Allow();
    }

    internal static string? PrincipalIdOf(ClaimsPrincipal principal)
    {
        var identity = principal.Identity;
        if (identity is { IsAuthenticated: true, Name: { Length: > 0 } name })
        {
            return name;
        }

        var claim = principal.FindFirst("sub") ?? principal.FindFirst(ClaimTypes.NameIdentifier);
        return claim is { Value.Length: > 0 } ? claim.Value : null;
    }
}
