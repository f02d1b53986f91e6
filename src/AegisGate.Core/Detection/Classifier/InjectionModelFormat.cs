using System.Buffers.Binary;
using System.Security.Cryptography;

namespace AegisGate.Detection.Classifier;

/// <summary>
/// The binary format of a hashed linear injection model (<c>injection-model.bin</c>), format version 1. All numbers
/// are little-endian.
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
///    128    4 weight count (= 2^bucket bits)
///    132    n weights, int8 (weight = scale · q)
///  132+n   32 SHA-256 of bytes [0, 132+n)
/// </code>
/// </summary>
internal static class InjectionModelFormat
{
    public const ushort FormatVersion = 1;
    public const int HeaderLength = 132;
    public const int ChecksumLength = 32;
    public const int MinBucketBits = 10;
    public const int MaxBucketBits = 24;
    public static ReadOnlySpan<byte> Magic => "AGIC"u8;

    /// <summary>Serialises a model.</summary>
    /// <param name="header">The header.</param>
    /// <param name="weights">The quantised weights (length 2^bits).</param>
    /// <returns>The file bytes.</returns>
    public static byte[] Write(in InjectionModelHeader header, ReadOnlySpan<sbyte> weights)
    {
        if (weights.Length != 1 << header.Settings.BucketBits)
        {
            throw new ArgumentException("The weight count must be 2^bucket bits.", nameof(weights));
        }

        var bytes = new byte[HeaderLength + weights.Length + ChecksumLength];
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
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(weights).CopyTo(span[HeaderLength..]);
        SHA256.HashData(span[..^ChecksumLength], span[^ChecksumLength..]);
        return bytes;
    }

    /// <summary>Parses and verifies a model file.</summary>
    /// <param name="bytes">The file bytes.</param>
    /// <param name="weights">The weights.</param>
    /// <returns>The header.</returns>
    /// <exception cref="InjectionModelLoadException">The file is truncated, corrupted, of another version or inconsistent.</exception>
    public static InjectionModelHeader Read(ReadOnlySpan<byte> bytes, out sbyte[] weights)
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

        if (bytes.Length != HeaderLength + (int)count + ChecksumLength)
        {
            throw new InjectionModelLoadException(bytes.Length < HeaderLength + (int)count + ChecksumLength
                ? "The injection model file is truncated."
                : "The injection model file has trailing bytes.");
        }

        Span<byte> hash = stackalloc byte[ChecksumLength];
        SHA256.HashData(bytes[..^ChecksumLength], hash);
        if (!CryptographicOperations.FixedTimeEquals(hash, bytes[^ChecksumLength..]))
        {
            throw new InjectionModelLoadException("The injection model failed its SHA-256 checksum (corrupted or modified file).");
        }

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
        };
        Validate(header);
        weights = new sbyte[count];
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(bytes.Slice(HeaderLength, (int)count)).CopyTo(weights);
        return header;
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
            && h.RecommendedThreshold is > 0 and < 1 && h.SensitiveThreshold is > 0 and < 1;
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
}
