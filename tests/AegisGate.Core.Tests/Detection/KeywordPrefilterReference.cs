using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AegisGate.Core.Tests.Detection;

/// <summary>
/// The keyword prefilter as it was before the word pass also marked the symbol anchors (commit e20810f), kept unchanged
/// as the reference of the equivalence tests in <see cref="KeywordPrefilterEquivalenceTests"/>: the same hits, rule by
/// rule, in the same order.
/// </summary>
internal sealed class KeywordPrefilterReference
{
    private const int BloomBits = 1 << 16;
    private const int WordChunk = 512;

    private readonly ulong[] _bloomHead = new ulong[BloomBits / 64];
    private readonly ulong[] _bloom2 = new ulong[(128 * 128) / 64];
    private readonly int[] _word3Keys;
    private readonly Entry[][] _word3Entries;
    private readonly int _word3Mask;
    private readonly Dictionary<int, Entry[]> _word2 = [];
    private readonly Entry[]?[] _word1 = new Entry[128][];
    private readonly bool _hasWord1;
    private readonly Entry[]?[] _symbolsEndingAtAnchor = new Entry[128][];
    private readonly Dictionary<int, Entry[]> _symbolsByPair = [];
    private readonly SearchValues<char>? _symbolStarts;
    private readonly byte[] _anchorLow;
    private readonly byte[] _anchorHigh;
    private readonly ulong[] _symbolPairs = new ulong[(128 * 128) / 64];
    private readonly SearchValues<string>? _infix;
    private readonly Dictionary<int, Entry[]> _infixByPrefix = [];
    private readonly Entry[] _nonAsciiEntries;
    private readonly SearchValues<string>? _nonAscii;

    /// <summary>Initializes a new instance of the <see cref="KeywordPrefilterReference"/> class.</summary>
    /// <param name="keywords">Each keyword with the rules it activates and whether it may occur inside a word.</param>
    public KeywordPrefilterReference(IEnumerable<(string Keyword, int Rule, bool InsideWords)> keywords)
    {
        var word3 = new Dictionary<int, Dictionary<string, List<int>>>();
        var word2 = new Dictionary<int, Dictionary<string, List<int>>>();
        var word1 = new Dictionary<int, Dictionary<string, List<int>>>();
        var symbols = new Dictionary<(char Anchor, int Offset, string Keyword), List<int>>();
        var infix = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var nonAscii = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (raw, rule, insideWords) in keywords)
        {
            if (string.IsNullOrEmpty(raw) || raw.Contains('\0', StringComparison.Ordinal))
            {
                continue; // rules scored by the engine itself carry a keyword that never occurs
            }

            if (!System.Text.Ascii.IsValid(raw))
            {
                Add(nonAscii, raw, rule);
                continue;
            }

            // A leading space only asked for a word start (" dan", " mr "): a word keyword does that already.
            var keyword = raw.TrimStart(' ');
            if (keyword.Length == 0)
            {
                continue;
            }

            var anchor = -1;
            for (var i = 0; i < keyword.Length; i++)
            {
                if (!char.IsAsciiLetterOrDigit(keyword[i]))
                {
                    anchor = i;
                    break;
                }
            }

            if (!char.IsAsciiLetterOrDigit(keyword[0]))
            {
                Add(symbols, (keyword[0], 0, keyword.ToLowerInvariant()), rule);
            }
            else if (insideWords && anchor > 0)
            {
                // Inside a word: anchor at the first symbol ("x1Q~…" is found at '~').
                Add(symbols, (keyword[anchor], anchor, keyword.ToLowerInvariant()), rule);
            }
            else if (insideWords)
            {
                Add(infix, keyword, rule);
            }
            else
            {
                var lower = keyword.ToLowerInvariant();
                var table = lower.Length >= 3 ? word3 : lower.Length == 2 ? word2 : word1;
                var key = Key(lower.AsSpan(0, Math.Min(3, lower.Length)));
                if (!table.TryGetValue(key, out var byKeyword))
                {
                    table[key] = byKeyword = new Dictionary<string, List<int>>(StringComparer.Ordinal);
                }

                Add(byKeyword, lower, rule);
            }
        }

        // Open addressing (linear probing, key + 1 so that 0 marks an empty slot): cheaper than a Dictionary per word.
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, word3.Count * 4));
        _word3Keys = new int[size];
        _word3Entries = new Entry[size][];
        _word3Mask = size - 1;
        foreach (var (key, byKeyword) in word3)
        {
            var slot = Bloom3(key) & _word3Mask;
            while (_word3Keys[slot] != 0)
            {
                slot = (slot + 1) & _word3Mask;
            }

            _word3Keys[slot] = key + 1;
            _word3Entries[slot] = Entries(byKeyword, 0);
            foreach (var keyword in byKeyword.Keys)
            {
                var bit = BloomHead(HeadOf(keyword) & HeadMaskOf(keyword.Length));
                _bloomHead[bit >> 6] |= 1UL << bit;
            }
        }

        foreach (var (key, byKeyword) in word2)
        {
            _word2[key] = Entries(byKeyword, 0);
            _bloom2[key >> 6] |= 1UL << key;
        }

        foreach (var (key, byKeyword) in word1)
        {
            _word1[key] = Entries(byKeyword, 0);
            _hasWord1 = true;
        }

        // Symbol keywords are grouped by their (anchor, next character) pair: most anchor characters of prose ('-', ')',
        // ':', new lines) are not followed by what a keyword needs, and a bit per pair rejects them before any
        // comparison; a flood of one anchor ("<!-- <!-- …") compares only the keywords of its pair.
        foreach (var group in symbols.GroupBy(kv => kv.Key.Offset + 1 < kv.Key.Keyword.Length ? Key(kv.Key.Keyword.AsSpan(kv.Key.Offset, 2)) : -1 - Fold(kv.Key.Anchor)))
        {
            Entry[] entries = [.. group.Select(kv => new Entry(kv.Key.Keyword, [.. kv.Value.Distinct()], kv.Key.Offset)).OrderByDescending(e => e.Keyword.Length)];
            if (group.Key < 0)
            {
                _symbolsEndingAtAnchor[-1 - group.Key] = entries;
            }
            else
            {
                _symbolsByPair[group.Key] = entries;
                _symbolPairs[group.Key >> 6] |= 1UL << group.Key;
            }
        }

        var starts = symbols.Keys.Select(k => k.Anchor).Distinct().ToArray();
        _symbolStarts = starts.Length == 0 ? null : SearchValues.Create(starts);

        // Nibble tables of the anchors (all ASCII: non-ASCII keywords are searched apart): bit h of _anchorLow[c & 15] is set when h * 16 + (c & 15) is an
        // anchor, _anchorHigh[c >> 4] holds bit c >> 4 (none from 0x80 up). Both halves of a 256-bit vector alike.
        _anchorLow = new byte[32];
        _anchorHigh = new byte[32];
        for (var h = 0; h < 8; h++)
        {
            _anchorHigh[h] = _anchorHigh[h + 16] = (byte)(1 << h);
        }

        foreach (var anchor in starts)
        {
            _anchorLow[anchor & 15] |= (byte)(1 << (anchor >> 4));
            _anchorLow[(anchor & 15) + 16] |= (byte)(1 << (anchor >> 4));
        }

        if (infix.Count > 0)
        {
            _infix = SearchValues.Create([.. infix.Keys], StringComparison.OrdinalIgnoreCase);
            foreach (var group in infix.GroupBy(kv => Key(kv.Key.ToLowerInvariant().AsSpan(0, Math.Min(3, kv.Key.Length)))))
            {
                _infixByPrefix[group.Key] = [.. group.Select(kv => new Entry(kv.Key.ToLowerInvariant(), [.. kv.Value.Distinct()], 0)).OrderByDescending(e => e.Keyword.Length)];
            }
        }

        _nonAsciiEntries = [.. nonAscii.Select(kv => new Entry(kv.Key, [.. kv.Value.Distinct()], 0))];
        _nonAscii = nonAscii.Count == 0 ? null : SearchValues.Create([.. nonAscii.Keys], StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Receives each keyword hit: the rules of the keyword and where it starts.</summary>
    public interface IHitSink
    {
        void Hit(int[] rules, int position);
    }

    /// <summary>Reports every keyword occurrence in <paramref name="text"/> (word keywords at word starts only).</summary>
    public void Search<TSink>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : struct, IHitSink
    {
        SearchWords(text, ref sink);
        if (_symbolStarts is not null)
        {
            SearchSymbols(text, ref sink);
        }

        if (_infix is not null)
        {
            SearchInfix(text, ref sink);
        }

        if (_nonAscii is not null && text.ContainsAnyExceptInRange((char)0, (char)0x7F))
        {
            SearchNonAscii(text, ref sink);
        }
    }

    // Word starts are found 32 characters at a time: the characters are packed to bytes (everything from U+00FF up as
    // 0xFF, which is neither letter nor digit), classified with three range compares, and the classes of the previous
    // characters are the same bit masks shifted by one. They are collected a chunk at a time and then filtered, rather
    // than tested as the vector pass finds them: prose has a word start every five or six characters at irregular
    // places, and a branch per word start (and per filter result) is mispredicted most of the time. Positions are
    // reported in text order either way.
    private void SearchWords<TSink>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : struct, IHitSink
    {
        var length = text.Length;
        if (length == 0)
        {
            return;
        }

        // Room for a chunk, one more block of positions and the slack of the unconditional stores below.
        Span<int> starts = stackalloc int[WordChunk + 48];
        var rented = ArrayPool<byte>.Shared.Rent(length + 8);
        try
        {
            SearchWords(text, starts, rented, ref sink);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void SearchWords<TSink>(ReadOnlySpan<char> text, Span<int> starts, byte[] folded, ref TSink sink)
        where TSink : struct, IHitSink
    {
        var length = text.Length;
        var count = 0;
        var i = 0;
        ref var start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        ref var slots = ref MemoryMarshal.GetReference(starts);
        ref var bytes = ref MemoryMarshal.GetArrayDataReference(folded);
        uint carry = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + (2 * Vector256<ushort>.Count) <= length; i += 2 * Vector256<ushort>.Count)
            {
                var max = Vector256.Create((ushort)0xFF);
                var packed = Vector256.Narrow(
                    Vector256.Min(Vector256.LoadUnsafe(ref start, (nuint)i), max),
                    Vector256.Min(Vector256.LoadUnsafe(ref start, (nuint)(i + Vector256<ushort>.Count)), max));
                var isUpper = Vector256.LessThan(packed - Vector256.Create((byte)'A'), Vector256.Create((byte)26));
                (packed | (isUpper & Vector256.Create((byte)0x20))).StoreUnsafe(ref bytes, (nuint)i);

                // The positions so far are before this block: their eight characters are folded now.
                if (count >= WordChunk)
                {
                    CheckWords(text, starts[..count], ref bytes, ref sink);
                    count = 0;
                }

                var upper = isUpper.ExtractMostSignificantBits();
                var lower = Vector256.LessThan(packed - Vector256.Create((byte)'a'), Vector256.Create((byte)26)).ExtractMostSignificantBits();
                var digit = Vector256.LessThan(packed - Vector256.Create((byte)'0'), Vector256.Create((byte)10)).ExtractMostSignificantBits();
                count = Append(ref slots, count, i, WordStarts(upper, lower, digit, ref carry, 31));
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i + (2 * Vector128<ushort>.Count) <= length; i += 2 * Vector128<ushort>.Count)
            {
                var max = Vector128.Create((ushort)0xFF);
                var packed = Vector128.Narrow(
                    Vector128.Min(Vector128.LoadUnsafe(ref start, (nuint)i), max),
                    Vector128.Min(Vector128.LoadUnsafe(ref start, (nuint)(i + Vector128<ushort>.Count)), max));
                var isUpper = Vector128.LessThan(packed - Vector128.Create((byte)'A'), Vector128.Create((byte)26));
                (packed | (isUpper & Vector128.Create((byte)0x20))).StoreUnsafe(ref bytes, (nuint)i);

                // The positions so far are before this block: their eight characters are folded now.
                if (count >= WordChunk)
                {
                    CheckWords(text, starts[..count], ref bytes, ref sink);
                    count = 0;
                }

                var upper = isUpper.ExtractMostSignificantBits();
                var lower = Vector128.LessThan(packed - Vector128.Create((byte)'a'), Vector128.Create((byte)26)).ExtractMostSignificantBits();
                var digit = Vector128.LessThan(packed - Vector128.Create((byte)'0'), Vector128.Create((byte)10)).ExtractMostSignificantBits();
                count = Append(ref slots, count, i, WordStarts(upper, lower, digit, ref carry, 15));
            }
        }

        // The rest one by one; the folded copy ends with zeros (no keyword contains one).
        for (var k = i; k < length; k++)
        {
            var c = (char)Math.Min(text[k], (char)0xFF);
            Unsafe.Add(ref bytes, k) = (byte)(char.IsAsciiLetterUpper(c) ? c | 0x20 : c);
        }

        Unsafe.WriteUnaligned(ref Unsafe.Add(ref bytes, length), 0UL);
        for (; i < length; i++)
        {
            if (IsWordStart(text, i))
            {
                starts[count++] = i;
                if (count >= WordChunk)
                {
                    CheckWords(text, starts[..count], ref bytes, ref sink);
                    count = 0;
                }
            }
        }

        CheckWords(text, starts[..count], ref bytes, ref sink);
    }

    // A word starts at a letter or digit after a character that is neither, at an upper-case letter after a lower-case
    // one ("dbPassword", "ChatDAN") and at a letter after a digit ("4DAN"). One bit per character of the block; 'carry'
    // holds the classes of the last character of the previous block (bits 0-2: upper, lower, digit).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint WordStarts(uint upper, uint lower, uint digit, ref uint carry, int last)
    {
        var letter = upper | lower;
        var word = letter | digit;
        var previousLower = (lower << 1) | ((carry >> 1) & 1);
        var previousDigit = (digit << 1) | ((carry >> 2) & 1);
        var previousWord = (word << 1) | ((carry | (carry >> 1) | (carry >> 2)) & 1);
        carry = ((upper >> last) & 1) | (((lower >> last) & 1) << 1) | (((digit >> last) & 1) << 2);
        return (word & ~previousWord) | (upper & previousLower) | (letter & previousDigit);
    }

    // Appends the positions of the set bits of 'mask' (block at 'block'): eight stores whatever the count, so that the
    // usual handful of word starts of a block cost no branch.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Append(ref int slots, int count, int block, uint mask)
    {
        var n = BitOperations.PopCount(mask);
        ref var slot = ref Unsafe.Add(ref slots, count);
        for (var k = 0; k < 8; k++)
        {
            Unsafe.Add(ref slot, k) = block + BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;
        }

        for (var k = 8; k < n; k++)
        {
            Unsafe.Add(ref slot, k) = block + BitOperations.TrailingZeroCount(mask);
            mask &= mask - 1;
        }

        return count + n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsWordStart(ReadOnlySpan<char> text, int i)
    {
        var c = text[i];
        if (!char.IsAsciiLetterOrDigit(c))
        {
            return false;
        }

        if (i == 0)
        {
            return true;
        }

        var p = text[i - 1];
        return !char.IsAsciiLetterOrDigit(p) || (char.IsAsciiLetterUpper(c) && char.IsAsciiLetterLower(p)) || (char.IsAsciiLetter(c) && char.IsAsciiDigit(p));
    }

    // Case-folding of every UTF-16 code unit to 7 bits: ASCII upper-case to lower-case, everything non-ASCII to 0x7F
    // (no ASCII keyword contains it). A full 64 Ki table keeps the per-word check free of branches.
    private static readonly byte[] s_fold = BuildFold();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Fold(char c) => s_fold[c];

    private static byte[] BuildFold()
    {
        var table = new byte[65536];
        for (var c = 0; c < table.Length; c++)
        {
            table[c] = (byte)(c >= 0x80 ? 0x7F : char.IsAsciiLetterUpper((char)c) ? c | 0x20 : c);
        }

        return table;
    }

    // The first filter of each word start: its first three, four and eight characters (from the folded copy: ASCII
    // folded to lower case, everything else at least 0x80) against one 64 Ki-bit table where each word keyword is filed
    // under its first three (three-character keywords), four (four to seven) or eight characters. Prose
    // shares three letters with some keyword at half of its word starts ("the", "con", "pro") but rarely a whole
    // keyword prefix ("the user", "context"), so few word starts reach the exact look-up. The filter only passes more
    // than the exact look-up would report. The survivors are kept in place without a branch; the last two characters
    // of the text always survive (only short keywords fit there). Not inlined: the word-start loop has to keep its
    // helpers inlined within the JIT's budget.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CheckWords<TSink>(ReadOnlySpan<char> text, Span<int> starts, ref byte folded, ref TSink sink)
        where TSink : struct, IHitSink
    {
        var kept = 0;
        var length = text.Length;
        var always = _hasWord1 ? 1 : 0;
        ref var bloom = ref MemoryMarshal.GetArrayDataReference(_bloomHead);
        ref var bloom2 = ref MemoryMarshal.GetArrayDataReference(_bloom2);
        ref var slots = ref MemoryMarshal.GetReference(starts);
        for (var k = 0; k < starts.Length; k++)
        {
            var p = Unsafe.Add(ref slots, k);
            var head = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref folded, p));
            var key2 = (uint)(head & 0x7F) | (uint)((head >> 1) & (0x7F << 7));
            var hit = TestHead(ref bloom, head & HeadMask3) | TestHead(ref bloom, head & HeadMask4)
                | TestHead(ref bloom, head) | (Unsafe.Add(ref bloom2, (nuint)(key2 >> 6)) >> (int)key2);
            Unsafe.Add(ref slots, kept) = p;
            kept += (int)(hit & 1) | always | (p + 2 >= length ? 1 : 0);
        }

        for (var k = 0; k < kept; k++)
        {
            var p = starts[k];
            if (p + 2 < length)
            {
                CheckWordSlow(text, p, ref sink);
            }
            else
            {
                CheckWordTail(text, p, ref sink);
            }
        }
    }

    private const ulong HeadMask3 = 0xFFFFFF;
    private const ulong HeadMask4 = 0xFFFFFFFF;

    // The prefix a word keyword is filed under (see CheckWords).
    private static ulong HeadMaskOf(int length) => length switch
    {
        3 => HeadMask3,
        4 or 5 or 6 or 7 => HeadMask4,
        _ => ulong.MaxValue,
    };

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong TestHead(ref ulong bloom, ulong head)
    {
        var bit = (uint)BloomHead(head);
        return Unsafe.Add(ref bloom, (nuint)(bit >> 6)) >> (int)bit;
    }

    // The exact look-up of a word start that passed the filter (at least three characters before the end).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CheckWordSlow<TSink>(ReadOnlySpan<char> text, int p, ref TSink sink)
        where TSink : struct, IHitSink
    {
        var c0 = Fold(text[p]);
        var key2 = c0 | (Fold(text[p + 1]) << 7);
        var key3 = key2 | (Fold(text[p + 2]) << 14);
        if (_hasWord1 && _word1[key2 & 0x7F] is { } one)
        {
            Report(one, text, p, ref sink);
        }

        if ((_bloom2[key2 >> 6] & (1UL << key2)) != 0 && _word2.TryGetValue(key2, out var two))
        {
            Report(two, text, p, ref sink);
        }

        var slot = Bloom3(key3) & _word3Mask;
        while (_word3Keys[slot] is var stored && stored != 0)
        {
            if (stored == key3 + 1)
            {
                ReportWord(_word3Entries[slot], text, p, ref sink);
                break;
            }

            slot = (slot + 1) & _word3Mask;
        }
    }

    // Word keywords share their first three characters; characters 4–11 are compared as one folded 64-bit value, so
    // "the" in prose costs one comparison against "the user", not a string comparison.
    private static void ReportWord<TSink>(Entry[] entries, ReadOnlySpan<char> text, int p, ref TSink sink)
        where TSink : struct, IHitSink
    {
        var tail = Tail(text, p + 3);
        foreach (var entry in entries)
        {
            if ((tail & entry.TailMask) == entry.Tail && (entry.Keyword.Length <= 11 || text[p..].StartsWith(entry.Keyword, StringComparison.OrdinalIgnoreCase)))
            {
                sink.Hit(entry.Rules, p);
            }
        }
    }

    // Up to eight folded characters from 'from' as bytes (missing ones are 0, which no keyword contains). Half of all
    // word starts of prose share their first three letters with some keyword ("the", "con", "pro"), so eight ASCII
    // characters are folded with one vector step rather than eight table look-ups.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Tail(ReadOnlySpan<char> text, int from)
    {
        if (Vector128.IsHardwareAccelerated && from + 8 <= text.Length)
        {
            var v = Vector128.LoadUnsafe(ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text)), (nuint)from);
            if (Vector128.LessThan(v, Vector128.Create((ushort)0x80)) == Vector128<ushort>.AllBitsSet)
            {
                var upper = Vector128.LessThan(v - Vector128.Create((ushort)'A'), Vector128.Create((ushort)26));
                var folded = v | (upper & Vector128.Create((ushort)0x20));
                return Vector128.Narrow(folded, folded).AsUInt64().ToScalar();
            }
        }

        ulong tail = 0;
        var n = Math.Min(8, text.Length - from);
        for (var k = 0; k < n; k++)
        {
            tail |= (ulong)s_fold[text[from + k]] << (8 * k);
        }

        return tail;
    }

    // The head a word keyword is filed under: its first eight characters at most (each at least three long).
    private static ulong HeadOf(string lower)
    {
        ulong head = 0;
        for (var k = 0; k < Math.Min(8, lower.Length); k++)
        {
            head |= (ulong)s_fold[lower[k]] << (8 * k);
        }

        return head;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int BloomHead(ulong head) => (int)((head * 0x9E3779B97F4A7C15UL) >> 48);

    // The last two characters of the text: only one- and two-character keywords fit.
    private void CheckWordTail<TSink>(ReadOnlySpan<char> text, int p, ref TSink sink)
        where TSink : struct, IHitSink
    {
        var c0 = Fold(text[p]);
        if (_hasWord1 && _word1[c0] is { } one)
        {
            Report(one, text, p, ref sink);
        }

        if (p + 1 < text.Length)
        {
            var key2 = c0 | (Fold(text[p + 1]) << 7);
            if ((_bloom2[key2 >> 6] & (1UL << key2)) != 0 && _word2.TryGetValue(key2, out var two))
            {
                Report(two, text, p, ref sink);
            }
        }
    }

    // Symbol anchors are frequent in prose ('.', '-', ':', new lines, every few words): rather than one IndexOfAny call
    // per anchor, a vector pass marks the anchors of 32 characters at a time (a nibble-table membership test on the
    // characters packed to bytes; the anchors are ASCII, everything from 0x80 up is none), and the anchors are visited
    // in text order as before.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SearchSymbols<TSink>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : struct, IHitSink
    {
        var position = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref var start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
            var low = Vector256.Create(_anchorLow);
            var high = Vector256.Create(_anchorHigh);
            var max = Vector256.Create((ushort)0xFF);
            for (; position + (2 * Vector256<ushort>.Count) <= text.Length; position += 2 * Vector256<ushort>.Count)
            {
                var packed = Vector256.Narrow(
                    Vector256.Min(Vector256.LoadUnsafe(ref start, (nuint)position), max),
                    Vector256.Min(Vector256.LoadUnsafe(ref start, (nuint)(position + Vector256<ushort>.Count)), max));
                var member = Vector256.ShuffleNative(low, packed & Vector256.Create((byte)0x0F))
                    & Vector256.ShuffleNative(high, Vector256.ShiftRightLogical(packed, 4));
                var mask = ~Vector256.Equals(member, Vector256<byte>.Zero).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    CheckSymbol(text, position + BitOperations.TrailingZeroCount(mask), ref sink);
                    mask &= mask - 1;
                }
            }
        }

        while (position < text.Length)
        {
            var found = text[position..].IndexOfAny(_symbolStarts!);
            if (found < 0)
            {
                return;
            }

            position += found;
            CheckSymbol(text, position, ref sink);
            position++;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckSymbol<TSink>(ReadOnlySpan<char> text, int position, ref TSink sink)
        where TSink : struct, IHitSink
    {
        var anchor = Fold(text[position]);
        if (_symbolsEndingAtAnchor[anchor] is { } ending)
        {
            ReportSymbols(ending, text, position, ref sink);
        }

        if (position + 1 < text.Length)
        {
            var pair = anchor | (Fold(text[position + 1]) << 7);
            if ((_symbolPairs[pair >> 6] & (1UL << pair)) != 0 && _symbolsByPair.TryGetValue(pair, out var entries))
            {
                ReportSymbols(entries, text, position, ref sink);
            }
        }
    }

    private static void ReportSymbols<TSink>(Entry[] entries, ReadOnlySpan<char> text, int position, ref TSink sink)
        where TSink : struct, IHitSink
    {
        foreach (var entry in entries)
        {
            var start = position - entry.Offset;
            if (start >= 0 && text[start..].StartsWith(entry.Keyword, StringComparison.OrdinalIgnoreCase))
            {
                sink.Hit(entry.Rules, start);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SearchInfix<TSink>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : struct, IHitSink
    {
        var position = 0;
        while (position < text.Length)
        {
            var found = text[position..].IndexOfAny(_infix!);
            if (found < 0)
            {
                return;
            }

            position += found;
            var rest = text[position..];
            var key = Key(rest, Math.Min(3, rest.Length));
            for (var n = Math.Min(3, rest.Length); n >= 1; n--)
            {
                if (_infixByPrefix.TryGetValue(n == 3 ? key : Key(rest, n), out var entries))
                {
                    Report(entries, text, position, ref sink);
                }
            }

            position++;
        }
    }

    private void SearchNonAscii<TSink>(ReadOnlySpan<char> text, ref TSink sink)
        where TSink : struct, IHitSink
    {
        var position = 0;
        while (position < text.Length)
        {
            var found = text[position..].IndexOfAny(_nonAscii!);
            if (found < 0)
            {
                return;
            }

            position += found;
            Report(_nonAsciiEntries, text, position, ref sink);
            position++;
        }
    }

    private static void Report<TSink>(Entry[] entries, ReadOnlySpan<char> text, int position, ref TSink sink)
        where TSink : struct, IHitSink
    {
        var rest = text[position..];
        foreach (var entry in entries)
        {
            if (rest.StartsWith(entry.Keyword, StringComparison.OrdinalIgnoreCase))
            {
                sink.Hit(entry.Rules, position);
            }
        }
    }

    private static int Key(ReadOnlySpan<char> lower)
    {
        var key = 0;
        for (var i = 0; i < lower.Length; i++)
        {
            key |= Fold(lower[i]) << (7 * i);
        }

        return key;
    }

    private static int Key(ReadOnlySpan<char> text, int n) => Key(text[..n]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Bloom3(int key3) => (int)((uint)(key3 * -1640531535) >> 16);

    private static void Add<TKey>(Dictionary<TKey, List<int>> map, TKey key, int rule)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(rule);
    }

    private static Entry[] Entries(Dictionary<string, List<int>> byKeyword, int offset)
        => [.. byKeyword.Select(kv => new Entry(kv.Key, [.. kv.Value.Distinct()], offset)).OrderByDescending(e => e.Keyword.Length)];

    private sealed record Entry(string Keyword, int[] Rules, int Offset)
    {
        /// <summary>Gets characters 4–11 of the keyword, folded, one per byte (compared with the text by <c>ReportWord</c>).</summary>
        public ulong Tail { get; } = TailOf(Keyword);

        /// <summary>Gets the mask of the bytes of <see cref="Tail"/> the keyword has.</summary>
        public ulong TailMask { get; } = Keyword.Length <= 3 ? 0 : Keyword.Length >= 11 ? ulong.MaxValue : (1UL << (8 * (Keyword.Length - 3))) - 1;

        private static ulong TailOf(string keyword)
        {
            ulong tail = 0;
            for (var k = 3; k < Math.Min(11, keyword.Length); k++)
            {
                tail |= (ulong)s_fold[keyword[k]] << (8 * (k - 3));
            }

            return tail;
        }
    }
}
