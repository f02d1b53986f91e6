using AegisGate.Detection;
using AegisGate.Detection.Classifier;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AegisGate.Core.Tests.Detection.Classifier;

/// <summary>DI registration: the model loads at start-up, and a bad model stops the host.</summary>
public sealed class InjectionClassifierRegistrationTests
{
    private static IHost BuildHost(Action<IAegisBuilder> configure)
    {
        var builder = Host.CreateApplicationBuilder();
        var aegis = builder.Services.AddAegisGate();
        aegis.AddPipeline("test", static (pipeline, _) => pipeline.AddCheck(AegisGate.TestUtilities.TestChecks.Allow()));
        configure(aegis);
        return builder.Build();
    }

    [Test]
    public async Task StartAsync_EmbeddedModel_StartsAndResolvesClassifier()
    {
        using var host = BuildHost(static b => b.AddAegisInjectionClassifier());
        await host.StartAsync();
        var classifier = host.Services.GetRequiredService<InjectionClassifier>();

        Assert.That(classifier.Model, Is.TypeOf<HashedLinearInjectionModel>());
        await host.StopAsync();
    }

    [Test]
    public void StartAsync_MissingModelFile_StopsTheHost()
    {
        var path = Path.Combine(Path.GetTempPath(), "aegisgate-missing-" + Guid.NewGuid().ToString("N") + ".bin");
        using var host = BuildHost(b => b.AddAegisInjectionClassifier(o => o.ModelPath = path));

        Assert.That(async () => await host.StartAsync(), Throws.TypeOf<InjectionModelLoadException>());
    }

    [Test]
    public void StartAsync_CorruptedModelFile_StopsTheHost()
    {
        using var dir = new AegisGate.TestUtilities.TempDirectory();
        var path = Path.Combine(dir.Path, "model.bin");
        using (var stream = typeof(HashedLinearInjectionModel).Assembly.GetManifestResourceStream(HashedLinearInjectionModel.EmbeddedResourceName)!)
        using (var file = File.Create(path))
        {
            stream.CopyTo(file);
        }

        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        using var host = BuildHost(b => b.AddAegisInjectionClassifier(o => o.ModelPath = path));

        Assert.That(async () => await host.StartAsync(), Throws.TypeOf<InjectionModelLoadException>().With.Message.Contains("checksum"));
    }

    [Test]
    public void StartAsync_ThresholdOutOfRange_FailsValidation()
    {
        using var host = BuildHost(static b => b.AddAegisInjectionClassifier(o => o.DocumentThreshold = 1.5));

        Assert.That(async () => await host.StartAsync(), Throws.TypeOf<OptionsValidationException>());
    }

    [Test]
    public async Task UseInjectionModel_CustomModel_ReplacesTheEmbeddedOne()
    {
        using var host = BuildHost(static b => b.UseInjectionModel<KeywordModel>());
        await host.StartAsync();
        var classifier = host.Services.GetRequiredService<InjectionClassifier>();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(classifier.Model, Is.TypeOf<KeywordModel>());
            Assert.That(classifier.AssessRaw("please EXPLODE the old garden shed now", ContentSource.User).IsInjection, Is.True);
            Assert.That(classifier.AssessRaw("hello, how is the weather today", ContentSource.User).IsInjection, Is.False);
        }

        await host.StopAsync();
    }

    [Test]
    public void StartAsync_CustomModelReturningNaN_StopsTheHost()
    {
        using var host = BuildHost(static b => b.UseInjectionModel<BrokenModel>());

        Assert.That(async () => await host.StartAsync(), Throws.TypeOf<InvalidOperationException>().With.Message.Contains("outside 0–1"));
    }

    [Test]
    public void AddAegisInjectionClassifier_Twice_RegistersOnce()
    {
        var services = new ServiceCollection();
        var aegis = services.AddAegisGate();
        aegis.AddAegisInjectionClassifier().AddAegisInjectionClassifier();

        Assert.That(services.Count(d => d.ServiceType == typeof(InjectionClassifier)), Is.EqualTo(1));
    }

    private sealed class KeywordModel : IInjectionModel
    {
        public string Name => "keyword-test";

        public int MaxWindowChars => 64;

        public double Score(ReadOnlySpan<char> canonicalText) => canonicalText.Contains("explode", StringComparison.OrdinalIgnoreCase) ? 0.9 : 0.1;
    }

    private sealed class BrokenModel : IInjectionModel
    {
        public string Name => "broken-test";

        public int MaxWindowChars => 64;

        public double Score(ReadOnlySpan<char> canonicalText) => double.NaN;
    }
}
