using System.Collections;
using Microsoft.Extensions.Configuration;

namespace AegisGate.Configuration;

/// <summary>
/// Maps AegisGate's documented environment variables onto configuration keys. Both forms work:
/// the standard <c>AEGISGATE__AUDIT__PATH</c> (double underscore = section separator) and the documented aliases
/// such as <c>AEGISGATE_DATA_DIR</c> or <c>AEGISGATE_A2A_CONFIG_FILE</c>.
/// </summary>
public static class AegisEnvironmentVariables
{
    /// <summary>Gets the alias table: environment variable → configuration key.</summary>
    public static IReadOnlyDictionary<string, string> Aliases { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["AEGISGATE_DATA_DIR"] = "AegisGate:DataDirectory",
        ["AEGISGATE_CONFIG_DIR"] = "AegisGate:ConfigDirectory",
        ["AEGISGATE_CHECK_TIMEOUT"] = "AegisGate:CheckTimeout",
        ["AEGISGATE_AUDIT_ENABLED"] = "AegisGate:Audit:Enabled",
        ["AEGISGATE_AUDIT_PATH"] = "AegisGate:Audit:Path",
        ["AEGISGATE_AUDIT_KEY"] = "AegisGate:Audit:Key",
        ["AEGISGATE_AUDIT_KEY_FILE"] = "AegisGate:Audit:KeyFile",
        ["AEGISGATE_AUDIT_FAIL_CLOSED"] = "AegisGate:Audit:FailClosed",
        ["AEGISGATE_LICENSE_KEY"] = "AegisGate:License:Key",
        ["AEGISGATE_LICENSE_FILE"] = "AegisGate:License:KeyFile",
        ["AEGISGATE_LICENSE_PUBLIC_KEY"] = "AegisGate:License:PublicKey",
        ["AEGISGATE_A2A_ENABLED"] = "AegisGate:A2A:Enabled",
        ["AEGISGATE_A2A_CONFIG_FILE"] = "AegisGate:A2A:ConfigFile",
        ["AEGISGATE_A2A_CAPS_FILE"] = "AegisGate:A2A:CapabilitiesFile",
        ["AEGISGATE_MCP_CONFIG_FILE"] = "AegisGate:Mcp:ConfigFile",
    };

    /// <summary>Reads the aliases present in an environment into configuration key/value pairs.</summary>
    /// <param name="environment">The environment variables (for example <see cref="Environment.GetEnvironmentVariables()"/>).</param>
    /// <returns>The configuration values.</returns>
    public static Dictionary<string, string?> Map(IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is not string name || !name.StartsWith("AEGISGATE_", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (Aliases.TryGetValue(name, out var key))
            {
                values[key] = entry.Value as string;
            }
            else if (name.StartsWith("AEGISGATE__", StringComparison.OrdinalIgnoreCase))
            {
                values["AegisGate:" + name["AEGISGATE__".Length..].Replace("__", ":", StringComparison.Ordinal)] = entry.Value as string;
            }
        }

        return values;
    }
}

/// <summary>Adds AegisGate's environment variables to a configuration builder.</summary>
public static class AegisConfigurationBuilderExtensions
{
    /// <summary>
    /// Adds the <c>AEGISGATE_*</c> environment variables (aliases and <c>AEGISGATE__SECTION__KEY</c>) as configuration,
    /// overriding earlier sources such as <c>appsettings.json</c>.
    /// </summary>
    /// <param name="builder">The configuration builder.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    public static IConfigurationBuilder AddAegisEnvironmentVariables(this IConfigurationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var values = AegisEnvironmentVariables.Map(Environment.GetEnvironmentVariables());
        return builder.Add(new AegisEnvironmentSource(values));
    }

    private sealed class AegisEnvironmentSource(Dictionary<string, string?> values) : IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) => new AegisEnvironmentProvider(values);
    }

    private sealed class AegisEnvironmentProvider : ConfigurationProvider
    {
        public AegisEnvironmentProvider(Dictionary<string, string?> values)
        {
            Data = new Dictionary<string, string?>(values, StringComparer.OrdinalIgnoreCase);
        }
    }
}
