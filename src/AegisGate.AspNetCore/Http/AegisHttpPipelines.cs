namespace AegisGate.AspNetCore.Http;

/// <summary>
/// The names of the HTTP pillar's security pipelines. Add your own checks to them with
/// <c>AddAegisGate().AddCheck&lt;T&gt;(name)</c>; they run after the built-in checks of the same pipeline.
/// </summary>
public static class AegisHttpPipelines
{
    /// <summary>Access: licence, authentication, RBAC, rate limit. Runs before the body is read; the principal is known to later checks.</summary>
    public const string Access = AegisPillars.Http;

    /// <summary>Request content: query string, configured headers and the decoded body (<see cref="SecurityContext.Payload"/>).</summary>
    public const string RequestContent = "http.request-content";

    /// <summary>Response content: buffered responses and server-sent event windows.</summary>
    public const string ResponseContent = "http.response-content";

    /// <summary>Outbound calls made through <c>AddAegisOutboundScanning()</c>.</summary>
    public const string Outbound = "http.outbound";
}
