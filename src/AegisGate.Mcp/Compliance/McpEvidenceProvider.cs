using System.Globalization;
using System.Net;
using AegisGate.Compliance;
using AegisGate.Detection;
using AegisGate.Mcp.Http;
using AegisGate.Mcp.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AegisGate.Mcp.Compliance;

/// <summary>
/// The MCP pillar's compliance evidence, from its live options and registrations: <c>mcp.tool-authorization</c> (the
/// message policy runs and an authorizer with grants is configured), <c>mcp.output-scanning</c> (the output policy
/// runs with a content scanner), <c>mcp.supply-chain</c> (tool pins persisted to a lock file, descriptions screened,
/// stdio servers pinned by hash) and <c>mcp.origin-allowlist</c> (<c>UseAegisMcp()</c> checks <c>Origin</c>; no
/// plain-HTTP origin outside loopback).
/// </summary>
internal sealed class McpEvidenceProvider(IServiceProvider services, IOptionsMonitor<AegisMcpOptions> options, McpGuardState state) : IComplianceEvidenceProvider
{
    public string Name => "mcp";

    public ValueTask CollectAsync(ComplianceEvidenceCollector evidence, CancellationToken cancellationToken)
    {
        var current = options.CurrentValue;
        var endpoints = state.Endpoints;
        var sdkFilters = services.GetService<AegisMcpGuardrailsMarker>() is not null;
        var full = endpoints.Where(static e => e.Mode == McpGuardMode.Full).Select(static e => e.Path).ToList();
        var guards = new List<string>();
        if (sdkFilters)
        {
            guards.Add("the SDK filters (AddAegisGuardrails())");
        }

        if (full.Count > 0)
        {
            guards.Add($"UseAegisMcp() in Full mode at {string.Join(", ", full)}");
        }

        var guardedBy = string.Join(" and ", guards);
        if (guards.Count == 0)
        {
            const string unguarded = "AddAegisMcp() is registered, but neither AddAegisGuardrails() nor UseAegisMcp() in Full mode runs the MCP message and output policy: tool calls and results are not guarded.";
            evidence.NotSatisfied(ComplianceEvidenceIds.McpToolAuthorization, unguarded);
            evidence.NotSatisfied(ComplianceEvidenceIds.McpOutputScanning, unguarded);
            evidence.NotSatisfied(ComplianceEvidenceIds.McpSupplyChain, unguarded);
        }
        else
        {
            CollectAuthorization(evidence, current, guardedBy);
            CollectOutput(evidence, current, guardedBy);
            CollectSupplyChain(evidence, current);
        }

        CollectOrigins(evidence, current, endpoints);
        return ValueTask.CompletedTask;
    }

    private void CollectAuthorization(ComplianceEvidenceCollector evidence, AegisMcpOptions current, string guardedBy)
    {
        var authorizer = services.GetService<IMcpToolAuthorizer>();
        var matrix = current.Authorization;
        if (authorizer is null)
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.McpToolAuthorization, "No tool authorizer (IMcpToolAuthorizer) is registered: every tool is denied (MCP_TOOL_AUTHORIZER_MISSING).");
        }
        else if (authorizer is RiskMatrixToolAuthorizer && matrix.Roles.Count == 0 && matrix.Principals.Count == 0)
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.McpToolAuthorization, "The tool risk matrix grants nothing (AegisGate:Mcp:Authorization:Roles and Principals are empty): no authorization policy is configured and every tool is denied.");
        }
        else
        {
            var how = authorizer is RiskMatrixToolAuthorizer
                ? string.Create(CultureInfo.InvariantCulture, $"the risk matrix ({matrix.Roles.Count} role grant(s), {matrix.Principals.Count} principal grant(s), {matrix.Tools.Count} tool polic(ies); untrusted tools are {matrix.UntrustedToolRisk})")
                : $"the custom authorizer {authorizer.GetType().Name}";
            evidence.Satisfied(ComplianceEvidenceIds.McpToolAuthorization, $"Every tools/call is authorized by {how}, run by {guardedBy}; tools/list shows each caller only the tools it may call.");
        }
    }

    private void CollectOutput(ComplianceEvidenceCollector evidence, AegisMcpOptions current, string guardedBy)
    {
        if (services.GetService<IContentScanner>() is null)
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.McpOutputScanning, "No content scanner (IContentScanner) is registered: tool output that needs scanning is withheld, not scanned. Register the detection engine.");
            return;
        }

        var output = current.Output;
        evidence.Satisfied(ComplianceEvidenceIds.McpOutputScanning, string.Create(CultureInfo.InvariantCulture,
            $"Tool results, resources, prompts and notifications are scanned by {guardedBy} before they reach the client: secrets and PII redacted, indirect prompt injection {(output.Injection == McpInjectionAction.Block ? "blocked" : "flagged (passed with a warning in _meta)")}, terminal control sequences {(output.StripControlSequences ? "stripped" : "kept")}, results ≤ {output.MaxResultBytes} bytes; server requests blocked: {(output.BlockedServerRequests.Count == 0 ? "none" : string.Join(", ", output.BlockedServerRequests))}."));
    }

    private static void CollectSupplyChain(ComplianceEvidenceCollector evidence, AegisMcpOptions current)
    {
        var supply = current.SupplyChain;
        var unpinned = current.Stdio.Servers.Where(static s => s.Value is { CommandSha256: null, PackageSha256: null }).Select(static s => s.Key).ToList();
        if (string.IsNullOrWhiteSpace(supply.LockFile))
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.McpSupplyChain, "Tool definitions are pinned in memory only (AegisGate:Mcp:SupplyChain:LockFile is not set): after a restart every tool is trusted again on first use.");
        }
        else if (!supply.ScanDescriptions)
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.McpSupplyChain, "Tool descriptions are not screened for poisoning (AegisGate:Mcp:SupplyChain:ScanDescriptions = false).");
        }
        else if (unpinned.Count > 0)
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.McpSupplyChain, $"Stdio server(s) {string.Join(", ", unpinned)} are launched without a pinned executable or package hash (CommandSha256 / PackageSha256).");
        }
        else
        {
            evidence.Satisfied(ComplianceEvidenceIds.McpSupplyChain, string.Create(CultureInfo.InvariantCulture,
                $"Tool definitions are pinned by SHA-256 ({(supply.Mode == McpPinMode.LockFile ? "lock-file mode: only pinned tools" : "trust on first use")}, persisted to {supply.LockFile}); a changed definition is hidden and denied until approved; descriptions are screened for poisoning; {current.Stdio.Servers.Count} stdio server(s) allow-listed, each pinned by hash."));
        }
    }

    private static void CollectOrigins(ComplianceEvidenceCollector evidence, AegisMcpOptions current, IReadOnlyList<McpGuardedEndpoint> endpoints)
    {
        if (endpoints.Count == 0)
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.McpOriginAllowlist, "UseAegisMcp() is not in the request pipeline: the Origin header of MCP requests is not checked (the MCP SDK does not check it).");
            return;
        }

        var allowed = current.Http.AllowedOrigins;
        var plain = allowed.Where(static o => Uri.TryCreate(o, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri)).ToList();
        if (plain.Count > 0)
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.McpOriginAllowlist, $"Plain-HTTP origins outside loopback are allowed (AegisGate:Mcp:Http:AllowedOrigins): {string.Join(", ", plain)}.");
            return;
        }

        evidence.Satisfied(ComplianceEvidenceIds.McpOriginAllowlist, string.Create(CultureInfo.InvariantCulture,
            $"UseAegisMcp() at {string.Join(", ", endpoints.Select(static e => e.Path).Distinct(StringComparer.Ordinal))} denies requests whose Origin is not allow-listed ({(allowed.Count == 0 ? "none allowed: browser requests are denied" : string.Join(", ", allowed))}); requests without an Origin (non-browser clients) are {(current.Http.AllowMissingOrigin ? "allowed" : "denied")}."));
    }

    private static bool IsLoopback(Uri uri)
        => uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
