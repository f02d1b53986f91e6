using System.Text.RegularExpressions;
using AegisGate.Detection.Engine;
using AegisGate.Detection.Validation;

namespace AegisGate.Detection.Rules;

/// <summary>Bitcoin (base58check, bech32/bech32m) and Ethereum (EIP-55) addresses with their checksums.</summary>
internal static partial class CryptoWallets
{
    // Addresses are 26+ characters without separators, so only the layer's long runs are searched.
    public static void Find(DetectionRule rule, LayerText layer, IMatchSink sink)
    {
        var text = layer.Text;
        foreach (var (runStart, runEnd) in layer.GetLongRuns())
        {
            if (runEnd - runStart < 26)
            {
                continue;
            }

            FindIn(rule, text, runStart, runEnd, sink);
        }
    }

    private static void FindIn(DetectionRule rule, string text, int ws, int we, IMatchSink sink)
    {
        var window = text.AsSpan(ws, we - ws);
        foreach (var m in Base58().EnumerateMatches(window))
        {
            if (IdValidators.BitcoinBase58(window.Slice(m.Index, m.Length)))
            {
                sink.Add(rule, ws + m.Index, ws + m.Index + m.Length, rule.Descriptor.Confidence);
            }
        }

        foreach (var m in Bech32().EnumerateMatches(window))
        {
            if (IdValidators.Bech32Address(window.Slice(m.Index, m.Length)))
            {
                sink.Add(rule, ws + m.Index, ws + m.Index + m.Length, rule.Descriptor.Confidence);
            }
        }

        foreach (var em in Ethereum().EnumerateMatches(window))
        {
            var m = new ValueMatchShim(ws + em.Index, em.Length);
            var hex = text.AsSpan(m.Index + 2, 40);
            var mixed = hex.ContainsAnyInRange('a', 'f') && hex.ContainsAnyInRange('A', 'F');
            if (mixed)
            {
                if (IdValidators.EthereumChecksum(hex))
                {
                    sink.Add(rule, m.Index, m.Index + m.Length, 0.95);
                }
            }
            else if (hex.ContainsAnyInRange('a', 'f') || hex.ContainsAnyInRange('A', 'F'))
            {
                // Single-case addresses carry no checksum: report below the default floor unless context raises it.
                var before = text.AsSpan(Math.Max(0, m.Index - 40), Math.Min(40, m.Index));
                var context = TextSearch.ContainsWholeWord(before, "wallet") || TextSearch.ContainsWholeWord(before, "address") || TextSearch.ContainsWholeWord(before, "eth") || TextSearch.ContainsWholeWord(before, "ethereum");
                sink.Add(rule, m.Index, m.Index + m.Length, context ? 0.75 : 0.45);
            }
        }
    }

    private readonly record struct ValueMatchShim(int Index, int Length);

    [GeneratedRegex(@"(?<![A-Za-z0-9])[13][a-km-zA-HJ-NP-Z1-9]{25,34}(?![A-Za-z0-9])", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, 250)]
    private static partial Regex Base58();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?:bc|tb)1[ac-hj-np-z02-9]{11,71}(?![A-Za-z0-9])", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.IgnoreCase, 250)]
    private static partial Regex Bech32();

    [GeneratedRegex(@"(?<![A-Za-z0-9])0x[0-9a-fA-F]{40}(?![A-Za-z0-9])", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, 250)]
    private static partial Regex Ethereum();
}
