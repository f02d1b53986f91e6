using System.Globalization;
using AegisGate.AspNetCore.Authentication;
using AegisGate.AspNetCore.Authorization;
using AegisGate.AspNetCore.Http;
using AegisGate.Compliance;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AegisGate.AspNetCore.Compliance;

/// <summary>
/// The HTTP pillar's compliance evidence, from its live (last good) options and state: <c>http.authentication</c>,
/// <c>http.rbac</c>, <c>http.rate-limiting</c>, <c>http.request-limits</c>, <c>http.request-scanning</c> and
/// <c>http.response-redaction</c>. Nothing holds unless <c>UseAegisHttp()</c>'s middleware is in a request pipeline;
/// scanning and redaction also need a content scanner and a default scan policy that acts on findings.
/// </summary>
internal sealed class HttpEvidenceProvider(AegisHttpRuntime runtime, IServiceProvider services) : IComplianceEvidenceProvider
{
    private static readonly string[] Ids =
    [
        ComplianceEvidenceIds.HttpAuthentication,
        ComplianceEvidenceIds.HttpRbac,
        ComplianceEvidenceIds.HttpRateLimiting,
        ComplianceEvidenceIds.HttpRequestLimits,
        ComplianceEvidenceIds.HttpRequestScanning,
        ComplianceEvidenceIds.HttpResponseRedaction,
    ];

    public string Name => "http";

    public ValueTask CollectAsync(ComplianceEvidenceCollector evidence, CancellationToken cancellationToken)
    {
        if (!runtime.MiddlewareInstalled)
        {
            foreach (var id in Ids)
            {
                evidence.NotSatisfied(id, "AddAegisHttp() is registered but UseAegisHttp() is not in the request pipeline: nothing is authenticated, authorized, limited or scanned.");
            }

            return ValueTask.CompletedTask;
        }

        var options = runtime.Snapshot.Options;
        CollectAccess(evidence, options);
        CollectLimits(evidence, options);
        CollectScanning(evidence, options);
        return ValueTask.CompletedTask;
    }

    private void CollectAccess(ComplianceEvidenceCollector evidence, AegisHttpOptions options)
    {
        var keys = services.GetService<IOptionsMonitor<AegisApiKeyOptions>>()?.Get(AegisApiKeyDefaults.AuthenticationScheme).Keys.Count ?? 0;
        var schemes = options.Authentication.AcceptedSchemes.Count == 0 ? string.Empty : $" or an accepted scheme ({string.Join(", ", options.Authentication.AcceptedSchemes)})";
        var publicEndpoints = PublicEndpoints();
        evidence.Satisfied(ComplianceEvidenceIds.HttpAuthentication, Invariant(
            $"UseAegisHttp() requires an authenticated principal on every request: X-API-Key ({keys} key(s), SHA-256 hashed, compared in constant time){schemes}. {(publicEndpoints.Count == 0 ? "No endpoint is public" : $"{publicEndpoints.Count} endpoint(s) are explicitly public and audited at start: {string.Join(", ", publicEndpoints)}")}."));

        var defaultPermission = options.Authorization.DefaultPermission;
        evidence.Satisfied(ComplianceEvidenceIds.HttpRbac, Invariant(
            $"Endpoints require permissions granted by role ({AegisRoles.BuiltIn.Keys.Union(options.Authorization.Roles.Keys, StringComparer.Ordinal).Count()} role(s)); endpoints without a permission and unmatched routes {(defaultPermission is null ? "are denied (AEGIS_RBAC_NO_POLICY)" : $"need '{defaultPermission}'")}."));

        var rate = options.RateLimit;
        if (rate.Enabled)
        {
            evidence.Satisfied(ComplianceEvidenceIds.HttpRateLimiting, Invariant(
                $"A token bucket per principal: burst {rate.TokenLimit}, {rate.TokensPerPeriod} per {rate.ReplenishmentPeriod.TotalSeconds:0.###} s (429 AEGIS_RATE_LIMITED)."));
        }
        else
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.HttpRateLimiting, "Rate limiting is off (AegisGate:Http:RateLimit:Enabled = false).");
        }
    }

    private static void CollectLimits(ComplianceEvidenceCollector evidence, AegisHttpOptions options)
    {
        var limits = options.Limits;
        evidence.Satisfied(ComplianceEvidenceIds.HttpRequestLimits, Invariant(
            $"Request bodies ≤ {limits.MaxRequestBodyBytes} bytes as sent and ≤ {limits.MaxDecodedBodyBytes} decoded (decompression ratio ≤ {limits.MaxDecompressionRatio}), JSON depth ≤ {limits.MaxJsonDepth}, ≤ {limits.MaxFormFields} form fields, parts or query parameters; buffered responses ≤ {limits.MaxResponseBodyBytes} bytes, events ≤ {limits.MaxSseEventBytes} bytes."));
    }

    private void CollectScanning(ComplianceEvidenceCollector evidence, AegisHttpOptions options)
    {
        if (runtime.Scanner is null)
        {
            const string noScanner = "No content scanner (IContentScanner) is registered: content that needs scanning is denied (AEGIS_SCANNER_UNAVAILABLE), not scanned. Register the detection engine.";
            evidence.NotSatisfied(ComplianceEvidenceIds.HttpRequestScanning, noScanner);
            evidence.NotSatisfied(ComplianceEvidenceIds.HttpResponseRedaction, noScanner);
            return;
        }

        var policy = options.Scanning;
        var weakerRequests = Weaker(options, static p => p.Request < AegisScanAction.Redact || p.UnscannableRequest == AegisUnscannableContent.Allow, static p => $"request {p.Request}, unscannable {p.UnscannableRequest}");
        var weakerResponses = Weaker(options, static p => p.Response < AegisScanAction.Redact || p.UnscannableResponse == AegisUnscannableContent.Allow, static p => $"response {p.Response}, unscannable {p.UnscannableResponse}");

        if (policy.Request < AegisScanAction.Redact)
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.HttpRequestScanning, $"The default scan policy only monitors request bodies (AegisGate:Http:Scanning:Request = {policy.Request}): findings are audited but pass.");
        }
        else if (policy.UnscannableRequest == AegisUnscannableContent.Allow)
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.HttpRequestScanning, "The default scan policy lets request bodies that cannot be scanned (binary) pass unscanned (AegisGate:Http:Scanning:UnscannableRequest = Allow).");
        }
        else
        {
            evidence.Satisfied(ComplianceEvidenceIds.HttpRequestScanning, Invariant(
                $"Request bodies are scanned ({policy.Request}), the query string ({policy.Query}){(policy.Headers.Count > 0 ? $" and {policy.Headers.Count} header(s) ({policy.HeaderAction})" : string.Empty)}; unscannable bodies are denied.{weakerRequests}"));
        }

        if (policy.Response < AegisScanAction.Redact)
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.HttpResponseRedaction, $"The default scan policy does not redact responses (AegisGate:Http:Scanning:Response = {policy.Response}): PII and secrets in responses pass.");
        }
        else if (policy.UnscannableResponse == AegisUnscannableContent.Allow)
        {
            evidence.NotSatisfied(ComplianceEvidenceIds.HttpResponseRedaction, "The default scan policy lets responses that cannot be scanned (binary) pass unscanned (AegisGate:Http:Scanning:UnscannableResponse = Allow).");
        }
        else
        {
            evidence.Satisfied(ComplianceEvidenceIds.HttpResponseRedaction, Invariant(
                $"PII and secrets in responses are {(policy.Response == AegisScanAction.Block ? "withheld" : "redacted")} before any byte leaves (buffered JSON/text and event streams); unscannable responses are withheld.{weakerResponses}"));
        }
    }

    /// <summary>Lists the named scan policies that scan less than the default requires (per-route exceptions), for the detail.</summary>
    private static string Weaker(AegisHttpOptions options, Func<AegisScanPolicyOptions, bool> weaker, Func<AegisScanPolicyOptions, string> describe)
    {
        var names = new List<string>();
        foreach (var (name, policy) in options.ScanPolicies)
        {
            if (policy is not null && weaker(policy))
            {
                names.Add($"'{name}' ({describe(policy)})");
            }
        }

        return names.Count == 0 ? string.Empty : $" Named policies that scan less on the routes that select them: {string.Join(", ", names)}.";
    }

    private List<string> PublicEndpoints()
    {
        var names = new List<string>();
        if (services.GetService<EndpointDataSource>() is { } source)
        {
            foreach (var endpoint in source.Endpoints)
            {
                var policy = EndpointSecurityPolicy.For(endpoint);
                if (policy.IsPublic)
                {
                    names.Add($"{policy.Operation} ({policy.PublicReason})");
                }
            }
        }

        return names;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
