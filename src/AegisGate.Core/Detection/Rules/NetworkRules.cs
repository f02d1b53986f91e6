using System.Buffers;
using System.Net;
using System.Net.Sockets;
using AegisGate.Detection.Engine;

namespace AegisGate.Detection.Rules;

/// <summary>IPv6 and MAC address finders (scanned around ':' and '-' separators rather than by a regex over every letter).</summary>
internal static class NetworkRules
{
    private static readonly SearchValues<char> s_hexOrColon = SearchValues.Create("0123456789abcdefABCDEF:.");
    private static readonly SearchValues<char> s_hex = SearchValues.Create("0123456789abcdefABCDEF");

    public static void FindIpv6(DetectionRule rule, LayerText layer, IMatchSink sink)
    {
        var text = layer.Text.AsSpan();
        var i = 0;
        while (i < text.Length)
        {
            var colon = text[i..].IndexOf(':');
            if (colon < 0)
            {
                return;
            }

            var at = i + colon;
            var start = at;
            while (start > 0 && s_hexOrColon.Contains(text[start - 1]))
            {
                start--;
            }

            var end = at;
            while (end < text.Length && s_hexOrColon.Contains(text[end]))
            {
                end++;
            }

            i = end + 1;
            var run = text[start..end].Trim('.');
            if (run.Length < 6 || run.Count(':') < 2 || (start > 0 && char.IsLetterOrDigit(text[start - 1])) || (end < text.Length && char.IsLetterOrDigit(text[end])))
            {
                continue;
            }

            run = run.TrimEnd(':');
            if (!run.ContainsAnyInRange('0', '9') || run.Count(':') < 2)
            {
                continue;
            }

            if (IPAddress.TryParse(run, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 && (run.Count(':') >= 7 || run.Contains("::", StringComparison.Ordinal)))
            {
                var confidence = address.IsIPv6LinkLocal || IPAddress.IsLoopback(address) || address.IsIPv6UniqueLocal ? 0.5 : rule.Descriptor.Confidence;
                var runStart = start + text[start..end].IndexOf(run);
                sink.Add(rule, runStart, runStart + run.Length, confidence);
            }
        }
    }

    public static void FindMac(DetectionRule rule, LayerText layer, IMatchSink sink)
    {
        var text = layer.Text.AsSpan();
        var i = 0;
        while (i < text.Length)
        {
            var found = text[i..].IndexOfAny(':', '-');
            if (found < 0)
            {
                return;
            }

            var at = i + found;
            i = at + 1;

            // at must be the first separator: text[at-2..at] is a hex pair and the 17 characters from at-2 form XX?XX?XX?XX?XX?XX.
            var start = at - 2;
            if (start < 0 || start + 17 > text.Length)
            {
                continue;
            }

            var separator = text[at];
            var ok = true;
            for (var k = 0; k < 17 && ok; k++)
            {
                var c = text[start + k];
                ok = k % 3 == 2 ? c == separator : s_hex.Contains(c);
            }

            if (!ok || (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] == separator)) || (start + 17 < text.Length && (char.IsLetterOrDigit(text[start + 17]) || text[start + 17] == separator)))
            {
                continue;
            }

            sink.Add(rule, start, start + 17, rule.Descriptor.Confidence);
            i = start + 17;
        }
    }
}
