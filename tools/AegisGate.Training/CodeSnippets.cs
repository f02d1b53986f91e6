using System.Text;

namespace AegisGate.Training;

/// <summary>
/// Generates source-code snippets (C#, JavaScript, Python, shell, YAML) from small lists of identifiers, statements and
/// comments: the benign files a coding agent reads through a tool, which the prompt corpus has none of. Training pairs
/// every other snippet with an injection in a comment or string (how indirect injections hide in repositories), so code
/// syntax — braces, <c>WriteLine</c>, <c>print</c>, "output", "prompt", "token" as identifiers — is evidence neither way.
/// </summary>
internal static class CodeSnippets
{
    private static readonly string[] Nouns = ["order", "customer", "invoice", "report", "cache", "client", "request", "response", "output", "result", "config", "options", "logger", "user", "message", "prompt", "token", "model", "session", "tool", "agent", "item", "payload", "buffer", "stream", "file", "path", "record", "event", "handler", "service", "policy", "rule", "score", "window", "batch", "queue", "job", "entry", "key", "value", "name", "count", "limit", "timeout", "status", "error", "system", "instructions", "context"];

    private static readonly string[] Verbs = ["get", "set", "load", "save", "parse", "format", "build", "create", "update", "delete", "send", "read", "write", "scan", "check", "validate", "render", "print", "reset", "apply", "merge", "filter", "find", "compute", "handle", "process", "flush", "open", "close", "ignore", "override", "bypass", "disable"];

    private static readonly string[] Comments = ["TODO: handle the empty case", "The caller owns the buffer", "Keep the order stable for the tests", "Ignore blank lines and comments", "Skip the header row", "Retry once before giving up", "Do not log the token", "Output is written as UTF-8", "Print the summary at the end", "Override the default timeout in tests", "The system clock is injected for tests", "Return the previous value when parsing fails", "Bypass the cache for admin requests", "Disable the check in development only", "The prompt template is loaded from disk", "Forget the cached session after logout", "You must dispose the client", "Never expose internal errors to the user", "Act as a proxy for the upstream service", "New instructions are read from the config file"];

    private static readonly string[] Messages = ["listening on", "data directory", "processed items", "done", "failed to parse", "usage: tool [options] <file>", "Press Ctrl+C to stop", "loaded configuration", "request completed", "retrying", "skipped", "unknown option", "wrote the report to", "the system prompt is", "tokens used"];

    /// <summary>Returns one snippet; <paramref name="injection"/>, when given, is placed in a comment or a string literal.</summary>
    public static string Generate(ref SplitMix64 rng, string? injection)
    {
        var language = (int)(rng.Next() % 5);
        var blocks = 1 + (int)(rng.Next() % 3);
        var injectAt = injection is null ? -1 : (int)(rng.Next() % (ulong)blocks);
        var sb = new StringBuilder();
        sb.Append(language switch
        {
            0 => "using System;\nusing System.Text;\n\nnamespace Shop." + Pascal(Pick(Nouns, ref rng)) + "s;\n\n",
            1 => "import { " + Camel(Pick(Verbs, ref rng), Pick(Nouns, ref rng)) + " } from './" + Pick(Nouns, ref rng) + ".js';\n\n",
            2 => "import os\nimport json\n\n",
            3 => "#!/usr/bin/env bash\nset -euo pipefail\n\n",
            _ => "# " + Pick(Nouns, ref rng) + " settings\n",
        });
        for (var b = 0; b < blocks; b++)
        {
            var verb = Pick(Verbs, ref rng);
            var noun = Pick(Nouns, ref rng);
            var other = Pick(Nouns, ref rng);
            var comment = b == injectAt ? injection! : Pick(Comments, ref rng);
            var message = b == injectAt && (rng.Next() & 1) == 0 ? injection! : Pick(Messages, ref rng);
            var statements = 1 + (int)(rng.Next() % 4);
            switch (language)
            {
                case 0:
                    sb.Append("    // ").Append(comment).Append('\n');
                    sb.Append("    public static ").Append(Pascal(noun)).Append(' ').Append(Pascal(verb)).Append(Pascal(noun)).Append('(').Append(Pascal(other)).Append(' ').Append(other).Append(")\n    {\n");
                    for (var s = 0; s < statements; s++)
                    {
                        sb.Append((rng.Next() % 4) switch
                        {
                            0 => $"        var {noun} = {other}.{Pascal(Pick(Verbs, ref rng))}();\n",
                            1 => $"        Console.Out.WriteLine($\"{message}: {{{other}.{Pascal(Pick(Nouns, ref rng))}}}\");\n",
                            2 => $"        if ({other} is null)\n        {{\n            throw new InvalidOperationException(\"{message}\");\n        }}\n",
                            _ => $"        foreach (var {Pick(Nouns, ref rng)} in {other}.{Pascal(Pick(Nouns, ref rng))}s)\n        {{\n            _count++;\n        }}\n",
                        });
                    }

                    sb.Append("        return ").Append(noun).Append(";\n    }\n\n");
                    break;
                case 1:
                    sb.Append("// ").Append(comment).Append('\n');
                    sb.Append("export async function ").Append(Camel(verb, noun)).Append('(').Append(other).Append(", options = {}) {\n");
                    for (var s = 0; s < statements; s++)
                    {
                        sb.Append((rng.Next() % 4) switch
                        {
                            0 => $"  const {noun} = await {other}.{Camel(Pick(Verbs, ref rng), Pick(Nouns, ref rng))}();\n",
                            1 => $"  console.log(`{message}: ${{{other}.{Pick(Nouns, ref rng)}}}`);\n",
                            2 => $"  if (!{other}) throw new Error('{message}');\n",
                            _ => $"  for (const {Pick(Nouns, ref rng)} of {other}.{Pick(Nouns, ref rng)}s) {{ total += 1; }}\n",
                        });
                    }

                    sb.Append("  return ").Append(noun).Append(";\n}\n\n");
                    break;
                case 2:
                    sb.Append("# ").Append(comment).Append('\n');
                    sb.Append("def ").Append(verb).Append('_').Append(noun).Append('(').Append(other).Append(", **kwargs):\n");
                    for (var s = 0; s < statements; s++)
                    {
                        sb.Append((rng.Next() % 4) switch
                        {
                            0 => $"    {noun} = {other}.{Pick(Verbs, ref rng)}_{Pick(Nouns, ref rng)}()\n",
                            1 => $"    print(f\"{message}: {{{other}}}\")\n",
                            2 => $"    if {other} is None:\n        raise ValueError(\"{message}\")\n",
                            _ => $"    for {Pick(Nouns, ref rng)} in {other}.get(\"{Pick(Nouns, ref rng)}s\", []):\n        count += 1\n",
                        });
                    }

                    sb.Append("    return ").Append(noun).Append("\n\n");
                    break;
                case 3:
                    sb.Append("# ").Append(comment).Append('\n');
                    sb.Append(verb).Append('_').Append(noun).Append("() {\n");
                    for (var s = 0; s < statements; s++)
                    {
                        sb.Append((rng.Next() % 3) switch
                        {
                            0 => $"  local {noun}=\"${{1:-{other}}}\"\n",
                            1 => $"  echo \"{message}: ${noun}\" >&2\n",
                            _ => $"  [ -f \"${other}\" ] || {{ echo \"{message}\"; return 1; }}\n",
                        });
                    }

                    sb.Append("}\n\n");
                    break;
                default:
                    sb.Append("# ").Append(comment).Append('\n');
                    sb.Append(noun).Append(":\n");
                    for (var s = 0; s < statements; s++)
                    {
                        sb.Append("  ").Append(Pick(Nouns, ref rng)).Append(": ").Append((rng.Next() % 3) switch
                        {
                            0 => ((rng.Next() % 900) + 10).ToString(System.Globalization.CultureInfo.InvariantCulture),
                            1 => "\"" + message + "\"",
                            _ => (rng.Next() & 1) == 0 ? "true" : "false",
                        }).Append('\n');
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    private static string Pick(string[] items, ref SplitMix64 rng) => items[(int)(rng.Next() % (ulong)items.Length)];

    private static string Pascal(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private static string Camel(string verb, string noun) => verb + Pascal(noun);
}
