using AegisGate.Detection.Engine;
using AegisGate.Detection.Validation;

namespace AegisGate.Detection.Rules;

/// <summary>Finds private-key blocks: the BEGIN marker, a base64 body of at least 50 characters (a placeholder body does not count) and the END marker when present.</summary>
internal static class PrivateKeys
{
    public enum Kind
    {
        Pem,
        OpenSsh,
        Pgp,
        Putty,
    }

    private const int MinBody = 50;
    private const int MaxBlock = 32 * 1024;

    public static void Find(DetectionRule rule, LayerText layer, IMatchSink sink, Kind kind)
    {
        var text = layer.Text.AsSpan();
        if (kind == Kind.Putty)
        {
            FindPutty(rule, text, sink);
            return;
        }

        var position = 0;
        while (position < text.Length)
        {
            var found = text[position..].IndexOf("-----BEGIN ", StringComparison.Ordinal);
            if (found < 0)
            {
                return;
            }

            var start = position + found;
            position = start + 11;
            var labelEnd = text[position..Math.Min(text.Length, position + 64)].IndexOf("-----", StringComparison.Ordinal);
            if (labelEnd < 0)
            {
                continue;
            }

            var label = text.Slice(position, labelEnd);
            var matches = kind switch
            {
                Kind.OpenSsh => label.SequenceEqual("OPENSSH PRIVATE KEY"),
                Kind.Pgp => label.StartsWith("PGP PRIVATE KEY", StringComparison.Ordinal),
                _ => label.EndsWith("PRIVATE KEY", StringComparison.Ordinal) && !label.StartsWith("OPENSSH", StringComparison.Ordinal) && !label.StartsWith("PGP", StringComparison.Ordinal),
            };
            if (!matches)
            {
                continue;
            }

            var bodyStart = position + labelEnd + 5;
            var (end, base64Chars, placeholder) = ScanBody(text, bodyStart);
            if (base64Chars < MinBody || placeholder)
            {
                continue;
            }

            var endMarker = text[end..Math.Min(text.Length, end + 80)];
            if (endMarker.StartsWith("-----END ", StringComparison.Ordinal))
            {
                var close = endMarker[9..].IndexOf("-----", StringComparison.Ordinal);
                if (close >= 0)
                {
                    end += 9 + close + 5;
                }
            }

            sink.Add(rule, start, end, rule.Descriptor.Confidence);
            position = end;
        }
    }

    // Consumes the key body: base64, whitespace, literal "\n"/"\r" escapes and armor headers (Proc-Type, DEK-Info, Version, Comment).
    private static (int End, int Base64, bool Placeholder) ScanBody(ReadOnlySpan<char> text, int start)
    {
        var i = start;
        var base64 = 0;
        var lastBody = start;
        var limit = Math.Min(text.Length, start + MaxBlock);
        while (i < limit)
        {
            var c = text[i];
            if (c == '-' && text[i..].StartsWith("-----END ", StringComparison.Ordinal))
            {
                break;
            }

            if (c == '\\' && i + 1 < limit && text[i + 1] is 'n' or 'r' or 't')
            {
                i += 2;
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=')
            {
                base64++;
                i++;
                lastBody = i;
                continue;
            }

            if (char.IsWhiteSpace(c) || c is ':' or ',' or '-' or '.' or '*' or '"')
            {
                if (c == '"')
                {
                    // A JSON string that ends the key ("...\n-----END" was already handled); a quote inside the body ends it.
                    break;
                }

                i++;
                continue;
            }

            break;
        }

        var body = text[start..lastBody];
        var placeholder = SecretHeuristics.IsTokenPlaceholder(body) || body.Contains("...", StringComparison.Ordinal) || body.Contains("***", StringComparison.Ordinal);
        return (i < limit && text[i] == '-' ? i : lastBody, base64, placeholder);
    }

    private static void FindPutty(DetectionRule rule, ReadOnlySpan<char> text, IMatchSink sink)
    {
        var position = 0;
        while (position < text.Length)
        {
            var found = text[position..].IndexOf("PuTTY-User-Key-File", StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return;
            }

            var start = position + found;
            position = start + 19;
            var window = text[start..Math.Min(text.Length, start + MaxBlock)];
            var lines = window.IndexOf("Private-Lines:", StringComparison.Ordinal);
            if (lines < 0)
            {
                continue;
            }

            var bodyStart = start + lines + 14;
            while (bodyStart < text.Length && text[bodyStart] is ' ' or '\t' || (bodyStart < text.Length && char.IsAsciiDigit(text[bodyStart])))
            {
                bodyStart++;
            }

            var (end, base64, placeholder) = ScanBody(text, bodyStart);
            if (base64 >= MinBody && !placeholder)
            {
                sink.Add(rule, start, end, rule.Descriptor.Confidence);
                position = end;
            }
        }
    }
}
