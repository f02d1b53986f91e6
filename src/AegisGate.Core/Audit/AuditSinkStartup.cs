using AegisGate.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AegisGate.Audit;

/// <summary>
/// Opens the default audit sink when the host starts (creating the key file and resuming the chain), so problems are
/// logged at start-up rather than at the first request. A failure to open does not stop the host: requests that need
/// an audit record are denied (<see cref="AegisErrorCodes.AuditUnavailable"/>) while audit is fail-closed, and every
/// write retries opening. A configuration that cannot be honoured does stop it: <c>AegisGate:Audit:Encrypt</c> without
/// an enabled <c>IEnvelopeEncryptor</c>, or with a custom sink that AegisGate cannot make encrypt.
/// </summary>
internal sealed class AuditSinkStartup(IAuditSink sink, IOptions<AegisGateOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var audit = options.Value.Audit;
        if (!audit.Enabled)
        {
            return Task.CompletedTask;
        }

        if (sink is not JsonlAuditSink jsonl)
        {
            if (audit.Encrypt)
            {
                throw new InvalidOperationException($"AegisGate:Audit:Encrypt applies to the built-in JSONL audit sink, but {sink.GetType().Name} is registered: encrypt in that sink and set Encrypt to false.");
            }

            return Task.CompletedTask;
        }

        if (jsonl.ConfigurationProblem is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        try
        {
            jsonl.Open();
        }
        catch (Exception)
        {
            // Logged by the sink (event 1110); requests fail closed until the trail can be opened.
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
