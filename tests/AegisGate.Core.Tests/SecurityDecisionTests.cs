namespace AegisGate.Core.Tests;

public sealed class SecurityDecisionTests
{
    [Test]
    public void Default_IsADenialWithDecisionUnset()
    {
        var decision = default(SecurityDecision);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(decision.IsAllowed, Is.False);
            Assert.That(decision.Code, Is.EqualTo(AegisErrorCodes.DecisionUnset));
            Assert.That(decision.StatusCode, Is.EqualTo(403));
            Assert.That(decision.Reason, Is.Not.Empty);
        }
    }

    [Test]
    public void Allow_IsAllowedWithoutCode()
    {
        var decision = SecurityDecision.Allow();

        Assert.That(decision.IsAllowed, Is.True);
        Assert.That(decision.Code, Is.Null);
        Assert.That(decision.StatusCode, Is.EqualTo(200));
    }

    [Test]
    public void Deny_KeepsCodeReasonAndStatus()
    {
        var decision = SecurityDecision.Deny("X_CODE", "no", 429);

        Assert.That(decision.Code, Is.EqualTo("X_CODE"));
        Assert.That(decision.Reason, Is.EqualTo("no"));
        Assert.That(decision.StatusCode, Is.EqualTo(429));
    }

    [TestCase(200)]
    [TestCase(399)]
    [TestCase(600)]
    public void Deny_NonErrorStatus_Throws(int status)
        => Assert.That(() => SecurityDecision.Deny("X", "y", status), Throws.InstanceOf<ArgumentOutOfRangeException>());

    [TestCase("")]
    [TestCase(" ")]
    public void Deny_EmptyCode_Throws(string code)
        => Assert.That(() => SecurityDecision.Deny(code, "reason"), Throws.ArgumentException);

    [Test]
    public void DenyRetryAfter_CarriesRetryAfter()
    {
        var decision = SecurityDecision.DenyRetryAfter("RATE", "slow down", TimeSpan.FromSeconds(3));

        Assert.That(decision.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(3)));
        Assert.That(decision.StatusCode, Is.EqualTo(429));
    }

    [Test]
    public void EnsureAllowed_Denial_Throws()
    {
        var decision = SecurityDecision.Deny("X_CODE", "no");

        var ex = Assert.Throws<AegisDeniedException>(() => decision.EnsureAllowed());
        Assert.That(ex!.Decision.Code, Is.EqualTo("X_CODE"));
    }

    [Test]
    public void EnsureAllowed_Allow_DoesNotThrow()
        => Assert.That(() => SecurityDecision.Allow().EnsureAllowed(), Throws.Nothing);

    [Test]
    public void WithCheck_OnAllow_StaysAllow()
        => Assert.That(SecurityDecision.Allow().WithCheck("x").IsAllowed, Is.True);
}
