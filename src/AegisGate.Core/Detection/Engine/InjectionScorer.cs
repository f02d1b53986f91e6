using AegisGate.Detection.Rules;

namespace AegisGate.Detection.Engine;

/// <summary>
/// Weighs the prompt-injection signal families of one scan. Each family counts once (its strongest hit); signals found
/// inside decoded text add the <c>injection.encoded_payload</c> family, hidden tag text and zero-width characters inside
/// words add <c>injection.hidden_characters</c>. The score is compared with the source's threshold (1.0 standard: one
/// strong or several weak signals). When the engine has an <see cref="Classifier.InjectionClassifier"/> it also scores the
/// canonical text and reports <c>injection.classifier</c> when the model's probability pooled with the lexical probability
/// <c>1 - e^-score</c> reaches the threshold of the content's source; without one the lexical score decides alone.
/// </summary>
internal static class InjectionScorer
{
    private const int MaxHitsPerFamily = 16;

    public static List<RawFinding> Score(ScanState scan, LayerText root, IReadOnlyDictionary<string, double>? prior)
    {
        var engine = scan.Engine;
        var signals = scan.InjectionSignals;
        if (signals.Count == 0 && root.Canonical.HiddenSegments.Count == 0 && root.Canonical.InvisibleCharactersRemoved == 0)
        {
            // No family can be present (most clean text): only the prior families and the classifier are left.
            var priorScore = 0.0;
            if (prior is not null)
            {
                foreach (var weight in prior.Values)
                {
                    priorScore += weight;
                }
            }

            return Classify(scan, root, 1 - Math.Exp(-priorScore), []);
        }

        if (HasHiddenOnly(scan, signals))
        {
            signals = KeepHiddenOnlyInsideHiddenHtml(scan, signals);
        }

        List<(int Start, int End)>? reportedQuotes = null;
        if (scan.Source == ContentSource.User)
        {
            reportedQuotes = [];
            signals = ReportedSpeech.DropReported(root.Canonical.Original, signals, engine.InjectionHiddenHtml, reportedQuotes);
        }

        var families = new Dictionary<DetectionRule, double>();
        var encodedHits = new List<RawFinding>();
        foreach (var signal in signals)
        {
            var weight = signal.Confidence;
            families[signal.Rule] = Math.Max(families.GetValueOrDefault(signal.Rule), weight);
            if (signal.Depth > 0)
            {
                encodedHits.Add(signal);
            }
        }

        var hits = new List<RawFinding>(signals);
        if (encodedHits.Count > 0 && scan.Table.Enabled[engine.InjectionEncoded.Index])
        {
            families[engine.InjectionEncoded] = engine.InjectionEncoded.Weight;
            foreach (var hit in encodedHits)
            {
                hits.Add(hit with { Rule = engine.InjectionEncoded, Confidence = engine.InjectionEncoded.Weight });
            }
        }

        if (scan.Table.Enabled[engine.InjectionHidden.Index])
        {
            AddHidden(root, engine.InjectionHidden, families, hits);
        }

        var score = 0.0;
        foreach (var weight in families.Values)
        {
            score += weight;
        }

        if (prior is not null)
        {
            foreach (var (id, weight) in prior)
            {
                if (!families.Keys.Any(r => r.Id == id))
                {
                    score += weight;
                }
            }
        }

        var threshold = scan.Table.InjectionThreshold;
        var lexicalProbability = 1 - Math.Exp(-score);
        var result = new List<RawFinding>();
        if (families.Count > 0 && score >= threshold)
        {
            var confidence = Math.Min(0.99, 0.5 + (0.5 * lexicalProbability));
            var perFamily = new Dictionary<DetectionRule, int>();
            foreach (var hit in hits)
            {
                var n = perFamily.GetValueOrDefault(hit.Rule);
                if (n >= MaxHitsPerFamily)
                {
                    continue;
                }

                perFamily[hit.Rule] = n + 1;
                result.Add(hit with { Confidence = confidence });
            }
        }

        return Classify(scan, root, lexicalProbability, result, reportedQuotes);
    }

    // The classifier adds recall where the rules stay below their threshold (when they report, their findings name
    // what was found and the model is not run); it never takes a rule's finding away. Its combined confidence is the
    // model's calibrated probability pooled with the lexical probability (InjectionConfidence), against the source's threshold.
    // Quotations set aside as reported speech are blanked for the model too (only when the canonical text is the
    // original, so the ranges hold; otherwise the model reads everything).
    private static List<RawFinding> Classify(ScanState scan, LayerText root, double lexicalProbability, List<RawFinding> result, List<(int Start, int End)>? reportedQuotes = null)
    {
        var engine = scan.Engine;
        if (result.Count == 0 && engine.Classifier is { } classifier && scan.Table.Enabled[engine.InjectionClassifierRule.Index] && !DetectionEngine.IsWarmingUp)
        {
            var text = root.Text;
            if (reportedQuotes is { Count: > 0 } && root.Canonical.IsIdentity)
            {
                var chars = text.ToCharArray();
                foreach (var (start, end) in reportedQuotes)
                {
                    chars.AsSpan(start, end - start).Fill(' ');
                }

                text = new string(chars);
            }

            var assessment = classifier.Assess(text, scan.Source, lexicalProbability);
            if (assessment.IsInjection)
            {
                result.Add(new RawFinding(engine.InjectionClassifierRule, 0, root.Canonical.Original.Length, assessment.Confidence, 0));
            }
        }

        return result;
    }

    /// <summary>The lexical family ids and weights seen in a scan (carried across the pieces of a stream; the classifier scores each piece itself).</summary>
    public static void CollectFamilies(List<RawFinding> findings, Dictionary<string, double> into)
    {
        foreach (var f in findings)
        {
            if (f.Rule is InjectionSignalRule signal && signal.Id != InjectionRules.ClassifierId)
            {
                into[signal.Id] = Math.Max(into.GetValueOrDefault(signal.Id), signal.Weight);
            }
        }
    }

    private static bool HasHiddenOnly(ScanState scan, List<RawFinding> signals)
    {
        foreach (var signal in signals)
        {
            if (scan.Table.HiddenOnly[signal.Rule.Index])
            {
                return true;
            }
        }

        return false;
    }

    // Signals of a family that counts only inside hidden HTML are kept when a hidden-HTML match contains them.
    private static List<RawFinding> KeepHiddenOnlyInsideHiddenHtml(ScanState scan, List<RawFinding> signals)
    {
        var hiddenHtml = scan.Engine.InjectionHiddenHtml;
        var kept = new List<RawFinding>(signals.Count);
        foreach (var signal in signals)
        {
            if (!scan.Table.HiddenOnly[signal.Rule.Index])
            {
                kept.Add(signal);
                continue;
            }

            foreach (var hidden in signals)
            {
                if (hidden.Rule == hiddenHtml && hidden.Start <= signal.Start && signal.End <= hidden.End)
                {
                    kept.Add(signal);
                    break;
                }
            }
        }

        return kept;
    }

    private static void AddHidden(LayerText root, InjectionSignalRule rule, Dictionary<DetectionRule, double> families, List<RawFinding> hits)
    {
        var canonical = root.Canonical;
        foreach (var segment in canonical.HiddenSegments)
        {
            // Emoji tag sequences (subdivision flags) spell a few lowercase letters; instructions are longer.
            if (segment.Text.Length >= 8)
            {
                families[rule] = rule.Weight;
                hits.Add(new RawFinding(rule, segment.Start, segment.End, rule.Weight, 0));
            }
        }

        if (canonical.InvisibleCharactersRemoved == 0)
        {
            return;
        }

        // Zero-width and bidi controls between letters ("ig\u200Bnore") hide words from filters; emoji joiners do not count.
        var original = canonical.Original;
        var inWords = 0;
        var first = -1;
        var last = -1;
        for (var i = 1; i < original.Length - 1; i++)
        {
            var c = original[i];
            if (c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD' or '\u202A' or '\u202B' or '\u202C' or '\u202D' or '\u202E' or '\u2066' or '\u2067' or '\u2068' or '\u2069' or '\u180E')
            {
                if (char.IsLetter(original[i - 1]) && char.IsLetter(original[i + 1]))
                {
                    inWords++;
                    first = first < 0 ? i : first;
                    last = i;
                }
            }
        }

        if (inWords >= 2)
        {
            var weight = rule.Weight * 0.6;
            families[rule] = Math.Max(families.GetValueOrDefault(rule), weight);
            hits.Add(new RawFinding(rule, first, last + 1, weight, 0));
        }
    }
}
