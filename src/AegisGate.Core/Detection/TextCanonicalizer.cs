using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace AegisGate.Detection;

/// <summary>
/// Turns text into the one canonical form every detector (and the injection model of issue 8) reads, keeping a map
/// from each canonical character back to the original text.
/// </summary>
/// <remarks>
/// <para>The steps, in order, each in a single pass:</para>
/// <list type="number">
/// <item>Strip ASCII control characters other than tab, line feed and carriage return.</item>
/// <item>Strip invisible characters: zero-width and bidi controls, soft hyphen, variation selectors, every other
/// format (Cf), private-use (Co) and unassigned (Cn) code point. Unicode tag characters (U+E0000–U+E007F, "ASCII
/// smuggling") are stripped too, and the ASCII text they spell is kept in <see cref="CanonicalText.HiddenSegments"/>.</item>
/// <item>NFKC per code point (fullwidth, mathematical alphanumerics, ligatures, circled letters and compatibility
/// spaces become their plain forms).</item>
/// <item>Combining marks on Latin, Greek and Cyrillic letters are composed (NFKC) and whatever does not compose is
/// dropped (defeats "Zalgo" text); marks on other scripts are kept.</item>
/// <item>Confusables: within a word that has an ASCII letter, or whose letters are all Latin look-alikes, Cyrillic,
/// Greek, Armenian, small-capital and regional-indicator look-alikes become their ASCII letters (a word of real
/// Cyrillic, such as <c>пароль</c>, stays as it is).</item>
/// <item>Separator obfuscation: four or more single letters joined by one repeated separator (<c>i g n o r e</c>,
/// <c>i.g.n.o.r.e</c>, <c>i-g-n-o-r-e</c>) collapse to the word. A run written with one separator everywhere
/// (<c>i g n o r e a l l p r e v i o u s</c>) gets its word breaks back as spaces when its letters split completely
/// into common English and attack words (<see cref="SpacedRunSegmenter"/>). Digits are never collapsed, so IP
/// addresses and dates keep their dots.</item>
/// <item>Words broken across lines with a hyphen (<c>instruc-⏎tions</c>) are joined when the next line goes on in
/// lower case.</item>
/// <item>Diacritics added to attack words (<c>Ïgnörë prévîöüs ïnstrûctïöns</c>) are removed when the word without them
/// is in <see cref="AttackVocabulary"/>; real words of other languages keep theirs.</item>
/// </list>
/// <para>Case is kept (secrets are case-sensitive). Printable ASCII text with no spaced-out letters is returned
/// as is, without copying.</para>
/// </remarks>
public static class TextCanonicalizer
{
    private const string Separators = " .-_*|/\\+~";

    private static readonly SearchValues<char> s_plainAscii = SearchValues.Create(BuildPlainAscii());
    private static readonly SearchValues<char> s_rareSeparators = SearchValues.Create("*|/\\+~");

    // NFKC of each BMP character, filled on first sight of a character (one ICU call per character per process) in
    // 256-character pages: building it for the whole BMP up front cost ~80 ms at the first non-ASCII text.
    private static readonly string?[]?[] s_bmpNfkcPages = new string?[]?[256];
    private static readonly string s_nfkcIdentity = new('\0', 1);

    // ASCII look-alike of each confusable BMP character ('\0' for none), in 256-character pages (a handful are used).
    private static readonly char[]?[] s_confusables = BuildConfusables();

    /// <summary>Canonicalises a text.</summary>
    /// <param name="text">The original text.</param>
    /// <returns>The canonical text with its offset map.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is <see langword="null"/>.</exception>
    public static CanonicalText Canonicalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = text.AsSpan();
        if (!span.ContainsAnyExcept(s_plainAscii) && FindSpacedRun(span, 0) < 0 && FindLineBreakHyphen(span, 0) < 0)
        {
            return new CanonicalText(text);
        }

        return CanonicalizeSlow(text);
    }

    /// <summary>Returns whether a code point is stripped as invisible (zero-width, bidi, format, private use, unassigned, tag).</summary>
    /// <param name="codePoint">The code point.</param>
    /// <returns><see langword="true"/> when the canonicaliser removes it.</returns>
    public static bool IsInvisible(int codePoint)
    {
        if (codePoint < 0x80)
        {
            return codePoint < 0x20 ? codePoint is not ('\t' or '\n' or '\r') : codePoint == 0x7F;
        }

        if (codePoint is 0xAD or 0x34F or 0x180E or (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0000 and <= 0xE0FFF))
        {
            return true;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(codePoint);
        return category is UnicodeCategory.Format or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.Control or UnicodeCategory.Surrogate;
    }

    private static CanonicalText CanonicalizeSlow(string text)
    {
        var builder = new Builder(text.Length);
        List<HiddenTextSegment>? hidden = null;
        var invisible = 0;
        var tagStart = -1;
        StringBuilder? tagText = null;

        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (c < 0x80)
            {
                FlushTags(i);
                if (c >= 0x20 ? c != 0x7F : c is '\t' or '\n' or '\r')
                {
                    builder.Append(c, i);
                }
                else
                {
                    invisible++;
                }

                i++;
                continue;
            }

            int codePoint;
            int width;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                codePoint = char.ConvertToUtf32(c, text[i + 1]);
                width = 2;
            }
            else
            {
                codePoint = c;
                width = 1;
            }

            if (codePoint is >= 0xE0000 and <= 0xE007F)
            {
                // Unicode tag characters: invisible, but they spell ASCII. Keep what they spell for the decoders.
                if (tagStart < 0)
                {
                    tagStart = i;
                    tagText = new StringBuilder();
                }

                if (codePoint is >= 0xE0020 and <= 0xE007E)
                {
                    tagText!.Append((char)(codePoint - 0xE0000));
                }

                invisible++;
                i += width;
                continue;
            }

            FlushTags(i);
            if (IsInvisible(codePoint))
            {
                invisible++;
                i += width;
                continue;
            }

            var category = CharUnicodeInfo.GetUnicodeCategory(codePoint);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
            {
                i = ComposeMarks(text, i, ref builder, ref invisible);
                continue;
            }

            if (width == 1)
            {
                if (BmpNfkc(c) is { } replacement)
                {
                    builder.Append(replacement, i);
                }
                else
                {
                    builder.Append(c, i);
                }
            }
            else
            {
                var pair = text.Substring(i, 2);
                var normalized = IsNormalizedSafe(pair) ? pair : pair.Normalize(NormalizationForm.FormKC);
                builder.Append(normalized, i);
            }

            i += width;
        }

        FlushTags(text.Length);
        var confusables = FoldConfusables(builder.Buffer.AsSpan(0, builder.Length));
        confusables += FoldDiacriticAttackWords(builder.Buffer.AsSpan(0, builder.Length));
        var collapsed = JoinLineBreakHyphens(ref builder) + CollapseSpacedRuns(ref builder);
        return builder.Build(text, invisible, confusables, collapsed, hidden);

        void FlushTags(int end)
        {
            if (tagStart >= 0)
            {
                if (tagText!.Length > 0)
                {
                    (hidden ??= []).Add(new HiddenTextSegment(tagStart, end, tagText.ToString()));
                }

                tagStart = -1;
                tagText = null;
            }
        }
    }

    private static bool IsNormalizedSafe(string value)
    {
        try
        {
            return value.IsNormalized(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    // A run of combining marks at text[i..]: compose it with the previous output letter (Latin/Greek/Cyrillic) and drop
    // what does not compose; on other scripts keep the marks as they are.
    private static int ComposeMarks(string text, int i, ref Builder builder, ref int invisible)
    {
        var end = i;
        while (end < text.Length)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(text, end);
            if (category is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark))
            {
                break;
            }

            end += char.IsSurrogatePair(text, end) ? 2 : 1;
        }

        if (builder.Length > 0 && builder.Buffer[builder.Length - 1] is var baseChar && baseChar < 0x530 && char.IsLetter(baseChar))
        {
            var segment = string.Concat(baseChar.ToString(), text.AsSpan(i, end - i));
            string composed;
            try
            {
                composed = segment.Normalize(NormalizationForm.FormKC);
            }
            catch (ArgumentException)
            {
                composed = baseChar.ToString();
            }

            var firstKept = -1;
            foreach (var ch in composed)
            {
                var category = CharUnicodeInfo.GetUnicodeCategory(ch);
                if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark)
                {
                    continue;
                }

                firstKept = ch;
                break;
            }

            if (firstKept >= 0)
            {
                builder.Buffer[builder.Length - 1] = (char)firstKept;
            }

            invisible += end - i;
            return end;
        }

        // Other scripts (Devanagari, Thai, Hebrew points...): keep the marks.
        for (var k = i; k < end; k++)
        {
            builder.Append(text[k], k);
        }

        return end;
    }

    /// <summary>
    /// Undoes diacritics added to attack words (<c>Ïgnörë àll prévîöüs ïnstrûctïöns</c>, <c>İgnore</c>): a word with
    /// Latin letters carrying diacritics whose unaccented form is in <see cref="AttackVocabulary"/> loses its
    /// diacritics, one character for one (the map is unchanged). Real words of other languages are kept (<c>für</c>,
    /// <c>número</c>, <c>système</c>), so rules written for them still match.
    /// </summary>
    /// <returns>The number of words folded.</returns>
    private static int FoldDiacriticAttackWords(Span<char> buffer)
    {
        var folded = 0;
        var i = 0;
        Span<char> lower = stackalloc char[MaxFoldedWord];
        while (i < buffer.Length)
        {
            // Find the next letter that carries a diacritic; only its word is looked at.
            var next = buffer[i..].IndexOfAnyInRange('\u00C0', '\u024F');
            if (next < 0)
            {
                break;
            }

            var at = i + next;
            var start = at;
            while (start > 0 && char.IsLetter(buffer[start - 1]))
            {
                start--;
            }

            var end = at;
            while (end < buffer.Length && char.IsLetter(buffer[end]))
            {
                end++;
            }

            i = Math.Max(end, at + 1);
            var length = end - start;
            if (length < 2 || length > MaxFoldedWord)
            {
                continue;
            }

            var ascii = true;
            for (var k = 0; k < length && ascii; k++)
            {
                var c = buffer[start + k];
                var b = c < 0x80 ? c : c is >= '\u00C0' and <= '\u024F' ? s_diacriticBase[c - 0xC0] : '\0';
                ascii = char.IsAsciiLetter(b);
                lower[k] = char.ToLowerInvariant(b);
            }

            if (!ascii || !AttackVocabulary.Contains(lower[..length]))
            {
                continue;
            }

            for (var k = start; k < end; k++)
            {
                if (buffer[k] >= 0x80)
                {
                    buffer[k] = s_diacriticBase[buffer[k] - 0xC0];
                }
            }

            folded++;
        }

        return folded;
    }

    private const int MaxFoldedWord = 24;

    // The unaccented ASCII letter of each Latin-1 Supplement and Latin Extended-A/B letter (canonical decomposition's
    // base, plus ø, ł, đ, ħ, ı, ŧ, ƀ and the like), or '\0' when there is none (æ, ß, þ, symbols).
    private static readonly char[] s_diacriticBase = BuildDiacriticBase();

    private static char[] BuildDiacriticBase()
    {
        var table = new char[0x24F - 0xC0 + 1];
        for (var c = 0xC0; c <= 0x24F; c++)
        {
            var decomposed = ((char)c).ToString().Normalize(NormalizationForm.FormD);
            table[c - 0xC0] = decomposed.Length > 0 && char.IsAsciiLetter(decomposed[0]) ? decomposed[0] : '\0';
        }

        foreach (var (from, to) in new[] { ('ø', 'o'), ('Ø', 'O'), ('ł', 'l'), ('Ł', 'L'), ('đ', 'd'), ('Đ', 'D'), ('ħ', 'h'), ('Ħ', 'H'), ('ı', 'i'), ('ŧ', 't'), ('Ŧ', 'T'), ('ƀ', 'b'), ('ƚ', 'l') })
        {
            table[from - 0xC0] = to;
        }

        return table;
    }

    private static int FoldConfusables(Span<char> buffer)
    {
        var folded = 0;
        var i = 0;
        while (i < buffer.Length)
        {
            if (!IsWordChar(buffer[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var hasAscii = false;
            var hasConfusable = false;
            var allConfusableOrAscii = true;
            while (i < buffer.Length && IsWordChar(buffer[i]))
            {
                var ch = buffer[i];
                if (ch < 0x80)
                {
                    hasAscii |= char.IsAsciiLetter(ch);
                }
                else if (Confusable(ch) != '\0')
                {
                    hasConfusable = true;
                }
                else if (char.IsLetter(ch))
                {
                    allConfusableOrAscii = false;
                }

                i++;
            }

            if (hasConfusable && (hasAscii || allConfusableOrAscii))
            {
                for (var k = start; k < i; k++)
                {
                    if (buffer[k] >= 0x80 && Confusable(buffer[k]) is var ascii and not '\0')
                    {
                        buffer[k] = ascii;
                        folded++;
                    }
                }
            }
        }

        return folded;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWordChar(char c) => c < 0x80 ? char.IsAsciiLetterOrDigit(c) : char.IsLetterOrDigit(c) || Confusable(c) != '\0';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static char Confusable(char c) => s_confusables[c >> 8] is { } page ? page[c & 0xFF] : '\0';

    /// <summary>
    /// The next word broken across lines with a hyphen (<c>instruc-⏎tions</c>, as text extracted from documents has
    /// it) at or after <paramref name="from"/>: a letter, <c>-</c>, a line break, optional spaces or tabs, then a
    /// lower-case letter. Returns the position of the hyphen, or -1.
    /// </summary>
    internal static int FindLineBreakHyphen(ReadOnlySpan<char> text, int from)
    {
        // Each "-\n" or "-\r\n" ends at a line feed: find those and look back (cheaper to set up than a string search).
        var i = from;
        while (i < text.Length)
        {
            var next = text[i..].IndexOf('\n');
            if (next < 0)
            {
                return -1;
            }

            var lineFeed = i + next;
            var at = lineFeed >= 1 && text[lineFeed - 1] == '-' ? lineFeed - 1
                : lineFeed >= 2 && text[lineFeed - 1] == '\r' && text[lineFeed - 2] == '-' ? lineFeed - 2
                : -1;
            if (at >= from && LineBreakHyphenLength(text, at) > 0)
            {
                return at;
            }

            i = lineFeed + 1;
        }

        return -1;
    }

    // The characters from the hyphen to the first letter of the next line (0 when text[at] does not start one).
    private static int LineBreakHyphenLength(ReadOnlySpan<char> text, int at)
    {
        if (at == 0 || !char.IsLetter(text[at - 1]) || text[at] != '-')
        {
            return 0;
        }

        var k = at + 1;
        if (k < text.Length && text[k] == '\r')
        {
            k++;
        }

        if (k >= text.Length || text[k] != '\n')
        {
            return 0;
        }

        k++;
        while (k < text.Length && k - at < 64 && text[k] is ' ' or '\t')
        {
            k++;
        }

        return k < text.Length && char.IsLower(text[k]) ? k - at : 0;
    }

    // Joins words broken across lines with a hyphen: the hyphen, the line break and the next line's indentation are dropped.
    private static int JoinLineBreakHyphens(ref Builder builder)
    {
        var span = builder.Buffer.AsSpan(0, builder.Length);
        var position = FindLineBreakHyphen(span, 0);
        if (position < 0)
        {
            return 0;
        }

        var joined = 0;
        var write = position;
        var read = position;
        var buffer = builder.Buffer;
        var map = builder.Map;
        while (read < builder.Length)
        {
            var drop = buffer[read] == '-' ? LineBreakHyphenLength(buffer.AsSpan(0, builder.Length), read) : 0;
            if (drop > 0)
            {
                read += drop;
                joined++;
                continue;
            }

            buffer[write] = buffer[read];
            map[write] = map[read];
            write++;
            read++;
        }

        builder.Length = write;
        return joined;
    }

    private static int CollapseSpacedRuns(ref Builder builder)
    {
        var span = builder.Buffer.AsSpan(0, builder.Length);
        var position = FindSpacedRun(span, 0);
        if (position < 0)
        {
            return 0;
        }

        var runs = 0;
        var write = 0;
        var read = 0;
        var buffer = builder.Buffer;
        Span<char> letters = stackalloc char[SpacedRunSegmenter.MaxLetters];
        Span<bool> breakBefore = stackalloc bool[SpacedRunSegmenter.MaxLetters];
        var map = builder.Map;
        while (position >= 0)
        {
            // Copy everything before the run.
            while (read < position)
            {
                buffer[write] = buffer[read];
                map[write] = map[read];
                write++;
                read++;
            }

            // The run's letters are at position, position + 2, …; its separators between them.
            var separator = buffer[position + 1];
            var count = 1;
            for (var r = position + 1; r + 1 < builder.Length && buffer[r] == separator && char.IsLetter(buffer[r + 1])
                && (r + 2 >= builder.Length || !IsRunLetterContinuation(buffer[r + 2])); r += 2)
            {
                count++;
            }

            // A run written with one separator everywhere ("i g n o r e a l l") gets its word breaks back as spaces,
            // each mapped to the separator it replaces; a run that does not split into known words stays one word.
            var segmented = false;
            if (count <= SpacedRunSegmenter.MaxLetters)
            {
                for (var k = 0; k < count; k++)
                {
                    letters[k] = char.ToLowerInvariant(buffer[position + (2 * k)]);
                }

                segmented = SpacedRunSegmenter.TrySegment(letters[..count], breakBefore);
            }

            for (var k = 0; k < count; k++)
            {
                if (k > 0)
                {
                    // read is at the separator before letter k: keep it as a word break or drop it.
                    if (segmented && breakBefore[k])
                    {
                        var separatorMap = map[read];
                        buffer[write] = ' ';
                        map[write] = separatorMap;
                        write++;
                    }

                    read++;
                }

                buffer[write] = buffer[read];
                map[write] = map[read];
                write++;
                read++;
            }

            runs++;
            position = FindSpacedRun(buffer.AsSpan(0, builder.Length), read);
        }

        while (read < builder.Length)
        {
            buffer[write] = buffer[read];
            map[write] = map[read];
            write++;
            read++;
        }

        builder.Length = write;
        return runs;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsRunLetterContinuation(char c) => char.IsLetterOrDigit(c);

    /// <summary>
    /// Finds the start of four or more single letters joined by one repeated separator (<c>a b c d</c>), at or after
    /// <paramref name="from"/>. A vector pass looks for "separator, one char, same separator" and only those spots are
    /// checked one by one, so ordinary prose costs next to nothing.
    /// </summary>
    internal static int FindSpacedRun(ReadOnlySpan<char> text, int from)
    {
        var i = from;
        var limit = text.Length - 2;
        if (Vector128.IsHardwareAccelerated)
        {
            var space = Vector128.Create((ushort)' ');
            var dot = Vector128.Create((ushort)'.');
            var dash = Vector128.Create((ushort)'-');
            var underscore = Vector128.Create((ushort)'_');
            ref var start = ref Unsafe.As<char, ushort>(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(text));
            while (i + Vector128<ushort>.Count + 2 <= text.Length)
            {
                var v0 = Vector128.LoadUnsafe(ref start, (nuint)i);
                var v2 = Vector128.LoadUnsafe(ref start, (nuint)(i + 2));
                var same = Vector128.Equals(v0, v2);
                if (same != Vector128<ushort>.Zero)
                {
                    var isSep = Vector128.Equals(v0, space) | Vector128.Equals(v0, dot) | Vector128.Equals(v0, dash) | Vector128.Equals(v0, underscore);
                    var hit = (same & isSep).ExtractMostSignificantBits();
                    if (hit == 0)
                    {
                        // Rare separators (* | / \ + ~) are checked by the scalar fallback below only when present.
                        if ((same & ~isSep) != Vector128<ushort>.Zero && text.Slice(i, Vector128<ushort>.Count).ContainsAny(s_rareSeparators))
                        {
                            for (var k = 0; k < Vector128<ushort>.Count; k++)
                            {
                                var run = CheckRunAt(text, i + k);
                                if (run >= 0)
                                {
                                    return run;
                                }
                            }
                        }
                    }
                    else
                    {
                        while (hit != 0)
                        {
                            var k = System.Numerics.BitOperations.TrailingZeroCount(hit);
                            var run = CheckRunAt(text, i + k);
                            if (run >= 0)
                            {
                                return run;
                            }

                            hit &= hit - 1;
                        }
                    }
                }

                i += Vector128<ushort>.Count;
            }
        }

        for (; i < limit; i++)
        {
            var run = CheckRunAt(text, i);
            if (run >= 0)
            {
                return run;
            }
        }

        return -1;
    }

    // text[p] and text[p + 2] are the same separator: is there a run "L s L s L s L" through it? Returns the run's first letter.
    private static int CheckRunAt(ReadOnlySpan<char> text, int p)
    {
        if (p + 2 >= text.Length || Separators.IndexOf(text[p]) < 0 || text[p + 2] != text[p] || !char.IsLetter(text[p + 1]))
        {
            return -1;
        }

        var separator = text[p];

        // Walk back to the first letter of the run.
        var first = p + 1;
        while (first - 2 >= 0 && text[first - 1] == separator && char.IsLetter(text[first - 2]) && (first - 3 < 0 || !IsRunLetterContinuation(text[first - 3])))
        {
            first -= 2;
        }

        if (first - 1 >= 0 && IsRunLetterContinuation(text[first - 1]))
        {
            return -1;
        }

        // Count forward.
        var count = 1;
        var k = first;
        while (k + 2 < text.Length && text[k + 1] == separator && char.IsLetter(text[k + 2]) && (k + 3 >= text.Length || !IsRunLetterContinuation(text[k + 3])))
        {
            k += 2;
            count++;
        }

        return count >= 4 ? first : -1;
    }

    private static string BuildPlainAscii()
    {
        var chars = new char[0x7F - 0x20 + 3];
        var n = 0;
        for (var c = (char)0x20; c < 0x7F; c++)
        {
            chars[n++] = c;
        }

        chars[n++] = '\t';
        chars[n++] = '\n';
        chars[n] = '\r';
        return new string(chars);
    }

    /// <summary>The NFKC replacement of a BMP character (combining marks it leaves dropped), or <see langword="null"/> when it is its own.</summary>
    internal static string? BmpNfkc(char c)
    {
        var page = Volatile.Read(ref s_bmpNfkcPages[c >> 8]);
        if (page is null)
        {
            Interlocked.CompareExchange(ref s_bmpNfkcPages[c >> 8], new string?[256], null);
            page = Volatile.Read(ref s_bmpNfkcPages[c >> 8])!;
        }

        // Benign race: two threads compute the same immutable value.
        var entry = Volatile.Read(ref page[c & 0xFF]);
        if (entry is null)
        {
            entry = ComputeBmpNfkc(c) ?? s_nfkcIdentity;
            Volatile.Write(ref page[c & 0xFF], entry);
        }

        return ReferenceEquals(entry, s_nfkcIdentity) ? null : entry;
    }

    internal static string? ComputeBmpNfkc(char c)
    {
        if (c < 0x80 || char.IsSurrogate(c))
        {
            return null;
        }

        var s = c.ToString();
        string normalized;
        try
        {
            if (s.IsNormalized(NormalizationForm.FormKC))
            {
                return null;
            }

            normalized = s.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            return null;
        }

        // A decomposition that leaves combining marks (e.g. U+00A8 diaeresis → space + U+0308) keeps only its base.
        var sb = new StringBuilder(normalized.Length);
        foreach (var ch in normalized)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(ch);
            if (category is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark))
            {
                sb.Append(ch);
            }
        }

        return sb.ToString();
    }

    private static char[]?[] BuildConfusables()
    {
        // Look-alikes of ASCII letters (UTS #39 confusables, Latin/Cyrillic/Greek/Armenian subset, plus small capitals).
        var pairs = new (string From, string To)[]
        {
            ("аӓ", "a"), ("в", "b"), ("ԁ", "d"), ("еёє", "e"), ("һ", "h"), ("іїӏ", "i"), ("ј", "j"), ("к", "k"),
            ("о", "o"), ("р", "p"), ("ԛ", "q"), ("ѕ", "s"), ("с", "c"), ("у", "y"), ("х", "x"), ("ԝ", "w"), ("ь", "b"),
            ("АӒ", "A"), ("В", "B"), ("ЕЁЄ", "E"), ("Н", "H"), ("ІЇӀ", "I"), ("Ј", "J"), ("К", "K"), ("М", "M"),
            ("О", "O"), ("Р", "P"), ("С", "C"), ("Т", "T"), ("Х", "X"), ("УҮ", "Y"), ("Ѕ", "S"), ("Ԛ", "Q"), ("Ԝ", "W"), ("Һ", "H"),
            ("α", "a"), ("ο", "o"), ("ρ", "p"), ("ν", "v"), ("υ", "u"), ("ι", "i"), ("κ", "k"), ("χ", "x"), ("ϲ", "c"), ("ϳ", "j"),
            ("Α", "A"), ("Β", "B"), ("Ε", "E"), ("Ζ", "Z"), ("Η", "H"), ("Ι", "I"), ("Κ", "K"), ("Μ", "M"), ("Ν", "N"),
            ("Ο", "O"), ("Ρ", "P"), ("Τ", "T"), ("Υ", "Y"), ("Χ", "X"), ("Ϲ", "C"),
            ("օ", "o"), ("ս", "u"), ("ց", "g"), ("հ", "h"), ("ո", "n"), ("ա", "w"),
            ("ıɩ", "i"), ("ɑ", "a"), ("ɡ", "g"), ("ʏ", "y"), ("ȷ", "j"),
            ("ᴀ", "a"), ("ʙ", "b"), ("ᴄ", "c"), ("ᴅ", "d"), ("ᴇ", "e"), ("ꜰ", "f"), ("ɢ", "g"), ("ʜ", "h"), ("ɪ", "i"),
            ("ᴊ", "j"), ("ᴋ", "k"), ("ʟ", "l"), ("ᴍ", "m"), ("ɴ", "n"), ("ᴏ", "o"), ("ᴘ", "p"), ("ʀ", "r"), ("ꜱ", "s"),
            ("ᴛ", "t"), ("ᴜ", "u"), ("ᴠ", "v"), ("ᴡ", "w"), ("ᴢ", "z"),
        };
        var pages = new char[]?[256];
        foreach (var (from, to) in pairs)
        {
            foreach (var ch in from)
            {
                (pages[ch >> 8] ??= new char[256])[ch & 0xFF] = to[0];
            }
        }

        return pages;
    }

    private struct Builder
    {
        public char[] Buffer;
        public int[] Map;
        public int Length;

        public Builder(int capacity)
        {
            Buffer = new char[Math.Max(16, capacity + 8)];
            Map = new int[Buffer.Length];
            Length = 0;
        }

        public void Append(char c, int originalIndex)
        {
            if (Length == Buffer.Length)
            {
                Grow();
            }

            Buffer[Length] = c;
            Map[Length] = originalIndex;
            Length++;
        }

        public void Append(string s, int originalIndex)
        {
            foreach (var c in s)
            {
                Append(c, originalIndex);
            }
        }

        public readonly CanonicalText Build(string original, int invisible, int confusables, int collapsed, List<HiddenTextSegment>? hidden)
        {
            var text = new string(Buffer, 0, Length);
            if (invisible == 0 && confusables == 0 && collapsed == 0 && hidden is null && text.Length == original.Length && string.Equals(text, original, StringComparison.Ordinal))
            {
                return new CanonicalText(original);
            }

            var map = new int[Length];
            Array.Copy(Map, map, Length);
            return new CanonicalText(original, text, map, invisible, confusables, collapsed, hidden);
        }

        private void Grow()
        {
            var size = Buffer.Length * 2;
            Array.Resize(ref Buffer, size);
            Array.Resize(ref Map, size);
        }
    }
}

/// <summary>Text the canonicaliser removed as invisible but which spelled something (Unicode tag characters).</summary>
/// <param name="Start">The start offset in the original text.</param>
/// <param name="End">The end offset (exclusive) in the original text.</param>
/// <param name="Text">The ASCII text the tag characters spell.</param>
public readonly record struct HiddenTextSegment(int Start, int End, string Text);

/// <summary>The canonical form of a text (<see cref="TextCanonicalizer"/>) and its map back to the original.</summary>
public sealed class CanonicalText
{
    private readonly int[]? _map;

    internal CanonicalText(string original)
    {
        Original = original;
        Text = original;
        HiddenSegments = [];
    }

    internal CanonicalText(string original, string text, int[] map, int invisible, int confusables, int collapsed, List<HiddenTextSegment>? hidden)
    {
        Original = original;
        Text = text;
        _map = map;
        InvisibleCharactersRemoved = invisible;
        ConfusablesFolded = confusables;
        SpacedRunsCollapsed = collapsed;
        HiddenSegments = hidden is null ? [] : hidden;
    }

    /// <summary>Gets the original text.</summary>
    public string Original { get; }

    /// <summary>Gets the canonical text.</summary>
    public string Text { get; }

    /// <summary>Gets a value indicating whether the canonical text is the original text unchanged.</summary>
    public bool IsIdentity => _map is null;

    /// <summary>Gets how many invisible characters (zero-width, bidi, tag, control, format) were removed.</summary>
    public int InvisibleCharactersRemoved { get; }

    /// <summary>Gets how many confusable characters were folded to ASCII.</summary>
    public int ConfusablesFolded { get; }

    /// <summary>Gets how many spaced-out runs (<c>i g n o r e</c>) were collapsed.</summary>
    public int SpacedRunsCollapsed { get; }

    /// <summary>Gets the text spelled by Unicode tag characters, with where it sat in the original.</summary>
    public IReadOnlyList<HiddenTextSegment> HiddenSegments { get; }

    /// <summary>Maps a canonical range back to the original text.</summary>
    /// <param name="start">The canonical start (inclusive).</param>
    /// <param name="end">The canonical end (exclusive).</param>
    /// <returns>The original range; it covers every original character the canonical range came from.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The range is outside the canonical text.</exception>
    public (int Start, int End) ToOriginal(int start, int end)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfLessThan(end, start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, Text.Length);
        if (_map is null)
        {
            return (start, end);
        }

        if (start == Text.Length)
        {
            return (Original.Length, Original.Length);
        }

        var originalStart = _map[start];
        if (end == start)
        {
            return (originalStart, originalStart);
        }

        return (originalStart, OriginalEndOf(end - 1));
    }

    // The exclusive original end of canonical char i: the original start of the next canonical char that came from a
    // later original position, without swallowing stripped characters that follow it.
    private int OriginalEndOf(int i)
    {
        var map = _map!;
        var from = map[i];
        var endOfChar = from + (char.IsHighSurrogate(Original[from]) && from + 1 < Original.Length ? 2 : 1);
        for (var k = i + 1; k < map.Length; k++)
        {
            if (map[k] != from)
            {
                // Same original source for an expansion (ligature, NFKC) ends where the source char ends.
                return Math.Min(map[k], Math.Max(endOfChar, from + 1));
            }
        }

        return endOfChar;
    }
}
