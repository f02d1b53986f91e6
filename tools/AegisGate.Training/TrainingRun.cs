using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AegisGate.Detection.Classifier;

namespace AegisGate.Training;

/// <summary>Metrics of one family (or of all rows) at one threshold.</summary>
/// <param name="Family">The family, or <c>all</c>.</param>
/// <param name="Attacks">Attack rows.</param>
/// <param name="Benign">Benign rows.</param>
/// <param name="TruePositives">Attacks flagged.</param>
/// <param name="FalsePositives">Benign rows flagged.</param>
internal sealed record FamilyMetrics(string Family, int Attacks, int Benign, int TruePositives, int FalsePositives)
{
    public double Recall => Attacks == 0 ? double.NaN : (double)TruePositives / Attacks;

    public double Fpr => Benign == 0 ? double.NaN : (double)FalsePositives / Benign;

    public double Precision => TruePositives + FalsePositives == 0 ? double.NaN : (double)TruePositives / (TruePositives + FalsePositives);
}

/// <summary>The outcome of a training run.</summary>
internal sealed record TrainingResult(byte[] ModelBytes, string Report, double ValidationRecall, double ValidationBenignFpr, double ValidationTriggerFpr);

/// <summary>The whole training procedure: split, cross-validate, calibrate, choose thresholds, train, evaluate.</summary>
internal static class TrainingRun
{
    /// <summary>Runs training on a corpus file.</summary>
    /// <param name="corpusPath">The corpus.</param>
    /// <param name="options">Options.</param>
    /// <param name="log">Progress output.</param>
    /// <returns>The result.</returns>
    public static TrainingResult Run(string corpusPath, TrainingOptions options, TextWriter log)
    {
        var rows = Corpus.Load(corpusPath, out var corpusSha);
        return Run(rows, corpusSha, options, log);
    }

    /// <summary>Runs training on loaded rows.</summary>
    /// <param name="rows">The rows.</param>
    /// <param name="corpusSha">The corpus hash (recorded in the model).</param>
    /// <param name="options">Options.</param>
    /// <param name="log">Progress output.</param>
    /// <returns>The result.</returns>
    public static TrainingResult Run(List<CorpusRow> rows, byte[] corpusSha, TrainingOptions options, TextWriter log)
    {
        var groups = Corpus.GroupNearDuplicates(rows, options.DuplicateThreshold);
        var isValidation = Corpus.ValidationSplit(rows, options.ValidationEvery, options.Seed);
        var train = rows.Where((_, i) => !isValidation[i]).ToList();
        var validation = rows.Where((_, i) => isValidation[i]).ToList();
        if (options.ExtraPaths.Count > 0)
        {
            // Supplementary rows train only: grouped among themselves after the corpus split, so the split is unchanged.
            var extra = options.ExtraPaths.SelectMany(p => Corpus.Load(p, out _)).ToList();
            Corpus.GroupNearDuplicates(extra, options.DuplicateThreshold);
            foreach (var row in extra)
            {
                row.Group += groups;
            }

            train.AddRange(extra);
            log.WriteLine($"supplementary training rows {extra.Count} ({extra.Count(r => r.IsAttack)} attacks)");
        }
        log.WriteLine($"rows {rows.Count}, near-duplicate groups {groups}, train {train.Count}, validation {validation.Count}");

        var trainDocs = train.Select(r => new Document(Trainer.Featurize(TrainingText(r, train), options), r.IsAttack)).ToList();
        var folds = Corpus.Folds(train, options.Folds, options.Seed);
        var augmented = Augment(train, folds, options);

        // Out-of-fold logits on the training split: calibration, thresholds and the epoch count never see the validation split.
        // Early stopping: every fold's model is scored on its left-out fold after every epoch (the shipped, quantised form),
        // and the epoch count with the best pooled out-of-fold recall at the target FPR is chosen (ties: fewer epochs).
        var maxEpochs = options.EarlyStopping ? options.MaxEpochs : options.Epochs;
        var epochLogits = new double[maxEpochs][];
        for (var e = 0; e < maxEpochs; e++)
        {
            epochLogits[e] = new double[train.Count];
        }

        for (var f = 0; f < options.Folds; f++)
        {
            var fit = trainDocs.Where((_, i) => folds[i] != f).Concat(augmented.Where(a => folds[a.Source] != f).Select(a => a.Doc)).ToList();
            var fold = f;
            _ = Trainer.Train(fit, options, maxEpochs, (epoch, model) =>
            {
                if (!options.EarlyStopping && epoch != maxEpochs)
                {
                    return;
                }

                var scorer = HashedLinearInjectionModel.Load(Trainer.Serialize(model, options, (1, 0), (0.5, 0.5), corpusSha, fit.Count, 0));
                for (var i = 0; i < train.Count; i++)
                {
                    if (folds[i] == fold)
                    {
                        epochLogits[epoch - 1][i] = scorer.MaxLogit(train[i].Canonical);
                    }
                }
            });
            log.WriteLine($"fold {f + 1}/{options.Folds} done");
        }

        var epochs = maxEpochs;
        var epochRecalls = new List<double>();
        if (options.EarlyStopping)
        {
            var best = double.NegativeInfinity;
            for (var e = 0; e < maxEpochs; e++)
            {
                var logits = epochLogits[e];
                var cut = Trainer.ThresholdAtFpr(train.Select((r, i) => (r, i)).Where(x => !x.r.IsAttack).Select(x => logits[x.i]).ToList(), options.TargetFpr);
                var recall = train.Select((r, i) => (r, i)).Where(x => x.r.IsAttack).Average(x => logits[x.i] >= cut ? 1.0 : 0.0);
                epochRecalls.Add(recall);
                if (recall > best)
                {
                    best = recall;
                    epochs = e + 1;
                }
            }

            log.WriteLine($"early stopping: {epochs} epochs (out-of-fold recall at {options.TargetFpr:P1} FPR by epoch: {string.Join(' ', epochRecalls.Select(r => r.ToString("F3", CultureInfo.InvariantCulture)))})");
        }

        var oof = epochLogits[epochs - 1];
        var calibration = Trainer.FitPlatt(oof, train.Select(r => r.IsAttack).ToList());
        if (!double.IsFinite(calibration.A) || !double.IsFinite(calibration.B) || calibration.A <= 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"Platt calibration failed (A = {calibration.A}, B = {calibration.B}; out-of-fold logits {oof.Min():G4} … {oof.Max():G4}): the out-of-fold predictions do not separate the classes."));
        }

        var oofProbability = oof.Select(z => Trainer.Sigmoid((calibration.A * z) + calibration.B)).ToArray();
        // The engine compares the model's probability pooled with the lexical probability (noisy-OR) with the thresholds,
        // so the operating points are chosen on that same combined confidence (rules are not trained, so this is not a leak).
        var trainLexical = options.LexicalOperatingPoints ? LexicalSignals.Compute(train) : new double[train.Count];
        var validationLexical = options.LexicalOperatingPoints ? LexicalSignals.Compute(validation) : new double[validation.Count];
        var oofCombined = oofProbability.Select((p, i) => InjectionConfidence.Combine(p, trainLexical[i])).ToArray();
        if (options.Diagnostics)
        {
            Diagnose(log, train, oofProbability, trainLexical, options);
        }

        var benignOof = train.Select((r, i) => (r, i)).Where(x => !x.r.IsAttack).Select(x => oofCombined[x.i]).ToList();
        var triggerOof = train.Select((r, i) => (r, i)).Where(x => x.r.Family == Corpus.TriggerFamily).Select(x => oofCombined[x.i]).ToList();
        var recommended = Math.Max(Trainer.ThresholdAtFpr(benignOof, options.TargetFpr), triggerOof.Count > 0 ? Trainer.ThresholdAtFpr(triggerOof, options.TriggerTargetFpr) : 0);
        var sensitive = Math.Min(recommended, Trainer.ThresholdAtFpr(benignOof, options.SensitiveFpr));
        recommended = Math.Clamp(recommended, 1e-4, 0.9999);
        sensitive = Math.Clamp(sensitive, 1e-4, 0.9999);

        var final = Trainer.Train([.. trainDocs, .. augmented.Select(a => a.Doc)], options, epochs);
        var bytes = Trainer.Serialize(final, options, calibration, (recommended, sensitive), corpusSha, train.Count, validation.Count);
        var shipped = HashedLinearInjectionModel.Load(bytes);

        var validationScores = validation.Select(r => shipped.Score(r.Canonical)).ToList();
        var trainScores = oofProbability.ToList();
        var report = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        report.AppendLine("# Injection classifier training report").AppendLine();
        report.AppendLine(inv, $"- corpus sha256 `{Convert.ToHexStringLower(corpusSha)}`, {rows.Count} rows, {groups} near-duplicate groups (MinHash Jaccard ≥ {options.DuplicateThreshold})");
        report.AppendLine(inv, $"- split: validation = every {options.ValidationEvery}th near-duplicate group per family (seeded SHA-256 order): train {train.Count}, validation {validation.Count} (never trained on, never used for calibration or thresholds)");
        var supplementary = train.Count + validation.Count - rows.Count;
        if (supplementary > 0)
        {
            report.AppendLine(inv, $"- the training split includes {supplementary} project-written rows (`--extra`; never in the validation split)");
        }

        report.AppendLine(inv, $"- features: word 1–{options.WordNgramMax}-grams + char {options.CharNgramMin}–{options.CharNgramMax}-grams, 2^{options.BucketBits} int8 buckets, window {options.WindowTokens} tokens (half overlap), norm n^{options.NormExponent}");
        var modelLine = options.HiddenDim == 0
            ? "- model: logistic regression"
            : string.Create(inv, $"- model: linear term + ReLU hidden layer of {options.HiddenDim} over a bag of embedded {(options.HiddenWordsOnly ? "word" : "word and character")} features (2^{options.Hidden.EmbeddingBits} int8 rows), AdaGrad lr {options.HiddenLearningRate}, init ±{options.EmbeddingInit}");
        report.AppendLine(modelLine);
        report.AppendLine(inv, $"- training: AdaGrad SGD, {epochs} epochs ({(options.EarlyStopping ? $"early stopping on the {options.Folds} cross-validation folds of the training split, at most {options.MaxEpochs}; out-of-fold recall at {options.TargetFpr:P1} FPR by epoch: {string.Join(' ', epochRecalls.Select(r => r.ToString("F3", inv)))}" : "fixed")}), lr {options.LearningRate}, L2 {options.L2}, benign weight {options.BenignWeight}, seed {options.Seed}");
        report.AppendLine(inv, $"- calibration (Platt, {options.Folds}-fold out-of-fold logits): A = {calibration.A:F4}, B = {calibration.B:F4}");
        report.AppendLine(inv, $"- thresholds (out-of-fold, {(options.LexicalOperatingPoints ? "model pooled with the lexical signals" : "model alone")}): recommended {recommended:F4} (benign FPR ≤ {options.TargetFpr:P1}, trigger-word FPR ≤ {options.TriggerTargetFpr:P1}); sensitive {sensitive:F4} (benign FPR ≤ {options.SensitiveFpr:P1})");
        report.AppendLine(inv, $"- model: {bytes.Length:N0} bytes, id `{shipped.Name}`, SHA-256 `{Convert.ToHexStringLower(SHA256.HashData(bytes))}`").AppendLine();

        var validationCombined = validationScores.Select((p, i) => InjectionConfidence.Combine(p, validationLexical[i])).ToList();
        var summary = options.LexicalOperatingPoints
            ? AppendMetrics(report, "Validation split (held back): model pooled with the lexical signals, as the engine runs it", validation, validationCombined, recommended, sensitive)
            : AppendMetrics(report, "Validation split (held back)", validation, validationScores, recommended, sensitive);
        if (options.LexicalOperatingPoints)
        {
            _ = AppendMetrics(report, "Validation split (held back): model alone", validation, validationScores, recommended, sensitive);
            _ = AppendMetrics(report, "Training split, out-of-fold: model pooled with the lexical signals", train, oofCombined, recommended, sensitive);
        }

        _ = AppendMetrics(report, "Training split, out-of-fold (cross-validation): model alone", train, trainScores, recommended, sensitive);
        if (options.DumpPath is not null)
        {
            var lines = train.Select((r, i) => (Split: "oof", Row: r, Score: oofProbability[i]))
                .Concat(validation.Select((r, i) => (Split: "val", Row: r, Score: validationScores[i])))
                .OrderBy(x => x.Score)
                .Select(x => string.Create(inv, $"{x.Split}\t{(x.Row.IsAttack ? "attack" : "benign")}\t{x.Row.Family}\t{x.Score:F4}\t{x.Row.Text.ReplaceLineEndings(" ")[..Math.Min(300, x.Row.Text.ReplaceLineEndings(" ").Length)]}"));
            File.WriteAllLines(options.DumpPath, lines);
        }

        if (options.ValidationOutPath is not null)
        {
            File.WriteAllLines(options.ValidationOutPath, validation.Select(r => System.Text.Json.JsonSerializer.Serialize(
                new Dictionary<string, string> { ["text"] = r.Text, ["label"] = r.IsAttack ? "attack" : "benign", ["category"] = r.Family })));
        }

        return new TrainingResult(bytes, report.ToString(), summary.Recall, summary.BenignFpr, summary.TriggerFpr);
    }

    /// <summary>
    /// Augmentation (training split only): each short injection (direct, hijacking, extraction families) is also
    /// trained appended to and prepended to a benign prompt, as injections arrive inside documents and tool output.
    /// The benign host comes from the same cross-validation fold, so out-of-fold scores stay clean.
    /// </summary>
    private static List<(int Source, Document Doc)> Augment(List<CorpusRow> train, int[] folds, TrainingOptions options)
    {
        var result = new List<(int, Document)>();
        if (options.AugmentCopies <= 0)
        {
            return result;
        }

        var benign = train.Select((r, i) => (r, i)).Where(x => !x.r.IsAttack && x.r.Family != Corpus.TriggerFamily).ToList();
        var rng = new SplitMix64(options.Seed ^ 0xA06u);
        for (var i = 0; i < train.Count; i++)
        {
            var row = train[i];
            if (!row.IsAttack || row.Family is not ("prompt_injection_direct" or "prompt_injection_hijacking" or "prompt_extraction"))
            {
                continue;
            }

            var injection = TrainingText(row, train);
            for (var c = 0; c < options.AugmentCopies; c++)
            {
                var hosts = benign.Where(b => folds[b.i] == folds[i]).ToList();
                var host = hosts[(int)(rng.Next() % (ulong)hosts.Count)].r.Canonical;
                var text = (rng.Next() & 1) == 0 ? host + "\n\n" + injection : injection + "\n\n" + host;
                result.Add((i, new Document(Trainer.Featurize(text, options), true)));
            }
        }

        // Long benign documents (several benign prompts of one fold joined), so that length alone is no attack evidence.
        for (var f = 0; f < options.Folds; f++)
        {
            var pool = benign.Where(b => folds[b.i] == f).ToList();
            for (var d = 0; d < options.LongBenignPerFold && pool.Count > 0; d++)
            {
                var parts = 4 + (int)(rng.Next() % 20);
                var first = pool[(int)(rng.Next() % (ulong)pool.Count)];
                var text = new System.Text.StringBuilder(first.r.Canonical);
                for (var k = 1; k < parts; k++)
                {
                    _ = text.Append("\n\n").Append(pool[(int)(rng.Next() % (ulong)pool.Count)].r.Canonical);
                }

                result.Add((first.i, new Document(Trainer.Featurize(text.ToString(), options), false)));
            }
        }

        // Structured records: JSON bodies and tool results reach the classifier as "name: value" lines (the engine's JSON
        // scanner joins the values that way). The corpus has such lines almost only in jailbreak templates ("DAN: …"),
        // so without these records "type: text" alone looks like an attack. Benign and attack rows are both wrapped,
        // so the record syntax is no evidence either way (and an injection inside a record is still one).
        var attacks = train.Select((r, i) => (r, i)).Where(x => x.r.IsAttack).ToList();
        for (var f = 0; f < options.Folds; f++)
        {
            var benignPool = benign.Where(b => folds[b.i] == f).ToList();
            var attackPool = attacks.Where(a => folds[a.i] == f).ToList();
            for (var d = 0; d < options.StructuredPerFold; d++)
            {
                var isAttack = (d & 1) == 1;
                var pool = isAttack ? attackPool : benignPool;
                if (pool.Count == 0)
                {
                    continue;
                }

                var main = pool[(int)(rng.Next() % (ulong)pool.Count)];
                string? value = isAttack ? TrainingText(main.r, train) : (rng.Next() % 4) == 0 ? null : main.r.Canonical;
                var extra = isAttack || benignPool.Count == 0 || (rng.Next() % 3) != 0 ? null : benignPool[(int)(rng.Next() % (ulong)benignPool.Count)].r.Canonical;
                result.Add((main.i, new Document(Trainer.Featurize(Record(value, extra, ref rng), options), isAttack)));
            }
        }

        // Generated benign system prompts: the corpus's attacks open with "You are …" and speak of rules, tools and what
        // not to reveal, while its benign side has almost no system prompts, so without these an application's own
        // "You are a support assistant for … Never share internal notes." scored like a jailbreak. Own random stream, so
        // the augmentations above are unchanged; half are plain text, half a chat message record.
        // Every other one carries a short injection of the same fold (before or after it), so system-prompt language is
        // no evidence either way and an injection next to a system prompt still is one.
        var systemRng = new SplitMix64(options.Seed ^ 0x5157u);
        for (var f = 0; f < options.Folds; f++)
        {
            var anchors = benign.Where(b => folds[b.i] == f).ToList();
            var injections = attacks.Where(a => folds[a.i] == f && a.r.Family is "prompt_injection_direct" or "prompt_injection_hijacking" or "prompt_extraction").ToList();
            for (var d = 0; d < options.SystemPromptsPerFold && anchors.Count > 0; d++)
            {
                var prompt = SystemPrompt(ref systemRng);
                var isAttack = (d & 1) == 1 && injections.Count > 0;
                var anchor = isAttack ? injections[(int)(systemRng.Next() % (ulong)injections.Count)] : anchors[(int)(systemRng.Next() % (ulong)anchors.Count)];
                if (isAttack)
                {
                    var injection = TrainingText(anchor.r, train);
                    prompt = (systemRng.Next() & 1) == 0 ? prompt + " " + injection : injection + "\n" + prompt;
                }

                var text = (systemRng.Next() & 1) == 0 ? prompt : Record(prompt, null, ref systemRng);
                result.Add((anchor.i, new Document(Trainer.Featurize(text, options), isAttack)));
            }
        }

        // Chat requests: the HTTP pillar's everyday body is a model API request, which the JSON scanner joins as
        // "model: …", "role: system", "content: …", "role: user", "content: …" lines. Jailbreak data has "role: system" almost
        // only in injected role messages, so a benign application's system prompt inside a request scored higher than the
        // same prompt alone. Both turns are training rows of the same fold; every other request carries an attack row in the
        // user turn, so the envelope is evidence neither way. Own random stream.
        var chatRng = new SplitMix64(options.Seed ^ 0xC4A7u);
        for (var f = 0; f < options.Folds; f++)
        {
            var anchors = benign.Where(b => folds[b.i] == f).ToList();
            var attackPool = attacks.Where(a => folds[a.i] == f).ToList();
            for (var d = 0; d < options.ChatRequestsPerFold && anchors.Count > 0; d++)
            {
                var isAttack = (d & 1) == 1 && attackPool.Count > 0;
                var system = anchors[(int)(chatRng.Next() % (ulong)anchors.Count)];
                var user = isAttack ? attackPool[(int)(chatRng.Next() % (ulong)attackPool.Count)] : anchors[(int)(chatRng.Next() % (ulong)anchors.Count)];
                var userText = isAttack ? TrainingText(user.r, train) : user.r.Canonical;
                var model = ChatModels[(int)(chatRng.Next() % (ulong)ChatModels.Length)];
                var text = $"model: {model}\nrole: system\ncontent: {system.r.Canonical}\nrole: user\ncontent: {userText}";
                result.Add((isAttack ? user.i : system.i, new Document(Trainer.Featurize(text, options), isAttack)));
            }
        }

        // Generated source code (CodeSnippets): files a coding agent reads through a tool; every other one hides a short
        // injection of the same fold in a comment or a string literal.
        var codeRng = new SplitMix64(options.Seed ^ 0xC0DEu);
        for (var f = 0; f < options.Folds; f++)
        {
            var anchors = benign.Where(b => folds[b.i] == f).ToList();
            var injections = attacks.Where(a => folds[a.i] == f && a.r.Family is "prompt_injection_direct" or "prompt_injection_hijacking" or "prompt_extraction").ToList();
            for (var d = 0; d < options.CodeSnippetsPerFold && anchors.Count > 0; d++)
            {
                var isAttack = (d & 1) == 1 && injections.Count > 0;
                var anchor = isAttack ? injections[(int)(codeRng.Next() % (ulong)injections.Count)] : anchors[(int)(codeRng.Next() % (ulong)anchors.Count)];
                var injection = isAttack ? TrainingText(anchor.r, train).ReplaceLineEndings(" ") : null;
                result.Add((anchor.i, new Document(Trainer.Featurize(CodeSnippets.Generate(ref codeRng, injection), options), isAttack)));
            }
        }

        // Generated everyday requests (EverydayRequests): playful role-play ("Pretend you are a wizard and …"), plain
        // tasks and questions about the assistant itself. The corpus's benign side has almost none of these, while its
        // jailbreaks are full of "pretend", "joke" and "as an AI", so a one-line "Imagine you are a detective and tell me a
        // riddle" scored like an attack. Own random stream; every other one carries a short injection of the same fold, so
        // the playful frame is evidence neither way and an injection inside one still is one.
        var everydayRng = new SplitMix64(options.Seed ^ 0xE7E7u);
        for (var f = 0; f < options.Folds; f++)
        {
            var anchors = benign.Where(b => folds[b.i] == f).ToList();
            var injections = attacks.Where(a => folds[a.i] == f && a.r.Family is "prompt_injection_direct" or "prompt_injection_hijacking" or "prompt_extraction").ToList();
            for (var d = 0; d < options.EverydayRequestsPerFold && anchors.Count > 0; d++)
            {
                var request = EverydayRequests.Generate(ref everydayRng);
                var isAttack = (d & 1) == 1 && injections.Count > 0;
                var anchor = isAttack ? injections[(int)(everydayRng.Next() % (ulong)injections.Count)] : anchors[(int)(everydayRng.Next() % (ulong)anchors.Count)];
                if (isAttack)
                {
                    var injection = TrainingText(anchor.r, train);
                    request = (everydayRng.Next() & 1) == 0 ? request + " " + injection : injection + " " + request;
                }

                result.Add((anchor.i, new Document(Trainer.Featurize(request, options), isAttack)));
            }
        }

        return result;
    }

    private static readonly string[] SystemRoles = ["helpful assistant", "friendly assistant", "support assistant", "customer service agent", "technical writer", "data analyst", "legal research assistant", "recipe assistant", "fitness coach", "language tutor", "history teacher", "code reviewer", "DevOps assistant", "HR assistant", "sales assistant", "scheduling assistant", "research assistant", "onboarding guide", "IT helpdesk agent", "copy editor", "product expert", "financial analyst", "travel agent", "shopping assistant", "study buddy", "email assistant", "documentation bot", "release notes writer", "QA engineer", "AI assistant"];

    private static readonly string[] SystemOrgs = ["an online bookshop", "Northwind Traders", "a city library", "a bike repair shop", "Fabrikam Insurance", "a university IT department", "a small bakery", "an airline", "a software company", "a hotel chain", "a dental clinic", "a logistics company", "the finance team", "our mobile app"];

    private static readonly string[] SystemTasks = ["Answer questions about orders, shipping and returns.", "Help users write clear emails.", "Explain concepts step by step.", "Summarise documents into short bullet points.", "Suggest recipes based on the ingredients the user has.", "Help the user plan their week.", "Answer using only the provided context.", "Cite the source document for every claim.", "Translate customer messages into English.", "Review pull requests for bugs and style issues.", "Extract names, dates and amounts from invoices.", "Classify support tickets by urgency.", "Write unit tests for the given function.", "Recommend products from the catalogue.", "Answer questions about company policies.", "Draft replies to customer reviews.", "Help customers reset their password by sending them to the self-service page.", "Answer the user's questions about their booking.", "Generate a short title for the conversation.", "Rewrite the user's text in plain language."];

    private static readonly string[] SystemRules = ["Keep answers short.", "Be polite and concise.", "If you are not sure, say that you do not know.", "Do not make up facts.", "Respond in the user's language.", "Use markdown for lists.", "Never share internal notes with customers.", "Only discuss topics related to the store.", "Do not give medical or legal advice.", "Ask a clarifying question when the request is ambiguous.", "Format dates as YYYY-MM-DD.", "Do not reveal other customers' data.", "Politely decline requests that are unrelated to your task.", "You can call the tools search_catalog and get_order.", "Think step by step before you answer.", "Use a warm, professional tone.", "Answer in at most three sentences.", "Always include the order number in your reply.", "Do not include personal opinions.", "Use the metric system."];

    private static string SystemPrompt(ref SplitMix64 rng)
    {
        string Pick(string[] items, ref SplitMix64 r) => items[(int)(r.Next() % (ulong)items.Length)];
        var role = Pick(SystemRoles, ref rng);
        var article = "aeiouAEIOU".Contains(role[0], StringComparison.Ordinal) ? "an" : "a";
        var org = Pick(SystemOrgs, ref rng);
        var opener = (rng.Next() % 6) switch
        {
            0 => $"You are {article} {role}.",
            1 => $"You are {article} {role} for {org}.",
            2 => $"You're {article} {role} working for {org}.",
            3 => $"Act as {article} {role} for {org}.",
            4 => $"Your role: {role} at {org}.",
            _ => $"As {article} {role} for {org}, you help our users.",
        };
        var text = new StringBuilder(opener);
        var tasks = 1 + (int)(rng.Next() % 2);
        for (var k = 0; k < tasks; k++)
        {
            _ = text.Append(' ').Append(Pick(SystemTasks, ref rng));
        }

        var rules = (int)(rng.Next() % 4);
        for (var k = 0; k < rules; k++)
        {
            _ = text.Append(' ').Append(Pick(SystemRules, ref rng));
        }

        if (rng.Next() % 5 == 0)
        {
            _ = text.Append(CultureInfo.InvariantCulture, $" Current date: 2026-{1 + (int)(rng.Next() % 12):D2}-{1 + (int)(rng.Next() % 28):D2}.");
        }

        return text.ToString();
    }

    private static readonly string[] ChatModels = ["gpt-4o-mini", "gpt-4.1", "claude-sonnet-4", "llama3.2", "mistral-small-latest", "gemini-2.0-flash"];

    private static readonly string[] TextFields = ["text", "content", "message", "description", "body", "summary", "note", "comment", "title", "value", "result", "output", "answer", "prompt", "input", "query", "data", "details"];

    private static readonly (string Name, string[] Values)[] ScalarFields =
    [
        ("id", ["A-1001", "c0ffee12", "42", "ord_8812", "7f3a9b2e-1c4d-4e5f-9a8b-0c1d2e3f4a5b"]),
        ("type", ["text", "message", "object", "json", "image", "tool_result", "function"]),
        ("status", ["ok", "shipped", "pending", "done", "active", "error", "completed", "failed"]),
        ("role", ["user", "assistant", "tool", "system"]),
        ("name", ["lookup-order", "get_weather", "search", "Alice", "release-notes", "report.pdf"]),
        ("isError", ["false", "true"]),
        ("count", ["3", "120", "0"]),
        ("created", ["2026-11-26T10:15:00Z", "2024-05-01", "1718000000"]),
        ("model", ["gpt-4o", "claude-sonnet", "llama-3-8b"]),
        ("url", ["https://example.com/orders/1001", "https://docs.example.org/guide"]),
        ("code", ["200", "404", "E1001"]),
        ("lang", ["en", "de", "fr"]),
        ("priority", ["high", "low", "normal"]),
        ("amount", ["19.99", "1200", "0.5"]),
        ("currency", ["EUR", "USD"]),
        ("jsonrpc", ["2.0"]),
        ("method", ["tools/call", "completion", "GET"]),
        ("version", ["1.2.3", "2"]),
        ("PATH", ["/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "/root/.dotnet/tools:/usr/share/dotnet:/usr/bin:/bin", "C:\\Windows\\system32;C:\\Program Files\\nodejs"]),
        ("HOME", ["/root", "/home/app", "/var/lib/service"]),
        ("NODE_ENV", ["production", "development", "test"]),
        ("LANG", ["C.UTF-8", "en_US.UTF-8"]),
        ("HOSTNAME", ["web-7f9c", "build-agent-3"]),
        ("AWS_REGION", ["eu-west-1", "us-east-1"]),
        ("LOG_LEVEL", ["info", "debug", "warn"]),
        ("DATABASE_URL", ["postgres://app@db:5432/orders", "sqlite:///data/app.db"]),
        ("PORT", ["8080", "443"]),
        ("TZ", ["UTC", "Europe/Berlin"]),

        // Model-API bodies (chat completions, messages, responses, usage reports): their field names say "prompt",
        // "tokens" and "system", which the jailbreak corpus uses too ("you have 35 tokens"); here they are plain records.
        ("prompt_tokens", ["845", "12", "2095"]),
        ("completion_tokens", ["17", "503", "0"]),
        ("total_tokens", ["862", "2598"]),
        ("input_tokens", ["36", "1000"]),
        ("output_tokens", ["87", "500"]),
        ("cached_tokens", ["0", "512"]),
        ("reasoning_tokens", ["0", "256"]),
        ("max_tokens", ["512", "1024", "4096"]),
        ("temperature", ["0.2", "0.7", "1"]),
        ("top_p", ["1", "0.9"]),
        ("finish_reason", ["stop", "length", "tool_calls"]),
        ("stop_reason", ["end_turn", "max_tokens", "tool_use"]),
        ("system_fingerprint", ["fp_6f2eabb9a5", "fp_44709d6fcb"]),
        ("object", ["chat.completion", "chat.completion.chunk", "response", "list"]),
        ("index", ["0", "1"]),
        ("logprobs", ["null"]),
        ("service_tier", ["default", "auto"]),
        ("stream", ["true", "false"]),
        ("tool_choice", ["auto", "none", "required"]),
        ("promptTokenCount", ["7", "1200"]),
        ("totalTokenCount", ["15", "1400"]),
    ];

    /// <summary>
    /// Renders a record with a few scalar fields around the text, in one of the shapes machine content reaches the
    /// classifier in: "name: value" lines (how the JSON scanner joins JSON values), indented or compact JSON (JSON inside
    /// a string value, tool results that print objects), or KEY=value lines (environment and config dumps).
    /// </summary>
    private static string Record(string? value, string? extra, ref SplitMix64 rng)
    {
        var fields = new List<(string Name, string Value)>();
        var scalars = (int)(rng.Next() % 6) + (value is null ? 2 : 0);
        for (var k = 0; k < scalars; k++)
        {
            var (name, values) = ScalarFields[(int)(rng.Next() % (ulong)ScalarFields.Length)];
            fields.Add((name, values[(int)(rng.Next() % (ulong)values.Length)]));
        }

        if (value is not null)
        {
            fields.Insert((int)(rng.Next() % (ulong)(fields.Count + 1)), (TextFields[(int)(rng.Next() % (ulong)TextFields.Length)], value));
        }

        if (extra is not null)
        {
            fields.Insert((int)(rng.Next() % (ulong)(fields.Count + 1)), (TextFields[(int)(rng.Next() % (ulong)TextFields.Length)], extra));
        }

        switch (rng.Next() % 4)
        {
            case 0:
                return string.Join('\n', fields.Select(f => f.Name + ": " + f.Value));
            case 1:
            case 2:
                var o = new System.Text.Json.Nodes.JsonObject();
                foreach (var (name, v) in fields)
                {
                    o[name] = v;
                }

                return o.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = (rng.Next() & 1) == 0, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            default:
                return string.Join('\n', fields.Select(f => f.Name.ToUpperInvariant() + "=" + f.Value));
        }
    }

    /// <summary>
    /// The text an attack row is trained on: the deepset injections are often a benign question of the same corpus
    /// with an injection appended; the benign part is removed so that ordinary questions do not become attack
    /// evidence (only benign texts of the training split are used).
    /// </summary>
    private static string TrainingText(CorpusRow row, IReadOnlyList<CorpusRow> train)
    {
        if (!row.IsAttack)
        {
            return row.Canonical;
        }

        var text = row.Canonical;
        foreach (var other in train)
        {
            if (!other.IsAttack && other.Canonical.Length >= 15 && other.Canonical.Length < text.Length && text.Contains(other.Canonical, StringComparison.Ordinal))
            {
                var stripped = text.Replace(other.Canonical, " ", StringComparison.Ordinal);
                if (stripped.Count(char.IsLetter) >= 8)
                {
                    text = stripped;
                }
            }
        }

        return text;
    }

    private static (double Recall, double BenignFpr, double TriggerFpr) AppendMetrics(StringBuilder report, string title, IReadOnlyList<CorpusRow> rows, IReadOnlyList<double> scores, double recommended, double sensitive)
    {
        var inv = CultureInfo.InvariantCulture;
        report.AppendLine(inv, $"## {title}").AppendLine();
        report.AppendLine(inv, $"ROC AUC {Auc(rows, scores):F4}").AppendLine();
        var benignScores = rows.Select((r, i) => (r, i)).Where(x => !x.r.IsAttack).Select(x => scores[x.i]).ToList();
        foreach (var fpr in new[] { 0.01, 0.02, 0.03 })
        {
            // A diagnostic: the threshold is read off these rows themselves, so it is no operating point (those are above).
            var cut = Trainer.ThresholdAtFpr(benignScores, fpr);
            var at = Metrics("all", rows, scores, cut, _ => true);
            report.AppendLine(inv, $"- recall at ≤ {fpr:P0} benign FPR on these rows (threshold {cut:F4} read off them; diagnostic only): **{at.Recall:F3}** ({at.TruePositives}/{at.Attacks}), FPR {at.Fpr:F3} ({at.FalsePositives}/{at.Benign})");
        }

        report.AppendLine();
        (double, double, double) result = default;
        foreach (var (name, threshold) in new[] { ("recommended", recommended), ("sensitive", sensitive) })
        {
            report.AppendLine(inv, $"### At the {name} threshold {threshold:F4}").AppendLine();
            report.AppendLine("| family | attacks | benign | recall | FPR | precision |");
            report.AppendLine("|---|---:|---:|---:|---:|---:|");
            var all = Metrics("**all**", rows, scores, threshold, _ => true);
            foreach (var family in rows.Select(r => r.Family).Distinct().Order(StringComparer.Ordinal))
            {
                Row(report, Metrics(family, rows, scores, threshold, r => r.Family == family));
            }

            Row(report, all);
            report.AppendLine();
            var trigger = Metrics(Corpus.TriggerFamily, rows, scores, threshold, r => r.Family == Corpus.TriggerFamily);
            if (name == "recommended")
            {
                result = (all.Recall, all.Fpr, trigger.Fpr);
            }
        }

        return result;
    }

    /// <summary>Diagnostics on the out-of-fold predictions (never the validation split): which FPR constraint binds, and a stacked combiner.</summary>
    private static void Diagnose(TextWriter log, IReadOnlyList<CorpusRow> train, double[] probability, double[] lexical, TrainingOptions options)
    {
        double RecallAt(Func<int, double> score, double fpr, bool trigger)
        {
            var benign = train.Select((r, i) => (r, i)).Where(x => !x.r.IsAttack).Select(x => score(x.i)).ToList();
            var cut = Trainer.ThresholdAtFpr(benign, fpr);
            if (trigger)
            {
                cut = Math.Max(cut, Trainer.ThresholdAtFpr(train.Select((r, i) => (r, i)).Where(x => x.r.Family == Corpus.TriggerFamily).Select(x => score(x.i)).ToList(), options.TriggerTargetFpr));
            }

            return train.Select((r, i) => (r, i)).Where(x => x.r.IsAttack).Average(x => score(x.i) >= cut ? 1.0 : 0.0);
        }

        static double Logit(double p) => Math.Log(Math.Clamp(p, 1e-9, 1 - 1e-9) / (1 - Math.Clamp(p, 1e-9, 1 - 1e-9)));
        static double LexScore(double l) => Math.Min(5, -Math.Log(Math.Max(1e-9, 1 - l)));
        double Model(int i) => probability[i];
        double NoisyOr(int i) => InjectionConfidence.Combine(probability[i], lexical[i]);
        var x = train.Select((_, i) => new[] { Logit(probability[i]), LexScore(lexical[i]), lexical[i] > 0 ? 1.0 : 0.0 }).ToArray();
        var coef = Trainer.FitLogistic(x, train.Select(r => r.IsAttack).ToArray());
        double Stacked(int i) => Trainer.Sigmoid(coef[0] + (coef[1] * x[i][0]) + (coef[2] * x[i][1]) + (coef[3] * x[i][2]));
        var inv = CultureInfo.InvariantCulture;
        log.WriteLine(string.Create(inv, $"diagnostics (out-of-fold): recall at 1 % benign FPR: model {RecallAt(Model, 0.01, false):F3}, noisy-OR {RecallAt(NoisyOr, 0.01, false):F3}, stacked {RecallAt(Stacked, 0.01, false):F3} (coef {string.Join(' ', coef.Select(c => c.ToString("F3", inv)))})"));
        log.WriteLine(string.Create(inv, $"  with the trigger-word constraint: model {RecallAt(Model, 0.01, true):F3}, noisy-OR {RecallAt(NoisyOr, 0.01, true):F3}, stacked {RecallAt(Stacked, 0.01, true):F3}; at 2 %: noisy-OR {RecallAt(NoisyOr, 0.02, false):F3}; at 3 %: {RecallAt(NoisyOr, 0.03, false):F3}"));
    }

    private static FamilyMetrics Metrics(string family, IReadOnlyList<CorpusRow> rows, IReadOnlyList<double> scores, double threshold, Func<CorpusRow, bool> filter)
    {
        int attacks = 0, benign = 0, tp = 0, fp = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            if (!filter(rows[i]))
            {
                continue;
            }

            var flagged = scores[i] >= threshold;
            if (rows[i].IsAttack)
            {
                attacks++;
                tp += flagged ? 1 : 0;
            }
            else
            {
                benign++;
                fp += flagged ? 1 : 0;
            }
        }

        return new FamilyMetrics(family, attacks, benign, tp, fp);
    }

    private static void Row(StringBuilder report, FamilyMetrics m)
    {
        static string F(double v) => double.IsNaN(v) ? "–" : v.ToString("F3", CultureInfo.InvariantCulture);
        report.AppendLine(CultureInfo.InvariantCulture, $"| {m.Family} | {m.Attacks} | {m.Benign} | {F(m.Recall)} | {F(m.Fpr)} ({m.FalsePositives}) | {F(m.Precision)} |");
    }

    private static double Auc(IReadOnlyList<CorpusRow> rows, IReadOnlyList<double> scores)
    {
        var pos = rows.Select((r, i) => (r, i)).Where(x => x.r.IsAttack).Select(x => scores[x.i]).ToList();
        var neg = rows.Select((r, i) => (r, i)).Where(x => !x.r.IsAttack).Select(x => scores[x.i]).ToList();
        if (pos.Count == 0 || neg.Count == 0)
        {
            return double.NaN;
        }

        double wins = 0;
        foreach (var p in pos)
        {
            foreach (var n in neg)
            {
                wins += p > n ? 1 : p == n ? 0.5 : 0;
            }
        }

        return wins / pos.Count / neg.Count;
    }
}
