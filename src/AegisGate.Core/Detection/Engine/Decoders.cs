using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace AegisGate.Detection.Engine;

/// <summary>An encoded segment of a layer and the text it decodes to.</summary>
internal readonly record struct DecodedSegment(int Start, int End, string Text, string Encoding);

/// <summary>
/// Finds encoded segments (base64, base64url, hex, percent-encoding, HTML entities, <c>\uXXXX</c>/<c>\xHH</c> escapes) and
/// decodes those that decode to mostly printable text. Each segment is decoded once; nesting is handled by the engine
/// scanning the decoded text as a new layer (depth-limited).
/// </summary>
internal static class Decoders
{
    private const int MinBase64 = 16;
    private const int MinHex = 32;
    private const int MaxSegmentsPerLayer = 256;
    private static readonly SearchValues<char> s_base64Chars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_");
    private static readonly SearchValues<char> s_hexChars = SearchValues.Create("0123456789abcdefABCDEF");
    private static readonly SearchValues<char> s_triggers = SearchValues.Create("%&\\");
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    internal static bool IsBase64Char(char c) => s_base64Chars.Contains(c);

    /// <summary>Finds and decodes the segments of <paramref name="text"/>.</summary>
    /// <param name="text">The layer text.</param>
    /// <param name="longRuns">The layer's runs of base64url characters (see <see cref="LayerText.GetLongRuns"/>).</param>
    /// <param name="budget">The most decoded characters to produce; decreased by what is produced.</param>
    /// <returns>The decoded segments (possibly empty).</returns>
    public static List<DecodedSegment>? Find(string text, List<(int Start, int End)> longRuns, ref int budget)
    {
        List<DecodedSegment>? result = null;
        var span = text.AsSpan();
        FindBase64AndHex(span, longRuns, ref result, ref budget);
        if (span.ContainsAny(s_triggers))
        {
            FindEscapes(text, ref result, ref budget);
        }

        FindJoinedWords(span, ref result, ref budget);
        CipherDecoders.Find(text, ref result, ref budget);
        return result;
    }

    private static void FindBase64AndHex(ReadOnlySpan<char> span, List<(int Start, int End)> longRuns, ref List<DecodedSegment>? result, ref int budget)
    {
        foreach (var (start, end) in longRuns)
        {
            if (end - start < MinBase64)
            {
                continue;
            }

            var run = span[start..end];
            if ((result?.Count ?? 0) >= MaxSegmentsPerLayer || budget <= 0)
            {
                return;
            }

            if (run.Length >= MinHex && !run.ContainsAnyExcept(s_hexChars) && run.Length % 2 == 0)
            {
                if (TryDecodeHex(run, out var hexText))
                {
                    Add(ref result, ref budget, new DecodedSegment(start, end, hexText, "hex"));
                }

                continue;
            }

            if (TryDecodeBase64(run, out var decoded, out var offset, out var used))
            {
                Add(ref result, ref budget, new DecodedSegment(start + offset, start + offset + used, decoded, "base64"));
            }
        }
    }

    /// <summary>
    /// The start of the next 8-aligned block of 8 base64 characters at or after <paramref name="from"/>, or -1. Every run of
    /// 15 or more base64 characters contains such a block, so runs long enough to decode are found with one vector test per
    /// 8 characters instead of a look at every word.
    /// </summary>
    internal static int NextFullBlock(ReadOnlySpan<char> span, int from)
    {
        var i = (from + 7) & ~7;
        if (Vector256.IsHardwareAccelerated)
        {
            // Two blocks per step. Bounds: i + 16 <= span.Length, so the 16 chars loaded at i are inside the span.
            ref var start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(span));
            for (; i + 16 <= span.Length; i += 16)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);

                // Characters below '+' (white space, most punctuation) are never base64: in prose both blocks nearly always
                // hold one, so one compare rules them out before the full classification.
                var low = Vector256.LessThan(v, Vector256.Create((ushort)'+')).ExtractMostSignificantBits();
                if ((low & 0xFF) != 0 && (low & 0xFF00) != 0)
                {
                    continue;
                }

                var ok = Vector256.LessThan(v - Vector256.Create((ushort)'A'), Vector256.Create((ushort)26))
                    | Vector256.LessThan(v - Vector256.Create((ushort)'a'), Vector256.Create((ushort)26))
                    | Vector256.LessThan(v - Vector256.Create((ushort)'0'), Vector256.Create((ushort)10))
                    | Vector256.Equals(v, Vector256.Create((ushort)'+')) | Vector256.Equals(v, Vector256.Create((ushort)'/'))
                    | Vector256.Equals(v, Vector256.Create((ushort)'=')) | Vector256.Equals(v, Vector256.Create((ushort)'-'))
                    | Vector256.Equals(v, Vector256.Create((ushort)'_'));
                var bits = ok.ExtractMostSignificantBits();
                if ((bits & 0xFF) == 0xFF)
                {
                    return i;
                }

                if ((bits & 0xFF00) == 0xFF00)
                {
                    return i + 8;
                }
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            ref var start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(span));
            var upperA = Vector128.Create((ushort)'A');
            var lowerA = Vector128.Create((ushort)'a');
            var zero = Vector128.Create((ushort)'0');
            var n26 = Vector128.Create((ushort)26);
            var n10 = Vector128.Create((ushort)10);
            var plus = Vector128.Create((ushort)'+');
            var slash = Vector128.Create((ushort)'/');
            var equals = Vector128.Create((ushort)'=');
            var dash = Vector128.Create((ushort)'-');
            var underscore = Vector128.Create((ushort)'_');
            for (; i + 8 <= span.Length; i += 8)
            {
                var v = Vector128.LoadUnsafe(ref start, (nuint)i);
                var ok = Vector128.LessThan(v - upperA, n26) | Vector128.LessThan(v - lowerA, n26) | Vector128.LessThan(v - zero, n10)
                    | Vector128.Equals(v, plus) | Vector128.Equals(v, slash) | Vector128.Equals(v, equals) | Vector128.Equals(v, dash) | Vector128.Equals(v, underscore);
                if (ok == Vector128<ushort>.AllBitsSet)
                {
                    return i;
                }
            }

            return -1;
        }

        for (; i + 8 <= span.Length; i += 8)
        {
            if (!span.Slice(i, 8).ContainsAnyExcept(s_base64Chars))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Words joined into one token so that phrase rules miss them (<c>ignore_all_previous_instructions</c>,
    /// <c>Ignore.all.previous.instructions</c>, <c>IgnoreAllPreviousInstructions</c>): a token of three or more parts, split
    /// at <c>.</c>, <c>_</c>, <c>-</c> and lower-to-upper-case steps, all of them words of <see cref="AttackVocabulary"/>,
    /// is decoded to the words with spaces (encoding <c>joined-words</c>). Identifiers with any other part
    /// (<c>ignore_previous_errors</c>, <c>www.example.com</c>) are left alone.
    /// </summary>
    private static void FindJoinedWords(ReadOnlySpan<char> span, ref List<DecodedSegment>? result, ref int budget)
    {
        var i = 1;
        while (budget > 0 && (result?.Count ?? 0) < MaxSegmentsPerLayer)
        {
            var at = NextJoin(span, i);
            if (at < 0)
            {
                return;
            }

            var start = at;
            while (start > 0 && IsJoinedWordChar(span[start - 1]))
            {
                start--;
            }

            var end = at;
            while (end < span.Length && IsJoinedWordChar(span[end]))
            {
                end++;
            }

            i = end + 1;
            if (end - start <= MaxJoinedToken && TrySplitJoinedWords(span[start..end], out var phrase))
            {
                Add(ref result, ref budget, new DecodedSegment(start, end, phrase, "joined-words"));
            }
        }
    }

    /// <summary>
    /// The next position at or after <paramref name="from"/> (≥ 1) where two words are joined: an upper-case letter after
    /// a lower-case one, or <c>.</c>, <c>_</c> or <c>-</c> between two letters; -1 when there is none. Vectorised, so
    /// prose, which has almost none, costs next to nothing.
    /// </summary>
    internal static int NextJoin(ReadOnlySpan<char> span, int from)
    {
        var i = from;
        if (Vector256.IsHardwareAccelerated)
        {
            // Reads span[i - 1 .. i + 16]: in bounds while i ≥ 1 and i + 17 ≤ span.Length.
            ref var start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(span));
            for (; i + Vector256<ushort>.Count + 1 <= span.Length; i += Vector256<ushort>.Count)
            {
                var current = Vector256.LoadUnsafe(ref start, (nuint)i);
                var previous = Vector256.LoadUnsafe(ref start, (nuint)(i - 1));
                var following = Vector256.LoadUnsafe(ref start, (nuint)(i + 1));
                var lowerPrevious = Vector256.LessThan(previous - Vector256.Create((ushort)'a'), Vector256.Create((ushort)26));
                var letterPrevious = lowerPrevious | Vector256.LessThan(previous - Vector256.Create((ushort)'A'), Vector256.Create((ushort)26));
                var letterFollowing = Vector256.LessThan((following | Vector256.Create((ushort)0x20)) - Vector256.Create((ushort)'a'), Vector256.Create((ushort)26));
                var upper = Vector256.LessThan(current - Vector256.Create((ushort)'A'), Vector256.Create((ushort)26));
                var joiner = Vector256.Equals(current, Vector256.Create((ushort)'.')) | Vector256.Equals(current, Vector256.Create((ushort)'_')) | Vector256.Equals(current, Vector256.Create((ushort)'-'));
                var mask = ((upper & lowerPrevious) | (joiner & letterPrevious & letterFollowing)).ExtractMostSignificantBits();
                if (mask != 0)
                {
                    return i + BitOperations.TrailingZeroCount(mask);
                }
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            ref var start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(span));
            for (; i + Vector128<ushort>.Count + 1 <= span.Length; i += Vector128<ushort>.Count)
            {
                var current = Vector128.LoadUnsafe(ref start, (nuint)i);
                var previous = Vector128.LoadUnsafe(ref start, (nuint)(i - 1));
                var following = Vector128.LoadUnsafe(ref start, (nuint)(i + 1));
                var lowerPrevious = Vector128.LessThan(previous - Vector128.Create((ushort)'a'), Vector128.Create((ushort)26));
                var letterPrevious = lowerPrevious | Vector128.LessThan(previous - Vector128.Create((ushort)'A'), Vector128.Create((ushort)26));
                var letterFollowing = Vector128.LessThan((following | Vector128.Create((ushort)0x20)) - Vector128.Create((ushort)'a'), Vector128.Create((ushort)26));
                var upper = Vector128.LessThan(current - Vector128.Create((ushort)'A'), Vector128.Create((ushort)26));
                var joiner = Vector128.Equals(current, Vector128.Create((ushort)'.')) | Vector128.Equals(current, Vector128.Create((ushort)'_')) | Vector128.Equals(current, Vector128.Create((ushort)'-'));
                var mask = ((upper & lowerPrevious) | (joiner & letterPrevious & letterFollowing)).ExtractMostSignificantBits();
                if (mask != 0)
                {
                    return i + BitOperations.TrailingZeroCount(mask);
                }
            }
        }

        for (; i < span.Length; i++)
        {
            var c = span[i];
            var p = span[i - 1];
            if ((char.IsAsciiLetterUpper(c) && char.IsAsciiLetterLower(p))
                || (c is '.' or '_' or '-' && char.IsAsciiLetter(p) && i + 1 < span.Length && char.IsAsciiLetter(span[i + 1])))
            {
                return i;
            }
        }

        return -1;
    }

    private const int MaxJoinedToken = 128;

    private static bool IsJoinedWordChar(char c) => char.IsAsciiLetter(c) || c is '.' or '_' or '-';

    internal static bool TrySplitJoinedWords(ReadOnlySpan<char> token, out string phrase)
    {
        phrase = string.Empty;

        // Most joined tokens of prose and code ("items.Where", "global.json", "created_at") have two parts: no phrase,
        // whatever the parts are. Counted first, without a look-up.
        if (!HasThreeParts(token))
        {
            return false;
        }

        Span<char> lower = stackalloc char[MaxJoinedToken];
        Span<char> words = stackalloc char[MaxJoinedToken * 2];
        var length = 0;
        var parts = 0;
        var k = 0;
        while (k < token.Length)
        {
            // One part: letters up to a joiner or a lower-to-upper-case step (a run of capitals is one part).
            var from = k;
            k++;
            while (k < token.Length && char.IsAsciiLetter(token[k]) && !(char.IsAsciiLetterUpper(token[k]) && char.IsAsciiLetterLower(token[k - 1])))
            {
                k++;
            }

            var part = token[from..k];
            if (!char.IsAsciiLetter(part[0]) || part.Length > 16)
            {
                return false;
            }

            var folded = lower[..part.Length];
            for (var c = 0; c < part.Length; c++)
            {
                folded[c] = char.ToLowerInvariant(part[c]);
            }

            if (!AttackVocabulary.Contains(folded))
            {
                return false;
            }

            if (parts > 0)
            {
                words[length++] = ' ';
            }

            part.CopyTo(words[length..]);
            length += part.Length;
            parts++;
            if (k < token.Length && !char.IsAsciiLetter(token[k]))
            {
                k++; // the joiner; a trailing or doubled one makes an empty part, which fails above
                if (k == token.Length)
                {
                    return false;
                }
            }
        }

        if (parts < 3)
        {
            return false;
        }

        phrase = new string(words[..length]);
        return true;
    }

    // Whether the split below reaches a third part (the same steps, without the checks that fail a part).
    private static bool HasThreeParts(ReadOnlySpan<char> token)
    {
        var parts = 0;
        var k = 0;
        while (k < token.Length)
        {
            k++;
            while (k < token.Length && char.IsAsciiLetter(token[k]) && !(char.IsAsciiLetterUpper(token[k]) && char.IsAsciiLetterLower(token[k - 1])))
            {
                k++;
            }

            if (++parts == 3)
            {
                return true;
            }

            if (k < token.Length && !char.IsAsciiLetter(token[k]))
            {
                k++;
            }
        }

        return false;
    }

    /// <summary>Adds a decoded segment and charges its length to the decode budget.</summary>
    internal static void Add(ref List<DecodedSegment>? result, ref int budget, DecodedSegment segment)
    {
        result ??= [];
        result.Add(segment);
        budget -= segment.Text.Length;
    }

    /// <summary>Decodes a base64 or base64url run (padding optional) into printable UTF-8 text.</summary>
    internal static bool TryDecodeBase64(ReadOnlySpan<char> run, out string text, out int offset, out int used)
    {
        text = string.Empty;
        offset = 0;
        used = 0;

        // A run may start with '-'/'_' separators or carry '=' only at the end.
        while (run.Length > 0 && run[0] is '-' or '_' or '=')
        {
            run = run[1..];
            offset++;
        }

        // '=' inside a run separates pieces ("key=<base64>", "<base64>==<base64>"): keep the longest piece with its padding.
        var equals = run.IndexOf('=');
        if (equals >= 0 && run[equals..].ContainsAnyExcept('='))
        {
            var bestStart = 0;
            var bestLength = 0;
            var pieceStart = 0;
            var i = 0;
            while (i <= run.Length)
            {
                if (i == run.Length || run[i] == '=')
                {
                    var padEnd = i;
                    while (padEnd < run.Length && run[padEnd] == '=')
                    {
                        padEnd++;
                    }

                    if (padEnd - pieceStart > bestLength)
                    {
                        bestStart = pieceStart;
                        bestLength = padEnd - pieceStart;
                    }

                    pieceStart = padEnd;
                    i = padEnd + 1;
                    continue;
                }

                i++;
            }

            run = run.Slice(bestStart, bestLength);
            offset += bestStart;
            equals = run.IndexOf('=');
        }

        if (equals >= 0 && run.Length - equals > 2)
        {
            run = run[..equals];
        }

        var body = run.TrimEnd('=');
        if (body.Length < MinBase64 || body.Length % 4 == 1)
        {
            return false;
        }

        // Base64 needs both letter cases or digits; an all-lowercase word run is prose, not base64.
        var hasUpper = body.ContainsAnyInRange('A', 'Z');
        var hasLower = body.ContainsAnyInRange('a', 'z');
        if (!(hasUpper && hasLower))
        {
            return false;
        }

        var urlSafe = body.ContainsAny('-', '_');
        if (urlSafe && body.ContainsAny('+', '/'))
        {
            return false;
        }

        var byteCount = body.Length * 3 / 4;
        var rented = ArrayPool<byte>.Shared.Rent(byteCount + 3);
        try
        {
            int written;
            if (urlSafe)
            {
                if (Base64Url.DecodeFromChars(body, rented, out _, out written) != OperationStatus.Done)
                {
                    return false;
                }
            }
            else
            {
                // Decoded from the span (no copy of a long run): whole quanta first, then the last 2–3 characters padded.
                var whole = body.Length - (body.Length % 4);
                if (!Convert.TryFromBase64Chars(body[..whole], rented, out written))
                {
                    return false;
                }

                if (whole < body.Length)
                {
                    Span<char> last = ['=', '=', '=', '='];
                    body[whole..].CopyTo(last);
                    if (!Convert.TryFromBase64Chars(last, rented.AsSpan(written), out var tail))
                    {
                        return false;
                    }

                    written += tail;
                }
            }

            if (!TryPrintableUtf8(rented.AsSpan(0, written), out text))
            {
                return false;
            }

            used = run.Length;
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool TryDecodeHex(ReadOnlySpan<char> run, out string text)
    {
        text = string.Empty;
        var bytes = ArrayPool<byte>.Shared.Rent(run.Length / 2);
        try
        {
            var n = run.Length / 2;
            for (var i = 0; i < n; i++)
            {
                bytes[i] = (byte)((HexValue(run[2 * i]) << 4) | HexValue(run[(2 * i) + 1]));
            }

            return TryPrintableUtf8(bytes.AsSpan(0, n), out text);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;

    /// <summary>Decodes bytes as strict UTF-8 and accepts them when at least 90 % of the characters are printable (or whitespace).</summary>
    internal static bool TryPrintableUtf8(ReadOnlySpan<byte> bytes, out string text)
    {
        text = string.Empty;
        if (bytes.IsEmpty)
        {
            return false;
        }

        try
        {
            text = s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var printable = 0;
        foreach (var c in text)
        {
            if (c >= 0x20 ? c != 0x7F && c != 0xFFFD : c is '\t' or '\n' or '\r')
            {
                printable++;
            }
        }

        return printable * 10 >= text.Length * 9;
    }

    // Percent-encoding, HTML entities and \uXXXX / \xHH escapes: decode each whitespace-delimited run that holds at least two escapes.
    private static void FindEscapes(string text, ref List<DecodedSegment>? result, ref int budget)
    {
        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length && budget > 0 && (result?.Count ?? 0) < MaxSegmentsPerLayer)
        {
            var next = span[i..].IndexOfAny(s_triggers);
            if (next < 0)
            {
                return;
            }

            var at = i + next;
            var start = at;
            while (start > 0 && !char.IsWhiteSpace(span[start - 1]) && span[start - 1] is not ('"' or '\'' or '<' or '>' or '(' or ')'))
            {
                start--;
            }

            var end = at;
            while (end < span.Length && !char.IsWhiteSpace(span[end]) && span[end] is not ('"' or '\'' or '<' or '>' or '(' or ')'))
            {
                end++;
            }

            i = Math.Max(end, at + 1);
            var run = span[start..end];
            string? decoded = null;
            string? encoding = null;
            if (CountPercent(run) >= 2)
            {
                decoded = PercentDecode(run);
                encoding = "percent";
            }
            else if (CountEntities(run) >= 2 || (run.Length > 0 && CountEntities(run) >= 1 && run.Contains("&#", StringComparison.Ordinal)))
            {
                decoded = WebUtility.HtmlDecode(run.ToString());
                encoding = "html";
            }
            else if (CountEscapes(run) >= 2)
            {
                decoded = UnescapeBackslash(run);
                encoding = "escape";
            }

            if (decoded is not null && !decoded.AsSpan().SequenceEqual(run) && decoded.Length > 0)
            {
                Add(ref result, ref budget, new DecodedSegment(start, end, decoded, encoding!));
            }
        }
    }

    private static int CountPercent(ReadOnlySpan<char> run)
    {
        var n = 0;
        for (var k = 0; k + 2 < run.Length; k++)
        {
            if (run[k] == '%' && s_hexChars.Contains(run[k + 1]) && s_hexChars.Contains(run[k + 2]))
            {
                n++;
            }
        }

        return n;
    }

    private static int CountEntities(ReadOnlySpan<char> run)
    {
        var n = 0;
        for (var k = 0; k < run.Length; k++)
        {
            if (run[k] != '&')
            {
                continue;
            }

            var semi = run[k..].IndexOf(';');
            if (semi > 1 && semi <= 10)
            {
                n++;
            }
        }

        return n;
    }

    private static int CountEscapes(ReadOnlySpan<char> run)
    {
        var n = 0;
        for (var k = 0; k + 3 < run.Length; k++)
        {
            if (run[k] == '\\' && (run[k + 1] is 'u' or 'U' or 'x' or 'X') && s_hexChars.Contains(run[k + 2]) && s_hexChars.Contains(run[k + 3]))
            {
                n++;
            }
        }

        return n;
    }

    private static string PercentDecode(ReadOnlySpan<char> run)
    {
        // Decode %HH as UTF-8 bytes; '+' stays (it is only a space in form bodies).
        var bytes = new List<byte>(run.Length);
        var sb = new StringBuilder(run.Length);
        for (var k = 0; k < run.Length; k++)
        {
            if (run[k] == '%' && k + 2 < run.Length && s_hexChars.Contains(run[k + 1]) && s_hexChars.Contains(run[k + 2]))
            {
                bytes.Add((byte)((HexValue(run[k + 1]) << 4) | HexValue(run[k + 2])));
                k += 2;
                continue;
            }

            Flush(bytes, sb);
            sb.Append(run[k]);
        }

        Flush(bytes, sb);
        return sb.ToString();

        static void Flush(List<byte> bytes, StringBuilder sb)
        {
            if (bytes.Count > 0)
            {
                sb.Append(Encoding.UTF8.GetString([.. bytes]));
                bytes.Clear();
            }
        }
    }

    private static string UnescapeBackslash(ReadOnlySpan<char> run)
    {
        var sb = new StringBuilder(run.Length);
        for (var k = 0; k < run.Length; k++)
        {
            if (run[k] == '\\' && k + 1 < run.Length)
            {
                var kind = run[k + 1];
                var digits = kind is 'u' or 'U' ? 4 : kind is 'x' or 'X' ? 2 : 0;
                if (digits > 0 && k + 1 + digits < run.Length + 0 && k + 2 + digits <= run.Length
                    && int.TryParse(run.Slice(k + 2, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
                {
                    sb.Append((char)value);
                    k += 1 + digits;
                    continue;
                }
            }

            sb.Append(run[k]);
        }

        return sb.ToString();
    }
}
