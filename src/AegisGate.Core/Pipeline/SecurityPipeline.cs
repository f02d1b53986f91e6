using System.Runtime.CompilerServices;
using AegisGate.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.ObjectPool;

namespace AegisGate.Pipeline;

/// <summary>
/// The one composition root of AegisGate: an ordered, immutable list of <see cref="ISecurityCheck"/>s evaluated
/// fail-closed. The first denial stops the evaluation.
/// </summary>
/// <remarks>
/// <para>Every way a check can fail is a denial with its own code:</para>
/// <list type="bullet">
/// <item><description>a <see langword="null"/> check: <see cref="AegisErrorCodes.CheckNull"/>;</description></item>
/// <item><description>an exception (thrown or faulted task): <see cref="AegisErrorCodes.CheckFaulted"/>;</description></item>
/// <item><description>no decision within <see cref="CheckTimeout"/>: <see cref="AegisErrorCodes.CheckTimeout"/>;</description></item>
/// <item><description>the request aborted: <see cref="AegisErrorCodes.EvaluationCancelled"/>;</description></item>
/// <item><description>an empty pipeline reached at run time: <see cref="AegisErrorCodes.PipelineEmpty"/>.</description></item>
/// </list>
/// <para>The allow path of synchronous checks allocates nothing.</para>
/// </remarks>
public sealed class SecurityPipeline
{
    private readonly ISecurityCheck?[] _checks;
    private readonly string[] _checkNames;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly AegisMetrics? _metrics;
    private readonly ObjectPool<CancellationTokenSource> _tokenSources;

    internal SecurityPipeline(string name, ISecurityCheck?[] checks, TimeSpan checkTimeout, TimeProvider timeProvider, ILogger logger, AegisMetrics? metrics)
    {
        Name = name;
        _checks = checks;
        _checkNames = new string[checks.Length];
        for (var i = 0; i < checks.Length; i++)
        {
            _checkNames[i] = checks[i]?.Name ?? $"<null check #{i}>";
        }

        CheckTimeout = checkTimeout;
        _timeProvider = timeProvider;
        _logger = logger;
        _metrics = metrics;
        _tokenSources = new DefaultObjectPoolProvider { MaximumRetained = Environment.ProcessorCount * 8 }
            .Create(new TokenSourcePolicy(timeProvider));
    }

    /// <summary>Gets the pipeline's name.</summary>
    public string Name { get; }

    /// <summary>Gets the time each check has to decide.</summary>
    public TimeSpan CheckTimeout { get; }

    /// <summary>Gets the names of the checks, in evaluation order.</summary>
    public IReadOnlyList<string> CheckNames => _checkNames;

    /// <summary>Evaluates every check in order and returns the first denial, or allow when every check allows.</summary>
    /// <param name="context">The request context.</param>
    /// <param name="cancellationToken">The request's abort token.</param>
    /// <returns>The decision. Never throws for a check's failure: failures are denials.</returns>
    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken = default)
    {
        if (context is null)
        {
            return new(Complete(null, SecurityDecision.Fault(AegisErrorCodes.InternalError, "The security context is missing.", null, null, 500)));
        }

        if (_checks.Length == 0)
        {
            return new(Complete(context, SecurityDecision.Fault(AegisErrorCodes.PipelineEmpty, "No security checks are configured; the request is denied.", null, null)));
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return new(Complete(context, Cancelled(null)));
        }

        var cts = _tokenSources.Get();
        var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), cts)
            : default;

        for (var i = 0; i < _checks.Length; i++)
        {
            var check = _checks[i];
            if (check is null)
            {
                return new(Finish(context, SecurityDecision.Fault(AegisErrorCodes.CheckNull, "A security check is missing; the request is denied.", _checkNames[i], null), cts, registration));
            }

            var checkStart = _timeProvider.GetTimestamp();
            ValueTask<SecurityDecision> pending;
            try
            {
                pending = check.EvaluateAsync(context, cts.Token);
            }
            catch (Exception ex)
            {
                return new(Finish(context, Faulted(i, ex, cts, cancellationToken), cts, registration));
            }

            if (!pending.IsCompleted)
            {
                return ContinueAsync(pending, i, checkStart, context, cts, registration, cancellationToken);
            }

            var decision = Interpret(i, pending, checkStart, cts, cancellationToken);
            if (!decision.IsAllowed)
            {
                return new(Finish(context, decision, cts, registration));
            }
        }

        return new(Finish(context, SecurityDecision.Allow(), cts, registration));
    }

    private async ValueTask<SecurityDecision> ContinueAsync(
        ValueTask<SecurityDecision> firstPending,
        int index,
        long firstStart,
        SecurityContext context,
        CancellationTokenSource cts,
        CancellationTokenRegistration registration,
        CancellationToken cancellationToken)
    {
        var (decision, failed) = await AwaitCheckAsync(firstPending, index, firstStart, cts, cancellationToken).ConfigureAwait(false);
        if (failed || !decision.IsAllowed)
        {
            return Finish(context, decision, cts, registration);
        }

        for (var i = index + 1; i < _checks.Length; i++)
        {
            var check = _checks[i];
            if (check is null)
            {
                return Finish(context, SecurityDecision.Fault(AegisErrorCodes.CheckNull, "A security check is missing; the request is denied.", _checkNames[i], null), cts, registration);
            }

            var checkStart = _timeProvider.GetTimestamp();
            ValueTask<SecurityDecision> pending;
            try
            {
                pending = check.EvaluateAsync(context, cts.Token);
            }
            catch (Exception ex)
            {
                return Finish(context, Faulted(i, ex, cts, cancellationToken), cts, registration);
            }

            (decision, failed) = pending.IsCompleted
                ? (Interpret(i, pending, checkStart, cts, cancellationToken), false)
                : await AwaitCheckAsync(pending, i, checkStart, cts, cancellationToken).ConfigureAwait(false);
            if (failed || !decision.IsAllowed)
            {
                return Finish(context, decision, cts, registration);
            }
        }

        return Finish(context, SecurityDecision.Allow(), cts, registration);
    }

    private async ValueTask<(SecurityDecision Decision, bool Failed)> AwaitCheckAsync(
        ValueTask<SecurityDecision> pending,
        int index,
        long checkStart,
        CancellationTokenSource cts,
        CancellationToken cancellationToken)
    {
        // Arm the timeout for the rest of this check's budget and stop waiting when it fires, even if the check
        // ignores its token.
        var remaining = CheckTimeout - _timeProvider.GetElapsedTime(checkStart);
        if (remaining <= TimeSpan.Zero)
        {
            await cts.CancelAsync().ConfigureAwait(false);
        }
        else
        {
            cts.CancelAfter(remaining);
        }

        SecurityDecision result;
        try
        {
            result = await pending.AsTask().WaitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            return (Faulted(index, ex, cts, cancellationToken), true);
        }
        finally
        {
            if (!cts.IsCancellationRequested)
            {
                cts.CancelAfter(Timeout.InfiniteTimeSpan);
            }
        }

        return (Interpret(index, new ValueTask<SecurityDecision>(result), checkStart, cts, cancellationToken), false);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private SecurityDecision Interpret(int index, ValueTask<SecurityDecision> completed, long checkStart, CancellationTokenSource cts, CancellationToken cancellationToken)
    {
        SecurityDecision decision;
        if (completed.IsCompletedSuccessfully)
        {
            decision = completed.Result;
        }
        else
        {
            try
            {
                decision = completed.Result; // rethrows the fault
            }
            catch (Exception ex)
            {
                return Faulted(index, ex, cts, cancellationToken);
            }
        }

        var elapsed = _timeProvider.GetElapsedTime(checkStart);
        _metrics?.RecordCheck(_checkNames[index], decision.IsAllowed, elapsed);

        if (cancellationToken.IsCancellationRequested)
        {
            return Cancelled(_checkNames[index]);
        }

        if (elapsed > CheckTimeout)
        {
            // A decision that arrives after its deadline is not trusted, even an allow.
            return TimedOut(index);
        }

        return decision.IsAllowed ? decision : decision.WithCheck(decision.CheckName ?? _checkNames[index]);
    }

    private SecurityDecision Faulted(int index, Exception ex, CancellationTokenSource cts, CancellationToken cancellationToken)
    {
        if (ex is OperationCanceledException or TimeoutException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return Cancelled(_checkNames[index]);
            }

            if (cts.IsCancellationRequested || ex is TimeoutException)
            {
                return TimedOut(index);
            }
        }

        return SecurityDecision.Fault(AegisErrorCodes.CheckFaulted, "A security check failed; the request is denied.", _checkNames[index], ex);
    }

    private SecurityDecision TimedOut(int index)
        => SecurityDecision.Fault(AegisErrorCodes.CheckTimeout, "A security check did not decide in time; the request is denied.", _checkNames[index], null);

    private static SecurityDecision Cancelled(string? checkName)
        => SecurityDecision.Fault(AegisErrorCodes.EvaluationCancelled, "The request was cancelled before it was authorized.", checkName, null);

    private SecurityDecision Finish(SecurityContext context, in SecurityDecision decision, CancellationTokenSource cts, CancellationTokenRegistration registration)
    {
        registration.Dispose();
        _tokenSources.Return(cts);
        return Complete(context, decision);
    }

    private SecurityDecision Complete(SecurityContext? context, in SecurityDecision decision)
    {
        var pillar = context?.Pillar ?? AegisPillars.Core;
        _metrics?.RecordDecision(pillar, decision);
        if (decision.IsAllowed)
        {
            _logger.PipelineAllowed(Name, pillar);
        }
        else if (decision.Exception is not null || decision.Code is AegisErrorCodes.CheckTimeout or AegisErrorCodes.CheckNull or AegisErrorCodes.PipelineEmpty)
        {
            _logger.PipelineCheckFailed(Name, pillar, decision.Code, decision.CheckName ?? "-", decision.Exception);
        }
        else
        {
            _logger.PipelineDenied(Name, pillar, decision.Code, decision.CheckName ?? "-");
        }

        return decision;
    }

    private sealed class TokenSourcePolicy(TimeProvider timeProvider) : IPooledObjectPolicy<CancellationTokenSource>
    {
        public CancellationTokenSource Create() => new(Timeout.InfiniteTimeSpan, timeProvider);

        public bool Return(CancellationTokenSource obj) => obj.TryReset();
    }
}
