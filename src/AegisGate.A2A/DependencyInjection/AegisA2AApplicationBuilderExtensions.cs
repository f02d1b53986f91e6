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
    /// endpoints are mapped. The configuration files are loaded now: an invalid file, a missing
    /// <see cref="ILicenseProvider"/> or a missing <c>AddAegisA2A()</c> stops the host.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The application builder, so that calls can be chained.</returns>
    /// <exception cref="InvalidOperationException">The pillar is not registered or no licence provider is registered.</exception>
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

        _ = services.GetRequiredService<A2ARuntime>();
        _ = services.GetRequiredService<SecurityPipelineProvider>().GetPipeline(AegisA2ADefaults.PipelineName);
        if (services.GetService<IAuditSink>() is null)
        {
            logger.A2AAuditSinkMissing();
        }

        return app.UseMiddleware<A2AMiddleware>();
    }

    /// <summary>
    /// Maps the capability admin API under <paramref name="prefix"/>, authorized by <see cref="AegisA2ADefaults.AdminPolicy"/>
    /// (an <c>AegisApiKey</c> principal with role <c>admin</c>): <c>GET /capabilities</c>, <c>PUT /agents/{agentId}</c>
    /// (body <c>{"capabilities": [...]}</c>), <c>DELETE /agents/{agentId}</c> and <c>POST /agents/{agentId}/reset</c>.
    /// Every change is persisted atomically and audited; a change that cannot be audited is not kept.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="prefix">The route prefix.</param>
    /// <returns>The route group.</returns>
    public static RouteGroupBuilder MapAegisA2AAdmin(this IEndpointRouteBuilder endpoints, string prefix = AegisA2ADefaults.AdminPrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return A2AAdminEndpoints.Map(endpoints, prefix);
    }
}
