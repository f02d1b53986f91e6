using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

// This file is compiled into both AegisGate.Mcp and the aegisgate CLI (which references only Core), so the host and
// `aegisgate mcp pins` cannot disagree about the format. It may use only the BCL.
namespace AegisGate.Mcp.SupplyChain;

/// <summary>What happens to a tool's pin when an operator acts on it.</summary>
internal enum McpLockChange
{
    /// <summary>The change was made.</summary>
    Done,

    /// <summary>No such tool in the lock file.</summary>
    Unknown,

    /// <summary>Approve: nothing awaits approval (the host records a definition when it next sees a changed or new tool).</summary>
    NothingPending,

    /// <summary>Approve: the pending definition is not the one the operator reviewed (it changed again).</summary>
    HashMismatch,

    /// <summary>Revoke: the tool has no approved pin.</summary>
    NotApproved,
}

/// <summary>A definition the host saw that is not approved (a changed or new tool), kept for review.</summary>
/// <param name="Hash">Its SHA-256 (<c>sha256:</c> + 64 hex digits).</param>
/// <param name="Seen">When the host first saw it.</param>
/// <param name="Definition">The tool definition as listed (absent when it was too large to keep).</param>
internal sealed record McpPendingPin(string Hash, DateTimeOffset Seen, JsonNode? Definition);

/// <summary>The pin state of one tool of one server.</summary>
internal sealed class McpToolLockEntry
{
    /// <summary>Gets or sets the approved hash, or <see langword="null"/>.</summary>
    public string? Approved { get; set; }

    /// <summary>Gets or sets the hash an operator revoked; a revoked tool is never pinned on first use again.</summary>
    public string? Revoked { get; set; }

    /// <summary>Gets or sets the definition awaiting approval, or <see langword="null"/>.</summary>
    public McpPendingPin? Pending { get; set; }

    /// <summary>Gets a short status: <c>pinned</c>, <c>changed</c> (approved but a different definition awaits approval), <c>new</c>, <c>revoked</c>.</summary>
    public string Status => Revoked is not null ? "revoked"
        : Approved is null ? "new"
        : Pending is not null && !string.Equals(Pending.Hash, Approved, StringComparison.Ordinal) ? "changed"
        : "pinned";

    /// <summary>Gets a value indicating whether a definition awaits an operator's approval.</summary>
    public bool AwaitsApproval => Pending is not null && !string.Equals(Pending.Hash, Approved, StringComparison.Ordinal);
}

/// <summary>
/// The content of an MCP tool lock file:
/// <code>
/// { "version": 1,
///   "servers": { "&lt;server&gt;": { "&lt;tool&gt;": "sha256:…" } },                           approved pins
///   "pending": { "&lt;server&gt;": { "&lt;tool&gt;": { "hash": "sha256:…", "seen": "…", "definition": {…} } } },
///   "revoked": { "&lt;server&gt;": { "&lt;tool&gt;": "sha256:…" } } }
/// </code>
/// <c>pending</c> and <c>revoked</c> are optional, so a file with only <c>servers</c> (the original format) stays valid.
/// </summary>
internal sealed class McpToolLock
{
    /// <summary>The format version.</summary>
    public const int FormatVersion = 1;

    /// <summary>Definitions larger than this are recorded without their JSON (the hash is still recorded).</summary>
    public const int MaxDefinitionChars = 64 * 1024;

    private static readonly System.Buffers.SearchValues<char> LowerHex = System.Buffers.SearchValues.Create("0123456789abcdef");

    private readonly SortedDictionary<(string Server, string Tool), McpToolLockEntry> _entries = new(Comparer<(string, string)>.Create(static (a, b) =>
    {
        var server = string.CompareOrdinal(a.Item1, b.Item1);
        return server != 0 ? server : string.CompareOrdinal(a.Item2, b.Item2);
    }));

    /// <summary>Gets every entry, ordered by server and tool.</summary>
    public IEnumerable<(string Server, string Tool, McpToolLockEntry Entry)> Entries => _entries.Select(static e => (e.Key.Server, e.Key.Tool, e.Value));

    /// <summary>Gets an entry, or <see langword="null"/>.</summary>
    public McpToolLockEntry? Get(string server, string tool) => _entries.GetValueOrDefault((server, tool));

    /// <summary>Pins a hash on first use (no approved pin and not revoked).</summary>
    /// <returns>Whether the file changed.</returns>
    public bool PinOnFirstUse(string server, string tool, string hash)
    {
        var entry = GetOrAdd(server, tool);
        if (entry.Approved is not null || entry.Revoked is not null)
        {
            return false;
        }

        entry.Approved = hash;
        if (entry.Pending?.Hash == hash)
        {
            entry.Pending = null;
        }

        return true;
    }

    /// <summary>Records a definition that is not approved, for review. A definition already recorded is kept (with its first-seen time).</summary>
    /// <returns>Whether the file changed.</returns>
    public bool RecordPending(string server, string tool, string hash, DateTimeOffset seen, JsonNode? definition)
    {
        var entry = GetOrAdd(server, tool);
        if (string.Equals(entry.Approved, hash, StringComparison.Ordinal) && entry.Revoked is null)
        {
            return false;
        }

        if (entry.Pending is { } pending && string.Equals(pending.Hash, hash, StringComparison.Ordinal))
        {
            return false;
        }

        var kept = definition is not null && definition.ToJsonString().Length <= MaxDefinitionChars ? definition.DeepClone() : null;
        entry.Pending = new McpPendingPin(hash, seen, kept);
        return true;
    }

    /// <summary>Approves the pending definition of a tool. With <paramref name="expectedHash"/>, only when it is still the one reviewed.</summary>
    public McpLockChange Approve(string server, string tool, string? expectedHash)
    {
        if (Get(server, tool) is not { } entry)
        {
            return McpLockChange.Unknown;
        }

        if (entry.Pending is not { } pending)
        {
            return McpLockChange.NothingPending;
        }

        if (expectedHash is not null && !string.Equals(expectedHash, pending.Hash, StringComparison.Ordinal))
        {
            return McpLockChange.HashMismatch;
        }

        entry.Approved = pending.Hash;
        entry.Pending = null;
        entry.Revoked = null;
        return McpLockChange.Done;
    }

    /// <summary>Approves a given hash directly (the host's <c>Approve</c> of the definition it observed).</summary>
    public void ApproveHash(string server, string tool, string hash)
    {
        var entry = GetOrAdd(server, tool);
        entry.Approved = hash;
        entry.Revoked = null;
        if (entry.Pending is not null)
        {
            entry.Pending = null;
        }
    }

    /// <summary>Sets a tool's approved and revoked hashes (the host restoring its pins into a lock file that was deleted).</summary>
    public void Restore(string server, string tool, string? approved, string? revoked)
    {
        var entry = GetOrAdd(server, tool);
        entry.Approved = revoked is null ? approved : null;
        entry.Revoked = revoked;
    }

    /// <summary>Revokes a tool's approved pin: its calls are denied until a definition is approved again.</summary>
    public McpLockChange Revoke(string server, string tool)
    {
        if (Get(server, tool) is not { } entry)
        {
            return McpLockChange.Unknown;
        }

        if (entry.Approved is null)
        {
            return McpLockChange.NotApproved;
        }

        entry.Revoked = entry.Approved;
        entry.Approved = null;
        return McpLockChange.Done;
    }

    /// <summary>Parses a lock file's text.</summary>
    /// <exception cref="InvalidDataException">The text is not a valid lock file; the message says what is wrong.</exception>
    public static McpToolLock Parse(string json)
    {
        var result = new McpToolLock();
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException("it is not valid JSON: " + ex.Message, ex);
        }

        if (root is not JsonObject document)
        {
            throw new InvalidDataException("it is not a JSON object.");
        }

        if (document["version"] is JsonValue version && (!version.TryGetValue<int>(out var number) || number != FormatVersion))
        {
            throw new InvalidDataException($"its version is not {FormatVersion}.");
        }

        if (document["servers"] is not JsonObject servers)
        {
            throw new InvalidDataException("it has no \"servers\" object.");
        }

        foreach (var (server, tools) in Tools(servers, "servers"))
        {
            foreach (var (tool, value) in tools)
            {
                result.GetOrAdd(server, tool).Approved = Hash(value, $"servers.{server}.{tool}");
            }
        }

        if (document["revoked"] is { } revoked)
        {
            foreach (var (server, tools) in Tools(revoked, "revoked"))
            {
                foreach (var (tool, value) in tools)
                {
                    var entry = result.GetOrAdd(server, tool);
                    if (entry.Approved is not null)
                    {
                        throw new InvalidDataException($"revoked.{server}.{tool} is also approved in servers.{server}; a tool is either approved or revoked.");
                    }

                    entry.Revoked = Hash(value, $"revoked.{server}.{tool}");
                }
            }
        }

        if (document["pending"] is { } pendingNode)
        {
            foreach (var (server, tools) in Tools(pendingNode, "pending"))
            {
                foreach (var (tool, value) in tools)
                {
                    var path = $"pending.{server}.{tool}";
                    if (value is not JsonObject pending)
                    {
                        throw new InvalidDataException($"{path} is not an object.");
                    }

                    var seen = pending["seen"] is JsonValue seenValue && seenValue.TryGetValue<string>(out var seenText)
                        && DateTimeOffset.TryParse(seenText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) ? parsed
                        : throw new InvalidDataException($"{path}.seen is not a timestamp.");
                    result.GetOrAdd(server, tool).Pending = new McpPendingPin(Hash(pending["hash"], path + ".hash"), seen, pending["definition"]?.DeepClone());
                }
            }
        }

        return result;
    }

    /// <summary>Serializes the lock (indented, keys ordered, non-ASCII and control characters escaped).</summary>
    public string Serialize()
    {
        var servers = new JsonObject();
        var pending = new JsonObject();
        var revoked = new JsonObject();
        foreach (var ((server, tool), entry) in _entries)
        {
            if (entry.Approved is { } approved)
            {
                Section(servers, server)[tool] = approved;
            }

            if (entry.Revoked is { } revokedHash)
            {
                Section(revoked, server)[tool] = revokedHash;
            }

            if (entry.Pending is { } waiting)
            {
                var item = new JsonObject
                {
                    ["hash"] = waiting.Hash,
                    ["seen"] = waiting.Seen.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                };
                if (waiting.Definition is not null)
                {
                    item["definition"] = waiting.Definition.DeepClone();
                }

                Section(pending, server)[tool] = item;
            }
        }

        var root = new JsonObject { ["version"] = FormatVersion, ["servers"] = servers };
        if (pending.Count > 0)
        {
            root["pending"] = pending;
        }

        if (revoked.Count > 0)
        {
            root["revoked"] = revoked;
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private McpToolLockEntry GetOrAdd(string server, string tool)
    {
        if (!_entries.TryGetValue((server, tool), out var entry))
        {
            entry = new McpToolLockEntry();
            _entries[(server, tool)] = entry;
        }

        return entry;
    }

    private static JsonObject Section(JsonObject parent, string server)
    {
        if (parent[server] is not JsonObject section)
        {
            section = [];
            parent[server] = section;
        }

        return section;
    }

    private static IEnumerable<(string Server, List<(string Tool, JsonNode? Value)> Tools)> Tools(JsonNode node, string name)
    {
        if (node is not JsonObject servers)
        {
            throw new InvalidDataException($"\"{name}\" is not an object.");
        }

        foreach (var (server, tools) in servers)
        {
            if (tools is not JsonObject toolObject)
            {
                throw new InvalidDataException($"{name}.{server} is not an object.");
            }

            yield return (server, [.. toolObject.Select(static t => (t.Key, t.Value))]);
        }
    }

    private static string Hash(JsonNode? value, string path)
    {
        if (value is JsonValue text && text.TryGetValue<string>(out var hash) && IsHash(hash))
        {
            return hash;
        }

        throw new InvalidDataException($"{path} is not 'sha256:' followed by 64 lower-case hex digits.");
    }

    /// <summary>Returns whether a text is <c>sha256:</c> followed by 64 lower-case hex digits.</summary>
    public static bool IsHash(string? value)
        => value is { Length: 71 } && value.StartsWith("sha256:", StringComparison.Ordinal) && value.AsSpan(7).IndexOfAnyExcept(LowerHex) < 0;
}

/// <summary>
/// Reads and updates a lock file safely across processes (the host and <c>aegisgate mcp pins</c>): every update holds an
/// exclusive lock on a sidecar file, re-reads the current content, applies the change and replaces the file atomically
/// (write to a temporary file, then rename), so neither side overwrites the other's change.
/// </summary>
internal static class McpToolLockFile
{
    /// <summary>How long an update waits for the other side's lock.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Reads a lock file; a missing file is an empty lock.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid lock file.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static McpToolLock Read(string path)
        => File.Exists(path) ? McpToolLock.Parse(File.ReadAllText(path, Encoding.UTF8)) : new McpToolLock();

    /// <summary>Applies a change under the cross-process lock and writes the file when <paramref name="change"/> returns <see langword="true"/>.</summary>
    /// <returns>The lock file's content after the update.</returns>
    /// <exception cref="InvalidDataException">The current file is not a valid lock file (it is left as it is).</exception>
    /// <exception cref="IOException">The lock could not be taken in time, or the file cannot be written.</exception>
    public static McpToolLock Update(string path, Func<McpToolLock, bool> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        using var gate = AcquireLock(Path.Combine(directory, "." + Path.GetFileName(full) + ".lck"));
        var current = Read(full);
        if (change(current))
        {
            var temp = Path.Combine(directory, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
            try
            {
                File.WriteAllText(temp, current.Serialize(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                File.Move(temp, full, overwrite: true);
            }
            finally
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
        }

        return current;
    }

    private static FileStream AcquireLock(string lockPath)
    {
        var attempts = (int)(LockTimeout.TotalMilliseconds / 20);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                // FileShare.None is an exclusive (flock) lock on Unix and a sharing lock on Windows. The sidecar file is
                // never deleted: deleting it while another process holds it would let a third take a second lock.
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1);
            }
            catch (IOException) when (attempt < attempts)
            {
                Thread.Sleep(20);
            }
        }
    }
}
