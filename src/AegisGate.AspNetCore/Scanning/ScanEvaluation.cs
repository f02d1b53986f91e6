using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using AegisGate.AspNetCore.Http;
using AegisGate.Detection;

namespace AegisGate.AspNetCore.Scanning;

/// <summary>Turns scan results into decisions under a scan action, and validates text and JSON bodies.</summary>
internal static class ScanEvaluation
{
    private static readonly ScanOptions[] Cache = BuildCache();

    /// <summary>Applies a scan action to a result.</summary>
    /// <param name="result">The scan result (<see langword="null"/> is a scanner fault and denies).</param>
    /// <param name="action">The action in force.</param>
    /// <param name="redact">Set when the content must be replaced by <see cref="ScanResult.RedactedContent"/>.</param>
    /// <returns>Allow, or a denial: <c>AEGIS_CONTENT_BLOCKED</c> (403) or the scanner's own error code.</returns>
    public static SecurityDecision Evaluate(ScanResult? result, AegisScanAction action, out bool redact)
    {
        redact = false;
        if (result is null)
        {
            return SecurityDecision.Deny(HttpErrorCodes.ScannerUnavailable, "The content scanner returned no result; the content is denied.", 503);
        }

        if (result.ErrorCode is { Length: > 0 } error)
        {
            return SecurityDecision.Deny(error, "The content could not be scanned within the detection limits; it is denied.", StatusFor(error));
        }

        if (result.Verdict == ScanVerdict.Allow || result.Findings.Count == 0 || action == AegisScanAction.Monitor)
        {
            return SecurityDecision.Allow();
        }

        if (result.Verdict == ScanVerdict.Block || (action == AegisScanAction.Block && result.Verdict >= ScanVerdict.Redact))
        {
            return Blocked();
        }

        if (action == AegisScanAction.Redact && result.Verdict == ScanVerdict.Redact)
        {
            if (result.RedactedContent is null)
            {
                return Blocked();
            }

            redact = true;
        }

        return SecurityDecision.Allow();
    }

    /// <summary>Returns the distinct rule ids of findings the engine marks redact or block (what a block reports).</summary>
    public static string[] ActionableRules(ScanResult result)
    {
        var rules = result.Findings.Where(static f => f.Action >= DetectionAction.Redact).Select(static f => f.RuleId).Distinct(StringComparer.Ordinal).ToArray();
        return rules.Length > 0 ? rules : result.Findings.Select(static f => f.RuleId).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Returns cached scan options for a source, redaction flag and the engine's default policy.</summary>
    public static ScanOptions Options(ContentSource source, bool produceRedacted, string? detectionPolicy)
        => detectionPolicy is null && (int)source < 4
            ? Cache[((int)source * 2) + (produceRedacted ? 1 : 0)]
            : new ScanOptions { Source = source, ProduceRedacted = produceRedacted, Policy = detectionPolicy };

    /// <summary>Validates UTF-8 and decodes it (a leading byte-order mark is dropped).</summary>
    public static bool TryDecodeUtf8(ReadOnlySpan<byte> bytes, out string text)
    {
        bytes = StripBom(bytes);
        if (!Utf8.IsValid(bytes))
        {
            text = string.Empty;
            return false;
        }

        text = Encoding.UTF8.GetString(bytes);
        return true;
    }

    /// <summary>Drops a UTF-8 byte-order mark.</summary>
    public static ReadOnlySpan<byte> StripBom(ReadOnlySpan<byte> bytes)
        => bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;

    /// <summary>Validates a JSON body: UTF-8, well-formed, nesting within the limit.</summary>
    public static SecurityDecision ValidateJson(ReadOnlySpan<byte> utf8, int maxDepth)
    {
        utf8 = StripBom(utf8);
        if (!Utf8.IsValid(utf8))
        {
            return InvalidUtf8();
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth + 1, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= maxDepth)
                {
                    return SecurityDecision.Deny(HttpErrorCodes.JsonTooDeep, $"The JSON body nests deeper than {maxDepth} levels.", 400);
                }
            }
        }
        catch (JsonException)
        {
            return SecurityDecision.Deny(HttpErrorCodes.JsonInvalid, "The body is not well-formed JSON.", 400);
        }

        return SecurityDecision.Allow();
    }

    public static SecurityDecision InvalidUtf8()
        => SecurityDecision.Deny(HttpErrorCodes.InvalidUtf8, "The body is not valid UTF-8.", 400);

    public static SecurityDecision Blocked()
        => SecurityDecision.Deny(AegisErrorCodes.ContentBlocked, "The content was blocked by the detection policy.", 403);

    private static int StatusFor(string code) => code switch
    {
        AegisErrorCodes.ScanLimitExceeded => 413,
        AegisErrorCodes.ScanInvalidInput => 400,
        _ => 403,
    };

    private static ScanOptions[] BuildCache()
    {
        var cache = new ScanOptions[8];
        for (var source = 0; source < 4; source++)
        {
            cache[source * 2] = new ScanOptions { Source = (ContentSource)source, ProduceRedacted = false };
            cache[(source * 2) + 1] = new ScanOptions { Source = (ContentSource)source, ProduceRedacted = true };
        }

        return cache;
    }
}
