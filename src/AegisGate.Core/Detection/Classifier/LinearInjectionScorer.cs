using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AegisGate.Detection.Classifier;

/// <summary>
/// The fast path of <see cref="HashedLinearInjectionModel"/> for a model without a hidden layer. It computes the same
/// features as <see cref="InjectionFeaturizer"/> and the same integer sums per half window as the reference sink, block
/// by block: (1) fold and collapse the text into a stream of characters (16 ASCII characters at a time with vector
/// operations), (2) hash every character n-gram of the block with vector multiplies (16 positions at a time with
/// 512-bit vectors), (3) one scalar pass that adds the n-gram weights (loads that overlap with the word hash chain) and
/// forms words, tokens and windows. That loop is kept small enough for the JIT to hold everything in registers (one base
/// register for stream and buckets); separate weight passes, AVX2 gathers and packed buckets all measured slower on the
/// Zen 1 benchmark machine. Re-measured on Zen 5 (AVX-512, 1 MB L2): 512-bit hashing takes the hash pass from 16 % to 10 %
/// of the scorer; finding word ends from 64-position vector masks (TrailingZeroCount over the ends, each word hashed in 8
/// branch-free masked steps, half windows summed as ranges of per-position weight sums) measured 1.6× slower on the chat
/// body (8.5 → 14 µs): the separate weight pass alone took a third of the time once its table loads no longer overlap
/// with the word chain, and the masked word steps cost more than the per-character branches they remove (.NET 10 has no
/// 512-bit gather; an AVX2 gather is no faster than scalar loads there).
/// Weight sums and feature counts are exact integers and every window's logit comes from the model's own
/// <c>LinearWindowLogit</c>, so the maximum logit is bit-identical to the reference path. Nothing is allocated.
/// </summary>
internal sealed class LinearInjectionScorer
{
    /// <summary>Stream positions per block.</summary>
    private const int Block = 512;

    /// <summary>The distance between rows of buckets for full blocks (room for a 16-wide vector store past the last position).</summary>
    private const int FullStride = Block + 16;

    /// <summary>
    /// The shortest text scored with the fixed <see cref="FullStride"/> layout of the three-row loop. Shorter texts take
    /// the small buffer and the weight-sum pass: zeroing the 8 KB layout costs more than the faster loop saves on them
    /// (a 20-character text 0.59 → 0.29 µs; equal at about 100 characters).
    /// </summary>
    private const int ThreeRowsMinLength = 100;

    /// <summary>Stream characters kept before a block for the n-grams that reach back into the previous one (≥ 5, a vector's width).</summary>
    private const int History = 8;

    /// <summary>Set in a stream character's upper 16 bits when it is a letter or digit (part of a word); the lower 16 bits are the folded character.</summary>
    private const uint WordFlag = 0xFFFF0000u;

    /// <summary>The FNV-1a offset basis that starts every word hash.</summary>
    private const uint WordSeed = 2166136261u;

    /// <summary>The characters below this (ASCII, Latin, Greek, Cyrillic and the other alphabets, general punctuation) are folded with <see cref="FoldTable"/>.</summary>
    private const int FoldTableLimit = 0x3000;

    /// <summary>
    /// For each character below <see cref="FoldTableLimit"/>: its folded form (<see cref="InjectionFeaturizer.Fold"/>, low
    /// 16 bits) and <see cref="WordFlag"/> when that is a letter or digit (part of a word). Built from the same functions, so the
    /// same values; one load instead of up to five Unicode category and case lookups.
    /// </summary>
    private static readonly uint[] FoldTable = BuildFoldTable();

    private readonly HashedLinearInjectionModel _model;
    private readonly sbyte[] _weights;
    private readonly int _shift;
    private readonly int _bits;
    private readonly uint _unigramSalt;
    private readonly uint _bigramSalt;
    private readonly bool _bigrams;
    private readonly int _halfWindow;

    /// <summary>The character n-gram lengths the model uses (ascending), and the salt of each.</summary>
    private readonly int[] _lengths;
    private readonly uint[] _salts;

    /// <summary>Initializes a new instance of the <see cref="LinearInjectionScorer"/> class.</summary>
    /// <param name="model">The model (its hidden layer must be empty).</param>
    /// <param name="weights">The linear weights (exactly 2^bits).</param>
    /// <param name="settings">The featurizer settings.</param>
    /// <param name="halfWindow">Word tokens per half window.</param>
    public LinearInjectionScorer(HashedLinearInjectionModel model, sbyte[] weights, in FeaturizerSettings settings, int halfWindow)
    {
        _model = model;
        _weights = weights;
        _bits = settings.BucketBits;
        _shift = 32 - settings.BucketBits;
        _unigramSalt = settings.HashSeed ^ InjectionFeaturizer.SaltUnigram;
        _bigramSalt = settings.HashSeed ^ InjectionFeaturizer.SaltBigram;
        _bigrams = settings.WordNgramMax >= 2;
        _halfWindow = halfWindow;
        var lengths = new List<int>();
        if (settings.CharNgramMin > 0)
        {
            // The reference emits n = 2 … 6 when CharNgramMin ≤ n ≤ CharNgramMax (a minimum of 1 emits from 2).
            for (var n = 2; n <= FeaturizerSettings.MaxCharNgram; n++)
            {
                if (settings.CharNgramMin <= n && settings.CharNgramMax >= n)
                {
                    lengths.Add(n);
                }
            }
        }

        _lengths = [.. lengths];
        var seed = settings.HashSeed;
        _salts = Array.ConvertAll(_lengths, n => seed ^ InjectionFeaturizer.SaltChar ^ (uint)n);
    }

    /// <summary>The maximum window logit of canonical text, bit-identical to the reference featurizer and sink.</summary>
    /// <param name="text">Canonical text.</param>
    /// <returns>The logit.</returns>
    public double MaxLogit(ReadOnlySpan<char> text)
    {
        // Buffers sized to the text for short inputs; the vector pass reads and writes up to 15 positions past the end.
        var block = Math.Min(Block, text.Length + 1);
        // With three n-gram lengths (the shipped 3–5) the stream and the rows of buckets lie a constant distance apart in
        // one buffer, so the scan addresses them all from one register (short texts: see ThreeRowsMinLength).
        var three = _lengths.Length == 3 && text.Length >= ThreeRowsMinLength;
        var stride = three ? FullStride : block + 16;
        var rows = Math.Max(1, _lengths.Length) * stride;
        Span<uint> area = stackalloc uint[History + stride + rows + (three ? 0 : stride)];
        var stream = area[..(History + stride)];
        var buckets = MemoryMarshal.Cast<uint, int>(area.Slice(History + stride, rows));
        var charWeights = MemoryMarshal.Cast<uint, int>(area[(History + stride + rows)..]);

        var state = new State(_model);
        var input = 0;
        var previousWasSpace = true;
        long position = 0;
        while (true)
        {
            var n = Fill(text, ref input, ref previousWasSpace, stream[History..], block);
            if (n == 0)
            {
                break;
            }

            if (_lengths.Length == 0)
            {
                charWeights[..n].Clear();
            }
            else
            {
                HashCharNgrams(stream, n, buckets, stride);
                if (three)
                {
                    // Scan loads the three n-grams' weights itself; the first positions lack the longer ones.
                    if (position == 0)
                    {
                        state.Sum -= MissingNgramWeights(buckets, stride, n);
                    }
                }
                else
                {
                    SumCharWeights(buckets, stride, n, position, charWeights);
                }
            }

            if (three)
            {
                Scan<ThreeRows>(ref state, stream, buckets, n, position);
            }
            else
            {
                Scan<WeightSums>(ref state, stream, charWeights, n, position);
            }

            position += n;

            // Keep the block's last characters for the n-grams that start in it (a short block is always the last).
            if (n >= History)
            {
                stream.Slice(n, History).CopyTo(stream);
            }
        }

        return state.Finish(CharFeatures(position));
    }

    /// <summary>
    /// Folds the next characters into the stream (whitespace runs collapsed, leading ones dropped, one space appended
    /// after the last character), each with <see cref="WordFlag"/> when it is a letter or digit.
    /// </summary>
    /// <returns>The number of stream positions written (0 at the end).</returns>
    private static int Fill(ReadOnlySpan<char> text, ref int input, ref bool previousWasSpace, Span<uint> stream, int block)
    {
        var n = 0;
        var i = input;
        var space = previousWasSpace;
        ref var table = ref MemoryMarshal.GetArrayDataReference(FoldTable);
        ref var t = ref MemoryMarshal.GetReference(text);
        ref var s = ref MemoryMarshal.GetReference(stream);
        while (n < block && i < text.Length)
        {
            // 16 ASCII characters without a whitespace run: folded with vector operations, nothing to collapse.
            if (Vector256.IsHardwareAccelerated && n + 16 <= block && i + 16 <= text.Length && FoldAscii16(ref Unsafe.Add(ref t, i), ref space, ref Unsafe.Add(ref s, n)))
            {
                i += 16;
                n += 16;
                continue;
            }

            // One character at a time for the rest of the chunk (non-ASCII, whitespace runs, the end of the block or text).
            var end = Math.Min(text.Length, i + 16);
            for (; n < block && i < end; i++)
            {
                var c = Unsafe.Add(ref t, i);
                uint f;
                if (c < FoldTableLimit)
                {
                    f = Unsafe.Add(ref table, c);
                }
                else
                {
                    var folded = InjectionFeaturizer.Fold(c);
                    f = folded | (char.IsLetterOrDigit(folded) ? WordFlag : 0u);
                }

                // Written unconditionally; a collapsed space does not advance n and is overwritten.
                Unsafe.Add(ref s, n) = f;
                var isSpace = f == ' ';
                n += (isSpace & space) ? 0 : 1;
                space = isSpace;
            }
        }

        // The reference ends the text with one space unless it already ends with one (which also closes the last word).
        if (n < block && i == text.Length && !space)
        {
            Unsafe.Add(ref s, n) = ' ';
            n++;
            space = true;
        }

        input = i;
        previousWasSpace = space;
        return n;
    }

    /// <summary>
    /// Folds 16 characters as <see cref="InjectionFeaturizer.Fold"/> does when all are ASCII and no folded space follows
    /// a space (so none is collapsed); otherwise writes nothing and returns <see langword="false"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool FoldAscii16(ref char source, ref bool space, ref uint stream)
    {
        var v = Vector256.LoadUnsafe(ref Unsafe.As<char, ushort>(ref source));
        if ((v & Vector256.Create((ushort)0xFF80)) != Vector256<ushort>.Zero)
        {
            return false;
        }

        var upper = Vector256.LessThanOrEqual(v - Vector256.Create((ushort)'A'), Vector256.Create((ushort)('Z' - 'A')));
        var digit = Vector256.LessThanOrEqual(v - Vector256.Create((ushort)'0'), Vector256.Create((ushort)9));
        var blank = Vector256.LessThanOrEqual(v, Vector256.Create((ushort)' ')) | Vector256.Equals(v, Vector256.Create((ushort)127));
        var folded = Vector256.ConditionalSelect(blank, Vector256.Create((ushort)' '), Vector256.ConditionalSelect(digit, Vector256.Create((ushort)'0'), v | (upper & Vector256.Create((ushort)0x20))));
        var spaces = blank.ExtractMostSignificantBits();
        if ((spaces & ((spaces << 1) | (space ? 1u : 0u))) != 0)
        {
            return false;
        }

        var letter = Vector256.LessThanOrEqual(folded - Vector256.Create((ushort)'a'), Vector256.Create((ushort)('z' - 'a'))) | digit;
        // The letter mask (0xFFFF per letter), widened and shifted up, is WordFlag.
        var (lo, hi) = Vector256.Widen(folded);
        var (letterLo, letterHi) = Vector256.Widen(letter);
        (lo | Vector256.ShiftLeft(letterLo, 16)).StoreUnsafe(ref stream);
        (hi | Vector256.ShiftLeft(letterHi, 16)).StoreUnsafe(ref stream, 8);
        space = (spaces >> 15) != 0;
        return true;
    }

    /// <summary>
    /// Hashes the character n-grams ending at each of the block's positions into buckets (one row per length); writes up to
    /// 15 positions past <paramref name="n"/> in each row (the stride leaves room).
    /// </summary>
    private void HashCharNgrams(Span<uint> stream, int n, Span<int> buckets, int stride)
    {
        var shift = _shift;
        var lengths = _lengths;
        var salts = _salts;
        var k = 0;
        ref var s = ref MemoryMarshal.GetReference(stream);
        ref var b = ref MemoryMarshal.GetReference(buckets);
        if (Vector512.IsHardwareAccelerated)
        {
            // 16 positions at a time where 512-bit vectors are fast (the same operations as the 256-bit loop below).
            var p = Vector512.Create(InjectionFeaturizer.PolyBase);
            var golden = Vector512.Create(0x9E3779B1u);
            var character = Vector512.Create(0xFFFFu);
            for (; k < n; k += 16)
            {
                ref var at = ref Unsafe.Add(ref s, History + k);
                var g = Vector512.LoadUnsafe(ref at) & character;
                var back = 1;
                for (var j = 0; j < lengths.Length; j++)
                {
                    for (; back < lengths[j]; back++)
                    {
                        g = (g * p) + (Vector512.LoadUnsafe(ref Unsafe.Subtract(ref at, back)) & character);
                    }

                    var bucket = Vector512.ShiftRightLogical((g ^ Vector512.Create(salts[j])) * golden, shift);
                    bucket.AsInt32().StoreUnsafe(ref Unsafe.Add(ref b, (j * stride) + k));
                }
            }

            return;
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var p = Vector256.Create(InjectionFeaturizer.PolyBase);
            var golden = Vector256.Create(0x9E3779B1u);
            var character = Vector256.Create(0xFFFFu);
            for (; k < n; k += 8)
            {
                // Position k of the block is stream[History + k]; the n-gram of length L ending there starts L − 1 before.
                ref var at = ref Unsafe.Add(ref s, History + k);
                var g = Vector256.LoadUnsafe(ref at) & character;
                var back = 1;
                for (var j = 0; j < lengths.Length; j++)
                {
                    // Horner from the newest character backwards, exactly as the reference (mod 2^32).
                    for (; back < lengths[j]; back++)
                    {
                        g = (g * p) + (Vector256.LoadUnsafe(ref Unsafe.Subtract(ref at, back)) & character);
                    }

                    var bucket = Vector256.ShiftRightLogical((g ^ Vector256.Create(salts[j])) * golden, shift);
                    bucket.AsInt32().StoreUnsafe(ref Unsafe.Add(ref b, (j * stride) + k));
                }
            }

            return;
        }

        for (; k < n; k++)
        {
            ref var at = ref Unsafe.Add(ref s, History + k);
            var g = at & 0xFFFF;
            var back = 1;
            for (var j = 0; j < lengths.Length; j++)
            {
                for (; back < lengths[j]; back++)
                {
                    g = (g * InjectionFeaturizer.PolyBase) + (Unsafe.Subtract(ref at, back) & 0xFFFF);
                }

                Unsafe.Add(ref b, (j * stride) + k) = (int)(((g ^ salts[j]) * 0x9E3779B1u) >> shift);
            }
        }
    }

    /// <summary>Adds up the weights of the n-grams ending at each position; the stream's first positions lack the longer n-grams.</summary>
    private void SumCharWeights(Span<int> buckets, int stride, int n, long position, Span<int> charWeights)
    {
        ref var weights = ref MemoryMarshal.GetArrayDataReference(_weights);
        ref var b = ref MemoryMarshal.GetReference(buckets);
        ref var cw = ref MemoryMarshal.GetReference(charWeights);
        for (var k = 0; k < n; k++)
        {
            Unsafe.Add(ref cw, k) = Unsafe.Add(ref weights, Unsafe.Add(ref b, k));
        }

        for (var j = 1; j < _lengths.Length; j++)
        {
            ref var row = ref Unsafe.Add(ref b, j * stride);
            for (var k = 0; k < n; k++)
            {
                Unsafe.Add(ref cw, k) += Unsafe.Add(ref weights, Unsafe.Add(ref row, k));
            }
        }

        if (position < FeaturizerSettings.MaxCharNgram)
        {
            // An n-gram of length L ends at stream position L − 1 at the earliest.
            for (var k = 0; k < n && position + k < FeaturizerSettings.MaxCharNgram; k++)
            {
                var sum = 0;
                for (var j = 0; j < _lengths.Length; j++)
                {
                    if (position + k >= _lengths[j] - 1)
                    {
                        sum += Unsafe.Add(ref weights, Unsafe.Add(ref b, (j * stride) + k));
                    }
                }

                Unsafe.Add(ref cw, k) = sum;
            }
        }
    }

    /// <summary>
    /// The weights of the n-grams the first block's vector pass hashed at stream positions before the n-gram fits (an
    /// n-gram of length L ends at position L − 1 at the earliest). They belong to the first half window, which always
    /// reaches past them (a half window holds at least 8 tokens of 2 positions each).
    /// </summary>
    private int MissingNgramWeights(Span<int> buckets, int stride, int n)
    {
        ref var weights = ref MemoryMarshal.GetArrayDataReference(_weights);
        ref var b = ref MemoryMarshal.GetReference(buckets);
        var missing = 0;
        for (var k = 0; k < n && k < FeaturizerSettings.MaxCharNgram; k++)
        {
            for (var j = 0; j < _lengths.Length; j++)
            {
                if (k < _lengths[j] - 1)
                {
                    missing += Unsafe.Add(ref weights, Unsafe.Add(ref b, (j * stride) + k));
                }
            }
        }

        return missing;
    }

    /// <summary>The number of character n-gram features at stream positions 0 … <paramref name="end"/> − 1.</summary>
    private long CharFeatures(long end)
    {
        var total = 0L;
        foreach (var length in _lengths)
        {
            total += Math.Max(0, end - (length - 1));
        }

        return total;
    }

    /// <summary>The word features, tokens and windows of one block.</summary>
    /// <typeparam name="TCharWeights">How the n-gram weights of a position are found.</typeparam>
    /// <param name="state">The state carried across blocks.</param>
    /// <param name="stream">The stream: <see cref="History"/> characters kept from the previous block, then the block's folded characters, with <see cref="WordFlag"/>.</param>
    /// <param name="charWeights">The three rows of n-gram buckets, <see cref="FullStride"/> apart and right after the stream, or each position's n-gram weight sum.</param>
    /// <param name="n">The block's positions.</param>
    /// <param name="position">The stream position of the block's start.</param>
    private void Scan<TCharWeights>(ref State state, Span<uint> stream, Span<int> charWeights, int n, long position)
        where TCharWeights : struct, ICharWeights
    {
        // Few live values so the loop keeps them in registers: whether a word is open is the previous character's flag
        // (the stream keeps the previous block's last characters; before the text there are none), the rarer word
        // ends read the rest from the state and fields, and k counts up to 0 from −n (the references point at the end).
        ref var weights = ref MemoryMarshal.GetArrayDataReference(_weights);
        ref var s = ref Unsafe.Add(ref MemoryMarshal.GetReference(stream), History + n);
        ref var row0 = ref Unsafe.Add(ref MemoryMarshal.GetReference(charWeights), n);
        var sum = state.Sum;
        var wordHash = state.WordHash;
        for (nint k = -n; k < 0; k++)
        {
            // Loads independent of the word hash chain, so they overlap with it.
            sum += TCharWeights.Rows == 3
                ? Unsafe.Add(ref weights, (int)Unsafe.Add(ref s, k + FullStride)) + Unsafe.Add(ref weights, (int)Unsafe.Add(ref s, k + (2 * FullStride))) + Unsafe.Add(ref weights, (int)Unsafe.Add(ref s, k + (3 * FullStride)))
                : Unsafe.Add(ref row0, k);
            var c = Unsafe.Add(ref s, k);
            if ((int)c < 0)
            {
                wordHash = (wordHash ^ (c & 0xFFFF)) * InjectionFeaturizer.Prime;
            }
            else if ((int)Unsafe.Add(ref s, k - 1) < 0)
            {
                sum += EndWord(ref state, wordHash);
                wordHash = WordSeed;
                if (++state.Tokens >= _halfWindow)
                {
                    // The token ends at position k, after the n-grams ending there (as in the reference).
                    state.Sum = sum;
                    state.EndHalf(CharFeatures(position + n + k + 1));
                    sum = 0;
                }
            }
        }

        state.Sum = sum;
        state.WordHash = wordHash;
    }

    /// <summary>The weights of a word's unigram and (after another word) bigram features; counts them and remembers the word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int EndWord(ref State state, uint wordHash)
    {
        ref var weights = ref MemoryMarshal.GetArrayDataReference(_weights);
        var sum = (int)Unsafe.Add(ref weights, InjectionFeaturizer.Bucket(wordHash, _unigramSalt, _bits));
        state.WordFeatures++;
        if (_bigrams && state.HavePreviousWord)
        {
            sum += Unsafe.Add(ref weights, InjectionFeaturizer.Bucket((state.PreviousWord * InjectionFeaturizer.PolyBase) ^ wordHash, _bigramSalt, _bits));
            state.WordFeatures++;
        }

        state.PreviousWord = wordHash;
        state.HavePreviousWord = true;
        return sum;
    }

    /// <summary>What <see cref="Scan"/> is given per position: three rows of buckets (the shipped 3–5), whose weights it loads, or one row of weight sums.</summary>
    private interface ICharWeights
    {
        /// <summary>Gets the number of rows.</summary>
        static abstract int Rows { get; }
    }

    /// <summary>Three rows of buckets.</summary>
    private readonly struct ThreeRows : ICharWeights
    {
        public static int Rows => 3;
    }

    /// <summary>Each position's weight sum, formed before the scan.</summary>
    private readonly struct WeightSums : ICharWeights
    {
        public static int Rows => 1;
    }

    private static uint[] BuildFoldTable()
    {
        var table = new uint[FoldTableLimit];
        for (var c = 0; c < table.Length; c++)
        {
            var folded = InjectionFeaturizer.Fold((char)c);
            table[c] = folded | (char.IsLetterOrDigit(folded) ? WordFlag : 0u);
        }

        return table;
    }

    /// <summary>The word and window state carried across blocks; windows as the reference sink forms them.</summary>
    private struct State(HashedLinearInjectionModel model)
    {
        public uint WordHash = WordSeed;
        public uint PreviousWord;
        public bool HavePreviousWord;
        public int Tokens;

        /// <summary>The weight sum of the current half window.</summary>
        public long Sum;

        /// <summary>The word features of the current half window.</summary>
        public int WordFeatures;

        /// <summary>The character n-gram features before the current half window.</summary>
        private long _charFeaturesBefore;
        private long _previousSum;
        private int _previousCount;
        private bool _havePrevious;
        private bool _scored;
        private double _max = double.NegativeInfinity;

        /// <summary>Closes the current half window (the reference sink's EndToken after the last token of a half window).</summary>
        /// <param name="charFeatures">The character n-gram features so far.</param>
        public void EndHalf(long charFeatures)
        {
            var count = Count(charFeatures);
            if (_havePrevious)
            {
                Window(_previousSum + Sum, _previousCount + count);
            }

            _previousSum = Sum;
            _previousCount = count;
            _havePrevious = true;
            _charFeaturesBefore = charFeatures;
            Sum = 0;
            WordFeatures = 0;
            Tokens = 0;
        }

        /// <summary>The reference sink's Finish.</summary>
        /// <param name="charFeatures">All the character n-gram features of the text.</param>
        /// <returns>The maximum logit.</returns>
        public double Finish(long charFeatures)
        {
            var count = Count(charFeatures);
            if (count > 0 || !_scored)
            {
                Window(_previousSum + Sum, _previousCount + count);
            }

            return _max;
        }

        /// <summary>The features of the current half window (an int, as the reference counts them).</summary>
        private readonly int Count(long charFeatures) => unchecked(WordFeatures + (int)(charFeatures - _charFeaturesBefore));

        private void Window(long sum, int count)
        {
            _scored = true;
            var logit = model.LinearWindowLogit(sum, count);
            if (logit > _max)
            {
                _max = logit;
            }
        }
    }
}
