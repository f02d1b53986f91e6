using System.Buffers;
using System.Text;
using System.Text.Json;
using AegisGate.Errors;

namespace AegisGate.Core.Tests.Errors;

public sealed class AegisProblemDetailsTests
{
    private static JsonElement Write(SecurityDecision decision, IEnumerable<KeyValuePair<string, object?>>? extensions = null)
    {
        var buffer = new ArrayBufferWriter<byte>();
        AegisProblemDetails.Write(buffer, decision, "req-1", extensions);
        return JsonDocument.Parse(buffer.WrittenMemory).RootElement.Clone();
    }

    [Test]
    public void Write_Denial_HasRfc9457FieldsAndCode()
    {
        var json = Write(SecurityDecision.Deny("AEGIS_CHECK_NULL", "A security check is missing."));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(json.GetProperty("type").GetString(), Is.EqualTo("https://aegisgate.dev/errors/aegis_check_null"));
            Assert.That(json.GetProperty("title").GetString(), Is.EqualTo("Forbidden"));
            Assert.That(json.GetProperty("status").GetInt32(), Is.EqualTo(403));
            Assert.That(json.GetProperty("detail").GetString(), Is.EqualTo("A security check is missing."));
            Assert.That(json.GetProperty("code").GetString(), Is.EqualTo("AEGIS_CHECK_NULL"));
            Assert.That(json.GetProperty("requestId").GetString(), Is.EqualTo("req-1"));
        }
    }

    [Test]
    public void Write_Allow_IsWrittenAsInternalErrorNeverSuccess()
    {
        var json = Write(SecurityDecision.Allow());

        Assert.That(json.GetProperty("status").GetInt32(), Is.EqualTo(500));
        Assert.That(json.GetProperty("code").GetString(), Is.EqualTo(AegisErrorCodes.InternalError));
    }

    [Test]
    public void Write_Extensions_OnlySafeShapesAndNoOverrides()
    {
        var json = Write(SecurityDecision.Deny("X", "y"), [
            new("ruleIds", new[] { "secret.github_pat" }),
            new("limit", 10),
            new("code", "FORGED"),
            new("payload", new { body = "secret" }),
        ]);

        Assert.That(json.GetProperty("ruleIds")[0].GetString(), Is.EqualTo("secret.github_pat"));
        Assert.That(json.GetProperty("limit").GetInt32(), Is.EqualTo(10));
        Assert.That(json.GetProperty("code").GetString(), Is.EqualTo("X"));
        Assert.That(json.TryGetProperty("payload", out _), Is.False);
    }

    [Test]
    public void Write_RetryAfter_IsRoundedUpSeconds()
    {
        var json = Write(SecurityDecision.DenyRetryAfter("RATE", "slow", TimeSpan.FromMilliseconds(1500)));

        Assert.That(json.GetProperty("retryAfterSeconds").GetInt64(), Is.EqualTo(2));
        Assert.That(Encoding.UTF8.GetString(JsonSerializer.SerializeToUtf8Bytes(json)), Does.Contain("Too Many Requests"));
    }
}
