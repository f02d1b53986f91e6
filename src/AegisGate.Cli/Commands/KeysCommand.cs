using System.CommandLine;
using System.Text.Json;
using AegisGate.Authentication;

namespace AegisGate.Cli.Commands;

/// <summary><c>aegisgate keys new</c>: prints a new API key and the hash to put in configuration.</summary>
internal static class KeysCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var principal = new Option<string>("--principal") { Description = "The principal the key authenticates as.", DefaultValueFactory = _ => "service" };
        var roles = new Option<string[]>("--role") { Description = "A role of the principal (repeatable): viewer, analyst, operator, admin.", AllowMultipleArgumentsPerToken = true };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var create = new Command("new", "Generate a new API key. The key is printed once; store only its hash.")
        {
            principal,
            roles,
            json,
        };
        create.SetAction(parse =>
        {
            var key = ApiKeyHasher.GenerateKey();
            var hash = ApiKeyHasher.Hash(key);
            var who = parse.GetValue(principal) ?? "service";
            var roleList = parse.GetValue(roles) ?? [];
            if (parse.GetValue(json))
            {
                stdout.WriteLine(JsonSerializer.Serialize(new KeyOutput(key, hash, who, roleList), CliJsonContext.Default.KeyOutput));
            }
            else
            {
                stdout.WriteLine($"key:  {key}");
                stdout.WriteLine($"hash: {hash}");
                stdout.WriteLine();
                stdout.WriteLine("appsettings.json (store the hash, never the key):");
                var roleJson = string.Join(", ", roleList.Select(r => $"\"{r}\""));
                stdout.WriteLine($"  \"AegisGate\": {{ \"ApiKeys\": [ {{ \"Principal\": \"{who}\", \"Hash\": \"{hash}\", \"Roles\": [{roleJson}] }} ] }}");
            }

            _ = stderr;
            return CliApp.ExitOk;
        });

        return new Command("keys", "Manage API keys.") { create };
    }
}

internal sealed record KeyOutput(string Key, string Hash, string Principal, string[] Roles);
