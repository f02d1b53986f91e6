using AegisGate.A2A.Configuration;
using AegisGate.A2A.Tests.Support;
using AegisGate.Audit;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace AegisGate.A2A.Tests.Configuration;

public sealed class A2ARuntimeReloadTests
{
    [Test]
    public async Task ReloadConfig_InvalidChange_KeepsLastGoodKeysAndLimits()
    {
        await using var server = await A2ATestServer.StartAsync();
        var runtime = server.App.Services.GetRequiredService<A2ARuntime>();
        var before = runtime.Config;

        File.WriteAllText(server.Files.ConfigPath, "identity:\n  source: nonsense\n");
        var applied = runtime.ReloadConfig();
        var context = await server.SendSignedAsync("agent-a", "send_message", "SendMessage");

        Assert.That(applied, Is.False);
        Assert.That(runtime.Config, Is.SameAs(before));
        Assert.That(runtime.LastConfigErrors, Is.Not.Empty);
        Assert.That(context.Response.StatusCode, Is.EqualTo(200), "the last good configuration keeps serving");
    }

    [Test]
    public async Task ReloadConfig_ValidChange_RotatesKeys()
    {
        await using var server = await A2ATestServer.StartAsync();
        var runtime = server.App.Services.GetRequiredService<A2ARuntime>();
        var original = File.ReadAllText(server.Files.ConfigPath);

        // Retire the shared key: requests signed with it are refused after the reload.
        File.WriteAllText(server.Files.ConfigPath, original.Replace("- id: shared-1", "- id: shared-2", StringComparison.Ordinal));
        Assert.That(runtime.ReloadConfig(), Is.True);
        var context = await server.SendSignedAsync("agent-a", "send_message", "SendMessage");

        Assert.That(await A2ATestServer.CodeOfAsync(context), Is.EqualTo(A2AErrorCodes.IntegrityInvalid));
    }

    [Test]
    public async Task Invoke_AuditSinkFails_DeniesInternalErrorWithoutRunningHandler()
    {
        var sink = new Mock<IAuditSink>();
        sink.Setup(s => s.WriteAsync(It.IsAny<AuditEvent>(), It.IsAny<CancellationToken>())).Returns(() => ValueTask.FromException(new IOException("disk full")));
        await using var server = await A2ATestServer.StartAsync(services => services.AddSingleton(sink.Object));

        var context = await server.SendSignedAsync("agent-a", "send_message", "SendMessage");

        Assert.That(context.Response.StatusCode, Is.EqualTo(500));
        Assert.That(await A2ATestServer.CodeOfAsync(context), Is.EqualTo(A2AErrorCodes.InternalError));
        Assert.That(server.HandlerCalls, Is.Zero);
    }

    [Test]
    public async Task Invoke_AuditSinkPresent_RecordsDecisionWithoutSecrets()
    {
        var events = new List<AuditEvent>();
        var sink = new Mock<IAuditSink>();
        sink.Setup(s => s.WriteAsync(It.IsAny<AuditEvent>(), It.IsAny<CancellationToken>())).Callback<AuditEvent, CancellationToken>((e, _) => events.Add(e)).Returns(ValueTask.CompletedTask);
        await using var server = await A2ATestServer.StartAsync(services => services.AddSingleton(sink.Object));

        await server.SendSignedAsync("agent-b", "send_message", "SendMessage");

        var recorded = events.Single();
        Assert.That(recorded.Decision, Is.EqualTo("deny"));
        Assert.That(recorded.Code, Is.EqualTo(A2AErrorCodes.CapabilityDenied));
        Assert.That(recorded.Principal, Is.EqualTo("agent-b"));
        Assert.That(string.Join(",", recorded.Properties!.Values), Does.Not.Contain(Convert.ToBase64String(server.Files.SharedKey)).And.Not.Contain("v1="));
    }
}
