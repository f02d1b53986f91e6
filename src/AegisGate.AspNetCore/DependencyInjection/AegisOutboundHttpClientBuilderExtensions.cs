using AegisGate.AspNetCore.Http;
using AegisGate.AspNetCore.Scanning;
using AegisGate.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds outbound content scanning to <c>IHttpClientFactory</c> clients.</summary>
public static class AegisOutboundHttpClientBuilderExtensions
{
    /// <summary>
    /// Scans what this client sends and receives with the detection engine, through the <c>http.outbound</c> pipeline:
    /// a block throws <see cref="AegisGate.AegisDeniedException"/> (code <c>AEGIS_OUTBOUND_BLOCKED</c>), redaction
    /// replaces the content, server-sent events are scanned event by event. Needs <c>AddAegisGate().AddAegisHttp()</c>.
    /// </summary>
    /// <param name="builder">The HTTP client builder.</param>
    /// <param name="configure">Configures this client's scanning.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IHttpClientBuilder AddAegisOutboundScanning(this IHttpClientBuilder builder, Action<AegisOutboundScanOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<AegisOutboundScanOptions>(builder.Name).ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (!services.Any(static d => d.ServiceType == typeof(OutboundMarker)))
        {
            services.AddSingleton<OutboundMarker>();
            services.AddSingleton(new SecurityPipelineRegistration(AegisHttpPipelines.Outbound, static (pipeline, sp) =>
                pipeline.AddCheck(new ContentScanCheck(sp.GetRequiredService<AegisHttpRuntime>(), "http.outbound-content"))));
        }

        var name = builder.Name;
        return builder.AddHttpMessageHandler(sp => new AegisOutboundScanningHandler(
            (sp.GetService<AegisHttpRuntime>() is null ? throw new InvalidOperationException("AddAegisOutboundScanning() needs builder.Services.AddAegisGate().AddAegisHttp().") : sp.GetRequiredService<SecurityPipelineProvider>()).GetPipeline(AegisHttpPipelines.Outbound),
            sp.GetRequiredService<IOptionsMonitor<AegisOutboundScanOptions>>().Get(name),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<AegisOutboundScanningHandler>()));
    }

    private sealed class OutboundMarker;
}
