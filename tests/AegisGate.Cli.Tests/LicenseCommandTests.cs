using System.Text.Json;
using AegisGate.Licensing;
using AegisGate.TestUtilities;

namespace AegisGate.Cli.Tests;

public sealed class LicenseCommandTests
{
    private TempDirectory _dir = null!;

    [SetUp]
    public void SetUp() => _dir = new TempDirectory();

    [TearDown]
    public void TearDown() => _dir.Dispose();

    private (string PrivateKey, string PublicKey) Keygen()
    {
        var (code, stdout, stderr) = CliRunner.Run("license", "keygen", "--out", _dir.Path);
        Assert.That(code, Is.Zero, stderr);
        Assert.That(stdout, Does.Contain("BEGIN PUBLIC KEY").And.Not.Contain("PRIVATE KEY-----"), "the private key is not printed when written to a file");
        return (_dir.Combine("license-signing.key"), _dir.Combine("license-signing.pub"));
    }

    [Test]
    public void KeygenIssueVerify_RoundTrip_IsValid()
    {
        var (privateKey, publicKey) = Keygen();

        var issue = CliRunner.Run("license", "issue", "--private-key", privateKey, "--customer", "Contoso Ltd", "--tier", "professional", "--feature", "a2a", "--feature", "compliance.api", "--limit", "max_agents=25", "--days", "90");
        Assert.That(issue.ExitCode, Is.Zero, issue.Stderr);
        var key = issue.Stdout.Trim();
        Assert.That(key, Does.StartWith(LicenseToken.Prefix));

        var verify = CliRunner.Run("license", "verify", "--key", key, "--public-key", publicKey, "--json");
        var json = JsonDocument.Parse(verify.Stdout).RootElement;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(verify.ExitCode, Is.Zero);
            Assert.That(json.GetProperty("status").GetString(), Is.EqualTo("valid"));
            Assert.That(json.GetProperty("tier").GetString(), Is.EqualTo("professional"));
            Assert.That(json.GetProperty("customer").GetString(), Is.EqualTo("Contoso Ltd"));
            Assert.That(json.GetProperty("features").EnumerateArray().Select(e => e.GetString()), Is.EquivalentTo(new[] { "a2a", "compliance.api" }));
            Assert.That(json.GetProperty("limits").GetProperty("max_agents").GetInt64(), Is.EqualTo(25));
        }
    }

    [Test]
    public void Keygen_PrivateKeyFileIsOwnerOnly_AndNotOverwritten()
    {
        var (privateKey, _) = Keygen();

        if (!OperatingSystem.IsWindows())
        {
            Assert.That(File.GetUnixFileMode(privateKey), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        }

        var again = CliRunner.Run("license", "keygen", "--out", _dir.Path);
        Assert.That(again.ExitCode, Is.EqualTo(2));
        Assert.That(CliRunner.Run("license", "keygen", "--out", _dir.Path, "--force").ExitCode, Is.Zero);
    }

    [Test]
    public void Verify_TamperedKey_ExitsOneWithReason()
    {
        var (privateKey, publicKey) = Keygen();
        var key = CliRunner.Run("license", "issue", "--private-key", privateKey, "--customer", "C", "--tier", "enterprise").Stdout.Trim();
        var tampered = key[..^3] + (key[^3] == 'A' ? "B" : "A") + key[^2..];

        var (code, stdout, _) = CliRunner.Run("license", "verify", "--key", tampered, "--public-key", publicKey);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout, Does.StartWith("invalid:"));
    }

    [Test]
    public void Verify_WrongPublicKey_ExitsOne()
    {
        var (privateKey, _) = Keygen();
        var key = CliRunner.Run("license", "issue", "--private-key", privateKey, "--customer", "C", "--tier", "enterprise").Stdout.Trim();

        // Default: the embedded AegisGate key, which did not sign this throwaway key.
        var (code, stdout, _) = CliRunner.Run("license", "verify", "--key", key);

        Assert.That(code, Is.EqualTo(1));
        Assert.That(stdout, Does.Contain("trusted issuer"));
    }

    [Test]
    public void Verify_ExpiredKey_ExitsOne()
    {
        var (privateKey, publicKey) = Keygen();
        var key = CliRunner.Run("license", "issue", "--private-key", privateKey, "--customer", "C", "--tier", "enterprise", "--expires", "2001-01-01").Stdout;

        // An expiry before the issue time is refused when issuing.
        Assert.That(key, Does.Not.StartWith(LicenseToken.Prefix));

        using var issuer = new TestLicenseIssuer();
        var expired = issuer.Issue(TestLicenseIssuer.Payload(DateTimeOffset.UtcNow.AddDays(-10), validFor: TimeSpan.FromDays(1)));
        var publicFile = _dir.Combine("issuer.pub");
        File.WriteAllText(publicFile, issuer.PublicKeyPem);
        var (code, stdout, _) = CliRunner.Run("license", "verify", "--key", expired, "--public-key", publicFile, "--json");

        Assert.That(code, Is.EqualTo(1));
        Assert.That(JsonDocument.Parse(stdout).RootElement.GetProperty("code").GetString(), Is.EqualTo(AegisErrorCodes.LicenseInvalid));
        _ = publicKey;
    }

    [Test]
    public void Verify_KeyFile_IsRead()
    {
        using var issuer = new TestLicenseIssuer();
        File.WriteAllText(_dir.Combine("license.key"), issuer.Issue(TestLicenseIssuer.Payload(DateTimeOffset.UtcNow.AddMinutes(-1))) + "\n");
        File.WriteAllText(_dir.Combine("issuer.pub"), issuer.PublicKeyPem);

        var (code, stdout, _) = CliRunner.Run("license", "verify", "--key-file", _dir.Combine("license.key"), "--public-key", _dir.Combine("issuer.pub"));

        Assert.That(code, Is.Zero);
        Assert.That(stdout, Does.StartWith("valid: licence lic-test-001 for Contoso Ltd"));
    }

    [Test]
    public void Verify_Malformed_ExitsOne()
        => Assert.That(CliRunner.Run("license", "verify", "--key", "not-a-licence").ExitCode, Is.EqualTo(1));

    [TestCase("--tier", "platinum")]
    [TestCase("--limit", "max_agents")]
    [TestCase("--limit", "max_agents=-1")]
    [TestCase("--days", "0")]
    public void Issue_BadArguments_ExitTwo(string option, string value)
    {
        var (privateKey, _) = Keygen();
        var args = new List<string> { "license", "issue", "--private-key", privateKey, "--customer", "C", "--tier", "professional" };
        var index = args.IndexOf(option);
        if (index >= 0)
        {
            args[index + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        Assert.That(CliRunner.Run([.. args]).ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void Issue_MissingPrivateKey_ExitsTwo()
        => Assert.That(CliRunner.Run("license", "issue", "--private-key", _dir.Combine("none.key"), "--customer", "C", "--tier", "professional").ExitCode, Is.EqualTo(2));

    [Test]
    public void Issue_PublicKeyInsteadOfPrivate_ExitsTwo()
    {
        var (_, publicKey) = Keygen();

        Assert.That(CliRunner.Run("license", "issue", "--private-key", publicKey, "--customer", "C", "--tier", "professional").ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void Issue_ToFile_WritesOwnerOnlyFile()
    {
        var (privateKey, publicKey) = Keygen();
        var output = _dir.Combine("customer.lic");

        var (code, stdout, _) = CliRunner.Run("license", "issue", "--private-key", privateKey, "--customer", "C", "--tier", "enterprise", "--id", "lic-42", "--out", output);

        Assert.That(code, Is.Zero);
        Assert.That(stdout, Does.Contain("lic-42"));
        Assert.That(CliRunner.Run("license", "verify", "--key-file", output, "--public-key", publicKey).ExitCode, Is.Zero);
    }
}
