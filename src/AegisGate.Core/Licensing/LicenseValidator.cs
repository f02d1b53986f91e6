using System.Security.Cryptography;
using System.Text;

namespace AegisGate.Licensing;

/// <summary>
/// Validates licence keys offline against trusted ECDSA P-256 public keys. The verdict on a key's format and
/// signature is cached in a bounded least-recently-used cache keyed by the SHA-256 of the key (never the key
/// itself); expiry is checked against the clock on every call.
/// </summary>
/// <remarks>
/// A key that is malformed, has a signature no trusted key verifies, was issued for another product, is not valid
/// yet or has expired yields <see cref="LicenseStatus.Invalid"/> with a client-safe
/// <see cref="LicenseState.InvalidReason"/>. Nothing downgrades: an invalid key is never treated as community.
/// </remarks>
public sealed class LicenseValidator
{
    /// <summary>How far in the future <see cref="LicensePayload.IssuedAt"/> may be (clock skew).</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    internal const string ReasonMalformed = "The licence key is malformed.";
    internal const string ReasonSignature = "The licence key is not signed by a trusted issuer.";
    internal const string ReasonProduct = "The licence key was issued for another product.";
    internal const string ReasonExpired = "The licence has expired.";
    internal const string ReasonNotYetValid = "The licence is not valid yet.";
    internal const string ReasonEmpty = "The configured licence key is empty.";

    private readonly IReadOnlyList<byte[]> _trustedKeys;
    private readonly string _product;
    private readonly TimeProvider _timeProvider;
    private readonly int _capacity;
    private readonly Dictionary<string, LinkedListNode<(string Hash, Verdict Verdict)>> _cache = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Hash, Verdict Verdict)> _order = new();
    private readonly Lock _gate = new();

    /// <summary>Initializes a new instance of the <see cref="LicenseValidator"/> class.</summary>
    /// <param name="trustedPublicKeys">The DER SubjectPublicKeyInfo of each trusted P-256 key (see <see cref="LicenseSigningKeys.ParsePublicKeys"/>).</param>
    /// <param name="product">The product licences must be issued for.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="cacheCapacity">The most verdicts kept (1–4096).</param>
    /// <exception cref="ArgumentException">No trusted key was given.</exception>
    public LicenseValidator(IEnumerable<byte[]> trustedPublicKeys, string product = LicensePayload.DefaultProduct, TimeProvider? timeProvider = null, int cacheCapacity = 64)
    {
        ArgumentNullException.ThrowIfNull(trustedPublicKeys);
        ArgumentException.ThrowIfNullOrWhiteSpace(product);
        ArgumentOutOfRangeException.ThrowIfLessThan(cacheCapacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cacheCapacity, 4096);
        _trustedKeys = [.. trustedPublicKeys];
        if (_trustedKeys.Count == 0)
        {
            throw new ArgumentException("At least one trusted public key is required.", nameof(trustedPublicKeys));
        }

        _product = product;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _capacity = cacheCapacity;
    }

    /// <summary>Gets the number of cached verdicts.</summary>
    public int CachedCount
    {
        get
        {
            lock (_gate)
            {
                return _cache.Count;
            }
        }
    }

    /// <summary>Validates a licence key.</summary>
    /// <param name="licenseKey">The key (<c>AGL1.…</c>). Surrounding whitespace is ignored.</param>
    /// <returns>The licence state: <see cref="LicenseStatus.Valid"/> or <see cref="LicenseStatus.Invalid"/>, never <see cref="LicenseStatus.None"/>.</returns>
    public LicenseState Validate(string? licenseKey)
    {
        var token = licenseKey?.Trim();
        if (string.IsNullOrEmpty(token))
        {
            return Invalid(ReasonEmpty);
        }

        if (token.Length > LicenseToken.MaxTokenLength)
        {
            // Not cached: an oversized value is rejected before any work.
            return Invalid(ReasonMalformed);
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        var verdict = Lookup(hash);
        if (verdict is null)
        {
            verdict = Verify(token);
            Store(hash, verdict);
        }

        return Apply(verdict, _timeProvider.GetUtcNow());
    }

    /// <summary>Applies the clock to a verified state: an expired or not-yet-valid licence is invalid.</summary>
    /// <param name="state">A state returned by <see cref="Validate"/>.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The state, or an invalid state when the licence is outside its validity period at <paramref name="now"/>.</returns>
    internal static LicenseState ApplyClock(LicenseState state, DateTimeOffset now)
    {
        if (state.Status != LicenseStatus.Valid)
        {
            return state;
        }

        if (state.ExpiresAt is { } expires && now >= expires)
        {
            return state with { Status = LicenseStatus.Invalid, InvalidReason = ReasonExpired, Features = EmptyFeatures, Limits = EmptyLimits };
        }

        if (state.IssuedAt is { } issued && issued - MaxClockSkew > now)
        {
            return state with { Status = LicenseStatus.Invalid, InvalidReason = ReasonNotYetValid, Features = EmptyFeatures, Limits = EmptyLimits };
        }

        return state;
    }

    internal static LicenseState Invalid(string reason)
        => new() { Status = LicenseStatus.Invalid, Tier = LicenseTier.Community, InvalidReason = reason, Features = EmptyFeatures, Limits = EmptyLimits };

    private static readonly IReadOnlySet<string> EmptyFeatures = new HashSet<string>(StringComparer.Ordinal);
    private static readonly IReadOnlyDictionary<string, long> EmptyLimits = new Dictionary<string, long>(StringComparer.Ordinal);

    private static LicenseState Apply(Verdict verdict, DateTimeOffset now)
        => verdict.State is { } state ? ApplyClock(state, now) : Invalid(verdict.Reason!);

    private Verdict Verify(string token)
    {
        if (!LicenseToken.TrySplit(token, out var payloadBytes, out var signature))
        {
            return new Verdict(null, ReasonMalformed);
        }

        var trusted = false;
        foreach (var key in _trustedKeys)
        {
            if (LicenseSigningKeys.Verify(key, payloadBytes, signature))
            {
                trusted = true;
                break;
            }
        }

        if (!trusted)
        {
            return new Verdict(null, ReasonSignature);
        }

        var payload = LicenseToken.TryRead(payloadBytes);
        if (payload is null)
        {
            return new Verdict(null, ReasonMalformed);
        }

        if (!string.Equals(payload.Product, _product, StringComparison.Ordinal))
        {
            return new Verdict(null, ReasonProduct);
        }

        return new Verdict(
            new LicenseState
            {
                Status = LicenseStatus.Valid,
                Tier = payload.Tier,
                LicenseId = payload.LicenseId,
                Customer = payload.Customer,
                Product = payload.Product,
                Features = new HashSet<string>(payload.Features, StringComparer.Ordinal),
                Limits = new Dictionary<string, long>(payload.Limits, StringComparer.Ordinal),
                IssuedAt = payload.IssuedAt,
                ExpiresAt = payload.ExpiresAt,
            },
            null);
    }

    private Verdict? Lookup(string hash)
    {
        lock (_gate)
        {
            if (!_cache.TryGetValue(hash, out var node))
            {
                return null;
            }

            _order.Remove(node);
            _order.AddFirst(node);
            return node.Value.Verdict;
        }
    }

    private void Store(string hash, Verdict verdict)
    {
        lock (_gate)
        {
            if (_cache.ContainsKey(hash))
            {
                return;
            }

            while (_cache.Count >= _capacity && _order.Last is { } last)
            {
                _order.RemoveLast();
                _cache.Remove(last.Value.Hash);
            }

            _cache[hash] = _order.AddFirst((hash, verdict));
        }
    }

    private sealed record Verdict(LicenseState? State, string? Reason);
}
