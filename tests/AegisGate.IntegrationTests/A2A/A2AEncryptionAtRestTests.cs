using System.Net;
using System.Security.Cryptography;
using System.Text;
using AegisGate.A2A.Configuration;
using AegisGate.A2A.Tests.Support;
using AegisGate.Crypto;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AegisGate.IntegrationTests.A2A;

/// <summary>
/// The persisted capability map encrypted at rest (AegisGate:Encryption, local AES-256 key-encryption key) on a real
/// Kestrel host with mTLS: admin changes through the HTTP pillar's RBAC survive restarts encrypted; a tampered file, the
/// wrong key, and a plaintext file without migration stop the host with AEGIS_CRYPTO_INTEGRITY_FAILED logged.
/// </summary>
[NonParallelizable]
public sealed class A2AEncryptionAtRestTests
{
    private A2AEnvironment _env = null!;
    private A2AKestrelHost? _host;

    [SetUp]
    public void SetUp() => _env = new A2AEnvironment { Kek = RandomNumberGenerator.GetBytes(32) };

    [TearDown]
    public async Task TearDownAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        _env.Dispose();
    }

    private async Task RestartAsync(Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null)
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
            _host = null;
        }

        _host = await A2AKestrelHost.StartAsync(_env, configure);
    }

    private async Task<HttpStatusCode> SendAsync(string agent, string capability, string method)
    {
        var body = TestSigner.JsonRpc(method);
        var headers = TestSigner.Headers(_env.Files.KeyFor(agent), A2ATestFiles.KeyIdFor(agent), agent, capability, "POST", "/a2a", body, DateTimeOffset.UtcNow);
        using var client = _host!.CreateClient(_env.Agent(agent));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/a2a", UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private async Task GrantAsync(string agent, string capabilities)
    {
        var put = await _host!.AdminAsync(HttpMethod.Put, "/agents/" + agent, A2AKestrelHost.AdminKey, "{\"capabilities\":[" + capabilities + "]}");
        Assert.That(put.Status, Is.EqualTo(HttpStatusCode.OK), put.Body);
    }

    private void AssertStartRefused(Exception? ex)
    {
        Assert.That(ex, Is.InstanceOf<AegisCryptoException>());
        Assert.That(((AegisCryptoException)ex!).Code, Is.EqualTo(AegisErrorCodes.CryptoIntegrityFailed));
        var logged = _env.Logs.GetSnapshot().Where(r => r.Id.Id == 4012).ToList();
        Assert.That(logged, Has.Count.EqualTo(1));
        Assert.That(logged[0].Level, Is.EqualTo(LogLevel.Error));
        Assert.That(logged[0].Message, Does.Contain(AegisErrorCodes.CryptoIntegrityFailed));
        Assert.That(_env.Logs.GetSnapshot().Select(r => r.Message), Has.None.Contain(Convert.ToBase64String(_env.Kek!)));
    }

    [Test]
    public async Task AdminChange_EncryptedAtRest_SurvivesRestart()
    {
        await RestartAsync();
        Assert.That(await SendAsync("agent-b", "send_message", "SendMessage"), Is.EqualTo(HttpStatusCode.Forbidden));

        await GrantAsync("agent-b", "\"send_message\",\"get_task\"");

        var bytes = await File.ReadAllBytesAsync(_env.Files.PersistencePath);
        Assert.That(EnvelopeFormat.IsEnvelope(bytes), Is.True);
        Assert.That(EnvelopeFormat.TryReadKeyId(bytes, out var keyId) ? keyId : null, Is.EqualTo(_env.KekId));
        Assert.That(Encoding.UTF8.GetString(bytes), Does.Not.Contain("agent-b").And.Not.Contain("send_message").And.Not.Contain("it-admin"));

        await RestartAsync();
        Assert.That(_host!.Runtime.Capabilities.EncryptedAtRest, Is.True);
        Assert.That(await SendAsync("agent-b", "send_message", "SendMessage"), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_env.Audit.Events.Any(e => e.Operation == "a2a.capabilities.set" && e.Principal == "it-admin" && e.Decision == "allow"), Is.True);
    }

    [Test]
    public async Task TamperedMap_HostDoesNotStart_AndLogsCryptoIntegrityFailed()
    {
        await RestartAsync();
        await GrantAsync("agent-b", "\"send_message\"");
        await _host!.DisposeAsync();
        _host = null;

        var bytes = await File.ReadAllBytesAsync(_env.Files.PersistencePath);
        bytes[^5] ^= 0x80;
        await File.WriteAllBytesAsync(_env.Files.PersistencePath, bytes);

        AssertStartRefused(Assert.CatchAsync(() => RestartAsync()));
    }

    [Test]
    public async Task WrongKey_HostDoesNotStart_AndLogsCryptoIntegrityFailed()
    {
        await RestartAsync();
        await GrantAsync("agent-b", "\"send_message\"");
        await _host!.DisposeAsync();
        _host = null;

        _env.Kek = RandomNumberGenerator.GetBytes(32); // same key id, different material

        AssertStartRefused(Assert.CatchAsync(() => RestartAsync()));
    }

    [Test]
    public async Task EncryptedMap_EncryptionTurnedOff_HostDoesNotStart()
    {
        await RestartAsync();
        await GrantAsync("agent-b", "\"send_message\"");
        await _host!.DisposeAsync();
        _host = null;
        var kek = _env.Kek!;

        _env.Kek = null;
        var ex = Assert.CatchAsync(() => RestartAsync());

        _env.Kek = kek; // for the log assertion's secret check
        AssertStartRefused(ex);
    }

    [Test]
    public async Task CrashBetweenWriteAndRename_EncryptionOn_LosesNothingAfterRestart()
    {
        await RestartAsync();
        await GrantAsync("agent-b", "\"send_message\"");
        var committed = await File.ReadAllBytesAsync(_env.Files.PersistencePath);

        _host!.Runtime.Capabilities.BeforeRename = static _ => throw new IOException("simulated crash between write and rename");
        var crashed = await _host.AdminAsync(HttpMethod.Put, "/agents/agent-b", A2AKestrelHost.AdminKey, "{\"capabilities\":[]}");
        Assert.That(crashed.Status, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(await File.ReadAllBytesAsync(_env.Files.PersistencePath), Is.EqualTo(committed));

        // A process killed after writing its temporary file leaves it behind: the next start removes it.
        await File.WriteAllBytesAsync(_env.Files.PersistencePath + ".feedface.tmp", committed[..64]);
        await RestartAsync();

        Assert.That(await SendAsync("agent-b", "send_message", "SendMessage"), Is.EqualTo(HttpStatusCode.OK), "the last committed, encrypted map survives the crash");
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(_env.Files.PersistencePath)!, "*.tmp"), Is.Empty);
    }

    [Test]
    public async Task PlaintextMap_EncryptionTurnedOn_RefusedUntilMigrationAllowed_ThenEncrypted()
    {
        var kek = _env.Kek!;
        _env.Kek = null;
        await RestartAsync();
        await GrantAsync("agent-b", "\"send_message\"");
        await _host!.DisposeAsync();
        _host = null;
        var plaintext = await File.ReadAllBytesAsync(_env.Files.PersistencePath);
        Assert.That(EnvelopeFormat.IsEnvelope(plaintext), Is.False);

        _env.Kek = kek;
        AssertStartRefused(Assert.CatchAsync(() => RestartAsync()));
        Assert.That(await File.ReadAllBytesAsync(_env.Files.PersistencePath), Is.EqualTo(plaintext), "a refused start changes nothing");

        await RestartAsync(static b => b.Services.Configure<AegisA2AOptions>(o => o.AllowPlaintextMigration = true));

        Assert.That(EnvelopeFormat.IsEnvelope(await File.ReadAllBytesAsync(_env.Files.PersistencePath)), Is.True);
        Assert.That(_env.Logs.GetSnapshot().Any(r => r.Id.Id == 4013), Is.True);
        Assert.That(await SendAsync("agent-b", "send_message", "SendMessage"), Is.EqualTo(HttpStatusCode.OK));

        await RestartAsync();
        Assert.That(await SendAsync("agent-b", "send_message", "SendMessage"), Is.EqualTo(HttpStatusCode.OK));
    }
}
