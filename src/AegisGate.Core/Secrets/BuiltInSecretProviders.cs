using Microsoft.Extensions.Configuration;

namespace AegisGate.Secrets;

/// <summary>Secrets from environment variables: <c>env:NAME</c>. An unset or empty variable is unavailable.</summary>
public sealed class EnvironmentSecretProvider : ISecretProvider
{
    /// <summary>The scheme, <c>env</c>.</summary>
    public const string SchemeName = "env";

    /// <inheritdoc />
    public string Scheme => SchemeName;

    /// <inheritdoc />
    public ValueTask<SecretValue> GetSecretAsync(string name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 256 || !(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(static c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new SecretUnavailableException(SchemeName, name ?? string.Empty, "the name is not a valid environment variable name.");
        }

        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrEmpty(value)
            ? throw new SecretUnavailableException(SchemeName, name, "the environment variable is not set or empty.")
            : new ValueTask<SecretValue>(new SecretValue(value));
    }
}

/// <summary>Secrets from the app's configuration: <c>config:Section:Key</c>. A missing or empty key is unavailable.</summary>
public sealed class ConfigurationSecretProvider : ISecretProvider
{
    /// <summary>The scheme, <c>config</c>.</summary>
    public const string SchemeName = "config";

    private readonly IConfiguration _configuration;

    /// <summary>Initializes a new instance of the <see cref="ConfigurationSecretProvider"/> class.</summary>
    /// <param name="configuration">The configuration root.</param>
    public ConfigurationSecretProvider(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        _configuration = configuration;
    }

    /// <inheritdoc />
    public string Scheme => SchemeName;

    /// <inheritdoc />
    public ValueTask<SecretValue> GetSecretAsync(string name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 512)
        {
            throw new SecretUnavailableException(SchemeName, name ?? string.Empty, "the configuration key is empty or too long.");
        }

        var value = _configuration[name];
        return string.IsNullOrEmpty(value)
            ? throw new SecretUnavailableException(SchemeName, name, "the configuration key is not set or empty.")
            : new ValueTask<SecretValue>(new SecretValue(value));
    }
}

/// <summary>
/// Secrets from files in a mounted secrets directory (Docker/Kubernetes secrets): <c>file:name</c> or
/// <c>file:sub/name</c> reads <c>&lt;FilesDirectory&gt;/name</c>. One trailing line break is removed. Names cannot
/// leave the directory; files larger than 64 KiB, missing or empty files are unavailable.
/// </summary>
public sealed class FileSecretProvider : ISecretProvider
{
    /// <summary>The scheme, <c>file</c>.</summary>
    public const string SchemeName = "file";

    /// <summary>The largest secret file read.</summary>
    public const int MaxFileBytes = 64 * 1024;

    private readonly string _directory;

    /// <summary>Initializes a new instance of the <see cref="FileSecretProvider"/> class.</summary>
    /// <param name="directory">The secrets directory.</param>
    public FileSecretProvider(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = Path.GetFullPath(directory);
    }

    /// <inheritdoc />
    public string Scheme => SchemeName;

    /// <summary>Gets the secrets directory.</summary>
    public string Directory => _directory;

    /// <inheritdoc />
    public async ValueTask<SecretValue> GetSecretAsync(string name, CancellationToken cancellationToken)
    {
        if (!IsSafeName(name))
        {
            throw new SecretUnavailableException(SchemeName, name ?? string.Empty, "the name must be path segments of letters, digits, '.', '_' or '-' inside the secrets directory.");
        }

        var path = Path.GetFullPath(Path.Combine(_directory, name));
        if (!path.StartsWith(_directory + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new SecretUnavailableException(SchemeName, name, "the name leaves the secrets directory.");
        }

        string text;
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new SecretUnavailableException(SchemeName, name, "the file does not exist.");
            }

            if (info.Length > MaxFileBytes)
            {
                throw new SecretUnavailableException(SchemeName, name, $"the file is larger than {MaxFileBytes} bytes.");
            }

            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SecretUnavailableException(SchemeName, name, "the file could not be read (" + ex.GetType().Name + ").", ex);
        }

        if (text.EndsWith("\r\n", StringComparison.Ordinal))
        {
            text = text[..^2];
        }
        else if (text.EndsWith('\n'))
        {
            text = text[..^1];
        }

        return string.IsNullOrWhiteSpace(text)
            ? throw new SecretUnavailableException(SchemeName, name, "the file is empty.")
            : new SecretValue(text);
    }

    private static bool IsSafeName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 512)
        {
            return false;
        }

        foreach (var segment in name.Split('/'))
        {
            if (segment.Length == 0 || segment.Length > 255 || segment.All(static c => c == '.')
                || !segment.All(static c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
