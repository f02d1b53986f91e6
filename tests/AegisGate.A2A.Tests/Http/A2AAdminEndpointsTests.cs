using System.Net;
using System.Text;
using System.Text.Json;
using AegisGate.A2A.Tests.Support;
using AegisGate.AspNetCore;
using AegisGate.AspNetCore.Authentication;
using AegisGate.AspNetCore.Authorization;
using AegisGate.Audit;
using AegisGate.Authentication;
using AegisGate.Detection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Moq;

namespace AegisGate.A2A.Tests.Http;

/// <summary>The capability admin API is authorized by the HTTP pillar's RBAC (permission <c>manage</c>) and re-checks it.</summary>
public sealed class A2AAdminEndpointsTests
{
    private const string Prefix = "/api/v1/admin/a2a";
    private static readonly Dictionary<string, string> Keys = new(StringComparer.Ordinal)
    {
        ["admin"] = "adm-" + new string('a', 40),
        ["operator"] = "ops-" + new string('o', 40),
        ["a2a-manager"] = "mgr-" + new string('m', 40),
    };

    private readonly List<AuditEvent> _audited = [];

    private async Task<A2ATestServer> StartAsync(bool useHttpPillar = true, Action<RouteGroupBuilder>? configureGroup = null, FakeLogCollector? logs = null, bool failAudit = false)
    {
        var scanner = new Mock<IContentScanner>();
        scanner.Setup(s => s.Scan(It.IsAny<string>(), It.IsAny<ScanOptions>())).Returns(new ScanResult { Verdict = ScanVerdict.Allow });
        scanner.Setup(s => s.ScanJson(It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<ScanOptions>())).Returns(new ScanResult { Verdict = ScanVerdict.Allow });
        var sink = new Mock<IAuditSink>();
        sink.Setup(s => s.WriteAsync(It.IsAny<AuditEvent>(), It.IsAny<CancellationToken>())).Returns<AuditEvent, CancellationToken>((e, _) =>
        {
            if (failAudit)
            {
                return ValueTask.FromException(new IOException("audit disk full"));
            }

            lock (_audited)
            {
                _audited.Add(e);
            }

            return ValueTask.CompletedTask;
        });
        return await A2ATestServer.StartAsync(
            services =>
            {
                services.AddAegisGate().AddAegisHttp(o => o.Authorization.Roles["a2a-manager"] = [AegisPermissions.Manage]);
                services.Configure<AegisApiKeyOptions>(AegisApiKeyDefaults.AuthenticationScheme, o =>
                {
                    foreach (var (role, key) in Keys)
                    {
                        o.Keys.Add(new ApiKeyEntry { Principal = role + "-principal", Hash = ApiKeyHasher.Hash(key), Roles = [role] });
                    }
                });
                services.AddSingleton(scanner.Object);
                services.AddSingleton(sink.Object);
                if (logs is not null)
                {
                    services.AddSingleton<ILoggerProvider>(new FakeLoggerProvider(logs));
                }
            },
            configureApp: app =>
            {
                if (useHttpPillar)
                {
                    app.UseWhen(static c => !c.Request.Path.StartsWithSegments("/a2a"), static b => b.UseAegisHttp());
                }

                var group = app.MapAegisA2AAdmin();
                configureGroup?.Invoke(group);
            });
    }

    private static Task<HttpContext> SendAsync(A2ATestServer server, string method, string path, string? role, string? body = null)
        => server.Server.SendAsync(context =>
        {
            context.Request.Method = method;
            context.Request.Path = Prefix + path;
            if (role is not null)
            {
                context.Request.Headers["X-API-Key"] = Keys[role];
            }

            if (body is not null)
            {
                var bytes = Encoding.UTF8.GetBytes(body);
                context.Request.ContentType = "application/json";
                context.Request.ContentLength = bytes.Length;
                context.Request.Body = new MemoryStream(bytes);
            }
        });

    [TestCase("admin")]
    [TestCase("a2a-manager")]
    public async Task Put_PrincipalWithManagePermission_ChangesMapAndIsAudited(string role)
    {
        await using var server = await StartAsync();

        var context = await SendAsync(server, "PUT", "/agents/agent-b", role, "{\"capabilities\":[\"send_message\"]}");

        Assert.That(A2ATestServer.Status(context), Is.EqualTo(HttpStatusCode.OK), (await A2ATestServer.ReadAsync(context)).Body);
        var allowed = await server.SendSignedAsync("agent-b", "send_message", "SendMessage");
        Assert.That(A2ATestServer.Status(allowed), Is.EqualTo(HttpStatusCode.OK));
        lock (_audited)
        {
            Assert.That(_audited.Any(e => e.Operation == "a2a.capabilities.set" && e.Principal == role + "-principal" && e.Properties!["agent"] == "agent-b"), Is.True);
        }
    }

    [Test]
    public async Task Put_OperatorRole_DeniedByRbacAndNothingChanges()
    {
        await using var server = await StartAsync();

        var context = await SendAsync(server, "PUT", "/agents/agent-b", "operator", "{\"capabilities\":[\"send_message\"]}");

        Assert.That(A2ATestServer.Status(context), Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await A2ATestServer.CodeOfAsync(context), Is.EqualTo(HttpErrorCodes.RbacDenied));
        Assert.That(File.Exists(server.Files.PersistencePath), Is.False);
    }

    [TestCase("GET", "/capabilities")]
    [TestCase("DELETE", "/agents/agent-a")]
    [TestCase("POST", "/agents/agent-a/reset")]
    public async Task EveryRoute_NoApiKey_DeniedAuthMissing(string method, string path)
    {
        await using var server = await StartAsync();

        var context = await SendAsync(server, method, path, role: null);

        Assert.That(A2ATestServer.Status(context), Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await A2ATestServer.CodeOfAsync(context), Is.EqualTo(HttpErrorCodes.AuthMissing));
    }

    [Test]
    public async Task Get_Admin_ReturnsEffectiveMap()
    {
        await using var server = await StartAsync();

        var context = await SendAsync(server, "GET", "/capabilities", "admin");

        var (status, body) = await A2ATestServer.ReadAsync(context);
        Assert.That(status, Is.EqualTo(200));
        using var json = JsonDocument.Parse(body);
        Assert.That(json.RootElement.GetProperty("agents").GetProperty("agent-a").GetProperty("source").GetString(), Is.EqualTo("yaml"));
    }

    [Test]
    public async Task Put_WithoutUseAegisHttp_DeniedNoPolicyAndLogged()
    {
        var logs = new FakeLogCollector();
        await using var server = await StartAsync(useHttpPillar: false, logs: logs);

        var context = await SendAsync(server, "PUT", "/agents/agent-b", "admin", "{\"capabilities\":[\"send_message\"]}");

        Assert.That(A2ATestServer.Status(context), Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await A2ATestServer.CodeOfAsync(context), Is.EqualTo(HttpErrorCodes.RbacNoPolicy));
        Assert.That(File.Exists(server.Files.PersistencePath), Is.False);
        Assert.That(logs.GetSnapshot().Any(r => r.Id.Id == 4022 && r.Level == LogLevel.Error), Is.True);
    }

    [Test]
    public async Task Put_RoutesMarkedPublic_StillNeedTheManagePermission()
    {
        await using var server = await StartAsync(configureGroup: static g => g.AllowAegisPublic("misconfiguration under test"));

        var context = await SendAsync(server, "PUT", "/agents/agent-b", role: null, "{\"capabilities\":[\"send_message\"]}");

        Assert.That(A2ATestServer.Status(context), Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await A2ATestServer.CodeOfAsync(context), Is.EqualTo(HttpErrorCodes.RbacDenied));
        Assert.That(File.Exists(server.Files.PersistencePath), Is.False);
    }

    [TestCase("{\"capabilities\":\"send_message\"}", TestName = "Put_CapabilitiesNotAnArray_RequestInvalid")]
    [TestCase("{\"grants\":[\"send_message\"]}", TestName = "Put_NoCapabilities_RequestInvalid")]
    [TestCase("{\"capabilities\":[null]}", TestName = "Put_NullCapability_RequestInvalid")]
    [TestCase("{\"capabilities\":[\"root_shell\"]}", TestName = "Put_UnknownCapability_RequestInvalid")]
    public async Task Put_BodyBreaksContract_Answers400RequestInvalid(string body)
    {
        await using var server = await StartAsync();

        var context = await SendAsync(server, "PUT", "/agents/agent-b", "admin", body);

        Assert.That(A2ATestServer.Status(context), Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await A2ATestServer.CodeOfAsync(context), Is.EqualTo(HttpErrorCodes.RequestInvalid));
        Assert.That(File.Exists(server.Files.PersistencePath), Is.False);
    }

    [Test]
    public async Task Put_InvalidAgentId_Answers400RequestInvalid()
    {
        await using var server = await StartAsync();

        var context = await SendAsync(server, "PUT", "/agents/bad%3Bid", "admin", "{\"capabilities\":[]}");

        Assert.That(A2ATestServer.Status(context), Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await A2ATestServer.CodeOfAsync(context), Is.EqualTo(HttpErrorCodes.RequestInvalid));
    }

    [Test]
    public async Task Put_MalformedJson_Answers400JsonInvalid()
    {
        await using var server = await StartAsync();

        var context = await SendAsync(server, "PUT", "/agents/agent-b", "admin", "{\"capabilities\":[");

        Assert.That(A2ATestServer.Status(context), Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await A2ATestServer.CodeOfAsync(context), Is.EqualTo(HttpErrorCodes.JsonInvalid));
    }

    [Test]
    public async Task Put_BodyOver64KiB_Answers413BodyTooLarge()
    {
        await using var server = await StartAsync();
        var body = "{\"capabilities\":[\"send_message\"],\"pad\":\"" + new string('x', 70 * 1024) + "\"}";

        var context = await SendAsync(server, "PUT", "/agents/agent-b", "admin", body);

        Assert.That(A2ATestServer.Status(context), Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        Assert.That(await A2ATestServer.CodeOfAsync(context), Is.EqualTo(HttpErrorCodes.BodyTooLarge));
    }

    [Test]
    public async Task Put_AuditFails_Answers503AuditUnavailableAndNothingChanges()
    {
        await using var server = await StartAsync(failAudit: true);

        var context = await SendAsync(server, "PUT", "/agents/agent-b", "admin", "{\"capabilities\":[\"send_message\"]}");

        Assert.That(A2ATestServer.Status(context), Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(await A2ATestServer.CodeOfAsync(context), Is.EqualTo(AegisErrorCodes.AuditUnavailable));
        Assert.That(File.Exists(server.Files.PersistencePath), Is.False);
        Assert.That(server.App.Services.GetRequiredService<AegisGate.A2A.Configuration.A2ARuntime>().Capabilities.Current.Agents["agent-b"].Capabilities, Is.EquivalentTo(new[] { "get_task" }));
    }

    [Test]
    public void MapAegisA2AAdmin_WithoutHttpPillar_FailsAtStart()
    {
        var ex = Assert.ThrowsAsync<InvalidOperationException>(async () => await A2ATestServer.StartAsync(configureApp: static app => app.MapAegisA2AAdmin()));

        Assert.That(ex!.Message, Does.Contain("AddAegisHttp").And.Contain("UseAegisHttp"));
    }
}
