using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AegisGate.Crypto;

/// <summary>
/// When encryption at rest is enabled, proves at start that the active key-encryption key works (wrap and unwrap a
/// random key). A key that cannot be fetched or does not round-trip stops the host: AegisGate never falls back to
/// writing plaintext.
/// </summary>
internal sealed class EncryptionStartup(IEnvelopeEncryptor encryptor, ILogger<EncryptionStartup> logger) : IHostedService
{
    private static readonly byte[] Probe = "aegisgate:encryption-startup-probe"u8.ToArray();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!encryptor.IsEnabled)
        {
            return;
        }

        var sample = RandomNumberGenerator.GetBytes(32);
        var envelope = await encryptor.EncryptAsync(sample, Probe, cancellationToken).ConfigureAwait(false);
        var back = await encryptor.DecryptAsync(envelope, Probe, cancellationToken).ConfigureAwait(false);
        if (!CryptographicOperations.FixedTimeEquals(sample, back))
        {
            throw new AegisCryptoException("The active key-encryption key did not round-trip at start.");
        }

        logger.EncryptionReady(encryptor.ActiveKeyId);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
