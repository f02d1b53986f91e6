using AegisGate.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AegisGate.Pipeline;

/// <summary>
/// Builds an immutable <see cref="SecurityPipeline"/>. A builder builds once: additions after <see cref="Build"/>
/// are refused, and an empty pipeline cannot be built.
/// </summary>
public sealed class SecurityPipelineBuilder
{
    private readonly List<ISecurityCheck?> _checks = [];
    private bool _built;

    /// <summary>Initializes a new instance of the <see cref="SecurityPipelineBuilder"/> class.</summary>
    /// <param name="name">The pipeline's name, for logs and metrics.</param>
    public SecurityPipelineBuilder(string name = "default")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>Gets the pipeline's name.</summary>
    public string Name { get; }

    /// <summary>Gets or sets the time each check has to decide.</summary>
    /// <value>The default value is 2 seconds.</value>
    public TimeSpan CheckTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets the time provider used for timeouts.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the logger factory.</summary>
    /// <value>The default value is <see cref="NullLoggerFactory.Instance"/>.</value>
    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    /// <summary>Gets or sets the metrics sink, or <see langword="null"/> for none.</summary>
    public AegisMetrics? Metrics { get; set; }

    /// <summary>Gets the number of checks added so far.</summary>
    public int Count => _checks.Count;

    /// <summary>Adds a check at the end of the pipeline.</summary>
    /// <param name="check">
    /// The check. A <see langword="null"/> slot (for example from a factory that returned nothing) is kept and denies
    /// every request with <see cref="AegisErrorCodes.CheckNull"/>: it is never skipped.
    /// </param>
    /// <returns>This builder, so that calls can be chained.</returns>
    /// <exception cref="InvalidOperationException">The pipeline was already built.</exception>
    public SecurityPipelineBuilder AddCheck(ISecurityCheck? check)
    {
        EnsureNotBuilt();
        _checks.Add(check);
        return this;
    }

    /// <summary>Builds the pipeline.</summary>
    /// <returns>The pipeline.</returns>
    /// <exception cref="InvalidOperationException">The pipeline is empty, or was already built.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="CheckTimeout"/> is not positive.</exception>
    public SecurityPipeline Build()
    {
        EnsureNotBuilt();
        if (_checks.Count == 0)
        {
            throw new InvalidOperationException($"The AegisGate security pipeline '{Name}' has no checks. An empty pipeline would deny every request ({AegisErrorCodes.PipelineEmpty}); add at least one check.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(CheckTimeout, TimeSpan.Zero, nameof(CheckTimeout));
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ArgumentNullException.ThrowIfNull(LoggerFactory);

        _built = true;
        var logger = LoggerFactory.CreateLogger(typeof(SecurityPipeline).FullName!);
        for (var i = 0; i < _checks.Count; i++)
        {
            if (_checks[i] is null)
            {
                logger.PipelineNullCheckConfigured(Name, i);
            }
        }

        return new SecurityPipeline(Name, [.. _checks], CheckTimeout, TimeProvider, logger, Metrics);
    }

    private void EnsureNotBuilt()
    {
        if (_built)
        {
            throw new InvalidOperationException($"The AegisGate security pipeline '{Name}' was already built; it cannot be changed.");
        }
    }
}
