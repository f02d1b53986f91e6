using System.Text;
using AegisGate.Audit;
using AegisGate.Compliance;
using AegisGate.Configuration;
using AegisGate.Core.Tests.Audit;
using AegisGate.TestUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AegisGate.Core.Tests.Compliance;

/// <summary><c>audit.verified</c>: the live audit chain verified with <see cref="AuditVerifier"/>, incrementally.</summary>
[CancelAfter(60_000)]
public sealed class AuditChainEvidenceTests
{
    private TempDirectory _data = null!;
    private FakeTimeProvider _time = null!;

    [SetUp]
    public void SetUp()
    {
        _data = new TempDirectory();
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    }

    [TearDown]
    public void TearDown() => _data.Dispose();

    private sealed class Harness(ServiceProvider services, AuditChainEvidenceProvider provider) : IAsyncDisposable
    {
        public AuditChainEvidenceProvider Provider => provider;

        public JsonlAuditSink Sink => (JsonlAuditSink)services.GetRequiredService<IAuditSink>();

        public async Task<ComplianceEvidence> CollectAsync()
        {
            var collector = new ComplianceEvidenceCollector(provider.Name);
            await provider.CollectAsync(collector, CancellationToken.None);
            return collector.Items.Single(e => e.Id == ComplianceEvidenceIds.AuditVerified);
        }

        public async ValueTask DisposeAsync() => await services.DisposeAsync();
    }

    private Harness Create(Action<AuditOptions>? audit = null, Action<IServiceCollection>? services = null, TimeSpan? fullInterval = null)
    {
        var collection = new ServiceCollection();
        collection.AddSingleton(Options.Create(AuditTestSupport.Options(_data, audit)));
        collection.AddSingleton(static sp => new AegisPaths(sp.GetRequiredService<IOptions<AegisGateOptions>>()));
        collection.AddSingleton<TimeProvider>(_time);
        collection.AddLogging();
        collection.AddSingleton<IAuditSink, JsonlAuditSink>();
        collection.AddSingleton(Options.Create(new AegisComplianceOptions { AuditFullVerificationInterval = fullInterval ?? TimeSpan.FromHours(1) }));
        services?.Invoke(collection);
        var provider = collection.BuildServiceProvider();
        return new Harness(provider, new AuditChainEvidenceProvider(provider, new IncrementalAuditVerifier(_time)));
    }

    [Test]
    public async Task Collect_IntactChain_IsSatisfiedWithTheHead()
    {
        await using var harness = Create();
        await AuditTestSupport.WriteEventsAsync(harness.Sink, 1, 10);

        var evidence = await harness.CollectAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(evidence.Satisfied, Is.True, evidence.Detail);
            Assert.That(evidence.Detail, Does.Contain("10 record(s)").And.Contain("sequence 1–10").And.Contain("read in full"));
            Assert.That(evidence.Detail, Does.Contain("Head 10:" + AuditTestSupport.Verify(AuditTestSupport.ActiveFile(_data)).Head!.Value.Mac));
            Assert.That(evidence.Detail, Does.Not.Contain(AuditTestSupport.KeyBase64), "the key never appears in evidence");
        }
    }

    [Test]
    public async Task Collect_EditedRecord_IsNotSatisfiedAndNamesIt()
    {
        await using var harness = Create();
        await AuditTestSupport.WriteEventsAsync(harness.Sink, 1, 6);
        await harness.Sink.DisposeAsync();
        var file = AuditTestSupport.ActiveFile(_data);
        var lines = AuditTestSupport.Lines(file);
        lines[2] = lines[2].Replace("\"alice\"", "\"mallory\"", StringComparison.Ordinal);
        AuditTestSupport.WriteLines(file, lines);

        var evidence = await harness.CollectAsync();

        Assert.That(evidence.Satisfied, Is.False);
        Assert.That(evidence.Detail, Does.Contain("Edited").And.Contain(":3"));
    }

    [Test]
    public async Task Collect_AfterAppend_ReadsOnlyTheNewRecords()
    {
        await using var harness = Create();
        await AuditTestSupport.WriteEventsAsync(harness.Sink, 1, 50);
        var verifier = new IncrementalAuditVerifier(_time);
        var first = await verifier.VerifyAsync(harness.Sink.FilePath, () => AuditTestSupport.Key, TimeSpan.FromHours(1));
        var before = new FileInfo(harness.Sink.FilePath).Length;

        await AuditTestSupport.WriteEventsAsync(harness.Sink, 51, 3);
        var second = await verifier.VerifyAsync(harness.Sink.FilePath, () => AuditTestSupport.Key, TimeSpan.FromHours(1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.IsValid && first.Full, Is.True, first.Detail);
            Assert.That(first.BytesRead, Is.EqualTo(before));
            Assert.That(second.IsValid, Is.True, second.Detail);
            Assert.That(second.Full, Is.False);
            Assert.That(second.RecordCount, Is.EqualTo(53));
            Assert.That(second.BytesRead, Is.EqualTo(new FileInfo(harness.Sink.FilePath).Length - before), "only the appended bytes are read");
            Assert.That(second.Detail, Does.Contain("continued from the last verification"));
        }
    }

    [Test]
    public async Task Collect_TamperedAppendedRecord_IsFoundIncrementally()
    {
        await using var harness = Create();
        await AuditTestSupport.WriteEventsAsync(harness.Sink, 1, 5);
        Assert.That((await harness.CollectAsync()).Satisfied, Is.True);
        await AuditTestSupport.WriteEventsAsync(harness.Sink, 6, 3);
        await harness.Sink.DisposeAsync();
        var file = AuditTestSupport.ActiveFile(_data);
        var lines = AuditTestSupport.Lines(file);
        lines[6] = lines[6].Replace("\"allow\"", "\"deny!\"", StringComparison.Ordinal);
        AuditTestSupport.WriteLines(file, lines);

        var evidence = await harness.CollectAsync();

        Assert.That(evidence.Satisfied, Is.False);
        Assert.That(evidence.Detail, Does.Contain("Edited").And.Contain("seq 7"));
    }

    [Test]
    public async Task Collect_RecordsDeletedFromTheEnd_IsNotSatisfied()
    {
        await using var harness = Create();
        await AuditTestSupport.WriteEventsAsync(harness.Sink, 1, 10);
        Assert.That((await harness.CollectAsync()).Satisfied, Is.True);
        await harness.Sink.DisposeAsync();
        var file = AuditTestSupport.ActiveFile(_data);
        AuditTestSupport.WriteLines(file, AuditTestSupport.Lines(file).Take(7));
        Assert.That(AuditTestSupport.Verify(file).IsValid, Is.True, "the shorter chain is valid on its own: only the earlier head shows the loss");

        var evidence = await harness.CollectAsync();

        Assert.That(evidence.Satisfied, Is.False);
        Assert.That(evidence.Detail, Does.Contain("ends at sequence 7").And.Contain("sequence 10 verified").And.Contain("deleted from the end"));
    }

    [Test]
    public async Task Collect_TrailDeleted_IsNotSatisfied()
    {
        await using var harness = Create();
        await AuditTestSupport.WriteEventsAsync(harness.Sink, 1, 4);
        Assert.That((await harness.CollectAsync()).Satisfied, Is.True);
        await harness.Sink.DisposeAsync();
        File.Delete(AuditTestSupport.ActiveFile(_data));

        var evidence = await harness.CollectAsync();

        Assert.That(evidence.Satisfied, Is.False);
        Assert.That(evidence.Detail, Does.Contain("ends at sequence 0"));
    }

    [Test]
    public async Task Collect_RotatedTrail_ContinuesAcrossFilesAndSkipsUnchangedOnes()
    {
        await using var harness = Create(audit: static a => a.MaxFileBytes = 4096);
        await AuditTestSupport.WriteEventsAsync(harness.Sink, 1, 40);
        var verifier = new IncrementalAuditVerifier(_time);
        var first = await verifier.VerifyAsync(harness.Sink.FilePath, () => AuditTestSupport.Key, TimeSpan.FromHours(1));
        await AuditTestSupport.WriteEventsAsync(harness.Sink, 41, 40);
        var total = Directory.EnumerateFiles(AuditTestSupport.AuditDirectory(_data), "*.jsonl").Sum(static f => new FileInfo(f).Length);

        var second = await verifier.VerifyAsync(harness.Sink.FilePath, () => AuditTestSupport.Key, TimeSpan.FromHours(1));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Directory.EnumerateFiles(AuditTestSupport.AuditDirectory(_data), "aegisgate-audit.0*.jsonl").Count(), Is.GreaterThan(3), "the trail rotated");
            Assert.That(first.IsValid, Is.True, first.Detail);
            Assert.That(second.IsValid, Is.True, second.Detail);
            Assert.That(second.RecordCount, Is.EqualTo(80));
            Assert.That(second.Full, Is.False);
            Assert.That(second.BytesRead, Is.LessThan(total - first.BytesRead + 4096 + 1), "files verified before are not read again");
        }
    }

    [Test]
    public async Task Collect_RotatedFileReplaced_IsNotSatisfied()
    {
        await using var harness = Create(audit: static a => a.MaxFileBytes = 4096);
        await AuditTestSupport.WriteEventsAsync(harness.Sink, 1, 40);
        Assert.That((await harness.CollectAsync()).Satisfied, Is.True);
        await harness.Sink.DisposeAsync();
        var rotated = AuditTestSupport.AuditDirectory(_data) + "/aegisgate-audit.000002.jsonl";
        var lines = AuditTestSupport.Lines(rotated);
        lines.RemoveAt(1);
        AuditTestSupport.WriteLines(rotated, lines);

        var evidence = await harness.CollectAsync();

        Assert.That(evidence.Satisfied, Is.False);
        Assert.That(evidence.Detail, Does.Contain("Deleted").Or.Contain("Reordered"));
    }

    [Test]
    public async Task Collect_EditInsideTheVerifiedPrefix_IsFoundAtTheNextFullVerification()
    {
        await using var harness = Create(fullInterval: TimeSpan.FromMinutes(30));
        await AuditTestSupport.WriteEventsAsync(harness.Sink, 1, 5);
        Assert.That((await harness.CollectAsync()).Satisfied, Is.True);
        var file = AuditTestSupport.ActiveFile(_data);
        var written = File.GetLastWriteTimeUtc(file);
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            // Same length, one byte of the first record changed (inside the part verified before).
            var bytes = new byte[200];
            stream.ReadExactly(bytes);
            var at = Encoding.ASCII.GetString(bytes).IndexOf("alice", StringComparison.Ordinal);
            stream.Position = at;
            stream.WriteByte((byte)'A');
        }

        File.SetLastWriteTimeUtc(file, written);

        var incremental = await harness.CollectAsync();
        _time.Advance(TimeSpan.FromMinutes(31));
        var full = await harness.CollectAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(incremental.Satisfied, Is.True, "the incremental check does not read the verified prefix again (documented)");
            Assert.That(full.Satisfied, Is.False, full.Detail);
            Assert.That(full.Detail, Does.Contain("Edited"));
        }
    }

    [Test]
    public async Task Collect_WrongKey_IsNotSatisfied()
    {
        await AuditTestSupport.WriteChainAsync(_data, 3);
        await using var harness = Create(audit: static a => a.Key = AuditTestSupport.OtherKeyBase64);

        var evidence = await harness.CollectAsync();

        Assert.That(evidence.Satisfied, Is.False);
        Assert.That(evidence.Detail, Does.Contain("WrongKey"));
    }

    [Test]
    public async Task Collect_EmptyTrail_IsSatisfied()
    {
        await using var harness = Create();

        var evidence = await harness.CollectAsync();

        Assert.That(evidence.Satisfied, Is.True);
        Assert.That(evidence.Detail, Does.Contain("no records yet"));
    }

    [Test]
    public async Task Collect_AuditDisabled_IsNotSatisfied()
    {
        await using var harness = Create(audit: static a => a.Enabled = false);

        var evidence = await harness.CollectAsync();

        Assert.That(evidence.Satisfied, Is.False);
        Assert.That(evidence.Detail, Does.Contain("disabled"));
    }

    [Test]
    public async Task Collect_CustomSink_IsNotSatisfied()
    {
        await using var harness = Create(services: static s => s.AddSingleton(new Mock<IAuditSink>().Object));
        var collector = new ComplianceEvidenceCollector(harness.Provider.Name);

        await harness.Provider.CollectAsync(collector, CancellationToken.None);

        Assert.That(collector.Items.Single().Satisfied, Is.False);
        Assert.That(collector.Items.Single().Detail, Does.Contain("cannot verify"));
    }

    [Test]
    public async Task Collect_KeyFileMissing_Throws_SoTheEvidenceIsMissing()
    {
        await using var harness = Create(audit: static a =>
        {
            a.Key = null;
            a.KeyFile = "audit/absent.key";
            a.CreateKeyFileIfMissing = false;
        });
        var evaluator = new ComplianceEvaluator(new ComplianceFrameworkRegistry(), [harness.Provider], _time, TimeSpan.FromSeconds(10));

        var report = await evaluator.EvaluateAsync("pci-dss");

        var control = report.Controls.Single(c => c.Id == "10.3.4");
        Assert.That(control.Status, Is.EqualTo(ComplianceStatus.Fail));
        Assert.That(control.MissingEvidence, Does.Contain(ComplianceEvidenceIds.AuditVerified));
        Assert.That(report.ProviderErrors, Has.Some.Contains("audit-chain"));
    }

    [Test]
    public async Task AddAegisCompliance_RegistersTheAuditChainProvider()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAegisGate(o => o.DataDirectory = _data.Path).AddAegisCompliance();
        await using var provider = services.BuildServiceProvider();

        Assert.That(provider.GetServices<IComplianceEvidenceProvider>().Select(p => p.Name), Does.Contain("audit-chain"));
    }

    // --- AuditVerifier.VerifyContinuation ------------------------------------------------------------------

    [Test]
    public async Task VerifyContinuation_FromEverySplitPoint_MatchesTheFullVerification()
    {
        await AuditTestSupport.WriteChainAsync(_data, 12);
        var file = AuditTestSupport.ActiveFile(_data);
        var key = AuditTestSupport.Key;
        var full = AuditTestSupport.Verify(file);

        for (var split = 0; split <= 12; split++)
        {
            AuditChainState? state = null;
            long offset = 0, line = 0;
            if (split > 0)
            {
                // Verify the first `split` records as their own file, then continue after them.
                var copy = _data.Combine($"prefix-{split}.jsonl");
                AuditTestSupport.WriteLines(copy, AuditTestSupport.Lines(file).Take(split));
                var head = AuditVerifier.VerifyContinuation(copy, key, null, 0, 0);
                (state, offset, line) = (head.EndState, head.EndOffset, head.EndLine);
            }

            var rest = AuditVerifier.VerifyContinuation(file, key, state, offset, line);

            Assert.That(rest.IsValid, Is.True, $"split {split}: {rest.Failure}");
            Assert.That(rest.Head, Is.EqualTo(full.Head), $"split {split}");
            Assert.That(rest.RecordCount, Is.EqualTo(12), $"split {split}");
        }
    }

    [Test]
    public async Task VerifyContinuation_WrongState_FailsAsBrokenLink()
    {
        await AuditTestSupport.WriteChainAsync(_data, 6);
        var file = AuditTestSupport.ActiveFile(_data);
        var head = AuditVerifier.VerifyContinuation(file, AuditTestSupport.Key, null, 0, 0);
        var lines = AuditTestSupport.Lines(file);
        var offsetAfter3 = lines.Take(3).Sum(static l => Encoding.UTF8.GetByteCount(l) + 1);
        var forged = head.EndState!.Value with { Sequence = 3 };

        var rest = AuditVerifier.VerifyContinuation(file, AuditTestSupport.Key, forged, offsetAfter3, 3);

        Assert.That(rest.IsValid, Is.False);
        Assert.That(rest.Failure!.Kind, Is.EqualTo(AuditFailureKind.BrokenLink));
        Assert.That(rest.Failure.Line, Is.EqualTo(4));
    }

    [Test]
    public async Task VerifyAsync_LoadsTheKeyPerRunAndNeverKeepsIt()
    {
        await AuditTestSupport.WriteChainAsync(_data, 2);
        var key = AuditTestSupport.Key;
        var verifier = new IncrementalAuditVerifier(_time);

        var check = await verifier.VerifyAsync(AuditTestSupport.ActiveFile(_data), () => key, TimeSpan.FromHours(1));

        Assert.That(check.IsValid, Is.True, check.Detail);
        Assert.That(key, Is.All.EqualTo(0), "the key is zeroed after the run");
    }
}
