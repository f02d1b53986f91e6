using AegisGate.Configuration;
using Microsoft.Extensions.Logging;

namespace AegisGate.Licensing;

/// <summary>
/// The installation licence from <see cref="AegisLicenseOptions"/>: validated at start and on every valid
/// configuration reload; expiry is applied on every read of <see cref="Current"/> (a licence that expires while the
/// host runs becomes invalid at that moment).
/// </summary>
internal sealed class ConfiguredLicenseProvider : ILicenseProvider, IDisposable
{
    internal const int MaxKeyFileBytes = 16 * 1024;

    private readonly LastGoodOptions<AegisLicenseOptions> _options;
    private readonly AegisPaths _paths;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private volatile Snapshot _snapshot;
    private (string? PublicKey, int CacheSize, LicenseValidator Validator)? _validator;
    private int _expiryLogged;

    public ConfiguredLicenseProvider(LastGoodOptions<AegisLicenseOptions> options, AegisPaths paths, TimeProvider timeProvider, ILogger<ConfiguredLicenseProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _paths = paths;
        _timeProvider = timeProvider;
        _logger = logger;
        _snapshot = Load(options.Current);
        options.Changed += OnOptionsChanged;
    }

    public LicenseState Current
    {
        get
        {
            var snapshot = _snapshot;
            if (snapshot.Verified.Status != LicenseStatus.Valid)
            {
                return snapshot.Verified;
            }

            var now = _timeProvider.GetUtcNow();
            if (now >= snapshot.Verified.ExpiresAt)
            {
                if (Interlocked.Exchange(ref _expiryLogged, 1) == 0)
                {
                    _logger.LicenseExpired(snapshot.Verified.LicenseId ?? "?", snapshot.Verified.ExpiresAt!.Value);
                }

                return snapshot.Expired;
            }

            return now < snapshot.Verified.IssuedAt - LicenseValidator.MaxClockSkew ? snapshot.NotYetValid : snapshot.Verified;
        }
    }

    /// <summary>Re-reads the key (and key file) with the current options.</summary>
    public void Reload() => OnOptionsChanged(_options.Current);

    public void Dispose() => _options.Changed -= OnOptionsChanged;

    private void OnOptionsChanged(AegisLicenseOptions options)
    {
        lock (_gate)
        {
            _snapshot = Load(options);
            Interlocked.Exchange(ref _expiryLogged, 0);
        }
    }

    private Snapshot Load(AegisLicenseOptions options)
    {
        var state = Read(options);
        var now = _timeProvider.GetUtcNow();
        switch (state.Status)
        {
            case LicenseStatus.None:
                _logger.LicenseNone();
                break;
            case LicenseStatus.Invalid:
                _logger.LicenseInvalid(state.InvalidReason ?? LicenseValidator.ReasonMalformed);
                break;
            default:
                var expires = state.ExpiresAt!.Value;
                if (now >= expires)
                {
                    _logger.LicenseInvalid(LicenseValidator.ReasonExpired);
                }
                else
                {
                    _logger.LicenseValid(state.LicenseId ?? "?", LicenseToken.TierName(state.Tier), expires);
                    if (expires - now <= options.ExpiryWarning)
                    {
                        _logger.LicenseExpiresSoon(state.LicenseId ?? "?", expires, (int)Math.Ceiling((expires - now).TotalDays));
                    }
                }

                break;
        }

        return state.Status == LicenseStatus.Valid
            ? new Snapshot(state, LicenseValidator.ApplyClock(state, state.ExpiresAt!.Value), LicenseValidator.ApplyClock(state, DateTimeOffset.MinValue + LicenseValidator.MaxClockSkew))
            : new Snapshot(state, state, state);
    }

    private LicenseState Read(AegisLicenseOptions options)
    {
        string? token;
        if (!string.IsNullOrWhiteSpace(options.Key))
        {
            token = options.Key;
        }
        else if (!string.IsNullOrWhiteSpace(options.KeyFile))
        {
            token = ReadKeyFile(options.KeyFile);
            if (token is null)
            {
                return LicenseValidator.Invalid("The configured licence key file could not be read.");
            }
        }
        else
        {
            return LicenseState.NoLicense;
        }

        return GetValidator(options).Validate(token);
    }

    private LicenseValidator GetValidator(AegisLicenseOptions options)
    {
        // Reuse the validator (and its bounded verdict cache) while the trusted keys stay the same.
        if (_validator is { } current && string.Equals(current.PublicKey, options.PublicKey, StringComparison.Ordinal) && current.CacheSize == options.ValidationCacheSize)
        {
            return current.Validator;
        }

        var keys = LicenseSigningKeys.ParsePublicKeys(string.IsNullOrWhiteSpace(options.PublicKey) ? LicenseSigningKeys.DefaultPublicKeyPem : options.PublicKey);
        var validator = new LicenseValidator(keys, LicensePayload.DefaultProduct, _timeProvider, options.ValidationCacheSize);
        _validator = (options.PublicKey, options.ValidationCacheSize, validator);
        return validator;
    }

    private string? ReadKeyFile(string keyFile)
    {
        var path = _paths.ResolveData(keyFile);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxKeyFileBytes)
            {
                _logger.LicenseKeyFileUnreadable(path, null);
                return null;
            }

            return File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LicenseKeyFileUnreadable(path, ex);
            return null;
        }
    }

    private sealed record Snapshot(LicenseState Verified, LicenseState Expired, LicenseState NotYetValid);
}
