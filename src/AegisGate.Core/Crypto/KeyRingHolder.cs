namespace AegisGate.Crypto;

/// <summary>Holds the configured key ring when encryption at rest is enabled.</summary>
internal sealed class KeyRingHolder(ConfiguredKeyRing? ring) : IDisposable
{
    public ConfiguredKeyRing? Ring { get; } = ring;

    public void Dispose() => Ring?.Dispose();
}
