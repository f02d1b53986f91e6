using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AegisGate.Detection.Engine;

/// <summary>
/// The literal prefilter: finds where rule keywords occur (ASCII case-insensitive) so that only rules with a keyword hit
/// run, and only in windows around the hits. One <see cref="SearchValues{T}"/> over a thousand keywords falls back to a
/// scalar Aho-Corasick automaton (about 16 ns per character here), so the keywords are split by where they can occur:
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>Word keywords</b> (the large majority: <c>ignore</c>, <c>ghp_</c>, <c>AKIA</c>, <c>system prompt</c>) start
/// with an ASCII letter or digit and are only looked for at word starts: a vector pass finds the word starts (and keeps
/// a case-folded byte copy of the text), and the first three, four, five and eight characters of each are tested
/// against bit tables of keyword prefixes before any exact look-up.</item>
/// <item><b>Symbol keywords</b> (<c>://</c>, <c>[INST]</c>, <c>&lt;!--</c>, <c>x1Q~</c> anchored at <c>~</c>) are
/// anchored at their first non-alphanumeric character, marked by the same vector pass as the word starts with nibble
/// tables of those characters (a <see cref="SearchValues{T}"/> of them without 256-bit vectors).</item>
/// <item><b>Infix keywords</b> of rules that match inside words (<c>dbPassword</c>) and of custom rule packs are looked
/// for everywhere: in an ASCII text on the folded copy with nibble tables of their first three characters (while they
/// have at most eight first characters), otherwise with a <see cref="SearchValues{T}"/> of strings.</item>
/// <item>Non-ASCII keywords (<c>забудь</c>, <c>führerschein</c>) are searched only when the text has non-ASCII
/// characters.</item>
/// </list>
/// </remarks>
internal sealed class KeywordPrefilter
{
    private const int WordChunk = 512;

    // The filter of word starts: one bit table per head length a word keyword is filed under (see CheckWords), sized to
    // its keywords (about 100 of three characters, 200 of four, 500 of five to seven, 1,800 of eight or more) so that
    // each is at most about 1.5 % full, in one array (offsets and bit counts below, in 64-bit words and log2 bits).
    private const int Bloom3Bits = 14;
    private const int Bloom4Bits = 15;
    private const int Bloom5Bits = 16;
    private const int Bloom8Bits = 17;
    private const int Bloom3At = 0;
    private const int Bloom4At = Bloom3At + ((1 << Bloom3Bits) / 64);
    private const int Bloom5At = Bloom4At + ((1 << Bloom4Bits) / 64);
    private const int Bloom8At = Bloom5At + ((1 << Bloom5Bits) / 64);

    private readonly ulong[] _bloomHead = new ulong[Bloom8At + ((1 << Bloom8Bits) / 64)];
    private readonly ulong[] _bloom2 = new ulong[(128 * 128) / 64];
    private readonly WordTable _word3;
    private readonly WordTable _word4;
    private readonly Dictionary<int, Entry[]> _word2 = [];
    private readonly Entry[]?[] _word1 = new Entry[128][];
    private readonly bool _hasWord1;
    private readonly Entry[]?[] _symbolsEndingAtAnchor = new Entry[128][];
    private readonly Dictionary<int, Entry[]> _symbolsByPair = [];
    private readonly SearchValues<char>? _symbolStarts;
    private readonly byte[] _anchorLow;
    private readonly byte[] _anchorHigh;
    private readonly ulong[] _symbolPairs = new ulong[(128 * 256) / 64];
    private readonly SearchValues<string>? _infix;
    private readonly Dictionary<int, Entry[]> _infixByPrefix = [];
    private readonly byte[]? _infixNibbles;
    private readonly byte[] _infixBucket = new byte[256];
    private readonly (ulong Head, ulong Mask, string Keyword)[][] _infixChecks = [];
    private readonly Entry[] _nonAsciiEntries;
    private readonly SearchValues<string>? _nonAscii;

    /// <summary>Initializes a new instance of the <see cref="KeywordPrefilter"/> class.</summary>
    /// <param name="keywords">Each keyword with the rules it activates and whether it may occur inside a word.</param>
    public KeywordPrefilter(IEnumerable<(string Keyword, int Rule, bool InsideWords)> keywords)
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

        // Keywords of three characters are filed under their three characters, longer ones under their first four (with
        // the three-character keywords of their first three after them, as the shorter come last in a bucket): a word
        // start compares only the keywords that share its first four characters ("con" starts 31 keywords, "cont" a few).
        var threes = new Dictionary<int, Entry[]>();
        var fours = new Dictionary<int, Entry[]>();
        foreach (var (key, byKeyword) in word3)
        {
            var entries = Entries(byKeyword, 0);
            Entry[] three = [.. entries.Where(e => e.Keyword.Length == 3)];
            if (three.Length > 0)
            {
                threes[key] = three;
            }

            foreach (var group in entries.Where(e => e.Keyword.Length > 3).GroupBy(e => Key4(key, e.Keyword[3])))
            {
                fours[group.Key] = [.. group, .. three];
            }

            foreach (var keyword in byKeyword.Keys)
            {
                var bit = BloomHead(keyword);
                _bloomHead[bit >> 6] |= 1UL << (bit & 63);
            }
        }

        _word3 = new WordTable(threes);
        _word4 = new WordTable(fours);

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

            // ASCII texts: a bucket per first character (at most eight), nibble tables of the first three characters.
            var lower = infix.Keys.Select(k => k.ToLowerInvariant()).ToArray();
            var firsts = lower.Select(k => k[0]).Distinct().ToArray();
            if (firsts.Length <= 8)
            {
                _infixNibbles = new byte[6 * 32];
                _infixChecks = new (ulong, ulong, string)[firsts.Length][];
                _infixBucket.AsSpan().Fill(0xFF);
                for (var bucket = 0; bucket < firsts.Length; bucket++)
                {
                    _infixBucket[firsts[bucket]] = (byte)bucket;
                    var sharing = lower.Where(k => k[0] == firsts[bucket]).ToArray();
                    _infixChecks[bucket] = [.. sharing.Select(k => (HeadOf(k), k.Length >= 8 ? ulong.MaxValue : (1UL << (8 * k.Length)) - 1, k))];
                    foreach (var keyword in sharing)
                    {
                        for (var at = 0; at < 3; at++)
                        {
                            for (var nibble = 0; nibble < 16; nibble++)
                            {
                                // A keyword shorter than three characters lets any character follow it.
                                var low = at >= keyword.Length || (keyword[at] & 15) == nibble;
                                var high = at >= keyword.Length || keyword[at] >> 4 == nibble;
                                _infixNibbles[(at * 64) + nibble] |= (byte)(low ? 1 << bucket : 0);
                                _infixNibbles[(at * 64) + nibble + 16] |= (byte)(low ? 1 << bucket : 0);
                                _infixNibbles[(at * 64) + 32 + nibble] |= (byte)(high ? 1 << bucket : 0);
                                _infixNibbles[(at * 64) + 48 + nibble] |= (byte)(high ? 1 << bucket : 0);
                            }
                        }
                    }
                }
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
        var infixDone = false;
        var nonAscii = text.Length > 0 && SearchWordsAndSymbols(text, ref sink, out infixDone);
        if (_infix is not null && !infixDone)
        {
            SearchInfix(text, ref sink);
        }

        if (_nonAscii is not null && nonAscii)
        {
            SearchNonAscii(text, ref sink);
        }
    }

    // One pass over the text for the word starts, the folded copy, the symbol anchors and whether any character is
    // non-ASCII; then the word starts are filtered and the anchors visited (all word hits first, then all symbol hits,
    // each in text order), and the infix keywords of an ASCII text. Returns whether the text has a non-ASCII character.
    private bool SearchWordsAndSymbols<TSink>(ReadOnlySpan<char> text, ref TSink sink, out bool infixDone)
        where TSink : struct, IHitSink
    {
        var length = text.Length;

        // The folded copy (and eight zeros after it), then one anchor bit per character of the 256-bit vector part.
        var anchorsAt = (length + 8 + 3) & ~3;
        // 64 bytes more for the loads of SearchInfixAscii past the last block.
        var rented = ArrayPool<byte>.Shared.Rent(anchorsAt + (((length >> 5) + 1) * sizeof(uint)) + 64);
        try
        {
            // Room for a chunk, one more block of positions and the slack of the unconditional stores of Append.
            Span<int> starts = stackalloc int[WordChunk + 48];
            var scan = new WordScan { AnchorsAt = anchorsAt };
            SearchWords(text, starts, rented, ref scan, ref sink);
            if (_symbolStarts is not null)
            {
                SearchSymbols(text, rented, ref scan, ref sink);
            }

            infixDone = false;
            if (_infixNibbles is not null && !scan.NonAscii && Vector256.IsHardwareAccelerated)
            {
                SearchInfixAscii(text, ref MemoryMarshal.GetArrayDataReference(rented), ref sink);
                infixDone = true;
            }

            return scan.NonAscii;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    // The state of the vector pass between chunks of word starts.
    private struct WordScan
    {
        public int Position;
        public int Count;
        public uint Carry;
        public int AnchorsAt;
        public int Anchored;
        public bool NonAscii;
        public Vector256<byte> Seen256;
        public Vector128<byte> Seen128;
    }

    // Word starts are found 32 characters at a time: the characters are packed to bytes (everything from U+00FF up as
    // 0xFF, which is neither letter nor digit), classified with three range compares, and the classes of the previous
    // characters are the same bit masks shifted by one. They are collected a chunk at a time and then filtered, rather
    // than tested as the vector pass finds them: prose has a word start every five or six characters at irregular
    // places, and a branch per word start (and per filter result) is mispredicted most of the time. Positions are
    // reported in text order either way.
    private void SearchWords<TSink>(ReadOnlySpan<char> text, Span<int> starts, byte[] folded, ref WordScan scan, ref TSink sink)
        where TSink : struct, IHitSink
    {
        var length = text.Length;
        ref var bytes = ref MemoryMarshal.GetArrayDataReference(folded);
        if (Vector256.IsHardwareAccelerated || Vector128.IsHardwareAccelerated)
        {
            while (true)
            {
                if (Vector256.IsHardwareAccelerated)
                {
                    ScanBlocks256(text, starts, folded, ref scan);
                }
                else
                {
                    ScanBlocks128(text, starts, folded, ref scan);
                }

                if (scan.Count < WordChunk)
                {
                    break;
                }

                // A full chunk: the word starts whose eight characters are folded (all but those of the last seven
                // characters) are filtered now, the others move to the front.
                var complete = scan.Count;
                while (starts[complete - 1] > scan.Position - 8)
                {
                    complete--;
                }

                CheckWords(text, starts[..complete], ref bytes, ref sink);
                starts[complete..scan.Count].CopyTo(starts);
                scan.Count -= complete;
            }

            scan.NonAscii = Vector256.IsHardwareAccelerated
                ? scan.Seen256.ExtractMostSignificantBits() != 0
                : scan.Seen128.ExtractMostSignificantBits() != 0;
        }

        // The rest one by one; the folded copy ends with zeros (no keyword contains one).
        var i = scan.Position;
        var count = scan.Count;
        var seen = 0;
        for (var k = i; k < length; k++)
        {
            var c = (char)Math.Min(text[k], (char)0xFF);
            seen |= c;
            Unsafe.Add(ref bytes, k) = (byte)(char.IsAsciiLetterUpper(c) ? c | 0x20 : c);
        }

        scan.NonAscii |= seen >= 0x80;
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

    // The 256-bit vector pass from scan.Position until a chunk of word starts is full or fewer than 32 characters are
    // left: folds, finds the word starts and marks the symbol anchors (nibble tables of the anchor characters, all
    // ASCII) and any non-ASCII character. No call in the loop, so that the vectors stay in registers.
    private void ScanBlocks256(ReadOnlySpan<char> text, Span<int> starts, byte[] folded, ref WordScan scan)
    {
        var length = text.Length;
        var i = scan.Position;
        var count = scan.Count;
        var carry = scan.Carry;
        var seen = scan.Seen256;
        ref var start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        ref var slots = ref MemoryMarshal.GetReference(starts);
        ref var bytes = ref MemoryMarshal.GetArrayDataReference(folded);
        ref var anchors = ref Unsafe.Add(ref bytes, scan.AnchorsAt);
        var max = Vector256.Create((ushort)0xFF);
        var low = Vector256.Create(_anchorLow);
        var high = Vector256.Create(_anchorHigh);

        // count < WordChunk on entry and at most 32 positions per block: the stores of Append stay within the slack.
        for (; i + (2 * Vector256<ushort>.Count) <= length && count < WordChunk; i += 2 * Vector256<ushort>.Count)
        {
            var packed = Vector256.Narrow(
                Vector256.Min(Vector256.LoadUnsafe(ref start, (nuint)i), max),
                Vector256.Min(Vector256.LoadUnsafe(ref start, (nuint)(i + Vector256<ushort>.Count)), max));
            var isUpper = Vector256.LessThan(packed - Vector256.Create((byte)'A'), Vector256.Create((byte)26));
            (packed | (isUpper & Vector256.Create((byte)0x20))).StoreUnsafe(ref bytes, (nuint)i);
            seen |= packed;
            var member = Vector256.ShuffleNative(low, packed & Vector256.Create((byte)0x0F))
                & Vector256.ShuffleNative(high, Vector256.ShiftRightLogical(packed, 4));
            Unsafe.WriteUnaligned(ref Unsafe.Add(ref anchors, i >> 3), ~Vector256.Equals(member, Vector256<byte>.Zero).ExtractMostSignificantBits());

            var upper = isUpper.ExtractMostSignificantBits();
            var lower = Vector256.LessThan(packed - Vector256.Create((byte)'a'), Vector256.Create((byte)26)).ExtractMostSignificantBits();
            var digit = Vector256.LessThan(packed - Vector256.Create((byte)'0'), Vector256.Create((byte)10)).ExtractMostSignificantBits();
            count = Append(ref slots, count, i, WordStarts(upper, lower, digit, ref carry, 31));
        }

        scan.Position = i;
        scan.Count = count;
        scan.Carry = carry;
        scan.Seen256 = seen;
        scan.Anchored = i;
    }

    // The same with 128-bit vectors, 16 characters a step (no anchors: the symbol pass searches them itself).
    private static void ScanBlocks128(ReadOnlySpan<char> text, Span<int> starts, byte[] folded, ref WordScan scan)
    {
        var length = text.Length;
        var i = scan.Position;
        var count = scan.Count;
        var carry = scan.Carry;
        var seen = scan.Seen128;
        ref var start = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        ref var slots = ref MemoryMarshal.GetReference(starts);
        ref var bytes = ref MemoryMarshal.GetArrayDataReference(folded);
        var max = Vector128.Create((ushort)0xFF);
        for (; i + (2 * Vector128<ushort>.Count) <= length && count < WordChunk; i += 2 * Vector128<ushort>.Count)
        {
            var packed = Vector128.Narrow(
                Vector128.Min(Vector128.LoadUnsafe(ref start, (nuint)i), max),
                Vector128.Min(Vector128.LoadUnsafe(ref start, (nuint)(i + Vector128<ushort>.Count)), max));
            var isUpper = Vector128.LessThan(packed - Vector128.Create((byte)'A'), Vector128.Create((byte)26));
            (packed | (isUpper & Vector128.Create((byte)0x20))).StoreUnsafe(ref bytes, (nuint)i);
            seen |= packed;
            var upper = isUpper.ExtractMostSignificantBits();
            var lower = Vector128.LessThan(packed - Vector128.Create((byte)'a'), Vector128.Create((byte)26)).ExtractMostSignificantBits();
            var digit = Vector128.LessThan(packed - Vector128.Create((byte)'0'), Vector128.Create((byte)10)).ExtractMostSignificantBits();
            count = Append(ref slots, count, i, WordStarts(upper, lower, digit, ref carry, 15));
        }

        scan.Position = i;
        scan.Count = count;
        scan.Carry = carry;
        scan.Seen128 = seen;
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

    // Appends the positions of the set bits of 'mask' (block at 'block'): eight stores whatever the count (written
    // out: the JIT does not unroll the loop), so that the usual handful of word starts of a block cost no branch.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Append(ref int slots, int count, int block, uint mask)
    {
        var n = BitOperations.PopCount(mask);
        ref var slot = ref Unsafe.Add(ref slots, count);
        slot = block + BitOperations.TrailingZeroCount(mask);
        mask &= mask - 1;
        Unsafe.Add(ref slot, 1) = block + BitOperations.TrailingZeroCount(mask);
        mask &= mask - 1;
        Unsafe.Add(ref slot, 2) = block + BitOperations.TrailingZeroCount(mask);
        mask &= mask - 1;
        Unsafe.Add(ref slot, 3) = block + BitOperations.TrailingZeroCount(mask);
        mask &= mask - 1;
        Unsafe.Add(ref slot, 4) = block + BitOperations.TrailingZeroCount(mask);
        mask &= mask - 1;
        Unsafe.Add(ref slot, 5) = block + BitOperations.TrailingZeroCount(mask);
        mask &= mask - 1;
        Unsafe.Add(ref slot, 6) = block + BitOperations.TrailingZeroCount(mask);
        mask &= mask - 1;
        Unsafe.Add(ref slot, 7) = block + BitOperations.TrailingZeroCount(mask);
        mask &= mask - 1;
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

    // The first filter of each word start: its first three, four, five and eight characters (from the folded copy: ASCII
    // folded to lower case, everything else at least 0x80) against one bit table per length, where each word keyword is
    // filed under its first three (three-character keywords), four (four), five (five to seven) or eight characters. Prose
    // shares three or four letters with some keyword at half of its word starts ("the", "con", "name") but rarely a whole
    // keyword prefix ("the user", "context"), so few word starts reach the exact look-up (16 KB of prose: 2,895 word
    // starts, 611 passed the single 64 Ki-bit table of three-, four- and eight-character heads, 306 pass these). The
    // filter only passes more than the exact look-up would report. The survivors are kept in place without a branch; the
    // word starts of the last two characters of the text skip the filter (only short keywords fit there), and so does
    // every word start when a keyword is a single character. Not inlined: the word-start loop has to keep its helpers
    // inlined within the JIT's budget.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void CheckWords<TSink>(ReadOnlySpan<char> text, Span<int> starts, ref byte folded, ref TSink sink)
        where TSink : struct, IHitSink
    {
        // The word starts of the last two characters (the last of the positions) skip the filter.
        var length = text.Length;
        var filtered = starts.Length;
        while (filtered > 0 && starts[filtered - 1] + 2 >= length)
        {
            filtered--;
        }

        var kept = filtered;
        if (!_hasWord1)
        {
            kept = 0;
            ref var bloom = ref MemoryMarshal.GetArrayDataReference(_bloomHead);
            ref var bloom2 = ref MemoryMarshal.GetArrayDataReference(_bloom2);
            ref var slots = ref MemoryMarshal.GetReference(starts);
            for (var k = 0; k < filtered; k++)
            {
                var p = Unsafe.Add(ref slots, k);
                var head = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref folded, p));
                var key2 = (uint)(head & 0x7F) | (uint)((head >> 1) & (0x7F << 7));
                var short4 = (uint)head;
                var hit = TestHead(ref bloom, Bloom3At, Bloom3(short4 & (uint)HeadMask3)) | TestHead(ref bloom, Bloom4At, Bloom4(short4))
                    | TestHead(ref bloom, Bloom5At, Bloom5(head & HeadMask5)) | TestHead(ref bloom, Bloom8At, Bloom8(head))
                    | (Unsafe.Add(ref bloom2, (nuint)(key2 >> 6)) >> (int)key2);
                Unsafe.Add(ref slots, kept) = p;
                kept += (int)hit & 1;
            }
        }

        for (var k = 0; k < kept; k++)
        {
            CheckWordSlow(text, starts[k], ref sink);
        }

        for (var k = filtered; k < starts.Length; k++)
        {
            CheckWordTail(text, starts[k], ref sink);
        }
    }

    private const ulong HeadMask3 = 0xFFFFFF;
    private const ulong HeadMask4 = 0xFFFFFFFF;
    private const ulong HeadMask5 = 0xFF_FFFFFFFF;

    // Bit 'bit' (below 2^16 or 2^17) of the table that starts 'at' 64-bit words into 'bloom', in bit 0.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong TestHead(ref ulong bloom, int at, uint bit) => Unsafe.Add(ref bloom, (nuint)(uint)(at + (int)(bit >> 6))) >> (int)bit;

    // The bit of a head in its table: CRC-32C of three, four or five characters (a 32-bit multiply would leave the fourth
    // character out of half of the bit index), a 64-bit multiply of eight.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Bloom3(uint head) => BitOperations.Crc32C(0u, head) >> (32 - Bloom3Bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Bloom4(uint head) => BitOperations.Crc32C(0u, head) >> (32 - Bloom4Bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Bloom5(ulong head) => BitOperations.Crc32C(0u, head) >> (32 - Bloom5Bits);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Bloom8(ulong head) => (uint)((head * 0x9E3779B97F4A7C15UL) >> (64 - Bloom8Bits));

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

        // A keyword of four or more characters needs a fourth character in the text (its tail is compared with it).
        if (p + 3 < text.Length && _word4.Find(Key4(key3, text[p + 3])) is { } four)
        {
            ReportWord(four, text, p, ref sink);
        }
        else if (_word3.Find(key3) is { } three)
        {
            ReportWord(three, text, p, ref sink);
        }
    }

    // The key of a word keyword's (or word start's) first four characters: the first three's key and the fourth folded.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Key4(int key3, char fourth) => key3 | (Fold(fourth) << 21);

    /// <summary>Keyword lists by key, in open addressing (linear probing, key + 1 so that 0 marks an empty slot): cheaper than a Dictionary per word.</summary>
    private sealed class WordTable
    {
        private readonly int[] _keys;
        private readonly Entry[][] _entries;
        private readonly int _mask;

        public WordTable(Dictionary<int, Entry[]> lists)
        {
            var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, lists.Count * 4));
            _keys = new int[size];
            _entries = new Entry[size][];
            _mask = size - 1;
            foreach (var (key, entries) in lists)
            {
                var slot = Bloom3(key) & _mask;
                while (_keys[slot] != 0)
                {
                    slot = (slot + 1) & _mask;
                }

                _keys[slot] = key + 1;
                _entries[slot] = entries;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Entry[]? Find(int key)
        {
            var slot = Bloom3(key) & _mask;
            while (_keys[slot] is var stored && stored != 0)
            {
                if (stored == key + 1)
                {
                    return _entries[slot];
                }

                slot = (slot + 1) & _mask;
            }

            return null;
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

    // The bit (counted from the start of _bloomHead) a word keyword of at least three characters sets: its first three
    // characters (three-character keywords), four (four), five (five to seven) or eight (eight or more).
    private static int BloomHead(string lower)
    {
        var head = HeadOf(lower);
        return lower.Length switch
        {
            3 => (Bloom3At * 64) + (int)Bloom3((uint)(head & HeadMask3)),
            4 => (Bloom4At * 64) + (int)Bloom4((uint)head),
            < 8 => (Bloom5At * 64) + (int)Bloom5(head & HeadMask5),
            _ => (Bloom8At * 64) + (int)Bloom8(head),
        };
    }

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

    // Symbol anchors are frequent in prose ('.', '-', ':', new lines, every few words): the word pass marked them a bit
    // per character (a nibble-table membership test on the characters packed to bytes; the anchors are ASCII), and they
    // are visited in text order; the rest after the 256-bit vector part (all of it without 256-bit vectors) with a
    // SearchValues of the anchors.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SearchSymbols<TSink>(ReadOnlySpan<char> text, byte[] folded, ref WordScan scan, ref TSink sink)
        where TSink : struct, IHitSink
    {
        // Anchored is a multiple of 32 within the text: a bit word per block of it was written.
        ref var bytes = ref MemoryMarshal.GetArrayDataReference(folded);
        ref var anchors = ref Unsafe.Add(ref bytes, scan.AnchorsAt);
        for (var block = 0; block < scan.Anchored; block += 32)
        {
            var mask = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref anchors, block >> 3));
            while (mask != 0)
            {
                CheckSymbol(text, ref bytes, block + BitOperations.TrailingZeroCount(mask), ref sink);
                mask &= mask - 1;
            }
        }

        var position = scan.Anchored;
        while (position < text.Length)
        {
            var found = text[position..].IndexOfAny(_symbolStarts!);
            if (found < 0)
            {
                return;
            }

            position += found;
            CheckSymbol(text, ref bytes, position, ref sink);
            position++;
        }
    }

    // An anchor at 'position' (an ASCII character, so its folded byte is itself): the keywords that end with it, then
    // those of its pair with the next folded byte (0 after the text, at least 0x80 for a non-ASCII character: neither
    // is in any pair).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckSymbol<TSink>(ReadOnlySpan<char> text, ref byte folded, int position, ref TSink sink)
        where TSink : struct, IHitSink
    {
        var anchor = (uint)Unsafe.Add(ref folded, position) & 0x7F;
        if (_symbolsEndingAtAnchor[anchor] is { } ending)
        {
            ReportSymbols(ending, text, position, ref sink);
        }

        var pair = anchor | ((uint)Unsafe.Add(ref folded, position + 1) << 7);
        if ((_symbolPairs[pair >> 6] & (1UL << (int)pair)) != 0 && _symbolsByPair.TryGetValue((int)pair, out var entries))
        {
            ReportSymbols(entries, text, position, ref sink);
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
            ReportInfix(text, position, ref sink);
            position++;
        }
    }

    // The infix keywords at a position where one of them occurs.
    private void ReportInfix<TSink>(ReadOnlySpan<char> text, int position, ref TSink sink)
        where TSink : struct, IHitSink
    {
        var rest = text[position..];
        var key = Key(rest, Math.Min(3, rest.Length));
        for (var n = Math.Min(3, rest.Length); n >= 1; n--)
        {
            if (_infixByPrefix.TryGetValue(n == 3 ? key : Key(rest, n), out var entries))
            {
                Report(entries, text, position, ref sink);
            }
        }
    }

    // The infix keywords of an ASCII text (where OrdinalIgnoreCase is ASCII case folding), from the folded copy: a
    // Teddy-like pass marks the positions whose first three bytes may start a keyword (nibble tables with a bit per
    // bucket of keywords sharing their first character), the candidates are compared with their bucket's keywords as
    // folded 64-bit heads, and every position where a keyword occurs is reported as SearchInfix does (it visits each
    // such position in text order). Bytes past the text are zeros and then other data of the rented buffer (at least
    // 64 bytes of it): they only decide candidates past the end, which are dropped.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void SearchInfixAscii<TSink>(ReadOnlySpan<char> text, ref byte folded, ref TSink sink)
        where TSink : struct, IHitSink
    {
        var length = text.Length;
        ref var nibbles = ref MemoryMarshal.GetArrayDataReference(_infixNibbles!);
        var low0 = Vector256.LoadUnsafe(ref nibbles, 0);
        var high0 = Vector256.LoadUnsafe(ref nibbles, 32);
        var low1 = Vector256.LoadUnsafe(ref nibbles, 64);
        var high1 = Vector256.LoadUnsafe(ref nibbles, 96);
        var low2 = Vector256.LoadUnsafe(ref nibbles, 128);
        var high2 = Vector256.LoadUnsafe(ref nibbles, 160);
        var nibble = Vector256.Create((byte)0x0F);
        for (var i = 0; i < length; i += 32)
        {
            var b0 = Vector256.LoadUnsafe(ref folded, (nuint)i);
            var b1 = Vector256.LoadUnsafe(ref folded, (nuint)(i + 1));
            var b2 = Vector256.LoadUnsafe(ref folded, (nuint)(i + 2));
            var match = Vector256.ShuffleNative(low0, b0 & nibble) & Vector256.ShuffleNative(high0, Vector256.ShiftRightLogical(b0, 4))
                & Vector256.ShuffleNative(low1, b1 & nibble) & Vector256.ShuffleNative(high1, Vector256.ShiftRightLogical(b1, 4))
                & Vector256.ShuffleNative(low2, b2 & nibble) & Vector256.ShuffleNative(high2, Vector256.ShiftRightLogical(b2, 4));
            var mask = ~Vector256.Equals(match, Vector256<byte>.Zero).ExtractMostSignificantBits();
            if (length - i < 32)
            {
                mask &= (1u << (length - i)) - 1;
            }

            while (mask != 0)
            {
                var position = i + BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;

                // The head is within the text and its eight zeros; a candidate's first byte is in a bucket.
                var head = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref folded, position));
                var bucket = _infixBucket[(byte)head];
                if (bucket < _infixChecks.Length)
                {
                    foreach (var (keywordHead, keywordMask, keyword) in _infixChecks[bucket])
                    {
                        if ((head & keywordMask) == keywordHead && (keyword.Length <= 8 || text[position..].StartsWith(keyword, StringComparison.OrdinalIgnoreCase)))
                        {
                            ReportInfix(text, position, ref sink);
                            break;
                        }
                    }
                }
            }
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
