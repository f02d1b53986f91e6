using AegisGate.Mcp;
using AegisGate.Mcp.Resources;
using AegisGate.Mcp.Sdk;
using AegisGate.Mcp.Sessions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol.AspNetCore;
using ModelContextProtocol.Server;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds AegisGate's guardrails to an official C# SDK MCP server.</summary>
public static class AegisMcpServerBuilderExtensions
{
    /// <summary>
    /// Guards this MCP server with AegisGate's MCP pipelines through SDK filters (incoming and outgoing message
    /// filters; <c>tools/call</c>, <c>tools/list</c>, <c>resources/read</c> and <c>prompts/get</c> request filters), on
    /// every transport. On Streamable HTTP it also ends AegisGate's session tracking when the SDK ends a session (DELETE,
    /// idle timeout, crash). Calls <c>AddAegisGate().AddAegisMcp()</c>. Idempotent.
    /// </summary>
    /// <remarks>
    /// An SDK Streamable HTTP endpoint (<c>MapMcp()</c>) that serves stateful sessions must be behind
    /// <c>app.UseAegisMcp()</c>: the SDK creates a session before any filter can refuse it, so per-principal session
    /// limits and AegisGate's session binding run in the middleware. A host where such an endpoint lacks it, or that
    /// enables legacy SSE, fails to start with an <see cref="InvalidOperationException"/> naming the endpoint (fail
    /// closed, not silently weaker). Stateless endpoints and non-HTTP transports need no middleware.
    /// </remarks>
    /// <param name="builder">The MCP server builder.</param>
    /// <param name="configure">Optionally configures <see cref="AegisMcpOptions"/>.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IMcpServerBuilder AddAegisGuardrails(this IMcpServerBuilder builder, Action<AegisMcpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var aegis = services.AddAegisGate().AddAegisMcp();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (services.Any(static d => d.ServiceType == typeof(AegisMcpGuardrailsMarker)))
        {
            return builder;
        }

        services.AddSingleton<AegisMcpGuardrailsMarker>();

        // Stateful SDK HTTP endpoints need UseAegisMcp() in front (session limits and binding run before the SDK creates
        // a session); a host that lacks it does not start.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, McpSessionGuardStartupFilter>());
        services.AddOptions<McpServerOptions>().Configure<AegisMcpSdkFilters>(static (options, filters) =>
        {
            // Outermost, so nothing runs before admission; the output side sees what every other filter produced.
            options.Filters.Message.IncomingFilters.Insert(0, filters.Incoming);
            options.Filters.Message.OutgoingFilters.Add(filters.Outgoing);
            options.Filters.Request.CallToolFilters.Insert(0, filters.CallTool);
            options.Filters.Request.ListToolsFilters.Insert(0, filters.ListTools);
            options.Filters.Request.ReadResourceFilters.Insert(0, filters.ReadResource);
            options.Filters.Request.GetPromptFilters.Insert(0, filters.GetPrompt);
        });
        services.AddOptions<HttpServerTransportOptions>().PostConfigure<McpSessionRegistry, McpSessionBudgets, ILoggerFactory>(static (options, registry, budgets, loggers) =>
        {
#pragma warning disable MCPEXP002 // RunSessionHandler is experimental; it is the only hook that sees every session end.
            var inner = options.RunSessionHandler;
            var logger = loggers.CreateLogger(typeof(AegisMcpServerBuilderExtensions).FullName!);
            options.RunSessionHandler = async (http, server, cancellationToken) =>
            {
                try
                {
                    if (inner is not null)
                    {
                        await inner(http, server, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await server.RunAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
                finally
                {
                    if (server.SessionId is { } id && registry.Remove(id))
                    {
                        budgets.Remove("s:" + id);
                        McpLog.SessionEnded(logger, "server", registry.Count);
                    }
                }
            };
#pragma warning restore MCPEXP002
        });
        _ = aegis;
        return builder;
    }
}

/// <summary>Marks that the SDK guardrails are registered (so <c>UseAegisMcp()</c> in Auto mode does transport checks only).</summary>
internal sealed class AegisMcpGuardrailsMarker;
