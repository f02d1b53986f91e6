using AegisGate.A2A.Tests.Support;
using AegisGate.TestUtilities;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AegisGate.A2A.Tests.Http;

/// <summary>The composition root's null/throw/timeout matrix holds for the A2A pipeline, and misconfiguration stops the host.</summary>
public sealed class A2AFailClosedTests
{
    [Test]
    public async Task Invoke_NullCheckInA2APipeline_DeniesInternalError()
    {
        await using var server = await A2ATestServer.StartAsync(services => services.AddAegisGate().AddPipeline(AegisA2ADefaults.PipelineName, static (p, _) => p.AddCheck(null)));

        var context = await server.SendSignedAsync("agent-a", "send_message", "SendMessage");

        Assert.That(context.Response.StatusCode, Is.EqualTo(500));
        Assert.That(await A2ATestServer.CodeOfAsync(context), Is.EqualTo(A2AErrorCodes.InternalError));
        Assert.That(server.HandlerCalls, Is.Zero);
    }

    [Test]
    public async Task Invoke_ThrowingCheckInA2APipeline_DeniesInternalError()
    {
        await using var server = await A2ATestServer.StartAsync(services => services.AddAegisGate().AddPipeline(AegisA2ADefaults.PipelineName, static (p, _) => p.AddCheck(TestChecks.Throw())));

        var context = await server.SendSignedAsync("agent-a", "send_message", "SendMessage");

        Assert.That(await A2ATestServer.CodeOfAsync(context), Is.EqualTo(A2AErrorCodes.InternalError));
        Assert.That(server.HandlerCalls, Is.Zero);
    }

    [Test]
    [CancelAfter(20_000)]
    public async Task Invoke_SlowCheckInA2APipeline_DeniesInternalError()
    {
        await using var server = await A2ATestServer.StartAsync(
            services =>
            {
                services.AddSingleton(TimeProvider.System);
                services.AddAegisGate().AddPipeline(AegisA2ADefaults.PipelineName, static (p, _) => p.AddCheck(TestChecks.From("slow", static async (_, _) =>
                {
                    await Task.Delay(Timeout.Infinite, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(2), CancellationToken.None);
                    return SecurityDecision.Allow();
                })));
            },
            checkTimeout: TimeSpan.FromMilliseconds(100));

        var context = await server.SendSignedAsync("agent-a", "send_message", "SendMessage");

        Assert.That(await A2ATestServer.CodeOfAsync(context), Is.EqualTo(A2AErrorCodes.InternalError));
        Assert.That(server.HandlerCalls, Is.Zero);
    }

    [Test]
    public async Task Invoke_HandlerThrows_AnswersInternalError()
    {
        await using var server = await A2ATestServer.StartAsync(configureApp: app => app.MapPost("/a2a/throw", (Microsoft.AspNetCore.Http.HttpContext _) => throw new InvalidOperationException("handler bug with secret-ish detail")));

        var context = await server.SendSignedAsync("agent-a", "send_message", "SendMessage", path: "/a2a/throw");

        Assert.That(context.Response.StatusCode, Is.EqualTo(500));
        Assert.That(await A2ATestServer.CodeOfAsync(context), Is.EqualTo(A2AErrorCodes.InternalError));
        Assert.That((await A2ATestServer.ReadAsync(context)).Body, Does.Not.Contain("secret-ish"));
    }

    [Test]
    public void UseAegisA2A_NoLicenceProvider_FailsAtStart()
    {
        var ex = Assert.ThrowsAsync<InvalidOperationException>(async () => await A2ATestServer.StartAsync(registerLicense: false));

        Assert.That(ex!.Message, Does.Contain("ILicenseProvider"));
    }

    [Test]
    public void UseAegisA2A_NoAuditSink_FailsAtStart()
    {
        var ex = Assert.ThrowsAsync<InvalidOperationException>(async () => await A2ATestServer.StartAsync(services => services.RemoveAll<AegisGate.Audit.IAuditSink>()));

        Assert.That(ex!.Message, Does.Contain("IAuditSink"));
    }

    [Test]
    public void UseAegisA2A_InvalidConfigFile_FailsAtStart()
    {
        var ex = Assert.CatchAsync(async () => await A2ATestServer.StartAsync(files: f => File.WriteAllText(f.ConfigPath, "identity:\n  source: dns_name\n  trusted_ca_files: [missing.pem]\n  revocation_mode: sometimes\nintegrity:\n  keys:\n    - id: k\n      secret: env:AEGIS_TEST_UNSET_VARIABLE_42\n")));

        Assert.That(ex, Is.InstanceOf<InvalidDataException>());
        Assert.That(ex!.Message, Does.Contain("$.identity.source").And.Contain("revocation_mode").And.Contain("trusted_ca_files[0]").And.Contain("AEGIS_TEST_UNSET_VARIABLE_42"));
    }

    [Test]
    public void UseAegisA2A_UnknownCapabilityInMap_FailsAtStart()
    {
        var ex = Assert.CatchAsync(async () => await A2ATestServer.StartAsync(files: f => File.WriteAllText(f.CapsPath, "agents:\n  agent-a:\n    capabilities: [send_mesage]\n")));

        Assert.That(ex!.Message, Does.Contain("send_mesage"));
    }

    [Test]
    public void UseAegisA2A_WeakSecret_FailsAtStart()
    {
        var ex = Assert.CatchAsync(async () => await A2ATestServer.StartAsync(files: f => File.WriteAllText(f.ConfigPath, File.ReadAllText(f.ConfigPath).Replace("secret: base64:" + Convert.ToBase64String(f.SharedKey), "secret: base64:c2hvcnQ=", StringComparison.Ordinal))));

        Assert.That(ex!.Message, Does.Contain("at least 32 bytes"));
        Assert.That(ex.Message, Does.Not.Contain("c2hvcnQ="));
    }

    [Test]
    public void UseAegisA2A_WithoutAddAegisA2A_Throws()
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder();
        var app = builder.Build();

        Assert.That(() => app.UseAegisA2A(), Throws.InvalidOperationException.With.Message.Contains("AddAegisA2A"));
    }

    [Test]
    public async Task UseAegisA2A_Disabled_Answers404AndHandlerNeverRuns()
    {
        await using var server = await A2ATestServer.StartAsync(options: o => o.Enabled = false);

        var context = await server.SendSignedAsync("agent-a", "send_message", "SendMessage");

        Assert.That(context.Response.StatusCode, Is.EqualTo(404));
        Assert.That(server.HandlerCalls, Is.Zero);
    }

    [Test]
    public void Options_InvalidPath_FailsValidation()
    {
        Assert.CatchAsync(async () => await A2ATestServer.StartAsync(options: o => o.Paths = ["a2a/"]));
    }
}
