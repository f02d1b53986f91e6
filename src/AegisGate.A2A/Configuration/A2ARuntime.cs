using AegisGate.A2A.Capabilities;
using AegisGate.A2A.Integrity;
using AegisGate.A2A.RateLimiting;
using AegisGate.Configuration;
using AegisGate.Crypto;
using AegisGate.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AegisGate.A2A.Configuration;

/// <summary>
/// The live state of the A2A pillar: <c>a2a.yaml</c> (hot-reloaded, last good kept), the capability store, the
/// replay cache and the per-agent rate limiter. Built once; construction throws when a file is invalid (or the
/// persisted capability map fails its integrity check), so the host does not start on a broken configuration.
/// </summary>
/// <remarks>The replay cache lives in memory only; nothing of it is persisted.</remarks>
internal sealed class A2ARuntime : IDisposable
{
    private readonly ReloadableConfigFile<A2AConfigFile> _config;
    private volatile CompiledA2AConfig _compiled;

    public A2ARuntime(IOptions<AegisA2AOptions> options, AegisPaths paths, TimeProvider timeProvider, ILoggerFactory loggerFactory, AegisMetrics metrics, IEnvelopeEncryptor? encryptor = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(paths);
        var logger = loggerFactory.CreateLogger("AegisGate.A2A");
        var value = options.Value;
        var dataDirectory = paths.DataDirectory;
        ConfigPath = paths.ResolveConfig(value.ConfigFile);
        _config = new ReloadableConfigFile<A2AConfigFile>(
            ConfigPath,
            p => YamlConfigLoader.LoadFile<A2AConfigFile>(p, (model, errors) => CompiledA2AConfig.Compile(model, errors, dataDirectory)),
            logger,
            metrics,
            value.WatchFiles,
            timeProvider);
        _compiled = _config.Current.Compiled ?? throw new InvalidDataException($"{ConfigPath} did not compile.");
        Nonces = new NonceCache(timeProvider);
        RateLimiter = new AgentRateLimiter(_compiled);
        try
        {
            Capabilities = new CapabilityStore(paths.ResolveConfig(value.CapabilitiesFile), paths.ResolveData(value.PersistenceFile), logger, metrics, value.WatchFiles, timeProvider, encryptor, value.AllowPlaintextMigration);
        }
        catch
        {
            _config.Dispose();
            RateLimiter.Dispose();
            throw;
        }

        _config.Changed += OnConfigChanged;
    }

    public string ConfigPath { get; }

    public CompiledA2AConfig Config => _compiled;

    public IReadOnlyList<ConfigError> LastConfigErrors => _config.LastErrors;

    public NonceCache Nonces { get; }

    public AgentRateLimiter RateLimiter { get; }

    public CapabilityStore Capabilities { get; }

    public bool ReloadConfig() => _config.Reload();

    public void Dispose()
    {
        _config.Changed -= OnConfigChanged;
        _config.Dispose();
        Capabilities.Dispose();
        RateLimiter.Dispose();
        Nonces.Dispose();
    }

    private void OnConfigChanged(A2AConfigFile model)
    {
        if (model.Compiled is { } compiled)
        {
            _compiled = compiled;
            RateLimiter.Update(compiled);
        }
    }
}
