using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using AegisGate.Mcp.Filtering;
using AegisGate.Mcp.Resources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AegisGate.Mcp.Sdk;

/// <summary>
/// The guardrails as official C# SDK filters, so in-process servers on any transport (Streamable HTTP, stdio,
/// streams) are guarded by the same pipelines as <c>UseAegisMcp()</c>:
/// <list type="bullet">
/// <item><description>incoming message filter: every client request passes the message pipeline (authentication,
/// method and version allowlists, tool authorization, pinning, input validation, rate limits, budgets) before the
/// SDK routes it; a denial becomes a JSON-RPC error with the code in <c>error.data.code</c>;</description></item>
/// <item><description>request filters: tool calls run under the per-call timeout, their results (and
/// <c>resources/read</c>, <c>prompts/get</c>, <c>tools/list</c> answers) pass the output pipeline, and every tool
/// execution is audited;</description></item>
/// <item><description>outgoing message filter: server notifications are filtered, server-to-client sampling and
/// elicitation requests are blocked.</description></item>
/// </list>
/// </summary>
internal sealed class AegisMcpSdkFilters
{
    private const string StateKey = "aegisgate.mcp.state";
    private readonly McpGuard _guard;
    private readonly SdkToolResolver _resolver;
    private readonly McpSessionBudgets _budgets;
    private readonly IOptionsMonitor<AegisMcpOptions> _options;
    private readonly ILogger<AegisMcpSdkFilters> _logger;
    private readonly ConditionalWeakTable<JsonRpcMessage, CallState> _states = [];

    public AegisMcpSdkFilters(McpGuard guard, SdkToolResolver resolver, McpSessionBudgets budgets, IOptionsMonitor<AegisMcpOptions> options, ILogger<AegisMcpSdkFilters> logger)
    {
        _guard = guard;
        _resolver = resolver;
        _budgets = budgets;
        _options = options;
        _logger = logger;
    }

    public McpMessageHandler Incoming(McpMessageHandler next) => async (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is not (JsonRpcRequest or JsonRpcNotification))
        {
            await next(context, cancellationToken);
            return;
        }

        var (method, parameters, id) = context.JsonRpcMessage switch
        {
            JsonRpcRequest request => (request.Method, request.Params, (JsonNode?)JsonSerializer.SerializeToNode(request.Id, McpJsonUtilities.DefaultOptions)),
            JsonRpcNotification notification => (notification.Method, notification.Params, null),
            _ => throw new UnreachableException(),
        };

        var (state, denial) = await AdmitAsync(context, method, parameters, id, cancellationToken);
        if (state is null)
        {
            if (context.JsonRpcMessage is JsonRpcRequest)
            {
                throw McpDenial.ToException(denial);
            }

            return; // A denied notification is dropped: notifications have no response.
        }

        try
        {
            context.Items[StateKey] = state;
            _states.AddOrUpdate(context.JsonRpcMessage, state);
            await next(context, cancellationToken);
        }
        finally
        {
            McpGuard.Release(state.Context);
            state.Dispose();
        }
    };

    public McpMessageHandler Outgoing(McpMessageHandler next) => async (context, cancellationToken) =>
    {
        switch (context.JsonRpcMessage)
        {
            case JsonRpcRequest request when _options.CurrentValue.Output.BlockedServerRequests.Contains(request.Method):
                McpLog.ServerRequestBlocked(_logger, request.Method);
                throw McpDenial.ToException(SecurityDecision.Deny(McpErrorCodes.ServerRequestBlocked, "Server-to-client requests of this kind are blocked by policy."));
            case JsonRpcNotification notification when notification.Params is not null:
                var output = new McpOutput(notification.Method, notification.Params.DeepClone(), isNotification: true);
                var context2 = new SecurityContext(AegisPillars.Mcp, notification.Method) { Principal = context.User, Services = context.Services };
                context2.SetAttribute(McpContextKeys.Scope, _resolver.ScopeFor(context.Server));
                var decision = await _guard.FilterOutputAsync(context2, output, cancellationToken);
                if (!decision.IsAllowed)
                {
                    McpLog.NotificationWithheld(_logger, notification.Method, decision.Code);
                    return;
                }

                if (output.Modified)
                {
                    context.JsonRpcMessage = new JsonRpcNotification { Method = notification.Method, Params = output.Payload, Context = notification.Context };
                }

                break;
        }

        await next(context, cancellationToken);
    };

    public McpRequestHandler<CallToolRequestParams, CallToolResult> CallTool(McpRequestHandler<CallToolRequestParams, CallToolResult> next) => async (request, cancellationToken) =>
    {
        var state = StateOf(request);
        var message = state.Message;
        var scope = state.Context.GetScope()!;
        var started = _guard.Time.GetTimestamp();
        var tool = message.TargetName!;
        var argumentsHash = McpGuard.HashArguments(message.Arguments);
        var serverId = state.Context.TryGetAttribute<Tools.McpToolDefinition>(McpContextKeys.Tool, out var definition) && definition is not null ? definition.ServerId : scope.ServerId;

        using var timeout = new CancellationTokenSource(_options.CurrentValue.Budgets.CallTimeout, _guard.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        CallToolResult result;
        try
        {
            result = await next(request, linked.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var denied = SecurityDecision.Deny(McpErrorCodes.CallTimeout, "The tool call did not finish in time.", 504);
            await _guard.AuditToolCallAsync(state.Context, new(serverId, tool, argumentsHash, _guard.Time.GetElapsedTime(started), 0, null), denied, cancellationToken);
            throw McpDenial.ToException(denied);
        }

        var node = JsonSerializer.SerializeToNode(result, McpJsonUtilities.DefaultOptions);
        var output = new McpOutput(McpMethods.ToolsCall, node, isNotification: false);
        var decision = await _guard.FilterOutputAsync(state.Context, output, cancellationToken);
        if (decision.IsAllowed && state.Context.TryGetAttribute<McpCallLease>(McpContextKeys.Lease, out var lease) && lease is not null)
        {
            decision = _budgets.ChargeOutput(lease, output.ByteLength);
        }

        var record = new McpToolCallRecord(serverId, tool, argumentsHash, _guard.Time.GetElapsedTime(started), output.ByteLength, output.RuleIds);
        decision = await _guard.AuditToolCallAsync(state.Context, record, decision, cancellationToken);
        if (!decision.IsAllowed)
        {
            throw McpDenial.ToException(decision);
        }

        return output.Modified ? output.Payload.Deserialize<CallToolResult>(McpJsonUtilities.DefaultOptions)! : result;
    };

    public McpRequestHandler<ListToolsRequestParams, ListToolsResult> ListTools(McpRequestHandler<ListToolsRequestParams, ListToolsResult> next)
        => FilterResult(next, McpMethods.ToolsList);

    public McpRequestHandler<ReadResourceRequestParams, ReadResourceResult> ReadResource(McpRequestHandler<ReadResourceRequestParams, ReadResourceResult> next)
        => FilterResult(next, McpMethods.ResourcesRead);

    public McpRequestHandler<GetPromptRequestParams, GetPromptResult> GetPrompt(McpRequestHandler<GetPromptRequestParams, GetPromptResult> next)
        => FilterResult(next, McpMethods.PromptsGet);

    private McpRequestHandler<TParams, TResult> FilterResult<TParams, TResult>(McpRequestHandler<TParams, TResult> next, string method)
        where TResult : class
        => async (request, cancellationToken) =>
        {
            var state = StateOf(request);
            var result = await next(request, cancellationToken);
            var output = new McpOutput(method, JsonSerializer.SerializeToNode(result, McpJsonUtilities.DefaultOptions), isNotification: false);
            var decision = await _guard.FilterOutputAsync(state.Context, output, cancellationToken);
            if (!decision.IsAllowed)
            {
                throw McpDenial.ToException(decision);
            }

            return output.Modified ? output.Payload.Deserialize<TResult>(McpJsonUtilities.DefaultOptions)! : result;
        };

    private CallState StateOf(MessageContext request)
    {
        if (request.Items.TryGetValue(StateKey, out var value) && value is CallState state)
        {
            return state;
        }

        if (_states.TryGetValue(request.JsonRpcMessage, out var tracked))
        {
            return tracked;
        }

        // The request filters run without the incoming filter's admission: fail closed.
        throw McpDenial.ToException(SecurityDecision.Deny(AegisErrorCodes.InternalError, "The request was not admitted by AegisGate; it is denied.", 500));
    }

    private async ValueTask<(CallState? State, SecurityDecision Denial)> AdmitAsync(MessageContext context, string method, JsonNode? parameters, JsonNode? id, CancellationToken cancellationToken)
    {
        var settings = _options.CurrentValue;
        JsonDocument? paramsDocument = null;
        byte[] bytes = parameters is null ? [] : JsonSerializer.SerializeToUtf8Bytes(parameters, McpJsonUtilities.DefaultOptions);
        if (parameters is not null)
        {
            try
            {
                paramsDocument = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = settings.Http.MaxJsonDepth });
            }
            catch (JsonException)
            {
                return (null, SecurityDecision.Deny(McpErrorCodes.JsonTooDeep, "The JSON nesting depth exceeds the limit.", 400));
            }
        }

        using var idDocument = id is null ? null : JsonDocument.Parse(id.ToJsonString());
        if (!McpMessage.TryFromParts(method, idDocument?.RootElement.Clone() ?? default, paramsDocument?.RootElement ?? default, bytes.Length, out var message, out var malformed))
        {
            paramsDocument?.Dispose();
            return (null, malformed);
        }

        var principal = PrincipalOf(context, settings);
        var securityContext = McpGuard.CreateContext(principal, message!, _resolver.ScopeFor(context.Server), context.Server.SessionId, requestId: null, context.Services);
        var result = await _guard.EvaluateMessageAsync(securityContext, cancellationToken);
        if (!result.IsAllowed)
        {
            McpGuard.Release(securityContext);
            if (message!.IsToolCall)
            {
                var record = new McpToolCallRecord(securityContext.GetScope()!.ServerId, message.TargetName!, McpGuard.HashArguments(message.Arguments), TimeSpan.Zero, 0, null);
                await _guard.AuditToolCallAsync(securityContext, record, result, cancellationToken);
            }

            McpLog.Denied(_logger, method, result.Code, securityContext.PrincipalId ?? "anonymous");
            paramsDocument?.Dispose();
            return (null, result);
        }

        return (new CallState(securityContext, message!, paramsDocument), result);
    }

    private static ClaimsPrincipal? PrincipalOf(MessageContext context, AegisMcpOptions settings)
    {
        if (context.User?.Identity is { IsAuthenticated: true })
        {
            return context.User;
        }

        // Clients of stdio/stream servers authenticate through the operating system, not HTTP. A message counts as
        // local only when it came through a stream transport (HTTP transports always attach their own transport).
        var related = context.JsonRpcMessage.Context?.RelatedTransport;
        var local = related is StreamServerTransport
            || (related is null && context.Services?.GetService(typeof(ITransport)) is StreamServerTransport
                && (context.Services.GetService(typeof(Microsoft.AspNetCore.Http.IHttpContextAccessor)) as Microsoft.AspNetCore.Http.IHttpContextAccessor)?.HttpContext is null);
        if (settings.LocalPrincipal is { Length: > 0 } localName && local)
        {
            var identity = new ClaimsIdentity("aegis-local", ClaimTypes.Name, ClaimTypes.Role);
            identity.AddClaim(new Claim(ClaimTypes.Name, localName));
            foreach (var role in settings.LocalPrincipalRoles)
            {
                identity.AddClaim(new Claim(ClaimTypes.Role, role));
            }

            return new ClaimsPrincipal(identity);
        }

        return null;
    }

    private sealed class CallState(SecurityContext context, McpMessage message, JsonDocument? document) : IDisposable
    {
        public SecurityContext Context { get; } = context;

        public McpMessage Message { get; } = message;

        public void Dispose() => document?.Dispose();
    }
}
