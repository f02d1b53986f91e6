using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AegisGate.Audit;
using AegisGate.TestUtilities;
using static AegisGate.Core.Tests.Audit.AuditTestSupport;

namespace AegisGate.Core.Tests.Audit;

/// <summary>
/// A record acknowledged by <see cref="JsonlAuditSink.WriteAsync"/> survives a hard kill (SIGKILL) of the writer: a
/// real child process writes from several concurrent loops and prints an acknowledgement after each write; the test
/// kills it mid-stream, then checks every acknowledged record is on disk, the chain verifies, and a restarted writer
/// recovers the torn tail and continues the chain.
/// </summary>
[NonParallelizable]
public sealed class JsonlAuditSinkDurabilityTests
{
    private const int AcksBeforeKill = 1500;

    [TestCase(false)]
    [TestCase(true)]
    [CancelAfter(120_000)]
    public async Task WriteAsync_WriterKilledWithSigkill_EveryAcknowledgedRecordSurvivesAndTheChainVerifies(bool flushToDisk, CancellationToken cancellationToken)
    {
        using var data = new TempDirectory();
        var acked = new HashSet<string>(StringComparer.Ordinal);
        using (var child = StartWriter(data, flushToDisk))
        {
            try
            {
                await ReadAcksAndKillAsync(child, acked, cancellationToken);
            }
            finally
            {
                if (!child.HasExited)
                {
                    child.Kill();
                }
            }
        }

        var directory = AuditDirectory(data);
        var afterKill = Verify(directory);
        var onDisk = RecordedRequestIds(afterKill.Files);
        var missing = acked.Where(id => !onDisk.Contains(id)).Take(5).ToList();
        TestContext.Out.WriteLine($"acknowledged {acked.Count}, on disk {onDisk.Count} in {afterKill.Files.Count} files; after the kill: {(afterKill.IsValid ? "valid" : afterKill.Failure!.ToString())}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(acked, Has.Count.GreaterThanOrEqualTo(AcksBeforeKill));
            Assert.That(missing, Is.Empty, "acknowledged records missing after SIGKILL");
            Assert.That(afterKill.Files, Has.Count.GreaterThan(1), "the run rotated files");
            Assert.That(
                afterKill.IsValid || (afterKill.Failure!.Kind == AuditFailureKind.Truncated && afterKill.Failure.File == afterKill.Files[^1]),
                Is.True,
                () => "after a kill only a torn last line is allowed: " + afterKill.Failure);
        }

        // Restart: the writer resumes from the last intact record and covers a torn tail with a recovery record.
        using (var sink = CreateSink(data, a => { a.MaxFileBytes = 16 * 1024; a.MaxRetainedFiles = 100000; }))
        {
            await sink.WriteAsync(Event(1), cancellationToken);
        }

        var afterRestart = Verify(directory);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(afterRestart.IsValid, Is.True, () => afterRestart.Failure!.ToString());
            Assert.That(afterRestart.StartsAtGenesis, Is.True);
            Assert.That(afterRestart.Recoveries, Has.Count.EqualTo(afterKill.IsValid ? 0 : 1));
            Assert.That(afterRestart.RecordCount, Is.GreaterThanOrEqualTo(acked.Count + 1));
        }
    }

    private static async Task ReadAcksAndKillAsync(Process child, HashSet<string> acked, CancellationToken cancellationToken)
    {
        var ready = await child.StandardOutput.ReadLineAsync(cancellationToken);
        if (ready != "ready")
        {
            Assert.Fail("the writer did not start: " + await child.StandardError.ReadToEndAsync(cancellationToken));
        }

        while (acked.Count < AcksBeforeKill && await child.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            acked.Add(line["ack ".Length..]);
        }

        child.Kill(entireProcessTree: false); // SIGKILL on Unix: no finalizers, no flush, no dispose.
        await child.WaitForExitAsync(cancellationToken);

        // Acknowledgements already in the pipe were printed before the kill: they count too.
        while (await child.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("ack ", StringComparison.Ordinal))
            {
                acked.Add(line["ack ".Length..]);
            }
        }

        Assert.That(child.ExitCode, Is.Not.Zero, "the writer was killed, not finished");
    }

    private static Process StartWriter(TempDirectory data, bool flushToDisk)
    {
        var writer = Path.Combine(AppContext.BaseDirectory, "AegisGate.AuditCrashWriter.dll");
        Assert.That(File.Exists(writer), Is.True, writer);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { writer, data.Path, KeyBase64, flushToDisk.ToString(CultureInfo.InvariantCulture), (16 * 1024).ToString(CultureInfo.InvariantCulture), "8" })
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start the writer");
    }

    private static HashSet<string> RecordedRequestIds(IEnumerable<string> files)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var line in Lines(file))
            {
                try
                {
                    using var json = JsonDocument.Parse(line);
                    if (json.RootElement.TryGetProperty("requestId", out var id))
                    {
                        ids.Add(id.GetString()!);
                    }
                }
                catch (JsonException)
                {
                    // The torn last line of a killed writer.
                }
            }
        }

        return ids;
    }
}
