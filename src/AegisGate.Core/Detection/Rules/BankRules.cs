using AegisGate.Detection.Engine;
using AegisGate.Detection.Validation;

namespace AegisGate.Detection.Rules;

/// <summary>IBAN finder over numeric candidates: country code, check digits, per-country length, mod-97.</summary>
internal static class BankRules
{
    public static void FindIban(DetectionRule rule, LayerText layer, IMatchSink sink)
    {
        var text = layer.Text.AsSpan();
        Span<char> compact = stackalloc char[34];
        foreach (var candidate in layer.GetCandidates())
        {
            if (candidate.Digits < 8 || candidate.Letters < 2)
            {
                continue;
            }

            var span = text[candidate.Start..candidate.End];

            // Try every position where two upper-case letters and two digits start a word.
            for (var k = 0; k + 4 <= span.Length; k++)
            {
                if (!char.IsAsciiLetterUpper(span[k]) || !char.IsAsciiLetterUpper(span[k + 1]) || !char.IsAsciiDigit(span[k + 2]) || !char.IsAsciiDigit(span[k + 3]))
                {
                    continue;
                }

                var absolute = candidate.Start + k;
                if (absolute > 0 && char.IsLetterOrDigit(text[absolute - 1]))
                {
                    continue;
                }

                var length = IdValidators.IbanLength(span.Slice(k, 2));
                if (length == 0)
                {
                    continue;
                }

                // Collect exactly 'length' characters (digits and upper-case letters), allowing single spaces or dashes
                // between groups; read past the candidate, whose letter groups may have been cut.
                var n = 0;
                var pos = absolute;
                while (pos < text.Length && n < length)
                {
                    var c = text[pos];
                    if (char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c))
                    {
                        compact[n++] = c;
                    }
                    else if (c is not (' ' or '-') || pos + 1 >= text.Length || !char.IsAsciiLetterOrDigit(text[pos + 1]))
                    {
                        break;
                    }

                    pos++;
                }

                var end = pos;
                if (n != length || (end < text.Length && char.IsLetterOrDigit(text[end])) || !Checksums.IbanMod97(compact[..n]))
                {
                    continue;
                }

                sink.Add(rule, absolute, end, rule.Descriptor.Confidence);
                k = end - candidate.Start;
            }
        }
    }
}
