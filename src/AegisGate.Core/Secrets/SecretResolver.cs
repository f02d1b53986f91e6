using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AegisGate.Secrets;

/// <summary>
/// Resolves secret references of the form <c>scheme:name</c> (for example <c>vault:aegisgate/kek#key</c>,
/// <c>file:aegis-kek</c>, <c>env:AEGIS_KEK</c>, <c>config:AegisGate:Encryption:LocalKey</c>) through the registered
/// <see cref="ISecretProvider"/>s.
/// </summary>
/// <remarks>
/// Fail-closed: an unknown scheme, a provider that throws or returns nothing, and an empty value are all a
/// <see cref="SecretUnavailableException"/> (<c>AEGIS_SECRET_UNAVAILABLE</c>), never an empty string.
/// </remarks>
public sealed class SecretResolver
{
    private readonly FrozenDictionary<string, ISecretProvider> _providers;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="SecretResolver"/> class.</summary>
    /// <param name="providers">The providers; each scheme at most once.</param>
    /// <param name="logger">The logger, or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">Two providers serve the same scheme, or a scheme is invalid.</exception>
    public SecretResolver(IEnumerable<ISecretProvider> providers, ILogger<SecretResolver>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(providers);
        var map = new Dictionary<string, ISecretProvider>(StringComparer.Ordinal);
        foreach (var provider in providers)
        {
            ArgumentNullException.ThrowIfNull(provider);
            if (!IsScheme(provider.Scheme))
            {
                throw new ArgumentException($"Secret provider scheme '{provider.Scheme}' is invalid: use lower-case letters and digits.", nameof(providers));
            }

            if (!map.TryAdd(provider.Scheme, provider))
            {
                throw new ArgumentException($"Two secret providers serve the scheme '{provider.Scheme}'.", nameof(providers));
            }
        }

        _providers = map.ToFrozenDictionary(StringComparer.Ordinal);
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Gets the registered schemes.</summary>
    public IReadOnlyCollection<string> Schemes => _providers.Keys;

    /// <summary>Splits a reference into scheme and name.</summary>
    /// <param name="reference">The reference, for example <c>file:aegis-kek</c>.</param>
    /// <param name="scheme">The scheme.</param>
    /// <param name="name">The name.</param>
    /// <returns><see langword="true"/> when the reference is well-formed.</returns>
    public static bool TryParseReference(string? reference, out string scheme, out string name)
    {
        scheme = string.Empty;
        name = string.Empty;
        if (string.IsNullOrWhiteSpace(reference) || reference.Length > 1024)
        {
            return false;
        }

        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == reference.Length - 1)
        {
            return false;
        }

        scheme = reference[..colon];
        name = reference[(colon + 1)..];
        return IsScheme(scheme);
    }

    /// <summary>Gets a value indicating whether a provider serves the reference's scheme.</summary>
    /// <param name="reference">The reference.</param>
    /// <returns><see langword="true"/> when the reference is well-formed and its scheme is registered.</returns>
    public bool CanResolve(string? reference) => TryParseReference(reference, out var scheme, out _) && _providers.ContainsKey(scheme);

    /// <summary>Fetches a secret.</summary>
    /// <param name="reference">The reference (<c>scheme:name</c>).</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The secret.</returns>
    /// <exception cref="SecretUnavailableException">The reference is malformed, its scheme is not registered, or the provider could not deliver a value.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask<SecretValue> GetSecretAsync(string reference, CancellationToken cancellationToken = default)
    {
        if (!TryParseReference(reference, out var scheme, out var name))
        {
            throw Unavailable(new SecretUnavailableException("unknown", "?", "the reference is not of the form scheme:name."));
        }

        if (!_providers.TryGetValue(scheme, out var provider))
        {
            throw Unavailable(new SecretUnavailableException(scheme, name, $"no secret provider serves the scheme '{scheme}'. Registered: {string.Join(", ", _providers.Keys.Order(StringComparer.Ordinal))}."));
        }

        SecretValue? value;
        try
        {
            value = await provider.GetSecretAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (SecretUnavailableException ex)
        {
            throw Unavailable(ex);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw Unavailable(new SecretUnavailableException(scheme, name, "the provider failed (" + ex.GetType().Name + ").", ex));
        }

        return value ?? throw Unavailable(new SecretUnavailableException(scheme, name, "the provider returned no value."));
    }

    private SecretUnavailableException Unavailable(SecretUnavailableException ex)
    {
        _logger.SecretUnavailable(ex.Provider, ex.SecretName, ex.Reason, ex.InnerException);
        return ex;
    }

    private static bool IsScheme(string? scheme)
        => !string.IsNullOrEmpty(scheme) && scheme.Length <= 32 && scheme.All(static c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9'));
}
