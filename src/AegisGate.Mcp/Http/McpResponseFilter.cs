using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AegisGate.AspNetCore.Http;
using AegisGate.Mcp.Filtering;
using AegisGate.Mcp.Resources;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AegisGate.Mcp.Http;

/// <summary>
/// The response side of <see cref="McpGuardMode.Full"/>: a body stream that filters a fronted server's answer. An
/// <c>application/json</c> answer is buffered (bounded) and filtered whole; a <c>text/event-stream</c> answer is
/// filtered event by event as it streams (each <c>data:</c> payload is one JSON-RPC message). The response to the
/// request passes the output pipeline (and, for <c>tools/call</c>, the output budget and the audit record); a denial
/// replaces it with a JSON-RPC error. Notifications that fail the filter are dropped; blocked server-to-client
/// requests are dropped. Anything that cannot be parsed aborts the response rather than passing unfiltered.
/// </summary>
internal sealed class McpResponseFilter : Stream
{
    private readonly HttpContext _http;
    private readonly McpGuard _guard;
    private readonly McpSessionBudgets _budgets;
    private readonly SecurityContext _context;
    private readonly IList<string> _blockedServerRequests;
    private readonly string? _requestId;
    private readonly string? _requestMethod;
    private readonly string? _tool;
    private readonly string _argumentsHash;
    private readonly McpServerScope _scope;
    private readonly int _limit;
    private readonly ILogger _logger;
    private readonly long _started;
    private readonly ArrayBufferWriter<byte> _pending = new(4096);
    private Mode _mode = Mode.Unknown;

    public McpResponseFilter(HttpContext http, McpGuard guard, McpSessionBudgets budgets, SecurityContext context, McpMessage? request, McpServerScope scope, int limit, IList<string> blockedServerRequests, ILogger logger)
    {
        _http = http;
        Inner = http.Response.Body;
        _guard = guard;
        _budgets = budgets;
        _context = context;
        _blockedServerRequests = blockedServerRequests;
        _requestId = request?.IdText;
        _requestMethod = request?.Method;
        _tool = request is { IsToolCall: true } ? request.TargetName : null;
        _argumentsHash = request is { IsToolCall: true } ? McpGuard.HashArguments(request.Arguments) : "none";
        _scope = scope;
        _limit = limit;
        _logger = logger;
        _started = guard.Time.GetTimestamp();
    }

    private enum Mode
    {
        Unknown,
        PassThrough,
        Json,
        Sse,
    }

    public Stream Inner { get; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken)
        => _mode is Mode.Sse or Mode.PassThrough ? Inner.FlushAsync(cancellationToken) : Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_mode == Mode.Unknown)
        {
            _mode = DetectMode();
            if (_mode is Mode.Json)
            {
                _http.Response.ContentLength = null;
            }
        }

        if (_mode == Mode.PassThrough)
        {
            await Inner.WriteAsync(buffer, cancellationToken);
            return;
        }

        _pending.Write(buffer.Span);
        if (_pending.WrittenCount > _limit)
        {
            Fail(McpErrorCodes.OutputBlocked);
            return;
        }

        if (_mode == Mode.Sse)
        {
            await DrainEventsAsync(final: false, cancellationToken);
        }
    }

    /// <summary>Processes what is still buffered once the server finished its answer.</summary>
    public async Task CompleteAsync()
    {
        if (_mode == Mode.Json && _pending.WrittenCount > 0)
        {
            var node = Parse(_pending.WrittenSpan);
            _pending.Clear();
            if (node is null)
            {
                Fail(McpErrorCodes.OutputBlocked);
                return;
            }

            var filtered = await ProcessAsync(node, _http.RequestAborted);
            var bytes = filtered is null ? [] : Encoding.UTF8.GetBytes(filtered.ToJsonString());
            _http.Response.ContentLength = bytes.Length;
            await Inner.WriteAsync(bytes, _http.RequestAborted);
        }
        else if (_mode == Mode.Sse)
        {
            await DrainEventsAsync(final: true, _http.RequestAborted);
        }
    }

    private Mode DetectMode()
    {
        var response = _http.Response;
        if (!string.IsNullOrEmpty(response.Headers.ContentEncoding) && !string.Equals(response.Headers.ContentEncoding, "identity", StringComparison.OrdinalIgnoreCase))
        {
            Fail(McpErrorCodes.OutputBlocked);
            return Mode.PassThrough;
        }

        var type = response.ContentType ?? string.Empty;
        if (type.StartsWith("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            return Mode.Sse;
        }

        // Anything that is not SSE is buffered and must be one JSON-RPC message; a server's error bodies
        // (problem+json, 4xx/5xx) are passed as they are.
        return response.StatusCode >= 400 ? Mode.PassThrough : Mode.Json;
    }

    private async ValueTask DrainEventsAsync(bool final, CancellationToken cancellationToken)
    {
        while (true)
        {
            var span = _pending.WrittenSpan;
            var (end, separator) = FindEventEnd(span);
            if (end < 0)
            {
                if (!final || span.Length == 0)
                {
                    return;
                }

                end = span.Length;
                separator = 0;
            }

            var eventText = Encoding.UTF8.GetString(span[..end]);
            var rest = span[(end + separator)..].ToArray();
            _pending.Clear();
            _pending.Write(rest);
            var rewritten = await ProcessEventAsync(eventText, cancellationToken);
            if (rewritten is not null)
            {
                await Inner.WriteAsync(Encoding.UTF8.GetBytes(rewritten), cancellationToken);
            }
        }
    }

    private static (int End, int Separator) FindEventEnd(ReadOnlySpan<byte> span)
    {
        var lf = span.IndexOf("\n\n"u8);
        var crlf = span.IndexOf("\r\n\r\n"u8);
        return (lf, crlf) switch
        {
            (< 0, < 0) => (-1, 0),
            (>= 0, < 0) => (lf, 2),
            (< 0, >= 0) => (crlf, 4),
            _ => lf < crlf ? (lf, 2) : (crlf, 4),
        };
    }

    private async ValueTask<string?> ProcessEventAsync(string eventText, CancellationToken cancellationToken)
    {
        var other = new StringBuilder();
        var data = new StringBuilder();
        foreach (var rawLine in eventText.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(data.Length > 0 ? "\n" : string.Empty).Append(line.AsSpan(line.Length > 5 && line[5] == ' ' ? 6 : 5));
            }
            else if (line.Length > 0)
            {
                other.Append(line).Append('\n');
            }
        }

        if (data.Length == 0 || data.ToString().Trim().Length == 0)
        {
            return other.Length == 0 ? null : other.Append('\n').ToString(); // priming events, comments, retry hints
        }

        var node = Parse(Encoding.UTF8.GetBytes(data.ToString()));
        if (node is null)
        {
            Fail(McpErrorCodes.OutputBlocked);
            return null;
        }

        var filtered = await ProcessAsync(node, cancellationToken);
        return filtered is null ? null : other.Append("data: ").Append(filtered.ToJsonString()).Append("\n\n").ToString();
    }

    private async ValueTask<JsonNode?> ProcessAsync(JsonNode node, CancellationToken cancellationToken)
    {
        if (node is not JsonObject message)
        {
            Fail(McpErrorCodes.OutputBlocked);
            return null;
        }

        var method = message["method"]?.GetValue<string>();
        var hasId = message.ContainsKey("id");
        if (method is not null && hasId)
        {
            // A server-to-client request (sampling, elicitation, roots).
            if (_blockedServerRequests.Contains(method))
            {
                McpLog.ServerRequestBlocked(_logger, method);
                return null;
            }

            return message;
        }

        if (method is not null)
        {
            var notification = new McpOutput(method, message["params"]?.DeepClone(), isNotification: true);
            var notificationDecision = await _guard.FilterOutputAsync(_context, notification, cancellationToken);
            if (!notificationDecision.IsAllowed)
            {
                McpLog.NotificationWithheld(_logger, method, notificationDecision.Code);
                return null;
            }

            if (notification.Modified)
            {
                message["params"] = notification.Payload;
            }

            return message;
        }

        if (!message.ContainsKey("result"))
        {
            return message; // an error response passes as it is
        }

        var idText = message["id"] is JsonValue idValue ? idValue.ToJsonString().Trim('"') : null;
        var answersRequest = _requestId is not null && string.Equals(idText, _requestId, StringComparison.Ordinal);
        var output = new McpOutput(answersRequest ? _requestMethod ?? "unknown" : "unknown", message["result"]?.DeepClone(), isNotification: false);
        var decision = await _guard.FilterOutputAsync(_context, output, cancellationToken);
        if (answersRequest && _tool is not null)
        {
            if (decision.IsAllowed && _context.TryGetAttribute<McpCallLease>(McpContextKeys.Lease, out var lease) && lease is not null)
            {
                decision = _budgets.ChargeOutput(lease, output.ByteLength);
            }

            var record = new McpToolCallRecord(_context.TryGetAttribute<Tools.McpToolDefinition>(McpContextKeys.Tool, out var tool) && tool is not null ? tool.ServerId : _scope.ServerId, _tool, _argumentsHash, _guard.Time.GetElapsedTime(_started), output.ByteLength, output.RuleIds);
            decision = await _guard.AuditToolCallAsync(_context, record, decision, cancellationToken);
        }

        if (!decision.IsAllowed)
        {
            return McpDenial.ToErrorMessage(message["id"], decision, _http.TraceIdentifier);
        }

        if (output.Modified)
        {
            message["result"] = output.Payload;
        }

        return message;
    }


    private static JsonNode? Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = 128 });
            return JsonNode.Parse(ref reader);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private void Fail(string code)
    {
        McpLog.ResponseAborted(_logger, code);
        _http.Features.Set<IAegisDecisionFeature>(new AegisDecisionFeature(SecurityDecision.Deny(code, "The server's answer could not be filtered.", 502), AegisPillars.Mcp));
        _mode = Mode.PassThrough;
        _pending.Clear();
        AegisProblemResults.Abort(_http);
        throw new OperationCanceledException("The MCP response was aborted because it could not be filtered.");
    }
}
