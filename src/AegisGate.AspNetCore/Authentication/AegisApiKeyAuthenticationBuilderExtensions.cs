using AegisGate.Authentication;
using AegisGate.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds AegisGate's <c>X-API-Key</c> authentication scheme.</summary>
public static class AegisApiKeyAuthenticationBuilderExtensions
{
    /// <summary>Adds the <c>X-API-Key</c> scheme (<see cref="AegisApiKeyDefaults.AuthenticationScheme"/>), validated on start.</summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="configure">Configures the keys.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static AuthenticationBuilder AddAegisApiKey(this AuthenticationBuilder builder, Action<AegisApiKeyOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AegisApiKeyOptions>, AegisApiKeyOptionsValidator>());
        builder.Services.AddOptions<AegisApiKeyOptions>(AegisApiKeyDefaults.AuthenticationScheme).ValidateOnStart();
        return builder.AddScheme<AegisApiKeyOptions, AegisApiKeyHandler>(AegisApiKeyDefaults.AuthenticationScheme, configure);
    }

    /// <summary>Adds the <c>X-API-Key</c> scheme with keys bound from a configuration section (a list of <see cref="ApiKeyEntry"/>, usually <c>AegisGate:ApiKeys</c>).</summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="keysSection">The section holding the key list.</param>
    /// <param name="configure">Further configuration.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    public static AuthenticationBuilder AddAegisApiKey(this AuthenticationBuilder builder, IConfiguration keysSection, Action<AegisApiKeyOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(keysSection);
        return builder.AddAegisApiKey(options =>
        {
            var keys = keysSection.Get<List<ApiKeyEntry>>() ?? [];
            foreach (var key in keys)
            {
                options.Keys.Add(key);
            }

            configure?.Invoke(options);
        });
    }
}
