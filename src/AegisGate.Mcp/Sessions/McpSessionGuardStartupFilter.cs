using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelContextProtocol.AspNetCore;

namespace AegisGate.Mcp.Sessions;

/// <summary>The path prefixes <c>UseAegisMcp()</c> guards (each call adds its <see cref="Http.AegisMcpEndpointOptions.Path"/>).</summary>
internal sealed class McpGuardedPaths
{
    private readonly ConcurrentQueue<PathString> _paths = new();

    public void Add(string path) => _paths.Enqueue(new PathString(path.Length > 1 ? path.TrimEnd('/') : path));

    public bool Covers(PathString path) => _paths.Any(guarded => path.StartsWithSegments(guarded, StringComparison.OrdinalIgnoreCase));

    public IReadOnlyCollection<PathString> Paths => [.. _paths];
}

/// <summary>
/// Refuses to start a host where <c>AddAegisGuardrails()</c> guards an SDK Streamable HTTP endpoint that serves
/// stateful sessions without <c>UseAegisMcp()</c> in front of it. The SDK creates a session (transport, server, run
/// loop, an idle slot counted against <c>HttpServerTransportOptions.MaxIdleSessionCount</c>) before any hook can
/// refuse the request with a response: <c>ConfigureSessionOptions</c> and <c>RunSessionHandler</c> can only throw, and
/// message filters run after the session is registered. Per-principal session limits and AegisGate's session binding
/// therefore run in <c>UseAegisMcp()</c>, before the SDK sees the request; without it they would silently not apply.
/// Legacy SSE (<c>EnableLegacySse</c>) is refused for the same reason: its session id travels in the query string,
/// where <c>UseAegisMcp()</c> does not track it.
/// </summary>
internal sealed class McpSessionGuardStartupFilter : IStartupFilter
{
    private const string StreamableHttpDisplayName = "MCP Streamable HTTP";
    private const string LegacySseDisplayName = "MCP HTTP with SSE";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        next(app);
        Verify(app.ApplicationServices);
    };

    /// <summary>Throws when an MCP endpoint would serve sessions AegisGate cannot limit or bind.</summary>
    /// <exception cref="InvalidOperationException">The combination leaves a gap; the message says how to close it.</exception>
    internal static void Verify(IServiceProvider services)
    {
        if (services.GetService<EndpointDataSource>() is not { } endpoints)
        {
            return;
        }

        var transport = services.GetService<IOptions<HttpServerTransportOptions>>()?.Value;
        var guarded = services.GetRequiredService<McpGuardedPaths>();
        var errors = new List<string>();
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            var name = endpoint.DisplayName ?? string.Empty;
            var handler = endpoint.RequestDelegate?.Target?.GetType().Name;
            var legacy = name.StartsWith(LegacySseDisplayName, StringComparison.Ordinal) || handler == "SseHandler";
            var streamable = name.StartsWith(StreamableHttpDisplayName, StringComparison.Ordinal) || handler == "StreamableHttpHandler";
            if (!legacy && !streamable)
            {
                continue;
            }

            var pattern = LiteralPrefix(endpoint.RoutePattern.RawText);
            if (legacy)
            {
                errors.Add($"The MCP endpoint '{pattern}' serves legacy SSE sessions (HttpServerTransportOptions.EnableLegacySse = true), whose session id travels in the query string where AegisGate cannot limit or bind it. Disable EnableLegacySse.");
            }
            else if (transport is not null && transport.SessionMode != HttpServerSessionMode.Stateless && !guarded.Covers(pattern))
            {
                errors.Add($"The MCP endpoint '{pattern}' serves stateful sessions (HttpServerTransportOptions.SessionMode = {transport.SessionMode}) but is not behind app.UseAegisMcp(). "
                    + "The MCP SDK creates a session before any filter of AddAegisGuardrails() can refuse it, so per-principal session limits and AegisGate's session binding run in UseAegisMcp(). "
                    + $"Add app.UseAegisMcp(o => o.Path = \"{pattern}\") before the endpoint, or serve statelessly (SessionMode = Stateless).");
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("AegisGate MCP guardrails cannot guard this host: " + string.Join(" ", errors.Distinct(StringComparer.Ordinal)));
        }
    }

    private static PathString LiteralPrefix(string? pattern)
    {
        var text = pattern ?? "/";
        var parameter = text.IndexOf('{', StringComparison.Ordinal);
        if (parameter >= 0)
        {
            text = text[..parameter];
        }

        text = "/" + text.Trim('/');
        return new PathString(text);
    }
}
