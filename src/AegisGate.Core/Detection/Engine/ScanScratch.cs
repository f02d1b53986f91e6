namespace AegisGate.Detection.Engine;

/// <summary>
/// The reusable working memory of one scan (keyword hits, rule windows, numeric candidates, long runs), cached per
/// thread so that a scan of ordinary content allocates next to nothing but its result. A scan rents it at the start and
/// returns it at the end; buffers that grew past <see cref="MaxPooledEntries"/> (a huge input) are dropped rather than
/// kept alive on the thread.
/// </summary>
internal sealed class ScanScratch
{
    /// <summary>The largest list capacity kept for reuse.</summary>
    internal const int MaxPooledEntries = 8192;

    [ThreadStatic]
    private static ScanScratch? t_cached;

    private readonly Stack<RuleHits> _hits = new();
    private readonly Stack<List<(int Start, int End)>> _ranges = new();
    private readonly Stack<List<NumericCandidate>> _candidates = new();
    private readonly List<List<(int Start, int End)>> _rentedRanges = [];
    private readonly List<List<NumericCandidate>> _rentedCandidates = [];
    private int _ruleCount;
    private List<RawFinding> _findings = [];
    private List<RawFinding> _injectionSignals = [];

    /// <summary>Gets the raw findings list of the scan that rented this scratch (empty when rented; invalid after <see cref="Return"/>).</summary>
    public List<RawFinding> Findings => _findings;

    /// <summary>Gets the raw injection-signal list of the scan that rented this scratch (empty when rented; invalid after <see cref="Return"/>).</summary>
    public List<RawFinding> InjectionSignals => _injectionSignals;

    /// <summary>Takes the calling thread's scratch (or a new one when it is in use, e.g. by a nested scan).</summary>
    /// <param name="ruleCount">The number of rules of the engine state the scan uses.</param>
    /// <returns>The scratch; give it back with <see cref="Return"/>.</returns>
    public static ScanScratch Rent(int ruleCount)
    {
        var scratch = t_cached;
        if (scratch is not null)
        {
            t_cached = null;
        }
        else
        {
            scratch = new ScanScratch();
        }

        if (scratch._ruleCount != ruleCount)
        {
            // A reloaded state with another rule count: per-rule buffers of the old size are of no use.
            scratch._hits.Clear();
            scratch._ruleCount = ruleCount;
        }

        return scratch;
    }

    /// <summary>Gives the scratch back to the calling thread; every list rented from it becomes invalid.</summary>
    /// <param name="scratch">The scratch.</param>
    public static void Return(ScanScratch scratch)
    {
        foreach (var list in scratch._rentedRanges)
        {
            if (list.Capacity <= MaxPooledEntries)
            {
                list.Clear();
                scratch._ranges.Push(list);
            }
        }

        foreach (var list in scratch._rentedCandidates)
        {
            if (list.Capacity <= MaxPooledEntries)
            {
                list.Clear();
                scratch._candidates.Push(list);
            }
        }

        scratch._rentedRanges.Clear();
        scratch._rentedCandidates.Clear();
        scratch._findings = Recycle(scratch._findings);
        scratch._injectionSignals = Recycle(scratch._injectionSignals);
        t_cached = scratch;
    }

    // The list cleared for the next scan, or a new one when it grew past what is kept.
    private static List<RawFinding> Recycle(List<RawFinding> list)
    {
        if (list.Capacity > MaxPooledEntries)
        {
            return [];
        }

        list.Clear();
        return list;
    }

    /// <summary>Rents cleared keyword-hit buffers for one layer.</summary>
    public RuleHits RentHits()
    {
        if (_hits.TryPop(out var hits))
        {
            hits.Clear();
            return hits;
        }

        return new RuleHits(_ruleCount);
    }

    /// <summary>Gives keyword-hit buffers back (within the same scan).</summary>
    public void ReturnHits(RuleHits hits)
    {
        if (hits.Positions.Length == _ruleCount)
        {
            _hits.Push(hits);
        }
    }

    /// <summary>Rents an empty list of ranges that lives until the scan ends.</summary>
    public List<(int Start, int End)> RentRanges()
    {
        var list = _ranges.TryPop(out var pooled) ? pooled : [];
        _rentedRanges.Add(list);
        return list;
    }

    /// <summary>Rents an empty list of numeric candidates that lives until the scan ends.</summary>
    public List<NumericCandidate> RentCandidates()
    {
        var list = _candidates.TryPop(out var pooled) ? pooled : [];
        _rentedCandidates.Add(list);
        return list;
    }
}
