using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AegisGate.Detection.Classifier;

/// <summary>
/// AegisGate's built-in injection model: hashed word and character n-grams scored by a linear term plus one ReLU hidden
/// layer over a bag of embedded features (wide and deep; int8 weights), trained by <c>tools/AegisGate.Training</c> on
/// public data and embedded in AegisGate.Core. A model file without a hidden layer is plain logistic regression.
/// Scoring allocates nothing and costs microseconds per KB. The model windows text itself, in
/// half-overlapping windows of <see cref="WindowTokens"/> word tokens, and returns the maximum, so it accepts whole
/// texts (<see cref="MaxWindowChars"/>) and the engine need not split them.
/// </summary>
public sealed class HashedLinearInjectionModel : IInjectionModel
{
    /// <summary>The manifest resource name of the embedded model.</summary>
    public const string EmbeddedResourceName = "AegisGate.Detection.Classifier.injection-model.bin";

    private readonly sbyte[] _weights;
    private readonly FeaturizerSettings _settings;
    private readonly int _halfWindow;
    private readonly double _bias;
    private readonly double _scale;
    private readonly double _normExponent;
    private readonly double _calibrationA;
    private readonly double _calibrationB;
    private readonly sbyte[] _embedding;
    private readonly double[] _hiddenBias;
    private readonly double[] _output;
    private readonly int _hiddenDim;
    private readonly int _rowShift;
    private readonly bool _hiddenWordsOnly;
    private readonly double _embeddingScale;
    private readonly LinearInjectionScorer? _linear;

    /// <summary>Math.Pow(count, normExponent) for the feature counts of ordinary windows (the same values, computed once).</summary>
    private readonly double[] _norms;

    private HashedLinearInjectionModel(InjectionModelHeader header, sbyte[] weights, HiddenLayerWeights? hidden, string contentHash)
    {
        Header = header;
        _weights = weights;
        _hiddenDim = hidden is null ? 0 : header.Hidden.Dim;
        _embedding = hidden?.Embedding ?? [];
        _hiddenBias = hidden is null ? [] : Array.ConvertAll(hidden.Bias, v => (double)v);
        _output = hidden is null ? [] : Array.ConvertAll(hidden.Output, v => (double)v);
        _rowShift = header.Settings.BucketBits - header.Hidden.EmbeddingBits;
        _hiddenWordsOnly = header.Hidden.WordsOnly;
        _embeddingScale = header.EmbeddingScale;
        _settings = header.Settings;
        _halfWindow = header.WindowTokens / 2;
        _bias = header.Bias;
        _scale = header.WeightScale;
        _normExponent = header.NormExponent;
        _calibrationA = header.CalibrationA;
        _calibrationB = header.CalibrationB;
        RecommendedThreshold = header.RecommendedThreshold;
        SensitiveThreshold = header.SensitiveThreshold;
        _norms = new double[NormCacheSize];
        for (var count = 1; count < _norms.Length; count++)
        {
            _norms[count] = Math.Pow(count, _normExponent);
        }

        _linear = _hiddenDim == 0 ? new LinearInjectionScorer(this, weights, _settings, _halfWindow) : null;
        Name = (_hiddenDim == 0 ? "aegisgate-hashed-linear-v" : "aegisgate-hashed-mlp-v") + InjectionModelFormat.FormatVersion + "/" + contentHash;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    /// <value>1 Mi characters: the model windows text internally (see <see cref="WindowTokens"/>).</value>
    public int MaxWindowChars => 1 << 20;

    /// <summary>Gets the calibrated probability at or above which user prompts, tool output and model responses are treated as
    /// injections: the operating point chosen on out-of-fold predictions at a 1 % benign false-positive rate (and 1 % on trigger-word sentences).</summary>
    public double RecommendedThreshold { get; }

    /// <summary>Gets the lower threshold for retrieved documents: the operating point at a 3 % benign false-positive
    /// rate, trading false positives for recall where indirect injections hide.</summary>
    public double SensitiveThreshold { get; }

    /// <summary>Gets the window length in word tokens.</summary>
    public int WindowTokens => Header.WindowTokens;

    internal InjectionModelHeader Header { get; }

    /// <summary>Loads the model embedded in AegisGate.Core.</summary>
    /// <returns>The model.</returns>
    /// <exception cref="InjectionModelLoadException">The embedded model is missing or invalid.</exception>
    public static HashedLinearInjectionModel LoadEmbedded()
    {
        using var stream = typeof(HashedLinearInjectionModel).Assembly.GetManifestResourceStream(EmbeddedResourceName)
            ?? throw new InjectionModelLoadException($"The embedded injection model '{EmbeddedResourceName}' is missing from AegisGate.Core.");
        return Load(stream);
    }

    /// <summary>Loads a model file.</summary>
    /// <param name="path">The path of the model file.</param>
    /// <returns>The model.</returns>
    /// <exception cref="InjectionModelLoadException">The file is missing, unreadable or invalid.</exception>
    public static HashedLinearInjectionModel Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InjectionModelLoadException($"The injection model file '{path}' could not be read: {ex.Message}", ex);
        }

        return Load(bytes);
    }

    /// <summary>Loads a model from a stream (read to its end).</summary>
    /// <param name="stream">The stream.</param>
    /// <returns>The model.</returns>
    /// <exception cref="InjectionModelLoadException">The content is invalid.</exception>
    public static HashedLinearInjectionModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream(stream.CanSeek ? (int)Math.Min(stream.Length, int.MaxValue) : 0);
        stream.CopyTo(buffer);
        return Load(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>Loads a model from its bytes.</summary>
    /// <param name="bytes">The file content.</param>
    /// <returns>The model.</returns>
    /// <exception cref="InjectionModelLoadException">The content is invalid.</exception>
    public static HashedLinearInjectionModel Load(ReadOnlySpan<byte> bytes)
    {
        var header = InjectionModelFormat.Read(bytes, out var weights, out var hidden);
        if (!header.CanonicalizerFingerprint.AsSpan().SequenceEqual(ClassifierCanonicalization.Fingerprint))
        {
            throw new InjectionModelLoadException(
                "The injection model was trained with a different text canonicaliser than this AegisGate uses; retrain it with tools/AegisGate.Training.");
        }

        // The id names the file by its stored SHA-256 checksum (verified by Read), so the bytes are hashed only once.
        return new HashedLinearInjectionModel(header, weights, hidden, Convert.ToHexStringLower(bytes[^InjectionModelFormat.ChecksumLength..][..6]));
    }

    /// <summary>Scores canonical text (the maximum over its windows).</summary>
    /// <param name="canonicalText">Text as <see cref="TextCanonicalizer"/> produced it.</param>
    /// <returns>The calibrated probability, 0–1, that the text is a prompt injection or jailbreak.</returns>
    public double Score(ReadOnlySpan<char> canonicalText) => Calibrate(MaxLogit(canonicalText));

    /// <summary>Maps a raw logit to the calibrated probability.</summary>
    /// <param name="logit">The raw logit.</param>
    /// <returns>The probability.</returns>
    internal double Calibrate(double logit) => 1.0 / (1.0 + Math.Exp(-((_calibrationA * logit) + _calibrationB)));

    /// <summary>The raw (uncalibrated) logit: the maximum over windows (the fast path for a model without a hidden layer).</summary>
    /// <param name="canonicalText">Canonical text.</param>
    /// <returns>The logit.</returns>
    internal double MaxLogit(ReadOnlySpan<char> canonicalText) =>
        _linear is { } linear ? linear.MaxLogit(canonicalText) : ReferenceMaxLogit(canonicalText);

    /// <summary>The raw logit through the generic featurizer and sink: the reference the fast path must equal bit for bit.</summary>
    /// <param name="canonicalText">Canonical text.</param>
    /// <returns>The logit.</returns>
    internal double ReferenceMaxLogit(ReadOnlySpan<char> canonicalText)
    {
        var sink = new ScoringSink(this);
        InjectionFeaturizer.Featurize(canonicalText, _settings, ref sink);
        return sink.Finish();
    }

    /// <summary>The logit of one window from its sums (linear sum, feature count and the hidden layer's integer sums).</summary>
    private double WindowLogit(long sum, int count, ReadOnlySpan<int> previous, ReadOnlySpan<int> current)
    {
        if (count == 0)
        {
            return _bias + HiddenLogit(previous, current, 0);
        }

        var norm = Math.Pow(count, _normExponent);
        return _bias + (_scale * sum / norm) + HiddenLogit(previous, current, _embeddingScale / norm);
    }

    /// <summary>
    /// <see cref="WindowLogit"/> of a model without a hidden layer (whose hidden term is +0.0), with the norm looked up:
    /// the same operations on the same values, so the same double.
    /// </summary>
    /// <param name="sum">The weight sum of the window.</param>
    /// <param name="count">The feature count of the window.</param>
    /// <returns>The logit.</returns>
    internal double LinearWindowLogit(long sum, int count)
    {
        if (count == 0)
        {
            return _bias + 0.0;
        }

        var norm = (uint)count < (uint)_norms.Length ? _norms[count] : Math.Pow(count, _normExponent);
        return _bias + (_scale * sum / norm) + 0.0;
    }

    /// <summary>Window feature counts below this have their norm precomputed.</summary>
    private const int NormCacheSize = 4096;

    private double HiddenLogit(ReadOnlySpan<int> previous, ReadOnlySpan<int> current, double factor)
    {
        var z = 0.0;
        for (var j = 0; j < _hiddenDim; j++)
        {
            var a = _hiddenBias[j] + (factor * (previous[j] + current[j]));
            if (a > 0)
            {
                z += _output[j] * a;
            }
        }

        return z;
    }

    /// <summary>
    /// Adds one int8 embedding row to int16 accumulators (d is a multiple of 8). At most
    /// <see cref="PendingLimit"/> rows are added before <c>ScoringSink.Flush</c> moves the sums to int32, so they cannot
    /// overflow (258 · 127 &lt; 2^15); integer sums are exact, so scoring is deterministic on every CPU.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow(ref sbyte row, ref short accumulator, int d)
    {
        var j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; j + 32 <= d; j += 32)
            {
                var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref row, (nuint)j));
                ref var acc = ref Unsafe.Add(ref accumulator, j);
                (Vector256.LoadUnsafe(ref acc) + lo).StoreUnsafe(ref acc);
                (Vector256.LoadUnsafe(ref acc, 16) + hi).StoreUnsafe(ref acc, 16);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; j + 16 <= d; j += 16)
            {
                var (lo, hi) = Vector128.Widen(Vector128.LoadUnsafe(ref row, (nuint)j));
                ref var acc = ref Unsafe.Add(ref accumulator, j);
                (Vector128.LoadUnsafe(ref acc) + lo).StoreUnsafe(ref acc);
                (Vector128.LoadUnsafe(ref acc, 8) + hi).StoreUnsafe(ref acc, 8);
            }
        }

        for (; j < d; j++)
        {
            Unsafe.Add(ref accumulator, j) += Unsafe.Add(ref row, j);
        }
    }

    /// <summary>The most embedding rows added to the int16 accumulators between two flushes (258 · 127 &lt; 32,767).</summary>
    private const int PendingLimit = 256;

    /// <summary>Room for the hidden layer's integer sums of one half window.</summary>
    [InlineArray(InjectionModelFormat.MaxHiddenDim)]
    private struct HiddenSums
    {
        private int _element;
    }

    /// <summary>Room for the hidden layer's int16 partial sums.</summary>
    [InlineArray(InjectionModelFormat.MaxHiddenDim)]
    private struct PartialSums
    {
        private short _element;
    }

    /// <summary>Sums int8 weights (and embedding rows) per half window; each window is two adjacent halves (so windows overlap by half).</summary>
    private struct ScoringSink(HashedLinearInjectionModel model) : IFeatureSink
    {
        private readonly sbyte[] _weights = model._weights;
        private readonly sbyte[] _embedding = model._embedding;
        private readonly int _d = model._hiddenDim;
        private readonly int _rowShift = model._rowShift;
        private readonly bool _wordsOnly = model._hiddenWordsOnly;
        private PartialSums _partial;
        private int _pending;
        private HiddenSums _currentHidden;
        private HiddenSums _previousHidden;
        private long _sum;
        private int _count;
        private int _tokens;
        private long _previousSum;
        private int _previousCount;
        private bool _havePrevious;
        private bool _scored;
        private double _max = double.NegativeInfinity;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Feature(int bucket, bool word)
        {
            // The bucket is masked to 2^bits − 1 and the array has exactly 2^bits entries (checked at load).
            _sum += Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_weights), bucket);
            _count++;
            if (_d != 0 && (word || !_wordsOnly))
            {
                // Row = top embedding bits of the bucket; the table has exactly 2^e rows of d (checked at load).
                AddRow(
                    ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_embedding), (bucket >> _rowShift) * _d),
                    ref _partial[0],
                    _d);
                if (++_pending == PendingLimit)
                {
                    Flush();
                }
            }
        }

        public void EndToken()
        {
            if (++_tokens < model._halfWindow)
            {
                return;
            }

            Flush();
            if (_havePrevious)
            {
                Window(_previousSum + _sum, _previousCount + _count);
            }

            _previousSum = _sum;
            _previousCount = _count;
            _previousHidden = _currentHidden;
            _currentHidden = default;
            _havePrevious = true;
            _sum = 0;
            _count = 0;
            _tokens = 0;
        }

        public double Finish()
        {
            Flush();
            if (_count > 0 || !_scored)
            {
                Window(_previousSum + _sum, _previousCount + _count);
            }

            return _max;
        }

        /// <summary>Moves the int16 partial sums into the half window's int32 sums.</summary>
        private void Flush()
        {
            if (_pending == 0)
            {
                return;
            }

            for (var j = 0; j < _d; j++)
            {
                _currentHidden[j] += _partial[j];
            }

            _partial = default;
            _pending = 0;
        }

        private void Window(long sum, int count)
        {
            _scored = true;
            ReadOnlySpan<int> previous = _previousHidden;
            ReadOnlySpan<int> current = _currentHidden;
            var logit = model.WindowLogit(sum, count, previous, current);
            if (logit > _max)
            {
                _max = logit;
            }
        }
    }
}
