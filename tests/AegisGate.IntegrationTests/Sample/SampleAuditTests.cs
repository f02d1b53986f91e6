using AegisGate.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace AegisGate.IntegrationTests.Sample;

/// <summary>The sample host's audit trail is live: a key file in the data directory, a working sink, a verifiable chain.</summary>
[NonParallelizable]
public sealed class SampleAuditTests
{
    [Test]
    public async Task SampleHost_AuditTrail_LivesInTheDataDirectoryAndVerifies()
    {
        var host = await SampleHostFixture.StartAsync();
        try
        {
            var auditDirectory = Path.Combine(host.DataDirectory, "audit");
            var keyFile = Path.Combine(auditDirectory, "audit.key");
            Assert.That(File.Exists(keyFile), Is.True, "the key file is created at start-up");
            if (!OperatingSystem.IsWindows())
            {
                Assert.That(File.GetUnixFileMode(keyFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            }

            var decision = await host.App.Services.GetRequiredService<AuditTrail>().RecordAsync(new AuditEvent
            {
                Timestamp = DateTimeOffset.UnixEpoch,
                RequestId = "integration-1",
                Pillar = AegisPillars.Http,
                Operation = "GET /healthz",
                Decision = "allow",
            });
            var verified = AuditVerifier.Verify(auditDirectory, AuditKeys.ReadKeyFile(keyFile));

            Assert.That(decision.IsAllowed, Is.True);
            Assert.That(verified.IsValid, Is.True, () => verified.Failure!.ToString());
            Assert.That(verified.RecordCount, Is.GreaterThanOrEqualTo(1));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
