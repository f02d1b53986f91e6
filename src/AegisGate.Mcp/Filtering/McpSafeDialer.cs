using System.Net;
using System.Net.Http;
using System.Net.Sockets;

namespace AegisGate.Mcp.Filtering;

/// <summary>
/// Pins the dial to the address that was checked, closing the DNS-rebinding window between AegisGate's admission check
/// and the tool's own connection. Use <see cref="CreateConnectCallback(IMcpHostResolver?, TimeSpan?, TimeProvider?)"/> as the <see cref="SocketsHttpHandler.ConnectCallback"/>
/// of the <see cref="HttpClient"/> a tool or gateway fetches URLs with: for every new connection it resolves the host
/// once, refuses the connection when any address is not public (the same ranges as the admission check), and connects
/// to a checked address — the name is never resolved again between check and connect. Every redirect hop opens its
/// connection through the callback too, so redirects are checked as well.
/// </summary>
/// <remarks>
/// With a proxy the callback connects to the proxy, not to the target, so set <see cref="SocketsHttpHandler.UseProxy"/>
/// to <see langword="false"/> on handlers that use it. TLS still validates the certificate against the URL's host name.
/// </remarks>
public static class McpSafeDialer
{
    /// <summary>The resolution time limit used when none is given.</summary>
    public static readonly TimeSpan DefaultResolutionTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Creates a connect callback that only connects to public addresses.</summary>
    /// <param name="resolver">The resolver; <see langword="null"/> uses the operating system's.</param>
    /// <param name="resolutionTimeout">How long resolution may take; <see langword="null"/> is <see cref="DefaultResolutionTimeout"/>.</param>
    /// <param name="timeProvider">The time provider for the timeout; <see langword="null"/> is <see cref="TimeProvider.System"/>.</param>
    /// <returns>The callback. It throws <see cref="HttpRequestException"/> (<see cref="HttpRequestError.ConnectionError"/>)
    /// for a non-public address and (<see cref="HttpRequestError.NameResolutionError"/>) for a name that does not resolve
    /// in time or at all; <see cref="HttpClient"/> callers see it as the inner exception of the handler's own
    /// <see cref="HttpRequestException"/>.</returns>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> CreateConnectCallback(
        IMcpHostResolver? resolver = null,
        TimeSpan? resolutionTimeout = null,
        TimeProvider? timeProvider = null)
        => CreateConnectCallbackCore(resolver, resolutionTimeout, timeProvider, static address => !UriSafety.IsInternal(address));

    internal static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> CreateConnectCallbackCore(
        IMcpHostResolver? resolver,
        TimeSpan? resolutionTimeout,
        TimeProvider? timeProvider,
        Func<IPAddress, bool> isAllowed)
    {
        var hostResolver = resolver ?? new SystemDnsHostResolver();
        var timeout = resolutionTimeout ?? DefaultResolutionTimeout;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(resolutionTimeout));
        var time = timeProvider ?? TimeProvider.System;
        return async (context, cancellationToken) =>
        {
            var endpoint = context.DnsEndPoint;
            var addresses = await ResolveAsync(hostResolver, endpoint.Host, timeout, time, cancellationToken).ConfigureAwait(false);
            foreach (var address in addresses)
            {
                if (address is null || !isAllowed(address))
                {
                    throw new HttpRequestException(HttpRequestError.ConnectionError, $"AegisGate refused to connect: '{endpoint.Host}' resolves to a non-public address.");
                }
            }

            Exception? last = null;
            foreach (var address in addresses)
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch (SocketException ex)
                {
                    socket.Dispose();
                    last = ex;
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            }

            throw new HttpRequestException(HttpRequestError.ConnectionError, $"AegisGate could not connect to '{endpoint.Host}'.", last);
        };
    }

    private static async ValueTask<IReadOnlyList<IPAddress>> ResolveAsync(IMcpHostResolver resolver, string host, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            return [literal];
        }

        IReadOnlyList<IPAddress>? addresses;
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            addresses = await resolver.ResolveAsync(host.TrimEnd('.').ToLowerInvariant(), linked.Token).AsTask().WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException
            || (ex is OperationCanceledException && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested))
        {
            throw new HttpRequestException(HttpRequestError.NameResolutionError, $"AegisGate could not resolve '{host}'.", ex);
        }

        if (addresses is not { Count: > 0 })
        {
            throw new HttpRequestException(HttpRequestError.NameResolutionError, $"AegisGate could not resolve '{host}'.");
        }

        return addresses;
    }
}
