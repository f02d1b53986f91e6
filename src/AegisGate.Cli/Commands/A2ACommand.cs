using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AegisGate.A2A.Integrity;

namespace AegisGate.Cli.Commands;

/// <summary>
/// <c>aegisgate a2a sign</c>: computes the A2A request-signature headers (scheme v1, docs/a2a.md) for a body, so a
/// request can be sent with curl. The secret is read from a file or an environment variable, never from the command line.
/// </summary>
internal static class A2ACommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var agent = new Option<string>("--agent") { Description = "The agent id (the identity in the client certificate).", Required = true };
        var capability = new Option<string>("--capability") { Description = "The A2A-Capability the request uses, e.g. send_message.", Required = true };
        var path = new Option<string>("--path") { Description = "The request path (and query) exactly as sent, e.g. /api/v1/a2a/message.", Required = true };
        var method = new Option<string>("--method") { Description = "The HTTP method.", DefaultValueFactory = _ => "POST" };
        var keyId = new Option<string>("--key-id") { Description = "The key id (A2A-Key-Id).", Required = true };
        var secretFile = new Option<FileInfo?>("--secret-file") { Description = "A file holding the base64 secret (at least 32 bytes)." };
        var secretEnv = new Option<string?>("--secret-env") { Description = "An environment variable holding the base64 secret." };
        var data = new Option<string?>("--data", "-d") { Description = "The request body (exact bytes, UTF-8)." };
        var dataFile = new Option<FileInfo?>("--data-file") { Description = "A file holding the exact request body." };
        var timestamp = new Option<long?>("--timestamp") { Description = "Unix seconds to sign with (default: now)." };
        var nonce = new Option<string?>("--nonce") { Description = "The nonce (default: 32 random characters). Never reuse one." };
        var format = new Option<string>("--format") { Description = "headers (one per line), curl (-H arguments) or json.", DefaultValueFactory = _ => "headers" };
        format.AcceptOnlyFromAmong("headers", "curl", "json");

        var sign = new Command("sign", "Compute the A2A-Signature, A2A-Key-Id, A2A-Timestamp, A2A-Nonce and A2A-Capability headers for a request body (scheme v1, docs/a2a.md).")
        {
            agent, capability, path, method, keyId, secretFile, secretEnv, data, dataFile, timestamp, nonce, format,
        };
        sign.SetAction(parse =>
        {
            byte[] key;
            try
            {
                var encoded = parse.GetValue(secretFile) is { } file ? File.ReadAllText(file.FullName)
                    : parse.GetValue(secretEnv) is { } env ? Environment.GetEnvironmentVariable(env) ?? throw new ArgumentException($"the environment variable {env} is not set.")
                    : throw new ArgumentException("give the secret with --secret-file or --secret-env.");
                key = Convert.FromBase64String(encoded.Trim());
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine("aegisgate a2a sign: the secret could not be read: " + (ex is FormatException ? "it is not base64." : ex.Message));
                return CliApp.ExitUsage;
            }

            try
            {
                if (key.Length < A2ASignatureV1.MinKeyBytes)
                {
                    stderr.WriteLine($"aegisgate a2a sign: the secret must be at least {A2ASignatureV1.MinKeyBytes} bytes.");
                    return CliApp.ExitUsage;
                }

                byte[] body;
                try
                {
                    body = parse.GetValue(dataFile) is { } bodyFile ? File.ReadAllBytes(bodyFile.FullName) : Encoding.UTF8.GetBytes(parse.GetValue(data) ?? string.Empty);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    stderr.WriteLine("aegisgate a2a sign: the body file could not be read: " + ex.Message);
                    return CliApp.ExitUsage;
                }

                var kid = parse.GetValue(keyId)!;
                var nonceValue = parse.GetValue(nonce) ?? A2ASignatureV1.NewNonce();
                if (!A2ASignatureV1.IsValidKeyId(kid) || !A2ASignatureV1.IsValidNonce(nonceValue))
                {
                    stderr.WriteLine("aegisgate a2a sign: the key id must be 1-64 characters A-Z a-z 0-9 . - _ and the nonce 16-128 characters A-Z a-z 0-9 - _.");
                    return CliApp.ExitUsage;
                }

                var ts = parse.GetValue(timestamp) is { } fixedTs ? fixedTs.ToString(System.Globalization.CultureInfo.InvariantCulture) : A2ASignatureV1.FormatTimestamp(TimeProvider.System.GetUtcNow());
                var cap = parse.GetValue(capability)!;
                var canonical = A2ASignatureV1.Canonicalize(parse.GetValue(method)!, parse.GetValue(path)!, parse.GetValue(agent)!, cap, ts, nonceValue, kid, body);
                var signature = A2ASignatureV1.ComputeHeaderValue(key, canonical);
                (string Name, string Value)[] headers =
                [
                    ("A2A-Signature", signature),
                    ("A2A-Key-Id", kid),
                    ("A2A-Timestamp", ts),
                    ("A2A-Nonce", nonceValue),
                    ("A2A-Capability", cap),
                    ("X-A2A-Agent-ID", parse.GetValue(agent)!),
                ];
                switch (parse.GetValue(format))
                {
                    case "json":
                        using (var buffer = new MemoryStream())
                        {
                            using (var writer = new Utf8JsonWriter(buffer))
                            {
                                writer.WriteStartObject();
                                foreach (var (name, value) in headers)
                                {
                                    writer.WriteString(name, value);
                                }

                                writer.WriteEndObject();
                            }

                            stdout.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
                        }

                        break;
                    case "curl":
                        // No spaces, so the output can be spliced unquoted: curl $(aegisgate a2a sign ... --format curl) ...
                        stdout.WriteLine(string.Join(' ', headers.Select(h => $"-H {h.Name}:{h.Value}")));
                        break;
                    default:
                        foreach (var (name, value) in headers)
                        {
                            stdout.WriteLine($"{name}: {value}");
                        }

                        break;
                }

                return CliApp.ExitOk;
            }
            finally
            {
                CryptographicOperations.ZeroMemory(key);
            }
        });

        return new Command("a2a", "Agent-to-agent (A2A) tools.") { sign };
    }
}
