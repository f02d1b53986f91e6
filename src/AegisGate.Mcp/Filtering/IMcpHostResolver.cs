using System.Net;

namespace AegisGate.Mcp.Filtering;

/// <summary>
/// Resolves host names for the SSRF checks: <see cref="McpErrorCodes.InputUnsafeUri"/> at admission (every DNS name in a
/// URI argument or <c>resources/read</c> URI is resolved and every address checked) and <see cref="McpSafeDialer"/> at
/// dial time. The default resolves through the operating system (<see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/>);
/// register your own (for example a resolver pinned to an internal DNS server, or a deterministic one in tests) as a
/// singleton <see cref="IMcpHostResolver"/>.
/// </summary>
/// <remarks>
/// Callers bound the time a resolution may take (<see cref="McpInputOptions.HostResolutionTimeout"/>) and stop waiting
/// when it passes, even when the implementation ignores its token. A <see cref="System.Net.Sockets.SocketException"/> (no
/// such host, no answer) or an empty list is a denial; any other exception is a fault, which the pipeline also denies.
/// </remarks>
public interface IMcpHostResolver
{
    /// <summary>Resolves a host name to its addresses.</summary>
    /// <param name="host">The host name (IDN-encoded, lower case, without a trailing dot).</param>
    /// <param name="cancellationToken">Cancelled when the resolution timeout passes or the request ends.</param>
    /// <returns>Every address the name resolves to (IPv4 and IPv6).</returns>
    ValueTask<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken);
}

/// <summary>The operating system's resolver.</summary>
internal sealed class SystemDnsHostResolver : IMcpHostResolver
{
    public async ValueTask<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken)
        => await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
}
