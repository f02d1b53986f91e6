using AegisGate.Detection.Policy;
using AegisGate.Detection.Rules;

namespace AegisGate.Detection.Engine;

/// <summary>A raw finding in root-original coordinates, before policy and overlap resolution.</summary>
internal readonly record struct RawFinding(DetectionRule Rule, int Start, int End, double Confidence, int Depth);

/// <summary>Thrown inside a scan when a size or work limit is reached; the engine turns it into a Block verdict.</summary>
internal sealed class ScanLimitException : Exception
{
    public ScanLimitException()
    {
    }

    public ScanLimitException(string message)
        : base(message)
    {
    }

    public ScanLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The mutable state of one scan.</summary>
internal sealed class ScanState : IMatchSink
{
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly TimeSpan _timeout;
    private LayerText? _current;

    public ScanState(EngineState engine, CompiledPolicy.SourceTable table, ContentSource source, TimeProvider time, ScanScratch scratch)
    {
        Engine = engine;
        Scratch = scratch;
        Table = table;
        Source = source;
        _time = time;
        _started = time.GetTimestamp();
        _timeout = engine.Options.ScanTimeout;
        WorkLeft = engine.Options.MaxWorkChars;
        DecodeBudget = engine.Options.MaxWorkChars;
    }

    public EngineState Engine { get; }

    /// <summary>Gets the scan's reusable working memory.</summary>
    public ScanScratch Scratch { get; }

    public CompiledPolicy.SourceTable Table { get; }

    public ContentSource Source { get; }

    /// <summary>Gets the raw findings (the scratch's list: valid until the scratch is returned).</summary>
    public List<RawFinding> Findings => Scratch.Findings;

    /// <summary>Gets the raw injection signals (the scratch's list: valid until the scratch is returned).</summary>
    public List<RawFinding> InjectionSignals => Scratch.InjectionSignals;

    public int WorkLeft { get; set; }

    public int DecodeBudget;

    public int MaxDepthSeen { get; set; }

    public void Enter(LayerText layer)
    {
        _current = layer;
        WorkLeft -= layer.Text.Length;
        if (WorkLeft < 0)
        {
            throw new ScanLimitException("work limit");
        }

        CheckTime();
    }

    public void CheckTime()
    {
        if (_time.GetElapsedTime(_started) > _timeout)
        {
            throw new ScanLimitException("time limit");
        }
    }

    public void Add(DetectionRule rule, int start, int end, double confidence)
    {
        var layer = _current!;
        var (rootStart, rootEnd) = layer.MapToRoot(start, end);
        var finding = new RawFinding(rule, rootStart, rootEnd, confidence, layer.Depth);
        if (rule is InjectionSignalRule)
        {
            if (InjectionSignals.Count < Engine.Options.MaxFindings * 4)
            {
                InjectionSignals.Add(finding);
            }

            return;
        }

        Findings.Add(finding);
        if (Findings.Count > Engine.Options.MaxFindings * 4)
        {
            throw new ScanLimitException("finding limit");
        }
    }
}
