using System.Buffers;
using System.CommandLine;
using System.Text;
using System.Text.Json;
using AegisGate.Audit;

namespace AegisGate.Cli.Commands;

/// <summary>
/// <c>aegisgate audit verify &lt;file|directory&gt; [--key-file PATH] [--key-env VAR] [--anchor SEQ:MAC] [--json]</c>:
/// verifies a tamper-evident audit trail, plaintext or encrypted (no decryption key needed). Exit 0 valid, 1 broken (the
/// first bad record is printed), 2 usage or I/O error. <c>aegisgate audit read</c> (<see cref="AuditReadCommand"/>) prints
/// the records.
/// </summary>
internal static class AuditCommand
{
    /// <summary>The environment variable read when neither <c>--key-file</c> nor <c>--key-env</c> is given.</summary>
    public const string DefaultKeyVariable = "AEGISGATE_AUDIT_KEY";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var path = new Argument<string>("path") { Description = "An audit file, or the audit directory (its rotated files and the active file are verified in chain order)." };
        var keyFile = new Option<string>("--key-file") { Description = "File that holds the base64 chain key (AegisGate:Audit:KeyFile, by default <data dir>/audit/audit.key)." };
        var keyEnv = new Option<string>("--key-env") { Description = $"Environment variable that holds the base64 chain key. Without --key-file or --key-env, {DefaultKeyVariable} is used." };
        var anchor = new Option<string>("--anchor") { Description = "An externally stored head SEQ:MAC (printed by an earlier verify): the chain must contain it, which detects records deleted from the end." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var verify = new Command("verify", "Verify an audit trail, plaintext or encrypted: every record's HMAC-SHA256, sequence numbers and chain links across rotated files (the chain key alone, no decryption key). Exit 0 valid, 1 broken, 2 usage or I/O error.")
        {
            path,
            keyFile,
            keyEnv,
            anchor,
            json,
        };
        verify.SetAction(parse => Verify(
            parse.GetValue(path)!,
            parse.GetValue(keyFile),
            parse.GetValue(keyEnv),
            parse.GetValue(anchor),
            parse.GetValue(json),
            stdout,
            stderr));

        return new Command("audit", "Work with the tamper-evident audit trail.") { verify, AuditReadCommand.Create(stdout, stderr) };
    }

    private static int Verify(string path, string? keyFile, string? keyEnv, string? anchorText, bool json, TextWriter stdout, TextWriter stderr)
    {
        if (keyFile is not null && keyEnv is not null)
        {
            stderr.WriteLine("Give the key with --key-file or --key-env, not both.");
            return CliApp.ExitUsage;
        }

        AuditAnchor? anchor = null;
        if (anchorText is not null)
        {
            if (!AuditAnchor.TryParse(anchorText, out var parsed))
            {
                stderr.WriteLine("--anchor must be SEQ:MAC (a sequence number and a base64 MAC, as printed by 'aegisgate audit verify').");
                return CliApp.ExitUsage;
            }

            anchor = parsed;
        }

        byte[] key;
        try
        {
            if (!TryLoadKey(keyFile, keyEnv, stderr, out key))
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
            result = AuditVerifier.Verify(path, key, new AuditVerificationOptions { ExpectedHead = anchor });
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            stderr.WriteLine($"Cannot verify {path}: {ex.Message}");
            return CliApp.ExitUsage;
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
        }

        if (json)
        {
            stdout.WriteLine(ToJson(result));
        }
        else
        {
            WriteText(result, anchor, stdout);
        }

        return result.IsValid ? CliApp.ExitOk : CliApp.ExitFindings;
    }

    internal static bool TryLoadKey(string? keyFile, string? keyEnv, TextWriter stderr, out byte[] key)
    {
        key = [];
        if (keyFile is not null)
        {
            key = AuditKeys.ReadKeyFile(keyFile);
            return true;
        }

        var variable = keyEnv ?? DefaultKeyVariable;
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            stderr.WriteLine(keyEnv is null
                ? $"No audit key: pass --key-file PATH or --key-env VAR (or set {DefaultKeyVariable})."
                : $"The environment variable {variable} is not set.");
            return false;
        }

        try
        {
            key = AuditKeys.FromBase64(value);
            return true;
        }
        catch (FormatException)
        {
            stderr.WriteLine($"The environment variable {variable} does not hold base64 of at least {AuditKeys.MinimumKeyBytes} bytes.");
            return false;
        }
    }

    private static void WriteText(AuditVerificationResult result, AuditAnchor? anchor, TextWriter stdout)
    {
        var range = result.Head is { } h ? $" (sequence {result.FirstSequence}–{h.Sequence})" : string.Empty;
        if (result.Failure is { } failure)
        {
            stdout.WriteLine($"audit trail BROKEN: {failure}");
            stdout.WriteLine($"  {result.RecordCount} record(s) verified before it{range}.");
        }
        else
        {
            stdout.WriteLine($"audit trail valid: {result.RecordCount} record(s) in {result.Files.Count} file(s){range}.");
            if (anchor is { } a)
            {
                stdout.WriteLine($"  contains the expected head {a.Sequence}.");
            }
        }

        if (result.Head is { } head)
        {
            stdout.WriteLine($"  head: {head}  (keep it outside the audit directory; pass it back with --anchor to detect records deleted from the end)");
        }

        if (result.EncryptedRecordCount > 0 || result.KeyEncryptionKeyIds.Count > 0)
        {
            stdout.WriteLine($"  encrypted: {result.EncryptedRecordCount} record(s), data keys wrapped by key-encryption key(s) {string.Join(", ", result.KeyEncryptionKeyIds)} (keep them to read the trail: 'aegisgate audit read').");
        }

        if (result.FirstSequence is > 1)
        {
            stdout.WriteLine($"  note: the chain starts at sequence {result.FirstSequence}; older files were rotated out or not given, so the first record's link is taken on trust.");
        }

        foreach (var recovery in result.Recoveries)
        {
            stdout.WriteLine($"  recovered: {recovery}");
        }
    }

    private static string ToJson(AuditVerificationResult result)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("valid", result.IsValid);
            writer.WriteNumber("records", result.RecordCount);
            writer.WriteStartArray("files");
            foreach (var file in result.Files)
            {
                writer.WriteStringValue(file);
            }

            writer.WriteEndArray();
            if (result.FirstSequence is { } first)
            {
                writer.WriteNumber("firstSequence", first);
            }
            else
            {
                writer.WriteNull("firstSequence");
            }

            writer.WriteBoolean("startsAtGenesis", result.StartsAtGenesis);
            if (result.Head is { } head)
            {
                writer.WriteString("head", head.ToString());
            }
            else
            {
                writer.WriteNull("head");
            }

            writer.WriteNumber("encryptedRecords", result.EncryptedRecordCount);
            writer.WriteStartArray("keyEncryptionKeys");
            foreach (var keyId in result.KeyEncryptionKeyIds)
            {
                writer.WriteStringValue(keyId);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("recoveries");
            foreach (var recovery in result.Recoveries)
            {
                writer.WriteStartObject();
                writer.WriteString("file", recovery.File);
                writer.WriteNumber("line", recovery.Line);
                writer.WriteNumber("sequence", recovery.Sequence);
                writer.WriteNumber("coveredBytes", recovery.CoveredBytes);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            if (result.Failure is { } failure)
            {
                writer.WriteStartObject("failure");
                writer.WriteString("kind", failure.Kind.ToString());
                writer.WriteString("file", failure.File);
                writer.WriteNumber("line", failure.Line);
                if (failure.Sequence is { } sequence)
                {
                    writer.WriteNumber("sequence", sequence);
                }
                else
                {
                    writer.WriteNull("sequence");
                }

                writer.WriteString("message", failure.Message);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("failure");
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
