namespace AegisGate.Detection;

/// <summary>What a detection rule looks for.</summary>
public enum DetectionCategory
{
    /// <summary>Credentials: tokens, keys, passwords, private keys.</summary>
    Secret,

    /// <summary>Personal and health data (PII/PHI).</summary>
    Pii,

    /// <summary>Prompt injection and jailbreak attempts.</summary>
    Injection,

    /// <summary>Data exfiltration channels (markdown images, capture endpoints, encoded URLs).</summary>
    Exfiltration,
}

/// <summary>How serious a finding is.</summary>
public enum DetectionSeverity
{
    /// <summary>Informational.</summary>
    Low,

    /// <summary>Worth attention.</summary>
    Medium,

    /// <summary>Likely harmful.</summary>
    High,

    /// <summary>Harmful: a live credential or a clear attack.</summary>
    Critical,
}

/// <summary>What to do about a finding. Ordered: a stronger action wins.</summary>
public enum DetectionAction
{
    /// <summary>Audit only.</summary>
    Monitor = 1,

    /// <summary>Replace the matched text with a typed mask.</summary>
    Redact = 2,

    /// <summary>Deny the content.</summary>
    Block = 3,
}

/// <summary>The overall verdict of a scan: the strongest action of its findings, or <see cref="Allow"/>.</summary>
public enum ScanVerdict
{
    /// <summary>Nothing found.</summary>
    Allow = 0,

    /// <summary>Findings to audit only.</summary>
    Monitor = 1,

    /// <summary>Findings were redacted.</summary>
    Redact = 2,

    /// <summary>The content must be denied.</summary>
    Block = 3,
}

/// <summary>Where content comes from; policies are stricter on third-party content.</summary>
public enum ContentSource
{
    /// <summary>A user's prompt or request.</summary>
    User,

    /// <summary>A retrieved document or web page.</summary>
    Document,

    /// <summary>The output of a tool call.</summary>
    ToolOutput,

    /// <summary>A model's response.</summary>
    ModelResponse,
}

/// <summary>One finding. Offsets index the original (not canonicalised) text; the matched text itself is never stored.</summary>
public sealed record DetectionFinding
{
    /// <summary>Gets the stable rule id, for example <c>secret.github_pat</c>.</summary>
    public required string RuleId { get; init; }

    /// <summary>Gets the category.</summary>
    public required DetectionCategory Category { get; init; }

    /// <summary>Gets the severity.</summary>
    public required DetectionSeverity Severity { get; init; }

    /// <summary>Gets the action the policy chose for this finding.</summary>
    public required DetectionAction Action { get; init; }

    /// <summary>Gets the start offset (inclusive, UTF-16 code units) in the original text or JSON string value.</summary>
    public required int Start { get; init; }

    /// <summary>Gets the end offset (exclusive).</summary>
    public required int End { get; init; }

    /// <summary>Gets the confidence, 0–1.</summary>
    public required double Confidence { get; init; }

    /// <summary>Gets the JSON path of the string value that held the finding (JSON scans only).</summary>
    public string? JsonPath { get; init; }

    /// <summary>Gets the compliance mappings of the rule (OWASP LLM, MITRE ATLAS, GDPR/HIPAA/PCI data categories).</summary>
    public IReadOnlyList<string> Mappings { get; init; } = [];
}

/// <summary>The options of one scan.</summary>
public sealed record ScanOptions
{
    /// <summary>Gets the default options: user content, no redacted copy.</summary>
    public static ScanOptions Default { get; } = new();

    /// <summary>Gets where the content comes from.</summary>
    public ContentSource Source { get; init; } = ContentSource.User;

    /// <summary>Gets a value indicating whether to produce the redacted content.</summary>
    public bool ProduceRedacted { get; init; }

    /// <summary>Gets the named policy to apply, or <see langword="null"/> for the default policy.</summary>
    public string? Policy { get; init; }
}

/// <summary>The result of a scan.</summary>
public sealed record ScanResult
{
    /// <summary>Gets the verdict.</summary>
    public required ScanVerdict Verdict { get; init; }

    /// <summary>Gets the findings.</summary>
    public IReadOnlyList<DetectionFinding> Findings { get; init; } = [];

    /// <summary>
    /// Gets the content with every <see cref="DetectionAction.Redact"/> finding masked, when
    /// <see cref="ScanOptions.ProduceRedacted"/> is set and the verdict is <see cref="ScanVerdict.Redact"/>. For other
    /// verdicts <see cref="IContentScanner.Scan"/> returns the unchanged text itself (no copy) and
    /// <see cref="IContentScanner.ScanJson"/> returns <see langword="null"/>: the document needs no change, so forward the
    /// original bytes (a string copy of a large body would be a large-object-heap allocation per scan). Always
    /// <see langword="null"/> for <see cref="ScanVerdict.Block"/>.
    /// </summary>
    public string? RedactedContent { get; init; }

    /// <summary>Gets the error code when the scan could not complete (size or work limit, invalid input); such a scan's verdict is <see cref="ScanVerdict.Block"/>.</summary>
    public string? ErrorCode { get; init; }
}

/// <summary>The detection engine as the pillars use it.</summary>
public interface IContentScanner
{
    /// <summary>Scans text.</summary>
    /// <param name="content">The text.</param>
    /// <param name="options">The scan options.</param>
    /// <returns>The result. Over-limit input is a <see cref="ScanVerdict.Block"/> with an <see cref="ScanResult.ErrorCode"/>, never a silent skip.</returns>
    ScanResult Scan(string content, ScanOptions options);

    /// <summary>Scans the string values of a UTF-8 JSON document; findings carry their JSON path. A redacted copy is the redacted JSON.</summary>
    /// <param name="utf8Json">The JSON document.</param>
    /// <param name="options">The scan options.</param>
    /// <returns>The result. Invalid JSON is a <see cref="ScanVerdict.Block"/> with an error code.</returns>
    ScanResult ScanJson(ReadOnlyMemory<byte> utf8Json, ScanOptions options);
}

/// <summary>
/// Scans a text stream (chunked bodies, server-sent events) piece by piece. A secret split across pieces is still
/// found: each stream holds back a bounded tail (the current token plus an overlap) until the next piece or
/// <see cref="IContentScanSession.Complete"/> shows it is safe, and releases everything before it, redacted when
/// <see cref="ScanOptions.ProduceRedacted"/> is set. The engine registers the same singleton as
/// <see cref="IContentScanner"/> and <see cref="IContentStreamScanner"/>.
/// </summary>
public interface IContentStreamScanner
{
    /// <summary>Starts scanning a stream. Dispose the session when the body ends or is abandoned.</summary>
    /// <param name="options">The scan options of the whole stream.</param>
    /// <returns>A stream that is not thread-safe: feed it from one reader at a time.</returns>
    IContentScanSession StartSession(ScanOptions options);
}

/// <summary>
/// One scanned stream. Write pieces in order; send each result's <see cref="StreamScanResult.Output"/> onwards. Once a
/// result is <see cref="ScanVerdict.Block"/> the stream stays blocked: the caller must stop forwarding (for example
/// abort the response) and every later result has an empty output.
/// </summary>
public interface IContentScanSession : IDisposable
{
    /// <summary>Gets the verdict so far: the strongest action of every finding up to now.</summary>
    ScanVerdict Verdict { get; }

    /// <summary>Gets every finding up to now. Offsets index the whole stream (all pieces written, in UTF-16 code units).</summary>
    IReadOnlyList<DetectionFinding> Findings { get; }

    /// <summary>Gets the most characters the stream holds back between calls (the bound on added latency and memory).</summary>
    int MaxHeldBackChars { get; }

    /// <summary>Scans the next piece.</summary>
    /// <param name="chunk">The next characters of the stream (may split a surrogate pair or a token anywhere).</param>
    /// <returns>What may be released now and what was found.</returns>
    StreamScanResult Write(ReadOnlySpan<char> chunk);

    /// <summary>Ends the stream: scans and releases the held-back tail.</summary>
    /// <returns>The last output and findings.</returns>
    StreamScanResult Complete();
}

/// <summary>The outcome of writing one piece to an <see cref="IContentScanSession"/>.</summary>
public sealed record StreamScanResult
{
    /// <summary>Gets the verdict of the stream so far (cumulative).</summary>
    public required ScanVerdict Verdict { get; init; }

    /// <summary>
    /// Gets the text that may be forwarded now: the original text, or its redacted form when
    /// <see cref="ScanOptions.ProduceRedacted"/> is set. Empty when everything is held back or the stream is blocked.
    /// </summary>
    public string Output { get; init; } = string.Empty;

    /// <summary>Gets the findings new in this call (offsets index the whole stream).</summary>
    public IReadOnlyList<DetectionFinding> Findings { get; init; } = [];

    /// <summary>Gets the error code when the stream exceeded a limit or the input is invalid (the verdict is then <see cref="ScanVerdict.Block"/>).</summary>
    public string? ErrorCode { get; init; }
}

/// <summary>A built-in or custom rule as the catalogue lists it (no patterns: those are internal).</summary>
public sealed record DetectionRuleDescriptor
{
    /// <summary>Gets the stable rule id, for example <c>secret.github_pat</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the human-readable name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the category.</summary>
    public required DetectionCategory Category { get; init; }

    /// <summary>Gets the severity.</summary>
    public required DetectionSeverity Severity { get; init; }

    /// <summary>Gets the action when the policy does not override it.</summary>
    public required DetectionAction DefaultAction { get; init; }

    /// <summary>Gets the base confidence of a match, 0–1 (validators and context raise or lower it per finding).</summary>
    public required double Confidence { get; init; }

    /// <summary>Gets the compliance mappings: OWASP LLM Top 10 2025 (<c>LLM02</c>), MITRE ATLAS (<c>AML.T0057</c>), data categories (<c>GDPR:Art4(1)</c>, <c>PCI-DSS:PAN</c>, <c>HIPAA:PHI</c>).</summary>
    public IReadOnlyList<string> Mappings { get; init; } = [];

    /// <summary>Gets the mask label used when the finding is redacted, for example <c>AWS_ACCESS_KEY_ID</c>.</summary>
    public required string RedactionLabel { get; init; }

    /// <summary>Gets a short description of what the rule matches and how it is validated.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Gets a value indicating whether the rule comes from a custom rule pack.</summary>
    public bool IsCustom { get; init; }
}

/// <summary>The rules the engine runs (built-in and custom packs), for listings and compliance reports.</summary>
public interface IDetectionRuleCatalog
{
    /// <summary>Gets every rule, ordered by id.</summary>
    IReadOnlyList<DetectionRuleDescriptor> Rules { get; }
}

/// <summary>
/// A trained prompt-injection classifier (issue 8) that the engine combines with its lexical injection signals.
/// It receives the text exactly as <see cref="TextCanonicalizer"/> produced it, in windows of at most
/// <see cref="MaxWindowChars"/> characters with an overlap. When no model is registered the lexical signals decide
/// alone; that is the documented behaviour of the lexical tier, not a fallback.
/// </summary>
public interface IInjectionModel
{
    /// <summary>Gets the model name and version (for audit and metrics).</summary>
    string Name { get; }

    /// <summary>Gets the longest window the model scores; longer text is split into overlapping windows and the maximum taken.</summary>
    int MaxWindowChars { get; }

    /// <summary>Scores one canonicalised window.</summary>
    /// <param name="canonicalText">A window of <see cref="CanonicalText.Text"/>.</param>
    /// <returns>The probability, 0–1, that the window is a prompt injection or jailbreak.</returns>
    double Score(ReadOnlySpan<char> canonicalText);
}
