using AegisGate.Detection.Classifier;

namespace AegisGate.Training;

/// <summary>The hyper-parameters of a training run (all written into the report; the defaults produce the shipped model).</summary>
internal sealed record TrainingOptions
{
    public int BucketBits { get; init; } = 18;

    public IReadOnlyList<string> ExtraPaths { get; init; } = [];

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

    /// <summary>Gets how many generated benign system prompts ("You are a support assistant for …") each fold gets.</summary>
    public int SystemPromptsPerFold { get; init; } = 120;

    /// <summary>Gets how many generated source-code snippets (half carrying an injection in a comment or string) each fold gets.</summary>
    public int CodeSnippetsPerFold { get; init; } = 120;

    public int ChatRequestsPerFold { get; init; } = 120;

    /// <summary>Gets how many generated everyday user requests (role-play, plain tasks, questions about the assistant; half carrying an injection) each fold gets.</summary>
    public int EverydayRequestsPerFold { get; init; }

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

    /// <summary>Gets the width of the hidden layer (0 = the plain linear model).</summary>
    public int HiddenDim { get; init; }

    /// <summary>Gets log2 of the rows of the hidden layer's embedding table (the top bits of a feature's bucket pick its row).</summary>
    public int EmbeddingBits { get; init; } = 16;

    /// <summary>Gets a value indicating whether only word uni- and bigrams feed the hidden layer (character n-grams feed the linear term only).</summary>
    public bool HiddenWordsOnly { get; init; }

    /// <summary>Gets the AdaGrad learning rate of the hidden layer.</summary>
    public double HiddenLearningRate { get; init; } = 0.05;

    /// <summary>Gets the half-width of the uniform initialisation of the embedding table.</summary>
    public double EmbeddingInit { get; init; } = 0.5;

    /// <summary>Gets the most epochs early stopping may choose (the count is chosen on the cross-validation folds of the training split).</summary>
    public int MaxEpochs { get; init; } = 10;

    public FeaturizerSettings Featurizer => new(BucketBits, WordNgramMax, CharNgramMin, CharNgramMax, HashSeed);

    /// <summary>Gets a value indicating whether the epoch count is chosen by early stopping (up to <see cref="MaxEpochs"/>) rather than fixed (<see cref="Epochs"/>).</summary>
    public bool EarlyStopping { get; init; }

    /// <summary>Gets a value indicating whether out-of-fold diagnostics (binding FPR constraint, a stacked combiner) are logged.</summary>
    public bool Diagnostics { get; init; }

    public HiddenLayerSettings Hidden => new(HiddenDim, HiddenDim == 0 ? 0 : Math.Min(EmbeddingBits, BucketBits), HiddenWordsOnly);
}

/// <summary>
/// One window of a document as sparse vectors: linear buckets and values (count / n^p), and the embedding rows and
/// values of the features that feed the hidden layer (n is the count of all feature occurrences of the window).
/// </summary>
internal sealed record Window(int[] Buckets, float[] Values, int[] Rows, float[] RowValues);

/// <summary>A featurised document.</summary>
internal sealed record Document(Window[] Windows, bool IsAttack);

/// <summary>A trained (float) model: linear weights and bias, and the optional hidden layer (embedding table row-major, hidden bias, output weights).</summary>
internal sealed record FloatModel(float[] Weights, float Bias, float[] Embedding, float[] HiddenBias, float[] Output, int HiddenDim)
{
    public double Logit(Window window, Span<float> hidden)
    {
        double z = Bias;
        for (var k = 0; k < window.Buckets.Length; k++)
        {
            z += Weights[window.Buckets[k]] * window.Values[k];
        }

        if (HiddenDim == 0)
        {
            return z;
        }

        HiddenBias.CopyTo(hidden);
        var lanes = System.Numerics.Vector<float>.Count;
        for (var k = 0; k < window.Rows.Length; k++)
        {
            var row = Embedding.AsSpan(window.Rows[k] * HiddenDim, HiddenDim);
            var v = window.RowValues[k];
            var j = 0;
            for (; j + lanes <= HiddenDim; j += lanes)
            {
                (new System.Numerics.Vector<float>(hidden[j..]) + (new System.Numerics.Vector<float>(row[j..]) * v)).CopyTo(hidden[j..]);
            }

            for (; j < HiddenDim; j++)
            {
                hidden[j] += row[j] * v;
            }
        }

        for (var j = 0; j < HiddenDim; j++)
        {
            if (hidden[j] > 0)
            {
                z += Output[j] * hidden[j];
            }
        }

        return z;
    }
}

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
        var shift = options.BucketBits - options.Hidden.EmbeddingBits;
        var windows = new Window[raw.Count];
        for (var w = 0; w < raw.Count; w++)
        {
            var occurrences = raw[w];
            var n = occurrences.Count;
            var norm = n == 0 ? 1.0 : Math.Pow(n, options.NormExponent);
            var (idx, val) = Sparse(occurrences.Select(o => o.Bucket), norm);
            var (rows, rowValues) = options.HiddenDim == 0
                ? ([], [])
                : Sparse(occurrences.Where(o => o.Word || !options.HiddenWordsOnly).Select(o => o.Bucket >> shift), norm);
            windows[w] = new Window(idx, val, rows, rowValues);
        }

        return windows;
    }

    private static (int[] Index, float[] Values) Sparse(IEnumerable<int> items, double norm)
    {
        var sorted = items.ToList();
        sorted.Sort();
        var idx = new List<int>();
        var val = new List<float>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j < sorted.Count && sorted[j] == sorted[i])
            {
                j++;
            }

            idx.Add(sorted[i]);
            val.Add((float)((j - i) / norm));
            i = j;
        }

        return ([.. idx], [.. val]);
    }

    /// <summary>Trains a model: logistic regression over the hashed features plus, when <see cref="TrainingOptions.HiddenDim"/> &gt; 0,
    /// one ReLU hidden layer over a bag of embedded features (wide and deep), all by AdaGrad on the log loss.</summary>
    /// <param name="docs">The training documents.</param>
    /// <param name="options">Options.</param>
    /// <param name="epochs">The number of epochs.</param>
    /// <param name="afterEpoch">Called after every epoch with the epoch number (1-based) and the live model (for early stopping).</param>
    /// <returns>The model.</returns>
    public static FloatModel Train(IReadOnlyList<Document> docs, TrainingOptions options, int epochs, Action<int, FloatModel>? afterEpoch = null)
    {
        var attacks = docs.Count(d => d.IsAttack);
        var benign = docs.Count - attacks;
        var attackWeight = docs.Count / (2.0 * Math.Max(1, attacks));
        var benignWeight = docs.Count / (2.0 * Math.Max(1, benign)) * options.BenignWeight;

        var size = 1 << options.BucketBits;
        var d = options.HiddenDim;
        var rows = d == 0 ? 0 : 1 << options.Hidden.EmbeddingBits;
        var w = new float[size];
        var g2 = new float[size];
        var rng = new SplitMix64(options.Seed);
        var initRng = new SplitMix64(options.Seed ^ 0xE3B0C442u);
        float Uniform(double halfWidth) => (float)(((initRng.Next() >> 11) * (1.0 / (1ul << 53)) * 2 - 1) * halfWidth);
        var embedding = new float[rows * d];
        for (var i = 0; i < embedding.Length; i++)
        {
            embedding[i] = Uniform(options.EmbeddingInit);
        }

        var embeddingG2 = new float[rows * d];
        var hiddenBias = new float[d];
        var hiddenBiasG2 = new float[d];
        var output = new float[d];
        for (var j = 0; j < d; j++)
        {
            output[j] = Uniform(1.0 / Math.Sqrt(d));
        }

        var outputG2 = new float[d];
        var model = new FloatModel(w, 0, embedding, hiddenBias, output, d);
        double bias = 0, biasG2 = 0;
        var lr = options.LearningRate;
        var hlr = options.HiddenLearningRate;
        var l2 = (float)options.L2;
        var hidden = new float[Math.Max(1, d)];
        var gradA = new float[Math.Max(1, d)];
        var examples = new List<(Window Window, float Label, float Weight)>();
        for (var epoch = 0; epoch < epochs; epoch++)
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
                        var z = model.Logit(window, hidden);
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
                var z = model.Logit(window, hidden) - model.Bias + bias;
                var p = Sigmoid(z);
                var err = (float)((p - label) * weight);
                var idx = window.Buckets;
                var val = window.Values;
                for (var k = 0; k < idx.Length; k++)
                {
                    var b = idx[k];
                    var grad = (err * val[k]) + (l2 * w[b]);
                    g2[b] += grad * grad;
                    w[b] -= (float)(lr * grad / (Math.Sqrt(g2[b]) + 1e-8));
                }

                biasG2 += err * err;
                bias -= lr * err / (Math.Sqrt(biasG2) + 1e-8);
                if (d == 0)
                {
                    continue;
                }

                // Backpropagation through the ReLU layer (hidden holds the pre-activations from Logit).
                for (var j = 0; j < d; j++)
                {
                    var active = hidden[j] > 0;
                    gradA[j] = active ? err * output[j] : 0f;
                    var gOut = active ? err * hidden[j] : 0f;
                    outputG2[j] += gOut * gOut;
                    output[j] -= (float)(hlr * gOut / (Math.Sqrt(outputG2[j]) + 1e-8));
                    hiddenBiasG2[j] += gradA[j] * gradA[j];
                    hiddenBias[j] -= (float)(hlr * gradA[j] / (Math.Sqrt(hiddenBiasG2[j]) + 1e-8));
                }

                var rowsIdx = window.Rows;
                var rowVal = window.RowValues;
                var lanes = System.Numerics.Vector<float>.Count;
                var hlrF = (float)hlr;
                for (var k = 0; k < rowsIdx.Length; k++)
                {
                    var row = embedding.AsSpan(rowsIdx[k] * d, d);
                    var rowG2 = embeddingG2.AsSpan(rowsIdx[k] * d, d);
                    var v = rowVal[k];
                    var j = 0;
                    for (; j + lanes <= d; j += lanes)
                    {
                        var ev = new System.Numerics.Vector<float>(row[j..]);
                        var grad = (new System.Numerics.Vector<float>(gradA, j) * v) + (ev * l2);
                        var g = new System.Numerics.Vector<float>(rowG2[j..]) + (grad * grad);
                        g.CopyTo(rowG2[j..]);
                        (ev - (grad * hlrF / (System.Numerics.Vector.SquareRoot(g) + new System.Numerics.Vector<float>(1e-8f)))).CopyTo(row[j..]);
                    }

                    for (; j < d; j++)
                    {
                        var grad = (gradA[j] * v) + (l2 * row[j]);
                        rowG2[j] += grad * grad;
                        row[j] -= hlrF * grad / (MathF.Sqrt(rowG2[j]) + 1e-8f);
                    }
                }
            }

            model = model with { Bias = (float)bias };
            afterEpoch?.Invoke(epoch + 1, model);
        }

        return model;
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

        HiddenLayerWeights? hidden = null;
        var embeddingScale = 0f;
        if (model.HiddenDim > 0)
        {
            var emax = 0f;
            foreach (var v in model.Embedding)
            {
                emax = Math.Max(emax, Math.Abs(v));
            }

            embeddingScale = emax == 0 ? 1f : emax / 127f;
            var eq = new sbyte[model.Embedding.Length];
            for (var i = 0; i < eq.Length; i++)
            {
                eq[i] = (sbyte)Math.Clamp(Math.Round(model.Embedding[i] / embeddingScale, MidpointRounding.ToEven), -127, 127);
            }

            hidden = new HiddenLayerWeights([.. model.HiddenBias], [.. model.Output], eq);
        }

        var header = new InjectionModelHeader
        {
            Settings = options.Featurizer,
            Hidden = options.Hidden,
            EmbeddingScale = embeddingScale,
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
        return InjectionModelFormat.Write(header, q, hidden);
    }

    /// <summary>Fits Platt scaling σ(A·z + B) to logits by Newton's method with a backtracking line search (Platt's
    /// smoothed targets; the line search of Lin, Lin and Weng keeps it from diverging on nearly separable scores).</summary>
    /// <param name="logits">The logits.</param>
    /// <param name="labels">The labels.</param>
    /// <returns>A and B.</returns>
    public static (double A, double B) FitPlatt(IReadOnlyList<double> logits, IReadOnlyList<bool> labels)
    {
        var positives = labels.Count(l => l);
        var negatives = labels.Count - positives;
        var hi = (positives + 1.0) / (positives + 2.0);
        var lo = 1.0 / (negatives + 2.0);
        double Loss(double a, double b)
        {
            var loss = 0.0;
            for (var i = 0; i < logits.Count; i++)
            {
                var t = labels[i] ? hi : lo;
                var f = (a * logits[i]) + b;
                // −[t·log σ(f) + (1 − t)·log(1 − σ(f))], computed stably.
                loss += f >= 0 ? ((1 - t) * f) + Math.Log(1 + Math.Exp(-f)) : (-t * f) + Math.Log(1 + Math.Exp(f));
            }

            return loss;
        }

        double a = 1, b = 0;
        var current = Loss(a, b);
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
            var step = 1.0;
            var improved = false;
            for (; step >= 1e-10; step /= 2)
            {
                var loss = Loss(a - (step * da), b - (step * db));
                if (loss < current + (1e-4 * step * ((gA * -da) + (gB * -db))))
                {
                    a -= step * da;
                    b -= step * db;
                    current = loss;
                    improved = true;
                    break;
                }
            }

            if (!improved || Math.Abs(step * da) + Math.Abs(step * db) < 1e-10)
            {
                break;
            }
        }

        return (a, b);
    }

    /// <summary>Fits a small logistic regression (intercept + features) by Newton's method with a light ridge.</summary>
    /// <param name="x">The feature rows.</param>
    /// <param name="y">The labels.</param>
    /// <returns>The intercept followed by one coefficient per feature.</returns>
    public static double[] FitLogistic(IReadOnlyList<double[]> x, IReadOnlyList<bool> y)
    {
        var k = x[0].Length + 1;
        var beta = new double[k];
        var row = new double[k];
        for (var iter = 0; iter < 50; iter++)
        {
            var g = new double[k];
            var h = new double[k, k];
            for (var i = 0; i < x.Count; i++)
            {
                row[0] = 1;
                x[i].CopyTo(row, 1);
                var z = 0.0;
                for (var a = 0; a < k; a++)
                {
                    z += beta[a] * row[a];
                }

                var p = Sigmoid(z);
                var w = Math.Max(p * (1 - p), 1e-12);
                for (var a = 0; a < k; a++)
                {
                    g[a] += (p - (y[i] ? 1 : 0)) * row[a];
                    for (var b = 0; b < k; b++)
                    {
                        h[a, b] += w * row[a] * row[b];
                    }
                }
            }

            for (var a = 0; a < k; a++)
            {
                g[a] += 1e-3 * beta[a];
                h[a, a] += 1e-3;
            }

            var step = Solve(h, g);
            var change = 0.0;
            for (var a = 0; a < k; a++)
            {
                beta[a] -= step[a];
                change += Math.Abs(step[a]);
            }

            if (change < 1e-9)
            {
                break;
            }
        }

        return beta;
    }

    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var v = (double[])b.Clone();
        for (var c = 0; c < n; c++)
        {
            var pivot = c;
            for (var r = c + 1; r < n; r++)
            {
                if (Math.Abs(m[r, c]) > Math.Abs(m[pivot, c]))
                {
                    pivot = r;
                }
            }

            for (var j = 0; j < n; j++)
            {
                (m[c, j], m[pivot, j]) = (m[pivot, j], m[c, j]);
            }

            (v[c], v[pivot]) = (v[pivot], v[c]);
            for (var r = c + 1; r < n; r++)
            {
                var f = m[r, c] / m[c, c];
                for (var j = c; j < n; j++)
                {
                    m[r, j] -= f * m[c, j];
                }

                v[r] -= f * v[c];
            }
        }

        var result = new double[n];
        for (var r = n - 1; r >= 0; r--)
        {
            var s = v[r];
            for (var j = r + 1; j < n; j++)
            {
                s -= m[r, j] * result[j];
            }

            result[r] = s / m[r, r];
        }

        return result;
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

    public static double Sigmoid(double z) => 1.0 / (1.0 + Math.Exp(-z));

    /// <summary>Collects the feature occurrences of each window exactly as the inference sink sums them.</summary>
    private struct WindowCollector(int halfWindow) : IFeatureSink
    {
        private List<(int Bucket, bool Word)> _current = [];
        private List<(int Bucket, bool Word)> _previous = [];
        private int _tokens;
        private bool _havePrevious;
        private bool _scored;
        private readonly List<List<(int Bucket, bool Word)>> _windows = [];

        public readonly void Feature(int bucket, bool word) => _current.Add((bucket, word));

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

        public List<List<(int Bucket, bool Word)>> Finish()
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
            var window = new List<(int Bucket, bool Word)>(_previous.Count + _current.Count);
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
