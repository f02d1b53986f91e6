using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AegisGate.Audit;
using AegisGate.Mcp.Filtering;
using AegisGate.Mcp.Resources;
using AegisGate.Pipeline;
using Microsoft.Extensions.Logging;

namespace AegisGate.Mcp;

/// <summary>
/// The one policy both entry points use. <c>UseAegisMcp()</c> and <c>AddAegisGuardrails()</c> build a
/// <see cref="SecurityContext"/> from the parsed message and ask the MCP pipelines; nothing here decides on its own.
/// </summary>
internal sealed class McpGuard
{
    private readonly SecurityPipelineProvider _pipelines;
    private readonly TimeProvider _time;
    private readonly ILogger<McpGuard> _logger;

    public McpGuard(SecurityPipelineProvider pipelines, TimeProvider time, ILogger<McpGuard> logger)
    {
        _pipelines = pipelines;
        _time = time;
        _logger = logger;
    }

    public TimeProvider Time => _time;

    public ValueTask<SecurityDecision> EvaluateTransportAsync(SecurityContext context, CancellationToken cancellationToken)
        => Pipeline(McpPipelines.Transport).EvaluateAsync(context, cancellationToken);

    public ValueTask<SecurityDecision> EvaluateMessageAsync(SecurityContext context, CancellationToken cancellationToken)
        => Pipeline(McpPipelines.Message).EvaluateAsync(context, cancellationToken);

    /// <summary>Filters output through the output pipeline; the (possibly rewritten) payload is in <paramref name="output"/>.</summary>
    public ValueTask<SecurityDecision> FilterOutputAsync(SecurityContext context, McpOutput output, CancellationToken cancellationToken)
    {
        context.SetAttribute(McpContextKeys.Output, output);
        return Pipeline(McpPipelines.Output).EvaluateAsync(context, cancellationToken);
    }

    /// <summary>Audits a tool execution (or its denial). For an allowed call a failed record is a denial.</summary>
    public async ValueTask<SecurityDecision> AuditToolCallAsync(SecurityContext context, McpToolCallRecord record, SecurityDecision decision, CancellationToken cancellationToken)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["server"] = record.ServerId,
            ["tool"] = record.Tool,
            ["argsSha256"] = record.ArgumentsHash,
            ["resultBytes"] = record.ResultBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (context.GetSessionId() is { } session)
        {
            // A session id is a handle a client presents: the record keeps a correlatable digest, not the handle.
            properties["session"] = SessionDigest(session);
        }

        if (record.RuleIds is { Length: > 0 } rules)
        {
            properties["rules"] = rules;
        }

        var auditContext = new SecurityContext(AegisPillars.Mcp, McpMethods.ToolsCall)
        {
            Principal = context.Principal,
            RequestId = context.RequestId,
            Services = context.Services,
        };
        auditContext.SetAttribute(McpContextKeys.AuditEvent, AuditEvent.FromDecision(_time.GetUtcNow(), auditContext, decision, record.Duration, properties));
        var audited = await Pipeline(McpPipelines.Audit).EvaluateAsync(auditContext, cancellationToken).ConfigureAwait(false);
        if (!audited.IsAllowed)
        {
            McpLog.AuditFailed(_logger, record.Tool, audited.Code);
        }

        return decision.IsAllowed ? audited : decision;
    }

    /// <summary>Creates the context of one message.</summary>
    public static SecurityContext CreateContext(ClaimsPrincipal? principal, McpMessage message, McpServerScope scope, string? sessionId, string? requestId, IServiceProvider? services)
    {
        var context = new SecurityContext(AegisPillars.Mcp, message.Method ?? "response")
        {
            Principal = principal,
            RequestId = requestId,
            Services = services,
        };
        context.SetAttribute(McpContextKeys.Message, message);
        context.SetAttribute(McpContextKeys.Scope, scope);
        if (!string.IsNullOrEmpty(sessionId))
        {
            context.SetAttribute(McpContextKeys.SessionId, sessionId);
        }

        return context;
    }

    /// <summary>Releases what an admitted call holds (its budget lease). Safe to call more than once.</summary>
    public static void Release(SecurityContext context)
    {
        if (context.TryGetAttribute<McpCallLease>(McpContextKeys.Lease, out var lease))
        {
            lease?.Dispose();
        }
    }

    /// <summary>The digest of a session id used in audit records (<c>sha256:</c> + 16 hex digits).</summary>
    public static string SessionDigest(string sessionId)
        => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)).AsSpan(0, 8));

    /// <summary>Hashes arguments for the audit record (never the arguments themselves).</summary>
    public static string HashArguments(JsonElement arguments)
        => arguments.ValueKind == JsonValueKind.Undefined
            ? "none"
            : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(arguments.GetRawText())));

    private SecurityPipeline Pipeline(string name) => _pipelines.GetPipeline(name);
}

/// <summary>What the audit record of one tool call holds.</summary>
internal sealed record McpToolCallRecord(string ServerId, string Tool, string ArgumentsHash, TimeSpan Duration, long ResultBytes, string? RuleIds);
