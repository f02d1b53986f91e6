using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace AegisGate.Mcp.Resources;

/// <summary>
/// Resource boundaries per session (sessionless clients: per principal): concurrent calls, total calls, bytes in and
/// bytes out. Admission takes a <see cref="McpCallLease"/> that the caller disposes when the call ends; the
/// concurrency slot is returned exactly once.
/// </summary>
internal sealed class McpSessionBudgets(IOptionsMonitor<AegisMcpOptions> options)
{
    private readonly ConcurrentDictionary<string, Budget> _budgets = new(StringComparer.Ordinal);

    /// <summary>Gets the number of tracked budgets.</summary>
    public int Count => _budgets.Count;

    /// <summary>Admits a call or returns the denial.</summary>
    public SecurityDecision TryAdmit(string sessionKey, long bytesIn, out McpCallLease? lease)
    {
        lease = null;
        var settings = options.CurrentValue.Budgets;
        var budget = _budgets.GetOrAdd(sessionKey, static _ => new Budget());
        lock (budget)
        {
            if (budget.TotalCalls >= settings.MaxCallsPerSession)
            {
                return SecurityDecision.Deny(McpErrorCodes.BudgetCallsExceeded, "The session used its total call budget.", 429);
            }

            if (budget.Concurrent >= settings.MaxConcurrentCalls)
            {
                return SecurityDecision.DenyRetryAfter(McpErrorCodes.BudgetConcurrencyExceeded, "The session has too many calls in flight.", TimeSpan.FromSeconds(1));
            }

            if (budget.BytesIn + bytesIn > settings.MaxBytesIn)
            {
                return SecurityDecision.Deny(McpErrorCodes.BudgetBytesInExceeded, "The session sent more data than its budget allows.", 413);
            }

            if (budget.BytesOut >= settings.MaxBytesOut)
            {
                return SecurityDecision.Deny(McpErrorCodes.BudgetBytesOutExceeded, "The session received more data than its budget allows.", 429);
            }

            budget.TotalCalls++;
            budget.Concurrent++;
            budget.BytesIn += bytesIn;
        }

        lease = new McpCallLease(this, sessionKey, budget);
        return SecurityDecision.Allow();
    }

    /// <summary>Charges result bytes; returns a denial when the session's output budget is exceeded.</summary>
    public SecurityDecision ChargeOutput(McpCallLease lease, long bytesOut)
    {
        var budget = lease.Budget;
        lock (budget)
        {
            budget.BytesOut += bytesOut;
            return budget.BytesOut > options.CurrentValue.Budgets.MaxBytesOut
                ? SecurityDecision.Deny(McpErrorCodes.BudgetBytesOutExceeded, "The result exceeds the session's output budget; it is withheld.", 502)
                : SecurityDecision.Allow();
        }
    }

    /// <summary>Forgets a session's budget (when the session ends).</summary>
    public void Remove(string sessionKey) => _budgets.TryRemove(sessionKey, out _);

    /// <summary>Gets the in-flight call count of a session (for tests and health).</summary>
    public int ConcurrentCalls(string sessionKey)
    {
        if (!_budgets.TryGetValue(sessionKey, out var budget))
        {
            return 0;
        }

        lock (budget)
        {
            return budget.Concurrent;
        }
    }

    internal static void Release(Budget budget)
    {
        lock (budget)
        {
            budget.Concurrent--;
        }
    }

    internal sealed class Budget
    {
        public int Concurrent { get; set; }

        public long TotalCalls { get; set; }

        public long BytesIn { get; set; }

        public long BytesOut { get; set; }
    }
}

/// <summary>An admitted call's hold on its session budget. Dispose it when the call ends.</summary>
internal sealed class McpCallLease : IDisposable
{
    private int _released;

    internal McpCallLease(McpSessionBudgets owner, string sessionKey, McpSessionBudgets.Budget budget)
    {
        _ = owner;
        SessionKey = sessionKey;
        Budget = budget;
    }

    public string SessionKey { get; }

    internal McpSessionBudgets.Budget Budget { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            McpSessionBudgets.Release(Budget);
        }
    }
}

/// <summary>Admits a <c>tools/call</c> within the session's budget (concurrency, total calls, bytes in) and holds a lease for it.</summary>
internal sealed class McpBudgetCheck(McpSessionBudgets? budgets) : ISecurityCheck
{
    public string Name => "mcp.budget";

    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
    {
        var message = context.GetMessage();
        if (message is not { IsToolCall: true })
        {
            return new(SecurityDecision.Allow());
        }

        if (budgets is null)
        {
            return new(SecurityDecision.Deny(McpErrorCodes.BudgetCallsExceeded, "Session budgets are unavailable; the call is denied.", 503));
        }

        var decision = budgets.TryAdmit(context.GetSessionKey(), message.ByteLength, out var lease);
        if (lease is not null)
        {
            context.SetAttribute(McpContextKeys.Lease, lease);
        }

        return new(decision);
    }
}
