using AegisGate.Licensing;
using AegisGate.Pipeline;
using AegisGate.TestUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace AegisGate.Core.Tests.Licensing;

public sealed class LicenseGateTests
{
    private static LicenseGate Gate(LicenseState state) => new(Mock.Of<ILicenseProvider>(p => p.Current == state));

    private static LicenseState Valid(LicenseTier tier, string[]? features = null, Dictionary<string, long>? limits = null) => new()
    {
        Status = LicenseStatus.Valid,
        Tier = tier,
        Features = new HashSet<string>(features ?? [], StringComparer.Ordinal),
        Limits = limits ?? new Dictionary<string, long>(StringComparer.Ordinal),
    };

    private static readonly LicenseState InvalidState = new() { Status = LicenseStatus.Invalid, Tier = LicenseTier.Community, InvalidReason = "The licence has expired." };

    [Test]
    public void RequireFeature_Listed_Allows()
        => Assert.That(Gate(Valid(LicenseTier.Professional, ["a2a"])).RequireFeature("a2a").IsAllowed, Is.True);

    [Test]
    public void RequireFeature_NotListed_DeniesFeatureMissing()
    {
        var decision = Gate(Valid(LicenseTier.Professional, ["a2a"])).RequireFeature("fleet");

        Assert.That(decision.Code, Is.EqualTo(AegisErrorCodes.LicenseFeatureMissing));
        Assert.That(decision.StatusCode, Is.EqualTo(403));
    }

    [Test]
    public void RequireFeature_IncludedByTier_Allows()
        => Assert.That(Gate(Valid(LicenseTier.Enterprise)).RequireFeature("fleet", LicenseTier.Enterprise).IsAllowed, Is.True);

    [Test]
    public void RequireFeature_TierTooLowForInclusion_Denies()
        => Assert.That(Gate(Valid(LicenseTier.Professional)).RequireFeature("fleet", LicenseTier.Enterprise).Code, Is.EqualTo(AegisErrorCodes.LicenseFeatureMissing));

    [Test]
    public void RequireFeature_CommunityWithoutLicence_IncludedFromCommunity_Allows()
        => Assert.That(Gate(LicenseState.NoLicense).RequireFeature("basic", LicenseTier.Community).IsAllowed, Is.True);

    [Test]
    public void EveryGate_InvalidLicence_DeniesLicenseInvalid()
    {
        var gate = Gate(InvalidState);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(gate.RequireFeature("a2a").Code, Is.EqualTo(AegisErrorCodes.LicenseInvalid));
            Assert.That(gate.RequireFeature("basic", LicenseTier.Community).Code, Is.EqualTo(AegisErrorCodes.LicenseInvalid), "no silent downgrade to community");
            Assert.That(gate.RequireTier(LicenseTier.Community).Code, Is.EqualTo(AegisErrorCodes.LicenseInvalid));
            Assert.That(gate.CheckLimit("max_agents", 1).Code, Is.EqualTo(AegisErrorCodes.LicenseInvalid));
            Assert.That(gate.RequireFeature("a2a").StatusCode, Is.EqualTo(403));
            Assert.That(gate.RequireFeature("a2a").Reason, Does.Contain("expired"));
        }
    }

    [TestCase(LicenseTier.Community, LicenseTier.Community, true)]
    [TestCase(LicenseTier.Professional, LicenseTier.Community, true)]
    [TestCase(LicenseTier.Professional, LicenseTier.Professional, true)]
    [TestCase(LicenseTier.Professional, LicenseTier.Enterprise, false)]
    [TestCase(LicenseTier.Enterprise, LicenseTier.Enterprise, true)]
    public void RequireTier_ComparesTiers(LicenseTier licensed, LicenseTier minimum, bool allowed)
    {
        var decision = Gate(Valid(licensed)).RequireTier(minimum);

        Assert.That(decision.IsAllowed, Is.EqualTo(allowed));
        if (!allowed)
        {
            Assert.That(decision.Code, Is.EqualTo(AegisErrorCodes.LicenseFeatureMissing));
        }
    }

    [Test]
    public void RequireTier_NoLicence_IsCommunity()
    {
        Assert.That(Gate(LicenseState.NoLicense).RequireTier(LicenseTier.Community).IsAllowed, Is.True);
        Assert.That(Gate(LicenseState.NoLicense).RequireTier(LicenseTier.Professional).Code, Is.EqualTo(AegisErrorCodes.LicenseFeatureMissing));
    }

    [TestCase(10, true)]
    [TestCase(25, true)]
    [TestCase(26, false)]
    public void CheckLimit_LicensedLimit_IsEnforced(long requested, bool allowed)
    {
        var decision = Gate(Valid(LicenseTier.Professional, limits: new() { ["max_agents"] = 25 })).CheckLimit("max_agents", requested);

        Assert.That(decision.IsAllowed, Is.EqualTo(allowed));
        if (!allowed)
        {
            Assert.That(decision.Code, Is.EqualTo(AegisErrorCodes.LicenseLimitExceeded));
        }
    }

    [Test]
    public void CheckLimit_NoLicensedLimit_UsesDefaultOrUnlimited()
    {
        var gate = Gate(LicenseState.NoLicense);

        Assert.That(gate.CheckLimit("max_agents", 6, defaultLimit: 5).Code, Is.EqualTo(AegisErrorCodes.LicenseLimitExceeded));
        Assert.That(gate.CheckLimit("max_agents", 5, defaultLimit: 5).IsAllowed, Is.True);
        Assert.That(gate.CheckLimit("max_agents", long.MaxValue).IsAllowed, Is.True);
    }

    [Test]
    public void Gate_ProviderThrows_DeniesLicenseInvalid()
    {
        var provider = new Mock<ILicenseProvider>(MockBehavior.Strict);
        provider.SetupGet(p => p.Current).Throws(new InvalidOperationException("boom"));
        var gate = new LicenseGate(provider.Object);

        Assert.That(gate.RequireFeature("a2a", LicenseTier.Community).Code, Is.EqualTo(AegisErrorCodes.LicenseInvalid));
        Assert.That(gate.Current.Status, Is.EqualTo(LicenseStatus.Invalid));
    }

    [Test]
    public void Gate_ProviderReturnsNull_DeniesLicenseInvalid()
    {
        var provider = new Mock<ILicenseProvider>();
        provider.SetupGet(p => p.Current).Returns((LicenseState)null!);

        Assert.That(new LicenseGate(provider.Object).RequireTier(LicenseTier.Community).Code, Is.EqualTo(AegisErrorCodes.LicenseInvalid));
    }

    [Test]
    public async Task RequireLicense_InPipeline_DeniesWithoutTheTierAndAllowsWithIt()
    {
        using var issuer = new TestLicenseIssuer();
        var key = issuer.Issue(TestLicenseIssuer.Payload(DateTimeOffset.UtcNow.AddMinutes(-1), LicenseTier.Professional, features: ["a2a"]));

        async Task<SecurityDecision> Evaluate(Dictionary<string, string?> settings)
        {
            var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
            var services = new ServiceCollection();
            services.AddAegisGate(config.GetSection("AegisGate")).RequireLicense("p", feature: "a2a", minimumTier: LicenseTier.Professional);
            await using var sp = services.BuildServiceProvider();
            return await sp.GetRequiredService<SecurityPipelineProvider>().GetPipeline("p").EvaluateAsync(new SecurityContext("test", "op"), CancellationToken.None);
        }

        var none = await Evaluate([]);
        var valid = await Evaluate(new() { ["AegisGate:License:Key"] = key, ["AegisGate:License:PublicKey"] = issuer.PublicKeyPem });
        var forged = await Evaluate(new() { ["AegisGate:License:Key"] = key[..^4] + "AAAA", ["AegisGate:License:PublicKey"] = issuer.PublicKeyPem });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(none.Code, Is.EqualTo(AegisErrorCodes.LicenseFeatureMissing));
            Assert.That(valid.IsAllowed, Is.True);
            Assert.That(forged.Code, Is.EqualTo(AegisErrorCodes.LicenseInvalid));
        }
    }
}
