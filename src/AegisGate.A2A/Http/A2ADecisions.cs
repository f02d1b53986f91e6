namespace AegisGate.A2A.Http;

/// <summary>Shared denials of the A2A checks.</summary>
internal static class A2ADecisions
{
    /// <summary>A check ran without the request data the middleware provides (a wiring error): fail closed.</summary>
    public static readonly SecurityDecision MissingRequest = SecurityDecision.Deny(A2AErrorCodes.InternalError, "The A2A request could not be evaluated; it is denied.", 500);

    /// <summary>An unexpected failure in the chain.</summary>
    public static readonly SecurityDecision Internal = SecurityDecision.Deny(A2AErrorCodes.InternalError, "The A2A request could not be evaluated; it is denied.", 500);
}
