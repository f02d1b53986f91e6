using AegisGate.Mcp.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds <c>UseAegisMcp()</c> to the request pipeline.</summary>
public static class AegisMcpApplicationBuilderExtensions
{
    /// <summary>
    /// Guards the MCP endpoint(s) under a path (default <c>/mcp</c>). Place it after <c>UseAuthentication()</c> and
    /// before the endpoint (<c>MapMcp()</c> or a proxy). Needs <c>AddAegisGate().AddAegisMcp()</c> (or
    /// <c>AddMcpServer().AddAegisGuardrails()</c>).
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <param name="configure">Configures path, mode and server id.</param>
    /// <returns>The application builder.</returns>
    /// <exception cref="InvalidOperationException">The MCP pillar's services are not registered.</exception>
    public static IApplicationBuilder UseAegisMcp(this IApplicationBuilder app, Action<AegisMcpEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<AegisGate.Mcp.McpGuard>() is null)
        {
            throw new InvalidOperationException("UseAegisMcp() needs the MCP pillar's services: call services.AddAegisGate().AddAegisMcp() or services.AddMcpServer().AddAegisGuardrails().");
        }

        var endpoint = new AegisMcpEndpointOptions();
        configure?.Invoke(endpoint);
        var sdkGuarded = app.ApplicationServices.GetService<AegisMcpGuardrailsMarker>() is not null;
        app.ApplicationServices.GetService<AegisGate.Mcp.Sessions.McpGuardedPaths>()?.Add(endpoint.Path);
        app.ApplicationServices.GetService<AegisGate.Mcp.Compliance.McpGuardState>()?.Record(endpoint.Path, endpoint.Mode != McpGuardMode.Auto ? endpoint.Mode : sdkGuarded ? McpGuardMode.Transport : McpGuardMode.Full);
        return app.UseMiddleware<AegisMcpMiddleware>(endpoint, sdkGuarded);
    }
}
