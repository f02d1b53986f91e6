using AegisGate.Licensing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace AegisGate.AspNetCore.Health;

/// <summary>
/// Reports the installation licence. An invalid licence (malformed, forged, expired, other product) is
/// <see cref="HealthStatus.Degraded"/> by default (community traffic keeps flowing, every licensed feature is denied
/// with <c>AEGIS_LICENSE_INVALID</c>) or <see cref="HealthStatus.Unhealthy"/> (503) with
/// <c>AegisGate:License:UnhealthyWhenInvalid</c>. A licence that expires within <c>ExpiryWarning</c> is Degraded.
/// </summary>
internal sealed class AegisLicenseHealthCheck(ILicenseProvider provider, IOptionsMonitor<AegisLicenseOptions> options, TimeProvider timeProvider) : IHealthCheck
{
    public const string StatusKey = "license";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        LicenseState state;
        try
        {
            state = provider.Current ?? throw new InvalidOperationException("The licence provider returned no state.");
        }
        catch (Exception ex)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, "The licence state could not be read; licensed features are denied.", ex, Data("invalid")));
        }

        var result = state.Status switch
        {
            LicenseStatus.None => HealthCheckResult.Healthy("No licence key is configured: the community tier applies.", Data("none")),
            LicenseStatus.Valid => Valid(state),
            _ => new HealthCheckResult(
                Settings().UnhealthyWhenInvalid ? HealthStatus.Unhealthy : HealthStatus.Degraded,
                $"The licence is invalid: {state.InvalidReason} Licensed features are denied (AEGIS_LICENSE_INVALID).",
                data: Data("invalid")),
        };
        return Task.FromResult(result);
    }

    private HealthCheckResult Valid(LicenseState state)
    {
        var remaining = state.ExpiresAt!.Value - timeProvider.GetUtcNow();
        var description = $"Licence {state.LicenseId} ({LicenseToken.TierName(state.Tier)}) is valid until {state.ExpiresAt:yyyy-MM-dd}.";
        return remaining <= Settings().ExpiryWarning
            ? HealthCheckResult.Degraded($"{description} It expires in {Math.Max(0, (int)Math.Ceiling(remaining.TotalDays))} day(s).", data: Data("valid"))
            : HealthCheckResult.Healthy(description, Data("valid"));
    }

    private AegisLicenseOptions Settings()
    {
        try
        {
            return options.CurrentValue;
        }
        catch (OptionsValidationException)
        {
            // An invalid reload: report with the defaults rather than failing the health endpoint.
            return new AegisLicenseOptions();
        }
    }

    private static Dictionary<string, object> Data(string status) => new(StringComparer.Ordinal) { [StatusKey] = status };
}
