using System.Security.Cryptography;
using AegisGate.Licensing;

namespace AegisGate.Core.Tests.Licensing;

public sealed class LicenseSigningKeysTests
{
    [Test]
    public void DefaultPublicKey_IsAP256PublicKey()
    {
        Assert.That(LicenseSigningKeys.ParsePublicKeys(LicenseSigningKeys.DefaultPublicKeyPem), Has.Count.EqualTo(1));
        Assert.That(LicenseSigningKeys.DefaultPublicKeyPem, Does.Not.Contain("PRIVATE"));
    }

    [Test]
    public void ParsePublicKeys_SeveralPemBlocks_ReturnsEach()
    {
        var (_, first) = LicenseSigningKeys.GenerateKeyPair();
        var (_, second) = LicenseSigningKeys.GenerateKeyPair();

        Assert.That(LicenseSigningKeys.ParsePublicKeys(first + "\n" + second), Has.Count.EqualTo(2));
    }

    [Test]
    public void ParsePublicKeys_Base64Der_Parses()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var keys = LicenseSigningKeys.ParsePublicKeys(Convert.ToBase64String(key.ExportSubjectPublicKeyInfo()));

        Assert.That(keys[0], Is.EqualTo(key.ExportSubjectPublicKeyInfo()));
    }

    [Test]
    public void ParsePublicKeys_P384Key_IsRejected()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);

        Assert.Throws<FormatException>(() => LicenseSigningKeys.ParsePublicKeys(key.ExportSubjectPublicKeyInfoPem()));
    }

    [Test]
    public void ParsePublicKeys_RsaKey_IsRejected()
    {
        using var key = RSA.Create(2048);

        Assert.Throws<FormatException>(() => LicenseSigningKeys.ParsePublicKeys(key.ExportSubjectPublicKeyInfoPem()));
    }

    [TestCase("")]
    [TestCase("not a key")]
    [TestCase("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")]
    public void ParsePublicKeys_Garbage_IsRejected(string text)
    {
        Assert.Throws<FormatException>(() => LicenseSigningKeys.ParsePublicKeys(text));
    }

    [Test]
    public void GenerateKeyPair_PrivateKeyRoundTripsAndSignsForPublicKey()
    {
        var (privatePem, publicPem) = LicenseSigningKeys.GenerateKeyPair();
        using var key = LicenseSigningKeys.ImportPrivateKey(privatePem);
        var payload = TestUtilities.TestLicenseIssuer.Payload(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var validator = new LicenseValidator(LicenseSigningKeys.ParsePublicKeys(publicPem), timeProvider: new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero)));

        Assert.That(validator.Validate(LicenseToken.Issue(payload, key)).Status, Is.EqualTo(LicenseStatus.Valid));
    }

    [Test]
    public void ImportPrivateKey_PublicKeyOnly_IsRejected()
    {
        var (_, publicPem) = LicenseSigningKeys.GenerateKeyPair();

        Assert.Throws<FormatException>(() => LicenseSigningKeys.ImportPrivateKey(publicPem));
    }
}
