using AegisGate.AspNetCore.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the HTTP pillar's middleware.</summary>
public static class AegisHttpApplicationBuilderExtensions
{
    /// <summary>
    /// Verifies and scans every request and response: authentication (<c>X-API-Key</c> or an accepted scheme), RBAC,
    /// per-principal rate limiting, bounded and decoded request bodies scanned under the route's policy, and
    /// buffered or streamed responses scanned before they leave. Call it after routing (WebApplication routes first
    /// by default) and before the endpoints; place response compression before it.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="app"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException"><c>AddAegisHttp()</c> was not called, or an accepted authentication scheme is not registered.</exception>
    public static IApplicationBuilder UseAegisHttp(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.ApplicationServices;
        var runtime = services.GetService<AegisHttpRuntime>()
            ?? throw new InvalidOperationException("UseAegisHttp() needs its services: call builder.Services.AddAegisGate(...).AddAegisHttp() first.");
        var schemes = services.GetRequiredService<IAuthenticationSchemeProvider>();
        foreach (var scheme in runtime.Snapshot.AcceptedSchemes.Prepend(AegisGate.AspNetCore.Authentication.AegisApiKeyDefaults.AuthenticationScheme))
        {
            if (schemes.GetSchemeAsync(scheme).GetAwaiter().GetResult() is null)
            {
                throw new InvalidOperationException($"The authentication scheme '{scheme}' accepted by AegisGate:Http:Authentication:AcceptedSchemes is not registered.");
            }
        }

        return app.UseMiddleware<AegisHttpMiddleware>();
    }
}
