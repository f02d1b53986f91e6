namespace AegisGate.AspNetCore.Health;

/// <summary>Names of AegisGate's health checks.</summary>
public static class AegisHealthChecks
{
    /// <summary>The configuration validity check.</summary>
    public const string Configuration = "aegisgate.configuration";
}
