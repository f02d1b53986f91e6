using System.Security.Cryptography;
using AegisGate.Crypto;
using AegisGate.Licensing;
using BenchmarkDotNet.Attributes;

namespace AegisGate.Benchmarks.Governance;

/// <summary>
/// Licensing on the request path (<see cref="LicenseGate"/> decisions must not allocate when they allow) and the cost
/// of licence validation: a cached verdict versus a full ECDSA P-256 verification.
/// </summary>
[MemoryDiagnoser]
public class LicenseBenchmarks
{
    private LicenseGate _gate = null!;
    private LicenseValidator _validator = null!;
    private LicenseValidator _uncached = null!;
    private string _key = null!;
    private string[] _distinctKeys = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        using var issuer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = TimeProvider.System.GetUtcNow();
        var issued = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
        LicensePayload Payload(int i) => new()
        {
            LicenseId = "lic-bench-" + i,
            Customer = "Bench Ltd",
            Tier = LicenseTier.Professional,
            Features = ["a2a", "compliance.api"],
            Limits = new Dictionary<string, long> { ["max_agents"] = 100 },
            IssuedAt = issued,
            ExpiresAt = issued.AddDays(365),
        };

        _key = LicenseToken.Issue(Payload(0), issuer);
        _distinctKeys = [.. Enumerable.Range(1, 256).Select(i => LicenseToken.Issue(Payload(i), issuer))];
        var keys = new[] { issuer.ExportSubjectPublicKeyInfo() };
        _validator = new LicenseValidator(keys);
        _uncached = new LicenseValidator(keys, cacheCapacity: 1);
        var state = _validator.Validate(_key);
        _gate = new LicenseGate(new FixedProvider(state));
    }

    [Benchmark(Baseline = true)]
    public bool Gate_RequireFeature_Allow() => _gate.RequireFeature("a2a").IsAllowed;

    [Benchmark]
    public bool Gate_RequireTier_Allow() => _gate.RequireTier(LicenseTier.Professional).IsAllowed;

    [Benchmark]
    public bool Gate_CheckLimit_Allow() => _gate.CheckLimit("max_agents", 50).IsAllowed;

    [Benchmark]
    public bool Gate_RequireFeature_Deny() => _gate.RequireFeature("fleet").IsAllowed;

    [Benchmark]
    public LicenseStatus Validate_Cached() => _validator.Validate(_key).Status;

    [Benchmark]
    public LicenseStatus Validate_FullVerification() => _uncached.Validate(_distinctKeys[_next++ & 255]).Status;

    private sealed class FixedProvider(LicenseState state) : ILicenseProvider
    {
        public LicenseState Current { get; } = state;
    }
}

/// <summary>AES-256-GCM envelope encryption with a local key-encryption key (what persisting a capability map or a snapshot costs).</summary>
[MemoryDiagnoser]
public class EnvelopeBenchmarks
{
    private static readonly byte[] Aad = "aegisgate:bench:v1"u8.ToArray();
    private EnvelopeEncryptor _encryptor = null!;
    private LocalKeyEncryptionKey _kek = null!;
    private byte[] _plaintext = null!;
    private byte[] _envelope = null!;

    [Params(1024, 65536)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _kek = new LocalKeyEncryptionKey("bench", RandomNumberGenerator.GetBytes(32));
        _encryptor = new EnvelopeEncryptor(new StaticKeyEncryptionKeyRing(_kek));
        _plaintext = RandomNumberGenerator.GetBytes(Size);
        _envelope = _encryptor.EncryptAsync(_plaintext, Aad).AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _kek.Dispose();

    [Benchmark]
    public int Encrypt() => _encryptor.EncryptAsync(_plaintext, Aad).AsTask().GetAwaiter().GetResult().Length;

    [Benchmark]
    public int Decrypt() => _encryptor.DecryptAsync(_envelope, Aad).AsTask().GetAwaiter().GetResult().Length;
}
