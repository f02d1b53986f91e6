using System.Buffers;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using System.Text.Json;
using System.Text.Json.Nodes;
using AegisGate.AspNetCore.Http;
using AegisGate.Mcp.Filtering;
using AegisGate.Mcp.Resources;
using AegisGate.Mcp.Sessions;
using AegisGate.Mcp.SupplyChain;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AegisGate.Mcp.Http;

/// <summary>
/// <c>UseAegisMcp()</c>: guards a Streamable HTTP MCP endpoint (the app's own <c>MapMcp()</c> or a fronted server).
/// Transport checks always run (origin, bounded body, single JSON-RPC message within the depth limit, mirrored
/// headers, authentication, session binding and per-principal session limits); in <see cref="McpGuardMode.Full"/> the
/// message policy, output filtering (buffered JSON or SSE frame by frame) and audit run here as well.
/// </summary>
internal sealed class AegisMcpMiddleware
{
    private const string SessionHeader = "Mcp-Session-Id";
    private readonly RequestDelegate _next;
    private readonly McpGuard _guard;
    private readonly McpSessionRegistry _sessions;
    private readonly McpToolPinStore _pins;
    private readonly McpSessionBudgets _budgets;
    private readonly IOptionsMonitor<AegisMcpOptions> _options;
    private readonly ILogger<AegisMcpMiddleware> _logger;
    private readonly PathString _path;
    private readonly bool _full;
    private readonly McpServerScope _scope;

    public AegisMcpMiddleware(
        RequestDelegate next,
        McpGuard guard,
        McpSessionRegistry sessions,
        McpToolPinStore pins,
        McpSessionBudgets budgets,
        IOptionsMonitor<AegisMcpOptions> options,
        ILogger<AegisMcpMiddleware> logger,
        AegisMcpEndpointOptions endpoint,
        bool sdkGuardrailsRegistered)
    {
        _next = next;
        _guard = guard;
        _sessions = sessions;
        _pins = pins;
        _budgets = budgets;
        _options = options;
        _logger = logger;
        _path = new PathString(endpoint.Path);
        _full = endpoint.Mode == McpGuardMode.Full || (endpoint.Mode == McpGuardMode.Auto && !sdkGuardrailsRegistered);
        var serverId = endpoint.ServerId;
        _scope = new McpServerScope(serverId, name => pins.GetObserved(serverId, name));
    }

    public Task InvokeAsync(HttpContext http)
        => http.Request.Path.StartsWithSegments(_path) ? InvokeCoreAsync(http) : _next(http);

    private async Task InvokeCoreAsync(HttpContext http)
    {
        var settings = _options.CurrentValue;
        var request = http.Request;
        var sessionId = request.Headers[SessionHeader].ToString();
        var (body, tooLarge) = HttpMethods.IsPost(request.Method)
            ? await ReadBodyAsync(request, settings.Http.MaxBodyBytes, http.RequestAborted)
            : (ReadOnlyMemory<byte>.Empty, false);

        await AuthenticateAsync(http, settings.AuthenticationSchemes);
        var context = new SecurityContext(AegisPillars.Mcp, request.Method + " " + request.Path)
        {
            Principal = http.User,
            RequestId = http.TraceIdentifier,
            Services = http.RequestServices,
            Payload = body,
            PayloadContentType = request.ContentType,
        };
        context.SetAttribute(McpContextKeys.Http, new McpHttpRequestInfo
        {
            HttpMethod = request.Method.ToUpperInvariant(),
            Origin = request.Headers.Origin.ToString() is { Length: > 0 } origin ? origin : null,
            ProtocolVersionHeader = NullIfEmpty(request.Headers["MCP-Protocol-Version"].ToString()),
            MethodHeader = NullIfEmpty(request.Headers["Mcp-Method"].ToString()),
            NameHeader = NullIfEmpty(request.Headers["Mcp-Name"].ToString()),
            ContentLength = request.ContentLength,
            BodyTooLarge = tooLarge,
        });
        context.SetAttribute(McpContextKeys.Scope, _scope);
        if (sessionId.Length > 0)
        {
            context.SetAttribute(McpContextKeys.SessionId, sessionId);
        }

        try
        {
            var decision = await _guard.EvaluateTransportAsync(context, http.RequestAborted);
            var message = context.GetMessage();
            if (!decision.IsAllowed)
            {
                await WriteDenialAsync(http, decision, message, transport: true);
                return;
            }

            if (_full && message is { Kind: not McpMessageKind.Response })
            {
                decision = await _guard.EvaluateMessageAsync(context, http.RequestAborted);
                if (!decision.IsAllowed)
                {
                    if (message.IsToolCall)
                    {
                        await _guard.AuditToolCallAsync(context, new McpToolCallRecord(_scope.ServerId, message.TargetName!, McpGuard.HashArguments(message.Arguments), TimeSpan.Zero, 0, null), decision, http.RequestAborted);
                    }

                    await WriteDenialAsync(http, decision, message, transport: false);
                    return;
                }
            }

            context.TryGetAttribute<McpSessionRegistry.Reservation>(McpSessionCheck.ReservationKey, out var reservation);
            if (reservation is not null)
            {
                http.Response.OnStarting(static state =>
                {
                    var (response, held, logger) = ((HttpResponse, McpSessionRegistry.Reservation, ILogger))state;
                    if (response.StatusCode is >= 200 and < 300 && response.Headers[SessionHeader].ToString() is { Length: > 0 } issued)
                    {
                        held.Commit(issued);
                        McpLog.SessionStarted(logger, held.Principal);
                    }
                    else
                    {
                        held.Dispose();
                    }

                    return Task.CompletedTask;
                }, (http.Response, reservation, (ILogger)_logger));
            }

            if (body.Length > 0)
            {
                request.Body = new MemoryStream(body.ToArray(), writable: false);
                request.ContentLength = body.Length;
            }

            McpResponseFilter? filter = null;
            if (_full && (HttpMethods.IsPost(request.Method) || HttpMethods.IsGet(request.Method)))
            {
                filter = new McpResponseFilter(http, _guard, _budgets, context, message, _scope, settings.Output.MaxResultBytes + (64 * 1024), settings.Output.BlockedServerRequests, _logger);
                http.Response.Body = filter;
            }

            try
            {
                await _next(http);
                if (filter is not null)
                {
                    await filter.CompleteAsync();
                }
            }
            finally
            {
                reservation?.Dispose();
                if (filter is not null)
                {
                    http.Response.Body = filter.Inner;
                }
            }

            if (sessionId.Length > 0 && (HttpMethods.IsDelete(request.Method) || http.Response.StatusCode == StatusCodes.Status404NotFound))
            {
                EndSession(sessionId, HttpMethods.IsDelete(request.Method) ? "delete" : "not-found");
            }
        }
        finally
        {
            McpGuard.Release(context);
            McpEnvelopeCheck.DisposeDocument(context);
        }
    }

    internal void EndSession(string sessionId, string reason)
    {
        if (_sessions.Remove(sessionId))
        {
            _budgets.Remove("s:" + sessionId);
            McpLog.SessionEnded(_logger, reason, _sessions.Count);
        }
    }

    private static async Task WriteDenialAsync(HttpContext http, SecurityDecision decision, McpMessage? message, bool transport)
    {
        if (decision.StatusCode == StatusCodes.Status401Unauthorized)
        {
            http.Response.OnStarting(static state =>
            {
                ((HttpResponse)state).Headers.WWWAuthenticate = "ApiKey header=\"X-API-Key\", Bearer";
                return Task.CompletedTask;
            }, http.Response);
        }

        if (message is null || message.Kind == McpMessageKind.Response || (transport && message.Kind == McpMessageKind.Notification))
        {
            await AegisProblemResults.WriteDenialAsync(http, decision, AegisPillars.Mcp);
            return;
        }

        http.Features.Set<IAegisDecisionFeature>(new AegisDecisionFeature(decision, AegisPillars.Mcp));
        if (http.Response.HasStarted)
        {
            AegisProblemResults.Abort(http);
            return;
        }

        var error = McpDenial.ToErrorMessage(McpDenial.IdNode(message.Id), decision, http.TraceIdentifier);

        // Transport denials (authentication, session binding) keep their HTTP status so clients react (re-initialize
        // on 404, stop on 401/403); message-policy denials are JSON-RPC errors of a processed request (200).
        http.Response.StatusCode = transport || message.Kind == McpMessageKind.Notification ? decision.StatusCode : StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        http.Response.Headers.CacheControl = "no-store";
        if (decision.RetryAfter is { } retry)
        {
            http.Response.Headers.RetryAfter = McpDenial.RetryAfterHeader(retry);
        }

        await http.Response.WriteAsync(error.ToJsonString(), http.RequestAborted);
    }

    private static async Task<(ReadOnlyMemory<byte> Body, bool TooLarge)> ReadBodyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return (ReadOnlyMemory<byte>.Empty, true);
        }

        var buffer = new ArrayBufferWriter<byte>((int)Math.Min(request.ContentLength ?? 4096, limit) + 1);
        while (true)
        {
            var memory = buffer.GetMemory(4096);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > limit)
            {
                return (ReadOnlyMemory<byte>.Empty, true);
            }
        }

        return (buffer.WrittenMemory, false);
    }

    /// <summary>
    /// Authenticates with the configured schemes when nothing authenticated the request yet, and makes sure the
    /// principal carries a stable user id claim (the SDK binds sessions to NameIdentifier/sub/upn).
    /// </summary>
    private static async Task AuthenticateAsync(HttpContext http, IList<string> schemes)
    {
        if (http.User.Identity is not { IsAuthenticated: true })
        {
            foreach (var scheme in schemes)
            {
                AuthenticateResult result;
                try
                {
                    result = await http.AuthenticateAsync(scheme);
                }
                catch (InvalidOperationException)
                {
                    continue; // scheme not registered: it cannot authenticate anyone
                }

                if (result.Succeeded)
                {
                    http.User = result.Principal;
                    break;
                }

                if (result.Failure is not null)
                {
                    break; // a presented but invalid credential: do not fall through to another scheme
                }
            }
        }

        if (http.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } identity
            && http.User.FindFirst(ClaimTypes.NameIdentifier) is null && http.User.FindFirst("sub") is null)
        {
            var withId = new ClaimsIdentity(identity);
            withId.AddClaim(new Claim(ClaimTypes.NameIdentifier, name));
            var principal = new ClaimsPrincipal(withId);
            foreach (var other in http.User.Identities.Where(i => !ReferenceEquals(i, identity)))
            {
                principal.AddIdentity(other);
            }

            http.User = principal;
        }
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
