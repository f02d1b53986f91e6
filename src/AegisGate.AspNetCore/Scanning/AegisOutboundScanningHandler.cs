using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using AegisGate.AspNetCore.Http;
using AegisGate.Detection;
using AegisGate.Pipeline;
using Microsoft.Extensions.Logging;

namespace AegisGate.AspNetCore.Scanning;

/// <summary>
/// Scans what the application sends through an <c>HttpClient</c> (to model providers and other services) and what
/// comes back: the data-exfiltration control for calls that leave. A block throws <see cref="AegisDeniedException"/>
/// (code <c>AEGIS_OUTBOUND_BLOCKED</c>, or the scanner's own code) before the request is sent or before the response
/// reaches the caller; redaction replaces the content; server-sent events are scanned event by event.
/// </summary>
internal sealed class AegisOutboundScanningHandler(SecurityPipeline pipeline, AegisOutboundScanOptions options, ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var operation = "outbound " + request.Method.Method + " " + (request.RequestUri?.IsAbsoluteUri == true ? request.RequestUri.Host : "(relative)");
        var security = new SecurityContext(AegisPillars.Http, operation);

        if (request.Content is { } content && options.Request != AegisScanAction.None)
        {
            var replacement = await ScanBodyAsync(content, options.Request, options.RequestSource, security, request, cancellationToken).ConfigureAwait(false);
            if (replacement is not null)
            {
                request.Content = replacement;
            }
        }

        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.Content is not { } body || options.Response == AegisScanAction.None)
        {
            return response;
        }

        try
        {
            var media = body.Headers.ContentType?.ToString();
            var kind = body.Headers.ContentEncoding.Count > 0 ? MediaKind.Unscannable : MediaClassifier.Classify(media, out _);
            if (kind == MediaKind.EventStream)
            {
                var stream = await body.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                var scanning = new StreamContent(new SseScanningReadStream(stream, CreateEventScanner(security), request, this));
                CopyHeaders(body.Headers, scanning.Headers);
                scanning.Headers.ContentLength = null;
                response.Content = scanning;
                return response;
            }

            var replacement = await ScanBodyAsync(body, options.Response, options.ResponseSource, security, request, cancellationToken).ConfigureAwait(false);
            if (replacement is not null)
            {
                response.Content = replacement;
            }

            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    internal SseEventStreamScanner CreateEventScanner(SecurityContext security)
        => new(
            async (text, ct) =>
            {
                var work = new ContentScanWork { Text = text, Options = ScanEvaluation.Options(options.ResponseSource, false, options.DetectionPolicy) };
                security.SetAttribute(ContentScanWork.AttributeKey, work);
                var decision = await pipeline.EvaluateAsync(security, ct).ConfigureAwait(false);
                return (decision, work.Result);
            },
            options.Response,
            options.SseHoldbackChars,
            options.MaxSseEventBytes);

    internal AegisDeniedException Denied(HttpRequestMessage request, SecurityDecision decision)
    {
        logger.OutboundBlocked(request.Method.Method, request.RequestUri?.IsAbsoluteUri == true ? request.RequestUri.Host : "(relative)", decision.Code ?? "-");
        return new AegisDeniedException(decision);
    }

    private async Task<HttpContent?> ScanBodyAsync(HttpContent content, AegisScanAction action, ContentSource source, SecurityContext security, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var media = content.Headers.ContentType?.ToString();
        var kind = content.Headers.ContentEncoding.Count > 0 ? MediaKind.Unscannable : MediaClassifier.Classify(media, out _);
        if (kind is not (MediaKind.Json or MediaKind.Text or MediaKind.Form))
        {
            return options.Unscannable == AegisUnscannableContent.Allow
                ? null
                : throw Denied(request, SecurityDecision.Deny(HttpErrorCodes.OutboundBlocked, "The outbound content cannot be scanned (media type or encoding).", 403));
        }

        if (content.Headers.ContentLength > options.MaxBodyBytes)
        {
            throw Denied(request, SecurityDecision.Deny(HttpErrorCodes.OutboundBlocked, "The outbound content is larger than the scan limit.", 413));
        }

        var bytes = await ReadBoundedAsync(content, options.MaxBodyBytes, cancellationToken).ConfigureAwait(false)
            ?? throw Denied(request, SecurityDecision.Deny(HttpErrorCodes.OutboundBlocked, "The outbound content is larger than the scan limit.", 413));
        var work = new ContentScanWork { Options = ScanEvaluation.Options(source, action == AegisScanAction.Redact, options.DetectionPolicy) };
        if (kind == MediaKind.Json && ScanEvaluation.ValidateJson(bytes, 256).IsAllowed)
        {
            work.IsJson = true;
            work.Json = bytes;
        }
        else if (ScanEvaluation.TryDecodeUtf8(bytes, out var text))
        {
            work.Text = text;
        }
        else
        {
            throw Denied(request, SecurityDecision.Deny(HttpErrorCodes.OutboundBlocked, "The outbound content is not valid UTF-8.", 400));
        }

        security.SetAttribute(ContentScanWork.AttributeKey, work);
        var scanned = await pipeline.EvaluateAsync(security, cancellationToken).ConfigureAwait(false);
        if (scanned.IsDenied)
        {
            throw Denied(request, scanned);
        }

        var decision = ScanEvaluation.Evaluate(work.Result, action, out var redact);
        if (decision.IsDenied)
        {
            throw Denied(request, SecurityDecision.Deny(HttpErrorCodes.OutboundBlocked, $"The outbound content was blocked by the detection policy (rules: {string.Join(',', ScanEvaluation.ActionableRules(work.Result!))}).", 403));
        }

        var replacement = new ByteArrayContent(redact ? Encoding.UTF8.GetBytes(work.Result!.RedactedContent!) : bytes);
        CopyHeaders(content.Headers, replacement.Headers);
        replacement.Headers.ContentLength = null;
        return replacement;
    }

    private static async Task<byte[]?> ReadBoundedAsync(HttpContent content, long max, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > max)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private static void CopyHeaders(HttpContentHeaders from, HttpContentHeaders to)
    {
        foreach (var header in from)
        {
            to.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    /// <summary>Reads a server-sent event stream through the event scanner.</summary>
    private sealed class SseScanningReadStream(Stream inner, SseEventStreamScanner scanner, HttpRequestMessage request, AegisOutboundScanningHandler owner) : Stream
    {
        private readonly ArrayBufferWriter<byte> _output = new(4096);
        private readonly byte[] _chunk = new byte[8192];
        private int _offset;
        private bool _completed;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (_output.WrittenCount - _offset == 0)
            {
                _output.ResetWrittenCount();
                _offset = 0;
                if (_completed)
                {
                    return 0;
                }

                var read = await inner.ReadAsync(_chunk, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    await scanner.CompleteAsync(_output, cancellationToken).ConfigureAwait(false);
                    _completed = true;
                }
                else
                {
                    await scanner.WriteAsync(_chunk.AsMemory(0, read), _output, cancellationToken).ConfigureAwait(false);
                }

                if (scanner.Denial is { } denial)
                {
                    throw new IOException("The streamed response was stopped by AegisGate.", owner.Denied(request, denial.Code == HttpErrorCodes.ResponseBlocked ? SecurityDecision.Deny(HttpErrorCodes.OutboundBlocked, "The streamed response was blocked by the detection policy.") : denial));
                }
            }

            var available = _output.WrittenSpan[_offset..];
            var count = Math.Min(available.Length, buffer.Length);
            available[..count].CopyTo(buffer.Span);
            _offset += count;
            return count;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
