using System.Net;
using System.Net.Sockets;

namespace AegisGate.Mcp.Filtering;

/// <summary>
/// Path-traversal and SSRF screening of strings in arguments and resource URIs. Literal addresses are parsed with
/// <see cref="IPAddress"/> (so <c>0x7f.1</c>, <c>2130706433</c> and IPv4-mapped IPv6 are caught) and checked
/// against loopback, private, link-local, CGNAT, unique-local, multicast and unspecified ranges; well-known
/// internal host names are denied. DNS is not resolved here (a gateway that dials must re-check at connect time).
/// </summary>
internal static class UriSafety
{
    private static readonly string[] InternalHosts = ["localhost", "metadata.google.internal", "metadata", "instance-data"];

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

    /// <summary>Returns whether an address is not a public unicast address.</summary>
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return b[0] == 0 || b[0] == 10 || b[0] == 127
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19))
                || b[0] >= 224;
        }

        Span<byte> v6 = stackalloc byte[16];
        address.TryWriteBytes(v6, out _);
        return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || (v6[0] & 0xFE) == 0xFC
            || address.IsIPv4MappedToIPv6;
    }
}
