namespace AegisGate.Detection.Classifier;

/// <summary>The classifier's verdict on one text.</summary>
/// <param name="ModelScore">The model's calibrated probability.</param>
/// <param name="LexicalConfidence">The lexical confidence it was combined with.</param>
/// <param name="Confidence">The combined confidence (<see cref="InjectionConfidence.Combine"/>).</param>
/// <param name="Threshold">The threshold of the content's source.</param>
public readonly record struct InjectionAssessment(double ModelScore, double LexicalConfidence, double Confidence, double Threshold)
{
    /// <summary>Gets a value indicating whether the text is treated as an injection (confidence at or above the threshold).</summary>
    public bool IsInjection => Confidence >= Threshold;
}
