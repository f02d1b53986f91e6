using AegisGate;
using AegisGate.Audit;
using AegisGate.Configuration;
using AegisGate.Detection;
using AegisGate.Mcp;
using AegisGate.Mcp.Compliance;
using AegisGate.Mcp.Filtering;
using AegisGate.Mcp.Http;
using AegisGate.Mcp.RateLimiting;
using AegisGate.Mcp.Resources;
using AegisGate.Mcp.Sdk;
using AegisGate.Mcp.Sessions;
using AegisGate.Mcp.Stdio;
using AegisGate.Mcp.SupplyChain;
using AegisGate.Mcp.Tools;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the MCP pillar's services and pipelines.</summary>
public static class AegisMcpServiceCollectionExtensions
{
    /// <summary>
    /// Adds the MCP pillar: options (section <c>AegisGate:Mcp</c>, validated on start), the session registry, rate
    /// limiter, budgets, tool pins, the risk-matrix authorizer, the stdio launcher and the pipelines
    /// <see cref="McpPipelines.Transport"/>, <see cref="McpPipelines.Message"/>, <see cref="McpPipelines.Output"/>,
    /// <see cref="McpPipelines.Audit"/> and <see cref="McpPipelines.Stdio"/>, plus the pillar's compliance evidence
    /// (<c>mcp.*</c>, used when <c>AddAegisCompliance()</c> is registered). Idempotent.
    /// </summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAegisMcp(this IAegisBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(static d => d.ServiceType == typeof(McpMarker)))
        {
            return builder;
        }

        services.AddSingleton<McpMarker>();
        services.AddOptionsWithValidateOnStart<AegisMcpOptions, AegisMcpOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AegisMcpOptions>, AegisMcpOptionsCustomValidator>());
        services.TryAddSingleton<McpSessionRegistry>();
        services.TryAddSingleton<McpGuardedPaths>();
        services.TryAddSingleton<McpRateLimiter>();
        services.TryAddSingleton<McpSessionBudgets>();
        services.TryAddSingleton<McpToolPinStore>();
        services.TryAddSingleton(static sp => new McpToolPoisoningDetector(sp.GetService<IContentScanner>()));
        services.TryAddSingleton<IMcpToolAuthorizer, RiskMatrixToolAuthorizer>();
        services.TryAddSingleton<SdkToolResolver>();
        services.TryAddSingleton<McpGuard>();
        services.TryAddSingleton<AegisMcpSdkFilters>();
        services.TryAddSingleton<AegisStdioLauncher>();
        services.TryAddSingleton<IMcpHostResolver, SystemDnsHostResolver>();
        services.TryAddSingleton(static sp => sp.GetService<IAuditSink>() is { } sink
            ? ActivatorUtilities.CreateInstance<AuditTrail>(sp, sink)
            : null!);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, McpSessionSweeper>());
        services.TryAddSingleton<McpGuardState>();
        builder.AddComplianceEvidence<McpEvidenceProvider>();

        builder.AddPipeline(McpPipelines.Transport, static (pipeline, sp) =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<AegisMcpOptions>>();
            pipeline.AddCheck(new McpOriginCheck(options));
            pipeline.AddCheck(new McpEnvelopeCheck(options));
            pipeline.AddCheck(new McpMethodCheck(options));
            pipeline.AddCheck(new McpAuthenticationCheck());
            pipeline.AddCheck(new McpSessionCheck(sp.GetService<McpSessionRegistry>()));
        });
        builder.AddPipeline(McpPipelines.Message, static (pipeline, sp) =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<AegisMcpOptions>>();
            var scanner = sp.GetService<IContentScanner>();
            pipeline.AddCheck(new McpAuthenticationCheck());
            pipeline.AddCheck(new McpMethodCheck(options));
            pipeline.AddCheck(new McpToolAuthorizationCheck(sp.GetService<IMcpToolAuthorizer>()));
            pipeline.AddCheck(new McpToolPinCheck(sp.GetService<McpToolPinStore>(), sp.GetService<McpToolPoisoningDetector>(), options));
            pipeline.AddCheck(new McpInputValidationCheck(scanner, options));
            pipeline.AddCheck(new McpRateLimitCheck(sp.GetService<McpRateLimiter>()));
            pipeline.AddCheck(new McpUriResolutionCheck(sp.GetService<IMcpHostResolver>(), options, sp.GetRequiredService<TimeProvider>()));
            pipeline.AddCheck(new McpBudgetCheck(sp.GetService<McpSessionBudgets>()));
        });
        builder.AddPipeline(McpPipelines.Output, static (pipeline, sp) =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<AegisMcpOptions>>();
            pipeline.AddCheck(new McpToolListCheck(sp.GetService<McpToolPinStore>(), sp.GetService<McpToolPoisoningDetector>(), sp.GetService<IMcpToolAuthorizer>(), options));
            pipeline.AddCheck(new McpOutputCheck(sp.GetService<IContentScanner>(), options));
        });
        builder.AddPipeline(McpPipelines.Audit, static (pipeline, sp) => pipeline.AddCheck(new McpAuditCheck(sp.GetService<AuditTrail>())));
        builder.AddPipeline(McpPipelines.Stdio, static (pipeline, sp) => pipeline.AddCheck(new StdioCommandCheck(sp.GetRequiredService<IOptionsMonitor<AegisMcpOptions>>())));
        return builder;
    }

    /// <summary>Adds the MCP pillar and configures its options.</summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <param name="configure">Configures <see cref="AegisMcpOptions"/>.</param>
    /// <returns>The builder.</returns>
    public static IAegisBuilder AddAegisMcp(this IAegisBuilder builder, Action<AegisMcpOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddAegisMcp();
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Adds the MCP pillar and binds its options from a configuration section (usually <c>AegisGate:Mcp</c>).</summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <param name="section">The section.</param>
    /// <returns>The builder.</returns>
    public static IAegisBuilder AddAegisMcp(this IAegisBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        builder.AddAegisMcp();
        builder.Services.Configure<AegisMcpOptions>(section);
        return builder;
    }

    private sealed class McpMarker;
}
