using System.Buffers;
using AegisGate.AspNetCore.Http;
using AegisGate.Detection;
using AegisGate.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AegisGate.AspNetCore.Scanning;

/// <summary>Thrown into the handler's write when its response is withheld, so it stops producing output.</summary>
internal sealed class AegisResponseWithheldException : IOException
{
    public AegisResponseWithheldException()
        : base("The response was withheld by AegisGate.")
    {
    }

    public AegisResponseWithheldException(string message)
        : base(message)
    {
    }

    public AegisResponseWithheldException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Scans what the handler writes. Buffered JSON/text responses are scanned (and redacted or withheld) before any
/// byte leaves; <c>text/event-stream</c> is scanned event by event with a bounded hold-back; unscannable responses
/// are withheld unless the policy allows them. Installed by the middleware as the response body.
/// </summary>
internal sealed class ResponseScanner : Stream
{
    private enum Mode
    {
        Undecided,
        Buffer,
        EventStream,
        PassThrough,
        Withheld,
    }

    private readonly HttpContext _context;
    private readonly HttpRequestState _state;
    private readonly SecurityContext _security;
    private readonly SecurityPipeline _pipeline;
    private readonly IHttpResponseBodyFeature _inner;
    private readonly StreamResponseBodyFeature _feature;
    private readonly AegisScanPolicyOptions _policy;
    private readonly AegisHttpLimitsOptions _limits;
    private Mode _mode;
    private byte[] _buffer = [];
    private int _length;
    private SseEventStreamScanner? _events;
    private ArrayBufferWriter<byte>? _eventOutput;
    private bool _forwarded;

    public ResponseScanner(HttpContext context, HttpRequestState state, SecurityContext security, SecurityPipeline pipeline)
    {
        _context = context;
        _state = state;
        _security = security;
        _pipeline = pipeline;
        _policy = state.ScanPolicy;
        _limits = state.Snapshot.Options.Limits;
        _inner = context.Features.Get<IHttpResponseBodyFeature>() ?? throw new InvalidOperationException("The server has no response body feature.");
        _feature = new StreamResponseBodyFeature(this, _inner);
        context.Features.Set<IHttpResponseBodyFeature>(_feature);
    }

    /// <summary>Gets the denial when the response is withheld.</summary>
    public SecurityDecision? Denial { get; private set; }

    /// <summary>Gets the findings made in the response.</summary>
    public IReadOnlyList<DetectionFinding> Findings { get; private set; } = [];

    /// <summary>Gets a value indicating whether bytes have already gone to the client.</summary>
    public bool Forwarded => _forwarded || _context.Response.HasStarted;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Restores the server's response body (for a handler exception).</summary>
    public void Detach()
    {
        _context.Features.Set(_inner);
        ReturnBuffer();
    }

    /// <summary>Flushes what the handler left in the pipe writer and finishes: scans and writes a buffered response, or releases the held-back events.</summary>
    public async Task CompleteAsync()
    {
        try
        {
            await _feature.CompleteAsync().ConfigureAwait(false);
        }
        catch (AegisResponseWithheldException)
        {
            // Denial already recorded.
        }

        _context.Features.Set(_inner);
        var cancellationToken = _context.RequestAborted;
        switch (_mode)
        {
            case Mode.Buffer:
                await FinishBufferAsync(cancellationToken).ConfigureAwait(false);
                break;
            case Mode.EventStream:
                if (Denial is null)
                {
                    await _events!.CompleteAsync(_eventOutput!, cancellationToken).ConfigureAwait(false);
                    Denial = _events.Denial;
                    Findings = _events.Findings;
                    if (Denial is null)
                    {
                        await ForwardEventsAsync(flush: true, cancellationToken).ConfigureAwait(false);
                    }
                }

                break;
        }

        ReturnBuffer();
    }

    public override void Flush()
    {
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        switch (_mode)
        {
            case Mode.PassThrough:
                await _inner.Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                break;
            case Mode.EventStream:
                await ForwardEventsAsync(flush: true, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        if (_context.Features.Get<IHttpBodyControlFeature>() is { AllowSynchronousIO: false })
        {
            throw new InvalidOperationException("Synchronous operations are disallowed. Call WriteAsync or set AllowSynchronousIO to true instead.");
        }

        WriteAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_mode == Mode.Undecided)
        {
            Decide();
        }

        switch (_mode)
        {
            case Mode.Buffer:
                if ((long)_length + buffer.Length > _limits.MaxResponseBodyBytes)
                {
                    Withhold(SecurityDecision.Deny(HttpErrorCodes.ResponseUnscannable, "The response is larger than the scan limit; it is withheld.", 500));
                    throw new AegisResponseWithheldException();
                }

                EnsureCapacity(_length + buffer.Length);
                buffer.Span.CopyTo(_buffer.AsSpan(_length));
                _length += buffer.Length;
                break;
            case Mode.EventStream:
                await _events!.WriteAsync(buffer, _eventOutput!, cancellationToken).ConfigureAwait(false);
                if (_events.Denial is { } denial)
                {
                    Findings = _events.Findings;
                    Withhold(denial);
                    throw new AegisResponseWithheldException();
                }

                await ForwardEventsAsync(flush: false, cancellationToken).ConfigureAwait(false);
                break;
            case Mode.PassThrough:
                _forwarded = true;
                await _inner.Stream.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
                break;
            default:
                throw new AegisResponseWithheldException();
        }
    }

    private void Decide()
    {
        var response = _context.Response;
        var encoded = response.Headers.ContentEncoding is { Count: > 0 } encoding && !encoding.All(static e => string.Equals(e, "identity", StringComparison.OrdinalIgnoreCase));
        var kind = encoded ? MediaKind.Unscannable : MediaClassifier.Classify(response.ContentType, out _);
        switch (kind)
        {
            case MediaKind.Json or MediaKind.Text:
                _mode = Mode.Buffer;
                break;
            case MediaKind.EventStream:
                _mode = Mode.EventStream;
                response.ContentLength = null;
                _eventOutput = new ArrayBufferWriter<byte>(4096);
                _events = new SseEventStreamScanner(ScanWindowAsync, _policy.Response, _limits.SseHoldbackChars, _limits.MaxSseEventBytes);
                break;
            default:
                if (_policy.UnscannableResponse == AegisUnscannableContent.Allow)
                {
                    _mode = Mode.PassThrough;
                }
                else
                {
                    Withhold(SecurityDecision.Deny(HttpErrorCodes.ResponseUnscannable, "The response's media type or encoding cannot be scanned; it is withheld.", 500));
                }

                break;
        }
    }

    private void Withhold(SecurityDecision denial)
    {
        Denial ??= denial;
        _mode = Mode.Withheld;
    }

    private async ValueTask<(SecurityDecision, ScanResult?)> ScanWindowAsync(string text, CancellationToken cancellationToken)
    {
        var work = new ContentScanWork { Text = text, Options = ScanEvaluation.Options(_policy.ResponseSource, false, _policy.DetectionPolicy) };
        _security.SetAttribute(ContentScanWork.AttributeKey, work);
        var decision = await _pipeline.EvaluateAsync(_security, cancellationToken).ConfigureAwait(false);
        return (decision, work.Result);
    }

    private async ValueTask ForwardEventsAsync(bool flush, CancellationToken cancellationToken)
    {
        if (_eventOutput is { WrittenCount: > 0 } output)
        {
            _forwarded = true;
            await _inner.Stream.WriteAsync(output.WrittenMemory, cancellationToken).ConfigureAwait(false);
            output.ResetWrittenCount();
            flush = true;
        }

        if (flush && _forwarded)
        {
            await _inner.Stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task FinishBufferAsync(CancellationToken cancellationToken)
    {
        if (Denial is not null || _length == 0)
        {
            return;
        }

        var body = _buffer.AsMemory(0, _length);
        var kind = MediaClassifier.Classify(_context.Response.ContentType, out _);
        var work = new ContentScanWork { Options = ScanEvaluation.Options(_policy.ResponseSource, _policy.Response == AegisScanAction.Redact, _policy.DetectionPolicy) };
        if (kind == MediaKind.Json && ScanEvaluation.ValidateJson(body.Span, _limits.MaxJsonDepth).IsAllowed)
        {
            work.IsJson = true;
            work.Json = body;
        }
        else if (ScanEvaluation.TryDecodeUtf8(body.Span, out var text))
        {
            work.Text = text;
        }
        else
        {
            Denial = SecurityDecision.Deny(HttpErrorCodes.ResponseUnscannable, "The response is not valid UTF-8; it is withheld.", 500);
            return;
        }

        _security.SetAttribute(ContentScanWork.AttributeKey, work);
        var scanned = await _pipeline.EvaluateAsync(_security, cancellationToken).ConfigureAwait(false);
        if (scanned.IsDenied)
        {
            Denial = SecurityDecision.Deny(scanned.Code == HttpErrorCodes.ScannerUnavailable ? HttpErrorCodes.ScannerUnavailable : HttpErrorCodes.ResponseUnscannable, "The response could not be scanned; it is withheld.", scanned.Code == HttpErrorCodes.ScannerUnavailable ? 503 : 500);
            return;
        }

        var result = work.Result!;
        Findings = result.Findings;
        var decision = ScanEvaluation.Evaluate(result, _policy.Response, out var redact);
        if (decision.IsDenied)
        {
            Denial = SecurityDecision.Deny(HttpErrorCodes.ResponseBlocked, "The response was withheld by the detection policy.", 403);
            _state.BlockedRules = ScanEvaluation.ActionableRules(result);
            _state.BlockedLocation = "response";
            return;
        }

        ReadOnlyMemory<byte> output = body;
        if (redact)
        {
            output = System.Text.Encoding.UTF8.GetBytes(result.RedactedContent!);
            _context.Response.Headers.ETag = default;
            RedactedResponse = true;
        }

        _context.Response.ContentLength = output.Length;
        _forwarded = true;
        await _inner.Stream.WriteAsync(output, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Gets a value indicating whether the response was redacted (buffered or streamed).</summary>
    public bool RedactedResponse { get; private set; }

    /// <summary>Gets the action taken on the response's findings, for the audit record.</summary>
    public AegisScanAction TakenAction => Denial is not null ? AegisScanAction.Block : RedactedResponse || _events?.Redacted == true ? AegisScanAction.Redact : AegisScanAction.Monitor;

    protected override void Dispose(bool disposing)
    {
        ReturnBuffer();
        base.Dispose(disposing);
    }

    private void EnsureCapacity(int size)
    {
        if (size <= _buffer.Length)
        {
            return;
        }

        var next = ArrayPool<byte>.Shared.Rent(Math.Max(size, Math.Max(4096, _buffer.Length * 2)));
        _buffer.AsSpan(0, _length).CopyTo(next);
        ReturnBuffer(keepLength: true);
        _buffer = next;
    }

    private void ReturnBuffer(bool keepLength = false)
    {
        if (_buffer.Length > 0)
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(_buffer.AsSpan(0, _length));
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        if (!keepLength)
        {
            _length = 0;
        }
    }
}
