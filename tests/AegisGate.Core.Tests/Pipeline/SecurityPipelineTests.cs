using System.Diagnostics.Metrics;
using AegisGate.Diagnostics;
using AegisGate.Pipeline;
using AegisGate.TestUtilities;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AegisGate.Core.Tests.Pipeline;

public sealed class SecurityPipelineTests
{
    private FakeTimeProvider _time = null!;
    private FakeLogger _logger = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider();
        _logger = new FakeLogger();
    }

    private SecurityPipeline Build(params ISecurityCheck?[] checks)
    {
        var builder = new SecurityPipelineBuilder("test")
        {
            CheckTimeout = TimeSpan.FromMilliseconds(100),
            TimeProvider = _time,
            LoggerFactory = new SingleLoggerFactory(_logger),
        };
        foreach (var check in checks)
        {
            builder.AddCheck(check);
        }

        return builder.Build();
    }

    private static SecurityContext Context() => new(AegisPillars.Http, "GET /test");

    [Test]
    public async Task EvaluateAsync_AllChecksAllow_ReturnsAllow()
    {
        var pipeline = Build(TestChecks.Allow("a"), TestChecks.Allow("b"));

        var decision = await pipeline.EvaluateAsync(Context());

        Assert.That(decision.IsAllowed, Is.True);
        Assert.That(decision.Code, Is.Null);
    }

    [Test]
    public async Task EvaluateAsync_CheckDenies_ReturnsItsDenialAndStops()
    {
        var later = new Mock<ISecurityCheck>(MockBehavior.Strict);
        later.SetupGet(c => c.Name).Returns("later");
        var pipeline = Build(TestChecks.Allow(), TestChecks.Deny("TEST_NO", "denier"), later.Object);

        var decision = await pipeline.EvaluateAsync(Context());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(decision.IsAllowed, Is.False);
            Assert.That(decision.Code, Is.EqualTo("TEST_NO"));
            Assert.That(decision.CheckName, Is.EqualTo("denier"));
            Assert.That(decision.StatusCode, Is.EqualTo(403));
        }

        later.Verify(c => c.EvaluateAsync(It.IsAny<SecurityContext>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Test]
    public async Task EvaluateAsync_NullCheck_DeniesWithCheckNull()
    {
        var pipeline = Build(TestChecks.Allow(), null);

        var decision = await pipeline.EvaluateAsync(Context());

        Assert.That(decision.Code, Is.EqualTo(AegisErrorCodes.CheckNull));
    }

    [Test]
    public async Task EvaluateAsync_CheckThrowsSynchronously_DeniesWithCheckFaulted()
    {
        var pipeline = Build(TestChecks.Throw("thrower"));

        var decision = await pipeline.EvaluateAsync(Context());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(decision.Code, Is.EqualTo(AegisErrorCodes.CheckFaulted));
            Assert.That(decision.CheckName, Is.EqualTo("thrower"));
            Assert.That(decision.Reason, Does.Not.Contain("boom"), "exception messages never reach the client");
        }

        Assert.That(_logger.Collector.GetSnapshot().Any(r => r.Exception is InvalidOperationException), Is.True);
    }

    [Test]
    public async Task EvaluateAsync_CheckFaultsAsynchronously_DeniesWithCheckFaulted()
    {
        var pipeline = Build(TestChecks.From("async-fault", async (_, ct) =>
        {
            await Task.Yield();
            throw new InvalidOperationException("late boom");
        }));

        var decision = await pipeline.EvaluateAsync(Context());

        Assert.That(decision.Code, Is.EqualTo(AegisErrorCodes.CheckFaulted));
    }

    [Test]
    public async Task EvaluateAsync_FaultedValueTask_DeniesWithCheckFaulted()
    {
        var pipeline = Build(TestChecks.From("faulted", static (_, _) => ValueTask.FromException<SecurityDecision>(new IOException())));

        var decision = await pipeline.EvaluateAsync(Context());

        Assert.That(decision.Code, Is.EqualTo(AegisErrorCodes.CheckFaulted));
    }

    [Test]
    public async Task EvaluateAsync_SynchronousCheckExceedsTimeout_DeniesWithCheckTimeout()
    {
        // A synchronous allow that arrives after the deadline is not trusted.
        var pipeline = Build(TestChecks.From("slow-sync", (_, _) =>
        {
            _time.Advance(TimeSpan.FromMilliseconds(150));
            return new ValueTask<SecurityDecision>(SecurityDecision.Allow());
        }));

        var decision = await pipeline.EvaluateAsync(Context());

        Assert.That(decision.Code, Is.EqualTo(AegisErrorCodes.CheckTimeout));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task EvaluateAsync_AsyncCheckIgnoresTokenAndHangs_DeniesWithCheckTimeout()
    {
        var never = new TaskCompletionSource<SecurityDecision>();
        var pipeline = Build(TestChecks.From("hang", (_, _) => new ValueTask<SecurityDecision>(never.Task)));

        var pending = pipeline.EvaluateAsync(Context()).AsTask();
        Assert.That(pending.IsCompleted, Is.False);
        _time.Advance(TimeSpan.FromMilliseconds(101));
        var decision = await pending;

        Assert.That(decision.Code, Is.EqualTo(AegisErrorCodes.CheckTimeout));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task EvaluateAsync_AsyncCheckObservesToken_IsCancelledAtTimeout()
    {
        var observed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pipeline = Build(TestChecks.From("cooperative", async (_, ct) =>
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }
            catch (OperationCanceledException)
            {
                observed.TrySetResult(true);
                throw;
            }

            return SecurityDecision.Allow();
        }));

        var pending = pipeline.EvaluateAsync(Context()).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(101));
        var decision = await pending;

        Assert.That(decision.Code, Is.EqualTo(AegisErrorCodes.CheckTimeout));
        Assert.That(await observed.Task, Is.True, "the check's token fired at the timeout");
    }

    [Test]
    public async Task EvaluateAsync_AlreadyCancelled_DeniesWithEvaluationCancelled()
    {
        var pipeline = Build(TestChecks.Allow());
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var decision = await pipeline.EvaluateAsync(Context(), cts.Token);

        Assert.That(decision.Code, Is.EqualTo(AegisErrorCodes.EvaluationCancelled));
    }

    [Test]
    [CancelAfter(10_000)]
    public async Task EvaluateAsync_CancelledWhileCheckRuns_DeniesWithEvaluationCancelled()
    {
        using var request = new CancellationTokenSource();
        var pipeline = Build(TestChecks.From("waits", async (_, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return SecurityDecision.Allow();
        }));

        var pending = pipeline.EvaluateAsync(Context(), request.Token).AsTask();
        await request.CancelAsync();
        var decision = await pending;

        Assert.That(decision.Code, Is.EqualTo(AegisErrorCodes.EvaluationCancelled));
    }

    [Test]
    public async Task EvaluateAsync_CancelledDuringSynchronousCheck_DeniesEvenIfCheckAllowed()
    {
        using var request = new CancellationTokenSource();
        var pipeline = Build(TestChecks.From("cancels", (_, _) =>
        {
            request.Cancel();
            return new ValueTask<SecurityDecision>(SecurityDecision.Allow());
        }));

        var decision = await pipeline.EvaluateAsync(Context(), request.Token);

        Assert.That(decision.Code, Is.EqualTo(AegisErrorCodes.EvaluationCancelled));
    }

    [Test]
    public async Task EvaluateAsync_CheckReturnsDefaultDecision_DeniesWithDecisionUnset()
    {
        var pipeline = Build(TestChecks.From("unset", static (_, _) => new ValueTask<SecurityDecision>(default(SecurityDecision))));

        var decision = await pipeline.EvaluateAsync(Context());

        Assert.That(decision.Code, Is.EqualTo(AegisErrorCodes.DecisionUnset));
        Assert.That(decision.CheckName, Is.EqualTo("unset"));
    }

    [Test]
    public async Task EvaluateAsync_NullContext_DeniesWithInternalError()
    {
        var pipeline = Build(TestChecks.Allow());

        var decision = await pipeline.EvaluateAsync(null!);

        Assert.That(decision.Code, Is.EqualTo(AegisErrorCodes.InternalError));
    }

    [Test]
    public async Task EvaluateAsync_AsyncChecksAllow_ThenLaterSyncDenial_IsReturned()
    {
        var pipeline = Build(
            TestChecks.From("async-allow", async (_, _) =>
            {
                await Task.Yield();
                return SecurityDecision.Allow();
            }),
            TestChecks.Deny("TEST_AFTER_ASYNC"));

        var decision = await pipeline.EvaluateAsync(Context());

        Assert.That(decision.Code, Is.EqualTo("TEST_AFTER_ASYNC"));
    }

    [Test]
    public async Task EvaluateAsync_ManyEvaluations_ReuseTokenSourcesWithoutCrossTalk()
    {
        var pipeline = Build(TestChecks.From("token-check", static (_, ct) =>
            new ValueTask<SecurityDecision>(ct.IsCancellationRequested ? SecurityDecision.Deny("TEST_STALE_TOKEN", "stale") : SecurityDecision.Allow())));

        for (var i = 0; i < 100; i++)
        {
            using var cts = new CancellationTokenSource();
            var decision = await pipeline.EvaluateAsync(Context(), cts.Token);
            Assert.That(decision.IsAllowed, Is.True);
        }
    }

    [Test]
    public void EvaluateAsync_EmptyPipelineReachedAtRunTime_DeniesWithPipelineEmpty()
    {
        // The builder refuses to build an empty pipeline, so construct one directly as a misconfigured host would.
        var pipeline = new SecurityPipeline("empty", [], TimeSpan.FromSeconds(1), _time, _logger, null);

        var decision = pipeline.EvaluateAsync(Context()).AsTask().Result;

        Assert.That(decision.Code, Is.EqualTo(AegisErrorCodes.PipelineEmpty));
    }

    [Test]
    public void Build_Empty_Throws()
    {
        var builder = new SecurityPipelineBuilder("empty");

        Assert.That(() => builder.Build(), Throws.InvalidOperationException.With.Message.Contains(AegisErrorCodes.PipelineEmpty));
    }

    [Test]
    public void Build_Twice_Throws()
    {
        var builder = new SecurityPipelineBuilder().AddCheck(TestChecks.Allow());
        builder.Build();

        Assert.That(() => builder.AddCheck(TestChecks.Allow()), Throws.InvalidOperationException);
        Assert.That(() => builder.Build(), Throws.InvalidOperationException);
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void Build_NonPositiveTimeout_Throws(int milliseconds)
    {
        var builder = new SecurityPipelineBuilder { CheckTimeout = TimeSpan.FromMilliseconds(milliseconds) }.AddCheck(TestChecks.Allow());

        Assert.That(() => builder.Build(), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Build_NullCheck_LogsAnError()
    {
        Build(TestChecks.Allow(), null);

        Assert.That(_logger.Collector.GetSnapshot().Any(r => r.Level == Microsoft.Extensions.Logging.LogLevel.Error && r.Id.Id == 1003), Is.True);
    }

    [Test]
    public async Task EvaluateAsync_RecordsDecisionMetricWithCode()
    {
        using var meterFactory = new TestMeterFactory();
        var metrics = new AegisMetrics(meterFactory);
        using var collector = new MetricCollector<long>(meterFactory, AegisMetrics.MeterName, "aegisgate.decisions");
        var pipeline = new SecurityPipelineBuilder { Metrics = metrics, TimeProvider = _time }.AddCheck(TestChecks.Deny("TEST_METRIC")).Build();

        await pipeline.EvaluateAsync(Context());

        var measurement = collector.GetMeasurementSnapshot().Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(measurement.Tags["aegisgate.code"], Is.EqualTo("TEST_METRIC"));
            Assert.That(measurement.Tags["aegisgate.result"], Is.EqualTo("deny"));
            Assert.That(measurement.Tags["aegisgate.pillar"], Is.EqualTo(AegisPillars.Http));
        }
    }

    private sealed class SingleLoggerFactory(FakeLogger logger) : Microsoft.Extensions.Logging.ILoggerFactory
    {
        public void AddProvider(Microsoft.Extensions.Logging.ILoggerProvider provider)
        {
        }

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => logger;

        public void Dispose()
        {
        }
    }

    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in _meters)
            {
                meter.Dispose();
            }
        }
    }
}
