using System.Text.Json;
using AegisGate.Audit;
using AegisGate.Configuration;
using AegisGate.TestUtilities;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AegisGate.Cli.Tests;

[NonParallelizable]
public sealed class AuditCommandTests
{
    private const string Key = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";
    private const string OtherKey = "ESIzRFVmd4iZqrvM3e7/ABEiM0RVZneImaq7zN3u/wA=";

    private TempDirectory _data = null!;
    private string _dir = null!;
    private string _file = null!;
    private string _keyFile = null!;
    private string _envName = null!;

    [SetUp]
    public async Task SetUp()
    {
        _data = new TempDirectory();
        _dir = _data.Combine("audit");
        _file = Path.Combine(_dir, "aegisgate-audit.jsonl");
        _keyFile = _data.Combine("audit.key");
        await File.WriteAllTextAsync(_keyFile, Key + "\n");
        _envName = "AEGIS_TEST_AUDIT_KEY_" + Guid.NewGuid().ToString("N");

        var options = new AegisGateOptions { DataDirectory = _data.Path };
        options.Audit.Key = Key;
        options.Audit.MaxFileBytes = 4096;
        var wrapped = Options.Create(options);
        using var sink = new JsonlAuditSink(wrapped, new AegisPaths(wrapped), TimeProvider.System, NullLogger<JsonlAuditSink>.Instance);
        for (var i = 1; i <= 30; i++)
        {
            await sink.WriteAsync(
                new AuditEvent { Timestamp = DateTimeOffset.UnixEpoch.AddSeconds(i), RequestId = "r" + i, Pillar = "http", Operation = "GET /x", Decision = "allow" },
                CancellationToken.None);
        }
    }

    [TearDown]
    public void TearDown()
    {
        Environment.SetEnvironmentVariable(_envName, null);
        _data.Dispose();
    }

    private void EditLastRecordOfActiveFile()
    {
        var lines = File.ReadAllLines(_file).ToList();
        lines[^1] = lines[^1].Replace("\"decision\":\"allow\"", "\"decision\":\"deny\"", StringComparison.Ordinal);
        File.WriteAllText(_file, string.Join("\n", lines) + "\n");
    }

    [Test]
    public void AuditHelp_ListsTheVerifyCommand()
    {
        var (code, stdout, _) = CliRunner.Run("audit", "--help");

        Assert.That(code, Is.Zero);
        Assert.That(stdout, Does.Contain("verify"));
    }

    [Test]
    public void Verify_ValidDirectoryWithKeyFile_ExitsZeroAndPrintsTheHead()
    {
        var (code, stdout, stderr) = CliRunner.Run("audit", "verify", _dir, "--key-file", _keyFile);

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("audit trail valid: 30 record(s)"));
        Assert.That(stdout, Does.Match(@"head: 30:[A-Za-z0-9+/=]{44}"));
        Assert.That(stdout + stderr, Does.Not.Contain(Key), "the key is never printed");
    }

    [Test]
    public void Verify_ValidFileWithKeyEnvAndJson_ExitsZero()
    {
        Environment.SetEnvironmentVariable(_envName, Key);

        var (code, stdout, _) = CliRunner.Run("audit", "verify", _file, "--key-env", _envName, "--json");

        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.That(code, Is.Zero);
        Assert.That(root.GetProperty("valid").GetBoolean(), Is.True);
        Assert.That(root.GetProperty("failure").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(root.GetProperty("head").GetString(), Does.StartWith("30:"));
    }

    [Test]
    public void Verify_EditedRecord_ExitsOneAndNamesTheFirstBadRecord()
    {
        EditLastRecordOfActiveFile();
        var lineCount = File.ReadAllLines(_file).Length;

        var (code, stdout, _) = CliRunner.Run("audit", "verify", _dir, "--key-file", _keyFile);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout, Does.Contain($"audit trail BROKEN: Edited at {_file}:{lineCount} (seq 30)"));
    }

    [Test]
    public void Verify_EditedRecordAsJson_ReportsKindFileLineAndSequence()
    {
        EditLastRecordOfActiveFile();

        var (code, stdout, _) = CliRunner.Run("audit", "verify", _dir, "--key-file", _keyFile, "--json");

        using var json = JsonDocument.Parse(stdout);
        var failure = json.RootElement.GetProperty("failure");
        Assert.That(code, Is.EqualTo(1));
        Assert.That(json.RootElement.GetProperty("valid").GetBoolean(), Is.False);
        Assert.That(failure.GetProperty("kind").GetString(), Is.EqualTo("Edited"));
        Assert.That(failure.GetProperty("file").GetString(), Is.EqualTo(_file));
        Assert.That(failure.GetProperty("sequence").GetInt64(), Is.EqualTo(30));
    }

    [Test]
    public void Verify_TailDeletedAfterTheHeadWasStored_ExitsOneWithTheAnchor()
    {
        var (_, first, _) = CliRunner.Run("audit", "verify", _dir, "--key-file", _keyFile, "--json");
        var head = JsonDocument.Parse(first).RootElement.GetProperty("head").GetString()!;
        var lines = File.ReadAllLines(_file);
        File.WriteAllText(_file, string.Join("\n", lines[..^2]) + "\n");

        var (withoutAnchor, _, _) = CliRunner.Run("audit", "verify", _dir, "--key-file", _keyFile);
        var (withAnchor, stdout, _) = CliRunner.Run("audit", "verify", _dir, "--key-file", _keyFile, "--anchor", head);

        Assert.That(withoutAnchor, Is.Zero, "undetectable from the files alone");
        Assert.That(withAnchor, Is.EqualTo(1));
        Assert.That(stdout, Does.Contain("Deleted"));
    }

    [Test]
    public void Verify_WrongKey_ExitsOneWithWrongKey()
    {
        Environment.SetEnvironmentVariable(_envName, OtherKey);

        var (code, stdout, _) = CliRunner.Run("audit", "verify", _dir, "--key-env", _envName);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout, Does.Contain("WrongKey"));
    }

    [Test]
    public void Verify_KeyFileMissing_ExitsTwo()
    {
        var (code, _, stderr) = CliRunner.Run("audit", "verify", _dir, "--key-file", _data.Combine("missing.key"));

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("Cannot read the audit key"));
    }

    [Test]
    public void Verify_MalformedAnchor_ExitsTwo()
    {
        var (code, _, stderr) = CliRunner.Run("audit", "verify", _dir, "--key-file", _keyFile, "--anchor", "not-an-anchor");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("SEQ:MAC"));
    }

    [Test]
    public void Verify_MissingPath_ExitsTwo()
    {
        var (code, _, stderr) = CliRunner.Run("audit", "verify", _data.Combine("nope"), "--key-file", _keyFile);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("does not exist"));
    }

    [Test]
    public void Verify_BothKeySources_ExitsTwo()
    {
        var (code, _, stderr) = CliRunner.Run("audit", "verify", _dir, "--key-file", _keyFile, "--key-env", _envName);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("not both"));
    }

    [Test]
    public void Verify_KeyEnvNotSet_ExitsTwo()
    {
        var (code, _, stderr) = CliRunner.Run("audit", "verify", _dir, "--key-env", _envName);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain(_envName));
    }

    [Test]
    public void Verify_KeyEnvNotBase64_ExitsTwoWithoutEchoingIt()
    {
        Environment.SetEnvironmentVariable(_envName, "short-secret-value");

        var (code, stdout, stderr) = CliRunner.Run("audit", "verify", _dir, "--key-env", _envName);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stdout + stderr, Does.Not.Contain("short-secret-value"));
    }

    [Test]
    public void Verify_NoPath_ExitsTwo()
    {
        var (code, _, _) = CliRunner.Run("audit", "verify");

        Assert.That(code, Is.EqualTo(2));
    }
}
