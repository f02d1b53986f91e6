using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using AegisGate.Licensing;
using AegisGate.TestUtilities;
using Microsoft.Extensions.Time.Testing;

namespace AegisGate.Core.Tests.Licensing;

public sealed class LicenseValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private TestLicenseIssuer _issuer = null!;
    private FakeTimeProvider _time = null!;
    private LicenseValidator _validator = null!;

    [SetUp]
    public void SetUp()
    {
        _issuer = new TestLicenseIssuer();
        _time = new FakeTimeProvider(Now);
        _validator = new LicenseValidator([_issuer.PublicKeyDer], timeProvider: _time);
    }

    [TearDown]
    public void TearDown() => _issuer.Dispose();

    [TestCase(LicenseTier.Community)]
    [TestCase(LicenseTier.Professional)]
    [TestCase(LicenseTier.Enterprise)]
    public void Validate_ValidKeyPerTier_IsValidWithPayload(LicenseTier tier)
    {
        var key = _issuer.Issue(TestLicenseIssuer.Payload(Now, tier, features: ["a2a", "compliance.api"], limits: new() { ["max_agents"] = 25 }));

        var state = _validator.Validate(key);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(state.Status, Is.EqualTo(LicenseStatus.Valid));
            Assert.That(state.Tier, Is.EqualTo(tier));
            Assert.That(state.LicenseId, Is.EqualTo("lic-test-001"));
            Assert.That(state.Customer, Is.EqualTo("Contoso Ltd"));
            Assert.That(state.Product, Is.EqualTo("aegisgate"));
            Assert.That(state.Features, Is.EquivalentTo(new[] { "a2a", "compliance.api" }));
            Assert.That(state.Limits["max_agents"], Is.EqualTo(25));
            Assert.That(state.ExpiresAt, Is.EqualTo(Now.AddDays(365)));
            Assert.That(state.InvalidReason, Is.Null);
        }
    }

    [Test]
    public void Validate_Expired_IsInvalidWithoutFeatures()
    {
        var key = _issuer.Issue(TestLicenseIssuer.Payload(Now.AddDays(-30), features: ["a2a"], validFor: TimeSpan.FromDays(10)));

        var state = _validator.Validate(key);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(state.Status, Is.EqualTo(LicenseStatus.Invalid));
            Assert.That(state.InvalidReason, Does.Contain("expired"));
            Assert.That(state.Features, Is.Empty);
        }
    }

    [Test]
    public void Validate_ExpiresWhileCached_BecomesInvalid()
    {
        var key = _issuer.Issue(TestLicenseIssuer.Payload(Now, validFor: TimeSpan.FromHours(1)));
        Assert.That(_validator.Validate(key).Status, Is.EqualTo(LicenseStatus.Valid));

        _time.Advance(TimeSpan.FromHours(1));

        Assert.That(_validator.Validate(key).Status, Is.EqualTo(LicenseStatus.Invalid), "the cache must not keep an expired licence valid");
    }

    [Test]
    public void Validate_IssuedInTheFuture_IsNotValidYet()
    {
        var key = _issuer.Issue(TestLicenseIssuer.Payload(Now.AddDays(2)));

        var state = _validator.Validate(key);

        Assert.That(state.Status, Is.EqualTo(LicenseStatus.Invalid));
        Assert.That(state.InvalidReason, Does.Contain("not valid yet"));
    }

    [Test]
    public void Validate_TamperedPayload_IsInvalidSignature()
    {
        var key = _issuer.Issue(TestLicenseIssuer.Payload(Now, LicenseTier.Professional));
        var parts = key[LicenseToken.Prefix.Length..].Split('.');
        var json = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0])).Replace("professional", "enterprise", StringComparison.Ordinal);
        var forged = LicenseToken.Prefix + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json)) + "." + parts[1];

        var state = _validator.Validate(forged);

        Assert.That(state.Status, Is.EqualTo(LicenseStatus.Invalid));
        Assert.That(state.InvalidReason, Does.Contain("trusted issuer"));
        Assert.That(state.Tier, Is.EqualTo(LicenseTier.Community), "never the forged tier");
    }

    [Test]
    public void Validate_TamperedSignature_IsInvalid()
    {
        var key = _issuer.Issue(TestLicenseIssuer.Payload(Now));
        var signature = Base64Url.DecodeFromChars(key.AsSpan(key.LastIndexOf('.') + 1));
        signature[10] ^= 0x01;
        var forged = key[..(key.LastIndexOf('.') + 1)] + Base64Url.EncodeToString(signature);

        Assert.That(_validator.Validate(forged).Status, Is.EqualTo(LicenseStatus.Invalid));
    }

    [Test]
    public void Validate_SignedByAnotherKey_IsInvalid()
    {
        using var other = new TestLicenseIssuer();
        var key = other.Issue(TestLicenseIssuer.Payload(Now));

        var state = _validator.Validate(key);

        Assert.That(state.Status, Is.EqualTo(LicenseStatus.Invalid));
        Assert.That(state.InvalidReason, Does.Contain("trusted issuer"));
    }

    [Test]
    public void Validate_AnyOfSeveralTrustedKeys_IsValid()
    {
        using var second = new TestLicenseIssuer();
        var validator = new LicenseValidator([_issuer.PublicKeyDer, second.PublicKeyDer], timeProvider: _time);

        Assert.That(validator.Validate(second.Issue(TestLicenseIssuer.Payload(Now))).Status, Is.EqualTo(LicenseStatus.Valid));
    }

    [Test]
    public void Validate_OtherProduct_IsInvalid()
    {
        var key = _issuer.Issue(TestLicenseIssuer.Payload(Now) with { Product = "otherproduct" });

        var state = _validator.Validate(key);

        Assert.That(state.Status, Is.EqualTo(LicenseStatus.Invalid));
        Assert.That(state.InvalidReason, Does.Contain("another product"));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("not-a-licence")]
    [TestCase("AGL1.")]
    [TestCase("AGL1.abc")]
    [TestCase("AGL1.abc.def.ghi")]
    [TestCase("AGL1.!!!.???")]
    [TestCase("AGL2.eyJ2IjoxfQ.AAAA")]
    public void Validate_Malformed_IsInvalid(string key)
    {
        var state = _validator.Validate(key);

        Assert.That(state.Status, Is.EqualTo(LicenseStatus.Invalid));
        Assert.That(state.InvalidReason, Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public void Validate_Null_IsInvalidNotNone()
    {
        Assert.That(_validator.Validate(null).Status, Is.EqualTo(LicenseStatus.Invalid));
    }

    [Test]
    public void Validate_Oversized_IsInvalid()
    {
        var state = _validator.Validate(LicenseToken.Prefix + new string('A', LicenseToken.MaxTokenLength));

        Assert.That(state.Status, Is.EqualTo(LicenseStatus.Invalid));
        Assert.That(_validator.CachedCount, Is.Zero, "oversized input is not cached");
    }

    [TestCase("{\"v\":1}")]
    [TestCase("[1,2,3]")]
    [TestCase("{\"customer\":\"C\",\"expires\":\"2027-01-01T00:00:00Z\",\"features\":[],\"id\":\"x\",\"issued\":\"2026-01-01T00:00:00Z\",\"limits\":{},\"product\":\"aegisgate\",\"tier\":\"platinum\",\"v\":1}")]
    [TestCase("{\"customer\":\"C\",\"expires\":\"2027-01-01T00:00:00Z\",\"features\":[],\"id\":\"x\",\"issued\":\"2026-01-01T00:00:00Z\",\"limits\":{},\"product\":\"aegisgate\",\"tier\":\"professional\",\"v\":2}")]
    [TestCase("{\"customer\":\"C\",\"expires\":\"2027-01-01T00:00:00Z\",\"features\":[],\"id\":\"x\",\"issued\":\"2026-01-01T00:00:00Z\",\"limits\":{\"max\":-1},\"product\":\"aegisgate\",\"tier\":\"professional\",\"v\":1}")]
    [TestCase("{\"v\":1,\"customer\":\"C\",\"expires\":\"2027-01-01T00:00:00Z\",\"features\":[],\"id\":\"x\",\"issued\":\"2026-01-01T00:00:00Z\",\"limits\":{},\"product\":\"aegisgate\",\"tier\":\"professional\"}")]
    [TestCase("{\"customer\":\"C\", \"expires\":\"2027-01-01T00:00:00Z\",\"features\":[],\"id\":\"x\",\"issued\":\"2026-01-01T00:00:00Z\",\"limits\":{},\"product\":\"aegisgate\",\"tier\":\"professional\",\"v\":1}")]
    public void Validate_TrustedSignatureOverNonCanonicalOrInvalidPayload_IsMalformed(string json)
    {
        var key = _issuer.SignRaw(Encoding.UTF8.GetBytes(json));

        var state = _validator.Validate(key);

        Assert.That(state.Status, Is.EqualTo(LicenseStatus.Invalid));
        Assert.That(state.InvalidReason, Does.Contain("malformed"));
    }

    [Test]
    public void Validate_CanonicalPayloadSignedRaw_IsValid()
    {
        // The positive control for the test above: the same path with canonical bytes validates.
        var key = _issuer.SignRaw(LicenseToken.Canonicalize(TestLicenseIssuer.Payload(Now)));

        Assert.That(_validator.Validate(key).Status, Is.EqualTo(LicenseStatus.Valid));
    }

    [Test]
    public void Validate_ManyDistinctKeys_CacheStaysBounded()
    {
        var validator = new LicenseValidator([_issuer.PublicKeyDer], timeProvider: _time, cacheCapacity: 8);

        for (var i = 0; i < 200; i++)
        {
            _ = validator.Validate("AGL1." + i + ".x");
        }

        Assert.That(validator.CachedCount, Is.EqualTo(8));
    }

    [Test]
    public void Validate_SameKeyTwice_UsesCachedVerdict()
    {
        var key = _issuer.Issue(TestLicenseIssuer.Payload(Now));

        var first = _validator.Validate(key);
        var second = _validator.Validate("  " + key + "\n");

        Assert.That(second, Is.EqualTo(first));
        Assert.That(_validator.CachedCount, Is.EqualTo(1));
    }

    [Test]
    public void Canonicalize_OrdersAndDeduplicatesFeaturesAndLimits()
    {
        var payload = TestLicenseIssuer.Payload(Now, features: ["b", "a", "b"], limits: new() { ["z_max"] = 1, ["a_max"] = 2 });

        var json = Encoding.UTF8.GetString(LicenseToken.Canonicalize(payload));

        Assert.That(json, Is.EqualTo("{\"customer\":\"Contoso Ltd\",\"expires\":\"2027-03-01T12:00:00Z\",\"features\":[\"a\",\"b\"],\"id\":\"lic-test-001\",\"issued\":\"2026-03-01T12:00:00Z\",\"limits\":{\"a_max\":2,\"z_max\":1},\"product\":\"aegisgate\",\"tier\":\"professional\",\"v\":1}"));
    }

    [Test]
    public void Issue_InvalidPayload_ThrowsWithEveryProblem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var payload = TestLicenseIssuer.Payload(Now) with { LicenseId = "bad id!", Customer = "", ExpiresAt = Now.AddDays(-1), Features = ["UPPER"] };

        var ex = Assert.Throws<ArgumentException>(() => LicenseToken.Issue(payload, key));

        Assert.That(ex!.Message, Does.Contain("LicenseId").And.Contain("Customer").And.Contain("ExpiresAt").And.Contain("Features"));
    }

    [Test]
    public void Issue_NonP256Key_Throws()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<ArgumentException>(() => LicenseToken.Issue(TestLicenseIssuer.Payload(Now), key));
    }
}
