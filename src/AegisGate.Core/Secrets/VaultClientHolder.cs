namespace AegisGate.Secrets;

/// <summary>Holds the Vault client when Vault is configured (<c>AegisGate:Secrets:Vault:Address</c>).</summary>
internal sealed class VaultClientHolder(VaultClient? client) : IDisposable
{
    public VaultClient? Client { get; } = client;

    public void Dispose() => Client?.Dispose();
}
