using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AegisGate.A2A.Capabilities;
using AegisGate.A2A.Configuration;
using AegisGate.A2A.Http;
using AegisGate.A2A.Integrity;
using AegisGate.A2A.Licensing;
using AegisGate.A2A.Mtls;
using AegisGate.A2A.RateLimiting;
using AegisGate.Audit;
using AegisGate.Configuration;
using AegisGate.Diagnostics;
using AegisGate.Licensing;
using AegisGate.Pipeline;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Primitives;

namespace AegisGate.Benchmarks.A2A;

/// <summary>
/// Per-request cost of the whole A2A chain (mTLS identity → HMAC verify + nonce → licence tier → token bucket →
/// capability/JSON-RPC method), evaluated through the real <see cref="SecurityPipeline"/>. Each operation signs a
/// fresh request (a new nonce) like a client would; <see cref="SignOnly"/> is that client-side cost alone.
/// <see cref="Chain_Allow_Audited"/> adds the audit record every A2A request gets (the real JSONL sink, no fsync).
/// </summary>
[MemoryDiagnoser]
public class A2AChainBenchmarks
{
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\",\"params\":{\"message\":{\"messageId\":\"m-1\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"hello\"}]}}}");
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private string _dir = null!;
    private A2ARuntime _warm = null!;
    private A2ARuntime _cold = null!;
    private SecurityPipeline _warmPipeline = null!;
    private SecurityPipeline _coldPipeline = null!;
    private X509Certificate2 _agent = null!;
    private JsonlAuditSink _sink = null!;
    private AuditTrail _audit = null!;
    private long _counter;

    [GlobalSetup]
    public void Setup()
    {
        _dir = Path.Combine(Path.GetTempPath(), "aegis-bench-a2a-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dir);
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Bench CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        var now = DateTimeOffset.Now;
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        File.WriteAllText(Path.Combine(_dir, "ca.crt.pem"), ca.ExportCertificatePem());
        using var agentKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var agentRequest = new CertificateRequest("CN=bench-agent", agentKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddUri(new Uri("spiffe://bench/agent/bench-agent"));
        agentRequest.CertificateExtensions.Add(san.Build());
        agentRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        _agent = agentRequest.Create(ca, now.AddHours(-1), now.AddMonths(6), RandomNumberGenerator.GetBytes(16));

        _warm = CreateRuntime("warm", cacheSeconds: 60);
        _cold = CreateRuntime("cold", cacheSeconds: 0);
        _warmPipeline = BuildPipeline(_warm);
        _coldPipeline = BuildPipeline(_cold);

        var root = Microsoft.Extensions.Options.Options.Create(new AegisGateOptions { DataDirectory = _dir, ConfigDirectory = _dir });
        _sink = new JsonlAuditSink(root, new AegisPaths(root), TimeProvider.System, NullLogger<JsonlAuditSink>.Instance);
        _sink.Open();
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        _audit = new AuditTrail(_sink, root, new AegisMetrics(meters), NullLogger<AuditTrail>.Instance);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sink.Dispose();
        _warm.Dispose();
        _cold.Dispose();
        _agent.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public string SignOnly() => Sign(out _, out _);

    [Benchmark]
    public bool Chain_Allow_SignedSendMessage() => Evaluate(_warmPipeline, signed: true);

    [Benchmark]
    public bool Chain_Allow_Audited()
    {
        var context = Evaluate(_warmPipeline, signed: true, out var decision, out var request);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["agent"] = request.AgentId ?? "-",
            ["capability"] = request.Capability ?? "-",
            ["method"] = request.JsonRpcMethod ?? "-",
        };
        var pending = _audit.RecordAsync(AuditEvent.FromDecision(TimeProvider.System.GetUtcNow(), context, decision, TimeSpan.FromMicroseconds(30), properties));
        var recorded = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
        return recorded.IsAllowed ? true : throw new InvalidOperationException("audit failed: " + recorded);
    }

    [Benchmark]
    public bool Chain_Allow_ColdCertificateValidation() => Evaluate(_coldPipeline, signed: true);

    [Benchmark]
    public bool Chain_Deny_Unsigned() => Evaluate(_warmPipeline, signed: false);

    private string Sign(out string timestamp, out string nonce)
    {
        timestamp = A2ASignatureV1.FormatTimestamp(TimeProvider.System.GetUtcNow());
        nonce = "bench-nonce-" + Interlocked.Increment(ref _counter).ToString("D16", CultureInfo.InvariantCulture);
        var canonical = A2ASignatureV1.Canonicalize("POST", "/a2a", "bench-agent", "send_message", timestamp, nonce, "k1", Body);
        return A2ASignatureV1.ComputeHeaderValue(_key, canonical);
    }

    private bool Evaluate(SecurityPipeline pipeline, bool signed)
    {
        Evaluate(pipeline, signed, out var decision, out _);
        return decision.IsAllowed;
    }

    private SecurityContext Evaluate(SecurityPipeline pipeline, bool signed, out SecurityDecision decision, out A2ARequestData request)
    {
        var signature = Sign(out var timestamp, out var nonce);
        request = new A2ARequestData
        {
            ClientCertificate = _agent,
            HttpMethod = "POST",
            PathAndQuery = "/a2a",
            SignatureHeader = signed ? new StringValues(signature) : StringValues.Empty,
            KeyIdHeader = "k1",
            TimestampHeader = timestamp,
            NonceHeader = nonce,
            CapabilityHeader = "send_message",
        };
        var context = new SecurityContext(AegisPillars.A2A, "POST /a2a") { Payload = Body };
        context.SetAttribute(A2ARequestData.AttributeKey, request);
        var pending = pipeline.EvaluateAsync(context);
        decision = pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
        if (decision.IsAllowed != signed)
        {
            throw new InvalidOperationException("unexpected decision " + decision);
        }

        return context;
    }

    private A2ARuntime CreateRuntime(string name, int cacheSeconds)
    {
        File.WriteAllText(Path.Combine(_dir, name + ".yaml"), $"""
            identity:
              source: san_uri
              san_uri_prefix: "spiffe://bench/agent/"
              trusted_ca_files: [ca.crt.pem]
              revocation_mode: no_check
              validation_cache_seconds: {cacheSeconds}
            integrity:
              max_clock_skew_seconds: 2
              nonce_cache_capacity: 10000000
              keys:
                - id: k1
                  secret: base64:{Convert.ToBase64String(_key)}
            rate_limit:
              default: {"{"} token_limit: 1000000, tokens_per_period: 1000000, period_seconds: 1 {"}"}
            """);
        File.WriteAllText(Path.Combine(_dir, name + "_caps.yaml"), "agents:\n  bench-agent:\n    capabilities: [send_message]\n");
        var root = Microsoft.Extensions.Options.Options.Create(new AegisGateOptions { DataDirectory = _dir, ConfigDirectory = _dir });
        var options = Microsoft.Extensions.Options.Options.Create(new AegisA2AOptions { ConfigFile = name + ".yaml", CapabilitiesFile = name + "_caps.yaml", PersistenceFile = name + ".json", WatchFiles = false });
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        return new A2ARuntime(options, new AegisPaths(root), TimeProvider.System, NullLoggerFactory.Instance, new AegisMetrics(meters));
    }

    private static SecurityPipeline BuildPipeline(A2ARuntime runtime)
        => new SecurityPipelineBuilder("a2a")
            .AddCheck(new MtlsAuthenticationCheck(runtime, TimeProvider.System, NullLogger<MtlsAuthenticationCheck>.Instance))
            .AddCheck(new SignatureVerificationCheck(runtime, TimeProvider.System))
            .AddCheck(new LicenseTierCheck(runtime, new NoLicense(), TimeProvider.System))
            .AddCheck(new AgentRateLimitCheck(runtime))
            .AddCheck(new CapabilityCheck(runtime))
            .Build();

    private sealed class NoLicense : ILicenseProvider
    {
        public LicenseState Current => LicenseState.NoLicense;
    }
}
