using Microsoft.Extensions.Logging;

namespace AegisGate.Secrets;

/// <summary>
/// Secrets from HashiCorp Vault's KV version 2 engine: <c>vault:&lt;path&gt;#&lt;field&gt;</c> reads field
/// <c>field</c> of <c>GET /v1/&lt;KvMount&gt;/data/&lt;path&gt;</c>. Values are cached for
/// <see cref="VaultOptions.CacheTtl"/> (or Vault's lease duration when shorter) in a bounded cache.
/// </summary>
/// <remarks>
/// A sealed Vault (503), a denial (403), a missing path or field, a server error, a timeout or an unreachable Vault
/// is a <see cref="SecretUnavailableException"/>; an expired cache entry is never served in its place.
/// </remarks>
internal sealed class VaultSecretProvider : ISecretProvider
{
    public const string SchemeName = "vault";

    private readonly VaultClient? _client;
    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<string, (SecretValue Value, DateTimeOffset ExpiresAt)> _cache = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <param name="client">The Vault client, or <see langword="null"/> when Vault is not configured (every read is then unavailable).</param>
    /// <param name="timeProvider">The clock of the cache.</param>
    public VaultSecretProvider(VaultClient? client, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _client = client;
        _timeProvider = timeProvider;
    }

    public string Scheme => SchemeName;

    public async ValueTask<SecretValue> GetSecretAsync(string name, CancellationToken cancellationToken)
    {
        if (!TryParseName(name, out var path, out var field))
        {
            throw new SecretUnavailableException(SchemeName, name ?? string.Empty, "the name must be 'path#field' (path segments of letters, digits, '.', '_', '-', '@', '+', '=', ',').");
        }

        if (_client is null)
        {
            throw new SecretUnavailableException(SchemeName, name, "Vault is not configured (AegisGate:Secrets:Vault:Address).");
        }

        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (_cache.TryGetValue(name, out var cached))
            {
                if (now < cached.ExpiresAt)
                {
                    return cached.Value;
                }

                _cache.Remove(name);
            }
        }

        KvSecret secret;
        try
        {
            secret = await _client.ReadKvAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (VaultException ex)
        {
            throw new SecretUnavailableException(SchemeName, name, ex.Message, ex);
        }

        if (!secret.Fields.TryGetValue(field, out var value) || string.IsNullOrEmpty(value))
        {
            throw new SecretUnavailableException(SchemeName, name, $"the secret has no non-empty field '{field}'.");
        }

        var result = new SecretValue(value, secret.Version);
        var ttl = _client.Options.CacheTtl;
        if (secret.LeaseDuration is { } lease && lease < ttl)
        {
            ttl = lease;
        }

        if (ttl > TimeSpan.Zero)
        {
            lock (_gate)
            {
                if (_cache.Count >= _client.Options.MaxCacheEntries)
                {
                    // Evict the entry closest to expiry; the cache is bounded whatever names are asked for.
                    var oldest = _cache.MinBy(static e => e.Value.ExpiresAt).Key;
                    _cache.Remove(oldest);
                }

                _cache[name] = (result, _timeProvider.GetUtcNow() + ttl);
            }
        }

        return result;
    }

    internal int CachedCount
    {
        get
        {
            lock (_gate)
            {
                return _cache.Count;
            }
        }
    }

    private static bool TryParseName(string? name, out string path, out string field)
    {
        path = string.Empty;
        field = string.Empty;
        if (string.IsNullOrEmpty(name) || name.Length > 512)
        {
            return false;
        }

        var hash = name.LastIndexOf('#');
        if (hash <= 0 || hash == name.Length - 1)
        {
            return false;
        }

        path = name[..hash];
        field = name[(hash + 1)..];
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment.All(static c => c == '.') || !segment.All(static c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@' or '+' or '=' or ','))
            {
                return false;
            }
        }

        return field.Length <= 256 && !field.Any(char.IsControl);
    }
}
