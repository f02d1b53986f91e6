namespace AegisGate.Detection.Classifier;

/// <summary>
/// A prompt-injection model: maps canonicalised text to a calibrated probability that the text is an injection or
/// jailbreak attempt. AegisGate ships <see cref="HashedLinearInjectionModel"/> (embedded, microseconds per KB);
/// register another implementation (for example an ONNX classifier through Microsoft.ML.OnnxRuntime) to replace it
/// without changing the pipeline.
/// </summary>
/// <remarks>
/// <para>Implementations must be thread-safe and should not allocate on the hot path. Long inputs are the
/// implementation's business: score overlapping windows and return the maximum (see
/// <see cref="InjectionWindows"/>), because an injection hidden in the middle of a long document must not be diluted.</para>
/// <para>A model that cannot load must throw at start-up; AegisGate never falls back to rules only.</para>
/// </remarks>
public interface IInjectionModel
{
    /// <summary>Gets a stable identifier of the model (name and version or content hash), for audit records.</summary>
    string ModelId { get; }

    /// <summary>Gets the probability at or above which user content is treated as an injection (the model's own
    /// low-false-positive operating point).</summary>
    double RecommendedThreshold { get; }

    /// <summary>Gets the (lower) threshold for third-party content (retrieved documents, tool output), where the
    /// policy trades more false positives for recall.</summary>
    double SensitiveThreshold { get; }

    /// <summary>Scores canonicalised text.</summary>
    /// <param name="canonicalText">Text canonicalised by AegisGate (NFKC, invisible characters removed, confusables folded).</param>
    /// <returns>The calibrated probability, 0–1, that the text is an injection (the maximum over windows for long text).</returns>
    double Score(ReadOnlySpan<char> canonicalText);
}
