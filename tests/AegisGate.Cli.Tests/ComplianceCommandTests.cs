using System.Text.Json;
using AegisGate.TestUtilities;

namespace AegisGate.Cli.Tests;

public sealed class ComplianceCommandTests
{
    [TestCase("mitre-atlas", "AML.T0051")]
    [TestCase("nist-ai-rmf", "MEASURE 2.7")]
    [TestCase("owasp-llm", "LLM01")]
    [TestCase("iso27001", "A.8.15")]
    [TestCase("soc2", "CC6.1")]
    [TestCase("hipaa", "§164.312(b)")]
    [TestCase("gdpr", "Art. 32")]
    [TestCase("pci-dss", "10.2")]
    public void Report_EachFramework_ExitsZeroWithRealIds(string framework, string controlId)
    {
        var (code, stdout, stderr) = CliRunner.Run("compliance", "report", "--framework", framework);

        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain(controlId));
    }

    [Test]
    public void Report_Unregistered_ExitsNonZeroWithCode()
    {
        var (code, stdout, stderr) = CliRunner.Run("compliance", "report", "--framework", "not-a-framework");

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("AEGIS_COMPLIANCE_UNREGISTERED"));
        Assert.That(stdout, Does.Contain("FAIL"));
    }

    [Test]
    public void Report_Json_ParsesAndHasControls()
    {
        var (code, stdout, _) = CliRunner.Run("compliance", "report", "--framework", "gdpr", "--format", "json");

        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.That(code, Is.Zero);
        Assert.That(json.GetProperty("framework").GetProperty("id").GetString(), Is.EqualTo("gdpr"));
        Assert.That(json.GetProperty("controls").EnumerateArray().Select(c => c.GetProperty("id").GetString()), Does.Contain("Art. 32"));
    }

    [Test]
    public void Report_Markdown_HasTable()
    {
        var (code, stdout, _) = CliRunner.Run("compliance", "report", "--framework", "owasp-llm", "--format", "markdown");

        Assert.That(code, Is.Zero);
        Assert.That(stdout, Does.StartWith("# Compliance report: OWASP Top 10 for LLM Applications").And.Contain("| `LLM01` |"));
    }

    [Test]
    public void Report_EvidenceFollowsTheConfigFile()
    {
        using var dir = new TempDirectory();
        var on = dir.Combine("on.json");
        var off = dir.Combine("off.json");
        File.WriteAllText(on, """{ "AegisGate": { "Audit": { "Enabled": true } }, "Kestrel": { "EndpointDefaults": { "SslProtocols": [ "Tls13" ] } } }""");
        File.WriteAllText(off, """{ "AegisGate": { "Audit": { "Enabled": false } }, "Kestrel": { "EndpointDefaults": { "SslProtocols": [ "Tls12", "Tls13" ] } } }""");

        JsonElement Control(string config, string id)
        {
            var (code, stdout, stderr) = CliRunner.Run("compliance", "report", "--framework", "hipaa", "--format", "json", "--config", config);
            Assert.That(code, Is.Zero, stderr);
            return JsonDocument.Parse(stdout).RootElement.GetProperty("controls").EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);
        }

        Assert.That(Control(on, "§164.312(e)(1)").GetProperty("status").GetString(), Is.EqualTo("pass"));
        Assert.That(Control(off, "§164.312(e)(1)").GetProperty("status").GetString(), Is.EqualTo("fail"));
        var auditOn = Control(on, "§164.308(a)(5)(ii)(C)").GetProperty("evidence").EnumerateArray().Single(e => e.GetProperty("id").GetString() == "audit.enabled");
        var auditOff = Control(off, "§164.308(a)(5)(ii)(C)").GetProperty("evidence").EnumerateArray().Single(e => e.GetProperty("id").GetString() == "audit.enabled");
        Assert.That(auditOn.GetProperty("satisfied").GetBoolean(), Is.True);
        Assert.That(auditOff.GetProperty("satisfied").GetBoolean(), Is.False);
    }

    [Test]
    public void Report_FailOnFail_ExitsOneWhenAControlFails()
        => Assert.That(CliRunner.Run("compliance", "report", "--framework", "gdpr", "--fail-on-fail").ExitCode, Is.EqualTo(1));

    [Test]
    public void Report_InvalidConfig_ExitsTwo()
    {
        using var dir = new TempDirectory();
        var bad = dir.Combine("bad.json");
        File.WriteAllText(bad, """{ "AegisGate": { "CheckTimeout": "00:00:00" } }""");

        var (code, _, stderr) = CliRunner.Run("compliance", "report", "--framework", "gdpr", "--config", bad);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(stderr, Does.Contain("CheckTimeout"));
    }

    [Test]
    public void Report_MissingConfigFile_ExitsTwo()
        => Assert.That(CliRunner.Run("compliance", "report", "--framework", "gdpr", "--config", "/nonexistent/appsettings.json").ExitCode, Is.EqualTo(2));

    [Test]
    public void Report_BadFormat_ExitsTwo()
        => Assert.That(CliRunner.Run("compliance", "report", "--framework", "gdpr", "--format", "pdf").ExitCode, Is.EqualTo(2));

    [Test]
    public void Report_ToFile_WritesMarkdown()
    {
        using var dir = new TempDirectory();
        var output = dir.Combine("soc2.md");

        var (code, stdout, _) = CliRunner.Run("compliance", "report", "-f", "soc2", "--format", "md", "-o", output);

        Assert.That(code, Is.Zero);
        Assert.That(stdout, Does.Contain("soc2: FAIL"));
        Assert.That(File.ReadAllText(output), Does.Contain("| `CC6.1` |"));
    }

    [Test]
    public void List_ShowsEightFrameworks()
    {
        var (code, stdout, _) = CliRunner.Run("compliance", "list");

        Assert.That(code, Is.Zero);
        Assert.That(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(8));
    }
}
