using AegisGate.A2A.Integrity;
using Microsoft.Extensions.Time.Testing;

namespace AegisGate.A2A.Tests.Integrity;

public sealed class NonceCacheTests
{
    private FakeTimeProvider _time = null!;
    private NonceCache _cache = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        _cache = new NonceCache(_time);
    }

    [TearDown]
    public void TearDown() => _cache.Dispose();

    [Test]
    public void TryAdd_SameNonceTwice_ReportsReplay()
    {
        var expires = _time.GetUtcNow().AddMinutes(5);

        Assert.That(_cache.TryAdd("a", "nonce-0000000000001", expires, 10), Is.EqualTo(NonceResult.Added));
        Assert.That(_cache.TryAdd("a", "nonce-0000000000001", expires, 10), Is.EqualTo(NonceResult.Replay));
    }

    [Test]
    public void TryAdd_SameNonceOtherAgent_IsIndependent()
    {
        var expires = _time.GetUtcNow().AddMinutes(5);
        _cache.TryAdd("a", "nonce-0000000000001", expires, 10);

        Assert.That(_cache.TryAdd("b", "nonce-0000000000001", expires, 10), Is.EqualTo(NonceResult.Added));
    }

    [Test]
    public void TryAdd_CacheFullOfLiveNonces_RefusesRatherThanForgets()
    {
        var expires = _time.GetUtcNow().AddMinutes(5);
        for (var i = 0; i < 16; i++)
        {
            _cache.TryAdd("a", $"nonce-{i:D16}", expires, 16);
        }

        Assert.That(_cache.TryAdd("a", "nonce-new-00000000", expires, 16), Is.EqualTo(NonceResult.Full));
        Assert.That(_cache.TryAdd("a", "nonce-0000000000000000", expires, 16), Is.EqualTo(NonceResult.Replay));
    }

    [Test]
    public void TryAdd_AfterExpiry_FreesSpace()
    {
        var expires = _time.GetUtcNow().AddMinutes(5);
        for (var i = 0; i < 16; i++)
        {
            _cache.TryAdd("a", $"nonce-{i:D16}", expires, 16);
        }

        _time.Advance(TimeSpan.FromMinutes(6));

        Assert.That(_cache.TryAdd("a", "nonce-new-00000000", _time.GetUtcNow().AddMinutes(5), 16), Is.EqualTo(NonceResult.Added));
        Assert.That(_cache.Count, Is.EqualTo(1));
    }

    [Test]
    public void TryAdd_Concurrent_ExactlyOneWins()
    {
        var expires = _time.GetUtcNow().AddMinutes(5);
        var results = new NonceResult[64];

        Parallel.For(0, results.Length, i => results[i] = _cache.TryAdd("a", "nonce-concurrent-0001", expires, 1000));

        Assert.That(results.Count(r => r == NonceResult.Added), Is.EqualTo(1));
    }
}
