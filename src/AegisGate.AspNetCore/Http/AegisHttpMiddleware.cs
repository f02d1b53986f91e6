using AegisGate.AspNetCore.Scanning;
using AegisGate.Audit;
using AegisGate.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AegisGate.AspNetCore.Http;

/// <summary>
/// The HTTP pillar: access (licence, authentication, RBAC, rate limit) through the <c>http</c> pipeline, then the
/// bounded, decoded request body and its scan through <c>http.request-content</c>, then the handler, then the
/// response scan through <c>http.response-content</c>. Any failure denies; any unexpected exception is
/// <c>AEGIS_INTERNAL_ERROR</c> and the handler never runs; a denial after the response started aborts it.
/// </summary>
internal sealed class AegisHttpMiddleware
{
    private readonly RequestDelegate _next;
    private readonly AegisHttpRuntime _runtime;
    private readonly SecurityPipeline _access;
    private readonly SecurityPipeline _requestContent;
    private readonly SecurityPipeline _responseContent;
    private readonly ILogger _logger;

    public AegisHttpMiddleware(RequestDelegate next, AegisHttpRuntime runtime, SecurityPipelineProvider pipelines, ILogger<AegisHttpMiddleware> logger)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(pipelines);
        _next = next;
        _runtime = runtime;
        _access = pipelines.GetPipeline(AegisHttpPipelines.Access);
        _requestContent = pipelines.GetPipeline(AegisHttpPipelines.RequestContent);
        _responseContent = pipelines.GetPipeline(AegisHttpPipelines.ResponseContent);
        _logger = logger;
        runtime.MarkMiddlewareInstalled();
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var start = _runtime.TimeProvider.GetTimestamp();
        var endpoint = EndpointSecurityPolicy.For(context.GetEndpoint());
        HttpRequestState? state = null;
        SecurityContext? security = null;
        ResponseScanner? response = null;
        SecurityDecision decision;
        try
        {
            state = new HttpRequestState(context, endpoint, _runtime.Snapshot);
            security = new SecurityContext(AegisPillars.Http, endpoint.Operation)
            {
                RequestId = context.TraceIdentifier,
                Services = context.RequestServices,
            };
            security.SetAttribute(HttpRequestState.AttributeKey, state);
            context.Features.Set(state);
            decision = await AuthorizeAsync(context, state, security).ConfigureAwait(false);
            if (decision.IsAllowed && !endpoint.IsContentReport && state.ScanPolicy.Response != AegisScanAction.None)
            {
                response = new ResponseScanner(context, state, security, _responseContent);
            }
        }
        catch (Exception ex)
        {
            _logger.HttpInternalError(endpoint.Operation, ex);
            decision = SecurityDecision.Deny(AegisErrorCodes.InternalError, "AegisGate failed to authorize the request; it is denied.", 500);
        }

        if (decision.IsDenied)
        {
            await DenyAsync(context, state, security, endpoint, decision, start).ConfigureAwait(false);
            return;
        }

        try
        {
            await _next(context).ConfigureAwait(false);
        }
        catch (AegisResponseWithheldException) when (response?.Denial is not null)
        {
            // The handler's write was refused; the denial is answered below.
        }
        catch
        {
            response?.Detach();
            throw;
        }

        if (response is not null)
        {
            await FinishResponseAsync(context, state!, security!, response, endpoint, start).ConfigureAwait(false);
        }
        else if (_runtime.Snapshot.Options.AuditAllowedRequests && !state!.HasFindings)
        {
            // Request findings were audited before the handler ran; plain allows only when asked for.
            var audit = await _runtime.RecordAsync(AuditEvent.FromDecision(_runtime.TimeProvider.GetUtcNow(), security!, SecurityDecision.Allow(), _runtime.TimeProvider.GetElapsedTime(start)), context.RequestAborted).ConfigureAwait(false);
            if (audit.IsDenied)
            {
                AegisProblemResults.Abort(context);
            }
        }
    }

    private async ValueTask<SecurityDecision> AuthorizeAsync(HttpContext context, HttpRequestState state, SecurityContext security)
    {
        var cancellationToken = context.RequestAborted;
        var decision = await _access.EvaluateAsync(security, cancellationToken).ConfigureAwait(false);
        if (decision.IsDenied)
        {
            return decision;
        }

        if (!state.Snapshot.TryGetScanPolicy(state.Endpoint.ScanPolicy, out var policy))
        {
            _logger.HttpScanPolicyUnknown(state.Endpoint.DisplayName, state.Endpoint.ScanPolicy!);
            return SecurityDecision.Deny(HttpErrorCodes.ScanPolicyUnknown, "The endpoint's scan policy is not configured; the request is denied.", 503);
        }

        state.ScanPolicy = policy;
        var request = context.Request;
        var hasBody = RequestBodyReader.HasBody(context);
        var needsQuery = policy.Query != AegisScanAction.None && request.QueryString.HasValue;
        var needsHeaders = policy.HeaderAction != AegisScanAction.None && policy.Headers.Count > 0;
        if (!hasBody && !needsQuery && !needsHeaders)
        {
            return SecurityDecision.Allow();
        }

        if (hasBody)
        {
            var (read, body) = await RequestBodyReader.ReadAsync(context, state.Snapshot.Options.Limits, cancellationToken).ConfigureAwait(false);
            if (read.IsDenied)
            {
                return read;
            }

            state.Body = body;
            context.Response.RegisterForDispose(body!);
            security.Payload = body!.Memory;
            security.PayloadContentType = request.ContentType;
        }

        decision = await _requestContent.EvaluateAsync(security, cancellationToken).ConfigureAwait(false);
        if (decision.IsDenied)
        {
            return decision;
        }

        if (state.HasFindings)
        {
            var audit = await _runtime.RecordAsync(FindingsEvent(security, state, state.FindingAction, "request"), cancellationToken).ConfigureAwait(false);
            if (audit.IsDenied)
            {
                return audit;
            }

            _logger.HttpFindings(state.Endpoint.Operation, state.FindingRules.Count, state.FindingLocations ?? "-", state.FindingAction.ToString(), string.Join(',', state.FindingRules));
        }

        if (state.Body is { } read2)
        {
            var replacement = state.ReplacementBody;
            var stream = replacement is null ? new MemoryStream(read2.Array, 0, read2.Length, writable: false) : new MemoryStream(replacement, writable: false);
            request.Body = stream;
            request.ContentLength = stream.Length;
            if (read2.Decoded)
            {
                request.Headers.ContentEncoding = default;
            }
        }

        return SecurityDecision.Allow();
    }

    private async Task FinishResponseAsync(HttpContext context, HttpRequestState state, SecurityContext security, ResponseScanner response, EndpointSecurityPolicy endpoint, long start)
    {
        try
        {
            await response.CompleteAsync().ConfigureAwait(false);
            var findings = response.Findings;
            if (response.Denial is { } denial)
            {
                _logger.HttpResponseWithheld(endpoint.Operation, denial.Code!, response.Forwarded);
                if (findings.Count > 0)
                {
                    state.AddFindings("response", findings, AegisScanAction.Block);
                }

                await DenyAsync(context, state, security, endpoint, denial, start).ConfigureAwait(false);
                return;
            }

            if (findings.Count > 0)
            {
                state.AddFindings("response", findings, response.TakenAction);
                _logger.HttpFindings(endpoint.Operation, state.FindingRules.Count, "response", response.TakenAction.ToString(), string.Join(',', state.FindingRules));
                var audit = await _runtime.RecordAsync(FindingsEvent(security, state, response.TakenAction, "response"), context.RequestAborted).ConfigureAwait(false);
                if (audit.IsDenied)
                {
                    // The response has been sent; an unrecorded finding must not look like a success.
                    AegisProblemResults.Abort(context);
                }
            }
            else if (_runtime.Snapshot.Options.AuditAllowedRequests && !state.HasFindings)
            {
                var audit = await _runtime.RecordAsync(AuditEvent.FromDecision(_runtime.TimeProvider.GetUtcNow(), security, SecurityDecision.Allow(), _runtime.TimeProvider.GetElapsedTime(start)), context.RequestAborted).ConfigureAwait(false);
                if (audit.IsDenied)
                {
                    AegisProblemResults.Abort(context);
                }
            }
        }
        catch (Exception ex)
        {
            response.Detach();
            _logger.HttpResponseScanFailed(endpoint.Operation, ex);
            await DenyAsync(context, state, security, endpoint, SecurityDecision.Deny(AegisErrorCodes.InternalError, "AegisGate failed to scan the response; it is withheld.", 500), start).ConfigureAwait(false);
        }
    }

    private async Task DenyAsync(HttpContext context, HttpRequestState? state, SecurityContext? security, EndpointSecurityPolicy endpoint, SecurityDecision decision, long start)
    {
        _logger.HttpDenied(endpoint.Operation, decision.Code!, decision.CheckName ?? "-");
        if (security is not null)
        {
            Dictionary<string, string>? properties = null;
            if (state is { HasFindings: true })
            {
                properties = new(StringComparer.Ordinal)
                {
                    ["rules"] = string.Join(',', state.FindingRules),
                    ["locations"] = state.FindingLocations ?? string.Empty,
                };
            }

            try
            {
                var audit = await _runtime.RecordAsync(AuditEvent.FromDecision(_runtime.TimeProvider.GetUtcNow(), security, decision, _runtime.TimeProvider.GetElapsedTime(start), properties), CancellationToken.None).ConfigureAwait(false);
                if (audit.IsDenied)
                {
                    _logger.HttpDenialAuditFailed(endpoint.Operation, decision.Code!);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _logger.HttpDenialAuditFailed(endpoint.Operation, decision.Code!);
            }
        }

        List<KeyValuePair<string, object?>>? extensions = null;
        if (state?.BlockedRules is { Count: > 0 } rules && decision.Code is AegisErrorCodes.ContentBlocked or HttpErrorCodes.ResponseBlocked)
        {
            extensions =
            [
                new("rules", rules),
                new("location", state.BlockedLocation ?? "body"),
            ];
        }

        await AegisProblemResults.WriteDenialAsync(context, decision, AegisPillars.Http, extensions).ConfigureAwait(false);
    }

    private AuditEvent FindingsEvent(SecurityContext security, HttpRequestState state, AegisScanAction action, string phase)
        => new()
        {
            Timestamp = _runtime.TimeProvider.GetUtcNow(),
            RequestId = security.RequestId,
            Principal = state.PrincipalId,
            Pillar = AegisPillars.Http,
            Operation = security.Operation,
            Decision = "allow",
            Check = phase == "request" ? Scanning.RequestContentCheck.CheckName : "http.response-content",
            Properties = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["rules"] = string.Join(',', state.FindingRules),
                ["locations"] = state.FindingLocations ?? string.Empty,
                ["action"] = action.ToString().ToLowerInvariant(),
            },
        };
}
