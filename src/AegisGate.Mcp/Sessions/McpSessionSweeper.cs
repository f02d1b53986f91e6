using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AegisGate.Mcp.Sessions;

/// <summary>Ends tracked sessions that stayed idle past <see cref="McpSessionOptions.IdleTimeout"/> (checked every 30 seconds).</summary>
internal sealed class McpSessionSweeper(McpSessionRegistry registry, Resources.McpSessionBudgets budgets, TimeProvider time, ILogger<McpSessionSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var removed = registry.SweepIdle(id => budgets.Remove("s:" + id));
                if (removed > 0)
                {
                    McpLog.SessionEnded(logger, "idle", registry.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
