using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using AegisGate.Configuration;
using AegisGate.Mcp.Tools;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AegisGate.Mcp.SupplyChain;

/// <summary>The pin state of a tool definition.</summary>
public enum McpPinStatus
{
    /// <summary>The definition matches its approved pin.</summary>
    Pinned = 0,

    /// <summary>The definition differs from its approved pin (rug pull).</summary>
    Changed = 1,

    /// <summary>The tool has no approved pin (a new tool in lock-file mode).</summary>
    Unapproved = 2,
}

/// <summary>
/// Tool definitions pinned by SHA-256 per server, in memory and (when configured) in a JSON lock file:
/// <c>{"version":1,"servers":{"&lt;server&gt;":{"&lt;tool&gt;":"sha256:…"}}}</c>. In trust-on-first-use mode a tool
/// seen for the first time is pinned and persisted; in lock-file mode only pinned tools pass. A changed definition is
/// never re-pinned automatically: it stays denied until <see cref="Approve"/> is called (an operator decision).
/// </summary>
public sealed class McpToolPinStore
{
    private readonly ConcurrentDictionary<(string Server, string Tool), Entry> _entries = new();
    private readonly IOptionsMonitor<AegisMcpOptions> _options;
    private readonly ILogger<McpToolPinStore> _logger;
    private readonly string? _lockFile;
    private readonly Lock _saveLock = new();

    /// <summary>Initializes a new instance of the <see cref="McpToolPinStore"/> class and loads the lock file.</summary>
    /// <param name="options">The MCP options.</param>
    /// <param name="paths">The data directory resolver.</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="InvalidOperationException">The lock file exists but cannot be read (fail closed: the host does not start).</exception>
    public McpToolPinStore(IOptionsMonitor<AegisMcpOptions> options, AegisPaths paths, ILogger<McpToolPinStore> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(paths);
        _options = options;
        _logger = logger;
        var configured = options.CurrentValue.SupplyChain.LockFile;
        _lockFile = string.IsNullOrWhiteSpace(configured) ? null : paths.ResolveData(configured);
        if (_lockFile is not null && File.Exists(_lockFile))
        {
            Load(_lockFile);
        }
    }

    /// <summary>Gets the lock file path, or <see langword="null"/> when pins are kept in memory only.</summary>
    public string? LockFilePath => _lockFile;

    /// <summary>Records a definition as the server's current one and returns its pin status.</summary>
    /// <param name="tool">The definition.</param>
    /// <returns>The status.</returns>
    public McpPinStatus Observe(McpToolDefinition tool)
    {
        ArgumentNullException.ThrowIfNull(tool);
        var key = (tool.ServerId, tool.Name);
        var entry = _entries.GetOrAdd(key, static _ => new Entry());
        bool persist = false;
        McpPinStatus status;
        lock (entry)
        {
            entry.Observed = tool;
            if (entry.ApprovedHash is null && _options.CurrentValue.SupplyChain.Mode == McpPinMode.TrustOnFirstUse)
            {
                entry.ApprovedHash = tool.Hash;
                persist = true;
            }

            status = entry.ApprovedHash is null ? McpPinStatus.Unapproved
                : string.Equals(entry.ApprovedHash, tool.Hash, StringComparison.Ordinal) ? McpPinStatus.Pinned
                : McpPinStatus.Changed;
        }

        if (persist)
        {
            McpLog.ToolPinned(_logger, tool.ServerId, tool.Name, tool.Hash);
            Save();
        }
        else if (status == McpPinStatus.Changed)
        {
            McpLog.ToolPinMismatch(_logger, tool.ServerId, tool.Name);
        }

        return status;
    }

    /// <summary>Gets the definition last observed for a tool, or <see langword="null"/>.</summary>
    /// <param name="serverId">The server.</param>
    /// <param name="toolName">The tool.</param>
    /// <returns>The definition.</returns>
    public McpToolDefinition? GetObserved(string serverId, string toolName)
        => _entries.TryGetValue((serverId, toolName), out var entry) ? entry.Observed : null;

    /// <summary>Gets the approved hash of a tool, or <see langword="null"/>.</summary>
    /// <param name="serverId">The server.</param>
    /// <param name="toolName">The tool.</param>
    /// <returns>The hash.</returns>
    public string? GetApprovedHash(string serverId, string toolName)
        => _entries.TryGetValue((serverId, toolName), out var entry) ? entry.ApprovedHash : null;

    /// <summary>Approves the definition last observed for a tool (an operator decision after review).</summary>
    /// <param name="serverId">The server.</param>
    /// <param name="toolName">The tool.</param>
    /// <returns><see langword="true"/> when a definition was observed and is now approved.</returns>
    public bool Approve(string serverId, string toolName)
    {
        if (!_entries.TryGetValue((serverId, toolName), out var entry))
        {
            return false;
        }

        lock (entry)
        {
            if (entry.Observed is null)
            {
                return false;
            }

            entry.ApprovedHash = entry.Observed.Hash;
        }

        Save();
        return true;
    }

    private void Load(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream);
            foreach (var server in document.RootElement.GetProperty("servers").EnumerateObject())
            {
                foreach (var tool in server.Value.EnumerateObject())
                {
                    var hash = tool.Value.GetString();
                    if (hash is null || !hash.StartsWith("sha256:", StringComparison.Ordinal) || hash.Length != 71)
                    {
                        throw new InvalidDataException($"The pin of tool '{tool.Name}' is not 'sha256:' followed by 64 hex digits.");
                    }

                    _entries[(server.Name, tool.Name)] = new Entry { ApprovedHash = hash };
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            throw new InvalidOperationException($"The MCP tool lock file '{path}' is invalid; fix or remove it ({ex.Message}).", ex);
        }
    }

    private void Save()
    {
        if (_lockFile is null)
        {
            return;
        }

        lock (_saveLock)
        {
            var servers = new JsonObject();
            foreach (var ((server, tool), entry) in _entries.OrderBy(static e => e.Key.Server, StringComparer.Ordinal).ThenBy(static e => e.Key.Tool, StringComparer.Ordinal))
            {
                if (entry.ApprovedHash is { } hash)
                {
                    if (servers[server] is not JsonObject tools)
                    {
                        tools = [];
                        servers[server] = tools;
                    }

                    tools[tool] = hash;
                }
            }

            var json = new JsonObject { ["version"] = 1, ["servers"] = servers };
            var directory = Path.GetDirectoryName(_lockFile)!;
            Directory.CreateDirectory(directory);
            var temp = Path.Combine(directory, "." + Path.GetFileName(_lockFile) + ".tmp");
            File.WriteAllText(temp, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            File.Move(temp, _lockFile, overwrite: true);
        }
    }

    private sealed class Entry
    {
        public string? ApprovedHash { get; set; }

        public McpToolDefinition? Observed { get; set; }
    }
}
