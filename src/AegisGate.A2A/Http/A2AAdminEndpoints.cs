using System.Text.Json;
using AegisGate.A2A.Capabilities;
using AegisGate.A2A.Configuration;
using AegisGate.AspNetCore;
using AegisGate.AspNetCore.Http;
using AegisGate.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AegisGate.A2A.Http;

/// <summary>
/// The capability admin API. Authorization is the HTTP pillar's RBAC: the routes require
/// <see cref="AegisA2ADefaults.AdminPermission"/>, which <c>UseAegisHttp()</c> enforces. An endpoint filter re-checks
/// that the pillar ran and that its principal holds the permission, so a host that forgot <c>UseAegisHttp()</c> (or
/// marked the routes public) serves nothing: <c>AEGIS_RBAC_NO_POLICY</c> / <c>AEGIS_RBAC_DENIED</c>.
/// </summary>
internal static class A2AAdminEndpoints
{
    private const int MaxBodyBytes = 64 * 1024;

    private static readonly SecurityDecision Unguarded = SecurityDecision.Deny(HttpErrorCodes.RbacNoPolicy, "This endpoint is served only behind the AegisGate HTTP pillar; access is denied.");
    private static readonly SecurityDecision NotPermitted = SecurityDecision.Deny(HttpErrorCodes.RbacDenied, $"The caller lacks the '{AegisA2ADefaults.AdminPermission}' permission.");
    private static readonly SecurityDecision BodyTooLarge = SecurityDecision.Deny(HttpErrorCodes.BodyTooLarge, $"The body is larger than {MaxBodyBytes} bytes.", 413);
    private static readonly SecurityDecision NotJson = SecurityDecision.Deny(HttpErrorCodes.JsonInvalid, "The body is not well-formed JSON.", 400);
    private static readonly SecurityDecision WrongShape = SecurityDecision.Deny(HttpErrorCodes.RequestInvalid, "The body must be JSON {\"capabilities\": [\"send_message\", ...]}.", 400);

    public static RouteGroupBuilder Map(IEndpointRouteBuilder endpoints, string prefix)
    {
        if (endpoints.ServiceProvider.GetService<AegisHttpRuntime>() is null)
        {
            throw new InvalidOperationException("MapAegisA2AAdmin() is authorized by the HTTP pillar's RBAC (permission 'manage'): call AddAegisGate().AddAegisHttp() and put UseAegisHttp() in front of the admin routes.");
        }

        var group = endpoints.MapGroup(prefix);
        group.RequireAegisPermission(AegisA2ADefaults.AdminPermission);
        group.AddEndpointFilter(static (context, next) => AuthorizeAsync(context, next));
        group.MapGet("/capabilities", static (A2ARuntime runtime) => Results.Json(CapabilityMapView.ToJson(runtime.Capabilities.Current)));
        group.MapPut("/agents/{agentId}", static async (string agentId, HttpContext http, A2ARuntime runtime, AuditTrail audit) =>
        {
            var (body, error) = await ReadRequestAsync(http).ConfigureAwait(false);
            if (error.IsDenied)
            {
                await WriteAsync(http, error).ConfigureAwait(false);
                return;
            }

            var result = await runtime.Capabilities.SetAgentAsync(agentId, body!, Actor(http), audit, http.TraceIdentifier, http.RequestAborted).ConfigureAwait(false);
            await RespondAsync(http, runtime, agentId, result).ConfigureAwait(false);
        });
        group.MapDelete("/agents/{agentId}", static async (string agentId, HttpContext http, A2ARuntime runtime, AuditTrail audit) =>
        {
            var result = await runtime.Capabilities.RemoveAgentAsync(agentId, Actor(http), audit, http.TraceIdentifier, http.RequestAborted).ConfigureAwait(false);
            await RespondAsync(http, runtime, agentId, result).ConfigureAwait(false);
        });
        group.MapPost("/agents/{agentId}/reset", static async (string agentId, HttpContext http, A2ARuntime runtime, AuditTrail audit) =>
        {
            var result = await runtime.Capabilities.ResetAgentAsync(agentId, Actor(http), audit, http.TraceIdentifier, http.RequestAborted).ConfigureAwait(false);
            await RespondAsync(http, runtime, agentId, result).ConfigureAwait(false);
        });
        return group;
    }

    /// <summary>Defence in depth: the HTTP pillar must have run for this request and its principal must hold the admin permission.</summary>
    private static async ValueTask<object?> AuthorizeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var state = http.Features.Get<HttpRequestState>();
        if (state is null)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("AegisGate.A2A").AdminApiUnguarded(AegisA2ADefaults.AdminPermission, http.Request.Path.Value ?? "-");
            await WriteAsync(http, Unguarded).ConfigureAwait(false);
            return Results.Empty;
        }

        if (state.Principal is not { } principal || !state.Snapshot.Roles.Grants(principal, AegisA2ADefaults.AdminPermission))
        {
            await WriteAsync(http, NotPermitted).ConfigureAwait(false);
            return Results.Empty;
        }

        return await next(context).ConfigureAwait(false);
    }

    private static string Actor(HttpContext http)
    {
        var state = http.Features.Get<HttpRequestState>();
        return state?.PrincipalId ?? state?.Principal?.Identity?.Name ?? "unknown";
    }

    private static async Task<(List<string>? Capabilities, SecurityDecision Error)> ReadRequestAsync(HttpContext http)
    {
        if (http.Request.ContentLength is > MaxBodyBytes)
        {
            return (null, BodyTooLarge);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return (null, BodyTooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
        }
        catch (JsonException)
        {
            return (null, NotJson);
        }

        CapabilityGrantRequest? request;
        using (document)
        {
            try
            {
                request = document.RootElement.Deserialize(A2AJsonContext.Default.CapabilityGrantRequest);
            }
            catch (JsonException)
            {
                return (null, WrongShape); // well-formed JSON of another shape
            }
        }

        return request?.Capabilities is { } capabilities && capabilities.TrueForAll(static c => c is not null)
            ? (capabilities, SecurityDecision.Allow())
            : (null, WrongShape);
    }

    private static Task RespondAsync(HttpContext http, A2ARuntime runtime, string agentId, CapabilityChangeResult result)
    {
        switch (result.Status)
        {
            case CapabilityChangeStatus.Applied:
                var map = runtime.Capabilities.Current;
                var granted = map.Agents.TryGetValue(agentId, out var grant) ? grant.Capabilities.Order(StringComparer.Ordinal).ToArray() : null;
                return Results.Json(new Dictionary<string, object?>
                {
                    ["agent"] = agentId,
                    ["known"] = granted is not null,
                    ["capabilities"] = granted,
                    ["source"] = grant is null ? null : grant.Source == GrantSource.Admin ? "admin" : "yaml",
                }).ExecuteAsync(http);
            case CapabilityChangeStatus.Invalid:
                return WriteAsync(http, SecurityDecision.Deny(HttpErrorCodes.RequestInvalid, result.Error ?? "The change is not valid.", 400));
            default:
                // AuditUnavailable (AEGIS_AUDIT_UNAVAILABLE, 503) or PersistFailed (AEGIS_INTERNAL_ERROR 500, AEGIS_SECRET_UNAVAILABLE 503):
                // the store's denial. An unset decision is itself a denial.
                return WriteAsync(http, result.Decision);
        }
    }

    private static Task WriteAsync(HttpContext http, SecurityDecision decision) => AegisProblemResults.WriteDenialAsync(http, decision, AegisPillars.A2A);
}
