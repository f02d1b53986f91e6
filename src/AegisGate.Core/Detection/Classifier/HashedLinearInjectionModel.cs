using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace AegisGate.Detection.Classifier;

/// <summary>
/// AegisGate's built-in injection model: hashed word and character n-grams scored by a logistic-regression model
/// with int8 weights, trained by <c>tools/AegisGate.Training</c> on public data and embedded in AegisGate.Core.
/// Scoring allocates nothing and costs a few microseconds per KB. The model windows text itself, in
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

    private HashedLinearInjectionModel(InjectionModelHeader header, sbyte[] weights, string contentHash)
    {
        Header = header;
        _weights = weights;
        _settings = header.Settings;
        _halfWindow = header.WindowTokens / 2;
        _bias = header.Bias;
        _scale = header.WeightScale;
        _normExponent = header.NormExponent;
        _calibrationA = header.CalibrationA;
        _calibrationB = header.CalibrationB;
        RecommendedThreshold = header.RecommendedThreshold;
        SensitiveThreshold = header.SensitiveThreshold;
        Name = "aegisgate-hashed-linear-v" + InjectionModelFormat.FormatVersion + "/" + contentHash;
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
        var header = InjectionModelFormat.Read(bytes, out var weights);
        if (!header.CanonicalizerFingerprint.AsSpan().SequenceEqual(ClassifierCanonicalization.Fingerprint))
        {
            throw new InjectionModelLoadException(
                "The injection model was trained with a different text canonicaliser than this AegisGate uses; retrain it with tools/AegisGate.Training.");
        }

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(bytes, hash);
        return new HashedLinearInjectionModel(header, weights, Convert.ToHexStringLower(hash[..6]));
    }

    /// <summary>Scores canonical text (the maximum over its windows).</summary>
    /// <param name="canonicalText">Text as <see cref="TextCanonicalizer"/> produced it.</param>
    /// <returns>The calibrated probability, 0–1, that the text is a prompt injection or jailbreak.</returns>
    public double Score(ReadOnlySpan<char> canonicalText) => Calibrate(MaxLogit(canonicalText));

    /// <summary>Maps a raw logit to the calibrated probability.</summary>
    /// <param name="logit">The raw logit.</param>
    /// <returns>The probability.</returns>
    internal double Calibrate(double logit) => 1.0 / (1.0 + Math.Exp(-((_calibrationA * logit) + _calibrationB)));

    /// <summary>The raw (uncalibrated) logit: the maximum over windows.</summary>
    /// <param name="canonicalText">Canonical text.</param>
    /// <returns>The logit.</returns>
    internal double MaxLogit(ReadOnlySpan<char> canonicalText)
    {
        var sink = new ScoringSink(this);
        InjectionFeaturizer.Featurize(canonicalText, _settings, ref sink);
        return sink.Finish();
    }

    private double WindowLogit(long sum, int count) =>
        count == 0 ? _bias : _bias + (_scale * sum / Math.Pow(count, _normExponent));

    /// <summary>Sums int8 weights per half window; each window is two adjacent halves (so windows overlap by half).</summary>
    private struct ScoringSink(HashedLinearInjectionModel model) : IFeatureSink
    {
        private readonly sbyte[] _weights = model._weights;
        private long _sum;
        private int _count;
        private int _tokens;
        private long _previousSum;
        private int _previousCount;
        private bool _havePrevious;
        private bool _scored;
        private double _max = double.NegativeInfinity;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Feature(int bucket)
        {
            // The bucket is masked to 2^bits − 1 and the array has exactly 2^bits entries (checked at load).
            _sum += Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_weights), bucket);
            _count++;
        }

        public void EndToken()
        {
            if (++_tokens < model._halfWindow)
            {
                return;
            }

            if (_havePrevious)
            {
                Window(_previousSum + _sum, _previousCount + _count);
            }

            _previousSum = _sum;
            _previousCount = _count;
            _havePrevious = true;
            _sum = 0;
            _count = 0;
            _tokens = 0;
        }

        public double Finish()
        {
            if (_count > 0 || !_scored)
            {
                Window(_previousSum + _sum, _previousCount + _count);
            }

            return _max;
        }

        private void Window(long sum, int count)
        {
            _scored = true;
            var logit = model.WindowLogit(sum, count);
            if (logit > _max)
            {
                _max = logit;
            }
        }
    }
}
