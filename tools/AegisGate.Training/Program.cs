using System.Globalization;
using AegisGate.Training;

// dotnet run --project tools/AegisGate.Training -- --corpus ../shared/corpus/injection.jsonl
//   [--out src/AegisGate.Core/Detection/Classifier/injection-model.bin] [--report path.md] [--key value ...]
string? corpus = null;
string? output = null;
string? reportPath = null;
var options = new TrainingOptions();
var extra = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    var inv = CultureInfo.InvariantCulture;
    switch (args[i])
    {
        case "--corpus": corpus = Value(); break;
        case "--out": output = Value(); break;
        case "--extra": extra.Add(Value()); break;
        case "--report": reportPath = Value(); break;
        case "--mil": options = options with { MultipleInstance = bool.Parse(Value()) }; break;
        case "--augment": options = options with { AugmentCopies = int.Parse(Value(), inv) }; break;
        case "--long-benign": options = options with { LongBenignPerFold = int.Parse(Value(), inv) }; break;
        case "--validation-out": options = options with { ValidationOutPath = Value() }; break;
        case "--lexical-thresholds": options = options with { LexicalOperatingPoints = bool.Parse(Value()) }; break;
        case "--structured": options = options with { StructuredPerFold = int.Parse(Value(), inv) }; break;
        case "--system-prompts": options = options with { SystemPromptsPerFold = int.Parse(Value(), inv) }; break;
        case "--chat-requests": options = options with { ChatRequestsPerFold = int.Parse(Value(), inv) }; break;
        case "--code-snippets": options = options with { CodeSnippetsPerFold = int.Parse(Value(), inv) }; break;
        case "--dump": options = options with { DumpPath = Value() }; break;
        case "--bits": options = options with { BucketBits = int.Parse(Value(), inv) }; break;
        case "--word-ngrams": options = options with { WordNgramMax = int.Parse(Value(), inv) }; break;
        case "--char-min": options = options with { CharNgramMin = int.Parse(Value(), inv) }; break;
        case "--char-max": options = options with { CharNgramMax = int.Parse(Value(), inv) }; break;
        case "--window": options = options with { WindowTokens = int.Parse(Value(), inv) }; break;
        case "--norm": options = options with { NormExponent = float.Parse(Value(), inv) }; break;
        case "--l2": options = options with { L2 = double.Parse(Value(), inv) }; break;
        case "--epochs": options = options with { Epochs = int.Parse(Value(), inv) }; break;
        case "--lr": options = options with { LearningRate = double.Parse(Value(), inv) }; break;
        case "--benign-weight": options = options with { BenignWeight = double.Parse(Value(), inv) }; break;
        case "--everyday": options = options with { EverydayRequestsPerFold = int.Parse(Value(), inv) }; break;
        case "--seed": options = options with { Seed = ulong.Parse(Value(), inv) }; break;
        case "--target-fpr": options = options with { TargetFpr = double.Parse(Value(), inv) }; break;
        case "--trigger-fpr": options = options with { TriggerTargetFpr = double.Parse(Value(), inv) }; break;
        case "--hidden": options = options with { HiddenDim = int.Parse(Value(), inv) }; break;
        case "--embedding-bits": options = options with { EmbeddingBits = int.Parse(Value(), inv) }; break;
        case "--hidden-words-only": options = options with { HiddenWordsOnly = bool.Parse(Value()) }; break;
        case "--hidden-lr": options = options with { HiddenLearningRate = double.Parse(Value(), inv) }; break;
        case "--embedding-init": options = options with { EmbeddingInit = double.Parse(Value(), inv) }; break;
        case "--max-epochs": options = options with { MaxEpochs = int.Parse(Value(), inv) }; break;
        case "--early-stopping": options = options with { EarlyStopping = bool.Parse(Value()) }; break;
        case "--diagnostics": options = options with { Diagnostics = true }; break;
        case "--help" or "-h":
            Console.WriteLine("usage: AegisGate.Training --corpus injection.jsonl [--out model.bin] [--report report.md] [--bits 18] [--epochs 20] [--seed N] ...");
            return 0;
        default:
            Console.Error.WriteLine($"unknown argument {args[i]} (see --help)");
            return 2;
    }
}

if (corpus is null)
{
    Console.Error.WriteLine("--corpus is required (for example ../shared/corpus/injection.jsonl)");
    return 2;
}

if (!File.Exists(corpus))
{
    Console.Error.WriteLine($"corpus not found: {corpus}");
    return 2;
}

// Project-written probes (data/project-probes.jsonl, copied beside the tool) train by default; `--extra none` leaves them out.
options = options with
{
    ExtraPaths = extra.Count == 0 ? [Path.Combine(AppContext.BaseDirectory, "data", "project-probes.jsonl")] : [.. extra.Where(p => p != "none")],
};
foreach (var path in options.ExtraPaths.Where(p => !File.Exists(p)))
{
    Console.Error.WriteLine($"supplementary training file not found: {path}");
    return 2;
}

// Every output's folder must exist before the run, not after a minute of training.
foreach (var path in new[] { output, reportPath, options.ValidationOutPath, options.DumpPath }.OfType<string>())
{
    var folder = Path.GetDirectoryName(Path.GetFullPath(path));
    if (folder is not null && !Directory.Exists(folder))
    {
        Console.Error.WriteLine($"output folder not found: {folder}");
        return 2;
    }
}

var result = TrainingRun.Run(corpus, options, Console.Error);
Console.WriteLine(result.Report);
if (reportPath is not null)
{
    File.WriteAllText(reportPath, result.Report);
}

if (output is not null)
{
    File.WriteAllBytes(output, result.ModelBytes);
    Console.Error.WriteLine($"wrote {output} ({result.ModelBytes.Length:N0} bytes)");
}

return 0;
