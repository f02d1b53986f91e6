using AegisGate.AspNetCore.Http;
using AegisGate.Detection;

namespace AegisGate.AspNetCore.Scanning;

/// <summary>One piece of content to scan through a pipeline (responses, server-sent event windows, outbound calls).</summary>
internal sealed class ContentScanWork
{
    /// <summary>The attribute key under which the work travels in <see cref="SecurityContext"/>.</summary>
    public const string AttributeKey = "aegis.scan.work";

    public string? Text { get; set; }

    public ReadOnlyMemory<byte> Json { get; set; }

    public bool IsJson { get; set; }

    public ScanOptions Options { get; set; } = ScanOptions.Default;

    public ScanResult? Result { get; set; }
}

/// <summary>
/// Scans one <see cref="ContentScanWork"/> with the detection engine. The caller applies the scan action to the
/// result; this check denies only when the content could not be scanned.
/// </summary>
/// <remarks>Denies with <c>AEGIS_SCANNER_UNAVAILABLE</c> (503) or the engine's error code.</remarks>
internal sealed class ContentScanCheck(AegisHttpRuntime runtime, string name) : ISecurityCheck
{
    public string Name { get; } = name;

    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
    {
        if (!context.TryGetAttribute<ContentScanWork>(ContentScanWork.AttributeKey, out var work) || work is null)
        {
            throw new InvalidOperationException("No content to scan was attached to the security context.");
        }

        if (runtime.Scanner is not { } scanner)
        {
            return new(SecurityDecision.Deny(HttpErrorCodes.ScannerUnavailable, "Content scanning is not available; the content is withheld.", 503));
        }

        var result = work.IsJson ? scanner.ScanJson(work.Json, work.Options) : scanner.Scan(work.Text ?? string.Empty, work.Options);
        work.Result = result;
        if (result is null)
        {
            return new(SecurityDecision.Deny(HttpErrorCodes.ScannerUnavailable, "The content scanner returned no result; the content is withheld.", 503));
        }

        return new(result.ErrorCode is { Length: > 0 } code
            ? SecurityDecision.Deny(code, "The content could not be scanned within the detection limits.", code == AegisErrorCodes.ScanLimitExceeded ? 413 : 400)
            : SecurityDecision.Allow());
    }
}
