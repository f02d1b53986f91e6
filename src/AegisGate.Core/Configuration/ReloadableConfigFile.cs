using AegisGate.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AegisGate.Configuration;

/// <summary>
/// A YAML configuration file that reloads when it changes and keeps the last good value when a change is invalid
/// (logged at Error, counted in <c>aegisgate.config.reload_failures</c>). It never falls back to defaults or to
/// allowing everything. The initial load must succeed: construction throws otherwise, so the host does not start.
/// </summary>
/// <typeparam name="T">The model type.</typeparam>
public sealed class ReloadableConfigFile<T> : IDisposable
    where T : class
{
    private readonly Func<string, ConfigLoadResult<T>> _load;
    private readonly ILogger _logger;
    private readonly AegisMetrics? _metrics;
    private readonly FileSystemWatcher? _watcher;
    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private ITimer? _debounce;
    private volatile T _current;
    private volatile IReadOnlyList<ConfigError> _lastErrors = [];

    /// <summary>Initializes a new instance of the <see cref="ReloadableConfigFile{T}"/> class.</summary>
    /// <param name="path">The absolute file path.</param>
    /// <param name="load">Loads and validates the file (usually <see cref="YamlConfigLoader.LoadFile{T}"/>).</param>
    /// <param name="logger">The logger.</param>
    /// <param name="metrics">The metrics, or <see langword="null"/>.</param>
    /// <param name="watch">Whether to watch the file for changes.</param>
    /// <param name="timeProvider">The time provider for the debounce timer.</param>
    /// <exception cref="InvalidDataException">The file is missing or invalid at start.</exception>
    public ReloadableConfigFile(string path, Func<string, ConfigLoadResult<T>> load, ILogger logger, AegisMetrics? metrics = null, bool watch = true, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(logger);
        Path = System.IO.Path.GetFullPath(path);
        _load = load;
        _logger = logger;
        _metrics = metrics;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _current = load(Path).GetValueOrThrow(Path);
        if (watch && System.IO.Path.GetDirectoryName(Path) is { } directory && Directory.Exists(directory))
        {
            _watcher = new FileSystemWatcher(directory, System.IO.Path.GetFileName(Path))
            {
                NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            _watcher.Changed += OnFileEvent;
            _watcher.Created += OnFileEvent;
            _watcher.Renamed += OnFileEvent;
            _watcher.EnableRaisingEvents = true;
        }
    }

    /// <summary>Raised after a valid change was applied.</summary>
    public event Action<T>? Changed;

    /// <summary>Gets the file path.</summary>
    public string Path { get; }

    /// <summary>Gets the current (last good) value.</summary>
    public T Current => _current;

    /// <summary>Gets the errors of the last rejected reload (empty when the last reload succeeded).</summary>
    public IReadOnlyList<ConfigError> LastErrors => _lastErrors;

    /// <summary>Reloads the file now.</summary>
    /// <returns><see langword="true"/> when the new value was applied; <see langword="false"/> when it was rejected and the last good value stays.</returns>
    public bool Reload()
    {
        T applied;
        lock (_gate)
        {
            var result = _load(Path);
            if (!result.IsValid)
            {
                _lastErrors = result.Errors;
                _metrics?.RecordReloadFailure(System.IO.Path.GetFileName(Path));
                _logger.ConfigReloadRejected(Path, string.Join("; ", result.Errors));
                return false;
            }

            _current = applied = result.Value;
            _lastErrors = [];
            _logger.ConfigReloaded(Path);
        }

        Changed?.Invoke(applied);
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        // Editors write in several steps: wait until the file is quiet for 250 ms.
        lock (_gate)
        {
            _debounce ??= _timeProvider.CreateTimer(static s => ((ReloadableConfigFile<T>)s!).SafeReload(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _debounce.Change(TimeSpan.FromMilliseconds(250), Timeout.InfiniteTimeSpan);
        }
    }

    private void SafeReload()
    {
        try
        {
            Reload();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            _metrics?.RecordReloadFailure(System.IO.Path.GetFileName(Path));
            _logger.ConfigReloadFailed(Path, ex);
        }
    }
}
