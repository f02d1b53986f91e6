using AegisGate.Configuration;
using AegisGate.Detection.Classifier;
using AegisGate.Detection.Engine;
using AegisGate.Detection.Rules;

namespace AegisGate.Detection;

/// <summary>
/// The detection engine as a standalone object (the DI registration of <c>AddAegisDetection</c> uses the same engine).
/// Thread-safe; create one and share it.
/// </summary>
public sealed class ContentScanner : IContentScanner, IContentStreamScanner, IDetectionRuleCatalog
{
    private readonly DetectionEngine _engine;

    private ContentScanner(DetectionEngine engine) => _engine = engine;

    /// <inheritdoc />
    public IReadOnlyList<DetectionRuleDescriptor> Rules => _engine.Rules;

    internal DetectionEngine Engine => _engine;

    /// <summary>Creates a scanner.</summary>
    /// <param name="options">The options; <see langword="null"/> uses the defaults. Rule packs in <see cref="AegisDetectionOptions.RulePacks"/> are resolved against <paramref name="rulePackDirectory"/>.</param>
    /// <param name="model">An optional injection model, combined with the lexical signals by an <see cref="InjectionClassifier"/> with the
    /// default <see cref="InjectionClassifierOptions"/>; <see langword="null"/> lets the lexical signals decide alone.
    /// To use the model embedded in AegisGate.Core, pass <see cref="HashedLinearInjectionModel.LoadEmbedded"/>.</param>
    /// <param name="timeProvider">The time provider for the scan time limit; <see langword="null"/> uses <see cref="TimeProvider.System"/>.</param>
    /// <param name="rulePackDirectory">The directory relative rule-pack paths are resolved against; <see langword="null"/> uses the current directory.</param>
    /// <returns>The scanner.</returns>
    /// <exception cref="InvalidOperationException">The options, a rule pack or a policy are invalid; the message lists every error.</exception>
    public static ContentScanner Create(AegisDetectionOptions? options = null, IInjectionModel? model = null, TimeProvider? timeProvider = null, string? rulePackDirectory = null)
    {
        var classifier = model is null ? null : new InjectionClassifier(model, Microsoft.Extensions.Options.Options.Create(new InjectionClassifierOptions()));
        return Create(classifier, options, timeProvider, rulePackDirectory);
    }

    /// <summary>Creates a scanner that combines the lexical injection signals with an injection classifier (reported as <c>injection.classifier</c>).</summary>
    /// <param name="classifier">The classifier, for example <see cref="InjectionClassifier.CreateEmbedded"/>; <see langword="null"/> lets the lexical signals decide alone.</param>
    /// <param name="options">The options; <see langword="null"/> uses the defaults.</param>
    /// <param name="timeProvider">The time provider for the scan time limit; <see langword="null"/> uses <see cref="TimeProvider.System"/>.</param>
    /// <param name="rulePackDirectory">The directory relative rule-pack paths are resolved against; <see langword="null"/> uses the current directory.</param>
    /// <returns>The scanner.</returns>
    /// <exception cref="InvalidOperationException">The options, a rule pack or a policy are invalid; the message lists every error.</exception>
    public static ContentScanner Create(InjectionClassifier? classifier, AegisDetectionOptions? options = null, TimeProvider? timeProvider = null, string? rulePackDirectory = null)
    {
        options ??= new AegisDetectionOptions();
        var state = BuildState(options, classifier, rulePackDirectory);
        var engine = new DetectionEngine(state, timeProvider ?? TimeProvider.System);
        engine.WarmUp();
        return new ContentScanner(engine);
    }

    internal static EngineState BuildState(AegisDetectionOptions options, InjectionClassifier? classifier, string? rulePackDirectory)
    {
        var custom = new List<DetectionRule>();
        var errors = new List<string>();
        foreach (var pack in options.RulePacks)
        {
            var path = Path.IsPathRooted(pack) ? pack : Path.GetFullPath(Path.Combine(rulePackDirectory ?? Directory.GetCurrentDirectory(), pack));
            var (rules, packErrors) = DetectionRulePacks.Load(path, TimeSpan.FromMilliseconds(250));
            custom.AddRange(rules);
            errors.AddRange(packErrors.Select(e => e.ToString()));
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The detection rule packs are invalid: " + string.Join(" ", errors));
        }

        return EngineState.Build(options, custom, classifier);
    }

    internal void Replace(EngineState state)
    {
        _engine.State = state;
        _engine.WarmUp();
    }

    /// <inheritdoc />
    public ScanResult Scan(string content, ScanOptions options) => _engine.Scan(content, options);

    /// <inheritdoc />
    public ScanResult ScanJson(ReadOnlyMemory<byte> utf8Json, ScanOptions options) => _engine.ScanJson(utf8Json, options);

    /// <inheritdoc />
    public IContentScanSession StartSession(ScanOptions options) => _engine.StartSession(options);
}
