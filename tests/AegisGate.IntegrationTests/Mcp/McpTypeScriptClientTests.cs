using System.Diagnostics;
using System.Text.Json;
using AegisGate.Mcp;
using AegisGate.Sample;
using Microsoft.Extensions.DependencyInjection;

namespace AegisGate.IntegrationTests.Mcp;

/// <summary>
/// The official MCP TypeScript SDK client (<c>@modelcontextprotocol/sdk</c>, pinned in tests/interop/mcp) against the
/// sample host on real Kestrel with TLS 1.3: a node script drives the client and reports what it saw; at its phases the
/// test changes the server (a rug pull, then the restore).
/// </summary>
[NonParallelizable]
public sealed class McpTypeScriptClientTests
{
    private McpSampleHost _host = null!;
    private JsonElement _report;
    private readonly List<string> _phases = [];

    [OneTimeSetUp]
    public async Task RunClientAsync()
    {
        await NpmPackages.EnsureInstalledAsync(NpmPackages.InteropDirectory, "node_modules/@modelcontextprotocol/sdk/package.json");
        _host = await McpSampleHost.StartAsync();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = NpmPackages.InteropDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "mcp-client.mjs", _host.BaseAddress.ToString(), _host.AdminKey, _host.AliceKey })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NODE_EXTRA_CA_CERTS"] = _host.Pki.CaCertPath;
        var revisions = _host.App.Services.GetRequiredService<SampleToolRevisions>();
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        string? report = null;
        try
        {
            // The script prints "PHASE <name>" when it wants the server changed, then waits for "go" on stdin.
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith("PHASE ", StringComparison.Ordinal))
                {
                    var phase = line["PHASE ".Length..].Trim();
                    _phases.Add(phase);
                    switch (phase)
                    {
                        case "rug-pull":
                            revisions.RugPull();
                            break;
                        case "restore":
                            revisions.Restore();
                            break;
                        default:
                            Assert.Fail("unknown phase " + phase);
                            break;
                    }

                    await process.StandardInput.WriteLineAsync("go");
                    await process.StandardInput.FlushAsync();
                }
                else if (line.Length > 0)
                {
                    report = line;
                }
            }

            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            revisions.Restore();
        }

        Assert.That(process.ExitCode, Is.Zero, $"node failed: {await stderr}\n{report}");
        _report = JsonDocument.Parse(report!).RootElement.Clone();
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [Test]
    public void AllowedCall_OnALegacySession_Works()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(_report.GetProperty("sessionId").GetString(), Is.Not.Null.And.Not.Empty);
            Assert.That(_report.GetProperty("protocolVersion").GetString(), Is.EqualTo("2025-11-25"));
            Assert.That(Names("tools"), Does.Contain("lookup-order").And.Contain("delete-customer"));
            Assert.That(_report.GetProperty("lookup").GetString(), Is.EqualTo("Order A-1001: shipped"));
        }
    }

    [Test]
    public void Denials_ArriveWithTheirCodeInErrorData()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Code("ssrf"), Is.EqualTo(McpErrorCodes.InputUnsafeUri));
            Assert.That(_report.GetProperty("ssrf").GetProperty("error").GetProperty("code").GetInt32(), Is.EqualTo(-31000));
            Assert.That(Code("schema"), Is.EqualTo(McpErrorCodes.InputSchemaInvalid));
            Assert.That(Code("readerDelete"), Is.EqualTo(McpErrorCodes.ToolDenied));
            Assert.That(Names("readerTools"), Does.Not.Contain("delete-customer"));
        }
    }

    [Test]
    public void SsrfByName_HostResolvingToMetadataIsDenied_PublicHostIsAllowed()
    {
        Assert.That(Code("ssrfByName"), Is.EqualTo(McpErrorCodes.InputUnsafeUri));
        Assert.That(_report.GetProperty("publicByName").GetString(), Is.EqualTo("Would fetch https://public.example/offers."));
    }

    [Test]
    public void RugPull_ChangedDefinitionIsHiddenAndDenied_UntilThePinnedOneIsBack()
    {
        var rugPull = _report.GetProperty("rugPull");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_phases, Is.EqualTo(new[] { "rug-pull", "restore" }));
            Assert.That(rugPull.GetProperty("listedBefore").GetBoolean(), Is.True);
            Assert.That(rugPull.GetProperty("before").GetString(), Does.Contain("first release"));
            Assert.That(rugPull.GetProperty("after").GetProperty("error").GetProperty("data").GetProperty("code").GetString(), Is.EqualTo(McpErrorCodes.ToolPinMismatch));
            Assert.That(rugPull.GetProperty("after").GetProperty("error").GetProperty("code").GetInt32(), Is.EqualTo(-31003));
            Assert.That(rugPull.GetProperty("listedAfter").GetBoolean(), Is.False, "the changed definition is not offered");
            Assert.That(rugPull.GetProperty("restored").GetString(), Does.Contain("first release"));
        }
    }

    [Test]
    public void SecretsInToolOutput_AreRedacted()
    {
        Assert.That(_report.GetProperty("credentials").GetString(), Does.Not.Contain("AKIAZ7Q3NQ4XQ2MLPW6R").And.Not.Contain("ghp_Xq7Lm2Pz9Rt4Vb6Nc8Kd1Fh3Jg5Ws0Ye2Ua7").And.Contain("region=eu-west-1"));
    }

    [Test]
    public void SessionHijack_WithAnotherPrincipalsSessionId_IsDenied()
    {
        var hijack = _report.GetProperty("hijack");

        Assert.That(hijack.GetProperty("status").GetInt32(), Is.EqualTo(403));
        Assert.That(hijack.GetProperty("body").GetProperty("error").GetProperty("data").GetProperty("code").GetString(), Is.EqualTo(McpErrorCodes.SessionPrincipalMismatch));
    }

    [Test]
    public void TerminatedSession_IsGone()
    {
        Assert.That(_report.GetProperty("afterTerminate").GetProperty("ok").GetInt32(), Is.EqualTo(404));
    }

    [Test]
    public void NoCredentials_IsUnauthorized()
    {
        Assert.That(_report.GetProperty("anonymous").GetProperty("error").GetProperty("message").GetString(), Does.Contain("401"));
    }

    [Test]
    public void Gateway_GetEnvOfTheThirdPartyServer_IsRedacted()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Names("everythingTools"), Does.Contain("get-env"));
            Assert.That(_report.GetProperty("getEnv").GetString(), Does.Contain("NODE_ENV").And.Not.Contain("ghp_Xq7Lm2Pz9Rt4Vb6Nc8Kd1Fh3Jg5Ws0Ye2Ua7").And.Not.Contain("AKIAZ7Q3NQ4XQ2MLPW6R"));
        }
    }

    private List<string?> Names(string property) => [.. _report.GetProperty(property).EnumerateArray().Select(static e => e.GetString())];

    private string? Code(string property) => _report.GetProperty(property).GetProperty("error").GetProperty("data").GetProperty("code").GetString();
}
