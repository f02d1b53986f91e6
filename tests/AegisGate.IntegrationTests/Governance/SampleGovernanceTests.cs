using System.Net;
using System.Text.Json;
using AegisGate.Compliance;
using AegisGate.IntegrationTests.Sample;
using Microsoft.Extensions.DependencyInjection;

namespace AegisGate.IntegrationTests.Governance;

/// <summary>Governance on the real sample host: Kestrel, TLS 1.3, generated dev PKI.</summary>
[NonParallelizable]
[CancelAfter(120_000)]
public sealed class SampleGovernanceTests
{
    [Test]
    public async Task Healthz_InvalidLicence_IsReported()
    {
        await using var host = await SampleHostFixture.StartAsync("--AegisGate:License:Key", "AGL1.Zm9yZ2Vk.c2ln");
        using var client = host.CreateClient();

        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(json.GetProperty("license").GetString(), Is.EqualTo("invalid"));
        Assert.That(json.GetProperty("status").GetString(), Is.EqualTo("Degraded"));
    }

    [Test]
    public async Task Compliance_LiveTlsProbe_ConfirmsTls13Only()
    {
        await using var host = await SampleHostFixture.StartAsync();

        var report = await host.App.Services.GetRequiredService<ComplianceEvaluator>().EvaluateAsync("pci-dss");
        var tls = report.Controls.Single(c => c.Id == "4.2.1");

        Assert.That(tls.Status, Is.EqualTo(ComplianceStatus.Pass), string.Join("; ", tls.Evidence.Select(e => e.Detail)));
        Assert.That(tls.Evidence.Single(e => e.Source == "tls-probe").Detail, Does.Contain("refuse TLS 1.2"));
    }
}
