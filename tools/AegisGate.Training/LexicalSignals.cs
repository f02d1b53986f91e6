using AegisGate.Detection;
using AegisGate.Detection.Classifier;
using Microsoft.Extensions.Options;

namespace AegisGate.Training;

/// <summary>
/// The lexical injection probability the detection engine pools with the model (<see cref="InjectionConfidence"/>),
/// read through the engine's public API: a classifier whose model always says 0 reports exactly the lexical probability
/// as the confidence of <c>injection.classifier</c> (thresholds and the rule's confidence floor set to their minimum).
/// Used to choose the operating points on the combined confidence the engine compares with them.
/// </summary>
internal static class LexicalSignals
{
    public static double[] Compute(IReadOnlyList<CorpusRow> rows)
    {
        var classifier = new InjectionClassifier(new ZeroModel(), Options.Create(new InjectionClassifierOptions
        {
            UserPromptThreshold = 0.0001,
            DocumentThreshold = 0.0001,
            ToolOutputThreshold = 0.0001,
            ModelResponseThreshold = 0.0001,
        }));
        var options = new AegisDetectionOptions();
        options.Policy.Rules["injection.classifier"] = new RulePolicyOptions { MinConfidence = 0 };
        var scanner = ContentScanner.Create(classifier, options);
        var result = new double[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var scan = scanner.Scan(rows[i].Text, ScanOptions.Default);
            result[i] = scan.ErrorCode is not null ? 1 : scan.Findings.FirstOrDefault(f => f.RuleId == "injection.classifier")?.Confidence ?? 0;
        }

        return result;
    }

    private sealed class ZeroModel : IInjectionModel
    {
        public string Name => "zero";

        public int MaxWindowChars => 1 << 20;

        public double Score(ReadOnlySpan<char> canonicalText) => 0;
    }
}
