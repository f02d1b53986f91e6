using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using AegisGate.Licensing;

namespace AegisGate.Cli.Commands;

/// <summary>
/// <c>aegisgate license keygen | issue | verify</c>: create an issuer key pair, sign licence keys, and validate a
/// key offline exactly as the host does (exit 0 valid, 1 invalid, 2 usage or I/O error).
/// </summary>
internal static class LicenseCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
        => new("license", "Manage licence keys: create an issuer key pair, issue keys, verify keys offline.")
        {
            CreateKeygen(stdout, stderr),
            CreateIssue(stdout, stderr),
            CreateVerify(stdout, stderr),
        };

    private static Command CreateKeygen(TextWriter stdout, TextWriter stderr)
    {
        var outDir = new Option<DirectoryInfo?>("--out") { Description = "Write license-signing.key (private, mode 0600) and license-signing.pub here instead of printing them." };
        var force = new Option<bool>("--force") { Description = "Overwrite existing key files." };
        var command = new Command("keygen", "Generate an ECDSA P-256 key pair for a self-hosted licence issuer. Keep the private key secret; configure the public key as AegisGate:License:PublicKey.")
        {
            outDir,
            force,
        };
        command.SetAction(parse =>
        {
            var (privatePem, publicPem) = LicenseSigningKeys.GenerateKeyPair();
            var directory = parse.GetValue(outDir);
            if (directory is null)
            {
                stdout.WriteLine(privatePem);
                stdout.WriteLine(publicPem);
                return CliApp.ExitOk;
            }

            var privatePath = Path.Combine(directory.FullName, "license-signing.key");
            var publicPath = Path.Combine(directory.FullName, "license-signing.pub");
            try
            {
                Directory.CreateDirectory(directory.FullName);
                var mode = parse.GetValue(force) ? FileMode.Create : FileMode.CreateNew;
                WriteFile(privatePath, privatePem, mode, secret: true);
                WriteFile(publicPath, publicPem, mode, secret: false);
            }
            catch (IOException ex)
            {
                stderr.WriteLine($"error: could not write the key pair ({ex.Message}). Use --force to overwrite.");
                return CliApp.ExitUsage;
            }
            catch (UnauthorizedAccessException ex)
            {
                stderr.WriteLine($"error: could not write the key pair ({ex.Message}).");
                return CliApp.ExitUsage;
            }

            stdout.WriteLine($"private key: {privatePath} (keep it secret)");
            stdout.WriteLine($"public key:  {publicPath}");
            stdout.WriteLine();
            stdout.WriteLine("Configure hosts to trust it (AegisGate:License:PublicKey or AEGISGATE_LICENSE_PUBLIC_KEY):");
            stdout.WriteLine(publicPem);
            return CliApp.ExitOk;
        });
        return command;
    }

    private static Command CreateIssue(TextWriter stdout, TextWriter stderr)
    {
        var privateKey = new Option<FileInfo>("--private-key") { Description = "The issuer's private key (PEM), from 'license keygen'.", Required = true };
        var customer = new Option<string>("--customer") { Description = "The customer the licence is issued to.", Required = true };
        var tier = new Option<string>("--tier") { Description = "community, professional or enterprise.", Required = true };
        var id = new Option<string?>("--id") { Description = "The licence id (default: a random lic-… id)." };
        var features = new Option<string[]>("--feature") { Description = "A licensed feature (repeatable).", AllowMultipleArgumentsPerToken = true };
        var limits = new Option<string[]>("--limit") { Description = "A licensed limit name=value (repeatable), for example max_agents=50.", AllowMultipleArgumentsPerToken = true };
        var days = new Option<int?>("--days") { Description = "Validity in days from now (default 365)." };
        var expires = new Option<string?>("--expires") { Description = "Expiry date (UTC, yyyy-MM-dd); instead of --days." };
        var output = new Option<FileInfo?>("--out") { Description = "Write the key to this file instead of printing it." };
        var command = new Command("issue", "Sign a licence key.")
        {
            privateKey, customer, tier, id, features, limits, days, expires, output,
        };
        command.SetAction(parse =>
        {
            if (!LicenseToken.TryParseTier(parse.GetValue(tier), out var licenseTier))
            {
                stderr.WriteLine("error: --tier must be community, professional or enterprise.");
                return CliApp.ExitUsage;
            }

            var limitMap = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var limit in parse.GetValue(limits) ?? [])
            {
                var eq = limit.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0 || !long.TryParse(limit.AsSpan(eq + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var value) || !limitMap.TryAdd(limit[..eq], value))
                {
                    stderr.WriteLine($"error: --limit '{limit}' must be name=value with a whole number, each name once.");
                    return CliApp.ExitUsage;
                }
            }

            var now = TimeProvider.System.GetUtcNow();
            var issued = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
            DateTimeOffset expiry;
            if (parse.GetValue(expires) is { } expiresText)
            {
                if (parse.GetValue(days) is not null
                    || !DateTime.TryParseExact(expiresText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
                {
                    stderr.WriteLine("error: --expires must be yyyy-MM-dd and cannot be combined with --days.");
                    return CliApp.ExitUsage;
                }

                expiry = new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc));
            }
            else
            {
                var validity = parse.GetValue(days) ?? 365;
                if (validity is < 1 or > 36500)
                {
                    stderr.WriteLine("error: --days must be between 1 and 36500.");
                    return CliApp.ExitUsage;
                }

                expiry = issued.AddDays(validity);
            }

            string pem;
            try
            {
                pem = File.ReadAllText(parse.GetValue(privateKey)!.FullName);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: the private key could not be read ({ex.GetType().Name}).");
                return CliApp.ExitUsage;
            }

            try
            {
                using var key = LicenseSigningKeys.ImportPrivateKey(pem);
                var payload = new LicensePayload
                {
                    LicenseId = parse.GetValue(id) ?? "lic-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
                    Customer = parse.GetValue(customer)!,
                    Tier = licenseTier,
                    Features = parse.GetValue(features) ?? [],
                    Limits = limitMap,
                    IssuedAt = issued,
                    ExpiresAt = expiry,
                };
                var token = LicenseToken.Issue(payload, key);
                if (parse.GetValue(output) is { } file)
                {
                    WriteFile(file.FullName, token + Environment.NewLine, FileMode.Create, secret: true);
                    stdout.WriteLine($"licence {payload.LicenseId} ({LicenseToken.TierName(payload.Tier)}, expires {payload.ExpiresAt:yyyy-MM-dd}) written to {file.FullName}");
                }
                else
                {
                    stdout.WriteLine(token);
                }

                return CliApp.ExitOk;
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException or IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine("error: " + ex.Message);
                return CliApp.ExitUsage;
            }
        });
        return command;
    }

    private static Command CreateVerify(TextWriter stdout, TextWriter stderr)
    {
        var keyOption = new Option<string?>("--key") { Description = "The licence key (default: AEGISGATE_LICENSE_KEY)." };
        var keyFile = new Option<FileInfo?>("--key-file") { Description = "A file holding the licence key (default: AEGISGATE_LICENSE_FILE)." };
        var publicKey = new Option<FileInfo?>("--public-key") { Description = "The issuer's public key (PEM). Default: AEGISGATE_LICENSE_PUBLIC_KEY, else the key embedded in AegisGate." };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command("verify", "Validate a licence key offline, as the host does. Exit 0 valid, 1 invalid, 2 usage error.")
        {
            keyOption, keyFile, publicKey, json,
        };
        command.SetAction(parse =>
        {
            string? token = parse.GetValue(keyOption);
            var file = parse.GetValue(keyFile)?.FullName;
            if (token is null && file is null)
            {
                token = Environment.GetEnvironmentVariable("AEGISGATE_LICENSE_KEY");
                file = token is null ? Environment.GetEnvironmentVariable("AEGISGATE_LICENSE_FILE") : null;
            }

            try
            {
                if (token is null && file is not null)
                {
                    var info = new FileInfo(file);
                    if (info.Length > 16 * 1024)
                    {
                        stderr.WriteLine("error: the key file is too large.");
                        return CliApp.ExitUsage;
                    }

                    token = File.ReadAllText(file);
                }

                if (string.IsNullOrWhiteSpace(token))
                {
                    stderr.WriteLine("error: give --key or --key-file (or set AEGISGATE_LICENSE_KEY / AEGISGATE_LICENSE_FILE).");
                    return CliApp.ExitUsage;
                }

                var publicText = parse.GetValue(publicKey) is { } pub
                    ? File.ReadAllText(pub.FullName)
                    : Environment.GetEnvironmentVariable("AEGISGATE_LICENSE_PUBLIC_KEY") is { Length: > 0 } fromEnv ? fromEnv : LicenseSigningKeys.DefaultPublicKeyPem;
                var validator = new LicenseValidator(LicenseSigningKeys.ParsePublicKeys(publicText), LicensePayload.DefaultProduct, TimeProvider.System, cacheCapacity: 1);
                var state = validator.Validate(token);
                if (parse.GetValue(json))
                {
                    WriteJson(stdout, state);
                }
                else
                {
                    WriteText(stdout, state);
                }

                return state.Status == LicenseStatus.Valid ? CliApp.ExitOk : CliApp.ExitFindings;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"error: a file could not be read ({ex.GetType().Name}).");
                return CliApp.ExitUsage;
            }
            catch (FormatException ex)
            {
                stderr.WriteLine("error: the public key is invalid: " + ex.Message);
                return CliApp.ExitUsage;
            }
        });
        return command;
    }

    private static void WriteText(TextWriter stdout, LicenseState state)
    {
        if (state.Status != LicenseStatus.Valid)
        {
            stdout.WriteLine("invalid: " + state.InvalidReason);
            return;
        }

        stdout.WriteLine($"valid: licence {state.LicenseId} for {state.Customer}");
        stdout.WriteLine($"  tier:     {LicenseToken.TierName(state.Tier)}");
        stdout.WriteLine($"  features: {(state.Features.Count == 0 ? "(tier defaults)" : string.Join(", ", state.Features.Order(StringComparer.Ordinal)))}");
        stdout.WriteLine($"  limits:   {(state.Limits.Count == 0 ? "(none)" : string.Join(", ", state.Limits.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")))}");
        stdout.WriteLine($"  issued:   {state.IssuedAt:yyyy-MM-dd HH:mm:ss}Z");
        stdout.WriteLine($"  expires:  {state.ExpiresAt:yyyy-MM-dd HH:mm:ss}Z");
    }

    private static void WriteJson(TextWriter stdout, LicenseState state)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("status", state.Status == LicenseStatus.Valid ? "valid" : "invalid");
            if (state.Status == LicenseStatus.Valid)
            {
                w.WriteString("id", state.LicenseId);
                w.WriteString("customer", state.Customer);
                w.WriteString("product", state.Product);
                w.WriteString("tier", LicenseToken.TierName(state.Tier));
                w.WriteStartArray("features");
                foreach (var feature in state.Features.Order(StringComparer.Ordinal))
                {
                    w.WriteStringValue(feature);
                }

                w.WriteEndArray();
                w.WriteStartObject("limits");
                foreach (var (name, value) in state.Limits.OrderBy(l => l.Key, StringComparer.Ordinal))
                {
                    w.WriteNumber(name, value);
                }

                w.WriteEndObject();
                w.WriteString("issuedAt", state.IssuedAt!.Value);
                w.WriteString("expiresAt", state.ExpiresAt!.Value);
            }
            else
            {
                w.WriteString("code", AegisErrorCodes.LicenseInvalid);
                w.WriteString("reason", state.InvalidReason);
            }

            w.WriteEndObject();
        }

        stdout.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteFile(string path, string content, FileMode mode, bool secret)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write };
        if (secret && !OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, options);
        writer.Write(content);
    }
}
