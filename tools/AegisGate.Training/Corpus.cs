using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AegisGate.Detection.Classifier;

namespace AegisGate.Training;

/// <summary>One labelled row of the corpus.</summary>
/// <param name="Text">The raw text.</param>
/// <param name="Canonical">The canonicalised text (what the model sees).</param>
/// <param name="IsAttack">Whether the row is labelled <c>attack</c>.</param>
/// <param name="Family">The category family (the part of <c>category</c> before the first colon).</param>
internal sealed record CorpusRow(string Text, string Canonical, bool IsAttack, string Family)
{
    /// <summary>Gets or sets the near-duplicate group (rows of one group are never split between train and validation).</summary>
    public int Group { get; set; }

    /// <summary>Gets the SHA-256 of the canonical text, hex (used for deterministic ordering).</summary>
    public string Key { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Canonical)));
}

/// <summary>Loads the JSON Lines corpus and splits it deterministically.</summary>
internal static class Corpus
{
    /// <summary>The family of benign trigger-word sentences (the over-defence test).</summary>
    public const string TriggerFamily = "benign_trigger_words_notinject";

    /// <summary>Loads <c>injection.jsonl</c>-shaped rows (fields <c>text</c>, <c>label</c> = attack|benign, <c>category</c>).</summary>
    /// <param name="path">The file.</param>
    /// <param name="sha256">The SHA-256 of the file.</param>
    /// <returns>The rows.</returns>
    public static List<CorpusRow> Load(string path, out byte[] sha256)
    {
        var bytes = File.ReadAllBytes(path);
        sha256 = SHA256.HashData(bytes);
        var rows = new List<CorpusRow>();
        var lineNumber = 0;
        foreach (var line in Encoding.UTF8.GetString(bytes).Split('\n'))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            var text = root.GetProperty("text").GetString() ?? throw new InvalidDataException($"line {lineNumber}: text is null");
            var label = root.GetProperty("label").GetString();
            var category = root.TryGetProperty("category", out var c) ? c.GetString() ?? "unknown" : "unknown";
            var isAttack = label switch
            {
                "attack" => true,
                "benign" => false,
                _ => throw new InvalidDataException($"line {lineNumber}: label must be attack or benign, not '{label}'"),
            };
            var colon = category.IndexOf(':', StringComparison.Ordinal);
            var family = colon < 0 ? category : category[..colon];
            rows.Add(new CorpusRow(text, ClassifierCanonicalization.Canonicalize(text), isAttack, family));
        }

        return rows;
    }

    /// <summary>
    /// Groups near-duplicates (estimated Jaccard similarity of word 3-shingles ≥ <paramref name="threshold"/>, by
    /// MinHash) so that variants of one jailbreak never sit on both sides of the split.
    /// </summary>
    /// <param name="rows">The rows; <see cref="CorpusRow.Group"/> is set.</param>
    /// <param name="threshold">The similarity threshold.</param>
    /// <returns>The number of groups.</returns>
    public static int GroupNearDuplicates(IReadOnlyList<CorpusRow> rows, double threshold)
    {
        const int Hashes = 64;
        var signatures = new uint[rows.Count][];
        for (var r = 0; r < rows.Count; r++)
        {
            var words = Words(rows[r].Canonical);
            var signature = new uint[Hashes];
            Array.Fill(signature, uint.MaxValue);
            var shingles = Math.Max(1, words.Count - 2);
            for (var s = 0; s < shingles; s++)
            {
                uint h = 2166136261u;
                for (var k = s; k < Math.Min(words.Count, s + 3); k++)
                {
                    foreach (var ch in words[k])
                    {
                        h = (h ^ ch) * 16777619u;
                    }

                    h = (h ^ ' ') * 16777619u;
                }

                for (var j = 0; j < Hashes; j++)
                {
                    var v = Mix(h ^ (uint)(j * 0x9E3779B9));
                    if (v < signature[j])
                    {
                        signature[j] = v;
                    }
                }
            }

            signatures[r] = signature;
        }

        var parent = new int[rows.Count];
        for (var i = 0; i < parent.Length; i++)
        {
            parent[i] = i;
        }

        var needed = (int)Math.Ceiling(threshold * Hashes);
        for (var a = 0; a < rows.Count; a++)
        {
            for (var b = a + 1; b < rows.Count; b++)
            {
                var same = 0;
                var sa = signatures[a];
                var sb = signatures[b];
                for (var j = 0; j < Hashes; j++)
                {
                    if (sa[j] == sb[j])
                    {
                        same++;
                    }
                }

                if (same >= needed)
                {
                    parent[Find(parent, a)] = Find(parent, b);
                }
            }
        }

        var ids = new Dictionary<int, int>();
        for (var i = 0; i < rows.Count; i++)
        {
            var root = Find(parent, i);
            if (!ids.TryGetValue(root, out var id))
            {
                id = ids.Count;
                ids[root] = id;
            }

            rows[i].Group = id;
        }

        return ids.Count;
    }

    /// <summary>
    /// Deterministic validation split stratified by family: within each family, near-duplicate groups are ordered by
    /// the SHA-256 of their smallest member (salted with the seed) and every <paramref name="every"/>-th group goes to validation.
    /// </summary>
    /// <param name="rows">The rows (grouped).</param>
    /// <param name="every">1 in this many groups is held back.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>Whether each row is in the validation split.</returns>
    public static bool[] ValidationSplit(IReadOnlyList<CorpusRow> rows, int every, ulong seed)
    {
        // A group belongs to the family of its first member by key.
        var groups = rows.Select((row, index) => (row, index)).GroupBy(x => x.row.Group)
            .Select(g => (Group: g.Key, Members: g.Select(x => x.index).ToList(), First: g.Min(x => x.row.Key)!))
            .ToList();
        var isValidation = new bool[rows.Count];
        foreach (var family in groups.GroupBy(g => rows.First(r => r.Key == g.First).Family).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var ordered = family.OrderBy(g => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(seed.ToString(System.Globalization.CultureInfo.InvariantCulture) + g.First))), StringComparer.Ordinal).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                if (i % every == every - 1)
                {
                    foreach (var m in ordered[i].Members)
                    {
                        isValidation[m] = true;
                    }
                }
            }
        }

        return isValidation;
    }

    /// <summary>Assigns training rows to <paramref name="folds"/> cross-validation folds by group (deterministic).</summary>
    /// <param name="rows">The training rows.</param>
    /// <param name="folds">The number of folds.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The fold of each row.</returns>
    public static int[] Folds(IReadOnlyList<CorpusRow> rows, int folds, ulong seed)
    {
        var fold = new int[rows.Count];
        var byFamily = rows.Select((row, index) => (row, index)).GroupBy(x => x.row.Family).OrderBy(f => f.Key, StringComparer.Ordinal);
        foreach (var family in byFamily)
        {
            var groups = family.GroupBy(x => x.row.Group)
                .Select(g => (Members: g.Select(x => x.index).ToList(), First: g.Min(x => x.row.Key)!))
                .OrderBy(g => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("fold" + seed.ToString(System.Globalization.CultureInfo.InvariantCulture) + g.First))), StringComparer.Ordinal)
                .ToList();
            for (var i = 0; i < groups.Count; i++)
            {
                foreach (var m in groups[i].Members)
                {
                    fold[m] = i % folds;
                }
            }
        }

        return fold;
    }

    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var raw in text)
        {
            var c = InjectionFeaturizer.Fold(raw);
            if (char.IsLetterOrDigit(c))
            {
                _ = current.Append(c);
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                _ = current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }

    private static uint Mix(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        h *= 0xC2B2AE35u;
        h ^= h >> 16;
        return h;
    }
}
