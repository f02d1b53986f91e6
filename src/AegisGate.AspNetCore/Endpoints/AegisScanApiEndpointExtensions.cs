using System.Text.Json;
using AegisGate;
using AegisGate.AspNetCore;
using AegisGate.AspNetCore.Authorization;
using AegisGate.AspNetCore.Endpoints;
using AegisGate.AspNetCore.Http;
using AegisGate.Detection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps AegisGate's scan API.</summary>
public static class AegisScanApiEndpointExtensions
{
    /// <summary>The most items of one batch.</summary>
    public const int MaxBatchItems = 64;

    /// <summary>
    /// Maps <c>POST /api/v1/scan</c> (permission <c>scan</c>): scans <c>{"content": "...", "source": "user"}</c> or a
    /// batch <c>{"items": [...]}</c> and answers the verdict, the findings (rule id, category, severity, action,
    /// offsets, compliance mappings) and, when <c>"redact": true</c>, the masked content. The matched text is never
    /// returned. The body is bounded and decoded by <c>UseAegisHttp()</c>, which must run before it.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="pattern">The route pattern.</param>
    /// <returns>The endpoint convention builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> is <see langword="null"/>.</exception>
    public static RouteHandlerBuilder MapAegisScanApi(this IEndpointRouteBuilder endpoints, string pattern = "/api/v1/scan")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var builder = endpoints.MapPost(pattern, (Func<HttpContext, Task>)HandleAsync);
        builder.Accepts<ScanApiRequest>("application/json", "*/*")
            .Produces<ScanApiResponse>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("AegisScan")
            .WithTags("AegisGate")
            .WithSummary("Scan content for secrets, PII, prompt injection and exfiltration.")
            .WithDescription("Returns the verdict and findings (rule id, category, severity, action, offsets, compliance mappings); with \"redact\": true also the masked content. The matched text is never returned. Requires the 'scan' permission (X-API-Key).")
            .RequireAegisPermission(AegisPermissions.Scan)
            .WithMetadata(new AegisContentReportEndpointAttribute());
        return builder;
    }

    private static async Task HandleAsync(HttpContext context)
    {
        try
        {
            var runtime = context.RequestServices.GetRequiredService<AegisHttpRuntime>();
            if (context.Features.Get<HttpRequestState>() is not { Principal: not null } state)
            {
                // Without UseAegisHttp() nothing authenticated or bounded this request.
                await DenyAsync(context, SecurityDecision.Deny(AegisErrorCodes.InternalError, "The scan API requires UseAegisHttp() in the request pipeline.", 500)).ConfigureAwait(false);
                return;
            }

            ScanApiRequest? request;
            try
            {
                var options = new JsonSerializerOptions(ScanApiJsonContext.Default.Options) { MaxDepth = state.Snapshot.Options.Limits.MaxJsonDepth };
                request = await JsonSerializer.DeserializeAsync(context.Request.Body, (System.Text.Json.Serialization.Metadata.JsonTypeInfo<ScanApiRequest>)options.GetTypeInfo(typeof(ScanApiRequest)), context.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                await DenyAsync(context, Invalid("The body must be a JSON object: {\"content\": \"...\"} or {\"items\": [...]}.")).ConfigureAwait(false);
                return;
            }

            if (request is null || (request.Content is null) == (request.Items is null))
            {
                await DenyAsync(context, Invalid("Send exactly one of 'content' or 'items'.")).ConfigureAwait(false);
                return;
            }

            if (!TryParseSource(request.Source, ContentSource.User, out var source))
            {
                await DenyAsync(context, Invalid("'source' must be user, document, tool_output or model_response.")).ConfigureAwait(false);
                return;
            }

            if (runtime.Scanner is not { } scanner)
            {
                await DenyAsync(context, SecurityDecision.Deny(HttpErrorCodes.ScannerUnavailable, "Content scanning is not available.", 503)).ConfigureAwait(false);
                return;
            }

            ScanApiResponse response;
            if (request.Content is { } content)
            {
                var result = scanner.Scan(content, new ScanOptions { Source = source, ProduceRedacted = request.Redact });
                if (Failed(result) is { } failure)
                {
                    await DenyAsync(context, failure).ConfigureAwait(false);
                    return;
                }

                response = new ScanApiResponse { Verdict = Name(result.Verdict), Findings = Map(result.Findings), RedactedContent = request.Redact ? result.RedactedContent : null };
            }
            else
            {
                var items = request.Items!;
                if (items.Count == 0 || items.Count > MaxBatchItems)
                {
                    await DenyAsync(context, Invalid($"'items' must hold 1 to {MaxBatchItems} items.")).ConfigureAwait(false);
                    return;
                }

                var results = new List<ScanApiItemResult>(items.Count);
                var verdict = ScanVerdict.Allow;
                foreach (var item in items)
                {
                    if (item?.Content is null || !TryParseSource(item.Source, source, out var itemSource))
                    {
                        await DenyAsync(context, Invalid("Every item needs 'content' and, if given, a valid 'source'.")).ConfigureAwait(false);
                        return;
                    }

                    var result = scanner.Scan(item.Content, new ScanOptions { Source = itemSource, ProduceRedacted = request.Redact });
                    if (Failed(result) is { } failure)
                    {
                        await DenyAsync(context, failure).ConfigureAwait(false);
                        return;
                    }

                    verdict = result.Verdict > verdict ? result.Verdict : verdict;
                    results.Add(new ScanApiItemResult { Id = item.Id, Verdict = Name(result.Verdict), Findings = Map(result.Findings), RedactedContent = request.Redact ? result.RedactedContent : null });
                }

                response = new ScanApiResponse { Verdict = Name(verdict), Items = results };
            }

            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.Headers.CacheControl = "no-store";
            await context.Response.WriteAsJsonAsync(response, ScanApiJsonContext.Default.ScanApiResponse, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (!context.RequestAborted.IsCancellationRequested)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AegisScanApiEndpointExtensions).FullName!).ScanApiFailed(ex);
            await DenyAsync(context, SecurityDecision.Deny(AegisErrorCodes.InternalError, "The scan failed unexpectedly.", 500)).ConfigureAwait(false);
        }
    }

    private static SecurityDecision? Failed(ScanResult? result)
        => result is null
            ? SecurityDecision.Deny(HttpErrorCodes.ScannerUnavailable, "The content scanner returned no result.", 503)
            : result.ErrorCode is { Length: > 0 } code
                ? SecurityDecision.Deny(code, "The content could not be scanned within the detection limits.", code == AegisErrorCodes.ScanLimitExceeded ? 413 : 400)
                : null;

    private static SecurityDecision Invalid(string reason) => SecurityDecision.Deny(HttpErrorCodes.ScanRequestInvalid, reason, 400);

    private static Task DenyAsync(HttpContext context, SecurityDecision decision) => AegisProblemResults.WriteDenialAsync(context, decision, AegisPillars.Http);

    private static bool TryParseSource(string? value, ContentSource fallback, out ContentSource source)
    {
        switch (value)
        {
            case null:
                source = fallback;
                return true;
            case "user":
                source = ContentSource.User;
                return true;
            case "document":
                source = ContentSource.Document;
                return true;
            case "tool_output":
                source = ContentSource.ToolOutput;
                return true;
            case "model_response":
                source = ContentSource.ModelResponse;
                return true;
            default:
                source = fallback;
                return false;
        }
    }

    private static string Name(ScanVerdict verdict) => verdict switch
    {
        ScanVerdict.Allow => "allow",
        ScanVerdict.Monitor => "monitor",
        ScanVerdict.Redact => "redact",
        _ => "block",
    };

    private static List<ScanApiFinding> Map(IReadOnlyList<DetectionFinding> findings)
    {
        var list = new List<ScanApiFinding>(findings.Count);
        foreach (var finding in findings)
        {
            list.Add(new ScanApiFinding
            {
                RuleId = finding.RuleId,
                Category = finding.Category.ToString().ToLowerInvariant(),
                Severity = finding.Severity.ToString().ToLowerInvariant(),
                Action = finding.Action.ToString().ToLowerInvariant(),
                Start = finding.Start,
                End = finding.End,
                Confidence = finding.Confidence,
                Mappings = [.. finding.Mappings],
            });
        }

        return list;
    }
}
