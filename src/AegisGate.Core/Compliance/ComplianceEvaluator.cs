using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AegisGate.Compliance;

/// <summary>
/// Evaluates a registered framework against live evidence: every <see cref="IComplianceEvidenceProvider"/> reports
/// what it can establish; a control passes only when each evidence id it needs was reported and every report of it
/// holds. An unregistered framework yields a failed report with <c>AEGIS_COMPLIANCE_UNREGISTERED</c>, never a pass.
/// </summary>
public sealed class ComplianceEvaluator
{
    private readonly ComplianceFrameworkRegistry _registry;
    private readonly IReadOnlyList<IComplianceEvidenceProvider> _providers;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _providerTimeout;
    private readonly ILogger _logger;

    /// <summary>Initializes a new instance of the <see cref="ComplianceEvaluator"/> class.</summary>
    /// <param name="registry">The frameworks.</param>
    /// <param name="providers">The evidence providers.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="providerTimeout">How long each provider may take.</param>
    /// <param name="logger">The logger, or <see langword="null"/>.</param>
    public ComplianceEvaluator(ComplianceFrameworkRegistry registry, IEnumerable<IComplianceEvidenceProvider> providers, TimeProvider? timeProvider = null, TimeSpan? providerTimeout = null, ILogger<ComplianceEvaluator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(providers);
        _registry = registry;
        _providers = [.. providers];
        _timeProvider = timeProvider ?? TimeProvider.System;
        _providerTimeout = providerTimeout ?? TimeSpan.FromSeconds(5);
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Gets the framework registry.</summary>
    public ComplianceFrameworkRegistry Registry => _registry;

    /// <summary>Evaluates a framework.</summary>
    /// <param name="frameworkId">The framework id, for example <c>gdpr</c>.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The report. For an unregistered id: <see cref="ComplianceStatus.Fail"/> with <see cref="AegisErrorCodes.ComplianceUnregistered"/>.</returns>
    public async ValueTask<ComplianceReport> EvaluateAsync(string frameworkId, CancellationToken cancellationToken = default)
    {
        var now = _timeProvider.GetUtcNow();
        if (!_registry.TryGet(frameworkId, out var framework))
        {
            var shown = Printable(frameworkId);
            _logger.ComplianceFrameworkUnregistered(shown);
            return new ComplianceReport
            {
                FrameworkId = shown,
                GeneratedAt = now,
                Status = ComplianceStatus.Fail,
                ErrorCode = AegisErrorCodes.ComplianceUnregistered,
                Message = $"The compliance framework '{shown}' is not registered. Registered: {string.Join(", ", _registry.Frameworks.Select(static f => f.Id))}.",
            };
        }

        var (evidence, providerErrors) = await CollectAsync(cancellationToken).ConfigureAwait(false);
        var controls = new List<ComplianceControlResult>(framework.Controls.Count);
        foreach (var control in framework.Controls)
        {
            var considered = new List<ComplianceEvidence>();
            var missing = new List<string>();
            foreach (var id in control.Evidence.Distinct(StringComparer.Ordinal))
            {
                if (evidence.TryGetValue(id, out var items))
                {
                    considered.AddRange(items);
                }
                else
                {
                    missing.Add(id);
                }
            }

            var pass = missing.Count == 0 && considered.Count > 0 && considered.TrueForAll(static e => e.Satisfied);
            controls.Add(new ComplianceControlResult(control.Id, control.Title, pass ? ComplianceStatus.Pass : ComplianceStatus.Fail, considered, missing, control.Findings));
        }

        var report = new ComplianceReport
        {
            FrameworkId = framework.Id,
            FrameworkName = framework.Name,
            FrameworkVersion = framework.Version,
            FrameworkUrl = framework.Url,
            GeneratedAt = now,
            Status = controls.TrueForAll(static c => c.Status == ComplianceStatus.Pass) ? ComplianceStatus.Pass : ComplianceStatus.Fail,
            Controls = controls,
            ProviderErrors = providerErrors,
        };
        _logger.ComplianceEvaluated(framework.Id, report.Status.ToString(), report.PassedCount, controls.Count);
        return report;
    }

    private async Task<(Dictionary<string, List<ComplianceEvidence>> Evidence, List<string> Errors)> CollectAsync(CancellationToken cancellationToken)
    {
        var evidence = new Dictionary<string, List<ComplianceEvidence>>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var provider in _providers)
        {
            var name = provider?.GetType().Name ?? "null";
            if (provider is null)
            {
                errors.Add("A registered evidence provider is null.");
                continue;
            }

            try
            {
                name = provider.Name;
                var collector = new ComplianceEvidenceCollector(name);
                using var timeout = new CancellationTokenSource(_providerTimeout, _timeProvider);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
                var task = provider.CollectAsync(collector, linked.Token).AsTask();
                await task.WaitAsync(linked.Token).ConfigureAwait(false);
                foreach (var item in collector.Items)
                {
                    if (!evidence.TryGetValue(item.Id, out var list))
                    {
                        evidence[item.Id] = list = [];
                    }

                    list.Add(item);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (OperationCanceledException)
            {
                errors.Add($"Evidence provider '{name}' did not answer within {_providerTimeout.TotalSeconds:0.###} s; its evidence is missing.");
                _logger.ComplianceProviderFailed(name, null);
            }
            catch (Exception ex)
            {
                // The provider's evidence is missing, so every control that needs it fails: never a pass.
                errors.Add($"Evidence provider '{name}' failed ({ex.GetType().Name}); its evidence is missing.");
                _logger.ComplianceProviderFailed(name, ex);
            }
        }

        return (evidence, errors);
    }

    private static string Printable(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return string.Empty;
        }

        var text = id.Length > 64 ? id[..64] : id;
        return new string([.. text.Select(static c => char.IsControl(c) ? '?' : c)]);
    }
}
