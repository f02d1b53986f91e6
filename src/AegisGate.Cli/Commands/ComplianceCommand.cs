using System.CommandLine;
using AegisGate.Compliance;
using AegisGate.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AegisGate.Cli.Commands;

/// <summary>
/// <c>aegisgate compliance report --framework gdpr [--format text|json|markdown] [--config appsettings.json]</c> and
/// <c>aegisgate compliance list</c>. The report evaluates the configuration file (plus <c>AEGISGATE_*</c> environment
/// variables) with the same evidence providers as the host. Exit 0 when a report is produced (1 with
/// <c>--fail-on-fail</c> when a control fails), 2 for an unregistered framework or invalid configuration.
/// </summary>
internal static class ComplianceCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
        => new("compliance", "Compliance reports against MITRE ATLAS, NIST AI RMF, OWASP LLM Top 10, ISO 27001, SOC 2, HIPAA, GDPR and PCI DSS.")
        {
            CreateReport(stdout, stderr),
            CreateList(stdout, stderr),
        };

    private static Command CreateReport(TextWriter stdout, TextWriter stderr)
    {
        var framework = new Option<string>("--framework", "-f") { Description = "The framework id: " + string.Join(", ", ComplianceFrameworkRegistry.BuiltInIds) + ".", Required = true };
        var format = new Option<string>("--format") { Description = "text, json or markdown.", DefaultValueFactory = _ => "text" };
        var config = new Option<FileInfo?>("--config", "-c") { Description = "The host's appsettings.json to evaluate (the AegisGate and Kestrel sections). AEGISGATE_* environment variables apply on top." };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write the report to this file instead of standard output." };
        var failOnFail = new Option<bool>("--fail-on-fail") { Description = "Exit 1 when any control fails (for CI gates)." };
        var command = new Command("report", "Evaluate the configuration against a framework and print pass/fail per control with its evidence.")
        {
            framework, format, config, output, failOnFail,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!ComplianceReportWriter.TryParseFormat(parse.GetValue(format), out var reportFormat))
            {
                stderr.WriteLine("error: --format must be text, json or markdown.");
                return CliApp.ExitUsage;
            }

            ServiceProvider services;
            try
            {
                services = BuildServices(parse.GetValue(config));
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException or UnauthorizedAccessException)
            {
                stderr.WriteLine("error: the configuration could not be read: " + ex.Message);
                return CliApp.ExitUsage;
            }
            catch (Exception ex) when (ex is OptionsValidationException or AggregateException)
            {
                stderr.WriteLine("error: the configuration is invalid: " + ex.Message);
                return CliApp.ExitUsage;
            }

            await using (services.ConfigureAwait(false))
            {
                ComplianceReport report;
                try
                {
                    report = await services.GetRequiredService<ComplianceEvaluator>().EvaluateAsync(parse.GetValue(framework)!, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is OptionsValidationException or InvalidDataException or InvalidOperationException)
                {
                    stderr.WriteLine("error: the configuration is invalid: " + ex.Message);
                    return CliApp.ExitUsage;
                }

                var text = ComplianceReportWriter.Write(report, reportFormat);
                if (!report.IsRegistered)
                {
                    // The report (with its code) still goes to stdout so scripts can read it; the exit code marks the failure.
                    stdout.WriteLine(text);
                    stderr.WriteLine($"error: {report.ErrorCode}: {report.Message}");
                    return CliApp.ExitUsage;
                }

                if (parse.GetValue(output) is { } file)
                {
                    await File.WriteAllTextAsync(file.FullName, text, cancellationToken).ConfigureAwait(false);
                    stdout.WriteLine($"{report.FrameworkId}: {(report.Status == ComplianceStatus.Pass ? "PASS" : "FAIL")} ({report.PassedCount}/{report.Controls.Count} controls pass), written to {file.FullName}");
                }
                else
                {
                    stdout.Write(text);
                }

                return report.Status == ComplianceStatus.Fail && parse.GetValue(failOnFail) ? CliApp.ExitFindings : CliApp.ExitOk;
            }
        });
        return command;
    }

    private static Command CreateList(TextWriter stdout, TextWriter stderr)
    {
        var config = new Option<FileInfo?>("--config", "-c") { Description = "The host's appsettings.json (to include AegisGate:Compliance:FrameworkFiles)." };
        var command = new Command("list", "List the registered frameworks.") { config };
        command.SetAction(parse =>
        {
            try
            {
                using var services = BuildServices(parse.GetValue(config));
                foreach (var f in services.GetRequiredService<ComplianceFrameworkRegistry>().Frameworks)
                {
                    stdout.WriteLine($"{f.Id,-14} {f.Name} ({f.Version}), {f.Controls.Count} controls");
                }

                return CliApp.ExitOk;
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException or UnauthorizedAccessException or OptionsValidationException or AggregateException)
            {
                stderr.WriteLine("error: " + ex.Message);
                return CliApp.ExitUsage;
            }
        });
        return command;
    }

    /// <summary>
    /// The host's AegisGate services, built from a configuration file and validated as a host validates them at start
    /// (<see cref="IStartupValidator"/>), without starting anything (no secrets are fetched).
    /// </summary>
    /// <param name="configFile">The configuration file, or <see langword="null"/> for environment variables only.</param>
    /// <param name="overrides">Settings applied on top, computed from the configuration read so far (command-line options).</param>
    internal static ServiceProvider BuildServices(FileInfo? configFile, Func<IConfiguration, IEnumerable<KeyValuePair<string, string?>>>? overrides = null)
    {
        var builder = new ConfigurationBuilder();
        var contentRoot = Directory.GetCurrentDirectory();
        if (configFile is not null)
        {
            if (!configFile.Exists)
            {
                throw new FileNotFoundException($"The configuration file '{configFile.FullName}' does not exist.");
            }

            contentRoot = configFile.DirectoryName!;
            builder.AddJsonFile(configFile.FullName, optional: false, reloadOnChange: false);
        }

        builder.AddAegisEnvironmentVariables();
        var configuration = builder.Build();
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides(configuration));
            configuration = builder.Build();
        }

        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new CliHostEnvironment(contentRoot));
        services.AddAegisGate(configuration.GetSection(AegisGateOptions.SectionName))
            .AddAegisSecrets(configuration.GetSection("AegisGate:Secrets"))
            .AddAegisEncryption(configuration.GetSection("AegisGate:Encryption"))
            .AddAegisCompliance(configuration.GetSection("AegisGate:Compliance"));
        var provider = services.BuildServiceProvider();
        try
        {
            provider.GetService<IStartupValidator>()?.Validate();
            return provider;
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    private sealed class CliHostEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";

        public string ApplicationName { get; set; } = "aegisgate";

        public string ContentRootPath { get; set; } = contentRoot;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
