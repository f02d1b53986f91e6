namespace AegisGate.TestUtilities;

/// <summary>Small <see cref="ISecurityCheck"/> doubles for pipeline tests.</summary>
public static class TestChecks
{
    /// <summary>A check that always allows.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The check.</returns>
    public static ISecurityCheck Allow(string name = "allow") => new DelegateCheck(name, static (_, _) => new ValueTask<SecurityDecision>(SecurityDecision.Allow()));

    /// <summary>A check that always denies.</summary>
    /// <param name="code">The code.</param>
    /// <param name="name">The name.</param>
    /// <returns>The check.</returns>
    public static ISecurityCheck Deny(string code = "TEST_DENY", string name = "deny") => new DelegateCheck(name, (_, _) => new ValueTask<SecurityDecision>(SecurityDecision.Deny(code, "denied by test")));

    /// <summary>A check that throws synchronously.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The check.</returns>
    public static ISecurityCheck Throw(string name = "throw") => new DelegateCheck(name, static (_, _) => throw new InvalidOperationException("boom"));

    /// <summary>A check built from a delegate.</summary>
    /// <param name="name">The name.</param>
    /// <param name="evaluate">The evaluation.</param>
    /// <returns>The check.</returns>
    public static ISecurityCheck From(string name, Func<SecurityContext, CancellationToken, ValueTask<SecurityDecision>> evaluate) => new DelegateCheck(name, evaluate);

    private sealed class DelegateCheck(string name, Func<SecurityContext, CancellationToken, ValueTask<SecurityDecision>> evaluate) : ISecurityCheck
    {
        public string Name { get; } = name;

        public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken) => evaluate(context, cancellationToken);
    }
}
