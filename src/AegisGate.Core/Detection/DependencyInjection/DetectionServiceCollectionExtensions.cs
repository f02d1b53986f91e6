using AegisGate;
using AegisGate.Configuration;
using AegisGate.Detection;
using AegisGate.Detection.Classifier;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the detection engine.</summary>
public static class DetectionServiceCollectionExtensions
{
    /// <summary>
    /// Adds the detection engine: <see cref="AegisDetectionOptions"/> (section <c>AegisGate:Detection</c> when bound,
    /// validated on start together with every rule pack and policy rule id), and one singleton registered as
    /// <see cref="IContentScanner"/>, <see cref="IContentStreamScanner"/> and <see cref="IDetectionRuleCatalog"/>. The
    /// prompt-injection classifier is part of the engine (<see cref="InjectionClassifierServiceCollectionExtensions.AddAegisInjectionClassifier(IAegisBuilder)"/>):
    /// the model embedded in AegisGate.Core, or an <see cref="IInjectionModel"/> registered in the container, is loaded
    /// when the host starts (a missing or invalid model stops the host) and combined with the lexical injection signals;
    /// only <c>AegisGate:Detection:Classifier:Enabled = false</c> turns it off. Valid reloads replace the rules and policies atomically; invalid ones are logged and the last good stays.
    /// </summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAegisDetection(this IAegisBuilder builder, Action<AegisDetectionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddAegisGate();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (services.Any(static d => d.ServiceType == typeof(DetectionMarker)))
        {
            return builder;
        }

        services.AddSingleton<DetectionMarker>();
        builder.AddAegisInjectionClassifier();
        services.AddOptionsWithValidateOnStart<AegisDetectionOptions, AegisDetectionOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AegisDetectionOptions>, AegisDetectionOptionsCustomValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AegisDetectionOptions>, DetectionRulesValidator>());
        services.TryAddSingleton<DetectionMetrics>();
        services.TryAddSingleton(static sp => CreateScanner(sp));
        services.TryAddSingleton<IContentScanner>(static sp => sp.GetRequiredService<ContentScanner>());
        services.TryAddSingleton<IContentStreamScanner>(static sp => sp.GetRequiredService<ContentScanner>());
        services.TryAddSingleton<IDetectionRuleCatalog>(static sp => sp.GetRequiredService<ContentScanner>());
        return builder;
    }

    /// <summary>Adds the detection engine and binds its options from a configuration section (usually <c>AegisGate:Detection</c>; its <c>Classifier</c> sub-section binds <see cref="InjectionClassifierOptions"/>).</summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAegisDetection(this IAegisBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(section);
        builder.AddAegisDetection();
        builder.Services.Configure<AegisDetectionOptions>(section);
        builder.Services.Configure<InjectionClassifierOptions>(section.GetSection("Classifier"));
        return builder;
    }

    /// <summary>
    /// Adds a content check to a named pipeline: it scans <see cref="SecurityContext.Payload"/> as <paramref name="source"/>
    /// content and denies Block verdicts (<c>AEGIS_CONTENT_BLOCKED</c>), over-limit content (<c>AEGIS_SCAN_LIMIT_EXCEEDED</c>)
    /// and unscannable content (<c>AEGIS_SCAN_INVALID_INPUT</c>); the scan result is left in the context attribute
    /// <c>aegisgate.detection.result</c>.
    /// </summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <param name="pipelineName">The pipeline.</param>
    /// <param name="source">Where the payload comes from.</param>
    /// <param name="policy">The named policy, or <see langword="null"/> for the default.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    public static IAegisBuilder AddDetectionCheck(this IAegisBuilder builder, string pipelineName, ContentSource source = ContentSource.User, string? policy = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(pipelineName);
        builder.AddAegisDetection();
        var options = new ScanOptions { Source = source, Policy = policy, ProduceRedacted = true };
        return builder.AddPipeline(pipelineName, (pipeline, sp) => pipeline.AddCheck(new ContentScanCheck(
            "detection:" + source.ToString().ToLowerInvariant(),
            sp.GetRequiredService<IContentScanner>(),
            options,
            sp.GetRequiredService<DetectionMetrics>(),
            sp.GetRequiredService<ILogger<ContentScanCheck>>())));
    }

    private static ContentScanner CreateScanner(IServiceProvider sp)
    {
        var holder = sp.GetRequiredService<LastGoodOptions<AegisDetectionOptions>>();
        var paths = sp.GetService<AegisPaths>();
        var classifier = sp.GetRequiredService<IOptions<InjectionClassifierOptions>>().Value.Enabled ? sp.GetRequiredService<InjectionClassifier>() : null;
        var logger = sp.GetRequiredService<ILogger<ContentScanner>>();
        var packDirectory = paths?.ConfigDirectory;
        var scanner = ContentScanner.Create(classifier, holder.Current, sp.GetRequiredService<TimeProvider>(), packDirectory);
        logger.EngineReady(scanner.Rules.Count, scanner.Rules.Count(r => r.IsCustom), classifier?.Model.Name ?? "disabled by configuration (lexical signals decide)");
        holder.Changed += options =>
        {
            try
            {
                var state = ContentScanner.BuildState(options, classifier, packDirectory);
                scanner.Replace(state);
                logger.Reloaded(state.Rules.Rules.Length);
            }
            catch (InvalidOperationException ex)
            {
                logger.ReloadRejected(ex.Message);
            }
        };
        return scanner;
    }

    private sealed class DetectionMarker;
}
