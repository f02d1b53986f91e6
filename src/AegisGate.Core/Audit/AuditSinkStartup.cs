using AegisGate.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AegisGate.Audit;

/// <summary>
/// Opens the default audit sink when the host starts (creating the key file and resuming the chain), so problems are
/// logged at start-up rather than at the first request. A failure does not stop the host: requests that need an
/// audit record are denied (<see cref="AegisErrorCodes.AuditUnavailable"/>) while audit is fail-closed, and every
/// write retries opening.
/// </summary>
internal sealed class AuditSinkStartup(IAuditSink sink, IOptions<AegisGateOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Audit.Enabled && sink is JsonlAuditSink jsonl)
        {
            try
            {
                jsonl.Open();
            }
            catch (Exception)
            {
                // Logged by the sink (event 1110); requests fail closed until the trail can be opened.
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
