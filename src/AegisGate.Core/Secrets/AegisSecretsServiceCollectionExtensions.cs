using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using AegisGate.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers AegisGate's secret providers and <see cref="SecretResolver"/>.</summary>
public static class AegisSecretsServiceCollectionExtensions
{
    /// <summary>
    /// Adds the secret providers <c>env:</c>, <c>config:</c>, <c>file:</c> (mounted secrets directory) and
    /// <c>vault:</c> (HashiCorp Vault KV v2, enabled when <c>Vault:Address</c> is set) and the
    /// <see cref="SecretResolver"/>. Idempotent. Add your own <see cref="ISecretProvider"/> with
    /// <see cref="AddSecretProvider{TProvider}"/>.
    /// </summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAegisSecrets(this IAegisBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(static d => d.ServiceType == typeof(SecretsMarker)))
        {
            return builder;
        }

        services.AddSingleton<SecretsMarker>();
        services.AddOptionsWithValidateOnStart<AegisSecretsOptions, AegisSecretsOptionsValidator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AegisSecretsOptions>, AegisSecretsOptionsCustomValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(VaultClient.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(static sp => CreateVaultHandler(sp.GetRequiredService<IOptions<AegisSecretsOptions>>().Value.Vault));
        services.TryAddSingleton(static sp =>
        {
            var vault = sp.GetRequiredService<IOptions<AegisSecretsOptions>>().Value.Vault;
            return new VaultClientHolder(string.IsNullOrWhiteSpace(vault.Address)
                ? null
                : new VaultClient(sp.GetRequiredService<IHttpClientFactory>(), vault, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<VaultClient>>()));
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISecretProvider, EnvironmentSecretProvider>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISecretProvider, ConfigurationSecretProvider>(static sp =>
            new ConfigurationSecretProvider(sp.GetService<IConfiguration>() ?? new ConfigurationBuilder().Build())));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISecretProvider, FileSecretProvider>(static sp =>
            new FileSecretProvider(sp.GetRequiredService<IOptions<AegisSecretsOptions>>().Value.FilesDirectory)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISecretProvider, VaultSecretProvider>(static sp =>
            new VaultSecretProvider(sp.GetRequiredService<VaultClientHolder>().Client, sp.GetRequiredService<TimeProvider>())));
        services.TryAddSingleton<SecretResolver>();
        return builder;
    }

    /// <summary>Adds the secret providers and configures their options.</summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <param name="configure">Configures <see cref="AegisSecretsOptions"/>.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAegisSecrets(this IAegisBuilder builder, Action<AegisSecretsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        builder.AddAegisSecrets();
        builder.Services.Configure(configure);
        return builder;
    }

    /// <summary>Adds the secret providers and binds their options from a configuration section (usually <c>AegisGate:Secrets</c>).</summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <param name="section">The configuration section.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAegisSecrets(this IAegisBuilder builder, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        builder.AddAegisSecrets();
        builder.Services.Configure<AegisSecretsOptions>(section);
        return builder;
    }

    /// <summary>Adds a custom secret provider (its <see cref="ISecretProvider.Scheme"/> must be unique).</summary>
    /// <typeparam name="TProvider">The provider type.</typeparam>
    /// <param name="builder">The AegisGate builder.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    public static IAegisBuilder AddSecretProvider<TProvider>(this IAegisBuilder builder)
        where TProvider : class, ISecretProvider
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddAegisSecrets();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ISecretProvider, TProvider>());
        return builder;
    }

    internal static SocketsHttpHandler CreateVaultHandler(VaultOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = options.Timeout,
        };
        if (!string.IsNullOrWhiteSpace(options.CaCertificateFile))
        {
            var ca = X509CertificateLoader.LoadCertificateFromFile(options.CaCertificateFile);
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                // The name must still match; only the trust anchor is replaced by the configured CA.
                if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
                {
                    return false;
                }

                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                return chain.Build(leaf);
            };
        }

        return handler;
    }

    private sealed class SecretsMarker;
}
