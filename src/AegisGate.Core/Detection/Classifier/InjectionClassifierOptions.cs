using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AegisGate.Detection.Classifier;

/// <summary>
/// Options of the prompt-injection classifier, bound from <c>AegisGate:Detection:Classifier</c>. Thresholds are
/// calibrated probabilities (see <see cref="InjectionConfidence"/>); a <see langword="null"/> threshold takes the
/// built-in model's own operating point, <see cref="HashedLinearInjectionModel.RecommendedThreshold"/> (1 % false
/// positives on benign prompts), for every source. Documents and tool output are further from the prompts the model
/// was trained on (recipes, assembly and lab-safety instructions, e-mails read as imperatives), and the rules already
/// judge them strictly (instructions-in-data signals, the strict floor); set <see cref="DocumentThreshold"/> to the
/// model's <see cref="HashedLinearInjectionModel.SensitiveThreshold"/> to trade more blocked documents for recall. With
/// a model of your own, a <see langword="null"/> threshold is <see cref="CustomModelDefaultThreshold"/>.
/// </summary>
public sealed class InjectionClassifierOptions
{
    /// <summary>The threshold used for a custom <see cref="IInjectionModel"/> when none is configured.</summary>
    public const double CustomModelDefaultThreshold = 0.5;

    /// <summary>The configuration section name, relative to <c>AegisGate</c>.</summary>
    public const string SectionName = "Detection:Classifier";

    /// <summary>
    /// Gets or sets a value indicating whether the detection engine runs the classifier. Turning it off is an explicit
    /// downgrade to the lexical signals alone (logged at start-up as a warning); it never happens because a model is
    /// missing or broken — that stops the host.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Gets or sets the fewest words a text needs before the model's probability counts. A handful of words gives a
    /// hashed n-gram model too little context (a tool described as "Deletes everything." resembles "forget
    /// everything"); shorter texts are left to the rules, which know the short canonical attacks. 0 scores every text.
    /// </summary>
    /// <value>The default value is 6 (fewer than 1 % of the corpus attacks are shorter, almost all caught by rules).</value>
    [Range(0, 1000)]
    public int MinimumWords { get; set; } = 6;

    /// <summary>Gets or sets the path of a model file to use instead of the embedded model (for a retrained model).</summary>
    /// <value>The default value is <see langword="null"/>: the model embedded in AegisGate.Core. A missing or invalid file stops the host.</value>
    public string? ModelPath { get; set; }

    /// <summary>Gets or sets the threshold for user prompts.</summary>
    /// <value>The default value is <see langword="null"/> (the model's recommended threshold).</value>
    [Range(0.0001, 0.9999)]
    public double? UserPromptThreshold { get; set; }

    /// <summary>Gets or sets the threshold for retrieved documents and web pages.</summary>
    /// <value>The default value is <see langword="null"/> (the model's recommended threshold; its sensitive threshold was the default before 2026-11-27).</value>
    [Range(0.0001, 0.9999)]
    public double? DocumentThreshold { get; set; }

    /// <summary>Gets or sets the threshold for tool output.</summary>
    /// <value>The default value is <see langword="null"/> (the model's recommended threshold).</value>
    [Range(0.0001, 0.9999)]
    public double? ToolOutputThreshold { get; set; }

    /// <summary>Gets or sets the threshold for model responses.</summary>
    /// <value>The default value is <see langword="null"/> (the model's recommended threshold).</value>
    [Range(0.0001, 0.9999)]
    public double? ModelResponseThreshold { get; set; }
}

/// <summary>Source-generated validator of <see cref="InjectionClassifierOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class InjectionClassifierOptionsValidator : IValidateOptions<InjectionClassifierOptions>;
