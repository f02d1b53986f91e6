using AegisGate.Crypto;
using AegisGate.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers encryption at rest: <see cref="IEnvelopeEncryptor"/> and the key ring from <see cref="AegisEncryptionOptions"/>.</summary>
public static class AegisEncryptionServiceCollectionExtensions
{
    /// <summary>
    /// Adds encryption at rest (idempotent) and the secret providers it fetches key-encryption keys from. With
    /// <c>Enabled</c> false, <see cref="IEnvelopeEncryptor.IsEnabled"/> is false and stores stay plaintext; when true,
    /// the active key is proven at start.
    /// </summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAegisEncryption(this IAegisBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(static d => d.ServiceType == typeof(EncryptionMarker)))
        {
            return builder;
        }

        builder.AddAegisSecrets();
        services.AddSingleton<EncryptionMarker>();
        services.AddOptions<AegisEncryptionOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AegisEncryptionOptions>, AegisEncryptionOptionsValidator>());
        services.TryAddSingleton(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<AegisEncryptionOptions>>().Value;
            return new KeyRingHolder(options.Enabled
                ? new ConfiguredKeyRing(options, sp.GetRequiredService<SecretResolver>(), sp.GetRequiredService<VaultClientHolder>())
                : null);
        });
        services.TryAddSingleton<IEnvelopeEncryptor>(static sp =>
            new EnvelopeEncryptor(sp.GetRequiredService<KeyRingHolder>().Ring, sp.GetRequiredService<ILogger<EnvelopeEncryptor>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, EncryptionStartup>());
        return builder;
    }

    /// <summary>Adds encryption at rest and configures its options.</summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <param name="configure">Configures <see cref="AegisEncryptionOptions"/>.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAegisEncryption(this IAegisBuilder builder, Action<AegisEncryptionOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddAegisEncryption();
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Adds encryption at rest and binds its options from a configuration section (usually <c>AegisGate:Encryption</c>).</summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAegisEncryption(this IAegisBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        builder.AddAegisEncryption();
        builder.Services.Configure<AegisEncryptionOptions>(section);
        return builder;
    }

    private sealed class EncryptionMarker;
}
