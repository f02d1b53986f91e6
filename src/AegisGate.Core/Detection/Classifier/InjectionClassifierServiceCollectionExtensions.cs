using AegisGate.Detection;
using AegisGate.Detection.Classifier;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the prompt-injection classifier.</summary>
public static class InjectionClassifierServiceCollectionExtensions
{
    /// <summary>
    /// Adds the prompt-injection classifier: the <see cref="IInjectionModel"/> (the model embedded in AegisGate.Core,
    /// or <see cref="InjectionClassifierOptions.ModelPath"/>, unless an <see cref="IInjectionModel"/> is already
    /// registered) and the <see cref="InjectionClassifier"/>. The model is loaded when the host starts; a missing or
    /// invalid model stops the host. Repeated calls do nothing more.
    /// </summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAegisInjectionClassifier(this IAegisBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(static d => d.ServiceType == typeof(InjectionClassifierMarker)))
        {
            return builder;
        }

        services.AddSingleton<InjectionClassifierMarker>();
        services.AddOptionsWithValidateOnStart<InjectionClassifierOptions, InjectionClassifierOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IInjectionModel>(static sp =>
        {
            var path = sp.GetRequiredService<IOptions<InjectionClassifierOptions>>().Value.ModelPath;
            return path is null ? HashedLinearInjectionModel.LoadEmbedded() : HashedLinearInjectionModel.Load(path);
        });
        services.TryAddSingleton<InjectionClassifier>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, InjectionModelStartupValidator>());
        return builder;
    }

    /// <summary>Adds the prompt-injection classifier and configures its options.</summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAegisInjectionClassifier(this IAegisBuilder builder, Action<InjectionClassifierOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        _ = builder.AddAegisInjectionClassifier();
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Adds the prompt-injection classifier and binds its options from a configuration section (usually <c>AegisGate:Detection:Classifier</c>).</summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAegisInjectionClassifier(this IAegisBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        _ = builder.AddAegisInjectionClassifier();
        builder.Services.Configure<InjectionClassifierOptions>(section);
        return builder;
    }

    /// <summary>
    /// Replaces the built-in model with your own (for example an ONNX classifier); call before or instead of relying on
    /// the embedded model. The instance must be thread-safe.
    /// </summary>
    /// <typeparam name="TModel">The model type, resolved once as a singleton.</typeparam>
    /// <param name="builder">The AegisGate builder.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    public static IAegisBuilder UseInjectionModel<TModel>(this IAegisBuilder builder)
        where TModel : class, IInjectionModel
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.RemoveAll<IInjectionModel>();
        builder.Services.AddSingleton<IInjectionModel, TModel>();
        return builder.AddAegisInjectionClassifier();
    }

    private sealed class InjectionClassifierMarker;
}
