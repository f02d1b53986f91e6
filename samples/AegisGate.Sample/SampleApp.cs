using System.Security.Authentication;
using AegisGate.Authentication;
using AegisGate.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace AegisGate.Sample;

/// <summary>
/// The sample host: every AegisGate pillar wired the way an app developer would. Kestrel serves HTTPS with TLS 1.3
/// only, using a development PKI generated into the data directory on first run.
/// </summary>
public static class SampleApp
{
    /// <summary>The default address when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> is given.</summary>
    public const string DefaultUrl = "https://localhost:8443";

    /// <summary>Builds the sample host.</summary>
    /// <param name="args">Command-line arguments (<c>--urls</c> and configuration overrides work as usual).</param>
    /// <param name="configure">Optional extra service registrations (tests use it to add doubles).</param>
    /// <returns>The application, ready to run.</returns>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Configuration.AddAegisEnvironmentVariables();

        var dataDir = Path.GetFullPath(builder.Configuration["AegisGate:DataDirectory"] ?? ".aegisgate-dev");
        builder.Configuration["AegisGate:DataDirectory"] = dataDir;
        Directory.CreateDirectory(dataDir);

        var pki = DevCertificates.EnsureCreated(Path.Combine(dataDir, "certs"));
        var apiKey = SampleApiKey.Ensure(dataDir, Environment.GetEnvironmentVariable("AEGISGATE_SAMPLE_API_KEY"));
        builder.Services.AddSingleton(pki);
        builder.Services.AddSingleton(apiKey);

        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 32L * 1024 * 1024;
            kestrel.ConfigureHttpsDefaults(https =>
            {
                https.ServerCertificate = pki.ServerCertificate;
                https.SslProtocols = SslProtocols.Tls13;
                // Client certificates are requested on every connection and validated by the A2A pillar against
                // the configured CA; routes that do not need one ignore it.
                https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                https.ClientCertificateValidation = static (_, _, _) => true;
                https.CheckCertificateRevocation = false;
            });
        });

        builder.AddSampleAuthentication(apiKey);
        builder.Services.AddAegisGate(builder.Configuration.GetSection(AegisGateOptions.SectionName))
            .AddAegisHealthChecks()
            .AddAegisDetection(builder.Configuration.GetSection("AegisGate:Detection"))
            .AddSampleGovernance(builder.Configuration)
            .AddSampleHttp()
            .AddSampleA2A(builder, dataDir);
        builder.AddSampleMcp(dataDir);
        configure?.Invoke(builder);

        var app = builder.Build();

        app.PrintAuditTrailOnStart(); // ApplicationStarted runs callbacks last-registered first: this prints after the banner.
        app.Lifetime.ApplicationStarted.Register(() => PrintBanner(app, pki, apiKey, dataDir));

        app.UseSampleA2A();
        app.UseSampleHttp();
        app.MapAegisHealth("/healthz").WithAegisScanPolicy(SampleHttp.InfrastructurePolicy);
        app.MapSampleMcp();
        app.MapSampleGovernance();
        app.MapGet("/", () => Results.Json(new
        {
            name = "AegisGate sample host",
            health = "/healthz",
        }));

        return app;
    }

    private static void PrintBanner(WebApplication app, DevCertificates pki, SampleApiKey apiKey, string dataDir)
    {
        var output = Console.Out;
        output.WriteLine("AegisGate sample host");
        output.WriteLine($"  listening:        {string.Join(", ", app.Urls)} (TLS 1.3 only)");
        output.WriteLine($"  data directory:   {dataDir}");
        output.WriteLine($"  CA certificate:   {pki.CaCertPath}");
        output.WriteLine($"  server cert/key:  {pki.ServerCertPath}, {pki.ServerKeyPath}");
        output.WriteLine($"  demo agent cert:  {pki.AgentCertPath}, {pki.AgentKeyPath} (PKCS#12: {pki.AgentPkcs12Path})");
        output.WriteLine($"  API key file:     {apiKey.Source}");
        if (apiKey.GeneratedNow)
        {
            // Printed once, when generated; later runs read it from the data directory.
            output.WriteLine($"  new dev API key:  {apiKey.Key}");
        }
    }
}

/// <summary>The sample's development API key: from <c>AEGISGATE_SAMPLE_API_KEY</c>, or generated once into the data directory.</summary>
public sealed class SampleApiKey
{
    private SampleApiKey(string key, string source, bool generatedNow)
    {
        Key = key;
        Hash = ApiKeyHasher.Hash(key);
        Source = source;
        GeneratedNow = generatedNow;
    }

    /// <summary>Gets the key.</summary>
    public string Key { get; }

    /// <summary>Gets the key's stored hash.</summary>
    public string Hash { get; }

    /// <summary>Gets where the key came from.</summary>
    public string Source { get; }

    /// <summary>Gets a value indicating whether the key was generated by this run.</summary>
    public bool GeneratedNow { get; }

    internal static SampleApiKey Ensure(string dataDir, string? fromEnvironment)
    {
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return new SampleApiKey(fromEnvironment.Trim(), "AEGISGATE_SAMPLE_API_KEY", false);
        }

        var path = Path.Combine(dataDir, "sample-api-key.txt");
        if (File.Exists(path))
        {
            return new SampleApiKey(File.ReadAllText(path).Trim(), path, false);
        }

        var key = ApiKeyHasher.GenerateKey();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, options))
        {
            writer.WriteLine(key);
        }

        return new SampleApiKey(key, path, true);
    }
}
