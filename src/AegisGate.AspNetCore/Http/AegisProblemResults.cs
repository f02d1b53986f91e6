using System.Globalization;
using AegisGate.Errors;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AegisGate.AspNetCore.Http;

/// <summary>
/// Writes denials as RFC 9457 <c>application/problem+json</c> responses: the one problem writer of every pillar.
/// </summary>
/// <remarks>
/// The body carries <c>code</c> and <c>requestId</c> extensions, never the request body, headers or secrets. A
/// rate-limit denial also sets <c>Retry-After</c>. When the response has already started, nothing can be written
/// safely: the connection is aborted instead, so a partial response is never mistaken for success.
/// </remarks>
public static class AegisProblemResults
{
    /// <summary>Writes a denial to the response, or aborts the request when the response has started.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <param name="decision">The denial.</param>
    /// <param name="pillar">The pillar, for the decision feature.</param>
    /// <param name="extensions">Optional client-safe extensions.</param>
    /// <returns>A task that completes when the response is written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="context"/> is <see langword="null"/>.</exception>
    public static async Task WriteDenialAsync(HttpContext context, SecurityDecision decision, string pillar, IEnumerable<KeyValuePair<string, object?>>? extensions = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Features.Set<IAegisDecisionFeature>(new AegisDecisionFeature(decision, pillar));
        if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            Abort(context);
            return;
        }

        context.Response.Clear();
        context.Response.StatusCode = decision.IsAllowed ? StatusCodes.Status500InternalServerError : decision.StatusCode;
        context.Response.ContentType = AegisProblemDetails.ContentType;
        context.Response.Headers.CacheControl = "no-store";
        if (decision.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = AegisProblemDetails.RetryAfterSeconds(retryAfter).ToString(CultureInfo.InvariantCulture);
        }

        AegisProblemDetails.Write(context.Response.BodyWriter, decision, context.TraceIdentifier, extensions);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Aborts the request's connection (used when a denial arrives after the response started).</summary>
    /// <param name="context">The HTTP context.</param>
    public static void Abort(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IHttpResetFeature>() is { } reset)
        {
            reset.Reset(errorCode: 2); // HTTP/2 INTERNAL_ERROR
            return;
        }

        if (context.Features.Get<IConnectionLifetimeNotificationFeature>() is { } lifetime)
        {
            lifetime.RequestClose();
        }

        context.Abort();
    }
}
