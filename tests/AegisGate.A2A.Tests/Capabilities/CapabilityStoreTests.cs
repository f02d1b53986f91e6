using AegisGate.A2A.Capabilities;
using AegisGate.Audit;
using AegisGate.Configuration;
using AegisGate.TestUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace AegisGate.A2A.Tests.Capabilities;

public sealed class CapabilityStoreTests
{
    private TempDirectory _dir = null!;
    private string _yaml = null!;
    private string _json = null!;
    private Mock<IAuditSink> _sink = null!;
    private AuditTrail _audit = null!;

    [SetUp]
    public void SetUp()
    {
        _dir = new TempDirectory();
        _yaml = _dir.Combine("a2a_caps.yaml");
        _json = _dir.Combine("state/capabilities.json");
        File.WriteAllText(_yaml, "capabilities:\n  stream_message: { min_tier: professional }\nagents:\n  agent-a:\n    capabilities: [send_message]\n");
        _sink = new Mock<IAuditSink>();
        _sink.Setup(s => s.WriteAsync(It.IsAny<AuditEvent>(), It.IsAny<CancellationToken>())).Returns(ValueTask.CompletedTask);
        _audit = new AuditTrail(_sink.Object, Options.Create(new AegisGateOptions()), new AegisGate.Diagnostics.AegisMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()), NullLogger<AuditTrail>.Instance);
    }

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private CapabilityStore Open() => new(_yaml, _json, NullLogger.Instance, null, watch: false, new FakeTimeProvider());

    [Test]
    public async Task SetAgentAsync_Persists_AndSurvivesReopen()
    {
        using (var store = Open())
        {
            var result = await store.SetAgentAsync("agent-b", ["get_task", "send_message"], "ops", _audit, "r1", CancellationToken.None);
            Assert.That(result.Status, Is.EqualTo(CapabilityChangeStatus.Applied));
        }

        using var reopened = Open();
        Assert.That(reopened.Current.Agents["agent-b"].Capabilities, Is.EquivalentTo(new[] { "get_task", "send_message" }));
        Assert.That(reopened.Current.Agents["agent-a"].Source, Is.EqualTo(GrantSource.Yaml));
        _sink.Verify(s => s.WriteAsync(It.Is<AuditEvent>(e => e.Operation == "a2a.capabilities.set" && e.Principal == "ops" && e.Properties!["agent"] == "agent-b"), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task SetAgentAsync_CrashBetweenWriteAndRename_KeepsPreviousMap()
    {
        using (var store = Open())
        {
            await store.SetAgentAsync("agent-b", ["get_task"], "ops", _audit, null, CancellationToken.None);
            var before = File.ReadAllBytes(_json);
            store.BeforeRename = _ => throw new IOException("simulated crash");

            var result = await store.SetAgentAsync("agent-b", ["send_message"], "ops", _audit, null, CancellationToken.None);

            Assert.That(result.Status, Is.EqualTo(CapabilityChangeStatus.PersistFailed));
            Assert.That(File.ReadAllBytes(_json), Is.EqualTo(before));
            Assert.That(store.Current.Agents["agent-b"].Capabilities, Is.EquivalentTo(new[] { "get_task" }));
        }

        // A leftover temporary file of a process that died before the rename is ignored and removed.
        File.WriteAllText(_json + ".deadbeef.tmp", "{ half a fi");
        using var reopened = Open();
        Assert.That(reopened.Current.Agents["agent-b"].Capabilities, Is.EquivalentTo(new[] { "get_task" }));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(_json)!, "*.tmp"), Is.Empty);
    }

    [Test]
    public void Open_CorruptPersistedFile_RefusesToStart()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_json)!);
        File.WriteAllText(_json, "{ not json");

        Assert.That(Open, Throws.InstanceOf<InvalidDataException>());
    }

    [Test]
    public async Task SetAgentAsync_AuditFails_ChangeIsNotKept()
    {
        _sink.Setup(s => s.WriteAsync(It.IsAny<AuditEvent>(), It.IsAny<CancellationToken>())).Returns(() => ValueTask.FromException(new IOException("disk full")));
        using var store = Open();

        var result = await store.SetAgentAsync("agent-b", ["get_task"], "ops", _audit, null, CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(CapabilityChangeStatus.AuditUnavailable));
        Assert.That(store.Current.Agents.ContainsKey("agent-b"), Is.False);
        using var reopened = Open();
        Assert.That(reopened.Current.Agents.ContainsKey("agent-b"), Is.False);
    }

    [Test]
    public async Task SetAgentAsync_AuditFails_NothingIsWritten()
    {
        _sink.Setup(s => s.WriteAsync(It.IsAny<AuditEvent>(), It.IsAny<CancellationToken>())).Returns(() => ValueTask.FromException(new IOException("disk full")));
        using var store = Open();

        var result = await store.SetAgentAsync("agent-b", ["get_task"], "ops", _audit, null, CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(CapabilityChangeStatus.AuditUnavailable));
        Assert.That(result.Decision.Code, Is.EqualTo(AegisErrorCodes.AuditUnavailable));
        Assert.That(File.Exists(_json), Is.False, "a change is audited before it is written");
    }

    [Test]
    public async Task SetAgentAsync_SaveFails_IsAuditedAsNotApplied()
    {
        using var store = Open();
        store.BeforeRename = static _ => throw new IOException("simulated crash");

        var result = await store.SetAgentAsync("agent-b", ["get_task"], "ops", _audit, "r9", CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(CapabilityChangeStatus.PersistFailed));
        Assert.That(result.Decision.Code, Is.EqualTo(AegisErrorCodes.InternalError));
        _sink.Verify(s => s.WriteAsync(It.Is<AuditEvent>(e => e.Operation == "a2a.capabilities.set" && e.Decision == "allow"), It.IsAny<CancellationToken>()), Times.Once);
        _sink.Verify(s => s.WriteAsync(It.Is<AuditEvent>(e => e.Operation == "a2a.capabilities.set" && e.Decision == "deny" && e.Code == AegisErrorCodes.InternalError && e.RequestId == "r9"), It.IsAny<CancellationToken>()), Times.Once);
        Assert.That(store.Current.Agents.ContainsKey("agent-b"), Is.False);
    }

    [Test]
    public async Task SetAgentAsync_UnknownCapability_IsInvalid()
    {
        using var store = Open();

        var result = await store.SetAgentAsync("agent-b", ["root_shell"], "ops", _audit, null, CancellationToken.None);

        Assert.That(result.Status, Is.EqualTo(CapabilityChangeStatus.Invalid));
    }

    [Test]
    public async Task RemoveAndReset_OverrideYamlThenRestoreIt()
    {
        using var store = Open();

        await store.RemoveAgentAsync("agent-a", "ops", _audit, null, CancellationToken.None);
        Assert.That(store.Current.Agents.ContainsKey("agent-a"), Is.False);

        await store.ResetAgentAsync("agent-a", "ops", _audit, null, CancellationToken.None);
        Assert.That(store.Current.Agents["agent-a"].Source, Is.EqualTo(GrantSource.Yaml));
    }

    [Test]
    public async Task ReloadSeed_InvalidYaml_KeepsLastGoodMapAndAdminChanges()
    {
        using var store = Open();
        await store.SetAgentAsync("agent-b", ["get_task"], "ops", _audit, null, CancellationToken.None);

        File.WriteAllText(_yaml, "agents:\n  agent-a:\n    capabilities: [no_such_capability]\n");
        var applied = store.ReloadSeed();

        Assert.That(applied, Is.False);
        Assert.That(store.LastSeedErrors, Is.Not.Empty);
        Assert.That(store.Current.Agents["agent-a"].Capabilities, Is.EquivalentTo(new[] { "send_message" }));
        Assert.That(store.Current.Agents["agent-b"].Capabilities, Is.EquivalentTo(new[] { "get_task" }));

        File.WriteAllText(_yaml, "agents:\n  agent-a:\n    capabilities: [get_task]\n");
        Assert.That(store.ReloadSeed(), Is.True);
        Assert.That(store.Current.Agents["agent-a"].Capabilities, Is.EquivalentTo(new[] { "get_task" }));
        Assert.That(store.Current.MinTiers, Is.Empty);
    }
}
