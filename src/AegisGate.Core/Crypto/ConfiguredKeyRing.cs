using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using AegisGate.Secrets;

namespace AegisGate.Crypto;

/// <summary>The key ring built from <see cref="AegisEncryptionOptions"/>.</summary>
internal sealed class ConfiguredKeyRing : IKeyEncryptionKeyRing, IDisposable
{
    private readonly FrozenDictionary<string, IKeyEncryptionKey> _keys;

    public ConfiguredKeyRing(AegisEncryptionOptions options, SecretResolver resolver, VaultClientHolder vault)
    {
        var keys = new Dictionary<string, IKeyEncryptionKey>(StringComparer.Ordinal);
        foreach (var (id, key) in options.Keys)
        {
            keys[id] = key.Type switch
            {
                KeyEncryptionKeyType.VaultTransit => new VaultTransitKeyEncryptionKey(
                    id,
                    vault.Client ?? throw new InvalidOperationException($"Key-encryption key '{id}' is a Vault Transit key but Vault is not configured (AegisGate:Secrets:Vault:Address)."),
                    key.TransitKey!),
                _ => new LocalKeyEncryptionKey(id, resolver, key.Secret!),
            };
        }

        _keys = keys.ToFrozenDictionary(StringComparer.Ordinal);
        Active = _keys[options.ActiveKeyId!];
    }

    public IKeyEncryptionKey Active { get; }

    public bool TryGet(string keyId, [NotNullWhen(true)] out IKeyEncryptionKey? key) => _keys.TryGetValue(keyId, out key);

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            (key as IDisposable)?.Dispose();
        }
    }
}

/// <summary>A key ring of fixed keys (tests, tools, custom hosts).</summary>
public sealed class StaticKeyEncryptionKeyRing : IKeyEncryptionKeyRing
{
    private readonly FrozenDictionary<string, IKeyEncryptionKey> _keys;

    /// <summary>Initializes a new instance of the <see cref="StaticKeyEncryptionKeyRing"/> class.</summary>
    /// <param name="active">The key for new envelopes.</param>
    /// <param name="others">Older keys still needed to read existing envelopes.</param>
    /// <exception cref="ArgumentException">Two keys share an id.</exception>
    public StaticKeyEncryptionKeyRing(IKeyEncryptionKey active, params IKeyEncryptionKey[] others)
    {
        ArgumentNullException.ThrowIfNull(active);
        ArgumentNullException.ThrowIfNull(others);
        var keys = new Dictionary<string, IKeyEncryptionKey>(StringComparer.Ordinal) { [active.KeyId] = active };
        foreach (var key in others)
        {
            if (!keys.TryAdd(key.KeyId, key))
            {
                throw new ArgumentException($"Two keys have the id '{key.KeyId}'.", nameof(others));
            }
        }

        _keys = keys.ToFrozenDictionary(StringComparer.Ordinal);
        Active = active;
    }

    /// <inheritdoc />
    public IKeyEncryptionKey Active { get; }

    /// <inheritdoc />
    public bool TryGet(string keyId, [NotNullWhen(true)] out IKeyEncryptionKey? key) => _keys.TryGetValue(keyId, out key);
}
