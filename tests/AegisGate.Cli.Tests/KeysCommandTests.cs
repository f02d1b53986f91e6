using System.Text.Json;
using AegisGate.Authentication;

namespace AegisGate.Cli.Tests;

public sealed class KeysCommandTests
{
    [Test]
    public void KeysNew_Json_PrintsKeyAndMatchingHash()
    {
        var (code, stdout, _) = CliRunner.Run("keys", "new", "--principal", "ci", "--role", "admin", "--json");

        var json = JsonDocument.Parse(stdout).RootElement;
        var key = json.GetProperty("key").GetString()!;
        Assert.That(code, Is.EqualTo(0));
        Assert.That(json.GetProperty("hash").GetString(), Is.EqualTo(ApiKeyHasher.Hash(key)));
        Assert.That(json.GetProperty("principal").GetString(), Is.EqualTo("ci"));
        Assert.That(json.GetProperty("roles")[0].GetString(), Is.EqualTo("admin"));
    }

    [Test]
    public void UnknownCommand_ExitsWithUsageError()
    {
        var (code, _, stderr) = CliRunner.Run("no-such-command");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Is.Not.Empty);
    }
}
