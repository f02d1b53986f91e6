namespace AegisGate.A2A;

/// <summary>Names used by the A2A pillar.</summary>
public static class AegisA2ADefaults
{
    /// <summary>The name of the A2A security pipeline (<c>mTLS → HMAC → licence → rate limit → capability</c>).</summary>
    public const string PipelineName = AegisPillars.A2A;

    /// <summary>The authorization policy of the capability admin API: an <c>AegisApiKey</c> principal with role <see cref="AdminRole"/>.</summary>
    public const string AdminPolicy = "AegisGate.A2A.Admin";

    /// <summary>The role the admin API requires.</summary>
    public const string AdminRole = "admin";

    /// <summary>The default route prefix of the admin API.</summary>
    public const string AdminPrefix = "/api/v1/admin/a2a";

    /// <summary>The name of the A2A health check.</summary>
    public const string HealthCheckName = "aegisgate.a2a";
}
