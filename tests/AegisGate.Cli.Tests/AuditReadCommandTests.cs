using System.Security.Cryptography;
using System.Text.Json;
using AegisGate.Audit;
using AegisGate.Configuration;
using AegisGate.Crypto;
using AegisGate.TestUtilities;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AegisGate.Cli.Tests;

[NonParallelizable]
public sealed class AuditReadCommandTests
{
    private const string Key = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";

    private TempDirectory _data = null!;
    private string _dir = null!;
    private string _file = null!;
    private string _keyFile = null!;
    private string _secrets = null!;
    private string _config = null!;
    private string _kek = null!;

    [SetUp]
    public async Task SetUp()
    {
        _data = new TempDirectory();
        _dir = _data.Combine("audit");
        _file = Path.Combine(_dir, "aegisgate-audit.jsonl");
        _keyFile = _data.Combine("audit.key");
        _secrets = _data.Combine("secrets");
        Directory.CreateDirectory(_secrets);
        _kek = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await File.WriteAllTextAsync(_keyFile, Key + "\n");
        await File.WriteAllTextAsync(Path.Combine(_secrets, "kek"), _kek + "\n");
        _config = _data.Combine("appsettings.json");
        await File.WriteAllTextAsync(_config, JsonSerializer.Serialize(new
        {
            AegisGate = new
            {
                DataDirectory = _data.Path,
                Audit = new { Key, Encrypt = true },
                Secrets = new { FilesDirectory = _secrets },
                Encryption = new { Enabled = true, ActiveKeyId = "kek-2026", Keys = new Dictionary<string, object> { ["kek-2026"] = new { Secret = "file:kek" } } },
            },
        }));

        await WriteTrailAsync(encrypt: true, count: 30);
    }

    [TearDown]
    public void TearDown() => _data.Dispose();

    private async Task WriteTrailAsync(bool encrypt, int count, byte[]? kek = null)
    {
        var options = new AegisGateOptions { DataDirectory = _data.Path };
        options.Audit.Key = Key;
        options.Audit.MaxFileBytes = 4096;
        options.Audit.Encrypt = encrypt;
        var wrapped = Options.Create(options);
        var encryptor = new EnvelopeEncryptor(new StaticKeyEncryptionKeyRing(new LocalKeyEncryptionKey("kek-2026", kek ?? Convert.FromBase64String(_kek))));
        using var sink = new JsonlAuditSink(wrapped, new AegisPaths(wrapped), TimeProvider.System, NullLogger<JsonlAuditSink>.Instance, encryptor);
        for (var i = 1; i <= count; i++)
        {
            await sink.WriteAsync(
                new AuditEvent { Timestamp = DateTimeOffset.UnixEpoch.AddSeconds(i), RequestId = "r" + i, Principal = "alice", Pillar = "http", Operation = "GET /x", Decision = "allow", Properties = new Dictionary<string, string> { ["tool"] = "t" + i } },
                CancellationToken.None);
        }
    }

    private static List<JsonElement> JsonLines(string stdout)
        => [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];

    [Test]
    public void AuditHelp_ListsTheReadCommand()
    {
        var (code, stdout, _) = CliRunner.Run("audit", "--help");

        Assert.That(code, Is.Zero);
        Assert.That(stdout, Does.Contain("read"));
    }

    [Test]
    public void Read_WithTheHostConfiguration_VerifiesDecryptsAndPrintsJsonLines()
    {
        var (code, stdout, stderr) = CliRunner.Run("audit", "read", _dir, "--config", _config, "--json");

        Assert.That(code, Is.Zero, stderr);
        var records = JsonLines(stdout);
        var events = records.Where(r => r.GetProperty("type").GetString() == "event").ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(events.Select(e => e.GetProperty("requestId").GetString()), Is.EqualTo(Enumerable.Range(1, 30).Select(i => "r" + i)));
            Assert.That(events.Select(e => e.GetProperty("principal").GetString()), Has.All.EqualTo("alice"));
            Assert.That(events.Select(e => e.GetProperty("props").GetProperty("tool").GetString()), Does.Contain("t7"));
            Assert.That(events.Select(e => e.GetProperty("encrypted").GetBoolean()), Has.All.True);
            Assert.That(events.Select(e => e.GetProperty("kek").GetString()), Has.All.EqualTo("kek-2026"));
            Assert.That(records.Count(r => r.GetProperty("type").GetString() == "key"), Is.GreaterThan(1), "one key record per rotated file");
            Assert.That(stdout + stderr, Does.Not.Contain(_kek).And.Not.Contain(Key));
        }
    }

    [Test]
    public void Read_WithKekOptionAndKeyFile_PrintsText()
    {
        var (code, stdout, stderr) = CliRunner.Run("audit", "read", _file, "--kek", "kek-2026=file:kek", "--secrets-dir", _secrets, "--key-file", _keyFile);

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("principal=alice").And.Contain("[encrypted, kek-2026]").And.Contain("decrypted; chain verified"));
    }

    [Test]
    public async Task Read_WrongKek_ExitsOneWithTheCodeAndPrintsNoPlaintext()
    {
        var wrong = Path.Combine(_secrets, "wrong");
        await File.WriteAllTextAsync(wrong, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        var (code, stdout, stderr) = CliRunner.Run("audit", "read", _dir, "--kek", "kek-2026=file:wrong", "--secrets-dir", _secrets, "--key-file", _keyFile);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain(AegisErrorCodes.CryptoIntegrityFailed).And.Contain("cannot be unwrapped"));
        Assert.That(stdout + stderr, Does.Not.Contain("alice").And.Not.Contain("r1 ").And.Not.Contain("t1"));
    }

    [Test]
    public void Read_EncryptedTrailWithoutKek_ExitsOne()
    {
        var (code, _, stderr) = CliRunner.Run("audit", "read", _dir, "--key-file", _keyFile);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("no key-encryption key is configured"));
    }

    [Test]
    public void Read_KekSecretMissing_ExitsTwo()
    {
        var (code, _, stderr) = CliRunner.Run("audit", "read", _dir, "--kek", "kek-2026=file:absent", "--secrets-dir", _secrets, "--key-file", _keyFile);

        Assert.That(code, Is.EqualTo(2), stderr);
        Assert.That(stderr, Does.Contain("error:"));
    }

    [Test]
    public void Read_ChainBroken_ExitsOneAndPrintsNothing()
    {
        var lines = File.ReadAllLines(_file);
        lines[^1] = lines[^1].Replace("\"seq\":", "\"seq\":1", StringComparison.Ordinal);
        File.WriteAllLines(_file, lines);

        var (code, stdout, stderr) = CliRunner.Run("audit", "read", _dir, "--config", _config);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain("audit trail BROKEN"));
        Assert.That(stdout, Is.Empty);
    }

    [Test]
    public void Read_NoVerifyAndTamperedCiphertext_ExitsOne()
    {
        var lines = File.ReadAllLines(_file);
        var record = JsonDocument.Parse(lines[^1]).RootElement;
        var sealedBytes = Convert.FromBase64String(record.GetProperty("enc").GetString()!);
        sealedBytes[20] ^= 0x04;
        lines[^1] = lines[^1].Replace(record.GetProperty("enc").GetString()!, Convert.ToBase64String(sealedBytes), StringComparison.Ordinal);
        File.WriteAllLines(_file, lines);

        var (code, _, stderr) = CliRunner.Run("audit", "read", _file, "--config", _config, "--no-verify");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stderr, Does.Contain(AegisErrorCodes.CryptoIntegrityFailed).And.Contain("failed authentication"));
    }

    [Test]
    public void Read_NoChainKey_ExitsTwo()
    {
        var (code, _, stderr) = CliRunner.Run("audit", "read", _dir, "--kek", "kek-2026=file:kek", "--secrets-dir", _secrets);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("No audit chain key"));
    }

    [TestCase("kek-2026")]
    [TestCase("=file:kek")]
    [TestCase("kek-2026=nonsense")]
    public void Read_BadKekOption_ExitsTwo(string kek)
    {
        var (code, _, stderr) = CliRunner.Run("audit", "read", _dir, "--kek", kek, "--key-file", _keyFile);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--kek must be ID=SECRET-REF"));
    }

    [Test]
    public void Read_MissingPath_ExitsTwo()
    {
        var (code, _, stderr) = CliRunner.Run("audit", "read", _data.Combine("nope"), "--key-file", _keyFile);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("does not exist"));
    }

    [Test]
    public async Task Read_PlaintextTrail_NeedsNoKek()
    {
        Directory.Delete(_dir, recursive: true);
        await WriteTrailAsync(encrypt: false, count: 3);

        var (code, stdout, stderr) = CliRunner.Run("audit", "read", _dir, "--key-file", _keyFile, "--json");

        Assert.That(code, Is.Zero, stderr);
        Assert.That(JsonLines(stdout).Select(r => r.GetProperty("encrypted").GetBoolean()), Is.EqualTo(new[] { false, false, false }));
    }

    [Test]
    public void Verify_EncryptedTrail_VerifiesWithoutTheKekAndSaysSo()
    {
        var (code, stdout, stderr) = CliRunner.Run("audit", "verify", _dir, "--key-file", _keyFile);
        var (jsonCode, json, _) = CliRunner.Run("audit", "verify", _dir, "--key-file", _keyFile, "--json");

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("encrypted: 30 record(s)").And.Contain("kek-2026"));
        Assert.That(jsonCode, Is.Zero);
        using var doc = JsonDocument.Parse(json);
        Assert.That(doc.RootElement.GetProperty("encryptedRecords").GetInt64(), Is.EqualTo(30));
        Assert.That(doc.RootElement.GetProperty("keyEncryptionKeys")[0].GetString(), Is.EqualTo("kek-2026"));
    }
}
