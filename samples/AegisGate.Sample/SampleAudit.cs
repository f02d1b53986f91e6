using AegisGate.Audit;
using AegisGate.Configuration;
using Microsoft.Extensions.Options;

namespace AegisGate.Sample;

/// <summary>
/// The sample's audit trail. <c>AddAegisGate()</c> registers the tamper-evident JSONL sink; the default configuration
/// (<c>AegisGate:Audit</c>) keeps it in <c>&lt;data dir&gt;/audit/</c> with its key file beside it (created on first
/// start, mode 0600). This prints where it is and how to verify it.
/// </summary>
public static class SampleAudit
{
    /// <summary>Prints the audit trail's file, key file and verify command once the host has started.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The application, so that calls can be chained.</returns>
    public static WebApplication PrintAuditTrailOnStart(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var options = app.Services.GetRequiredService<IOptions<AegisGateOptions>>().Value.Audit;
            if (!options.Enabled)
            {
                Console.Out.WriteLine("  audit trail:      disabled (AegisGate:Audit:Enabled=false)");
                return;
            }

            if (app.Services.GetRequiredService<IAuditSink>() is JsonlAuditSink sink)
            {
                var directory = Path.GetDirectoryName(sink.FilePath);
                Console.Out.WriteLine($"  audit trail:      {sink.FilePath}");
                Console.Out.WriteLine(sink.KeyFilePath is { } keyFile
                    ? $"  verify it:        aegisgate audit verify {directory} --key-file {keyFile}"
                    : $"  verify it:        aegisgate audit verify {directory} --key-env AEGISGATE_AUDIT_KEY");
            }
        });
        return app;
    }
}
