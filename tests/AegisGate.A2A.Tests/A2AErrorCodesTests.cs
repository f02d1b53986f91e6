using System.Reflection;
using AegisGate.A2A;

namespace AegisGate.A2A.Tests;

public sealed class A2AErrorCodesTests
{
    [Test]
    public void Catalogue_HasTheFourteenStableCodes()
    {
        var codes = typeof(A2AErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();

        Assert.That(codes, Has.Length.EqualTo(14));
        Assert.That(codes, Is.Unique);
        Assert.That(codes, Is.EquivalentTo(new[]
        {
            "A2A_AUTH_FAILED", "A2A_AUTH_IDENTITY_MISMATCH", "A2A_INTEGRITY_MISSING", "A2A_INTEGRITY_MALFORMED",
            "A2A_INTEGRITY_INVALID", "A2A_INTEGRITY_REPLAY", "A2A_LICENSE_MISSING", "A2A_LICENSE_INVALID",
            "A2A_LICENSE_INSUFFICIENT_TIER", "A2A_RATE_LIMITED", "A2A_CAP_MISSING", "A2A_CAP_DENIED",
            "A2A_CAP_UNKNOWN_AGENT", "A2A_INTERNAL_ERROR",
        }));
    }
}
