using AegisGate.A2A.Configuration;
using AegisGate.A2A.Tests.Support;
using AegisGate.Compliance;
using Microsoft.Extensions.DependencyInjection;

namespace AegisGate.A2A.Tests.Compliance;

/// <summary>The A2A pillar's compliance evidence follows its live configuration.</summary>
[CancelAfter(30_000)]
public sealed class A2AEvidenceProviderTests
{
    private static readonly string[] A2AIds =
    [
        ComplianceEvidenceIds.A2AMtls,
        ComplianceEvidenceIds.A2AMessageIntegrity,
        ComplianceEvidenceIds.A2ACapabilities,
        ComplianceEvidenceIds.A2ARateLimiting,
    ];

    private static void AddCompliance(IServiceCollection services) => services.AddAegisGate().AddAegisCompliance().AddComplianceFramework(new ComplianceFramework
    {
        Id = "a2a-pillar-test",
        Name = "A2A pillar evidence",
        Version = "1",
        Controls = [.. A2AIds.Select(id => new ComplianceControl { Id = id, Title = id, Evidence = [id] })],
    });

    private static async Task<(ComplianceReport Report, Dictionary<string, ComplianceEvidence> Evidence)> CollectAsync(A2ATestServer server)
    {
        var report = await server.App.Services.GetRequiredService<ComplianceEvaluator>().EvaluateAsync("a2a-pillar-test");
        return (report, report.Controls.SelectMany(c => c.Evidence).Where(e => e.Source == "a2a").ToDictionary(e => e.Id));
    }

    [Test]
    public async Task Collect_ConfiguredPillar_SatisfiesEveryA2AId()
    {
        await using var server = await A2ATestServer.StartAsync(AddCompliance);

        var (report, evidence) = await CollectAsync(server);

        Assert.That(report.Status, Is.EqualTo(ComplianceStatus.Pass), string.Join("\n", evidence.Values.Select(e => $"{e.Id}: {e.Detail}")));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(evidence[ComplianceEvidenceIds.A2AMtls].Detail, Does.Contain("1 configured agent CA(s) (Test Agent CA)").And.Contain("revocation not checked").And.Contain(A2ATestFiles.UriPrefix));
            Assert.That(evidence[ComplianceEvidenceIds.A2AMessageIntegrity].Detail, Does.Contain("1 shared key(s), 1 agent(s) with their own keys").And.Contain("capacity 1000"));
            Assert.That(evidence[ComplianceEvidenceIds.A2ACapabilities].Detail, Does.Contain("4 agent(s)"));
            Assert.That(evidence[ComplianceEvidenceIds.A2ARateLimiting].Detail, Does.Contain("burst 1000").And.Contain("1 per-agent override(s)"));
            Assert.That(string.Join("\n", evidence.Values.Select(e => e.Detail)), Does.Not.Contain(Convert.ToBase64String(server.Files.SharedKey)), "no key material in evidence");
        }
    }

    [Test]
    public async Task Collect_Disabled_SatisfiesNothing()
    {
        await using var server = await A2ATestServer.StartAsync(AddCompliance, options: static o => o.Enabled = false);

        var (report, evidence) = await CollectAsync(server);

        Assert.That(report.PassedCount, Is.Zero);
        Assert.That(evidence.Values, Has.All.Matches<ComplianceEvidence>(e => !e.Satisfied && e.Detail.Contains("disabled", StringComparison.Ordinal)));
    }

    [Test]
    public async Task Collect_AgentCaExpired_MtlsFails()
    {
        await using var server = await A2ATestServer.StartAsync(AddCompliance);
        server.Time.Advance(TimeSpan.FromDays(3 * 365));

        var (_, evidence) = await CollectAsync(server);

        Assert.That(evidence[ComplianceEvidenceIds.A2AMtls].Satisfied, Is.False);
        Assert.That(evidence[ComplianceEvidenceIds.A2AMtls].Detail, Does.Contain("expired"));
        Assert.That(evidence[ComplianceEvidenceIds.A2AMessageIntegrity].Satisfied, Is.True);
    }

    [Test]
    public async Task Collect_AfterReload_ReflectsTheLiveConfiguration()
    {
        await using var server = await A2ATestServer.StartAsync(AddCompliance);
        var runtime = server.App.Services.GetRequiredService<A2ARuntime>();
        File.WriteAllText(server.Files.ConfigPath, File.ReadAllText(server.Files.ConfigPath)
            .Replace("revocation_mode: no_check", "revocation_mode: offline", StringComparison.Ordinal)
            .Replace("nonce_cache_capacity: 1000", "nonce_cache_capacity: 5000", StringComparison.Ordinal));
        Assert.That(runtime.ReloadConfig(), Is.True);

        var (_, evidence) = await CollectAsync(server);

        Assert.That(evidence[ComplianceEvidenceIds.A2AMtls].Detail, Does.Contain("revocation checked (offline)"));
        Assert.That(evidence[ComplianceEvidenceIds.A2AMessageIntegrity].Detail, Does.Contain("capacity 5000"));
    }

    [Test]
    public async Task Collect_RejectedReload_SaysTheLastGoodConfigurationIsActive()
    {
        await using var server = await A2ATestServer.StartAsync(AddCompliance);
        File.WriteAllText(server.Files.ConfigPath, "identity:\n  source: nonsense\n");
        Assert.That(server.App.Services.GetRequiredService<A2ARuntime>().ReloadConfig(), Is.False);

        var (_, evidence) = await CollectAsync(server);

        Assert.That(evidence[ComplianceEvidenceIds.A2AMessageIntegrity].Satisfied, Is.True);
        Assert.That(evidence[ComplianceEvidenceIds.A2AMessageIntegrity].Detail, Does.Contain("last good configuration is active"));
    }
}
