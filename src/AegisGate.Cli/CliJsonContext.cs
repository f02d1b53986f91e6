using System.Text.Json.Serialization;
using AegisGate.Cli.Commands;

namespace AegisGate.Cli;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(KeyOutput))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
