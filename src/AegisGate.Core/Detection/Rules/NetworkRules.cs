using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
            var before = start > 0 ? text[start - 1] : ' ';
            var after = end < text.Length ? text[end] : ' ';
            if (run.Count(':') < 2 || char.IsLetterOrDigit(before) || before is '_' or ':' || (char.IsLetterOrDigit(after) && after is not ('%')) || after == '_')
            {
                continue;
            }

            // Six groups and a dotted quad (0:0:0:0:0:FFFF:129.144.52.38) is the embedded-IPv4 form (RFC 4291 2.2.3).
            // '::' and '::1' only on their own (not C++ scope operators): whitespace, quotes, '=', '/' or '%' around them.
            var unspecified = run.SequenceEqual("::") || run.SequenceEqual("::1");
            if (unspecified && !(char.IsWhiteSpace(before) || before is '=' or '"' or '\'' or '(' || start == 0))
            {
                continue;
            }

            if (!unspecified && (run.Length < 6 || !run.ContainsAnyInRange('0', '9')))
            {
                continue;
            }

            if (!unspecified && run.EndsWith(":", StringComparison.Ordinal) && !run.EndsWith("::", StringComparison.Ordinal))
            {
                run = run.TrimEnd(':');
            }

            if (IPAddress.TryParse(run, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 && (unspecified || run.Count(':') >= 7 || run.Contains("::", StringComparison.Ordinal) || (run.Count(':') == 6 && run.Contains('.'))))
            {
                var confidence = unspecified || address.IsIPv6LinkLocal || IPAddress.IsLoopback(address) || address.IsIPv6UniqueLocal ? 0.5 : rule.Descriptor.Confidence;
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
            // Only a separator that recurs three characters later can start one (prose has almost none).
            var at = NextRepeated(text, i, ':', '-', 3);
            if (at < 0)
            {
                break;
            }

            i = at + 1;

            // at must be the first separator: text[at-2..at] is a hex pair and the 17 characters from at-2 form XX?XX?XX?XX?XX?XX.
            var start = at - 2;
            if (start < 0 || start + 17 > text.Length)
            {
                continue;
            }

            // The separators repeat every third character: one look at the next one rejects "pre-release" and "10:30".
            var separator = text[at];
            if (text[at + 3] != separator || !s_hex.Contains(text[start]) || !s_hex.Contains(text[start + 1]))
            {
                continue;
            }

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

            var candidate = text.Slice(start, 17);
            if (!AllSameOctets(candidate))
            {
                sink.Add(rule, start, start + 17, rule.Descriptor.Confidence);
            }

            i = start + 17;
        }

        FindDottedMac(rule, text, sink);
    }

    // Cisco notation: 0012.3456.789a.
    private static void FindDottedMac(DetectionRule rule, ReadOnlySpan<char> text, IMatchSink sink)
    {
        var i = 0;
        while (i < text.Length)
        {
            // Only a dot with another five characters later can be the first of one.
            var dot = NextRepeated(text, i, '.', '.', 5);
            if (dot < 0)
            {
                return;
            }

            var start = dot - 4;
            i = dot + 1;
            if (start < 0 || start + 14 > text.Length || (start > 0 && (char.IsLetterOrDigit(text[start - 1]) || text[start - 1] == '.'))
                || (start + 14 < text.Length && (char.IsLetterOrDigit(text[start + 14]) || (text[start + 14] == '.' && start + 15 < text.Length && char.IsLetterOrDigit(text[start + 15])))))
            {
                continue;
            }

            var ok = text[start + 9] == '.';
            for (var k = 0; k < 14 && ok; k++)
            {
                var c = text[start + k];
                ok = k is 4 or 9 ? c == '.' : s_hex.Contains(c);
            }

            if (ok && !AllSameOctets(text.Slice(start, 14)))
            {
                sink.Add(rule, start, start + 14, rule.Descriptor.Confidence);
                i = start + 14;
            }
        }
    }

    /// <summary>
    /// The next position at or after <paramref name="from"/> of <paramref name="a"/> or <paramref name="b"/> with the same
    /// character <paramref name="distance"/> positions later; -1 when there is none. Vectorised: a MAC address's
    /// separators recur at a fixed distance, and prose's colons, dashes and dots almost never do.
    /// </summary>
    internal static int NextRepeated(ReadOnlySpan<char> text, int from, char a, char b, int distance)
    {
        var i = from;
        if (Vector256.IsHardwareAccelerated)
        {
            // Reads text[i .. i + distance + 15]: in bounds while i + 16 + distance ≤ text.Length.
            ref var first = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
            for (; i + Vector256<ushort>.Count + distance <= text.Length; i += Vector256<ushort>.Count)
            {
                var current = Vector256.LoadUnsafe(ref first, (nuint)i);
                var later = Vector256.LoadUnsafe(ref first, (nuint)(i + distance));
                var wanted = Vector256.Equals(current, Vector256.Create((ushort)a)) | Vector256.Equals(current, Vector256.Create((ushort)b));
                var mask = (wanted & Vector256.Equals(current, later)).ExtractMostSignificantBits();
                if (mask != 0)
                {
                    return i + BitOperations.TrailingZeroCount(mask);
                }
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            ref var first = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
            for (; i + Vector128<ushort>.Count + distance <= text.Length; i += Vector128<ushort>.Count)
            {
                var current = Vector128.LoadUnsafe(ref first, (nuint)i);
                var later = Vector128.LoadUnsafe(ref first, (nuint)(i + distance));
                var wanted = Vector128.Equals(current, Vector128.Create((ushort)a)) | Vector128.Equals(current, Vector128.Create((ushort)b));
                var mask = (wanted & Vector128.Equals(current, later)).ExtractMostSignificantBits();
                if (mask != 0)
                {
                    return i + BitOperations.TrailingZeroCount(mask);
                }
            }
        }

        for (; i + distance < text.Length; i++)
        {
            var c = text[i];
            if ((c == a || c == b) && text[i + distance] == c)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool AllSameOctets(ReadOnlySpan<char> value)
    {
        var first = '\0';
        foreach (var c in value)
        {
            if (!s_hex.Contains(c))
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if (first == '\0')
            {
                first = lower;
            }
            else if (lower != first)
            {
                return false;
            }
        }

        return true;
    }
}
