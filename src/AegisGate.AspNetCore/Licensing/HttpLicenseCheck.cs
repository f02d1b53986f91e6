using AegisGate.AspNetCore.Http;
using AegisGate.Licensing;

namespace AegisGate.AspNetCore.Licensing;

/// <summary>
/// Denies every request while a configured licence key is invalid (malformed, forged, expired, other product): no
/// silent downgrade to the community tier. No licence (community tier) passes: the HTTP pillar needs none.
/// </summary>
/// <remarks>Denies with <c>AEGIS_LICENSE_INVALID</c> (403).</remarks>
internal sealed class HttpLicenseCheck(AegisHttpRuntime runtime) : ISecurityCheck
{
    public const string CheckName = "http.license";

    public string Name => CheckName;

    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
    {
        if (runtime.License is not { } provider || HttpRequestState.From(context).Endpoint.IsPublic)
        {
            // Public endpoints (such as /healthz, which reports the licence state) stay reachable.
            return new(SecurityDecision.Allow());
        }

        var state = provider.Current;
        return new(state is null
            ? SecurityDecision.Deny(AegisErrorCodes.LicenseInvalid, "The licence state is unavailable; the request is denied.")
            : state.Status == LicenseStatus.Invalid
                ? SecurityDecision.Deny(AegisErrorCodes.LicenseInvalid, "The configured AegisGate licence is not valid; the request is denied.")
                : SecurityDecision.Allow());
    }
}
