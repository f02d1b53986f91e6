using System.Text.Json;
using AegisGate.AspNetCore.Health;
using AegisGate.AspNetCore.Http;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps AegisGate's health endpoint.</summary>
public static class AegisHealthEndpointExtensions
{
    /// <summary>
    /// Maps a health endpoint (no API key) that reports liveness and the state of every registered health check,
    /// including AegisGate's configuration validity, the licence (<c>"license": "none" | "valid" | "invalid"</c>) and
    /// the audit trail (<c>"audit": "ok" | "disabled" | "unavailable"</c>).
    /// Unhealthy answers 503.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="pattern">The route pattern.</param>
    /// <returns>The endpoint convention builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> is <see langword="null"/>.</exception>
    public static IEndpointConventionBuilder MapAegisHealth(this IEndpointRouteBuilder endpoints, string pattern = "/healthz")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapHealthChecks(pattern, new HealthCheckOptions
        {
            ResponseWriter = WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).WithMetadata(new AegisPublicEndpointAttribute("health"));
    }

    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("status", report.Status.ToString());
        writer.WriteString("configuration", report.Entries.TryGetValue(AegisHealthChecks.Configuration, out var config) && config.Status == HealthStatus.Healthy ? "valid" : "degraded");
        if (report.Entries.TryGetValue(AegisHealthChecks.License, out var license))
        {
            writer.WriteString("license", license.Data.TryGetValue(AegisLicenseHealthCheck.StatusKey, out var status) && status is string text ? text : "invalid");
        }

        if (report.Entries.TryGetValue(AegisHealthChecks.Audit, out var audit))
        {
            writer.WriteString("audit", audit.Data.TryGetValue(AegisAuditHealthCheck.StatusKey, out var auditStatus) && auditStatus is string auditText ? auditText : "unavailable");
        }

        writer.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            writer.WriteStartObject(name);
            writer.WriteString("status", entry.Status.ToString());
            if (entry.Description is not null)
            {
                writer.WriteString("description", entry.Description);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
