using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AegisGate.Audit;
using AegisGate.Configuration;
using AegisGate.Crypto;
using AegisGate.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AegisGate.Cli.Commands;

/// <summary>
/// <c>aegisgate audit read &lt;file|directory&gt; [--config appsettings.json] [--kek ID=SECRET-REF]... [--secrets-dir DIR]
/// [--key-file PATH | --key-env VAR | --no-verify] [--json]</c>: verifies the chain (with the chain key), then prints
/// the records, decrypting encrypted ones with the key-encryption keys of <c>AegisGate:Encryption</c>. Exit 0 read,
/// 1 broken chain or <c>AEGIS_CRYPTO_INTEGRITY_FAILED</c> (wrong key, tampered ciphertext), 2 usage or I/O error.
/// </summary>
internal static class AuditReadCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var path = new Argument<string>("path") { Description = "An audit file, or the audit directory (its rotated files and the active file, in chain order)." };
        var config = new Option<FileInfo?>("--config", "-c") { Description = "The host's appsettings.json: its AegisGate:Encryption keys (and AegisGate:Secrets) decrypt, its AegisGate:Audit key verifies. AEGISGATE_* environment variables apply on top." };
        var kek = new Option<string[]>("--kek")
        {
            Description = "A local key-encryption key as ID=SECRET-REF, for example kek-2026=file:aegis-kek or kek-2025=env:OLD_KEK (repeatable; the same secret references as AegisGate:Encryption:Keys). Added to those of --config.",
            AllowMultipleArgumentsPerToken = false,
        };
        var secretsDir = new Option<string?>("--secrets-dir") { Description = "The directory of file: secret references (AegisGate:Secrets:FilesDirectory, by default /run/secrets)." };
        var keyFile = new Option<string>("--key-file") { Description = "File that holds the base64 chain key used to verify the trail first." };
        var keyEnv = new Option<string>("--key-env") { Description = $"Environment variable that holds the base64 chain key. Without --key-file or --key-env: AegisGate:Audit:Key / {AuditCommand.DefaultKeyVariable}, or the KeyFile of --config." };
        var noVerify = new Option<bool>("--no-verify") { Description = "Read without verifying the chain (no chain key needed). Encrypted records are still authenticated; plaintext ones are not." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per record (JSON Lines)." };
        var command = new Command("read", "Print the records of an audit trail, decrypting encrypted ones. Verifies the chain first. Exit 0 read, 1 broken chain or AEGIS_CRYPTO_INTEGRITY_FAILED, 2 usage or I/O error.")
        {
            path, config, kek, secretsDir, keyFile, keyEnv, noVerify, json,
        };
        command.SetAction((parse, cancellationToken) => ReadAsync(
            new Request(
                parse.GetValue(path)!,
                parse.GetValue(config),
                parse.GetValue(kek) ?? [],
                parse.GetValue(secretsDir),
                parse.GetValue(keyFile),
                parse.GetValue(keyEnv),
                parse.GetValue(noVerify),
                parse.GetValue(json)),
            stdout,
            stderr,
            cancellationToken));
        return command;
    }

    private static async Task<int> ReadAsync(Request request, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (request.KeyFile is not null && request.KeyEnv is not null)
        {
            stderr.WriteLine("Give the chain key with --key-file or --key-env, not both.");
            return CliApp.ExitUsage;
        }

        if (request.NoVerify && (request.KeyFile is not null || request.KeyEnv is not null))
        {
            stderr.WriteLine("--no-verify reads without the chain key; drop --key-file/--key-env, or drop --no-verify.");
            return CliApp.ExitUsage;
        }

        var keks = new List<(string Id, string Reference)>();
        foreach (var value in request.Keks)
        {
            var separator = value.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0 || separator == value.Length - 1 || !SecretResolver.TryParseReference(value[(separator + 1)..], out _, out _))
            {
                stderr.WriteLine($"--kek must be ID=SECRET-REF, for example kek-2026=file:aegis-kek or kek-2026=env:AEGIS_KEK (got '{value[..Math.Max(0, separator)]}=…').");
                return CliApp.ExitUsage;
            }

            keks.Add((value[..separator], value[(separator + 1)..]));
        }

        ServiceProvider services;
        try
        {
            services = ComplianceCommand.BuildServices(request.Config, configuration => Overrides(configuration, keks, request.SecretsDirectory));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or FormatException or UnauthorizedAccessException)
        {
            stderr.WriteLine("error: the configuration could not be read: " + ex.Message);
            return CliApp.ExitUsage;
        }
        catch (Exception ex) when (ex is OptionsValidationException or AggregateException or InvalidOperationException)
        {
            stderr.WriteLine("error: the configuration is invalid: " + ex.Message);
            return CliApp.ExitUsage;
        }

        await using (services.ConfigureAwait(false))
        {
            IEnvelopeEncryptor? encryptor;
            try
            {
                encryptor = services.GetService<IEnvelopeEncryptor>();
            }
            catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException)
            {
                stderr.WriteLine("error: the encryption configuration is invalid: " + ex.Message);
                return CliApp.ExitUsage;
            }

            if (!request.NoVerify)
            {
                var verified = Verify(request, services, stderr);
                if (verified != CliApp.ExitOk)
                {
                    return verified;
                }
            }

            return await PrintAsync(request, encryptor, stdout, stderr, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Dictionary<string, string?> Overrides(IConfiguration configuration, List<(string Id, string Reference)> keks, string? secretsDirectory)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (secretsDirectory is not null)
        {
            settings["AegisGate:Secrets:FilesDirectory"] = Path.GetFullPath(secretsDirectory);
        }

        if (keks.Count > 0)
        {
            settings["AegisGate:Encryption:Enabled"] = "true";
            foreach (var (id, reference) in keks)
            {
                settings[$"AegisGate:Encryption:Keys:{id}:Type"] = nameof(KeyEncryptionKeyType.Local);
                settings[$"AegisGate:Encryption:Keys:{id}:Secret"] = reference;
            }

            // Reading needs no active key, but the options require one: keep the configured one when it exists.
            var active = configuration["AegisGate:Encryption:ActiveKeyId"];
            if (string.IsNullOrEmpty(active) || (!configuration.GetSection("AegisGate:Encryption:Keys:" + active).Exists() && !keks.Exists(k => string.Equals(k.Id, active, StringComparison.Ordinal))))
            {
                settings["AegisGate:Encryption:ActiveKeyId"] = keks[0].Id;
            }
        }

        return settings;
    }

    private static int Verify(Request request, ServiceProvider services, TextWriter stderr)
    {
        byte[] key;
        try
        {
            if (!TryLoadChainKey(request, services, stderr, out key))
            {
                return CliApp.ExitUsage;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"Cannot read the audit key: {ex.Message}");
            return CliApp.ExitUsage;
        }

        AuditVerificationResult result;
        try
        {
            result = AuditVerifier.Verify(request.Path, key);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            stderr.WriteLine($"Cannot verify {request.Path}: {ex.Message}");
            return CliApp.ExitUsage;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }

        if (result.Failure is { } failure)
        {
            stderr.WriteLine($"audit trail BROKEN: {failure}");
            stderr.WriteLine($"  {result.RecordCount} record(s) verified before it. Nothing was printed; 'aegisgate audit verify' shows the details, --no-verify reads the trail anyway.");
            return CliApp.ExitFindings;
        }

        return CliApp.ExitOk;
    }

    private static bool TryLoadChainKey(Request request, ServiceProvider services, TextWriter stderr, out byte[] key)
    {
        if (request.KeyFile is not null || request.KeyEnv is not null)
        {
            return AuditCommand.TryLoadKey(request.KeyFile, request.KeyEnv, stderr, out key);
        }

        key = [];
        var audit = services.GetRequiredService<IOptions<AegisGateOptions>>().Value.Audit;
        if (!string.IsNullOrEmpty(audit.Key))
        {
            // AegisGate:Audit:Key of --config, or AEGISGATE_AUDIT_KEY.
            try
            {
                key = AuditKeys.FromBase64(audit.Key);
                return true;
            }
            catch (FormatException)
            {
                stderr.WriteLine($"AegisGate:Audit:Key is not base64 of at least {AuditKeys.MinimumKeyBytes} bytes.");
                return false;
            }
        }

        var configuration = services.GetRequiredService<IConfiguration>();
        if ((request.Config is not null || configuration["AegisGate:Audit:KeyFile"] is not null) && !string.IsNullOrWhiteSpace(audit.KeyFile))
        {
            var file = services.GetRequiredService<AegisPaths>().ResolveData(audit.KeyFile);
            if (File.Exists(file))
            {
                key = AuditKeys.ReadKeyFile(file);
                return true;
            }
        }

        stderr.WriteLine($"No audit chain key to verify the trail: pass --key-file PATH or --key-env VAR (or set {AuditCommand.DefaultKeyVariable}, or --config with the host's Audit key), or --no-verify to read without verifying.");
        return false;
    }

    private static async Task<int> PrintAsync(Request request, IEnvelopeEncryptor? encryptor, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        long records = 0;
        long encrypted = 0;
        var files = new HashSet<string>(StringComparer.Ordinal);
        string? currentFile = null;
        try
        {
            await foreach (var record in AuditReader.ReadAsync(request.Path, encryptor, cancellationToken).ConfigureAwait(false))
            {
                files.Add(record.File);
                if (request.Json)
                {
                    stdout.WriteLine(ToJson(record));
                }
                else
                {
                    if (!string.Equals(currentFile, record.File, StringComparison.Ordinal))
                    {
                        currentFile = record.File;
                        stdout.WriteLine($"== {record.File}");
                    }

                    stdout.WriteLine(ToText(record));
                }

                if (record.Kind != AuditRecordKind.Unreadable)
                {
                    records++;
                }

                if (record.Encrypted)
                {
                    encrypted++;
                }
            }
        }
        catch (AegisCryptoException ex)
        {
            stderr.WriteLine($"error: {ex.Code}: {ex.Message}");
            return CliApp.ExitFindings;
        }
        catch (SecretUnavailableException ex)
        {
            stderr.WriteLine($"error: {ex.Code}: {ex.Message}");
            return CliApp.ExitUsage;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            stderr.WriteLine($"Cannot read {request.Path}: {ex.Message}");
            return CliApp.ExitUsage;
        }

        if (!request.Json)
        {
            stdout.WriteLine($"{records} record(s) in {files.Count} file(s), {encrypted} decrypted; {(request.NoVerify ? "chain NOT verified (--no-verify)" : "chain verified")}.");
        }

        return CliApp.ExitOk;
    }

    private static string ToText(AuditRecord record)
    {
        var text = new StringBuilder();
        var ts = record.Timestamp?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) ?? "-";
        switch (record.Kind)
        {
            case AuditRecordKind.Event:
                var e = record.Event!;
                text.Append(CultureInfo.InvariantCulture, $"#{record.Sequence} {ts} event {Safe(e.Pillar)} {Safe(e.Operation)} {Safe(e.Decision)}");
                Append(text, "code", e.Code);
                Append(text, "check", e.Check);
                Append(text, "principal", e.Principal);
                Append(text, "request", e.RequestId);
                text.Append(CultureInfo.InvariantCulture, $" latency={e.LatencyMs}ms");
                if (e.Properties is { Count: > 0 } properties)
                {
                    foreach (var (name, value) in properties)
                    {
                        Append(text, name, value);
                    }
                }

                if (record.Encrypted)
                {
                    text.Append(CultureInfo.InvariantCulture, $" [encrypted, {record.KeyId}]");
                }

                break;
            case AuditRecordKind.Key:
                text.Append(CultureInfo.InvariantCulture, $"#{record.Sequence} {ts} key: the records that follow are encrypted under a data key wrapped by key-encryption key {Safe(record.KeyId)}");
                break;
            case AuditRecordKind.Recovery:
                text.Append(CultureInfo.InvariantCulture, $"#{record.Sequence} {ts} recovery {Safe(record.Reason)}");
                if (record.TornBytes > 0)
                {
                    text.Append(CultureInfo.InvariantCulture, $" covers {record.TornBytes} byte(s) before it");
                }

                if (record.LostTo > 0)
                {
                    text.Append(CultureInfo.InvariantCulture, $" records {record.LostFrom}–{record.LostTo} lost");
                }

                break;
            case AuditRecordKind.Unreadable:
                text.Append(CultureInfo.InvariantCulture, $"line {record.Line}: not a record (the torn bytes of an interrupted write, or damage; 'aegisgate audit verify' tells which)");
                break;
            default:
                text.Append(CultureInfo.InvariantCulture, $"#{record.Sequence} {ts} record of an unknown type");
                break;
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, string name, string? value)
    {
        if (value is not null)
        {
            text.Append(' ').Append(Safe(name)).Append('=').Append(Safe(value));
        }
    }

    /// <summary>Escapes control characters so that a record cannot break lines or send terminal escapes.</summary>
    private static string Safe(string? value)
    {
        if (value is null)
        {
            return "-";
        }

        if (!value.Any(char.IsControl))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static string ToJson(AuditRecord record)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (record.Sequence is { } sequence)
            {
                writer.WriteNumber("seq", sequence);
            }

            writer.WriteString("type", record.Kind switch
            {
                AuditRecordKind.Event => "event",
                AuditRecordKind.Recovery => "recovery",
                AuditRecordKind.Key => "key",
                AuditRecordKind.Unreadable => "unreadable",
                _ => "unknown",
            });
            if (record.Timestamp is { } ts)
            {
                writer.WriteString("ts", ts.UtcDateTime);
            }

            if (record.Event is { } e)
            {
                WriteOptional(writer, "requestId", e.RequestId);
                WriteOptional(writer, "principal", e.Principal);
                writer.WriteString("pillar", e.Pillar);
                writer.WriteString("operation", e.Operation);
                writer.WriteString("decision", e.Decision);
                WriteOptional(writer, "code", e.Code);
                WriteOptional(writer, "check", e.Check);
                writer.WriteNumber("latencyMs", e.LatencyMs);
                if (e.Properties is { Count: > 0 } properties)
                {
                    writer.WriteStartObject("props");
                    foreach (var (name, value) in properties)
                    {
                        writer.WriteString(name, value);
                    }

                    writer.WriteEndObject();
                }
            }

            WriteOptional(writer, "reason", record.Reason);
            if (record.TornBytes > 0)
            {
                writer.WriteNumber("tornBytes", record.TornBytes);
            }

            if (record.LostTo > 0)
            {
                writer.WriteNumber("lostFrom", record.LostFrom);
                writer.WriteNumber("lostTo", record.LostTo);
            }

            writer.WriteBoolean("encrypted", record.Encrypted);
            WriteOptional(writer, "kek", record.KeyId);
            writer.WriteString("file", record.File);
            writer.WriteNumber("line", record.Line);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private sealed record Request(string Path, FileInfo? Config, string[] Keks, string? SecretsDirectory, string? KeyFile, string? KeyEnv, bool NoVerify, bool Json);
}
