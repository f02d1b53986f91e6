using System.Text;
using AegisGate.Audit;
using AegisGate.TestUtilities;
using static AegisGate.Core.Tests.Audit.AuditTestSupport;

namespace AegisGate.Core.Tests.Audit;

/// <summary>Tampering with a real chain: each case names the first bad record (file, line, sequence) and its kind.</summary>
public sealed class AuditVerifierTests
{
    private TempDirectory _data = null!;
    private string _file = null!;

    [SetUp]
    public async Task SetUp()
    {
        _data = new TempDirectory();
        _file = ActiveFile(_data);
        await WriteChainAsync(_data, 10);
    }

    [TearDown]
    public void TearDown() => _data.Dispose();

    private static void AssertFailure(AuditVerificationResult result, AuditFailureKind kind, string file, long line, long? sequence)
    {
        Assert.That(result.IsValid, Is.False, "tampering must be detected");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Failure!.Kind, Is.EqualTo(kind), () => result.Failure.ToString());
            Assert.That(result.Failure.File, Is.EqualTo(file));
            Assert.That(result.Failure.Line, Is.EqualTo(line));
            Assert.That(result.Failure.Sequence, Is.EqualTo(sequence));
        }
    }

    private void EditLines(Func<List<string>, List<string>> edit) => WriteLines(_file, edit(Lines(_file)));

    [Test]
    public void Verify_UntouchedChain_IsValidAndReportsItsHead()
    {
        var result = Verify(_file);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.IsValid, Is.True);
            Assert.That(result.Failure, Is.Null);
            Assert.That(result.RecordCount, Is.EqualTo(10));
            Assert.That(result.FirstSequence, Is.EqualTo(1));
            Assert.That(result.StartsAtGenesis, Is.True);
            Assert.That(result.Head!.Value.Sequence, Is.EqualTo(10));
            Assert.That(result.Head.Value.Mac, Has.Length.EqualTo(44));
            Assert.That(result.Recoveries, Is.Empty);
        }
    }

    [Test]
    public void Verify_FieldEdited_ReportsEditedAtThatRecord()
    {
        EditLines(l => { l[3] = l[3].Replace("\"principal\":\"alice\"", "\"principal\":\"mallory\"", StringComparison.Ordinal); return l; });

        AssertFailure(Verify(_file), AuditFailureKind.Edited, _file, 4, 4);
    }

    [Test]
    public void Verify_NumberReformattedButSameValue_ReportsEdited()
    {
        // Byte-exact MACs: even a change that keeps the JSON value equal is an edit.
        EditLines(l => { l[1] = l[1].Replace("\"latencyMs\":0.25", "\"latencyMs\":0.250", StringComparison.Ordinal); return l; });

        AssertFailure(Verify(_file), AuditFailureKind.Edited, _file, 2, 2);
    }

    [Test]
    public void Verify_RecordDeleted_ReportsDeletedAtTheRecordAfterTheGap()
    {
        EditLines(l => { l.RemoveAt(4); return l; });

        var result = Verify(_file);

        AssertFailure(result, AuditFailureKind.Deleted, _file, 5, 6);
        Assert.That(result.Failure!.Message, Does.Contain("record 5 is missing"));
        Assert.That(result.RecordCount, Is.EqualTo(4));
    }

    [Test]
    public void Verify_SeveralRecordsDeleted_NamesTheMissingRange()
    {
        EditLines(l => { l.RemoveRange(2, 3); return l; });

        var result = Verify(_file);

        AssertFailure(result, AuditFailureKind.Deleted, _file, 3, 6);
        Assert.That(result.Failure!.Message, Does.Contain("3–5"));
    }

    [Test]
    public void Verify_TwoRecordsSwapped_ReportsReordered()
    {
        EditLines(l => { (l[5], l[6]) = (l[6], l[5]); return l; });

        AssertFailure(Verify(_file), AuditFailureKind.Reordered, _file, 6, 7);
    }

    [Test]
    public void Verify_RecordDuplicated_ReportsReordered()
    {
        EditLines(l => { l.Insert(7, l[2]); return l; });

        AssertFailure(Verify(_file), AuditFailureKind.Reordered, _file, 8, 3);
    }

    [Test]
    public void Verify_LastLineCut_ReportsTruncated()
    {
        var bytes = File.ReadAllBytes(_file);
        File.WriteAllBytes(_file, bytes[..^30]);

        AssertFailure(Verify(_file), AuditFailureKind.Truncated, _file, 10, 10);
    }

    [Test]
    public void Verify_MiddleLineCutAndJoinedWithTheNext_ReportsMalformed()
    {
        var text = File.ReadAllText(_file);
        var lines = Lines(_file);
        var start = text.IndexOf(lines[4], StringComparison.Ordinal) + 40;
        File.WriteAllText(_file, text.Remove(start, lines[4].Length - 40 + 1 + 20));

        AssertFailure(Verify(_file), AuditFailureKind.Malformed, _file, 5, 5);
    }

    [Test]
    public void Verify_GarbageLineInserted_ReportsMalformed()
    {
        EditLines(l => { l.Insert(3, "{\"hello\":\"world\"}"); return l; });

        AssertFailure(Verify(_file), AuditFailureKind.Malformed, _file, 4, null);
    }

    [Test]
    public void Verify_WrongKey_ReportsWrongKeyAtTheFirstRecord()
    {
        AssertFailure(Verify(_file, key: OtherKeyBase64), AuditFailureKind.WrongKey, _file, 1, 1);
    }

    [Test]
    public void Verify_LastRecordsDeleted_IsUndetectableWithoutAnAnchorButDetectedWithOne()
    {
        var head = Verify(_file).Head!.Value;
        EditLines(l => { l.RemoveRange(7, 3); return l; });

        var withoutAnchor = Verify(_file);
        var withAnchor = Verify(_file, head);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(withoutAnchor.IsValid, Is.True, "a clean cut at a line boundary leaves a valid shorter chain (documented limit)");
            Assert.That(withoutAnchor.Head!.Value.Sequence, Is.EqualTo(7));
        }

        AssertFailure(withAnchor, AuditFailureKind.Deleted, _file, 8, 8);
        Assert.That(withAnchor.Failure!.Message, Does.Contain("expected head is sequence 10"));
    }

    [Test]
    public async Task Verify_ChainRewrittenWithTheKey_DoesNotMatchTheAnchor()
    {
        var anchor = Verify(_file).Head!.Value;
        using var other = new TempDirectory();
        await WriteChainAsync(other, 10, from: 100);

        AssertFailure(Verify(ActiveFile(other), anchor), AuditFailureKind.BrokenLink, ActiveFile(other), 10, 10);
    }

    [Test]
    public async Task Verify_TornBytesCoveredByRecoveryThenRemoved_ReportsDeleted()
    {
        await using (var f = new FileStream(_file, FileMode.Append))
        {
            await f.WriteAsync(Encoding.UTF8.GetBytes("{\"v\":1,\"seq\":11,\"ts\":\"2026-"));
        }

        await WriteChainAsync(_data, 1, from: 11);
        Assert.That(Verify(_file).Recoveries, Has.Count.EqualTo(1));
        EditLines(l => { l.RemoveAt(10); return l; });

        AssertFailure(Verify(_file), AuditFailureKind.Deleted, _file, 11, 11);
    }

    [Test]
    public void Verify_FirstRecordPrevTampered_ReportsEdited()
    {
        EditLines(l => { l[0] = l[0].Replace("\"prev\":\"AAAA", "\"prev\":\"BAAA", StringComparison.Ordinal); return l; });

        AssertFailure(Verify(_file), AuditFailureKind.Edited, _file, 1, 1);
    }

    [Test]
    public void Verify_EmptyFile_IsValidWithNoRecords()
    {
        File.WriteAllBytes(_file, []);

        var result = Verify(_file);

        Assert.That(result.IsValid, Is.True);
        Assert.That(result.RecordCount, Is.Zero);
        Assert.That(result.Head, Is.Null);
    }

    [Test]
    public void Verify_MissingPath_Throws()
    {
        Assert.Throws<FileNotFoundException>(() => Verify(_data.Combine("nope.jsonl")));
    }

    [Test]
    public void Verify_ShortKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => AuditVerifier.Verify(_file, new byte[16]));
    }

    [Test]
    public void Verify_DirectoryWithTwoChains_Throws()
    {
        File.Copy(_file, Path.Combine(AuditDirectory(_data), "other.jsonl"));

        var ex = Assert.Throws<ArgumentException>(() => Verify(AuditDirectory(_data)));

        Assert.That(ex!.Message, Does.Contain("2 audit chains"));
    }

    [Test]
    public void Verify_RandomBytesAndMutatedRecords_NeverThrowAndNeverPass()
    {
        var random = new Random(20261126);
        var original = File.ReadAllBytes(_file);
        for (var round = 0; round < 200; round++)
        {
            var bytes = (byte[])original.Clone();
            var position = random.Next(bytes.Length);
            switch (round % 3)
            {
                case 0:
                    bytes[position] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    random.NextBytes(bytes.AsSpan(position, Math.Min(16, bytes.Length - position)));
                    break;
                default:
                    bytes = [.. bytes[..position], .. "{\"v\":1,\"seq\":3,\"x\":[[[[[[\"\u0000"u8.ToArray(), .. bytes[position..]];
                    break;
            }

            File.WriteAllBytes(_file, bytes);
            var result = Verify(_file);

            Assert.That(result.IsValid, Is.False, $"round {round}: a changed byte at {position} must be detected");
        }
    }

    [Test]
    public void Verify_OverLongLine_ReportsMalformed()
    {
        EditLines(l => { l.Insert(2, new string('x', 2 * 1024 * 1024)); return l; });

        AssertFailure(Verify(_file), AuditFailureKind.Malformed, _file, 3, null);
    }
}

/// <summary>Tampering across rotation boundaries.</summary>
public sealed class AuditVerifierRotationTests
{
    private static readonly Action<AegisGate.Configuration.AuditOptions> SmallFiles = a => { a.MaxFileBytes = 4096; a.MaxRetainedFiles = 100; };

    private TempDirectory _data = null!;
    private string _dir = null!;

    [SetUp]
    public async Task SetUp()
    {
        _data = new TempDirectory();
        _dir = AuditDirectory(_data);
        await WriteChainAsync(_data, 40, SmallFiles);
    }

    [TearDown]
    public void TearDown() => _data.Dispose();

    private string Rotated(int index) => Path.Combine(_dir, $"aegisgate-audit.{index:D6}.jsonl");

    private static long FirstSeq(string file) => System.Text.Json.JsonDocument.Parse(Lines(file)[0]).RootElement.GetProperty("seq").GetInt64();

    [Test]
    public void Verify_Directory_VerifiesEveryFileInOrder()
    {
        var result = Verify(_dir);

        Assert.That(result.IsValid, Is.True, () => result.Failure!.ToString());
        Assert.That(result.Files, Has.Count.GreaterThanOrEqualTo(3));
        Assert.That(result.RecordCount, Is.EqualTo(40));
    }

    [Test]
    public void Verify_LastRecordOfARotatedFileDeleted_ReportsDeletedAtTheNextFilesFirstRecord()
    {
        var lines = Lines(Rotated(1));
        WriteLines(Rotated(1), lines.Take(lines.Count - 1));

        var result = Verify(_dir);

        Assert.That(result.Failure?.Kind, Is.EqualTo(AuditFailureKind.Deleted));
        Assert.That(result.Failure!.File, Is.EqualTo(Rotated(2)));
        Assert.That(result.Failure.Line, Is.EqualTo(1));
        Assert.That(result.Failure.Sequence, Is.EqualTo(FirstSeq(Rotated(2))));
    }

    [Test]
    public void Verify_MiddleRotatedFileDeleted_ReportsDeleted()
    {
        var missingFrom = FirstSeq(Rotated(2));
        File.Delete(Rotated(2));

        var result = Verify(_dir);

        Assert.That(result.Failure?.Kind, Is.EqualTo(AuditFailureKind.Deleted));
        Assert.That(result.Failure!.File, Is.EqualTo(Rotated(3)));
        Assert.That(result.Failure.Message, Does.Contain($"records {missingFrom}–"));
    }

    [Test]
    public void Verify_RotatedFilesSwapped_ReportsReordered()
    {
        var tmp = Rotated(99);
        File.Move(Rotated(1), tmp);
        File.Move(Rotated(2), Rotated(1));
        File.Move(tmp, Rotated(2));

        var result = Verify(_dir);

        Assert.That(result.Failure?.Kind, Is.EqualTo(AuditFailureKind.Reordered));
        Assert.That(result.Failure!.File, Is.EqualTo(Rotated(2)));
        Assert.That(result.Failure.Line, Is.EqualTo(1));
        Assert.That(result.Failure.Sequence, Is.EqualTo(1));
    }

    [Test]
    public async Task Verify_RotatedFileReplacedByOneFromAnotherChainWithTheSameKey_ReportsBrokenLink()
    {
        using var other = new TempDirectory();
        await WriteChainAsync(other, 40, SmallFiles);
        var otherFirst = Lines(Path.Combine(AuditDirectory(other), "aegisgate-audit.000002.jsonl"));
        var ours = Lines(Rotated(2));
        Assert.That(otherFirst, Is.EqualTo(ours), "same events, same key: identical chains");

        // A chain that diverges at record 1 (another event), otherwise the same shape.
        using var forked = new TempDirectory();
        using (var sink = CreateSink(forked, SmallFiles))
        {
            await sink.WriteAsync(Event(1) with { Principal = "bobby" }, CancellationToken.None);
            await WriteEventsAsync(sink, 2, 39);
        }

        File.Copy(Path.Combine(AuditDirectory(forked), "aegisgate-audit.000002.jsonl"), Rotated(2), overwrite: true);

        var result = Verify(_dir);

        Assert.That(result.Failure?.Kind, Is.EqualTo(AuditFailureKind.BrokenLink));
        Assert.That(result.Failure!.File, Is.EqualTo(Rotated(2)));
        Assert.That(result.Failure.Line, Is.EqualTo(1));
    }

    [Test]
    public void Verify_RecordEditedInARotatedFile_NamesThatFile()
    {
        var lines = Lines(Rotated(2));
        lines[1] = lines[1].Replace("\"decision\":\"", "\"decision\":\"x", StringComparison.Ordinal);
        WriteLines(Rotated(2), lines);

        var result = Verify(_dir);

        Assert.That(result.Failure?.Kind, Is.EqualTo(AuditFailureKind.Edited));
        Assert.That(result.Failure!.File, Is.EqualTo(Rotated(2)));
        Assert.That(result.Failure.Line, Is.EqualTo(2));
    }

    [Test]
    public void Verify_OldestRotatedFileDeleted_LooksLikeRetention()
    {
        File.Delete(Rotated(1));

        var result = Verify(_dir);

        Assert.That(result.IsValid, Is.True, "deleting the oldest file is indistinguishable from retention (documented)");
        Assert.That(result.StartsAtGenesis, Is.False);
    }
}
