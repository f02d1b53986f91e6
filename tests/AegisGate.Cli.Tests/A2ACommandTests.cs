using System.Text.Json;
using AegisGate.TestUtilities;

namespace AegisGate.Cli.Tests;

public sealed class A2ACommandTests
{
    // The documented v1 test vector (docs/a2a.md), computed independently with Python's hmac/hashlib.
    private const string VectorKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private const string VectorBody = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\"}";

    [Test]
    public void Sign_DocumentedVector_PrintsExpectedSignature()
    {
        using var dir = new TempDirectory();
        var keyFile = dir.Combine("key");
        File.WriteAllText(keyFile, VectorKey + "\n");

        var (code, stdout, stderr) = CliRunner.Run("a2a", "sign", "--agent", "demo-agent", "--capability", "send_message", "--path", "/a2a", "--key-id", "k1",
            "--secret-file", keyFile, "-d", VectorBody, "--timestamp", "1767225600", "--nonce", "nonce-0123456789abcdef", "--format", "json");

        Assert.That(code, Is.Zero, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.That(json.GetProperty("A2A-Signature").GetString(), Is.EqualTo("v1=9SSQVIhDG0qcev789OlI8TlRPP52WPWg2y3Cl600pC4="));
        Assert.That(json.GetProperty("A2A-Capability").GetString(), Is.EqualTo("send_message"));
        Assert.That(stdout, Does.Not.Contain(VectorKey));
    }

    [Test]
    public void Sign_CurlFormat_PrintsHeaderArgumentsWithoutSpaces()
    {
        Environment.SetEnvironmentVariable("AEGIS_CLI_TEST_A2A_KEY", VectorKey);

        var (code, stdout, _) = CliRunner.Run("a2a", "sign", "--agent", "demo-agent", "--capability", "send_message", "--path", "/a2a", "--key-id", "k1", "--secret-env", "AEGIS_CLI_TEST_A2A_KEY", "-d", VectorBody, "--format", "curl");

        Assert.That(code, Is.Zero);
        Assert.That(stdout.Trim().Split(' '), Has.Length.EqualTo(12));
        Assert.That(stdout, Does.Contain("-H A2A-Signature:v1=").And.Contain("-H A2A-Nonce:"));
    }

    [Test]
    public void Sign_NoSecret_ExitsWithUsageError()
    {
        var (code, _, stderr) = CliRunner.Run("a2a", "sign", "--agent", "a", "--capability", "send_message", "--path", "/a2a", "--key-id", "k1");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("--secret-file"));
    }

    [Test]
    public void Sign_ShortSecret_ExitsWithUsageError()
    {
        Environment.SetEnvironmentVariable("AEGIS_CLI_TEST_A2A_SHORT", "c2hvcnQ=");

        var (code, _, stderr) = CliRunner.Run("a2a", "sign", "--agent", "a", "--capability", "send_message", "--path", "/a2a", "--key-id", "k1", "--secret-env", "AEGIS_CLI_TEST_A2A_SHORT");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("32 bytes").And.Not.Contain("c2hvcnQ="));
    }

    [Test]
    public void SignHelp_Succeeds()
    {
        var (code, stdout, _) = CliRunner.Run("a2a", "sign", "--help");

        Assert.That(code, Is.Zero);
        Assert.That(stdout, Does.Contain("--secret-file"));
    }
}
