using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AegisGate.Detection.Engine;

/// <summary>
/// A numeric candidate: digit groups joined by short separators, possibly glued to letters (<c>DE89 3704 0044</c>,
/// <c>+1 (555) 010-9999</c>, <c>HRB 1234</c>). <paramref name="GroupDigits"/> and <paramref name="GroupLetters"/> pack
/// the digit and letter count of each group in order (6 bits per group), so a rule can tell whether any run of whole
/// groups has its shape without running its regex.
/// </summary>
internal readonly record struct NumericCandidate(int Start, int End, int Digits, int Letters, int Groups, ulong GroupDigits = 0, ulong GroupLetters = 0)
{
    /// <summary>The most groups a candidate records (two leading letter groups and eight more).</summary>
    public const int MaxGroups = 10;

    /// <summary>Gets the digit count of group <paramref name="index"/>.</summary>
    public int DigitsOf(int index) => (int)((GroupDigits >> (6 * index)) & 63);

    /// <summary>Gets the letter count of group <paramref name="index"/>.</summary>
    public int LettersOf(int index) => (int)((GroupLetters >> (6 * index)) & 63);
}

/// <summary>One layer of scanned text: the canonical input, or text decoded from an encoded segment of a parent layer.</summary>
internal sealed class LayerText
{
    private const int MaxGroupChars = 40;
    private static readonly SearchValues<char> s_separators = SearchValues.Create(" -./:()+");
    private List<NumericCandidate>? _candidates;
    private List<(int Start, int End)>? _windows;
    private readonly (int Start, int End)[] _whole;
    private readonly bool _injectionOnly;

    public LayerText(CanonicalText canonical, int depth, LayerText? parent, int parentStart, int parentEnd, bool parentRangeIsOriginal)
    {
        Canonical = canonical;
        Depth = depth;
        Parent = parent;
        ParentStart = parentStart;
        ParentEnd = parentEnd;
        ParentRangeIsOriginal = parentRangeIsOriginal;
        _whole = [(0, canonical.Text.Length)];
    }

    /// <summary>Gets the windows the current rule runs in: around its keyword hits, or the whole text.</summary>
    public IReadOnlyList<(int Start, int End)> Windows => _windows is { } w ? w : _whole;

    /// <summary>Sets the windows for the next rule (<see langword="null"/>: the whole text).</summary>
    internal void SetWindows(List<(int Start, int End)>? windows) => _windows = windows;

    /// <summary>Gets the canonical text that rules read.</summary>
    public string Text => Canonical.Text;

    public CanonicalText Canonical { get; }

    public int Depth { get; }

    public LayerText? Parent { get; }

    /// <summary>Gets the start of the encoded segment in the parent's canonical text (or the parent's original text).</summary>
    public int ParentStart { get; }

    public int ParentEnd { get; }

    /// <summary>Gets a value indicating whether <see cref="ParentStart"/>/<see cref="ParentEnd"/> index the parent's original text (hidden tag text) rather than its canonical text.</summary>
    public bool ParentRangeIsOriginal { get; }

    /// <summary>Gets the engine state (options such as allowed hosts and canaries) rules may consult.</summary>
    public EngineState? Settings { get; init; }

    /// <summary>Gets the scan's working memory the layer's lists are rented from (none: they are allocated).</summary>
    internal ScanScratch? Scratch { get; init; }

    /// <summary>Gets the encoding this layer was decoded from (for decoded layers).</summary>
    public string? Encoding { get; init; }

    /// <summary>
    /// Gets a value indicating whether only the injection rules read this layer: a cipher reading, or any layer decoded
    /// from one (inherited from the parent).
    /// </summary>
    public bool InjectionOnly
    {
        get => _injectionOnly || (Parent?.InjectionOnly ?? false);
        init => _injectionOnly = value;
    }

    /// <summary>Maps a range of this layer's canonical text to the root layer's original text.</summary>
    public (int Start, int End) MapToRoot(int start, int end)
    {
        if (Parent is null)
        {
            return Canonical.ToOriginal(start, end);
        }

        // A finding inside decoded text covers the whole encoded segment.
        return ParentRangeIsOriginal ? Parent.MapOriginalToRoot(ParentStart, ParentEnd) : Parent.MapToRoot(ParentStart, ParentEnd);
    }

    private (int Start, int End) MapOriginalToRoot(int start, int end)
        => Parent is null ? (start, end) : MapToRoot(0, Text.Length);

    private List<(int Start, int End)>? _longRuns;

    /// <summary>Gets the runs of 15 or more base64url characters (letters, digits, + / = - _), computed once: long tokens, keys, wallets and encoded blobs all live in them.</summary>
    public List<(int Start, int End)> GetLongRuns()
    {
        if (_longRuns is not null)
        {
            return _longRuns;
        }

        var runs = Scratch?.RentRanges() ?? [];
        var span = Text.AsSpan();
        var i = 0;
        while (true)
        {
            var block = Decoders.NextFullBlock(span, i);
            if (block < 0)
            {
                break;
            }

            var start = block;
            while (start > i && Decoders.IsBase64Char(span[start - 1]))
            {
                start--;
            }

            var end = block + 8;
            while (end < span.Length && Decoders.IsBase64Char(span[end]))
            {
                end++;
            }

            runs.Add((start, end));
            i = end;
        }

        return _longRuns = runs;
    }

    /// <summary>Gets the numeric candidates of the layer (computed once).</summary>
    public List<NumericCandidate> GetCandidates() => _candidates ??= Tokenize(Text, Scratch?.RentCandidates() ?? []);

    internal static List<NumericCandidate> Tokenize(ReadOnlySpan<char> text) => Tokenize(text, []);

    internal static List<NumericCandidate> Tokenize(ReadOnlySpan<char> text, List<NumericCandidate> result)
    {
        var i = 0;
        while (i < text.Length)
        {
            var digitAt = NextDigit(text, i);
            if (digitAt < 0)
            {
                break;
            }

            // Back up to the start of the group containing the digit (letters glued to it).
            var start = digitAt;
            while (start > i && char.IsAsciiLetterOrDigit(text[start - 1]) && digitAt - start < MaxGroupChars)
            {
                start--;
            }

            var groups = 0;
            var letters = 0;
            ulong packedDigits = 0;
            ulong packedLetters = 0;

            // Up to two short upper-case letter groups before it ("HRB 1234", "B AB 1234", "APP-456CV").
            for (var k = 0; k < 2; k++)
            {
                var leading = LeadingUpperGroup(text, start, i);
                if (leading < 0)
                {
                    break;
                }

                // Found backwards: shift the groups recorded so far up by one and put this one first.
                packedDigits <<= 6;
                packedLetters = (packedLetters << 6) | (uint)(start - 1 - leading);
                letters += start - 1 - leading;
                groups++;
                start = leading;
            }

            // A leading '+' or '(' belongs to phone numbers.
            if (start > 0 && text[start - 1] is '+' or '(')
            {
                start--;
                if (start > 0 && text[start - 1] == '+')
                {
                    start--;
                }
            }

            var digits = 0;
            var end = start;
            var pos = digitAt;
            while (pos > start && char.IsAsciiLetterOrDigit(text[pos - 1]))
            {
                pos--;
            }

            var lastGroupHadDigit = false;
            var tooLong = false;
            while (pos < text.Length)
            {
                var groupStart = pos;
                var groupDigits = 0;
                var groupLetters = 0;
                while (pos < text.Length && char.IsAsciiLetterOrDigit(text[pos]))
                {
                    if (char.IsAsciiDigit(text[pos]))
                    {
                        groupDigits++;
                    }
                    else
                    {
                        groupLetters++;
                    }

                    pos++;
                }

                var groupLength = pos - groupStart;
                if (groupLength == 0)
                {
                    break;
                }

                if (groupLength > MaxGroupChars)
                {
                    tooLong = true;
                    end = pos;
                    break;
                }

                if (groupDigits == 0)
                {
                    // A short letter group is kept between digit groups (IBAN "GB82 WEST 1234") or, upper-case, at the end ("AB51 ABC").
                    // Lower-case words between numbers are prose ("10 and 200", "2025-03-14 at 10:30"), not part of an identifier,
                    // unless glued with '-', '.' or '/' ("5-may-2021").
                    var joined = groupStart > 0 && text[groupStart - 1] is '-' or '.' or '/';
                    var sandwiched = lastGroupHadDigit && groupLength <= 4 && (char.IsAsciiLetterUpper(text[groupStart]) || joined) && NextGroupHasDigit(text, pos);
                    var trailing = lastGroupHadDigit && groupLength <= 4 && IsUpper(text[groupStart..pos]) && !NextGroupHasDigit(text, pos);
                    if (!sandwiched && !trailing)
                    {
                        break;
                    }

                    packedLetters |= (ulong)(uint)groupLength << (6 * groups);
                    groups++;
                    letters += groupLetters;
                    end = pos;
                    if (trailing)
                    {
                        break;
                    }

                    lastGroupHadDigit = false;
                }
                else
                {
                    packedDigits |= (ulong)(uint)groupDigits << (6 * groups);
                    packedLetters |= (ulong)(uint)groupLetters << (6 * groups);
                    digits += groupDigits;
                    letters += groupLetters;
                    groups++;
                    lastGroupHadDigit = true;
                    end = pos;
                }

                // A candidate holds at most 8 groups / 64 characters: "1234 1234 1234 …" is many candidates, not one.
                if (groups >= 8 || pos - start >= 64)
                {
                    break;
                }

                // Separators: at most two characters from the set, then another group.
                var sep = 0;
                while (pos < text.Length && sep < 2 && s_separators.Contains(text[pos]))
                {
                    pos++;
                    sep++;
                }

                if (sep == 0 || pos >= text.Length || !char.IsAsciiLetterOrDigit(text[pos]))
                {
                    break;
                }
            }

            // A closing parenthesis directly after a group belongs to it: "(555)".
            if (end < text.Length && text[end] == ')' && text[start..end].Contains('('))
            {
                end++;
            }

            if (!tooLong && digits >= 1)
            {
                result.Add(new NumericCandidate(start, end, digits, letters, groups, packedDigits, packedLetters));
            }

            i = Math.Max(end, digitAt + 1);
        }

        return result;
    }

    // The first ASCII digit at or after 'from', or -1: an inlined vector loop (digits in prose are a few dozen characters
    // apart, so a library call per digit costs more than the search).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int NextDigit(ReadOnlySpan<char> text, int from)
    {
        if (Vector256.IsHardwareAccelerated)
        {
            // Bounds: from + 16 <= text.Length, so the 16 chars loaded at from are inside the span.
            ref var first = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
            for (; from + 16 <= text.Length; from += 16)
            {
                var v = Vector256.LoadUnsafe(ref first, (nuint)from);
                var bits = Vector256.LessThan(v - Vector256.Create((ushort)'0'), Vector256.Create((ushort)10)).ExtractMostSignificantBits();
                if (bits != 0)
                {
                    return from + BitOperations.TrailingZeroCount(bits);
                }
            }
        }

        for (; from < text.Length; from++)
        {
            if (char.IsAsciiDigit(text[from]))
            {
                return from;
            }
        }

        return -1;
    }

    // The start of an upper-case letter group of 1–4 letters that ends one separator before 'start', or -1.
    private static int LeadingUpperGroup(ReadOnlySpan<char> text, int start, int floor)
    {
        if (start - 2 < floor || text[start - 1] is not (' ' or '-'))
        {
            return -1;
        }

        var end = start - 1;
        var k = end;
        while (k > floor && char.IsAsciiLetterUpper(text[k - 1]) && end - k < 5)
        {
            k--;
        }

        var length = end - k;
        if (length is < 1 or > 4 || (k > floor && char.IsAsciiLetterOrDigit(text[k - 1])))
        {
            return -1;
        }

        return k;
    }

    private static bool IsUpper(ReadOnlySpan<char> group)
    {
        foreach (var c in group)
        {
            if (!char.IsAsciiLetterUpper(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool NextGroupHasDigit(ReadOnlySpan<char> text, int pos)
    {
        var sep = 0;
        while (pos < text.Length && sep < 2 && s_separators.Contains(text[pos]))
        {
            pos++;
            sep++;
        }

        while (pos < text.Length && char.IsAsciiLetterOrDigit(text[pos]))
        {
            if (char.IsAsciiDigit(text[pos]))
            {
                return true;
            }

            pos++;
        }

        return false;
    }
}

/// <summary>Small text helpers.</summary>
internal static class TextSearch
{
    /// <summary>
    /// The window a rule searches around a keyword hit: <paramref name="before"/> characters before it and
    /// <paramref name="after"/> after it, each edge widened to white space (by at most 64 characters) so that look-arounds
    /// at the edges see what they would see in the whole text.
    /// </summary>
    public static (int Start, int End) HitWindow(string text, int position, int before, int after)
    {
        var start = Math.Max(0, position - before);
        var limit = Math.Max(0, start - 64);
        while (start > limit && !char.IsWhiteSpace(text[start - 1]))
        {
            start--;
        }

        var end = Math.Min(text.Length, position + after);
        var endLimit = Math.Min(text.Length, end + 64);
        while (end < endLimit && !char.IsWhiteSpace(text[end]))
        {
            end++;
        }

        return (start, end);
    }

    /// <summary>Whether <paramref name="word"/> occurs in <paramref name="text"/> as a whole word (case-insensitive): never inside another word.</summary>
    public static bool ContainsWholeWord(ReadOnlySpan<char> text, string word)
    {
        var from = 0;
        while (from <= text.Length - word.Length)
        {
            var i = text[from..].IndexOf(word, StringComparison.OrdinalIgnoreCase);
            if (i < 0)
            {
                return false;
            }

            var start = from + i;
            var end = start + word.Length;
            var leftOk = start == 0 || !char.IsLetterOrDigit(text[start - 1]);
            var rightOk = end == text.Length || !char.IsLetterOrDigit(text[end]);
            if (leftOk && rightOk)
            {
                return true;
            }

            from = start + 1;
        }

        return false;
    }
}
