using AegisGate.AspNetCore.Authentication;
using AegisGate.AspNetCore.Authorization;
using AegisGate.AspNetCore.Compliance;
using AegisGate.AspNetCore.Http;
using AegisGate.AspNetCore.Licensing;
using AegisGate.AspNetCore.RateLimiting;
using AegisGate.AspNetCore.Scanning;
using AegisGate.Authentication;
using AegisGate.Pipeline;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the HTTP pillar (<c>UseAegisHttp()</c>).</summary>
public static class AegisHttpServiceCollectionExtensions
{
    /// <summary>The configuration path of the API keys bound when <see cref="AddAegisHttp(IAegisBuilder, Action{AegisHttpOptions}?)"/> registers the <c>X-API-Key</c> scheme.</summary>
    public const string ApiKeysSection = "AegisGate:ApiKeys";

    /// <summary>
    /// Adds the HTTP pillar: options bound from <c>AegisGate:Http</c> (validated on start, last good kept on a bad
    /// reload), the <c>X-API-Key</c> scheme with keys from <c>AegisGate:ApiKeys</c> (unless already added with
    /// <c>AddAegisApiKey</c>), and the pipelines <c>http</c>, <c>http.request-content</c> and
    /// <c>http.response-content</c>, plus the pillar's compliance evidence (<c>http.*</c>, used when
    /// <c>AddAegisCompliance()</c> is registered). Repeated calls do nothing more. Register the detection engine
    /// (<c>IContentScanner</c>) and the audit trail too: without them content is denied (<c>AEGIS_SCANNER_UNAVAILABLE</c>)
    /// and audited outcomes fail closed (<c>AEGIS_AUDIT_UNAVAILABLE</c>).
    /// </summary>
    /// <param name="builder">The AegisGate builder (from <c>AddAegisGate()</c>).</param>
    /// <param name="configure">Further configuration applied after binding.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static IAegisBuilder AddAegisHttp(this IAegisBuilder builder, Action<AegisHttpOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (services.Any(static d => d.ServiceType == typeof(HttpMarker)))
        {
            return builder;
        }

        services.AddSingleton<HttpMarker>();
        services.AddOptionsWithValidateOnStart<AegisHttpOptions, AegisHttpOptionsValidator>().BindConfiguration(AegisHttpOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AegisHttpOptions>, AegisHttpOptionsCustomValidator>());
        services.TryAddSingleton<AegisHttpRuntime>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, AegisHttpStartupAudit>());
        builder.AddComplianceEvidence<HttpEvidenceProvider>();
        services.AddHttpContextAccessor();

        if (!services.Any(static d => d.ServiceType == typeof(AegisApiKeyHandler)))
        {
            services.AddAuthentication().AddAegisApiKey();
            services.AddOptions<AegisApiKeyOptions>(AegisApiKeyDefaults.AuthenticationScheme).Configure<IConfiguration>(static (options, configuration) =>
            {
                foreach (var key in configuration.GetSection(ApiKeysSection).Get<List<ApiKeyEntry>>() ?? [])
                {
                    options.Keys.Add(key);
                }
            });
        }

        // The built-in checks go first in their pipelines, before checks the application adds.
        services.Insert(0, ServiceDescriptor.Singleton(new SecurityPipelineRegistration(AegisHttpPipelines.Access, static (pipeline, sp) =>
        {
            var runtime = sp.GetRequiredService<AegisHttpRuntime>();
            pipeline.AddCheck(new HttpLicenseCheck(runtime))
                .AddCheck(new HttpAuthenticationCheck())
                .AddCheck(new HttpAuthorizationCheck())
                .AddCheck(new HttpRateLimitCheck(runtime));
        })));
        services.Insert(0, ServiceDescriptor.Singleton(new SecurityPipelineRegistration(AegisHttpPipelines.RequestContent, static (pipeline, sp) =>
            pipeline.AddCheck(new RequestContentCheck(sp.GetRequiredService<AegisHttpRuntime>())))));
        services.Insert(0, ServiceDescriptor.Singleton(new SecurityPipelineRegistration(AegisHttpPipelines.ResponseContent, static (pipeline, sp) =>
            pipeline.AddCheck(new ContentScanCheck(sp.GetRequiredService<AegisHttpRuntime>(), "http.response-content")))));
        return builder;
    }

    private sealed class HttpMarker;
}
