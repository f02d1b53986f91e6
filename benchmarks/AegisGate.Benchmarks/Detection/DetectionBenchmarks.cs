using System.Text;
using System.Text.Json;
using AegisGate.Detection;
using BenchmarkDotNet.Attributes;

namespace AegisGate.Benchmarks.Detection;

/// <summary>
/// The detection engine on chat-completion JSON bodies of 1, 16 and 256 KB: clean (prose, code, numbers, URLs) and
/// dirty (the same with a secret, an e-mail address, a card number and a phone number every ~2 KB; clean has nothing to
/// redact or block, dirty has redactions). Divide the mean by
/// the size in KB for µs/KB. Targets (issue 3): ≤ 1 µs/KB clean, ≤ 10 µs/KB dirty.
/// </summary>
[MemoryDiagnoser]
public class DetectionBenchmarks
{
    private ContentScanner _scanner = null!;
    private byte[] _body = null!;
    private string _text = null!;
    private ScanOptions _options = null!;

    /// <summary>Gets or sets the body size in KB.</summary>
    [Params(1, 16, 256)]
    public int SizeKb { get; set; }

    /// <summary>Gets or sets whether the body carries findings.</summary>
    [Params(false, true)]
    public bool Dirty { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _scanner = ContentScanner.Create();
        _options = new ScanOptions { ProduceRedacted = true };
        (_text, _body) = DetectionBenchmarkData.CheckedChat(_scanner, _options, SizeKb * 1024, Dirty);
    }

    [Benchmark]
    public int ScanJson() => _scanner.ScanJson(_body, _options).Findings.Count;

    [Benchmark]
    public int ScanText() => _scanner.Scan(_text, _options).Findings.Count;
}

/// <summary>
/// <see cref="DetectionBenchmarks"/> at 16 KB with the embedded injection classifier, as <c>AddAegisDetection</c> runs
/// the engine by default: the end-to-end cost of the classifier on a whole scan.
/// </summary>
[MemoryDiagnoser]
public class DetectionClassifierBenchmarks
{
    private ContentScanner _scanner = null!;
    private byte[] _body = null!;
    private string _text = null!;
    private ScanOptions _options = null!;

    /// <summary>Gets or sets whether the body carries findings.</summary>
    [Params(false, true)]
    public bool Dirty { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _scanner = ContentScanner.Create(AegisGate.Detection.Classifier.InjectionClassifier.CreateEmbedded());
        _options = new ScanOptions { ProduceRedacted = true };
        (_text, _body) = DetectionBenchmarkData.CheckedChat(_scanner, _options, 16 * 1024, Dirty);
    }

    [Benchmark]
    public int ScanJson() => _scanner.ScanJson(_body, _options).Findings.Count;

    [Benchmark]
    public int ScanText() => _scanner.Scan(_text, _options).Findings.Count;
}

/// <summary>Adversarial inputs of 256 KB (and a 1 MB single-line base64 blob): the engine must stay linear (and bounded) on them.</summary>
[MemoryDiagnoser]
public class DetectionAdversarialBenchmarks
{
    private ContentScanner _scanner = null!;
    private string _input = null!;

    /// <summary>Gets or sets the input shape.</summary>
    [Params("base64-line", "base64-line-1mb", "repeated-trigger", "digit-groups", "one-letter", "zero-width", "html-comments")]
    public string Shape { get; set; } = "base64-line";

    [GlobalSetup]
    public void Setup()
    {
        _scanner = ContentScanner.Create();
        const int size = 256 * 1024;
        _input = Shape switch
        {
            "base64-line" => Convert.ToBase64String(RandomBytes(size * 3 / 4)),
            "base64-line-1mb" => Convert.ToBase64String(RandomBytes(size * 4 * 3 / 4)),
            "repeated-trigger" => Repeat("ignore previous instructions ", size),
            "digit-groups" => Repeat("1234 5678 ", size),
            "one-letter" => new string('a', size),
            "zero-width" => Repeat("a\u200B", size),
            "html-comments" => Repeat("<!-- x ", size),
            _ => throw new InvalidOperationException(Shape),
        };
    }

    [Benchmark]
    public int Scan() => _scanner.Scan(_input, ScanOptions.Default).Findings.Count;

    private static string Repeat(string unit, int size)
    {
        var sb = new StringBuilder(size + unit.Length);
        while (sb.Length < size)
        {
            sb.Append(unit);
        }

        return sb.ToString(0, size);
    }

    private static byte[] RandomBytes(int n)
    {
        var bytes = new byte[n];
        new Random(7).NextBytes(bytes);
        return bytes;
    }
}

/// <summary>A 16 KB server-sent-event stream scanned frame by frame (256-character frames) with redaction.</summary>
[MemoryDiagnoser]
public class DetectionStreamBenchmarks
{
    private ContentScanner _scanner = null!;
    private string[] _frames = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scanner = ContentScanner.Create();
        var text = DetectionBenchmarkData.Prose(16 * 1024, dirty: true, seed: 9);
        _frames = Enumerable.Range(0, (text.Length + 255) / 256).Select(i => string.Concat("data: ", text.AsSpan(i * 256, Math.Min(256, text.Length - (i * 256))), "\n\n")).ToArray();
    }

    [Benchmark]
    public int StreamFrames()
    {
        using var session = _scanner.StartSession(new ScanOptions { Source = ContentSource.ModelResponse, ProduceRedacted = true });
        var released = 0;
        foreach (var frame in _frames)
        {
            released += session.Write(frame).Output.Length;
        }

        return released + session.Complete().Output.Length;
    }
}

/// <summary>Deterministic benchmark text: assistant-style prose with code, numbers, dates and URLs.</summary>
internal static class DetectionBenchmarkData
{
    private static readonly string[] s_sentences =
    [
        "The quarterly report shows revenue grew by 12.5% compared with the same period last year.",
        "Please review the attached pull request before the release next Thursday at 10:30.",
        "To install the package, run `dotnet add package Contoso.Widgets --version 4.2.1` in the project folder.",
        "The function returns a list of orders sorted by date; see https://docs.example.com/api/orders for details.",
        "Our meeting is moved to Thursday because the conference room on floor 3 is being renovated.",
        "If the build fails, check that the SDK version in global.json matches the one on the build agent.",
        "The customer asked whether the warranty covers accidental damage to the device screen.",
        "Summarise the following paragraph in two sentences and keep the technical terms unchanged.",
        "var total = items.Where(i => i.Price > 10).Sum(i => i.Price * i.Quantity);",
        "The latency of the service dropped from 250 ms to 80 ms after we enabled connection pooling.",
        "Translate the product description into German, French and Spanish for the catalogue.",
        "In 1969 the first crewed lunar landing took place; the mission lasted eight days.",
        "The table has 4 columns: id, name, created_at and status, with an index on status.",
        "Let me know if you need the figures broken down by region or by product line.",
        "SELECT name, count(*) FROM orders GROUP BY name HAVING count(*) > 5 ORDER BY 2 DESC;",
        "The recipe calls for 250 g of flour, 2 eggs and 100 ml of milk; bake for 25 minutes at 180 degrees.",
    ];

    public static string Prose(int size, bool dirty, int seed)
    {
        var random = new Random(seed);
        var sb = new StringBuilder(size + 256);
        var nextDirty = 1024;
        var kind = 0;
        while (sb.Length < size)
        {
            if (dirty && sb.Length >= nextDirty)
            {
                sb.Append(Finding(random, kind++)).Append(' ');
                nextDirty += 2048;
            }

            sb.Append(s_sentences[random.Next(s_sentences.Length)]).Append(random.Next(6) == 0 ? "\n\n" : " ");
        }

        if (dirty && kind == 0)
        {
            sb.Insert(size / 2, " " + Finding(random, 0) + " ");
        }

        return sb.ToString(0, size);
    }

    /// <summary>
    /// Prose of <paramref name="size"/> characters and its chat body, checked with <paramref name="scanner"/>: clean has
    /// nothing to redact or block (monitor-only findings such as a URL are ordinary traffic), dirty has redactions.
    /// </summary>
    public static (string Text, byte[] Body) CheckedChat(ContentScanner scanner, ScanOptions options, int size, bool dirty)
    {
        var text = Prose(size, dirty, seed: 42);
        var body = ChatBody(text);
        var check = scanner.ScanJson(body, options);
        if (dirty != (check.Verdict >= ScanVerdict.Redact) || check.ErrorCode is not null)
        {
            throw new InvalidOperationException($"benchmark data is not {(dirty ? "dirty" : "clean")}: verdict {check.Verdict}, {check.Findings.Count} findings, {check.ErrorCode}");
        }

        return (text, body);
    }

    public static byte[] ChatBody(string content)
        => JsonSerializer.SerializeToUtf8Bytes(new
        {
            model = "gpt-4o-mini",
            temperature = 0.2,
            messages = new object[]
            {
                new { role = "system", content = "You are a helpful assistant." },
                new { role = "user", content },
            },
        });

    private static string Finding(Random random, int kind) => (kind % 4) switch
    {
        0 => "The deploy key is AKIA" + Chars(random, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16) + ".",
        1 => "Contact jane.doe" + random.Next(1000) + "@example.org for access.",
        2 => "Charge it to card 4377 5945 8079 8691.",
        _ => "Call me on +44 20 7946 0" + random.Next(100, 999) + ".",
    };

    private static string Chars(Random random, string alphabet, int n)
        => string.Concat(Enumerable.Range(0, n).Select(_ => alphabet[random.Next(alphabet.Length)]));
}

/// <summary>
/// The keyword prefilter alone (rule activation: every keyword hit of the built-in rules) on the 16 KB clean chat text
/// of <see cref="DetectionBenchmarks"/>: the first stage of every scan.
/// </summary>
[MemoryDiagnoser]
public class DetectionPrefilterBenchmarks
{
    private AegisGate.Detection.Engine.RuleSet _rules = null!;
    private AegisGate.Detection.Engine.RuleHits _hits = null!;
    private bool[] _enabled = null!;
    private bool[] _active = null!;
    private string _text = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rules = new AegisGate.Detection.Engine.RuleSet(AegisGate.Detection.Rules.BuiltInRules.Create());
        _enabled = Enumerable.Repeat(true, _rules.Rules.Length).ToArray();
        _active = new bool[_rules.Rules.Length];
        _text = DetectionBenchmarkData.Prose(16 * 1024, dirty: false, seed: 42);
        _hits = new AegisGate.Detection.Engine.RuleHits(_rules.Rules.Length) { Cap = AegisGate.Detection.Engine.RuleHits.CapFor(_text.Length) };
    }

    [Benchmark]
    public int Activate()
    {
        _hits.Clear();
        _rules.Activate(_text, _active, _enabled, _hits);
        return _hits.Touched.Count;
    }
}
