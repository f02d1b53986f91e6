using AegisGate.Audit;
using AegisGate.Configuration;
using AegisGate.Diagnostics;
using AegisGate.TestUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Moq;
using static AegisGate.Core.Tests.Audit.AuditTestSupport;

namespace AegisGate.Core.Tests.Audit;

/// <summary>The audit trail over the real JSONL sink, resolved through <c>AddAegisGate()</c>: fail-closed in every way the disk can fail.</summary>
public sealed class AuditTrailTests
{
    private TempDirectory _data = null!;
    private ServiceProvider? _provider;

    [SetUp]
    public void SetUp() => _data = new TempDirectory();

    [TearDown]
    public void TearDown()
    {
        _provider?.Dispose();
        _provider = null;
        if (!OperatingSystem.IsWindows() && Directory.Exists(AuditDirectory(_data)))
        {
            File.SetUnixFileMode(AuditDirectory(_data), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        _data.Dispose();
    }

    private ServiceProvider Build(Action<AuditOptions>? configure = null, Action<IAegisBuilder>? aegis = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddFakeLogging());
        var builder = services.AddAegisGate(o =>
        {
            o.DataDirectory = _data.Path;
            configure?.Invoke(o.Audit);
        });
        aegis?.Invoke(builder);
        _provider = services.BuildServiceProvider();
        return _provider;
    }

    private static Task<SecurityDecision> RecordAsync(IServiceProvider provider, int n = 1)
        => provider.GetRequiredService<AuditTrail>().RecordAsync(Event(n)).AsTask();

    private static void AssertAuditUnavailable(SecurityDecision decision)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(decision.IsAllowed, Is.False);
            Assert.That(decision.Code, Is.EqualTo(AegisErrorCodes.AuditUnavailable));
            Assert.That(decision.StatusCode, Is.EqualTo(503));
            Assert.That(decision.Reason, Does.Not.Contain("aegis-test-"), "no file paths in client-facing reasons");
        }
    }

    [Test]
    public void AddAegisGate_RegistersTheJsonlSinkAndTheTrail()
    {
        var provider = Build();

        Assert.That(provider.GetRequiredService<IAuditSink>(), Is.InstanceOf<JsonlAuditSink>());
        var trail = provider.GetRequiredService<AuditTrail>();
        Assert.That(provider.GetRequiredService<AuditTrail>(), Is.SameAs(trail), "a singleton");
    }

    [Test]
    public void AddAuditSink_ReplacesTheDefaultSink()
    {
        var provider = Build(aegis: b => b.AddAuditSink<RecordingSink>());

        Assert.That(provider.GetRequiredService<IAuditSink>(), Is.InstanceOf<RecordingSink>());
        Assert.That(provider.GetServices<IAuditSink>().Count(), Is.EqualTo(1));
    }

    [Test]
    public void AddAegisGate_SinkRegisteredBefore_IsKept()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IAuditSink, RecordingSink>();
        services.AddAegisGate();
        using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetRequiredService<IAuditSink>(), Is.InstanceOf<RecordingSink>());
    }

    [Test]
    public async Task RecordAsync_WritableDataDirectory_AllowsAndTheRecordVerifies()
    {
        var provider = Build();

        var decision = await RecordAsync(provider);

        Assert.That(decision.IsAllowed, Is.True);
        var key = AuditKeys.ReadKeyFile(_data.Combine("audit/audit.key"));
        var result = AuditVerifier.Verify(AuditDirectory(_data), key);
        Assert.That(result.IsValid, Is.True);
        Assert.That(result.RecordCount, Is.EqualTo(1));
    }

    [Test]
    public async Task RecordAsync_AuditFilePathIsADirectory_DeniesCountsAndLogs()
    {
        Directory.CreateDirectory(ActiveFile(_data));
        var provider = Build(a => a.Key = KeyBase64);
        using var failures = new MetricCollector<long>(provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), AegisMetrics.MeterName, "aegisgate.audit.failures");

        var decision = await RecordAsync(provider);

        AssertAuditUnavailable(decision);
        Assert.That(failures.GetMeasurementSnapshot().EvaluateAsCounter(), Is.EqualTo(1));
        var logs = provider.GetFakeLogCollector().GetSnapshot();
        Assert.That(logs.Any(r => r.Id.Id == 1110 && r.Level == LogLevel.Error), Is.True, "the sink logs that it failed");
        Assert.That(logs.Any(r => r.Id.Id == 1020), Is.True, "the trail logs the failed event");
        Assert.That(logs.Select(r => r.Message + r.Exception), Has.None.Contains(KeyBase64));
    }

    [Test]
    public async Task RecordAsync_DataDirectoryIsAFile_Denies()
    {
        var blocked = _data.Combine("blocked");
        await File.WriteAllTextAsync(blocked, "not a directory");
        var services = new ServiceCollection();
        services.AddAegisGate(o => { o.DataDirectory = blocked; o.Audit.Key = KeyBase64; });
        _provider = services.BuildServiceProvider();

        AssertAuditUnavailable(await RecordAsync(_provider));
    }

    [Test]
    public async Task RecordAsync_AuditDirectoryNotWritable_Denies()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Ignore("SKIPPED: Unix file modes.");
            return;
        }

        Directory.CreateDirectory(AuditDirectory(_data));
        File.SetUnixFileMode(AuditDirectory(_data), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        if (CanCreateFileIn(AuditDirectory(_data)))
        {
            Assert.Ignore("SKIPPED: file permissions do not bind this user (root); the directory-is-a-file and path-is-a-directory tests cover unwritable storage.");
        }
        var provider = Build(a => a.Key = KeyBase64);

        AssertAuditUnavailable(await RecordAsync(provider));
    }

    [Test]
    public async Task RecordAsync_KeyFileMissingAndCreationDisabled_Denies()
    {
        var provider = Build(a => a.CreateKeyFileIfMissing = false);

        AssertAuditUnavailable(await RecordAsync(provider));
        Assert.That(File.Exists(ActiveFile(_data)), Is.False, "no record without a key");
    }

    [Test]
    public async Task RecordAsync_KeyFileCorrupt_Denies()
    {
        Directory.CreateDirectory(AuditDirectory(_data));
        await File.WriteAllTextAsync(_data.Combine("audit/audit.key"), "not-base64!");
        var provider = Build();

        AssertAuditUnavailable(await RecordAsync(provider));
    }

    [Test]
    public async Task RecordAsync_KeyFileDeletedAfterTheChainWasWritten_DeniesInsteadOfStartingANewChainSilently()
    {
        var first = Build();
        Assert.That((await RecordAsync(first)).IsAllowed, Is.True);
        first.Dispose();
        File.Delete(_data.Combine("audit/audit.key"));

        var second = Build();
        var decision = await RecordAsync(second, 2);

        AssertAuditUnavailable(decision);
        Assert.That(Lines(ActiveFile(_data)), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task RecordAsync_AuditDirectoryReplacedByAFileWhileRunning_DeniesThenRecoversWhenRestored()
    {
        var provider = Build(a => a.Key = KeyBase64);
        Assert.That((await RecordAsync(provider, 1)).IsAllowed, Is.True);
        var moved = _data.Combine("audit-moved");
        Directory.Move(AuditDirectory(_data), moved);
        await File.WriteAllTextAsync(AuditDirectory(_data), "in the way");

        AssertAuditUnavailable(await RecordAsync(provider, 2));

        File.Delete(AuditDirectory(_data));
        Directory.Move(moved, AuditDirectory(_data));
        var decision = await RecordAsync(provider, 3);

        Assert.That(decision.IsAllowed, Is.True, "the sink re-opens and resumes the chain on the next event");
        provider.Dispose();
        var result = Verify(AuditDirectory(_data));
        Assert.That(result.IsValid, Is.True, () => result.Failure!.ToString());
        Assert.That(result.RecordCount, Is.EqualTo(2));
    }

    [Test]
    public async Task RecordAsync_FailOpenConfigured_AllowsButStillCountsTheFailure()
    {
        Directory.CreateDirectory(ActiveFile(_data));
        var provider = Build(a => { a.Key = KeyBase64; a.FailClosed = false; });
        using var failures = new MetricCollector<long>(provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), AegisMetrics.MeterName, "aegisgate.audit.failures");

        var decision = await RecordAsync(provider);

        Assert.That(decision.IsAllowed, Is.True);
        Assert.That(failures.GetMeasurementSnapshot().EvaluateAsCounter(), Is.EqualTo(1));
    }

    [Test]
    public async Task RecordAsync_AuditDisabled_AllowsAndWritesNothing()
    {
        var provider = Build(a => a.Enabled = false);

        var decision = await RecordAsync(provider);

        Assert.That(decision.IsAllowed, Is.True);
        Assert.That(Directory.Exists(AuditDirectory(_data)), Is.False);
    }

    [Test]
    public async Task RecordAsync_SinkThrows_DeniesWithoutLeakingTheExceptionToTheReason()
    {
        var sink = new Mock<IAuditSink>(MockBehavior.Strict);
        sink.Setup(s => s.WriteAsync(It.IsAny<AuditEvent>(), It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("disk /secret/path full"));
        var provider = Build(aegis: b => b.AddAuditSink(_ => sink.Object));

        var decision = await RecordAsync(provider);

        AssertAuditUnavailable(decision);
        Assert.That(decision.Reason, Does.Not.Contain("/secret/path"));
    }

    [Test]
    public async Task RecordAsync_RequestAborted_DeniesAsCancelledWithoutCountingAnAuditFailure()
    {
        var provider = Build(a => a.Key = KeyBase64);
        using var failures = new MetricCollector<long>(provider.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), AegisMetrics.MeterName, "aegisgate.audit.failures");
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();

        var decision = await provider.GetRequiredService<AuditTrail>().RecordAsync(Event(1), aborted.Token);

        Assert.That(decision.Code, Is.EqualTo(AegisErrorCodes.EvaluationCancelled));
        Assert.That(failures.GetMeasurementSnapshot(), Is.Empty);
    }

    [Test]
    public async Task HostStart_CreatesTheKeyFileInTheDataDirectory()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddAegisGate(o => o.DataDirectory = _data.Path).AddPipeline("p", static (p, _) => p.AddCheck(TestChecks.Allow()));
        using var host = builder.Build();

        await host.StartAsync();
        var keyExists = File.Exists(_data.Combine("audit/audit.key"));
        var fileExists = File.Exists(ActiveFile(_data));
        await host.StopAsync();

        Assert.That(keyExists, Is.True);
        Assert.That(fileExists, Is.True);
    }

    [Test]
    public async Task HostStart_AuditUnavailable_StillStartsAndRequestsFailClosed()
    {
        Directory.CreateDirectory(ActiveFile(_data));
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddFakeLogging();
        builder.Services.AddAegisGate(o => { o.DataDirectory = _data.Path; o.Audit.Key = KeyBase64; }).AddPipeline("p", static (p, _) => p.AddCheck(TestChecks.Allow()));
        using var host = builder.Build();

        await host.StartAsync();
        var decision = await host.Services.GetRequiredService<AuditTrail>().RecordAsync(Event(1));
        await host.StopAsync();

        AssertAuditUnavailable(decision);
        Assert.That(host.Services.GetFakeLogCollector().GetSnapshot().Count(r => r.Id.Id == 1110), Is.EqualTo(1), "logged once at start, not per request");
    }

    private static bool CanCreateFileIn(string directory)
    {
        try
        {
            var probe = Path.Combine(directory, "probe");
            File.WriteAllText(probe, "x");
            File.Delete(probe);
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private sealed class RecordingSink : IAuditSink
    {
        public ValueTask WriteAsync(AuditEvent auditEvent, CancellationToken cancellationToken) => default;
    }
}
