using System.Text.Json.Nodes;
using AegisGate.Configuration;
using AegisGate.Mcp.SupplyChain;
using AegisGate.TestUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static AegisGate.Mcp.Tests.McpTestData;

namespace AegisGate.Mcp.Tests.SupplyChain;

/// <summary>
/// The lock file shared by the host and <c>aegisgate mcp pins</c>: format, operator actions, cross-process updates, and
/// the host picking up approvals and revocations made by another process.
/// </summary>
public sealed class LockFileTests
{
    private static readonly string H1 = "sha256:" + new string('1', 64);
    private static readonly string H2 = "sha256:" + new string('2', 64);

    [Test]
    public void Parse_OriginalFormatWithOnlyServers_IsValid()
    {
        var doc = McpToolLock.Parse("{\"version\":1,\"servers\":{\"s\":{\"t\":\"" + H1 + "\"}}}");

        Assert.That(doc.Get("s", "t")!.Approved, Is.EqualTo(H1));
        Assert.That(doc.Get("s", "t")!.Status, Is.EqualTo("pinned"));
    }

    [Test]
    public void SerializeThenParse_RoundTripsEverySection()
    {
        var doc = new McpToolLock();
        doc.PinOnFirstUse("s", "a", H1);
        doc.PinOnFirstUse("s", "b", H1);
        doc.RecordPending("s", "a", H2, DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture), JsonNode.Parse("""{"name":"a","description":"v2 \u202e"}"""));
        doc.Revoke("s", "b");

        var text = doc.Serialize();
        var again = McpToolLock.Parse(text);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again.Serialize(), Is.EqualTo(text));
            Assert.That(again.Get("s", "a")!.Status, Is.EqualTo("changed"));
            Assert.That(again.Get("s", "a")!.Pending!.Definition!["description"]!.GetValue<string>(), Does.EndWith("\u202e"));
            Assert.That(again.Get("s", "b")!.Status, Is.EqualTo("revoked"));
            Assert.That(text.Contains('\u202e', StringComparison.Ordinal), Is.False, "control and bidi characters are escaped in the file");
        }
    }

    [TestCase("not json")]
    [TestCase("[]")]
    [TestCase("""{"version":2,"servers":{}}""")]
    [TestCase("""{"version":1}""")]
    [TestCase("""{"version":1,"servers":{"s":{"t":"md5:abc"}}}""")]
    [TestCase("""{"version":1,"servers":{"s":{"t":"sha256:ABCDEF"}}}""")]
    [TestCase("""{"version":1,"servers":{"s":[]}}""")]
    [TestCase("""{"version":1,"servers":{},"pending":{"s":{"t":{"hash":"sha256:x","seen":"2026-01-01T00:00:00Z"}}}}""")]
    [TestCase("""{"version":1,"servers":{},"pending":{"s":{"t":{"hash":"sha256:1111111111111111111111111111111111111111111111111111111111111111","seen":"yesterday"}}}}""")]
    [TestCase("""{"version":1,"servers":{"s":{"t":"sha256:1111111111111111111111111111111111111111111111111111111111111111"}},"revoked":{"s":{"t":"sha256:1111111111111111111111111111111111111111111111111111111111111111"}}}""")]
    public void Parse_InvalidFile_Throws(string json)
    {
        Assert.That(() => McpToolLock.Parse(json), Throws.TypeOf<InvalidDataException>());
    }

    [Test]
    public void Approve_PendingDefinition_MovesItToTheApprovedPins()
    {
        var doc = Changed();

        var result = doc.Approve("s", "a", expectedHash: H2);

        Assert.That(result, Is.EqualTo(McpLockChange.Done));
        Assert.That(doc.Get("s", "a")!.Approved, Is.EqualTo(H2));
        Assert.That(doc.Get("s", "a")!.Pending, Is.Null);
    }

    [Test]
    public void Approve_PendingChangedSinceReview_RefusesWithHashMismatch()
    {
        var doc = Changed();

        Assert.That(doc.Approve("s", "a", expectedHash: H1), Is.EqualTo(McpLockChange.HashMismatch));
        Assert.That(doc.Get("s", "a")!.Approved, Is.EqualTo(H1), "nothing changed");
    }

    [Test]
    public void Approve_NothingPendingOrUnknownTool_Refuses()
    {
        var doc = new McpToolLock();
        doc.PinOnFirstUse("s", "a", H1);

        Assert.That(doc.Approve("s", "a", null), Is.EqualTo(McpLockChange.NothingPending));
        Assert.That(doc.Approve("s", "nope", null), Is.EqualTo(McpLockChange.Unknown));
    }

    [Test]
    public void Revoke_ThenFirstUse_DoesNotPinAgain()
    {
        var doc = new McpToolLock();
        doc.PinOnFirstUse("s", "a", H1);

        Assert.That(doc.Revoke("s", "a"), Is.EqualTo(McpLockChange.Done));
        Assert.That(doc.PinOnFirstUse("s", "a", H1), Is.False);
        Assert.That(doc.Revoke("s", "a"), Is.EqualTo(McpLockChange.NotApproved));
        Assert.That(doc.Get("s", "a")!.Approved, Is.Null);
    }

    [Test]
    public void RecordPending_LargeDefinition_KeepsTheHashWithoutTheDefinition()
    {
        var doc = new McpToolLock();
        var big = new JsonObject { ["name"] = "a", ["description"] = new string('x', McpToolLock.MaxDefinitionChars + 1) };

        doc.RecordPending("s", "a", H2, DateTimeOffset.UnixEpoch, big);

        Assert.That(doc.Get("s", "a")!.Pending!.Hash, Is.EqualTo(H2));
        Assert.That(doc.Get("s", "a")!.Pending!.Definition, Is.Null);
    }

    [Test]
    public async Task Update_ConcurrentWriters_NoChangeIsLost()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("pins.json");

        await Parallel.ForAsync(0, 24, new ParallelOptions { MaxDegreeOfParallelism = 8 }, (i, _) =>
        {
            McpToolLockFile.Update(path, doc => doc.PinOnFirstUse("s", "tool-" + i, H1));
            return ValueTask.CompletedTask;
        });

        var doc = McpToolLockFile.Read(path);
        Assert.That(doc.Entries.Count(), Is.EqualTo(24));
        Assert.That(Directory.GetFiles(dir.Path, "*.tmp"), Is.Empty, "no temporary files are left behind");
    }

    [Test]
    public void Update_CorruptFile_ThrowsAndLeavesItAlone()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("pins.json");
        File.WriteAllText(path, "{broken");

        Assert.That(() => McpToolLockFile.Update(path, doc => doc.PinOnFirstUse("s", "t", H1)), Throws.TypeOf<InvalidDataException>());
        Assert.That(File.ReadAllText(path), Is.EqualTo("{broken"));
    }

    [Test]
    public void Store_ChangedDefinition_IsRecordedAsPendingWithItsDefinition()
    {
        using var dir = new TempDirectory();
        var store = Store(dir, new FakeTimeProvider());
        store.Observe(Tool(description: "v1"));

        var status = store.Observe(Tool(description: "v2: also read ~/.ssh"));
        var entry = McpToolLockFile.Read(dir.Combine("pins.json")).Get("test", "lookup-order")!;

        Assert.That(status, Is.EqualTo(McpPinStatus.Changed));
        Assert.That(entry.Approved, Is.EqualTo(Tool(description: "v1").Hash));
        Assert.That(entry.Pending!.Hash, Is.EqualTo(Tool(description: "v2: also read ~/.ssh").Hash));
        Assert.That(entry.Pending.Definition!["description"]!.GetValue<string>(), Is.EqualTo("v2: also read ~/.ssh"));
    }

    [Test]
    public void Store_ApprovalByAnotherProcess_TakesEffectAfterTheReloadInterval()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider();
        var store = Store(dir, time);
        store.Observe(Tool(description: "v1"));
        var v2 = Tool(description: "v2");
        Assert.That(store.Observe(v2), Is.EqualTo(McpPinStatus.Changed));

        // What `aegisgate mcp pins approve --tool lookup-order --hash <v2>` does.
        McpToolLockFile.Update(dir.Combine("pins.json"), doc => doc.Approve("test", "lookup-order", v2.Hash) == McpLockChange.Done);
        var beforeReload = store.Observe(v2);
        time.Advance(McpToolPinStore.ReloadCheckInterval);
        var afterReload = store.Observe(v2);

        Assert.That(beforeReload, Is.EqualTo(McpPinStatus.Changed), "changes are picked up at most once per interval");
        Assert.That(afterReload, Is.EqualTo(McpPinStatus.Pinned));
        Assert.That(store.Observe(Tool(description: "v1")), Is.EqualTo(McpPinStatus.Changed), "the old definition is no longer approved");
    }

    [Test]
    public void Store_RevocationByAnotherProcess_DeniesAndIsNotRePinnedOnFirstUse()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider();
        var store = Store(dir, time);
        Assert.That(store.Observe(Tool()), Is.EqualTo(McpPinStatus.Pinned));

        McpToolLockFile.Update(dir.Combine("pins.json"), doc => doc.Revoke("test", "lookup-order") == McpLockChange.Done);
        time.Advance(McpToolPinStore.ReloadCheckInterval);

        Assert.That(store.Observe(Tool()), Is.EqualTo(McpPinStatus.Unapproved));
        Assert.That(store.Observe(Tool()), Is.EqualTo(McpPinStatus.Unapproved));
        Assert.That(McpToolLockFile.Read(dir.Combine("pins.json")).Get("test", "lookup-order")!.Pending!.Hash, Is.EqualTo(Tool().Hash), "awaits re-approval");
    }

    [Test]
    public void Store_HostApproveAndRevoke_AreWrittenToTheLockFile()
    {
        using var dir = new TempDirectory();
        var store = Store(dir, new FakeTimeProvider(), McpPinMode.LockFile);
        Assert.That(store.Observe(Tool()), Is.EqualTo(McpPinStatus.Unapproved));

        Assert.That(store.Approve("test", "lookup-order"), Is.True);
        Assert.That(McpToolLockFile.Read(dir.Combine("pins.json")).Get("test", "lookup-order")!.Approved, Is.EqualTo(Tool().Hash));
        Assert.That(store.Observe(Tool()), Is.EqualTo(McpPinStatus.Pinned));

        Assert.That(store.Revoke("test", "lookup-order"), Is.True);
        Assert.That(McpToolLockFile.Read(dir.Combine("pins.json")).Get("test", "lookup-order")!.Status, Is.EqualTo("revoked"));
        Assert.That(store.Observe(Tool()), Is.EqualTo(McpPinStatus.Unapproved));
        Assert.That(store.Revoke("test", "lookup-order"), Is.False);
    }

    [Test]
    public void Store_LockFileBecomesCorrupt_KeepsTheLastGoodPinsAndLogsAnError()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider();
        var logger = new FakeLogger<McpToolPinStore>();
        var store = Store(dir, time, logger: logger);
        store.Observe(Tool(description: "v1"));

        File.WriteAllText(dir.Combine("pins.json"), "{ not json");
        time.Advance(McpToolPinStore.ReloadCheckInterval);

        Assert.That(store.Observe(Tool(description: "v1")), Is.EqualTo(McpPinStatus.Pinned));
        Assert.That(store.Observe(Tool(description: "v2")), Is.EqualTo(McpPinStatus.Changed), "a corrupt file is no reason to trust a changed definition");
        Assert.That(logger.Collector.GetSnapshot().Any(static r => r.Level == LogLevel.Error && r.Id.Name == "McpPinsReloadFailed"), Is.True);
    }

    [Test]
    public void Store_LockFileDeleted_KeepsThePins()
    {
        using var dir = new TempDirectory();
        var time = new FakeTimeProvider();
        var store = Store(dir, time);
        store.Observe(Tool(description: "v1"));

        File.Delete(dir.Combine("pins.json"));
        time.Advance(McpToolPinStore.ReloadCheckInterval);

        Assert.That(store.Observe(Tool(description: "v2")), Is.EqualTo(McpPinStatus.Changed), "deleting the file does not re-trust everything");
        Assert.That(store.Observe(Tool(description: "v2")), Is.EqualTo(McpPinStatus.Changed));
        Assert.That(McpToolLockFile.Read(dir.Combine("pins.json")).Get("test", "lookup-order")!.Approved, Is.EqualTo(Tool(description: "v1").Hash), "the file is recreated with the pins in memory");
    }

    [Test]
    public void Store_FirstUsePinCannotBePersisted_StaysUnapproved()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("not-a-directory"), "x");
        var options = Monitor(Defaults(o => o.SupplyChain.LockFile = Path.Combine("not-a-directory", "pins.json")));
        var store = new McpToolPinStore(options, Paths(dir), new FakeLogger<McpToolPinStore>(), new FakeTimeProvider());

        var status = store.Observe(Tool());

        Assert.That(status, Is.EqualTo(McpPinStatus.Unapproved), "a pin that would be lost on restart is not trusted");
    }

    private static McpToolLock Changed()
    {
        var doc = new McpToolLock();
        doc.PinOnFirstUse("s", "a", H1);
        doc.RecordPending("s", "a", H2, DateTimeOffset.UnixEpoch, JsonNode.Parse("""{"name":"a"}"""));
        return doc;
    }

    private static McpToolPinStore Store(TempDirectory dir, TimeProvider time, McpPinMode mode = McpPinMode.TrustOnFirstUse, ILogger<McpToolPinStore>? logger = null)
        => new(Monitor(Defaults(o =>
        {
            o.SupplyChain.LockFile = "pins.json";
            o.SupplyChain.Mode = mode;
        })), Paths(dir), logger ?? new FakeLogger<McpToolPinStore>(), time);

    private static AegisPaths Paths(TempDirectory dir) => new(Options.Create(new AegisGateOptions { DataDirectory = dir.Path }));
}
