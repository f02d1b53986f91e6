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

    /// <summary>Gets the redacted content when requested (and the verdict is not <see cref="ScanVerdict.Block"/>).</summary>
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
