using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using AegisGate.Audit;
using AegisGate.Crypto;
using AegisGate.Sample;
using AegisGate.TestUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace AegisGate.IntegrationTests.Sample;

/// <summary>
/// The sample host (real Kestrel, TLS 1.3) with <c>AegisGate:Audit:Encrypt</c>: requests are recorded encrypted, the
/// chain verifies with the chain key alone, the records read back with the host's key-encryption key; without
/// encryption at rest the host does not start.
/// </summary>
[NonParallelizable]
public sealed class SampleAuditEncryptionTests
{
    [Test]
    public async Task SampleHost_AuditEncrypt_RecordsRequestsEncryptedAndTheyReadBack()
    {
        using var secrets = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(secrets.Path, "audit-kek"), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var host = await SampleHostFixture.StartAsync(
            "--AegisGate:Audit:Encrypt", "true",
            "--AegisGate:Http:AuditAllowedRequests", "true",
            "--AegisGate:Secrets:FilesDirectory", secrets.Path,
            "--AegisGate:Encryption:Enabled", "true",
            "--AegisGate:Encryption:ActiveKeyId", "kek-it",
            "--AegisGate:Encryption:Keys:kek-it:Secret", "file:audit-kek");
        try
        {
            using var client = host.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/echo") { Content = JsonContent.Create(new { hello = "world" }) };
            request.Headers.Add("X-API-Key", host.ApiKey);
            using var response = await client.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));

            var auditDirectory = Path.Combine(host.DataDirectory, "audit");
            var verified = AuditVerifier.Verify(auditDirectory, AuditKeys.ReadKeyFile(Path.Combine(auditDirectory, "audit.key")));
            var records = new List<AuditRecord>();
            await foreach (var record in AuditReader.ReadAsync(auditDirectory, host.App.Services.GetRequiredService<IEnvelopeEncryptor>()))
            {
                records.Add(record);
            }

            var files = string.Concat(verified.Files.Select(File.ReadAllText));
            using (Assert.EnterMultipleScope())
            {
                Assert.That(verified.IsValid, Is.True, () => verified.Failure!.ToString());
                Assert.That(verified.EncryptedRecordCount, Is.GreaterThanOrEqualTo(1));
                Assert.That(verified.KeyEncryptionKeyIds, Is.EqualTo(new[] { "kek-it" }));
                Assert.That(records.Any(r => r.Event is { Pillar: AegisPillars.Http } e && e.Operation.Contains("/api/v1/echo", StringComparison.Ordinal) && r.Encrypted), Is.True, () => "the request's record decrypts; operations: " + string.Join(", ", records.Select(r => r.Event?.Operation)));
                Assert.That(files, Does.Not.Contain("/api/v1/echo"), "nothing of the record's content is in clear on disk");
                Assert.That(records.Where(r => r.Kind == AuditRecordKind.Event), Has.All.Matches<AuditRecord>(r => r.Encrypted));
            }
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Test]
    public async Task SampleHost_AuditEncryptWithoutEncryptionAtRest_DoesNotStart()
    {
        using var data = new TempDirectory();
        await using var app = SampleApp.Build(["--urls", "https://127.0.0.1:0", "--AegisGate:DataDirectory", data.Path, "--environment", "Testing", "--AegisGate:Audit:Encrypt", "true"]);

        var ex = Assert.ThrowsAsync<InvalidOperationException>(async () => await app.StartAsync());

        Assert.That(ex!.Message, Does.Contain("AegisGate:Audit:Encrypt"));
        Assert.That(Directory.Exists(Path.Combine(data.Path, "audit")) ? Directory.GetFiles(Path.Combine(data.Path, "audit"), "*.jsonl") : [], Is.Empty, "no plaintext record written");
    }
}
