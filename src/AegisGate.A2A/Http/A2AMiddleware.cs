using AegisGate.A2A.Configuration;
using AegisGate.AspNetCore.Http;
using AegisGate.Audit;
using AegisGate.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AegisGate.A2A.Http;

/// <summary>
/// Runs every request under the A2A paths through the <c>a2a</c> pipeline
/// (<c>mTLS Auth → HMAC Verify → License Check → Rate Limit → Capability Check</c>) before the handler. A denial is
/// answered with problem+json and an <c>A2A_*</c> code; a fault anywhere (a check, the pipeline, the audit trail, this
/// middleware, the handler before it writes) becomes <see cref="A2AErrorCodes.InternalError"/> (500). Every decision is
/// recorded through <see cref="AuditTrail"/> before it takes effect; a decision that cannot be recorded (fail-closed
/// audit) is answered <see cref="A2AErrorCodes.InternalError"/> whatever it was.
/// </summary>
internal sealed class A2AMiddleware
{
    private readonly RequestDelegate _next;
    private readonly SecurityPipeline _pipeline;
    private readonly A2ARuntime _runtime;
    private readonly PathString[] _paths;
    private readonly TimeProvider _timeProvider;
    private readonly AuditTrail _audit;
    private readonly ILogger _logger;

    public A2AMiddleware(RequestDelegate next, SecurityPipelineProvider pipelines, A2ARuntime runtime, IOptions<AegisA2AOptions> options, TimeProvider timeProvider, AuditTrail audit, ILogger<A2AMiddleware> logger)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(pipelines);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(audit);
        _next = next;
        _pipeline = pipelines.GetPipeline(AegisA2ADefaults.PipelineName);
        _runtime = runtime;
        _paths = options.Value.Paths.Select(static p => new PathString(p)).ToArray();
        _timeProvider = timeProvider;
        _logger = logger;
        _audit = audit;
    }

    public Task InvokeAsync(HttpContext context) => IsA2APath(context.Request.Path, _paths) ? InvokeA2AAsync(context) : _next(context);

    internal static bool IsA2APath(PathString path, PathString[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private async Task InvokeA2AAsync(HttpContext http)
    {
        var handlerStarted = false;
        try
        {
            var config = _runtime.Config;
            var (body, length, tooLarge) = await ReadBodyAsync(http.Request, config.MaxBodyBytes, http.RequestAborted).ConfigureAwait(false);
            var headers = http.Request.Headers;
            var request = new A2ARequestData
            {
                ClientCertificate = http.Connection.ClientCertificate,
                HttpMethod = http.Request.Method,
                PathAndQuery = http.Request.PathBase.ToUriComponent() + http.Request.Path.ToUriComponent() + http.Request.QueryString.ToUriComponent(),
                AgentIdHeader = headers[A2AHeaders.AgentId],
                SignatureHeader = headers[A2AHeaders.Signature],
                KeyIdHeader = headers[A2AHeaders.KeyId],
                TimestampHeader = headers[A2AHeaders.Timestamp],
                NonceHeader = headers[A2AHeaders.Nonce],
                CapabilityHeader = headers[A2AHeaders.Capability],
                BodyTooLarge = tooLarge,
            };
            var context = new SecurityContext(AegisPillars.A2A, http.Request.Method + " " + http.Request.Path.Value)
            {
                RequestId = http.TraceIdentifier,
                Payload = body.AsMemory(0, length),
                PayloadContentType = http.Request.ContentType,
                Services = http.RequestServices,
            };
            context.SetAttribute(A2ARequestData.AttributeKey, request);

            var started = _timeProvider.GetTimestamp();
            var decision = await _pipeline.EvaluateAsync(context, http.RequestAborted).ConfigureAwait(false);
            if (decision.Code == AegisErrorCodes.EvaluationCancelled || http.RequestAborted.IsCancellationRequested)
            {
                AegisProblemResults.Abort(http);
                return;
            }

            if (!decision.IsAllowed && !decision.Code.StartsWith("A2A_", StringComparison.Ordinal))
            {
                // The composition root turned a null, throwing or slow check into an AEGIS_* denial: to the client it is an internal error.
                _logger.A2AInternalError(decision.Code + " in " + (decision.CheckName ?? "-"), null);
                decision = A2ADecisions.Internal.WithCheck(decision.CheckName);
            }

            var properties = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["agent"] = request.AgentId ?? "-",
                ["capability"] = request.Capability ?? "-",
                ["method"] = request.JsonRpcMethod ?? "-",
            };
            var auditEvent = AuditEvent.FromDecision(_timeProvider.GetUtcNow(), context, decision, _timeProvider.GetElapsedTime(started), properties);
            var recorded = await _audit.RecordAsync(auditEvent, http.RequestAborted).ConfigureAwait(false);
            if (recorded.Code == AegisErrorCodes.EvaluationCancelled)
            {
                AegisProblemResults.Abort(http);
                return;
            }

            if (!recorded.IsAllowed)
            {
                _logger.A2AInternalError((recorded.Code ?? "audit") + " in audit", null);
                decision = A2ADecisions.Internal.WithCheck("audit");
            }

            if (!decision.IsAllowed)
            {
                _logger.A2ADenied(request.AgentId ?? "-", decision.Code, decision.CheckName ?? "-");
                await AegisProblemResults.WriteDenialAsync(http, decision, AegisPillars.A2A).ConfigureAwait(false);
                return;
            }

            http.Features.Set<IA2AAgentFeature>(new A2AAgentFeature(request.AgentId!, request.Capability!, request.JsonRpcMethod!));
            if (http.User.Identity is not { IsAuthenticated: true } && context.Principal is { } principal)
            {
                http.User = principal;
            }

            http.Request.Body = new MemoryStream(body, 0, length, writable: false);
            http.Request.ContentLength = length;
            handlerStarted = true;
            await _next(http).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            AegisProblemResults.Abort(http);
        }
        catch (Exception ex)
        {
            if (handlerStarted)
            {
                _logger.A2AHandlerFailed(ex);
            }
            else
            {
                _logger.A2AInternalError(ex.GetType().Name, ex);
            }

            if (http.Response.HasStarted)
            {
                AegisProblemResults.Abort(http);
            }
            else
            {
                await AegisProblemResults.WriteDenialAsync(http, A2ADecisions.Internal, AegisPillars.A2A).ConfigureAwait(false);
            }
        }
    }

    private static async ValueTask<(byte[] Body, int Length, bool TooLarge)> ReadBodyAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        if (request.ContentLength is long declared && declared > max)
        {
            return ([], 0, true);
        }

        var buffer = new byte[(int)Math.Min((request.ContentLength ?? 4096) + 1, (long)max + 1)];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (buffer.Length > max)
                {
                    return ([], 0, true);
                }

                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, (long)max + 1));
            }

            var read = await request.Body.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return (buffer, total, false);
            }

            total += read;
            if (total > max)
            {
                return ([], 0, true);
            }
        }
    }
}
