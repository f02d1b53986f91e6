using System.ComponentModel.DataAnnotations;
using AegisGate.AspNetCore.Http;
using AegisGate.Detection;

namespace AegisGate.AspNetCore.Scanning;

/// <summary>Options of outbound scanning for one named <c>HttpClient</c> (<c>.AddAegisOutboundScanning()</c>).</summary>
public sealed class AegisOutboundScanOptions
{
    /// <summary>Gets or sets the action for what the application sends (request bodies).</summary>
    /// <value>The default value is <see cref="AegisScanAction.Block"/>: a secret or PII headed for a model provider stops the call.</value>
    public AegisScanAction Request { get; set; } = AegisScanAction.Block;

    /// <summary>Gets or sets the action for what comes back (buffered JSON/text and server-sent events).</summary>
    /// <value>The default value is <see cref="AegisScanAction.Redact"/>.</value>
    public AegisScanAction Response { get; set; } = AegisScanAction.Redact;

    /// <summary>Gets or sets what happens to bodies that cannot be scanned (binary, encoded).</summary>
    /// <value>The default value is <see cref="AegisUnscannableContent.Deny"/>.</value>
    public AegisUnscannableContent Unscannable { get; set; } = AegisUnscannableContent.Deny;

    /// <summary>Gets or sets the source outbound requests are scanned as.</summary>
    /// <value>The default value is <see cref="ContentSource.User"/>.</value>
    public ContentSource RequestSource { get; set; } = ContentSource.User;

    /// <summary>Gets or sets the source responses are scanned as.</summary>
    /// <value>The default value is <see cref="ContentSource.ModelResponse"/>.</value>
    public ContentSource ResponseSource { get; set; } = ContentSource.ModelResponse;

    /// <summary>Gets or sets the largest request or buffered response body scanned; larger bodies are refused.</summary>
    /// <value>The default value is 8 MiB. Allowed: 1 KiB to 1 GiB.</value>
    [Range(1024L, 1L << 30)]
    public long MaxBodyBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>Gets or sets the characters of streamed text held back so a secret split across events is caught.</summary>
    /// <value>The default value is 256.</value>
    [Range(16, 65_536)]
    public int SseHoldbackChars { get; set; } = 256;

    /// <summary>Gets or sets the largest single server-sent event.</summary>
    /// <value>The default value is 1 MiB.</value>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxSseEventBytes { get; set; } = 1024 * 1024;

    /// <summary>Gets or sets the detection engine's named policy, or <see langword="null"/> for its default.</summary>
    public string? DetectionPolicy { get; set; }
}
