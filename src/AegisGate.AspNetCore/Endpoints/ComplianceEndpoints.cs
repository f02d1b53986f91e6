using System.Globalization;
using System.Text;
using AegisGate;
using AegisGate.AspNetCore;
using AegisGate.AspNetCore.Authorization;
using AegisGate.AspNetCore.Http;
using AegisGate.Audit;
using AegisGate.Compliance;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps AegisGate's compliance report API.</summary>
public static class AegisComplianceApiEndpointExtensions
{
    /// <summary>The default route pattern.</summary>
    public const string DefaultPattern = "/api/v1/compliance/{framework}";

    /// <summary>The media type of Markdown reports.</summary>
    public const string MarkdownMediaType = "text/markdown";

    private const string FrameworkParameter = "framework";
    private const string Operation = "compliance.report";
    private static readonly string[] Offered = ["application/json", MarkdownMediaType, "text/plain"];

    /// <summary>
    /// Maps <c>GET /api/v1/compliance/{framework}</c> (permission <c>compliance:read</c>): evaluates the framework
    /// (<c>mitre-atlas</c>, <c>nist-ai-rmf</c>, <c>owasp-llm</c>, <c>iso27001</c>, <c>soc2</c>, <c>hipaa</c>, <c>gdpr</c>,
    /// <c>pci-dss</c> or a registered custom one) against the live evidence and answers the report: JSON by default,
    /// Markdown with <c>Accept: text/markdown</c> or <c>?format=markdown</c> (plain text with <c>text/plain</c> or
    /// <c>?format=text</c>). A report is 200 whether it passes or fails; an unregistered framework is 404
    /// <c>AEGIS_COMPLIANCE_UNREGISTERED</c> (the check is failed, never passed). Every report is audited. Needs
    /// <c>AddAegisCompliance()</c> and <c>UseAegisHttp()</c> before it.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="pattern">The route pattern; it must have a <c>{framework}</c> parameter.</param>
    /// <returns>The endpoint convention builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="pattern"/> has no <c>{framework}</c> parameter.</exception>
    /// <exception cref="InvalidOperationException">Compliance reporting is not registered (<c>AddAegisCompliance()</c>).</exception>
    public static RouteHandlerBuilder MapAegisComplianceApi(this IEndpointRouteBuilder endpoints, string pattern = DefaultPattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        if (RoutePatternFactory.Parse(pattern).GetParameter(FrameworkParameter) is null)
        {
            throw new ArgumentException($"The compliance API's route pattern needs a {{{FrameworkParameter}}} parameter.", nameof(pattern));
        }

        if (endpoints.ServiceProvider.GetService<IServiceProviderIsService>() is { } isService && !isService.IsService(typeof(ComplianceEvaluator)))
        {
            throw new InvalidOperationException("MapAegisComplianceApi() needs compliance reporting: call builder.Services.AddAegisGate(...).AddAegisCompliance() first.");
        }

        var builder = endpoints.MapGet(pattern, (Func<HttpContext, Task>)HandleAsync);
        builder.Produces(StatusCodes.Status200OK, responseType: null, Offered[0], Offered[1..])
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("AegisComplianceReport")
            .WithTags("AegisGate")
            .WithSummary("Evaluate a compliance framework against the live configuration and evidence.")
            .WithDescription("Returns pass/fail per control of the framework (mitre-atlas, nist-ai-rmf, owasp-llm, iso27001, soc2, hipaa, gdpr, pci-dss or a registered custom one) with the evidence considered and the evidence missing. JSON by default; Markdown with Accept: text/markdown or ?format=markdown. An unregistered framework is 404 AEGIS_COMPLIANCE_UNREGISTERED. Requires the 'compliance:read' permission (X-API-Key).")
            .RequireAegisPermission(AegisPermissions.ComplianceRead);
        return builder;
    }

    private static async Task HandleAsync(HttpContext context)
    {
        try
        {
            if (context.Features.Get<HttpRequestState>() is not { Principal: not null } state)
            {
                // Without UseAegisHttp() nothing authenticated or authorized this request.
                await DenyAsync(context, SecurityDecision.Deny(AegisErrorCodes.InternalError, "The compliance API requires UseAegisHttp() in the request pipeline.", 500)).ConfigureAwait(false);
                return;
            }

            if (!TryNegotiate(context.Request, out var format))
            {
                await DenyAsync(context, SecurityDecision.Deny(HttpErrorCodes.ComplianceRequestInvalid, "'format' must be json, markdown or text (or send Accept: application/json, text/markdown or text/plain).", 400)).ConfigureAwait(false);
                return;
            }

            var services = context.RequestServices;
            var evaluator = services.GetRequiredService<ComplianceEvaluator>();
            var runtime = services.GetRequiredService<AegisHttpRuntime>();
            var start = runtime.TimeProvider.GetTimestamp();
            var report = await evaluator.EvaluateAsync(context.GetRouteValue(FrameworkParameter) as string ?? string.Empty, context.RequestAborted).ConfigureAwait(false);
            var decision = report.IsRegistered
                ? SecurityDecision.Allow()
                : SecurityDecision.Deny(report.ErrorCode!, $"The compliance framework is not registered; the check fails. Registered: {string.Join(", ", evaluator.Registry.Frameworks.Select(static f => f.Id))}.", 404);
            var audit = await runtime.RecordAsync(
                new AuditEvent
                {
                    Timestamp = runtime.TimeProvider.GetUtcNow(),
                    RequestId = context.TraceIdentifier,
                    Principal = state.PrincipalId,
                    Pillar = AegisPillars.Http,
                    Operation = Operation,
                    Decision = decision.IsAllowed ? "allow" : "deny",
                    Code = decision.Code,
                    Check = "compliance",
                    LatencyMs = runtime.TimeProvider.GetElapsedTime(start).TotalMilliseconds,
                    Properties = new Dictionary<string, string>(StringComparer.Ordinal)
                    {
                        ["framework"] = report.FrameworkId,
                        ["status"] = report.Status == ComplianceStatus.Pass ? "pass" : "fail",
                        ["passed"] = string.Create(CultureInfo.InvariantCulture, $"{report.PassedCount}/{report.Controls.Count}"),
                    },
                },
                CancellationToken.None).ConfigureAwait(false);
            if (decision.IsDenied)
            {
                // A failure to audit a denial is logged by the audit trail; the denial stands.
                await DenyAsync(context, decision).ConfigureAwait(false);
                return;
            }

            if (audit.IsDenied)
            {
                await DenyAsync(context, audit).ConfigureAwait(false);
                return;
            }

            var (body, mediaType) = format switch
            {
                ComplianceReportFormat.Markdown => (Encoding.UTF8.GetBytes(ComplianceReportWriter.Write(report, format)), MarkdownMediaType),
                ComplianceReportFormat.Text => (Encoding.UTF8.GetBytes(ComplianceReportWriter.Write(report, format)), "text/plain"),
                _ => (ComplianceReportWriter.WriteJson(report), "application/json"),
            };
            var response = context.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = mediaType + "; charset=utf-8";
            response.ContentLength = body.Length;
            response.Headers.CacheControl = "no-store";
            response.Headers.Vary = HeaderNames.Accept;
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AegisComplianceApiEndpointExtensions).FullName!).ComplianceApiFailed(ex);
            await DenyAsync(context, SecurityDecision.Deny(AegisErrorCodes.InternalError, "The compliance report failed unexpectedly.", 500)).ConfigureAwait(false);
        }
    }

    /// <summary>Chooses the format: <c>?format=</c> wins; otherwise the <c>Accept</c> header (highest quality, most specific range; JSON on ties and by default).</summary>
    internal static bool TryNegotiate(HttpRequest request, out ComplianceReportFormat format)
    {
        format = ComplianceReportFormat.Json;
        if (request.Query.TryGetValue("format", out var values))
        {
            return values.Count == 1 && ComplianceReportWriter.TryParseFormat(values[0], out format);
        }

        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted) || accepted.Count == 0)
        {
            return true;
        }

        var best = 0d;
        for (var i = 0; i < Offered.Length; i++)
        {
            var quality = QualityOf(MediaTypeHeaderValue.Parse(Offered[i]), accepted);
            if (quality > best)
            {
                best = quality;
                format = i switch { 1 => ComplianceReportFormat.Markdown, 2 => ComplianceReportFormat.Text, _ => ComplianceReportFormat.Json };
            }
        }

        return true;
    }

    private static double QualityOf(MediaTypeHeaderValue offered, IList<MediaTypeHeaderValue> accepted)
    {
        var specificity = -1;
        var quality = 0d;
        foreach (var range in accepted)
        {
            if (!offered.IsSubsetOf(range))
            {
                continue;
            }

            var rank = range.MatchesAllTypes ? 0 : range.MatchesAllSubTypes ? 1 : 2;
            var q = range.Quality ?? 1d;
            if (rank > specificity || (rank == specificity && q > quality))
            {
                specificity = rank;
                quality = q;
            }
        }

        return quality;
    }

    private static Task DenyAsync(HttpContext context, SecurityDecision decision) => AegisProblemResults.WriteDenialAsync(context, decision, AegisPillars.Http);
}
