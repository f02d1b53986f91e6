using AegisGate.A2A;
using AegisGate.A2A.Configuration;
using AegisGate.A2A.Http;
using AegisGate.Audit;
using AegisGate.Licensing;
using AegisGate.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the A2A pillar to the request pipeline.</summary>
public static class AegisA2AApplicationBuilderExtensions
{
    /// <summary>
    /// Guards every request under <see cref="AegisA2AOptions.Paths"/> with
    /// <c>mTLS Auth → HMAC Verify → License Check → Rate Limit → Capability Check → Handler</c>. Call it before the A2A
    /// endpoints are mapped. The configuration files and the persisted capability map are loaded now: an invalid file, a
    /// persisted map that fails its integrity check, a missing <see cref="ILicenseProvider"/> or <see cref="IAuditSink"/>,
    /// or a missing <c>AddAegisA2A()</c> stops the host. Every A2A decision is audited.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The application builder, so that calls can be chained.</returns>
    /// <exception cref="InvalidOperationException">The pillar, the licence provider or the audit sink is not registered.</exception>
    /// <exception cref="AegisGate.Crypto.AegisCryptoException">The persisted capability map failed its integrity check (<c>AEGIS_CRYPTO_INTEGRITY_FAILED</c>).</exception>
    /// <exception cref="InvalidDataException">A configuration file or the persisted capability map is not valid.</exception>
    public static IApplicationBuilder UseAegisA2A(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.ApplicationServices;
        if (services.GetService<AegisA2AServiceCollectionExtensions.A2AMarker>() is null)
        {
            throw new InvalidOperationException("UseAegisA2A() needs services.AddAegisGate().AddAegisA2A().");
        }

        var options = services.GetRequiredService<IOptions<AegisA2AOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("AegisGate.A2A");
        if (!options.Enabled)
        {
            logger.A2ADisabled();
            var paths = options.Paths.Select(static p => new PathString(p)).ToArray();
            return app.Use(next => context =>
            {
                if (!A2AMiddleware.IsA2APath(context.Request.Path, paths))
                {
                    return next(context);
                }

                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        }

        if (services.GetService<ILicenseProvider>() is null)
        {
            throw new InvalidOperationException("The A2A pillar needs an ILicenseProvider (licence gating fails closed): register the AegisGate licence services before UseAegisA2A().");
        }

        if (services.GetService<IAuditSink>() is null)
        {
            throw new InvalidOperationException("The A2A pillar audits every request and admin change (fail closed): AddAegisGate() registers the JSONL audit sink; a host that removed it must register another IAuditSink.");
        }

        _ = services.GetRequiredService<AuditTrail>();
        _ = services.GetRequiredService<A2ARuntime>();
        _ = services.GetRequiredService<SecurityPipelineProvider>().GetPipeline(AegisA2ADefaults.PipelineName);
        return app.UseMiddleware<A2AMiddleware>();
    }

    /// <summary>
    /// Maps the capability admin API under <paramref name="prefix"/>: <c>GET /capabilities</c>,
    /// <c>PUT /agents/{agentId}</c> (body <c>{"capabilities": [...]}</c>), <c>DELETE /agents/{agentId}</c> and
    /// <c>POST /agents/{agentId}/reset</c>. The routes require the HTTP pillar's permission
    /// <see cref="AegisA2ADefaults.AdminPermission"/> (<c>manage</c>; of the built-in roles only <c>admin</c> has it), so
    /// <c>UseAegisHttp()</c> must be in front of them: a request that reaches them without it is denied
    /// (<c>AEGIS_RBAC_NO_POLICY</c>). Every change is audited before it is persisted (atomically, encrypted at rest when
    /// configured); a change that cannot be audited is refused.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="prefix">The route prefix.</param>
    /// <returns>The route group.</returns>
    /// <exception cref="InvalidOperationException">The HTTP pillar (<c>AddAegisHttp()</c>) is not registered.</exception>
    public static RouteGroupBuilder MapAegisA2AAdmin(this IEndpointRouteBuilder endpoints, string prefix = AegisA2ADefaults.AdminPrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return A2AAdminEndpoints.Map(endpoints, prefix);
    }
}
