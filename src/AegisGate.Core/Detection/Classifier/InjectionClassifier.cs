using Microsoft.Extensions.Options;

namespace AegisGate.Detection.Classifier;

/// <summary>
/// Scores content with the registered <see cref="IInjectionModel"/> (windows of at most
/// <see cref="IInjectionModel.MaxWindowChars"/>, half-overlapping, maximum taken), combines the score with the
/// lexical signals (<see cref="InjectionConfidence"/>) and applies the threshold of the content's source.
/// </summary>
public sealed class InjectionClassifier
{
    private readonly double[] _thresholds;
    private readonly int _minimumWords;

    /// <summary>Initializes a new instance of the <see cref="InjectionClassifier"/> class.</summary>
    /// <param name="model">The model.</param>
    /// <param name="options">The options.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="InjectionModelLoadException">The model declares a window shorter than 16 characters.</exception>
    public InjectionClassifier(IInjectionModel model, IOptions<InjectionClassifierOptions> options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        Model = model;
        if (model.MaxWindowChars < 16)
        {
            throw new InjectionModelLoadException($"The injection model '{model.Name}' declares a window of {model.MaxWindowChars} characters (at least 16).");
        }

        var o = options.Value;
        _minimumWords = o.MinimumWords;
        var builtIn = model as HashedLinearInjectionModel;
        var recommended = builtIn?.RecommendedThreshold ?? InjectionClassifierOptions.CustomModelDefaultThreshold;
        _thresholds = new double[4];
        _thresholds[(int)ContentSource.User] = o.UserPromptThreshold ?? recommended;
        _thresholds[(int)ContentSource.Document] = o.DocumentThreshold ?? recommended;
        _thresholds[(int)ContentSource.ToolOutput] = o.ToolOutputThreshold ?? recommended;
        _thresholds[(int)ContentSource.ModelResponse] = o.ModelResponseThreshold ?? recommended;
    }

    /// <summary>Gets the model.</summary>
    public IInjectionModel Model { get; }

    /// <summary>Creates a classifier over the model embedded in AegisGate.Core (what <c>AddAegisDetection</c> registers by default).</summary>
    /// <param name="options">The thresholds; <see langword="null"/> uses the model's own operating points.</param>
    /// <returns>The classifier.</returns>
    /// <exception cref="InjectionModelLoadException">The embedded model is missing or invalid.</exception>
    public static InjectionClassifier CreateEmbedded(InjectionClassifierOptions? options = null) =>
        new(HashedLinearInjectionModel.LoadEmbedded(), Options.Create(options ?? new InjectionClassifierOptions()));

    /// <summary>Returns the threshold that applies to content from <paramref name="source"/>.</summary>
    /// <param name="source">The content source.</param>
    /// <returns>The threshold (calibrated probability).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="source"/> is not a defined value.</exception>
    public double ThresholdFor(ContentSource source) =>
        (uint)source < (uint)_thresholds.Length ? _thresholds[(int)source] : throw new ArgumentOutOfRangeException(nameof(source));

    /// <summary>Assesses canonicalised text.</summary>
    /// <param name="canonicalText">Text canonicalised by the detection engine.</param>
    /// <param name="source">Where the text comes from.</param>
    /// <param name="lexicalConfidence">The strongest lexical injection confidence (0 when no rule fired).</param>
    /// <returns>The assessment; texts with fewer than <see cref="InjectionClassifierOptions.MinimumWords"/> words are not given to the model (model score 0).</returns>
    /// <exception cref="InvalidOperationException">The model returned a value that is not a probability (the pipeline turns this into a denial).</exception>
    public InjectionAssessment Assess(ReadOnlySpan<char> canonicalText, ContentSource source, double lexicalConfidence = 0)
    {
        var threshold = ThresholdFor(source);
        var score = HasWords(canonicalText, _minimumWords) ? ScoreWindows(canonicalText) : 0;
        return new InjectionAssessment(score, lexicalConfidence, InjectionConfidence.Combine(score, lexicalConfidence), threshold);
    }

    /// <summary>Returns whether <paramref name="text"/> has at least <paramref name="minimum"/> words (runs of letters or digits).</summary>
    private static bool HasWords(ReadOnlySpan<char> text, int minimum)
    {
        var words = 0;
        var inWord = false;
        for (var i = 0; i < text.Length && words < minimum; i++)
        {
            var letter = char.IsLetterOrDigit(text[i]);
            words += letter && !inWord ? 1 : 0;
            inWord = letter;
        }

        return words >= minimum;
    }

    /// <summary>Scores text with the model, window by window, and returns the maximum.</summary>
    /// <param name="canonicalText">Canonical text.</param>
    /// <returns>The maximum probability over the windows.</returns>
    /// <exception cref="InvalidOperationException">The model returned a value that is not a probability.</exception>
    public double ScoreWindows(ReadOnlySpan<char> canonicalText)
    {
        var window = Model.MaxWindowChars;
        var max = 0.0;
        for (var start = 0; start >= 0; start = InjectionWindows.Next(canonicalText, start, window))
        {
            var score = Model.Score(canonicalText.Slice(start, Math.Min(window, canonicalText.Length - start)));
            if (!(score is >= 0 and <= 1))
            {
                throw new InvalidOperationException($"The injection model '{Model.Name}' returned a score outside 0–1.");
            }

            max = Math.Max(max, score);
        }

        return max;
    }

    /// <summary>Canonicalises raw text with the canonicaliser the embedded model was trained with, then assesses it.</summary>
    /// <param name="text">Raw text.</param>
    /// <param name="source">Where the text comes from.</param>
    /// <param name="lexicalConfidence">The strongest lexical injection confidence (0 when no rule fired).</param>
    /// <returns>The assessment.</returns>
    public InjectionAssessment AssessRaw(string text, ContentSource source, double lexicalConfidence = 0)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Assess(ClassifierCanonicalization.Canonicalize(text), source, lexicalConfidence);
    }
}
