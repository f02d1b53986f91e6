using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using AegisGate.Compliance;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace AegisGate.AspNetCore.Compliance;

/// <summary>
/// Live evidence for <c>tls.1.3</c>: connects to each address the server listens on (over loopback) and checks that a
/// TLS 1.2-only handshake is refused and a TLS 1.3 handshake succeeds. A plain-HTTP address is not satisfied. Reports
/// nothing when the server exposes no addresses (for example a test server).
/// </summary>
internal sealed class TlsHandshakeEvidenceProvider(IServer server) : IComplianceEvidenceProvider
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public string Name => "tls-probe";

    public async ValueTask CollectAsync(ComplianceEvidenceCollector evidence, CancellationToken cancellationToken)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is null || addresses.Count == 0)
        {
            return;
        }

        var problems = new List<string>();
        var checkedCount = 0;
        foreach (var address in addresses)
        {
            if (!TryParse(address, out var uri))
            {
                problems.Add($"address '{address}' could not be probed");
                continue;
            }

            if (uri.Scheme == Uri.UriSchemeHttp)
            {
                problems.Add($"{address} serves plain HTTP");
                continue;
            }

            checkedCount++;
            if (await HandshakeAsync(uri, SslProtocols.Tls12, cancellationToken).ConfigureAwait(false) is null)
            {
                problems.Add($"{address} accepts a TLS 1.2 handshake");
            }

            if (await HandshakeAsync(uri, SslProtocols.Tls13, cancellationToken).ConfigureAwait(false) is { } error)
            {
                problems.Add($"{address} refused a TLS 1.3 handshake ({error})");
            }
        }

        if (problems.Count > 0)
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.Tls13, "Live handshake: " + string.Join("; ", problems) + ".");
        }
        else
        {
            evidence.Satisfied(ComplianceEvidenceIds.Tls13, $"Live handshake: {checkedCount} HTTPS address(es) refuse TLS 1.2 and negotiate TLS 1.3; no plain HTTP.");
        }
    }

    /// <summary>Returns <see langword="null"/> when the handshake with exactly <paramref name="protocol"/> succeeds, otherwise why not.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5359", Justification = "A loopback probe of this host's own listener: it sends no data and reads only the negotiated protocol version.")]
    private static async Task<string?> HandshakeAsync(Uri uri, SslProtocols protocol, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProbeTimeout);
        try
        {
            using var tcp = new TcpClient(uri.HostNameType == UriHostNameType.IPv6 ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork);
            await tcp.ConnectAsync(uri.Host.Trim('[', ']'), uri.Port, timeout.Token).ConfigureAwait(false);
            await using var ssl = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);

            // Only the protocol version is probed here; the certificate is the server's own.
            await ssl.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = "localhost",
                    EnabledSslProtocols = protocol,
                    RemoteCertificateValidationCallback = static (_, _, _, _) => true,
                },
                timeout.Token).ConfigureAwait(false);
            return ssl.SslProtocol == protocol ? null : $"negotiated {ssl.SslProtocol}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "timed out";
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or SocketException)
        {
            return ex.GetType().Name;
        }
    }

    private static bool TryParse(string address, out Uri uri)
    {
        // Kestrel reports wildcard bindings as http://[::]:80, http://0.0.0.0:80, http://+:80 or http://*:80; probe them on loopback.
        var normalized = address.Replace("://+:", "://127.0.0.1:", StringComparison.Ordinal)
            .Replace("://*:", "://127.0.0.1:", StringComparison.Ordinal)
            .Replace("://0.0.0.0:", "://127.0.0.1:", StringComparison.Ordinal)
            .Replace("://[::]:", "://[::1]:", StringComparison.Ordinal)
            .Replace("://localhost:", "://127.0.0.1:", StringComparison.OrdinalIgnoreCase);
        if (Uri.TryCreate(normalized, UriKind.Absolute, out var parsed) && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps) && parsed.Port > 0)
        {
            uri = parsed;
            return parsed.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 || IPAddress.TryParse(parsed.Host, out _);
        }

        uri = null!;
        return false;
    }
}
