using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AegisGate.Configuration;

/// <summary>Resolves AegisGate's relative paths: the data directory against the content root, state files against the data directory.</summary>
public sealed class AegisPaths
{
    private readonly IOptions<AegisGateOptions> _options;
    private readonly string _contentRoot;

    /// <summary>Initializes a new instance of the <see cref="AegisPaths"/> class.</summary>
    /// <param name="options">The root options.</param>
    /// <param name="environment">The host environment, when there is one.</param>
    public AegisPaths(IOptions<AegisGateOptions> options, IHostEnvironment? environment = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _contentRoot = environment?.ContentRootPath ?? Directory.GetCurrentDirectory();
    }

    /// <summary>Gets the absolute data directory.</summary>
    public string DataDirectory => Path.GetFullPath(_options.Value.DataDirectory, _contentRoot);

    /// <summary>Gets the absolute directory of the pillar YAML files.</summary>
    public string ConfigDirectory => Path.GetFullPath(_options.Value.ConfigDirectory, _contentRoot);

    /// <summary>Resolves a path against the data directory (absolute paths are returned unchanged).</summary>
    /// <param name="path">The path.</param>
    /// <returns>The absolute path.</returns>
    public string ResolveData(string path) => Path.GetFullPath(path, DataDirectory);

    /// <summary>Resolves a path against the configuration directory (absolute paths are returned unchanged).</summary>
    /// <param name="path">The path.</param>
    /// <returns>The absolute path.</returns>
    public string ResolveConfig(string path) => Path.GetFullPath(path, ConfigDirectory);
}
