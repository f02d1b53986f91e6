using System.Text.Json;
using AegisGate.A2A.Capabilities;
using AegisGate.A2A.Configuration;
using AegisGate.AspNetCore.Http;
using AegisGate.Audit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AegisGate.A2A.Http;

/// <summary>The capability admin API.</summary>
internal static class A2AAdminEndpoints
{
    private const int MaxBodyBytes = 64 * 1024;

    public static RouteGroupBuilder Map(IEndpointRouteBuilder endpoints, string prefix)
    {
        var group = endpoints.MapGroup(prefix).RequireAuthorization(AegisA2ADefaults.AdminPolicy);
        group.MapGet("/capabilities", static (A2ARuntime runtime) => Results.Json(CapabilityMapView.ToJson(runtime.Capabilities.Current)));
        group.MapPut("/agents/{agentId}", static async (string agentId, HttpContext http, A2ARuntime runtime) =>
        {
            var body = await ReadRequestAsync(http).ConfigureAwait(false);
            if (body?.Capabilities is not { } capabilities)
            {
                await WriteAsync(http, SecurityDecision.Deny(AegisErrorCodes.ConfigurationInvalid, "The body must be JSON {\"capabilities\": [\"send_message\", ...]}.", 400)).ConfigureAwait(false);
                return;
            }

            var result = await runtime.Capabilities.SetAgentAsync(agentId, capabilities, Actor(http), Audit(http), http.TraceIdentifier, http.RequestAborted).ConfigureAwait(false);
            await RespondAsync(http, runtime, agentId, result).ConfigureAwait(false);
        });
        group.MapDelete("/agents/{agentId}", static async (string agentId, HttpContext http, A2ARuntime runtime) =>
        {
            var result = await runtime.Capabilities.RemoveAgentAsync(agentId, Actor(http), Audit(http), http.TraceIdentifier, http.RequestAborted).ConfigureAwait(false);
            await RespondAsync(http, runtime, agentId, result).ConfigureAwait(false);
        });
        group.MapPost("/agents/{agentId}/reset", static async (string agentId, HttpContext http, A2ARuntime runtime) =>
        {
            var result = await runtime.Capabilities.ResetAgentAsync(agentId, Actor(http), Audit(http), http.TraceIdentifier, http.RequestAborted).ConfigureAwait(false);
            await RespondAsync(http, runtime, agentId, result).ConfigureAwait(false);
        });
        return group;
    }

    private static string Actor(HttpContext http) => http.User.Identity?.Name ?? "unknown";

    private static AuditTrail? Audit(HttpContext http)
        => http.RequestServices.GetService<IAuditSink>() is null ? null : http.RequestServices.GetService<AuditTrail>();

    private static async Task<CapabilityGrantRequest?> ReadRequestAsync(HttpContext http)
    {
        if (http.Request.ContentLength is > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), A2AJsonContext.Default.CapabilityGrantRequest);
        }
        catch (JsonException)
        {
            return null;
        }
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
                return WriteAsync(http, SecurityDecision.Deny(AegisErrorCodes.ConfigurationInvalid, result.Error ?? "The change is not valid.", 400));
            case CapabilityChangeStatus.AuditUnavailable:
                return WriteAsync(http, result.AuditDecision.IsDenied ? result.AuditDecision : SecurityDecision.Deny(AegisErrorCodes.AuditUnavailable, "The change could not be audited; it was not applied.", 503));
            default:
                return WriteAsync(http, SecurityDecision.Deny(AegisErrorCodes.InternalError, result.Error ?? "The change could not be saved; nothing changed.", 500));
        }
    }

    private static Task WriteAsync(HttpContext http, SecurityDecision decision) => AegisProblemResults.WriteDenialAsync(http, decision, AegisPillars.A2A);
}
