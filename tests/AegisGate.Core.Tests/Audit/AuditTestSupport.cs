using System.Text;
using AegisGate.Audit;
using AegisGate.Configuration;
using AegisGate.Crypto;
using AegisGate.TestUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AegisGate.Core.Tests.Audit;

/// <summary>Builds real <see cref="JsonlAuditSink"/> instances over a temporary data directory.</summary>
internal static class AuditTestSupport
{
    /// <summary>A fixed 32-byte test key, base64.</summary>
    public const string KeyBase64 = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";

    /// <summary>Another key, base64.</summary>
    public const string OtherKeyBase64 = "ESIzRFVmd4iZqrvM3e7/ABEiM0RVZneImaq7zN3u/wA=";

    public static byte[] Key => Convert.FromBase64String(KeyBase64);

    public static AegisGateOptions Options(TempDirectory data, Action<AuditOptions>? configure = null)
    {
        var options = new AegisGateOptions { DataDirectory = data.Path };
        options.Audit.Key = KeyBase64;
        configure?.Invoke(options.Audit);
        return options;
    }

    public static JsonlAuditSink CreateSink(TempDirectory data, Action<AuditOptions>? configure = null, TimeProvider? time = null, ILogger<JsonlAuditSink>? logger = null, IEnvelopeEncryptor? encryptor = null)
    {
        var options = Microsoft.Extensions.Options.Options.Create(Options(data, configure));
        return new JsonlAuditSink(options, new AegisPaths(options), time ?? new FakeTimeProvider(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)), logger ?? NullLogger<JsonlAuditSink>.Instance, encryptor);
    }

    public static string AuditDirectory(TempDirectory data) => data.Combine("audit");

    public static string ActiveFile(TempDirectory data) => data.Combine("audit/aegisgate-audit.jsonl");

    public static AuditEvent Event(int n, IReadOnlyDictionary<string, string>? properties = null) => new()
    {
        Timestamp = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddMilliseconds(n),
        RequestId = "req-" + n.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Principal = "alice",
        Pillar = AegisPillars.Http,
        Operation = "POST /api/v1/scan",
        Decision = n % 3 == 0 ? "deny" : "allow",
        Code = n % 3 == 0 ? "HTTP_TEST_DENY" : null,
        Check = "test-check",
        LatencyMs = 0.25,
        Properties = properties,
    };

    public static async Task WriteEventsAsync(JsonlAuditSink sink, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            await sink.WriteAsync(Event(i), CancellationToken.None);
        }
    }

    /// <summary>Writes <paramref name="count"/> events with a fresh sink and disposes it.</summary>
    public static async Task WriteChainAsync(TempDirectory data, int count, Action<AuditOptions>? configure = null, int from = 1)
    {
        using var sink = CreateSink(data, configure);
        await WriteEventsAsync(sink, from, count);
    }

    public static AuditVerificationResult Verify(string path, AuditAnchor? head = null, string key = KeyBase64)
        => AuditVerifier.Verify(path, Convert.FromBase64String(key), head is null ? null : new AuditVerificationOptions { ExpectedHead = head });

    public static List<string> Lines(string file)
    {
        var text = File.ReadAllText(file, Encoding.UTF8);
        var lines = text.Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    public static void WriteLines(string file, IEnumerable<string> lines)
        => File.WriteAllText(file, string.Concat(lines.Select(l => l + "\n")), new UTF8Encoding(false));
}
