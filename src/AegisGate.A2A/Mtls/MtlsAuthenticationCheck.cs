using System.Security.Claims;
using AegisGate.A2A.Configuration;
using AegisGate.A2A.Http;
using Microsoft.Extensions.Logging;

namespace AegisGate.A2A.Mtls;

/// <summary>
/// Step 1, mTLS Auth: the client certificate must chain to a configured CA (revocation as configured) and carry an
/// agent identity; <c>X-A2A-Agent-ID</c>, when sent, must equal it.
/// </summary>
/// <remarks>Denies with <see cref="A2AErrorCodes.AuthFailed"/> or <see cref="A2AErrorCodes.AuthIdentityMismatch"/>.</remarks>
internal sealed class MtlsAuthenticationCheck(A2ARuntime runtime, TimeProvider timeProvider, ILogger<MtlsAuthenticationCheck> logger) : ISecurityCheck
{
    public const string CheckName = "a2a.mtls";
    public const string AuthenticationType = "A2A-mTLS";

    private static readonly SecurityDecision NoCertificate = SecurityDecision.Deny(A2AErrorCodes.AuthFailed, "A client certificate issued by a trusted agent CA is required.");
    private static readonly SecurityDecision Untrusted = SecurityDecision.Deny(A2AErrorCodes.AuthFailed, "The client certificate is not valid for A2A: untrusted issuer, expired, revoked or without an agent identity.");
    private static readonly SecurityDecision Mismatch = SecurityDecision.Deny(A2AErrorCodes.AuthIdentityMismatch, "X-A2A-Agent-ID does not match the identity in the client certificate.");

    public string Name => CheckName;

    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
    {
        var request = A2ARequestData.From(context);
        if (request is null)
        {
            return new(A2ADecisions.MissingRequest);
        }

        if (request.ClientCertificate is not { } certificate)
        {
            return new(NoCertificate);
        }

        var failure = ClientCertificateValidator.Validate(certificate, runtime.Config, timeProvider.GetUtcNow(), out var agentId);
        if (failure is not null)
        {
            logger.A2ACertificateRejected(failure);
            return new(Untrusted);
        }

        var claimed = request.AgentIdHeader;
        if (claimed.Count > 1 || (claimed.Count == 1 && !string.Equals(claimed[0], agentId, StringComparison.Ordinal)))
        {
            return new(Mismatch);
        }

        request.AgentId = agentId;
        context.Principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, agentId)], AuthenticationType, ClaimTypes.Name, ClaimTypes.Role));
        return new(SecurityDecision.Allow());
    }
}
