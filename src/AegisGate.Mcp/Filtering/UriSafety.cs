using System.Net;
using System.Net.Sockets;

namespace AegisGate.Mcp.Filtering;

/// <summary>
/// Path-traversal and SSRF screening of strings in arguments and resource URIs. Literal addresses are parsed with
/// <see cref="IPAddress"/> (so <c>0x7f.1</c>, <c>2130706433</c> and IPv4-mapped IPv6 are caught) and checked
/// against loopback, private, link-local, CGNAT, unique-local, multicast and unspecified ranges; well-known
/// internal host names are denied. DNS names are resolved by <see cref="McpUriResolutionCheck"/>, and a gateway that
/// dials pins the checked address with <see cref="McpSafeDialer"/>.
/// </summary>
internal static class UriSafety
{
    private static readonly string[] InternalHosts = ["localhost", "metadata.google.internal", "metadata", "instance-data"];

    private static readonly IPNetwork[] InternalV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"),          // "this network", unspecified
        IPNetwork.Parse("10.0.0.0/8"),         // private
        IPNetwork.Parse("100.64.0.0/10"),      // CGNAT (also Alibaba's metadata 100.100.100.200)
        IPNetwork.Parse("127.0.0.0/8"),        // loopback
        IPNetwork.Parse("169.254.0.0/16"),     // link-local, cloud metadata 169.254.169.254
        IPNetwork.Parse("172.16.0.0/12"),      // private
        IPNetwork.Parse("192.0.0.0/24"),       // IETF protocol assignments (Oracle metadata 192.0.0.192)
        IPNetwork.Parse("192.0.2.0/24"),       // TEST-NET-1
        IPNetwork.Parse("192.88.99.0/24"),     // 6to4 relay anycast
        IPNetwork.Parse("192.168.0.0/16"),     // private
        IPNetwork.Parse("198.18.0.0/15"),      // benchmarking
        IPNetwork.Parse("198.51.100.0/24"),    // TEST-NET-2
        IPNetwork.Parse("203.0.113.0/24"),     // TEST-NET-3
        IPNetwork.Parse("224.0.0.0/4"),        // multicast
        IPNetwork.Parse("240.0.0.0/4"),        // reserved, broadcast
    ];

    private static readonly IPNetwork[] InternalV6 =
    [
        IPNetwork.Parse("64:ff9b:1::/48"),     // local-use NAT64
        IPNetwork.Parse("100::/64"),           // discard
        IPNetwork.Parse("2001::/32"),          // Teredo (the embedded client address is obfuscated)
        IPNetwork.Parse("2001:2::/48"),        // benchmarking
        IPNetwork.Parse("2001:10::/28"),       // ORCHID
        IPNetwork.Parse("2001:20::/28"),       // ORCHIDv2
        IPNetwork.Parse("2001:db8::/32"),      // documentation
        IPNetwork.Parse("3fff::/20"),          // documentation
        IPNetwork.Parse("5f00::/16"),          // SRv6 SIDs
        IPNetwork.Parse("fc00::/7"),           // unique local (EC2 metadata fd00:ec2::254)
        IPNetwork.Parse("fe80::/10"),          // link-local
        IPNetwork.Parse("fec0::/10"),          // site-local (deprecated)
        IPNetwork.Parse("ff00::/8"),           // multicast
    ];

    /// <summary>Returns whether the text holds a path-traversal sequence (plain, back-slashed or percent-encoded).</summary>
    public static bool HasPathTraversal(string value)
    {
        if (value.Length < 2)
        {
            return false;
        }

        if (value.Contains("../", StringComparison.Ordinal) || value.Contains("..\\", StringComparison.Ordinal)
            || value.EndsWith("/..", StringComparison.Ordinal) || value.EndsWith("\\..", StringComparison.Ordinal) || value == "..")
        {
            return true;
        }

        if (value.Contains('%', StringComparison.Ordinal))
        {
            var decoded = value;
            for (var round = 0; round < 3 && decoded.Contains('%', StringComparison.Ordinal); round++)
            {
                var next = Uri.UnescapeDataString(decoded);
                if (next == decoded)
                {
                    break;
                }

                decoded = next;
                if (decoded.Contains("../", StringComparison.Ordinal) || decoded.Contains("..\\", StringComparison.Ordinal) || decoded.EndsWith("/..", StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Returns whether a string looks like an absolute URI (scheme://…), so that it is screened as one.</summary>
    public static bool LooksLikeUri(string value)
    {
        var colon = value.IndexOf("://", StringComparison.Ordinal);
        if (colon <= 0 || colon > 32)
        {
            return false;
        }

        for (var i = 0; i < colon; i++)
        {
            var c = value[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Screens an absolute URI: scheme allowlist, then the host for SSRF-prone targets.</summary>
    /// <returns><see langword="null"/> when safe; otherwise the denial.</returns>
    public static SecurityDecision? Screen(string value, IList<string> allowedSchemes, bool allowPrivate)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return SecurityDecision.Deny(McpErrorCodes.InputUnsafeUri, "A URI in the request is malformed.", 400);
        }

        if (!allowedSchemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            return SecurityDecision.Deny(McpErrorCodes.InputUnsafeUri, $"The URI scheme '{uri.Scheme}' is not allowed.", 400);
        }

        if (HasPathTraversal(value) || HasPathTraversal(uri.OriginalString))
        {
            return SecurityDecision.Deny(McpErrorCodes.InputPathTraversal, "A URI in the request contains a path-traversal sequence.", 400);
        }

        if (uri.IsFile || allowPrivate || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        var host = uri.IdnHost.TrimEnd('.');
        if (InternalHosts.Contains(host, StringComparer.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)
            || host.EndsWith(".internal", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".local", StringComparison.OrdinalIgnoreCase))
        {
            return SecurityDecision.Deny(McpErrorCodes.InputUnsafeUri, "The URI points at an internal host.", 400);
        }

        if (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IsInternal(address))
        {
            return SecurityDecision.Deny(McpErrorCodes.InputUnsafeUri, "The URI points at a private, loopback, link-local or metadata address.", 400);
        }

        return null;
    }

    /// <summary>
    /// Gets the DNS host name of a URI that would be dialled over the network: an absolute URI with an allowed,
    /// non-file scheme whose host is a name (not an address literal). These are the hosts the resolution check resolves.
    /// </summary>
    /// <returns><see langword="true"/> with the host name (IDN-encoded, lower case, no trailing dot) when there is one to resolve.</returns>
    public static bool TryGetDnsHost(string value, out string host)
    {
        host = string.Empty;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.IsFile || string.IsNullOrEmpty(uri.Host)
            || uri.HostNameType is not (UriHostNameType.Dns or UriHostNameType.Basic))
        {
            return false;
        }

        host = uri.IdnHost.TrimEnd('.').ToLowerInvariant();
        return host.Length > 0 && !IPAddress.TryParse(host, out _);
    }

    /// <summary>
    /// Returns whether an address is not a public unicast address: loopback, unspecified, private (RFC 1918), CGNAT,
    /// link-local (including the cloud metadata address 169.254.169.254), IETF/benchmark/documentation ranges,
    /// multicast, reserved and broadcast for IPv4; loopback, unspecified, unique-local (fc00::/7, including the EC2
    /// metadata address fd00:ec2::254), link-local, site-local, multicast, discard, documentation, ORCHID and Teredo
    /// for IPv6. IPv6 forms that embed an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64 64:ff9b::/96, 6to4
    /// 2002::/16) are judged by the embedded address.
    /// </summary>
    public static bool IsInternal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return InNetworks(address, InternalV4);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return true; // not an IP address we can judge: treat as internal
        }

        if (EmbeddedV4(address) is { } embedded)
        {
            return InNetworks(embedded, InternalV4);
        }

        return InNetworks(address, InternalV6);
    }

    /// <summary>Returns the IPv4 address an IPv6 address embeds (mapped, compatible, NAT64 well-known prefix, 6to4), or <see langword="null"/>.</summary>
    private static IPAddress? EmbeddedV4(IPAddress address)
    {
        Span<byte> b = stackalloc byte[16];
        if (!address.TryWriteBytes(b, out var written) || written != 16)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return new IPAddress(b[12..16]);
        }

        // IPv4-compatible ::a.b.c.d (deprecated; also covers :: and ::1, which map into 0.0.0.0/8).
        if (b[..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return new IPAddress(b[12..16]);
        }

        // NAT64 well-known prefix 64:ff9b::/96.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].IndexOfAnyExcept((byte)0) < 0)
        {
            return new IPAddress(b[12..16]);
        }

        // 6to4 2002:AABB:CCDD::/16 carries the IPv4 address AA.BB.CC.DD.
        if (b[0] == 0x20 && b[1] == 0x02)
        {
            return new IPAddress(b[2..6]);
        }

        return null;
    }

    private static bool InNetworks(IPAddress address, IPNetwork[] networks)
    {
        foreach (var network in networks)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }
}
