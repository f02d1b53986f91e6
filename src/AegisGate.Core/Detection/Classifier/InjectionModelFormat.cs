using System.Buffers.Binary;
using System.Security.Cryptography;

namespace AegisGate.Detection.Classifier;

/// <summary>
/// The binary format of a hashed n-gram injection model (<c>injection-model.bin</c>), format version 2: a linear
/// term and an optional hidden layer over a bag of embedded features. All numbers are little-endian.
/// <code>
/// offset size field
///      0    4 magic "AGIC"
///      4    2 format version (1)
///      6    2 featurizer version (<see cref="InjectionFeaturizer.Version"/>)
///      8    1 bucket bits (10 … 24)
///      9    1 word n-gram max (1 or 2)
///     10    1 char n-gram min (0 = none, else 2 … 6)
///     11    1 char n-gram max
///     12    2 window length in word tokens (even, ≥ 16)
///     14    2 reserved (0)
///     16    4 hash seed
///     20    4 float32 length-normalisation exponent p (logit = bias + scale·Σq / n^p)
///     24    4 float32 bias
///     28    4 float32 weight scale
///     32    4 float32 calibration A (probability = σ(A·logit + B))
///     36    4 float32 calibration B
///     40    4 float32 recommended threshold (calibrated probability; user prompts)
///     44    4 float32 sensitive threshold (calibrated probability; third-party content)
///     48   32 canonicaliser fingerprint (SHA-256 of the canonical forms of the probe strings)
///     80   32 SHA-256 of the training corpus file
///    112    8 training seed
///    120    4 training rows
///    124    4 validation rows
///    128    4 weight count n (= 2^bucket bits)
///    132    2 hidden width d (0 = linear model only; else a multiple of 8, at most 64)
///    134    1 embedding bits e (0 when d = 0; else 8 … min(bucket bits, 20)): a feature's row is bucket &gt;&gt; (bucket bits − e)
///    135    1 hidden-layer features (0 = all features, 1 = word uni- and bigrams only)
///    136    4 float32 embedding scale (embedding = scale · q)
///    140    4 reserved (0)
///    144    n linear weights, int8 (weight = weight scale · q)
///  144+n  4·d float32 hidden biases
///         4·d float32 output weights
///      2^e·d embedding table, int8, row-major
///     end  32 SHA-256 of all preceding bytes
/// </code>
/// The logit of a window is <c>bias + weight scale·Σq/n^p + Σ_j out_j·max(0, hb_j + embedding scale·Σ E[row]_j/n^p)</c>
/// (n = feature occurrences in the window).
/// </summary>
internal static class InjectionModelFormat
{
    public const ushort FormatVersion = 2;
    public const int HeaderLength = 144;
    public const int MaxHiddenDim = 64;
    public const int MaxEmbeddingBits = 20;
    public const int ChecksumLength = 32;
    public const int MinBucketBits = 10;
    public const int MaxBucketBits = 24;
    public static ReadOnlySpan<byte> Magic => "AGIC"u8;

    /// <summary>Serialises a model.</summary>
    /// <param name="header">The header.</param>
    /// <param name="weights">The quantised weights (length 2^bits).</param>
    /// <param name="hidden">The hidden layer (required when the header declares one).</param>
    /// <returns>The file bytes.</returns>
    public static byte[] Write(in InjectionModelHeader header, ReadOnlySpan<sbyte> weights, HiddenLayerWeights? hidden = null)
    {
        if (weights.Length != 1 << header.Settings.BucketBits)
        {
            throw new ArgumentException("The weight count must be 2^bucket bits.", nameof(weights));
        }

        var d = header.Hidden.Dim;
        if (d > 0 && (hidden is null || hidden.Bias.Length != d || hidden.Output.Length != d || hidden.Embedding.Length != (1 << header.Hidden.EmbeddingBits) * d))
        {
            throw new ArgumentException("The hidden layer does not match the header.", nameof(hidden));
        }

        var bytes = new byte[HeaderLength + weights.Length + HiddenLength(header.Hidden) + ChecksumLength];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], FormatVersion);
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], header.FeaturizerVersion);
        span[8] = (byte)header.Settings.BucketBits;
        span[9] = (byte)header.Settings.WordNgramMax;
        span[10] = (byte)header.Settings.CharNgramMin;
        span[11] = (byte)header.Settings.CharNgramMax;
        BinaryPrimitives.WriteUInt16LittleEndian(span[12..], (ushort)header.WindowTokens);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], header.Settings.HashSeed);
        BinaryPrimitives.WriteSingleLittleEndian(span[20..], header.NormExponent);
        BinaryPrimitives.WriteSingleLittleEndian(span[24..], header.Bias);
        BinaryPrimitives.WriteSingleLittleEndian(span[28..], header.WeightScale);
        BinaryPrimitives.WriteSingleLittleEndian(span[32..], header.CalibrationA);
        BinaryPrimitives.WriteSingleLittleEndian(span[36..], header.CalibrationB);
        BinaryPrimitives.WriteSingleLittleEndian(span[40..], header.RecommendedThreshold);
        BinaryPrimitives.WriteSingleLittleEndian(span[44..], header.SensitiveThreshold);
        header.CanonicalizerFingerprint.AsSpan().CopyTo(span[48..80]);
        header.CorpusSha256.AsSpan().CopyTo(span[80..112]);
        BinaryPrimitives.WriteUInt64LittleEndian(span[112..], header.TrainingSeed);
        BinaryPrimitives.WriteUInt32LittleEndian(span[120..], (uint)header.TrainingRows);
        BinaryPrimitives.WriteUInt32LittleEndian(span[124..], (uint)header.ValidationRows);
        BinaryPrimitives.WriteUInt32LittleEndian(span[128..], (uint)weights.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(span[132..], (ushort)d);
        span[134] = (byte)header.Hidden.EmbeddingBits;
        span[135] = header.Hidden.WordsOnly ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteSingleLittleEndian(span[136..], header.EmbeddingScale);
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(weights).CopyTo(span[HeaderLength..]);
        if (d > 0)
        {
            var at = HeaderLength + weights.Length;
            foreach (var v in hidden!.Bias)
            {
                BinaryPrimitives.WriteSingleLittleEndian(span[at..], v);
                at += 4;
            }

            foreach (var v in hidden.Output)
            {
                BinaryPrimitives.WriteSingleLittleEndian(span[at..], v);
                at += 4;
            }

            System.Runtime.InteropServices.MemoryMarshal.AsBytes(hidden.Embedding.AsSpan()).CopyTo(span[at..]);
        }

        SHA256.HashData(span[..^ChecksumLength], span[^ChecksumLength..]);
        return bytes;
    }

    /// <summary>Parses and verifies a model file.</summary>
    /// <param name="bytes">The file bytes.</param>
    /// <param name="weights">The linear weights.</param>
    /// <param name="hidden">The hidden layer, or <see langword="null"/> for a linear model.</param>
    /// <returns>The header.</returns>
    /// <exception cref="InjectionModelLoadException">The file is truncated, corrupted, of another version or inconsistent.</exception>
    public static InjectionModelHeader Read(ReadOnlySpan<byte> bytes, out sbyte[] weights, out HiddenLayerWeights? hidden)
    {
        if (bytes.Length < 8 || !bytes[..4].SequenceEqual(Magic))
        {
            throw new InjectionModelLoadException("The injection model is not an AegisGate model file (bad magic or truncated header).");
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(bytes[4..]);
        if (version != FormatVersion)
        {
            throw new InjectionModelLoadException($"The injection model has format version {version}; this AegisGate reads version {FormatVersion}.");
        }

        var featurizer = BinaryPrimitives.ReadUInt16LittleEndian(bytes[6..]);
        if (featurizer != InjectionFeaturizer.Version)
        {
            throw new InjectionModelLoadException($"The injection model was trained with featurizer version {featurizer}; this AegisGate computes version {InjectionFeaturizer.Version}. Retrain the model.");
        }

        if (bytes.Length < HeaderLength + ChecksumLength)
        {
            throw new InjectionModelLoadException("The injection model file is truncated.");
        }

        var bits = bytes[8];
        if (bits is < MinBucketBits or > MaxBucketBits)
        {
            throw new InjectionModelLoadException($"The injection model declares {bits} bucket bits (allowed {MinBucketBits}–{MaxBucketBits}).");
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(bytes[128..]);
        if (count != 1u << bits)
        {
            throw new InjectionModelLoadException("The injection model's weight count does not match its bucket bits.");
        }

        var hiddenSettings = new HiddenLayerSettings(BinaryPrimitives.ReadUInt16LittleEndian(bytes[132..]), bytes[134], bytes[135] == 1);
        var d = hiddenSettings.Dim;
        if (d == 0 ? bytes[134] != 0 || bytes[135] != 0 : d % 8 != 0 || d > MaxHiddenDim || hiddenSettings.EmbeddingBits < 8 || hiddenSettings.EmbeddingBits > Math.Min((int)bits, MaxEmbeddingBits) || bytes[135] > 1)
        {
            throw new InjectionModelLoadException("The injection model declares an invalid hidden layer.");
        }

        var expected = HeaderLength + (long)count + HiddenLength(hiddenSettings) + ChecksumLength;
        if (bytes.Length != expected)
        {
            throw new InjectionModelLoadException(bytes.Length < expected
                ? "The injection model file is truncated."
                : "The injection model file has trailing bytes.");
        }

        VerifyChecksum(bytes);

        var header = new InjectionModelHeader
        {
            FeaturizerVersion = featurizer,
            Settings = new FeaturizerSettings(bits, bytes[9], bytes[10], bytes[11], BinaryPrimitives.ReadUInt32LittleEndian(bytes[16..])),
            WindowTokens = BinaryPrimitives.ReadUInt16LittleEndian(bytes[12..]),
            NormExponent = BinaryPrimitives.ReadSingleLittleEndian(bytes[20..]),
            Bias = BinaryPrimitives.ReadSingleLittleEndian(bytes[24..]),
            WeightScale = BinaryPrimitives.ReadSingleLittleEndian(bytes[28..]),
            CalibrationA = BinaryPrimitives.ReadSingleLittleEndian(bytes[32..]),
            CalibrationB = BinaryPrimitives.ReadSingleLittleEndian(bytes[36..]),
            RecommendedThreshold = BinaryPrimitives.ReadSingleLittleEndian(bytes[40..]),
            SensitiveThreshold = BinaryPrimitives.ReadSingleLittleEndian(bytes[44..]),
            CanonicalizerFingerprint = bytes[48..80].ToArray(),
            CorpusSha256 = bytes[80..112].ToArray(),
            TrainingSeed = BinaryPrimitives.ReadUInt64LittleEndian(bytes[112..]),
            TrainingRows = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes[120..]),
            ValidationRows = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes[124..]),
            Hidden = hiddenSettings,
            EmbeddingScale = BinaryPrimitives.ReadSingleLittleEndian(bytes[136..]),
        };
        Validate(header);
        weights = new sbyte[count];
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(bytes.Slice(HeaderLength, (int)count)).CopyTo(weights);
        hidden = null;
        if (d > 0)
        {
            var at = HeaderLength + (int)count;
            var bias = new float[d];
            var output = new float[d];
            for (var j = 0; j < d; j++, at += 4)
            {
                bias[j] = BinaryPrimitives.ReadSingleLittleEndian(bytes[at..]);
            }

            for (var j = 0; j < d; j++, at += 4)
            {
                output[j] = BinaryPrimitives.ReadSingleLittleEndian(bytes[at..]);
            }

            if (!AllFinite(bias) || !AllFinite(output))
            {
                throw new InjectionModelLoadException("The injection model's hidden layer holds a non-finite number.");
            }

            var embedding = new sbyte[(1 << hiddenSettings.EmbeddingBits) * d];
            System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(bytes.Slice(at, embedding.Length)).CopyTo(embedding);
            hidden = new HiddenLayerWeights(bias, output, embedding);
        }

        return header;
    }

    // Kept out of Read: a stackalloc in a method with loops makes its first JIT a full optimisation (~10 ms at start-up).
    private static void VerifyChecksum(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[ChecksumLength];
        SHA256.HashData(bytes[..^ChecksumLength], hash);
        if (!CryptographicOperations.FixedTimeEquals(hash, bytes[^ChecksumLength..]))
        {
            throw new InjectionModelLoadException("The injection model failed its SHA-256 checksum (corrupted or modified file).");
        }
    }

    private static int HiddenLength(in HiddenLayerSettings hidden) =>
        hidden.Dim == 0 ? 0 : (8 * hidden.Dim) + ((1 << hidden.EmbeddingBits) * hidden.Dim);

    private static bool AllFinite(float[] values)
    {
        foreach (var v in values)
        {
            if (!float.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    private static void Validate(in InjectionModelHeader h)
    {
        var s = h.Settings;
        var ok = s.WordNgramMax is 1 or 2
            && (s.CharNgramMin == 0 ? s.CharNgramMax == 0 : s.CharNgramMin >= 2 && s.CharNgramMax >= s.CharNgramMin && s.CharNgramMax <= FeaturizerSettings.MaxCharNgram)
            && h.WindowTokens >= 16 && h.WindowTokens % 2 == 0
            && float.IsFinite(h.NormExponent) && h.NormExponent is >= 0 and <= 1
            && float.IsFinite(h.Bias) && float.IsFinite(h.WeightScale) && h.WeightScale > 0
            && float.IsFinite(h.CalibrationA) && h.CalibrationA > 0 && float.IsFinite(h.CalibrationB)
            && h.RecommendedThreshold is > 0 and < 1 && h.SensitiveThreshold is > 0 and < 1
            && (h.Hidden.Dim == 0 || (float.IsFinite(h.EmbeddingScale) && h.EmbeddingScale > 0));
        if (!ok)
        {
            throw new InjectionModelLoadException("The injection model's header holds inconsistent settings.");
        }
    }
}

/// <summary>The header of a model file.</summary>
internal sealed record InjectionModelHeader
{
    public ushort FeaturizerVersion { get; init; } = InjectionFeaturizer.Version;

    public required FeaturizerSettings Settings { get; init; }

    public required int WindowTokens { get; init; }

    public required float NormExponent { get; init; }

    public required float Bias { get; init; }

    public required float WeightScale { get; init; }

    public required float CalibrationA { get; init; }

    public required float CalibrationB { get; init; }

    public required float RecommendedThreshold { get; init; }

    public required float SensitiveThreshold { get; init; }

    public required byte[] CanonicalizerFingerprint { get; init; }

    public required byte[] CorpusSha256 { get; init; }

    public ulong TrainingSeed { get; init; }

    public int TrainingRows { get; init; }

    public int ValidationRows { get; init; }

    public HiddenLayerSettings Hidden { get; init; }

    public float EmbeddingScale { get; init; }
}

/// <summary>The shape of a model's hidden layer.</summary>
/// <param name="Dim">The hidden width (0 = none).</param>
/// <param name="EmbeddingBits">log2 of the rows of the embedding table.</param>
/// <param name="WordsOnly">Whether only word features feed the hidden layer.</param>
internal readonly record struct HiddenLayerSettings(int Dim, int EmbeddingBits, bool WordsOnly);

/// <summary>The weights of a hidden layer.</summary>
/// <param name="Bias">The hidden biases (d).</param>
/// <param name="Output">The output weights (d).</param>
/// <param name="Embedding">The int8 embedding table (2^e × d, row-major).</param>
internal sealed record HiddenLayerWeights(float[] Bias, float[] Output, sbyte[] Embedding);
