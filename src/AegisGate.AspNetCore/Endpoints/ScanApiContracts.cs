using System.ComponentModel;
using System.Text.Json.Serialization;

namespace AegisGate.AspNetCore.Endpoints;

/// <summary>The body of <c>POST /api/v1/scan</c>: one <see cref="Content"/>, or a batch of <see cref="Items"/>.</summary>
public sealed class ScanApiRequest
{
    /// <summary>Gets or sets the text to scan (single form).</summary>
    [Description("The text to scan. Use either content or items.")]
    public string? Content { get; set; }

    /// <summary>Gets or sets where the content comes from: <c>user</c>, <c>document</c>, <c>tool_output</c> or <c>model_response</c>.</summary>
    [Description("Where the content comes from: user (default), document, tool_output or model_response.")]
    public string? Source { get; set; }

    /// <summary>Gets or sets a value indicating whether to return the redacted content.</summary>
    [Description("Return the content with findings masked (redactedContent).")]
    public bool Redact { get; set; }

    /// <summary>Gets or sets the items of a batch (at most 64).</summary>
    [Description("A batch of items to scan (at most 64). Use either content or items.")]
    public IList<ScanApiItem>? Items { get; set; }
}

/// <summary>One item of a batch scan.</summary>
public sealed class ScanApiItem
{
    /// <summary>Gets or sets the caller's id of the item, echoed in the result.</summary>
    [Description("The caller's id of the item, echoed in the result.")]
    public string? Id { get; set; }

    /// <summary>Gets or sets the text to scan.</summary>
    [Description("The text to scan.")]
    public string? Content { get; set; }

    /// <summary>Gets or sets where the content comes from (defaults to the request's source).</summary>
    [Description("Where the content comes from: user, document, tool_output or model_response.")]
    public string? Source { get; set; }
}

/// <summary>The result of <c>POST /api/v1/scan</c>. It never contains the matched text: only rule ids, offsets and masked content.</summary>
public sealed class ScanApiResponse
{
    /// <summary>Gets or sets the verdict: <c>allow</c>, <c>monitor</c>, <c>redact</c> or <c>block</c> (for a batch, the strongest).</summary>
    [Description("allow, monitor, redact or block (for a batch, the strongest of the items).")]
    public required string Verdict { get; set; }

    /// <summary>Gets or sets the findings (single form).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<ScanApiFinding>? Findings { get; set; }

    /// <summary>Gets or sets the redacted content when asked for (single form).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RedactedContent { get; set; }

    /// <summary>Gets or sets the results of a batch, in request order.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IList<ScanApiItemResult>? Items { get; set; }
}

/// <summary>The result of one batch item.</summary>
public sealed class ScanApiItemResult
{
    /// <summary>Gets or sets the caller's id of the item.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Id { get; set; }

    /// <summary>Gets or sets the item's verdict.</summary>
    public required string Verdict { get; set; }

    /// <summary>Gets or sets the item's findings.</summary>
    public required IList<ScanApiFinding> Findings { get; set; }

    /// <summary>Gets or sets the redacted content when asked for.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RedactedContent { get; set; }
}

/// <summary>One finding. Offsets are UTF-16 code units in the submitted content; the matched text is never returned.</summary>
public sealed class ScanApiFinding
{
    /// <summary>Gets or sets the stable rule id, for example <c>secret.github_pat</c>.</summary>
    public required string RuleId { get; set; }

    /// <summary>Gets or sets the category: <c>secret</c>, <c>pii</c>, <c>injection</c> or <c>exfiltration</c>.</summary>
    public required string Category { get; set; }

    /// <summary>Gets or sets the severity: <c>low</c>, <c>medium</c>, <c>high</c> or <c>critical</c>.</summary>
    public required string Severity { get; set; }

    /// <summary>Gets or sets the action the policy chose: <c>monitor</c>, <c>redact</c> or <c>block</c>.</summary>
    public required string Action { get; set; }

    /// <summary>Gets or sets the start offset (inclusive).</summary>
    public int Start { get; set; }

    /// <summary>Gets or sets the end offset (exclusive).</summary>
    public int End { get; set; }

    /// <summary>Gets or sets the confidence, 0–1.</summary>
    public double Confidence { get; set; }

    /// <summary>Gets or sets the compliance mappings (OWASP LLM, MITRE ATLAS, data categories).</summary>
    public required IList<string> Mappings { get; set; }
}

/// <summary>Source-generated serialization of the scan API contracts.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow, AllowTrailingCommas = false, ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(ScanApiRequest))]
[JsonSerializable(typeof(ScanApiResponse))]
internal sealed partial class ScanApiJsonContext : JsonSerializerContext
{
}
