using AegisGate.Detection.Classifier;

namespace AegisGate.Core.Tests.Detection.Classifier;

/// <summary>A damaged, missing or mismatched model is an error, never a silent rules-only mode.</summary>
public sealed class ModelLoadFailureTests
{
    private static byte[] EmbeddedBytes()
    {
        using var stream = typeof(HashedLinearInjectionModel).Assembly.GetManifestResourceStream(HashedLinearInjectionModel.EmbeddedResourceName)!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [Test]
    public void Load_EmbeddedBytes_Succeeds()
    {
        Assert.That(HashedLinearInjectionModel.Load(EmbeddedBytes()).Name, Is.EqualTo(HashedLinearInjectionModel.LoadEmbedded().Name));
    }

    [TestCase(0)]
    [TestCase(7)]
    [TestCase(100)]
    [TestCase(5000)]
    public void Load_TruncatedFile_Throws(int keep)
    {
        var bytes = EmbeddedBytes()[..keep];

        Assert.That(() => HashedLinearInjectionModel.Load(bytes), Throws.TypeOf<InjectionModelLoadException>());
    }

    [Test]
    public void Load_LastByteMissing_ThrowsTruncated()
    {
        var bytes = EmbeddedBytes()[..^1];

        Assert.That(() => HashedLinearInjectionModel.Load(bytes), Throws.TypeOf<InjectionModelLoadException>().With.Message.Contains("truncated"));
    }

    [TestCase(20)]
    [TestCase(1000)]
    [TestCase(-1)]
    public void Load_FlippedByte_FailsChecksum(int offset)
    {
        var bytes = EmbeddedBytes();
        var index = offset < 0 ? bytes.Length - 1 : offset;
        bytes[index] ^= 0x01;

        Assert.That(() => HashedLinearInjectionModel.Load(bytes), Throws.TypeOf<InjectionModelLoadException>().With.Message.Contains("checksum"));
    }

    [Test]
    public void Load_WrongFormatVersion_Throws()
    {
        var bytes = EmbeddedBytes();
        bytes[4] = 2;

        Assert.That(() => HashedLinearInjectionModel.Load(bytes), Throws.TypeOf<InjectionModelLoadException>().With.Message.Contains("format version 2"));
    }

    [Test]
    public void Load_WrongMagic_Throws()
    {
        var bytes = EmbeddedBytes();
        bytes[0] = (byte)'X';

        Assert.That(() => HashedLinearInjectionModel.Load(bytes), Throws.TypeOf<InjectionModelLoadException>().With.Message.Contains("magic"));
    }

    [Test]
    public void Load_OtherFeaturizerVersion_Throws()
    {
        var model = HashedLinearInjectionModel.LoadEmbedded();
        var bytes = InjectionModelFormat.Write(model.Header with { FeaturizerVersion = 99 }, new sbyte[1 << model.Header.Settings.BucketBits]);

        Assert.That(() => HashedLinearInjectionModel.Load(bytes), Throws.TypeOf<InjectionModelLoadException>().With.Message.Contains("featurizer version 99"));
    }

    [Test]
    public void Load_OtherCanonicalizer_Throws()
    {
        var model = HashedLinearInjectionModel.LoadEmbedded();
        var bytes = InjectionModelFormat.Write(model.Header with { CanonicalizerFingerprint = new byte[32] }, new sbyte[1 << model.Header.Settings.BucketBits]);

        Assert.That(() => HashedLinearInjectionModel.Load(bytes), Throws.TypeOf<InjectionModelLoadException>().With.Message.Contains("canonicaliser"));
    }

    [Test]
    public void Load_InconsistentHeader_Throws()
    {
        var model = HashedLinearInjectionModel.LoadEmbedded();
        var bytes = InjectionModelFormat.Write(model.Header with { RecommendedThreshold = 1.5f }, new sbyte[1 << model.Header.Settings.BucketBits]);

        Assert.That(() => HashedLinearInjectionModel.Load(bytes), Throws.TypeOf<InjectionModelLoadException>().With.Message.Contains("inconsistent"));
    }

    [Test]
    public void Load_MissingFile_Throws()
    {
        var path = Path.Combine(Path.GetTempPath(), "aegisgate-missing-" + Guid.NewGuid().ToString("N") + ".bin");

        Assert.That(() => HashedLinearInjectionModel.Load(path), Throws.TypeOf<InjectionModelLoadException>().With.InnerException.TypeOf<FileNotFoundException>());
    }
}
