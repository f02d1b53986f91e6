using System.Text.Json;
using AegisGate.AspNetCore.Authentication;
using AegisGate.AspNetCore.Authorization;
using AegisGate.AspNetCore.Http;
using AegisGate.Authentication;

namespace AegisGate.Sample;

/// <summary>The sample's HTTP pillar: API keys, RBAC, request/response scanning, the scan API and a few demo endpoints.</summary>
public static class SampleHttp
{
    /// <summary>The principal of the sample's dev API key (role <c>admin</c>).</summary>
    public const string AdminPrincipal = "sample-admin";

    /// <summary>The scan policy of generated infrastructure output (health, OpenAPI document): requests scanned, responses not (generated status and schema, not content).</summary>
    public const string InfrastructurePolicy = "infrastructure";

    /// <summary>
    /// Path prefixes served by other pillars, which authenticate on their own: MCP (<c>/mcp</c>) and A2A (<c>/a2a</c>,
    /// <c>/api/v1/a2a</c>, the agent card). Everything else goes through <c>UseAegisHttp()</c>.
    /// </summary>
    public static readonly string[] OtherPillarPrefixes = ["/mcp", "/a2a", "/api/v1/a2a", "/.well-known/agent-card.json"];

    /// <summary>Registers the HTTP pillar (the dev API key is registered as an <c>admin</c> principal in <c>SampleAuthentication</c>).</summary>
    /// <param name="builder">The AegisGate builder.</param>
    /// <returns>The builder.</returns>
    public static IAegisBuilder AddSampleHttp(this IAegisBuilder builder)
    {
        builder.AddAegisHttp(options =>
        {
            // The sample's index and demo endpoints without explicit permissions need 'read'.
            options.Authorization.DefaultPermission ??= AegisPermissions.Read;

            // The demo stream takes its text from the query string: audit it there, redact it in the response.
            options.ScanPolicies.TryAdd(InfrastructurePolicy, new AegisScanPolicyOptions { Response = AegisScanAction.None });
            options.ScanPolicies.TryAdd("demo-stream", new AegisScanPolicyOptions { Query = AegisScanAction.Monitor, Response = AegisScanAction.Redact });
        });
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>
    /// Puts <c>UseAegisHttp()</c> in front of every route except those of the other pillars, and maps the scan API,
    /// the OpenAPI document and the demo endpoints. <c>Sample:Benchmark:WithoutAegisHttp=true</c> leaves the
    /// middleware out (for the with/without throughput benchmark only).
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static WebApplication UseSampleHttp(this WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>("Sample:Benchmark:WithoutAegisHttp"))
        {
            app.UseWhen(static context => !OtherPillarPrefixes.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)), static branch => branch.UseAegisHttp());
        }

        app.MapAegisScanApi();
        app.MapOpenApi().RequireAegisPermission(AegisPermissions.Read).WithAegisScanPolicy(InfrastructurePolicy);

        // A JSON API endpoint as an application would have one: the request body was scanned before it got here.
        app.MapPost("/api/v1/echo", static async (HttpContext context) =>
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return Results.Json(new { received = document.RootElement.ValueKind.ToString().ToLowerInvariant(), properties = document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.EnumerateObject().Count() : 0 });
        }).RequireAegisPermission(AegisPermissions.Write);

        // A simulated model stream (server-sent events): each token is its own event; the response scan redacts
        // secrets even when they are split across events.
        app.MapGet("/api/v1/chat/stream", static async (HttpContext context, string? text) =>
        {
            context.Response.ContentType = "text/event-stream";
            var content = text ?? "Paris is the capital of France.";
            for (var i = 0; i < content.Length; i += 4)
            {
                await context.Response.WriteAsync($"data: {content.Substring(i, Math.Min(4, content.Length - i))}\n\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }

            await context.Response.WriteAsync("data: [DONE]\n\n", context.RequestAborted);
        }).RequireAegisPermission(AegisPermissions.Read).WithAegisScanPolicy("demo-stream");
        return app;
    }
}
