using AegisGate.Secrets;
using AegisGate.TestUtilities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace AegisGate.Core.Tests.Secrets;

public sealed class SecretProviderTests
{
    [Test]
    public async Task Environment_SetVariable_IsRead()
    {
        var name = "AEGIS_TEST_SECRET_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, "from-env");
        try
        {
            Assert.That((await new EnvironmentSecretProvider().GetSecretAsync(name, CancellationToken.None)).Value, Is.EqualTo("from-env"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [TestCase("AEGIS_TEST_SURELY_UNSET_0F3A")]
    [TestCase("bad name")]
    [TestCase("")]
    public void Environment_UnsetOrInvalid_IsUnavailable(string name)
        => Assert.ThrowsAsync<SecretUnavailableException>(async () => await new EnvironmentSecretProvider().GetSecretAsync(name, CancellationToken.None));

    [Test]
    public async Task Configuration_KeyIsRead_EmptyIsUnavailable()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["A:B"] = "v", ["A:Empty"] = "" }).Build();
        var provider = new ConfigurationSecretProvider(config);

        Assert.That((await provider.GetSecretAsync("A:B", CancellationToken.None)).Value, Is.EqualTo("v"));
        Assert.ThrowsAsync<SecretUnavailableException>(async () => await provider.GetSecretAsync("A:Empty", CancellationToken.None));
        Assert.ThrowsAsync<SecretUnavailableException>(async () => await provider.GetSecretAsync("A:Missing", CancellationToken.None));
    }

    [Test]
    public async Task File_ReadsMountedSecretWithoutTrailingNewline()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.Combine("aegis-kek"), "c2VjcmV0\n");
        Directory.CreateDirectory(dir.Combine("sub"));
        await File.WriteAllTextAsync(dir.Combine("sub/token"), "tok\r\n");
        var provider = new FileSecretProvider(dir.Path);

        Assert.That((await provider.GetSecretAsync("aegis-kek", CancellationToken.None)).Value, Is.EqualTo("c2VjcmV0"));
        Assert.That((await provider.GetSecretAsync("sub/token", CancellationToken.None)).Value, Is.EqualTo("tok"));
    }

    [TestCase("../outside")]
    [TestCase("sub/../../outside")]
    [TestCase("/etc/passwd")]
    [TestCase("..")]
    [TestCase("missing")]
    [TestCase("empty")]
    [TestCase("big")]
    public async Task File_EscapesMissingEmptyOrTooLarge_IsUnavailable(string name)
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.Combine("empty"), "\n");
        await File.WriteAllTextAsync(dir.Combine("big"), new string('x', FileSecretProvider.MaxFileBytes + 1));
        await File.WriteAllTextAsync(Path.Combine(Path.GetDirectoryName(dir.Path)!, "outside"), "no");
        var provider = new FileSecretProvider(dir.Path);

        Assert.ThrowsAsync<SecretUnavailableException>(async () => await provider.GetSecretAsync(name, CancellationToken.None));
    }

    [Test]
    public void Resolver_UnknownSchemeOrMalformed_IsUnavailable()
    {
        var resolver = new SecretResolver([new EnvironmentSecretProvider()]);

        Assert.ThrowsAsync<SecretUnavailableException>(async () => await resolver.GetSecretAsync("nosuch:x"));
        Assert.ThrowsAsync<SecretUnavailableException>(async () => await resolver.GetSecretAsync("no-colon"));
        Assert.ThrowsAsync<SecretUnavailableException>(async () => await resolver.GetSecretAsync(":x"));
        Assert.That(resolver.CanResolve("env:X"), Is.True);
        Assert.That(resolver.CanResolve("vault:x#y"), Is.False);
    }

    [Test]
    public void Resolver_ProviderThrows_IsUnavailable()
    {
        var provider = new Mock<ISecretProvider>(MockBehavior.Strict);
        provider.SetupGet(p => p.Scheme).Returns("boom");
        provider.Setup(p => p.GetSecretAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("broken"));
        var resolver = new SecretResolver([provider.Object]);

        var ex = Assert.ThrowsAsync<SecretUnavailableException>(async () => await resolver.GetSecretAsync("boom:x"));

        Assert.That(ex!.InnerException, Is.InstanceOf<InvalidOperationException>());
    }

    [Test]
    public void Resolver_ProviderReturnsNull_IsUnavailable()
    {
        var provider = new Mock<ISecretProvider>();
        provider.SetupGet(p => p.Scheme).Returns("nul");
        provider.Setup(p => p.GetSecretAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(new ValueTask<SecretValue>((SecretValue)null!));

        Assert.ThrowsAsync<SecretUnavailableException>(async () => await new SecretResolver([provider.Object]).GetSecretAsync("nul:x"));
    }

    [Test]
    public void Resolver_DuplicateScheme_Throws()
        => Assert.Throws<ArgumentException>(() => _ = new SecretResolver([new EnvironmentSecretProvider(), new EnvironmentSecretProvider()]));

    [Test]
    public void SecretValue_NeverEmptyAndNeverPrinted()
    {
        Assert.Throws<ArgumentException>(() => _ = new SecretValue(""));
        Assert.That(new SecretValue("hunter2").ToString(), Is.EqualTo("***"));
        Assert.That($"{new SecretValue("hunter2")}", Does.Not.Contain("hunter2"));
    }

    [Test]
    public async Task AddAegisSecrets_RegistersBuiltInSchemes()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["K"] = "v" }).Build());
        services.AddAegisGate().AddAegisSecrets().AddAegisSecrets();
        await using var sp = services.BuildServiceProvider();

        var resolver = sp.GetRequiredService<SecretResolver>();

        Assert.That(resolver.Schemes, Is.EquivalentTo(new[] { "env", "config", "file", "vault" }));
        Assert.That((await resolver.GetSecretAsync("config:K")).Value, Is.EqualTo("v"));
    }
}
