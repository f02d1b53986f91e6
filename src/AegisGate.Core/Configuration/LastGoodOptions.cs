using AegisGate.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace AegisGate.Configuration;

/// <summary>
/// Holds the last valid value of an options type and applies reloads only when they validate. Read
/// <see cref="Current"/> on the hot path instead of a validated <see cref="IOptionsMonitor{TOptions}"/>: a bad
/// reload is logged, counted (<c>aegisgate.config.reload_failures</c>) and reported by <see cref="LastError"/>, and
/// the previous value stays active. It never falls back to defaults.
/// </summary>
/// <typeparam name="TOptions">The options type.</typeparam>
public sealed class LastGoodOptions<TOptions> : IDisposable
    where TOptions : class
{
    private readonly IOptionsFactory<TOptions> _factory;
    private readonly ILogger _logger;
    private readonly AegisMetrics _metrics;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Lock _gate = new();
    private volatile TOptions _current;
    private volatile string? _lastError;

    /// <summary>Initializes a new instance of the <see cref="LastGoodOptions{TOptions}"/> class.</summary>
    /// <param name="factory">The options factory (binds and validates).</param>
    /// <param name="sources">The change token sources of the options.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="metrics">The metrics.</param>
    /// <exception cref="OptionsValidationException">The initial configuration is invalid.</exception>
    public LastGoodOptions(IOptionsFactory<TOptions> factory, IEnumerable<IOptionsChangeTokenSource<TOptions>> sources, ILogger<LastGoodOptions<TOptions>> logger, AegisMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(sources);
        _factory = factory;
        _logger = logger;
        _metrics = metrics;
        _current = factory.Create(Options.DefaultName);
        foreach (var source in sources)
        {
            if (string.Equals(source.Name ?? Options.DefaultName, Options.DefaultName, StringComparison.Ordinal))
            {
                _subscriptions.Add(ChangeToken.OnChange(source.GetChangeToken, () => Reload()));
            }
        }
    }

    /// <summary>Raised after a valid reload was applied.</summary>
    public event Action<TOptions>? Changed;

    /// <summary>Gets the current (last valid) options value.</summary>
    public TOptions Current => _current;

    /// <summary>Gets the error of the last rejected reload, or <see langword="null"/> when the last reload succeeded.</summary>
    public string? LastError => _lastError;

    /// <summary>Gets a value indicating whether the active configuration matches the configuration source.</summary>
    public bool IsHealthy => _lastError is null;

    /// <summary>Re-reads and validates the options now; keeps the last good value when the new one is invalid.</summary>
    /// <returns><see langword="true"/> when the new value was applied.</returns>
    public bool Reload()
    {
        var source = typeof(TOptions).Name;
        lock (_gate)
        {
            try
            {
                var next = _factory.Create(Options.DefaultName);
                _current = next;
                _lastError = null;
                _logger.ConfigReloaded(source);
            }
            catch (OptionsValidationException ex)
            {
                _lastError = string.Join("; ", ex.Failures);
                _metrics.RecordReloadFailure(source);
                _logger.ConfigReloadRejected(source, _lastError);
                return false;
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
            {
                _lastError = ex.GetType().Name + ": the configuration could not be bound.";
                _metrics.RecordReloadFailure(source);
                _logger.ConfigReloadFailed(source, ex);
                return false;
            }
        }

        Changed?.Invoke(_current);
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }
}
