using AegisGate.Authentication;
using Microsoft.Extensions.Time.Testing;

namespace AegisGate.Core.Tests.Authentication;

public sealed class ApiKeyStoreTests
{
    [Test]
    public void GenerateKey_IsPrefixedAndRandom()
    {
        var a = ApiKeyHasher.GenerateKey();
        var b = ApiKeyHasher.GenerateKey();

        Assert.That(a, Does.StartWith("aegis_").And.Length.EqualTo(49));
        Assert.That(a, Is.Not.EqualTo(b));
    }

    [Test]
    public void Hash_IsSha256Hex()
        => Assert.That(ApiKeyHasher.Hash("abc"), Is.EqualTo("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));

    [Test]
    public void Validate_Cases()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var good = ApiKeyHasher.GenerateKey();
        var old = ApiKeyHasher.GenerateKey();
        var store = new ApiKeyStore(
        [
            new ApiKeyEntry { Principal = "alice", Hash = ApiKeyHasher.Hash(good), Roles = ["admin"] },
            new ApiKeyEntry { Principal = "bob", Hash = ApiKeyHasher.Hash(old), ExpiresAt = time.GetUtcNow().AddMinutes(-1) },
        ], time);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(store.Validate(good, out var alice), Is.EqualTo(ApiKeyStatus.Valid));
            Assert.That(alice!.Principal, Is.EqualTo("alice"));
            Assert.That(store.Validate(old, out _), Is.EqualTo(ApiKeyStatus.Expired));
            Assert.That(store.Validate("", out _), Is.EqualTo(ApiKeyStatus.Missing));
            Assert.That(store.Validate("wrong", out var none), Is.EqualTo(ApiKeyStatus.Unknown));
            Assert.That(none, Is.Null);
            Assert.That(store.Validate(new string('x', 10_000), out _), Is.EqualTo(ApiKeyStatus.Unknown));
        }
    }

    [Test]
    public void Constructor_MalformedHash_Throws()
        => Assert.That(() => new ApiKeyStore([new ApiKeyEntry { Principal = "x", Hash = "md5:abc" }], TimeProvider.System), Throws.ArgumentException);
}
