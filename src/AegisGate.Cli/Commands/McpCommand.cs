using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AegisGate.Mcp.SupplyChain;

namespace AegisGate.Cli.Commands;

/// <summary>
/// <c>aegisgate mcp pins list|approve|revoke</c>: reviews and approves MCP tool definitions in a lock file
/// (<c>AegisGate:Mcp:SupplyChain:LockFile</c>). A running host records every changed or new tool definition there as
/// pending; approving moves the pending hash to the approved pins, and the host picks the change up within a second.
/// The lock-file format is compiled from the MCP pillar's source, so the CLI and the host cannot disagree.
/// Exit codes: 0 done (list: nothing awaits approval), 1 nothing to approve or revoke, a hash mismatch, or (list)
/// definitions awaiting approval, 2 usage error or an unreadable lock file.
/// </summary>
internal static class McpCommand
{
    private static readonly JsonSerializerOptions EscapedIndented = new() { WriteIndented = true };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var pins = new Command("pins", "Review, approve and revoke pinned MCP tool definitions (rug-pull protection).")
        {
            CreateList(stdout, stderr),
            CreateApprove(stdout, stderr),
            CreateRevoke(stdout, stderr),
        };
        return new Command("mcp", "Model Context Protocol (MCP) tools.") { pins };
    }

    private static Command CreateList(TextWriter stdout, TextWriter stderr)
    {
        var (lockFile, server, tool) = Common();
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var showDefinition = new Option<bool>("--show-definition") { Description = "Also print each pending definition (JSON, with non-ASCII and control characters escaped)." };
        var list = new Command("list", "List pinned tools with their approved and pending definition hashes. Exits 1 when a definition awaits approval.")
        {
            lockFile, server, tool, json, showDefinition,
        };
        list.SetAction(parse =>
        {
            if (Load(parse.GetValue(lockFile)!, stderr, "list") is not { } doc)
            {
                return CliApp.ExitUsage;
            }

            var entries = Filter(doc, parse.GetValue(server), parse.GetValue(tool)).ToList();
            if (parse.GetValue(json))
            {
                stdout.WriteLine(ToJson(parse.GetValue(lockFile)!.FullName, entries, parse.GetValue(showDefinition)));
            }
            else if (entries.Count == 0)
            {
                stdout.WriteLine("No pinned tools match.");
            }
            else
            {
                foreach (var (serverId, toolName, entry) in entries)
                {
                    stdout.WriteLine($"{Printable(serverId)}/{Printable(toolName)}: {entry.Status}{(entry.AwaitsApproval ? " (awaits approval)" : string.Empty)}");
                    stdout.WriteLine($"  approved: {entry.Approved ?? "(none)"}");
                    if (entry.Revoked is { } revoked)
                    {
                        stdout.WriteLine($"  revoked:  {revoked}");
                    }

                    if (entry.Pending is { } pending)
                    {
                        stdout.WriteLine($"  pending:  {pending.Hash} (first seen {pending.Seen.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)})");
                        if (parse.GetValue(showDefinition))
                        {
                            stdout.WriteLine(pending.Definition is null ? "  (definition too large to keep; inspect the server)" : Indent(pending.Definition.ToJsonString(EscapedIndented)));
                        }
                    }
                }
            }

            return entries.Any(static e => e.Entry.AwaitsApproval) ? CliApp.ExitFindings : CliApp.ExitOk;
        });
        return list;
    }

    private static Command CreateApprove(TextWriter stdout, TextWriter stderr)
    {
        var (lockFile, server, tool) = Common();
        var hash = new Option<string?>("--hash") { Description = "Approve only if the pending definition still has this hash (the one you reviewed with 'list')." };
        var all = new Option<bool>("--all") { Description = "Approve every pending definition (of --server, when given)." };
        var approve = new Command("approve", "Approve the pending definition of a tool (after reviewing it with 'list --show-definition'). The host applies it within a second.")
        {
            lockFile, server, tool, hash, all,
        };
        approve.SetAction(parse =>
        {
            var path = parse.GetValue(lockFile)!;
            var toolName = parse.GetValue(tool);
            var serverId = parse.GetValue(server);
            var expected = parse.GetValue(hash);
            var everything = parse.GetValue(all);
            if (everything == (toolName is not null))
            {
                stderr.WriteLine("aegisgate mcp pins approve: give either --tool NAME or --all.");
                return CliApp.ExitUsage;
            }

            if (expected is not null && (everything || !McpToolLock.IsHash(expected)))
            {
                stderr.WriteLine("aegisgate mcp pins approve: --hash takes one 'sha256:' + 64 hex digits hash and needs --tool.");
                return CliApp.ExitUsage;
            }

            var approved = new List<(string Server, string Tool, string? Old, string New)>();
            var failure = (Code: CliApp.ExitOk, Message: (string?)null);
            var result = Edit(path, stderr, "approve", doc =>
            {
                if (everything)
                {
                    foreach (var (s, t, entry) in Filter(doc, serverId, null).Where(static e => e.Entry.AwaitsApproval).ToList())
                    {
                        var old = entry.Approved;
                        var pending = entry.Pending!.Hash;
                        if (doc.Approve(s, t, null) == McpLockChange.Done)
                        {
                            approved.Add((s, t, old, pending));
                        }
                    }

                    return approved.Count > 0;
                }

                if (Single(doc, serverId, toolName!, out var match, out var error) is false)
                {
                    failure = (CliApp.ExitUsage, error);
                    return false;
                }

                var (matchServer, matchTool, current) = match;
                var previous = current.Approved ?? current.Revoked;
                var next = current.Pending?.Hash;
                switch (doc.Approve(matchServer, matchTool, expected))
                {
                    case McpLockChange.Done:
                        approved.Add((matchServer, matchTool, previous, next!));
                        return true;
                    case McpLockChange.HashMismatch:
                        failure = (CliApp.ExitFindings, $"the pending definition of {Printable(matchServer)}/{Printable(matchTool)} is {next}, not the one given with --hash; review it again.");
                        return false;
                    default:
                        failure = (CliApp.ExitFindings, $"nothing awaits approval for {Printable(matchServer)}/{Printable(matchTool)} (status: {current.Status}); the host records a definition when it next sees the tool changed or new.");
                        return false;
                }
            });
            if (result is null)
            {
                return CliApp.ExitUsage;
            }

            if (failure.Message is not null)
            {
                stderr.WriteLine("aegisgate mcp pins approve: " + failure.Message);
                return failure.Code;
            }

            if (approved.Count == 0)
            {
                stdout.WriteLine("Nothing awaits approval.");
            }

            foreach (var (s, t, old, @new) in approved)
            {
                stdout.WriteLine($"approved {Printable(s)}/{Printable(t)}: {old ?? "(none)"} -> {@new}");
            }

            return CliApp.ExitOk;
        });
        return approve;
    }

    private static Command CreateRevoke(TextWriter stdout, TextWriter stderr)
    {
        var (lockFile, server, tool) = Common();
        tool.Required = true;
        var revoke = new Command("revoke", "Revoke a tool's approved pin: the host denies its calls (and does not re-pin it on first use) until a definition is approved again.")
        {
            lockFile, server, tool,
        };
        revoke.SetAction(parse =>
        {
            var revoked = (Server: string.Empty, Tool: string.Empty, Hash: string.Empty);
            var failure = (Code: CliApp.ExitOk, Message: (string?)null);
            var result = Edit(parse.GetValue(lockFile)!, stderr, "revoke", doc =>
            {
                if (Single(doc, parse.GetValue(server), parse.GetValue(tool)!, out var match, out var error) is false)
                {
                    failure = (CliApp.ExitUsage, error);
                    return false;
                }

                var (matchServer, matchTool, entry) = match;
                var hash = entry.Approved;
                if (doc.Revoke(matchServer, matchTool) != McpLockChange.Done)
                {
                    failure = (CliApp.ExitFindings, $"{Printable(matchServer)}/{Printable(matchTool)} has no approved pin (status: {entry.Status}).");
                    return false;
                }

                revoked = (matchServer, matchTool, hash!);
                return true;
            });
            if (result is null)
            {
                return CliApp.ExitUsage;
            }

            if (failure.Message is not null)
            {
                stderr.WriteLine("aegisgate mcp pins revoke: " + failure.Message);
                return failure.Code;
            }

            stdout.WriteLine($"revoked {Printable(revoked.Server)}/{Printable(revoked.Tool)}: {revoked.Hash} (its calls are denied until a definition is approved again)");
            return CliApp.ExitOk;
        });
        return revoke;
    }

    private static (Option<FileInfo> LockFile, Option<string?> Server, Option<string?> Tool) Common()
        => (new Option<FileInfo>("--lock-file") { Description = "The MCP tool lock file (AegisGate:Mcp:SupplyChain:LockFile, resolved against the data directory).", Required = true },
            new Option<string?>("--server") { Description = "The server id (the MCP server's name; needed when several servers have a tool of that name)." },
            new Option<string?>("--tool") { Description = "The tool name." });

    private static McpToolLock? Load(FileInfo file, TextWriter stderr, string verb)
    {
        if (!file.Exists)
        {
            stderr.WriteLine($"aegisgate mcp pins {verb}: the lock file '{file.FullName}' does not exist.");
            return null;
        }

        try
        {
            return McpToolLockFile.Read(file.FullName);
        }
        catch (InvalidDataException ex)
        {
            stderr.WriteLine($"aegisgate mcp pins {verb}: the lock file '{file.FullName}' is invalid: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"aegisgate mcp pins {verb}: the lock file '{file.FullName}' could not be read: {ex.Message}");
        }

        return null;
    }

    private static McpToolLock? Edit(FileInfo file, TextWriter stderr, string verb, Func<McpToolLock, bool> change)
    {
        if (!file.Exists)
        {
            stderr.WriteLine($"aegisgate mcp pins {verb}: the lock file '{file.FullName}' does not exist.");
            return null;
        }

        try
        {
            return McpToolLockFile.Update(file.FullName, change);
        }
        catch (InvalidDataException ex)
        {
            stderr.WriteLine($"aegisgate mcp pins {verb}: the lock file '{file.FullName}' is invalid: {ex.Message}");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"aegisgate mcp pins {verb}: the lock file '{file.FullName}' could not be updated: {ex.Message}");
        }

        return null;
    }

    private static IEnumerable<(string Server, string Tool, McpToolLockEntry Entry)> Filter(McpToolLock doc, string? server, string? tool)
        => doc.Entries.Where(e => (server is null || string.Equals(e.Server, server, StringComparison.Ordinal)) && (tool is null || string.Equals(e.Tool, tool, StringComparison.Ordinal)));

    private static bool Single(McpToolLock doc, string? server, string tool, out (string Server, string Tool, McpToolLockEntry Entry) match, out string? error)
    {
        var matches = Filter(doc, server, tool).ToList();
        match = default;
        error = null;
        if (matches.Count == 0)
        {
            error = $"no tool '{Printable(tool)}'{(server is null ? string.Empty : $" of server '{Printable(server)}'")} in the lock file.";
            return false;
        }

        if (matches.Count > 1)
        {
            error = $"several servers have a tool '{Printable(tool)}' ({string.Join(", ", matches.Select(static m => Printable(m.Server)))}); add --server.";
            return false;
        }

        match = matches[0];
        return true;
    }

    private static string ToJson(string path, List<(string Server, string Tool, McpToolLockEntry Entry)> entries, bool definitions)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            writer.WriteStartObject();
            writer.WriteString("lockFile", path);
            writer.WriteStartArray("tools");
            foreach (var (server, tool, entry) in entries)
            {
                writer.WriteStartObject();
                writer.WriteString("server", server);
                writer.WriteString("tool", tool);
                writer.WriteString("status", entry.Status);
                writer.WriteBoolean("awaitsApproval", entry.AwaitsApproval);
                writer.WriteString("approved", entry.Approved);
                writer.WriteString("revoked", entry.Revoked);
                if (entry.Pending is { } pending)
                {
                    writer.WriteStartObject("pending");
                    writer.WriteString("hash", pending.Hash);
                    writer.WriteString("seen", pending.Seen);
                    if (definitions && pending.Definition is not null)
                    {
                        writer.WritePropertyName("definition");
                        pending.Definition.WriteTo(writer);
                    }

                    writer.WriteEndObject();
                }
                else
                {
                    writer.WriteNull("pending");
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
    private static string Indent(string text) => "    " + text.ReplaceLineEndings("\n    ");

    /// <summary>Names come from MCP servers (untrusted): escape control, format (bidi, zero-width) and non-ASCII characters before printing.</summary>
    internal static string Printable(string value)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var safe = c is >= ' ' and <= '~';
            if (safe)
            {
                builder?.Append(c);
                continue;
            }

            builder ??= new StringBuilder(value, 0, i, value.Length + 16);
            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
        }

        return builder?.ToString() ?? value;
    }
}
