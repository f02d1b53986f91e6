namespace AegisGate.AspNetCore.Health;

/// <summary>Names of AegisGate's health checks.</summary>
public static class AegisHealthChecks
{
    /// <summary>The configuration validity check.</summary>
    public const string Configuration = "aegisgate.configuration";

    /// <summary>The installation licence check (an invalid licence is reported; see <c>AegisGate:License:UnhealthyWhenInvalid</c>).</summary>
    public const string License = "aegisgate.license";

    /// <summary>
    /// The audit trail check: Unhealthy (503) when audit is enabled and fail-closed but the trail cannot be written
    /// (requests that need a record are then denied with <c>AEGIS_AUDIT_UNAVAILABLE</c>).
    /// </summary>
    public const string Audit = "aegisgate.audit";
}
