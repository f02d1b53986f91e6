using System.Buffers;
using System.Text.RegularExpressions;
using AegisGate.Detection.Policy;
using AegisGate.Detection.Rules;

namespace AegisGate.Detection.Engine;

/// <summary>
/// The detection engine: canonicalise once, decode nested encodings, prefilter by keyword, run the rules, weigh
/// injection signals, apply the policy, redact. Thread-safe; one instance serves every request.
/// </summary>
internal sealed partial class DetectionEngine : IContentScanner, IContentStreamScanner, IDetectionRuleCatalog
{
    private readonly TimeProvider _time;
    private volatile EngineState _state;

    public DetectionEngine(EngineState state, TimeProvider time)
    {
        _state = state;
        _time = time;
    }

    public EngineState State
    {
        get => _state;
        set => _state = value ?? throw new ArgumentNullException(nameof(value));
    }

    public IReadOnlyList<DetectionRuleDescriptor> Rules => _state.Rules.Descriptors;

    public ScanResult Scan(string content, ScanOptions options)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(options);
        var state = _state;
        var outcome = ScanText(state, content, options, priorInjection: null);
        if (outcome.ErrorCode is not null)
        {
            return Blocked(outcome.ErrorCode);
        }

        var findings = outcome.ToFindings(jsonPath: null);
        string? redacted = null;
        if (options.ProduceRedacted && outcome.Verdict != ScanVerdict.Block)
        {
            redacted = Redactor.Redact(content, outcome, state.Options.RedactCardLastFour);
        }

        return new ScanResult { Verdict = outcome.Verdict, Findings = findings, RedactedContent = redacted };
    }

    public ScanResult ScanJson(ReadOnlyMemory<byte> utf8Json, ScanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return JsonScanner.Scan(this, _state, utf8Json, options);
    }

    public IContentScanSession StartSession(ScanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new StreamScanSession(this, options);
    }

    internal static ScanResult Blocked(string code) => new() { Verdict = ScanVerdict.Block, ErrorCode = code };

    /// <summary>
    /// Scans a short mixed sample as text and as JSON once, so that the first real scan does not pay the JIT of the engine,
    /// the rules and the classifier inside its time limit (a cold engine on a loaded host could otherwise deny the first
    /// requests with <c>AEGIS_SCAN_LIMIT_EXCEEDED</c>). The results are discarded.
    /// </summary>
    internal void WarmUp()
    {
        t_warmingUp = true;
        try
        {
            WarmUpScans();
        }
        finally
        {
            t_warmingUp = false;
        }
    }

    /// <summary>Gets a value indicating whether this thread is running <see cref="WarmUp"/> (the classifier, a user's model, is not called then).</summary>
    internal static bool IsWarmingUp => t_warmingUp;

    [ThreadStatic]
    private static bool t_warmingUp;

    private void WarmUpScans()
    {
        const string Sample = "Hi, I'm Ann Lee (ann.lee@example.org, +44 20 7946 0958). Please ignore the typo in order 4111-1111 and see "
            + "https://docs.example.com/a?b=1 or example.co.uk. api_key=\"d2FybXVwLW9ubHktbm90LWEtc2VjcmV0\" <!-- note --> Thanks!";
        _ = Scan(Sample, new ScanOptions { ProduceRedacted = true });
        var json = System.Text.Encoding.UTF8.GetBytes("{\"messages\":[{\"role\":\"user\",\"content\":" + System.Text.Json.JsonSerializer.Serialize(Sample) + "}],\"n\":1}");
        _ = ScanJson(json, new ScanOptions { ProduceRedacted = true, Source = ContentSource.ModelResponse });
    }

    /// <summary>Scans one text and resolves the policy; offsets of the outcome index <paramref name="content"/>.</summary>
    internal ScanOutcome ScanText(EngineState state, string content, ScanOptions options, IReadOnlyDictionary<string, double>? priorInjection)
    {
        if (content.Length > state.Options.MaxContentChars)
        {
            return ScanOutcome.Error(AegisErrorCodes.ScanLimitExceeded);
        }

        var policy = state.GetPolicy(options.Policy);
        if (policy is null)
        {
            return ScanOutcome.Error(AegisErrorCodes.ConfigurationInvalid);
        }

        if (!Enum.IsDefined(options.Source))
        {
            return ScanOutcome.Error(AegisErrorCodes.ScanInvalidInput);
        }

        var table = policy.For(options.Source);
        var scratch = ScanScratch.Rent(state.Rules.Rules.Length);
        var scan = new ScanState(state, table, options.Source, _time, scratch);
        try
        {
            var canonical = TextCanonicalizer.Canonicalize(content);
            var root = new LayerText(canonical, 0, null, 0, 0, parentRangeIsOriginal: false) { Settings = state, Scratch = scratch };
            ScanLayer(scan, root);
            var injection = InjectionScorer.Score(scan, root, priorInjection);
            return Resolve(scan, injection);
        }
        catch (ScanLimitException)
        {
            return ScanOutcome.Error(AegisErrorCodes.ScanLimitExceeded);
        }
        catch (RegexMatchTimeoutException)
        {
            return ScanOutcome.Error(AegisErrorCodes.ScanLimitExceeded);
        }
        finally
        {
            ScanScratch.Return(scratch);
        }
    }

    private static void ScanLayer(ScanState scan, LayerText layer)
    {
        scan.Enter(layer);
        var ruleSet = scan.Engine.Rules;
        var rules = ruleSet.Rules;
        var active = ArrayPool<bool>.Shared.Rent(rules.Length);
        var hits = scan.Scratch.RentHits();
        hits.Cap = RuleHits.CapFor(layer.Text.Length);
        int[]? order = null;
        try
        {
            var activeSpan = active.AsSpan(0, rules.Length);
            activeSpan.Clear();
            ruleSet.Activate(layer.Text, activeSpan, scan.Table.Enabled, hits);

            // The rules to run in rule order: the enabled rules without keywords (candidate rules apart) and the rules with
            // a keyword hit. Only these are visited, not every rule: a short text activates a few dozen of four hundred.
            order = ArrayPool<int>.Shared.Rent(ruleSet.AlwaysRunRules.Length + hits.Touched.Count);
            var sequence = RuleOrder(ruleSet, activeSpan, hits, order);

            var anyCandidateRule = false;
            var injectionOnly = layer.InjectionOnly;
            var hiddenHtml = scan.Engine.InjectionHiddenHtml.Index;
            var noHiddenHtml = hits.Positions[hiddenHtml] is not { Count: > 0 } && !hits.Saturated[hiddenHtml];
            var windows = scan.Scratch.RentRanges();
            foreach (var i in sequence)
            {
                var rule = rules[i];
                if (injectionOnly && rule.Descriptor.Category != DetectionCategory.Injection)
                {
                    continue; // a cipher reading (ROT13, reversed, leetspeak) is read for instructions only
                }

                if (scan.Table.HiddenOnly[i] && noHiddenHtml)
                {
                    continue; // counts only inside hidden HTML, and there is none
                }

                if (rule is CandidateRule)
                {
                    anyCandidateRule = true;
                    continue;
                }

                if (hits.Positions[i] is { Count: > 1 } unsorted)
                {
                    unsorted.Sort();
                }

                if (rule is PatternRule { MatchesStartAtKeyword: true } anchored && !hits.Saturated[i] && hits.Positions[i] is { Count: > 0 } hitPositions)
                {
                    anchored.FindAtHits(layer, hitPositions, scan);
                    continue;
                }

                if (rule.Keywords.Length == 0 && rule.LongRunMin > 0)
                {
                    if (!BuildRunWindows(layer, rule.LongRunMin, rule.ReachAfter, windows))
                    {
                        continue;
                    }

                    layer.SetWindows(windows);
                }
                else if (rule.Keywords.Length == 0 || hits.Saturated[i] || hits.Positions[i] is not { Count: > 0 } positions
                    || !BuildWindows(layer.Text, positions, rule.ReachBefore, rule.ReachAfter, windows))
                {
                    layer.SetWindows(null);
                }
                else
                {
                    layer.SetWindows(windows);
                }

                rule.Find(layer, scan);
            }

            layer.SetWindows(null);
            if (layer.Text.AsSpan().ContainsAnyInRange('0', '9')
                && (anyCandidateRule || AnyCandidateRuleWithoutKeywords(ruleSet, activeSpan, scan.Table.HiddenOnly, injectionOnly, noHiddenHtml)))
            {
                RunCandidates(scan, layer, activeSpan);
            }
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(active);
            if (order is not null)
            {
                ArrayPool<int>.Shared.Return(order);
            }

            scan.Scratch.ReturnHits(hits);
        }

        scan.CheckTime();
        if (layer.Depth >= scan.Engine.Options.MaxDecodeDepth)
        {
            return;
        }

        foreach (var hidden in layer.Canonical.HiddenSegments)
        {
            var child = new LayerText(TextCanonicalizer.Canonicalize(hidden.Text), layer.Depth + 1, layer, hidden.Start, hidden.End, parentRangeIsOriginal: true)
            {
                Settings = layer.Settings,
                Scratch = layer.Scratch,
                Encoding = "unicode-tags",
            };
            scan.MaxDepthSeen = Math.Max(scan.MaxDepthSeen, child.Depth);
            ScanLayer(scan, child);
        }

        var segments = Decoders.Find(layer.Text, layer.GetLongRuns(), ref scan.DecodeBudget);
        if (segments is null)
        {
            return;
        }

        if (scan.DecodeBudget < 0)
        {
            throw new ScanLimitException("decode budget");
        }

        foreach (var segment in segments)
        {
            var child = new LayerText(TextCanonicalizer.Canonicalize(segment.Text), layer.Depth + 1, layer, segment.Start, segment.End, parentRangeIsOriginal: false)
            {
                Settings = layer.Settings,
                Scratch = layer.Scratch,
                Encoding = segment.Encoding,
                InjectionOnly = CipherDecoders.IsInjectionOnly(segment.Encoding),
            };
            scan.MaxDepthSeen = Math.Max(scan.MaxDepthSeen, child.Depth);
            ScanLayer(scan, child);
        }
    }

    /// <summary>
    /// The active rules a layer visits, ascending: the enabled rules without keywords other than the candidate rules, and
    /// the rules with a keyword hit (every active rule but the candidate rules without keywords, whose numeric candidates
    /// run together after the loop).
    /// </summary>
    /// <param name="ruleSet">The rules.</param>
    /// <param name="active">The active flags <see cref="RuleSet.Activate"/> set.</param>
    /// <param name="hits">The keyword hits <see cref="RuleSet.Activate"/> recorded.</param>
    /// <param name="order">Room for the rules without keywords and the touched rules.</param>
    /// <returns>The rule indexes, in <paramref name="order"/>.</returns>
    internal static Span<int> RuleOrder(RuleSet ruleSet, ReadOnlySpan<bool> active, RuleHits hits, int[] order)
    {
        var count = 0;
        foreach (var index in ruleSet.AlwaysRunRules)
        {
            if (active[index])
            {
                order[count++] = index;
            }
        }

        foreach (var index in hits.Touched)
        {
            order[count++] = index;
        }

        var sequence = order.AsSpan(0, count);
        if (hits.Touched.Count > 0)
        {
            sequence.Sort();
        }

        return sequence;
    }

    // Whether a candidate rule without keywords runs on the layer (the filters of the rule loop, from flat tables).
    internal static bool AnyCandidateRuleWithoutKeywords(RuleSet ruleSet, ReadOnlySpan<bool> active, bool[] hiddenOnly, bool injectionOnly, bool noHiddenHtml)
    {
        var isInjection = ruleSet.IsInjection;
        foreach (var index in ruleSet.AlwaysCandidateRules)
        {
            if (active[index] && (!injectionOnly || isInjection[index]) && !(hiddenOnly[index] && noHiddenHtml))
            {
                return true;
            }
        }

        return false;
    }

    // Windows around keyword hits, widened to whitespace so look-arounds at the edges see what they would in the whole
    // text; false when they would cover most of the text anyway (then the rule runs once over all of it).
    private static bool BuildWindows(string text, List<int> positions, int before, int after, List<(int Start, int End)> windows)
    {
        windows.Clear();
        var total = 0;
        foreach (var p in positions)
        {
            var (start, end) = TextSearch.HitWindow(text, p, before, after);

            if (windows.Count > 0 && start <= windows[^1].End)
            {
                var last = windows[^1];
                total += Math.Max(0, end - last.End);
                windows[^1] = (last.Start, Math.Max(last.End, end));
            }
            else
            {
                windows.Add((start, end));
                total += end - start;
            }
        }

        // Every regex call has a fixed cost (match-timeout set-up); many small windows cost more than one pass.
        return total * 2 < text.Length;
    }

    // Windows over the layer's runs of at least 'minimum' base64url characters, each extended by 'after' characters; false when there are none.
    private static bool BuildRunWindows(LayerText layer, int minimum, int after, List<(int Start, int End)> windows)
    {
        windows.Clear();
        var length = layer.Text.Length;
        foreach (var (start, end) in layer.GetLongRuns())
        {
            if (end - start < minimum)
            {
                continue;
            }

            var windowEnd = Math.Min(length, end + after);
            if (windows.Count > 0 && start <= windows[^1].End)
            {
                windows[^1] = (windows[^1].Start, Math.Max(windows[^1].End, windowEnd));
            }
            else
            {
                windows.Add((start, windowEnd));
            }
        }

        return windows.Count > 0;
    }

    // Each numeric candidate is offered only to the active candidate rules whose digit/letter ranges it fits. Which rules
    // those are depends only on the candidate's shape (its groups' digit and letter counts), and numbers repeat a few
    // shapes ("250", "80", "1969", "4.2.1", "1234 5678 1234 …"): the fitting rules of the last few shapes are kept.
    internal static void RunCandidates(ScanState scan, LayerText layer, ReadOnlySpan<bool> active)
    {
        const int Shapes = 8;
        var candidateRules = scan.Engine.Rules.CandidateRules;
        var rented = ArrayPool<int>.Shared.Rent(Shapes * (candidateRules.Length + 1));
        try
        {
            // Slot k: its fitting rules at fitting[k * rules .. ], their count in counts[k], its shape in shapes[k].
            var fitting = rented.AsSpan(0, Shapes * candidateRules.Length);
            var counts = rented.AsSpan(Shapes * candidateRules.Length, Shapes);
            Span<NumericCandidate> shapes = stackalloc NumericCandidate[Shapes];
            var used = 0;
            var next = 0; // the slot a new shape takes once all are used (oldest first)
            var last = -1;
            foreach (var candidate in layer.GetCandidates())
            {
                if (last < 0 || !SameShape(candidate, shapes[last]))
                {
                    last = -1;
                    for (var k = 0; k < used; k++)
                    {
                        if (SameShape(candidate, shapes[k]))
                        {
                            last = k;
                            break;
                        }
                    }

                    if (last < 0)
                    {
                        last = used < Shapes ? used++ : next;
                        next = (last + 1) % Shapes;
                        shapes[last] = candidate;
                        var slot = fitting.Slice(last * candidateRules.Length, candidateRules.Length);
                        var count = 0;
                        for (var r = 0; r < candidateRules.Length; r++)
                        {
                            var rule = candidateRules[r];
                            if (rule.MinDigits > candidate.Digits)
                            {
                                break;
                            }

                            if (active[rule.Index] && rule.Accepts(candidate))
                            {
                                slot[count++] = r;
                            }
                        }

                        counts[last] = count;
                    }
                }

                var fits = fitting.Slice(last * candidateRules.Length, counts[last]);
                foreach (var r in fits)
                {
                    candidateRules[r].Match(layer, candidate, scan);
                }
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    private static bool SameShape(in NumericCandidate a, in NumericCandidate b)
        => a.GroupDigits == b.GroupDigits && a.GroupLetters == b.GroupLetters && a.Groups == b.Groups && a.Digits == b.Digits && a.Letters == b.Letters;

    /// <summary>Applies the policy: confidence floors, actions, overlap resolution within a category.</summary>
    private static ScanOutcome Resolve(ScanState scan, List<RawFinding> injection)
    {
        var table = scan.Table;
        if (scan.Findings.Count == 0 && injection.Count == 0 && scan.Engine.Options.MaxFindings >= 0)
        {
            return new ScanOutcome(ScanVerdict.Allow, ScanOutcome.NoFindings, table.Actions, null);
        }

        var candidates = new List<RawFinding>(scan.Findings.Count + injection.Count);
        foreach (var raw in scan.Findings)
        {
            if (raw.Confidence >= table.Floors[raw.Rule.Index] && raw.End > raw.Start)
            {
                candidates.Add(raw);
            }
        }

        foreach (var raw in injection)
        {
            if (table.Enabled[raw.Rule.Index] && raw.Confidence >= table.Floors[raw.Rule.Index] && raw.End > raw.Start)
            {
                candidates.Add(raw);
            }
        }

        // Higher priority first, then higher confidence, then longer; drop a finding that overlaps a kept one of its category.
        candidates.Sort(static (a, b) =>
        {
            var c = b.Rule.Priority.CompareTo(a.Rule.Priority);
            if (c != 0)
            {
                return c;
            }

            c = b.Confidence.CompareTo(a.Confidence);
            return c != 0 ? c : (b.End - b.Start).CompareTo(a.End - a.Start);
        });

        var kept = new List<RawFinding>(candidates.Count);
        foreach (var candidate in candidates)
        {
            var overlaps = false;
            foreach (var k in kept)
            {
                if (k.Rule.Descriptor.Category == candidate.Rule.Descriptor.Category && candidate.Start < k.End && k.Start < candidate.End
                    && (candidate.Rule.Descriptor.Category != DetectionCategory.Injection || k.Rule == candidate.Rule))
                {
                    overlaps = true;
                    break;
                }
            }

            if (!overlaps)
            {
                kept.Add(candidate);
            }
        }

        if (kept.Count > scan.Engine.Options.MaxFindings)
        {
            return ScanOutcome.Error(AegisErrorCodes.ScanLimitExceeded);
        }

        kept.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.End.CompareTo(b.End));
        var verdict = ScanVerdict.Allow;
        foreach (var k in kept)
        {
            var action = table.Actions[k.Rule.Index];
            if ((int)action > (int)verdict)
            {
                verdict = (ScanVerdict)(int)action;
            }
        }

        return new ScanOutcome(verdict, kept, table.Actions, null);
    }
}

/// <summary>The resolved result of scanning one text.</summary>
internal sealed class ScanOutcome
{
    private static readonly List<RawFinding> s_empty = [];

    public ScanOutcome(ScanVerdict verdict, List<RawFinding> kept, DetectionAction[] actions, string? errorCode)
    {
        Verdict = verdict;
        Kept = kept;
        Actions = actions;
        ErrorCode = errorCode;
    }

    public ScanVerdict Verdict { get; }

    public List<RawFinding> Kept { get; }

    public DetectionAction[] Actions { get; }

    public string? ErrorCode { get; }

    /// <summary>Gets the shared empty list of kept findings (never modified).</summary>
    public static List<RawFinding> NoFindings => s_empty;

    public static ScanOutcome Error(string code) => new(ScanVerdict.Block, s_empty, [], code);

    public DetectionAction ActionOf(in RawFinding finding) => Actions[finding.Rule.Index];

    public IReadOnlyList<DetectionFinding> ToFindings(string? jsonPath, int offsetShift = 0)
    {
        if (Kept.Count == 0)
        {
            return [];
        }

        var list = new DetectionFinding[Kept.Count];
        for (var i = 0; i < Kept.Count; i++)
        {
            list[i] = ToFinding(Kept[i], jsonPath, offsetShift);
        }

        return list;
    }

    public DetectionFinding ToFinding(in RawFinding k, string? jsonPath, int offsetShift)
    {
        var d = k.Rule.Descriptor;
        return new DetectionFinding
        {
            RuleId = d.Id,
            Category = d.Category,
            Severity = d.Severity,
            Action = Actions[k.Rule.Index],
            Start = k.Start + offsetShift,
            End = k.End + offsetShift,
            Confidence = Math.Round(k.Confidence, 3),
            JsonPath = jsonPath,
            Mappings = d.Mappings,
        };
    }
}
