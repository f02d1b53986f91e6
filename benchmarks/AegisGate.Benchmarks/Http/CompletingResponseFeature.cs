using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AegisGate.Benchmarks.Http;

/// <summary>
/// A response feature that keeps the <c>OnCompleted</c> callbacks so a benchmark can run them as a server does after the
/// response (a bare <see cref="DefaultHttpContext"/> never completes, so the pooled request-body buffer registered for
/// disposal would never be returned and every request would count a fresh one).
/// </summary>
internal sealed class CompletingResponseFeature : HttpResponseFeature
{
    private List<(Func<object, Task> Callback, object State)>? _completed;

    /// <summary>Runs <paramref name="app"/> on <paramref name="context"/> (whose response feature must be this type), then its completion callbacks.</summary>
    public static async Task RunAsync(RequestDelegate app, HttpContext context)
    {
        await app(context);
        await ((CompletingResponseFeature)context.Features.Get<IHttpResponseFeature>()!).CompleteAsync();
    }

    /// <inheritdoc/>
    public override void OnCompleted(Func<object, Task> callback, object state) => (_completed ??= []).Add((callback, state));

    private async Task CompleteAsync()
    {
        if (_completed is null)
        {
            return;
        }

        for (var i = _completed.Count - 1; i >= 0; i--)
        {
            await _completed[i].Callback(_completed[i].State);
        }
    }
}
