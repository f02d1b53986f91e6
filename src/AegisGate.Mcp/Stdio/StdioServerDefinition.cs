namespace AegisGate.Mcp.Stdio;

/// <summary>
/// One allowlisted stdio MCP server: the exact executable (absolute path, optionally pinned by SHA-256), argument
/// rules, the environment it may see, and an optional package directory verified by hash. The launcher never uses a
/// shell and never inherits the host's environment.
/// </summary>
public sealed class StdioServerDefinition
{
    /// <summary>Gets or sets the executable: an absolute path, or a bare name resolved on <c>PATH</c> to an absolute path at launch.</summary>
    public string Command { get; set; } = string.Empty;

    /// <summary>Gets or sets the executable's SHA-256 (<c>sha256:</c> + 64 hex digits), or <see langword="null"/> to skip (interpreters vary per machine; pin the package instead).</summary>
    public string? CommandSha256 { get; set; }

    /// <summary>
    /// Gets the argument rules, one per position: an exact value, or a pattern <c>regex:…</c> matched in full
    /// (NonBacktracking). A launch must supply exactly this many arguments.
    /// </summary>
    public IList<string> Arguments { get; init; } = [];

    /// <summary>Gets the names of host environment variables passed through (everything else is scrubbed).</summary>
    public IList<string> InheritEnvironment { get; init; } = ["PATH", "HOME", "LANG"];

    /// <summary>Gets fixed environment variables set for the server.</summary>
    public IDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets or sets the working directory (absolute), or <see langword="null"/> for a fresh empty temporary one.</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>Gets or sets a package directory whose content hash must match <see cref="PackageSha256"/> (for example an npm package).</summary>
    public string? PackageDirectory { get; set; }

    /// <summary>Gets or sets the package's tree hash (<c>sha256:</c> + 64 hex digits), see <see cref="PackageHasher"/>.</summary>
    public string? PackageSha256 { get; set; }

    internal IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Command))
        {
            yield return "Command is required.";
        }

        foreach (var hash in new[] { CommandSha256, PackageSha256 })
        {
            if (hash is not null && !(hash.StartsWith("sha256:", StringComparison.Ordinal) && hash.Length == 71))
            {
                yield return "hashes must be 'sha256:' followed by 64 hex digits.";
            }
        }

        if ((PackageDirectory is null) != (PackageSha256 is null))
        {
            yield return "PackageDirectory and PackageSha256 go together.";
        }
    }
}
