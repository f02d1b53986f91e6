using System.Security.Cryptography;
using System.Text.Json;
using AegisGate.A2A.Configuration;
using AegisGate.A2A.Http;

namespace AegisGate.Sample;

/// <summary>
/// The sample's A2A wiring: <c>UseAegisA2A()</c> in front of a small echo agent that speaks A2A JSON-RPC v1.0
/// (<c>SendMessage</c>, ...) and v0.3 (<c>message/send</c>, ...) at <c>POST /a2a</c> and <c>POST /api/v1/a2a/message</c>,
/// its agent card at <c>/.well-known/agent-card.json</c> (declaring mTLS) and the capability admin API. The licence
/// that gates tiered capabilities is the installation's (<c>AegisGate:License</c>, registered by <c>AddAegisGate()</c>;
/// no key = community), and the admin API is authorized by the HTTP pillar (permission <c>manage</c>: the sample's
/// dev API key, role <c>admin</c>).
/// </summary>
internal static class SampleA2A
{
    public const string DevKeyId = "dev-1";

    public static string DevKeyPath(string dataDir) => Path.Combine(dataDir, "a2a", "dev-hmac.key");

    /// <summary>Registers the A2A pillar. Generates the development HMAC secret on first run.</summary>
    public static IAegisBuilder AddSampleA2A(this IAegisBuilder aegis, WebApplicationBuilder builder, string dataDir)
    {
        EnsureDevKey(DevKeyPath(dataDir));
        return aegis.AddAegisA2A(builder.Configuration.GetSection(AegisA2AOptions.SectionName));
    }

    /// <summary>Adds the A2A middleware and maps the sample agent's endpoints and the admin API (behind <c>UseAegisHttp()</c>, see <see cref="SampleHttp"/>).</summary>
    public static WebApplication UseSampleA2A(this WebApplication app)
    {
        app.UseAegisA2A();
        if (!app.Configuration.GetValue(AegisA2AOptions.SectionName + ":Enabled", true))
        {
            return app;
        }

        app.MapGet("/.well-known/agent-card.json", static (HttpContext http) => Results.Json(AgentCard(http), contentType: "application/json"));
        app.MapPost("/a2a", static (HttpContext http) => HandleJsonRpcAsync(http));
        app.MapPost("/api/v1/a2a/message", static (HttpContext http) => HandleJsonRpcAsync(http));
        // The admin API's answers are the generated capability map, not content: the infrastructure scan policy
        // (requests scanned, responses not). Its permission 'manage' is enforced by UseAegisHttp().
        app.MapAegisA2AAdmin().WithAegisScanPolicy(SampleHttp.InfrastructurePolicy);
        return app;
    }

    private static void EnsureDevKey(string path)
    {
        if (File.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, options);
            writer.WriteLine(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first.
        }
    }

    private static Dictionary<string, object?> AgentCard(HttpContext http)
    {
        var baseUrl = $"{http.Request.Scheme}://{http.Request.Host}";
        return new Dictionary<string, object?>
        {
            ["name"] = "AegisGate sample agent",
            ["description"] = "An echo agent behind AegisGate's A2A guardrails: mTLS client certificate, HMAC-SHA256 request signatures (A2A-Signature v1), per-agent capabilities and rate limits.",
            ["version"] = "0.1.0",
            ["supportedInterfaces"] = new[]
            {
                new Dictionary<string, object?> { ["url"] = baseUrl + "/a2a", ["protocolBinding"] = "JSONRPC", ["protocolVersion"] = "1.0" },
            },
            ["capabilities"] = new Dictionary<string, object?>
            {
                ["streaming"] = false,
                ["pushNotifications"] = false,
                ["extensions"] = new[]
                {
                    new Dictionary<string, object?>
                    {
                        ["uri"] = "https://aegisgate.dev/a2a/extensions/request-signature/v1",
                        ["description"] = "Every request must carry A2A-Signature (v1=base64 HMAC-SHA256), A2A-Key-Id, A2A-Timestamp, A2A-Nonce and A2A-Capability; see docs/a2a.md.",
                        ["required"] = true,
                    },
                },
            },
            ["securitySchemes"] = new Dictionary<string, object?>
            {
                ["mtls"] = new Dictionary<string, object?>
                {
                    ["mtlsSecurityScheme"] = new Dictionary<string, object?> { ["description"] = "A client certificate issued by the AegisGate agent CA; the agent id is the certificate's SPIFFE URI." },
                },
            },
            ["securityRequirements"] = new[]
            {
                new Dictionary<string, object?> { ["schemes"] = new Dictionary<string, object?> { ["mtls"] = new Dictionary<string, object?> { ["list"] = Array.Empty<string>() } } },
            },
            ["defaultInputModes"] = new[] { "text/plain" },
            ["defaultOutputModes"] = new[] { "text/plain" },
            ["skills"] = new[]
            {
                new Dictionary<string, object?> { ["id"] = "echo", ["name"] = "Echo", ["description"] = "Replies with the text it was sent.", ["tags"] = new[] { "demo" } },
            },
        };
    }

    private static async Task HandleJsonRpcAsync(HttpContext http)
    {
        // UseAegisA2A() already verified identity, signature, licence, rate and capability; the body is a JSON-RPC request.
        var agent = http.Features.Get<IA2AAgentFeature>() ?? throw new InvalidOperationException("The A2A handler ran without the A2A chain.");
        using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        var root = document.RootElement;
        var id = root.TryGetProperty("id", out var idElement) ? idElement.Clone() : default;
        object response = agent.JsonRpcMethod switch
        {
            "SendMessage" => Result(id, new Dictionary<string, object?> { ["message"] = Reply(root, v03: false) }),
            "message/send" => Result(id, Reply(root, v03: true)),
            "ListTasks" or "tasks/list" => Result(id, new Dictionary<string, object?> { ["tasks"] = Array.Empty<object>() }),
            "GetExtendedAgentCard" or "agent/getAuthenticatedExtendedCard" => Result(id, AgentCard(http)),
            "GetTask" or "tasks/get" or "CancelTask" or "tasks/cancel" => Error(id, -32001, "Task not found"),
            _ => Error(id, -32004, "This operation is not supported by the sample agent"),
        };
        await Results.Json(response).ExecuteAsync(http);
    }

    private static Dictionary<string, object?> Reply(JsonElement request, bool v03)
    {
        var text = new List<string>();
        if (request.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Object
            && parameters.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object
            && message.TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in parts.EnumerateArray())
            {
                if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("text", out var value) && value.ValueKind == JsonValueKind.String)
                {
                    text.Add(value.GetString()!);
                }
            }
        }

        var reply = "echo: " + string.Join(" ", text);
        return v03
            ? new Dictionary<string, object?>
            {
                ["kind"] = "message",
                ["messageId"] = Guid.NewGuid().ToString(),
                ["role"] = "agent",
                ["parts"] = new[] { new Dictionary<string, object?> { ["kind"] = "text", ["text"] = reply } },
            }
            : new Dictionary<string, object?>
            {
                ["messageId"] = Guid.NewGuid().ToString(),
                ["role"] = "ROLE_AGENT",
                ["parts"] = new[] { new Dictionary<string, object?> { ["text"] = reply, ["mediaType"] = "text/plain" } },
            };
    }

    private static Dictionary<string, object?> Result(JsonElement id, object result)
        => new() { ["jsonrpc"] = "2.0", ["id"] = id.ValueKind == JsonValueKind.Undefined ? null : id, ["result"] = result };

    private static Dictionary<string, object?> Error(JsonElement id, int code, string message)
        => new() { ["jsonrpc"] = "2.0", ["id"] = id.ValueKind == JsonValueKind.Undefined ? null : id, ["error"] = new Dictionary<string, object?> { ["code"] = code, ["message"] = message } };
}
