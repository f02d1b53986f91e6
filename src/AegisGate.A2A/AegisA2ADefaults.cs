namespace AegisGate.A2A;

/// <summary>Names used by the A2A pillar.</summary>
public static class AegisA2ADefaults
{
    /// <summary>The name of the A2A security pipeline (<c>mTLS → HMAC → licence → rate limit → capability</c>).</summary>
    public const string PipelineName = AegisPillars.A2A;

    /// <summary>
    /// The permission the capability admin API requires from the HTTP pillar's RBAC (<c>.RequireAegisPermission</c>):
    /// <see cref="AegisGate.AspNetCore.Authorization.AegisPermissions.Manage"/>, which of the built-in roles only
    /// <c>admin</c> grants.
    /// </summary>
    public const string AdminPermission = AegisGate.AspNetCore.Authorization.AegisPermissions.Manage;

    /// <summary>The default route prefix of the admin API.</summary>
    public const string AdminPrefix = "/api/v1/admin/a2a";

    /// <summary>The name of the A2A health check.</summary>
    public const string HealthCheckName = "aegisgate.a2a";
}
