using System.Text;

namespace AegisGate.Detection.Engine;

/// <summary>
/// Scans a stream piece by piece. Each call scans the held-back tail plus the new piece, releases everything before a
/// safe boundary (the overlap, extended back to the start of the token it would cut and of any finding that crosses
/// it, but never holding more than <see cref="AegisDetectionOptions.StreamMaxHoldChars"/>), and keeps the rest for
/// the next call. Injection families seen earlier in the stream keep counting towards the score.
/// </summary>
internal sealed class StreamScanSession : IContentScanSession
{
    private readonly DetectionEngine _engine;
    private readonly ScanOptions _options;
    private readonly StringBuilder _pending = new();
    private readonly List<DetectionFinding> _findings = [];
    private readonly HashSet<(string Rule, long Start)> _reported = [];
    private readonly Dictionary<string, double> _families = new(StringComparer.Ordinal);
    private long _released;
    private ScanVerdict _verdict;
    private string? _errorCode;
    private bool _completed;
    private bool _disposed;

    public StreamScanSession(DetectionEngine engine, ScanOptions options)
    {
        _engine = engine;
        _options = options;
        var settings = engine.State.Options;
        MaxHeldBackChars = settings.StreamMaxHoldChars;
    }

    public ScanVerdict Verdict => _verdict;

    public IReadOnlyList<DetectionFinding> Findings => _findings;

    public int MaxHeldBackChars { get; }

    public StreamScanResult Write(ReadOnlySpan<char> chunk)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException("The stream session is complete.");
        }

        if (_verdict == ScanVerdict.Block)
        {
            return BlockedResult([]);
        }

        _pending.Append(chunk);
        return Process(final: false);
    }

    public StreamScanResult Complete()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_completed)
        {
            throw new InvalidOperationException("The stream session is complete.");
        }

        _completed = true;
        if (_verdict == ScanVerdict.Block)
        {
            return BlockedResult([]);
        }

        return Process(final: true);
    }

    public void Dispose()
    {
        _disposed = true;
        _pending.Clear();
    }

    private StreamScanResult Process(bool final)
    {
        if (_pending.Length == 0)
        {
            return new StreamScanResult { Verdict = _verdict };
        }

        var text = _pending.ToString();
        var state = _engine.State;
        var outcome = _engine.ScanText(state, text, _options, _families);
        if (outcome.ErrorCode is not null)
        {
            _errorCode = outcome.ErrorCode;
            _verdict = ScanVerdict.Block;
            _pending.Clear();
            return BlockedResult([]);
        }

        if (outcome.Verdict == ScanVerdict.Block)
        {
            // Report everything found (held-back tail included) and stop the stream.
            var blocking = Report(outcome, text.Length);
            _verdict = ScanVerdict.Block;
            _pending.Clear();
            return BlockedResult(blocking);
        }

        var boundary = final ? text.Length : Boundary(text, outcome, state.Options);
        var fresh = Report(outcome, boundary);
        string output;
        if (boundary == 0)
        {
            output = string.Empty;
        }
        else if (_options.ProduceRedacted)
        {
            var spans = new List<(int Start, int End, string Label, int Severity)>();
            foreach (var f in outcome.Kept)
            {
                if (f.End <= boundary && outcome.ActionOf(f) == DetectionAction.Redact && f.End > f.Start)
                {
                    spans.Add((f.Start, f.End, f.Rule.Descriptor.RedactionLabel, (int)f.Rule.Descriptor.Severity));
                }
            }

            output = Redactor.Apply(text[..boundary], spans, state.Options.RedactCardLastFour);
        }
        else
        {
            output = text[..boundary];
        }

        var released = new List<Engine.RawFinding>();
        foreach (var f in outcome.Kept)
        {
            if (f.Start < boundary)
            {
                released.Add(f);
            }
        }

        InjectionScorer.CollectFamilies(released, _families);
        _pending.Remove(0, boundary);
        _released += boundary;
        return new StreamScanResult { Verdict = _verdict, Output = output, Findings = fresh };
    }

    private List<DetectionFinding> Report(ScanOutcome outcome, int boundary)
    {
        var fresh = new List<DetectionFinding>();
        foreach (var f in outcome.Kept)
        {
            if (f.Start >= boundary && boundary < int.MaxValue)
            {
                continue;
            }

            var absolute = _released + f.Start;
            if (!_reported.Add((f.Rule.Id, absolute)))
            {
                continue;
            }

            var finding = outcome.ToFinding(f, jsonPath: null, offsetShift: 0) with
            {
                Start = (int)Math.Min(int.MaxValue, absolute),
                End = (int)Math.Min(int.MaxValue, _released + f.End),
            };
            fresh.Add(finding);
            _findings.Add(finding);
            var action = (ScanVerdict)(int)finding.Action;
            if (action > _verdict)
            {
                _verdict = action;
            }
        }

        return fresh;
    }

    private static int Boundary(string text, ScanOutcome outcome, AegisDetectionOptions options)
    {
        var length = text.Length;
        var b = length - options.StreamOverlapChars;
        if (b <= 0)
        {
            return 0;
        }

        var floor = Math.Max(0, length - options.StreamMaxHoldChars);

        // Do not cut a token: move back to the whitespace before it (bounded by the hold limit).
        while (b > floor && !char.IsWhiteSpace(text[b - 1]) && !char.IsWhiteSpace(text[b]))
        {
            b--;
        }

        // Do not cut a finding.
        var moved = true;
        while (moved)
        {
            moved = false;
            foreach (var f in outcome.Kept)
            {
                if (f.Start < b && f.End > b && f.Start >= floor)
                {
                    b = f.Start;
                    moved = true;
                }
            }
        }

        if (b > 0 && b < length && char.IsHighSurrogate(text[b - 1]))
        {
            b--;
        }

        return Math.Max(0, b);
    }

    private StreamScanResult BlockedResult(List<DetectionFinding> findings)
        => new() { Verdict = ScanVerdict.Block, Findings = findings, ErrorCode = _errorCode };
}
