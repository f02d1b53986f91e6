namespace AegisGate;

/// <summary>
/// One security check of a <see cref="Pipeline.SecurityPipeline"/>. Checks return decisions; they do not throw to
/// signal a policy outcome.
/// </summary>
/// <remarks>
/// The pipeline turns every failure of a check into a denial: a <see langword="null"/> check
/// (<see cref="AegisErrorCodes.CheckNull"/>), an exception (<see cref="AegisErrorCodes.CheckFaulted"/>), a result that
/// arrives after the check timeout (<see cref="AegisErrorCodes.CheckTimeout"/>) or a cancelled evaluation
/// (<see cref="AegisErrorCodes.EvaluationCancelled"/>).
/// </remarks>
public interface ISecurityCheck
{
    /// <summary>Gets the check's stable name, used in audit records, metrics and logs.</summary>
    string Name { get; }

    /// <summary>Evaluates the check.</summary>
    /// <param name="context">The transport-neutral request context.</param>
    /// <param name="cancellationToken">Signalled when the check times out or the request is aborted.</param>
    /// <returns>The decision. Return a synchronously completed value on the hot path.</returns>
    ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken);
}
