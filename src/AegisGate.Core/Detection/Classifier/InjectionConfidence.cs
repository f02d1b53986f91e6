namespace AegisGate.Detection.Classifier;

/// <summary>
/// Combines the classifier's probability with the lexical injection signals of the rule engine into one confidence.
/// </summary>
/// <remarks>
/// <para>Both inputs are probabilities: the model's is calibrated (Platt scaling fitted on out-of-fold predictions of
/// the training split); the lexical one is the strongest confidence among the rule engine's injection findings
/// (0 when there is none). They are pooled as independent evidence (noisy-OR):
/// <c>confidence = 1 − (1 − model)·(1 − lexical)</c>.</para>
/// <list type="bullet">
/// <item>With no lexical finding the confidence is exactly the model's calibrated probability, so the per-source
/// thresholds keep the false-positive rates measured on the validation split.</item>
/// <item>A strong lexical rule (a chat-template token, "ignore previous instructions") is never weakened by a model
/// that has not seen that phrasing, and a paraphrase without any rule hit is still caught by the model.</item>
/// <item>Weak lexical signals on their own (trigger words in benign text) do not reach the threshold unless the model
/// also leans towards an attack, because the rule engine keeps single weak signals low.</item>
/// </list>
/// </remarks>
public static class InjectionConfidence
{
    /// <summary>Combines the model probability with the lexical confidence.</summary>
    /// <param name="modelProbability">The model's calibrated probability, 0–1.</param>
    /// <param name="lexicalConfidence">The strongest lexical injection confidence, 0–1 (0 when no rule fired).</param>
    /// <returns>The combined confidence, 0–1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An input is not a finite number in 0–1.</exception>
    public static double Combine(double modelProbability, double lexicalConfidence)
    {
        if (!(modelProbability is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(modelProbability), "The model probability must be a number in 0–1.");
        }

        if (!(lexicalConfidence is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(lexicalConfidence), "The lexical confidence must be a number in 0–1.");
        }

        // p + l − p·l equals 1 − (1 − p)(1 − l) and is exactly p when l = 0.
        return Math.Min(1, modelProbability + lexicalConfidence - (modelProbability * lexicalConfidence));
    }
}
