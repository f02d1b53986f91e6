using AegisGate.Detection.Classifier;

namespace AegisGate.Training;

/// <summary>The hyper-parameters of a training run (all written into the report; the defaults produce the shipped model).</summary>
internal sealed record TrainingOptions
{
    public int BucketBits { get; init; } = 18;

    public int WordNgramMax { get; init; } = 2;

    public int CharNgramMin { get; init; } = 3;

    public int CharNgramMax { get; init; } = 5;

    public uint HashSeed { get; init; } = 0xA5E15_001u;

    public int WindowTokens { get; init; } = 32;

    public float NormExponent { get; init; } = 0.5f;

    public double L2 { get; init; } = 1e-5;

    public int Epochs { get; init; } = 10;

    public double LearningRate { get; init; } = 0.1;

    /// <summary>Extra weight of benign rows (after class balancing); above 1 favours a low false-positive rate.</summary>
    public double BenignWeight { get; init; } = 1.0;

    public ulong Seed { get; init; } = 20261126;

    /// <summary>Gets how many augmented copies (injection inside a benign prompt) each short injection gets.</summary>
    public int AugmentCopies { get; init; } = 4;

    /// <summary>Gets how many long benign documents (joined benign prompts) each fold gets.</summary>
    public int LongBenignPerFold { get; init; } = 40;

    /// <summary>Gets how many structured records (JSON values rendered as the engine's JSON scanner renders them), half benign and half attack, each fold gets.</summary>
    public int StructuredPerFold { get; init; } = 160;

    /// <summary>Gets a value indicating whether attack documents train on their best window only (multiple-instance learning).</summary>
    public bool MultipleInstance { get; init; } = true;

    public int Folds { get; init; } = 5;

    /// <summary>Gets a value indicating whether the operating points are chosen on the confidence the engine uses (model pooled with the lexical signals) rather than on the model alone.</summary>
    public bool LexicalOperatingPoints { get; init; } = true;

    /// <summary>Gets a path to write the validation split to as JSON Lines (text, label, category), for <c>aegisgate eval</c>.</summary>
    public string? ValidationOutPath { get; init; }

    public int ValidationEvery { get; init; } = 5;

    public double DuplicateThreshold { get; init; } = 0.5;

    /// <summary>Target false-positive rate on benign rows (out-of-fold) for the recommended threshold.</summary>
    public double TargetFpr { get; init; } = 0.01;

    /// <summary>Target false-positive rate on the trigger-word family (out-of-fold) for the recommended threshold.</summary>
    public double TriggerTargetFpr { get; init; } = 0.01;

    /// <summary>Target false-positive rate on benign rows for the sensitive (third-party content) threshold.</summary>
    public double SensitiveFpr { get; init; } = 0.03;

    /// <summary>Gets a path to write every row's score to (tab-separated; for error analysis), or <see langword="null"/>.</summary>
    public string? DumpPath { get; init; }

    public FeaturizerSettings Featurizer => new(BucketBits, WordNgramMax, CharNgramMin, CharNgramMax, HashSeed);
}

/// <summary>One window of a document as a sparse vector: buckets and values (count / n^p).</summary>
internal sealed record Window(int[] Buckets, float[] Values);

/// <summary>A featurised document.</summary>
internal sealed record Document(Window[] Windows, bool IsAttack);

/// <summary>A trained (float) model.</summary>
internal sealed record FloatModel(float[] Weights, float Bias);

/// <summary>Logistic regression over hashed features, trained with AdaGrad SGD (single thread, fixed seed: deterministic).</summary>
internal static class Trainer
{
    /// <summary>Featurises a canonical text into the same windows the inference code scores.</summary>
    /// <param name="canonical">Canonical text.</param>
    /// <param name="options">Options.</param>
    /// <returns>The document.</returns>
    public static Window[] Featurize(string canonical, TrainingOptions options)
    {
        var collector = new WindowCollector(options.WindowTokens / 2);
        InjectionFeaturizer.Featurize(canonical, options.Featurizer, ref collector);
        var raw = collector.Finish();
        var windows = new Window[raw.Count];
        for (var w = 0; w < raw.Count; w++)
        {
            var buckets = raw[w];
            buckets.Sort();
            var n = buckets.Count;
            var norm = n == 0 ? 1.0 : Math.Pow(n, options.NormExponent);
            var idx = new List<int>();
            var val = new List<float>();
            for (var i = 0; i < n;)
            {
                var j = i;
                while (j < n && buckets[j] == buckets[i])
                {
                    j++;
                }

                idx.Add(buckets[i]);
                val.Add((float)((j - i) / norm));
                i = j;
            }

            windows[w] = new Window([.. idx], [.. val]);
        }

        return windows;
    }

    /// <summary>Trains a model.</summary>
    /// <param name="docs">The training documents.</param>
    /// <param name="options">Options.</param>
    /// <returns>The model.</returns>
    public static FloatModel Train(IReadOnlyList<Document> docs, TrainingOptions options)
    {
        var attacks = docs.Count(d => d.IsAttack);
        var benign = docs.Count - attacks;
        var attackWeight = docs.Count / (2.0 * Math.Max(1, attacks));
        var benignWeight = docs.Count / (2.0 * Math.Max(1, benign)) * options.BenignWeight;

        var size = 1 << options.BucketBits;
        var w = new float[size];
        var g2 = new float[size];
        double bias = 0, biasG2 = 0;
        var lr = options.LearningRate;
        var l2 = (float)options.L2;
        var rng = new SplitMix64(options.Seed);
        var examples = new List<(Window Window, float Label, float Weight)>();
        for (var epoch = 0; epoch < options.Epochs; epoch++)
        {
            // Multiple-instance learning: inference takes the maximum over windows, so an attack document needs one
            // attack-looking window (its current best one, after a first epoch on all windows), while every window of a
            // benign document must look benign.
            examples.Clear();
            foreach (var doc in docs)
            {
                var docWeight = doc.IsAttack ? attackWeight : benignWeight;
                if (doc.IsAttack && options.MultipleInstance && epoch > 0 && doc.Windows.Length > 1)
                {
                    var best = doc.Windows[0];
                    var bestScore = double.NegativeInfinity;
                    foreach (var window in doc.Windows)
                    {
                        var z = Dot(w, window);
                        if (z > bestScore)
                        {
                            bestScore = z;
                            best = window;
                        }
                    }

                    examples.Add((best, 1f, (float)docWeight));
                    continue;
                }

                foreach (var window in doc.Windows)
                {
                    examples.Add((window, doc.IsAttack ? 1f : 0f, (float)(docWeight / doc.Windows.Length)));
                }
            }

            var order = new int[examples.Count];
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            for (var i = order.Length - 1; i > 0; i--)
            {
                var j = (int)(rng.Next() % (ulong)(i + 1));
                (order[i], order[j]) = (order[j], order[i]);
            }

            foreach (var e in order)
            {
                var (window, label, weight) = examples[e];
                var z = bias;
                var idx = window.Buckets;
                var val = window.Values;
                for (var k = 0; k < idx.Length; k++)
                {
                    z += w[idx[k]] * val[k];
                }

                var p = Sigmoid(z);
                var err = (float)((p - label) * weight);
                for (var k = 0; k < idx.Length; k++)
                {
                    var b = idx[k];
                    var grad = (err * val[k]) + (l2 * w[b]);
                    g2[b] += grad * grad;
                    w[b] -= (float)(lr * grad / (Math.Sqrt(g2[b]) + 1e-8));
                }

                biasG2 += err * err;
                bias -= lr * err / (Math.Sqrt(biasG2) + 1e-8);
            }
        }

        return new FloatModel(w, (float)bias);
    }

    /// <summary>Quantises a model to int8 and writes the model file bytes.</summary>
    /// <param name="model">The float model.</param>
    /// <param name="options">Options.</param>
    /// <param name="calibration">Calibration A, B.</param>
    /// <param name="thresholds">Recommended and sensitive thresholds.</param>
    /// <param name="corpusSha256">The corpus hash.</param>
    /// <param name="trainRows">Training rows.</param>
    /// <param name="validationRows">Validation rows.</param>
    /// <returns>The file bytes.</returns>
    public static byte[] Serialize(FloatModel model, TrainingOptions options, (double A, double B) calibration, (double Recommended, double Sensitive) thresholds, byte[] corpusSha256, int trainRows, int validationRows)
    {
        var max = 0f;
        foreach (var v in model.Weights)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        var scale = max == 0 ? 1f : max / 127f;
        var q = new sbyte[model.Weights.Length];
        for (var i = 0; i < q.Length; i++)
        {
            q[i] = (sbyte)Math.Clamp(Math.Round(model.Weights[i] / scale, MidpointRounding.ToEven), -127, 127);
        }

        var header = new InjectionModelHeader
        {
            Settings = options.Featurizer,
            WindowTokens = options.WindowTokens,
            NormExponent = options.NormExponent,
            Bias = model.Bias,
            WeightScale = scale,
            CalibrationA = (float)calibration.A,
            CalibrationB = (float)calibration.B,
            RecommendedThreshold = (float)thresholds.Recommended,
            SensitiveThreshold = (float)thresholds.Sensitive,
            CanonicalizerFingerprint = ClassifierCanonicalization.Fingerprint.ToArray(),
            CorpusSha256 = corpusSha256,
            TrainingSeed = options.Seed,
            TrainingRows = trainRows,
            ValidationRows = validationRows,
        };
        return InjectionModelFormat.Write(header, q);
    }

    /// <summary>Fits Platt scaling σ(A·z + B) to logits by Newton's method (Platt's smoothed targets).</summary>
    /// <param name="logits">The logits.</param>
    /// <param name="labels">The labels.</param>
    /// <returns>A and B.</returns>
    public static (double A, double B) FitPlatt(IReadOnlyList<double> logits, IReadOnlyList<bool> labels)
    {
        var positives = labels.Count(l => l);
        var negatives = labels.Count - positives;
        var hi = (positives + 1.0) / (positives + 2.0);
        var lo = 1.0 / (negatives + 2.0);
        double a = 1, b = 0;
        for (var iter = 0; iter < 100; iter++)
        {
            double gA = 0, gB = 0, hAA = 1e-9, hAB = 0, hBB = 1e-9;
            for (var i = 0; i < logits.Count; i++)
            {
                var t = labels[i] ? hi : lo;
                var p = Sigmoid((a * logits[i]) + b);
                var d = p - t;
                var s = p * (1 - p);
                gA += d * logits[i];
                gB += d;
                hAA += s * logits[i] * logits[i];
                hAB += s * logits[i];
                hBB += s;
            }

            var det = (hAA * hBB) - (hAB * hAB);
            if (Math.Abs(det) < 1e-12)
            {
                break;
            }

            var da = ((hBB * gA) - (hAB * gB)) / det;
            var db = ((hAA * gB) - (hAB * gA)) / det;
            a -= da;
            b -= db;
            if (Math.Abs(da) + Math.Abs(db) < 1e-10)
            {
                break;
            }
        }

        return (a, b);
    }

    /// <summary>The lowest threshold at which at most <paramref name="fpr"/> of <paramref name="benignScores"/> are at or above it.</summary>
    /// <param name="benignScores">Scores of benign rows.</param>
    /// <param name="fpr">The target rate.</param>
    /// <returns>The threshold.</returns>
    public static double ThresholdAtFpr(IReadOnlyList<double> benignScores, double fpr)
    {
        var sorted = benignScores.OrderByDescending(s => s).ToList();
        var allowed = (int)Math.Floor(fpr * sorted.Count);
        if (allowed >= sorted.Count)
        {
            return 0;
        }

        var boundary = sorted[allowed];
        return Math.BitIncrement(boundary);
    }

    private static double Dot(float[] w, Window window)
    {
        double z = 0;
        for (var k = 0; k < window.Buckets.Length; k++)
        {
            z += w[window.Buckets[k]] * window.Values[k];
        }

        return z;
    }

    public static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

    /// <summary>Collects the feature buckets of each window exactly as the inference sink sums them.</summary>
    private struct WindowCollector(int halfWindow) : IFeatureSink
    {
        private List<int> _current = [];
        private List<int> _previous = [];
        private int _tokens;
        private bool _havePrevious;
        private bool _scored;
        private readonly List<List<int>> _windows = [];

        public readonly void Feature(int bucket) => _current.Add(bucket);

        public void EndToken()
        {
            if (++_tokens < halfWindow)
            {
                return;
            }

            if (_havePrevious)
            {
                Emit();
            }

            _previous = _current;
            _current = [];
            _havePrevious = true;
            _tokens = 0;
        }

        public List<List<int>> Finish()
        {
            if (_current.Count > 0 || !_scored)
            {
                Emit();
            }

            return _windows;
        }

        private void Emit()
        {
            _scored = true;
            var window = new List<int>(_previous.Count + _current.Count);
            if (_havePrevious)
            {
                window.AddRange(_previous);
            }

            window.AddRange(_current);
            _windows.Add(window);
        }
    }
}

/// <summary>SplitMix64: a tiny, portable, seeded generator (the shuffle order must not depend on the runtime's Random).</summary>
/// <param name="state">The seed.</param>
internal struct SplitMix64(ulong state)
{
    private ulong _state = state;

    public ulong Next()
    {
        var z = _state += 0x9E3779B97F4A7C15ul;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ul;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBul;
        return z ^ (z >> 31);
    }
}
