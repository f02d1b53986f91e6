using System.Text;
using AegisGate.A2A.Integrity;

namespace AegisGate.A2A.Tests.Integrity;

public sealed class A2ASignatureV1Tests
{
    /// <summary>The test vector of docs/a2a.md, computed independently (Python hmac/hashlib).</summary>
    public const string VectorSignature = "v1=9SSQVIhDG0qcev789OlI8TlRPP52WPWg2y3Cl600pC4=";

    [Test]
    public void ComputeHeaderValue_DocumentedVector_MatchesIndependentImplementation()
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var canonical = A2ASignatureV1.Canonicalize("post", "/a2a", "demo-agent", "send_message", "1767225600", "nonce-0123456789abcdef", "k1", Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\"}"));

        Assert.That(canonical, Is.EqualTo("AEGISGATE-A2A-HMAC-SHA256-V1\nPOST\n/a2a\ndemo-agent\nsend_message\n1767225600\nnonce-0123456789abcdef\nk1\nd145a66852a8a83a916360019b43919553f4ecb4aae83d56d227191ec15f60c1"));
        Assert.That(A2ASignatureV1.ComputeHeaderValue(key, canonical), Is.EqualTo(VectorSignature));
    }

    [TestCase("v1=9SSQVIhDG0qcev789OlI8TlRPP52WPWg2y3Cl600pC4=", true, false)]
    [TestCase(" v1=9SSQVIhDG0qcev789OlI8TlRPP52WPWg2y3Cl600pC4= ", true, false)]
    [TestCase("v1=AAAA", false, false)]
    [TestCase("v1=!!!!VIhDG0qcev789OlI8TlRPP52WPWg2y3Cl600pC4=", false, false)]
    [TestCase("v2=9SSQVIhDG0qcev789OlI8TlRPP52WPWg2y3Cl600pC4=", false, true)]
    [TestCase("9SSQVIhDG0qcev789OlI8TlRPP52WPWg2y3Cl600pC4", false, false)]
    [TestCase("", false, false)]
    public void TryParseHeader_Values_ParseOrReject(string value, bool ok, bool unsupported)
    {
        var mac = new byte[32];

        var parsed = A2ASignatureV1.TryParseHeader(value, mac, out var unsupportedVersion);

        Assert.That(parsed, Is.EqualTo(ok));
        Assert.That(unsupportedVersion, Is.EqualTo(unsupported));
    }

    [TestCase("1767225600", true)]
    [TestCase("-1", false)]
    [TestCase("+5", false)]
    [TestCase("1e9", false)]
    [TestCase("1234567890123", false)]
    [TestCase("", false)]
    public void TryParseTimestamp_Values(string value, bool ok) => Assert.That(A2ASignatureV1.TryParseTimestamp(value, out _), Is.EqualTo(ok));

    [Test]
    public void NewNonce_IsValidAndUnique()
    {
        var a = A2ASignatureV1.NewNonce();
        var b = A2ASignatureV1.NewNonce();

        Assert.That(A2ASignatureV1.IsValidNonce(a), Is.True);
        Assert.That(a, Is.Not.EqualTo(b));
    }
}
