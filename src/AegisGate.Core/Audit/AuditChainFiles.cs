using System.Globalization;

namespace AegisGate.Audit;

/// <summary>
/// The files of one audit chain: the active file <c>{stem}{ext}</c> (for example <c>aegisgate-audit.jsonl</c>) and
/// its rotated predecessors <c>{stem}.{index}{ext}</c> (<c>aegisgate-audit.000001.jsonl</c>, …), oldest index first.
/// </summary>
internal sealed class AuditChainFiles
{
    public AuditChainFiles(string activePath)
    {
        ActivePath = Path.GetFullPath(activePath);
        Directory = Path.GetDirectoryName(ActivePath) ?? throw new ArgumentException("The audit path has no directory.", nameof(activePath));
        var name = Path.GetFileName(ActivePath);
        Extension = Path.GetExtension(name);
        Stem = name[..^Extension.Length];
        if (Stem.Length == 0)
        {
            throw new ArgumentException("The audit file name needs a name before its extension.", nameof(activePath));
        }
    }

    /// <summary>Gets the active file.</summary>
    public string ActivePath { get; }

    /// <summary>Gets the directory of the chain.</summary>
    public string Directory { get; }

    /// <summary>Gets the file name without extension.</summary>
    public string Stem { get; }

    /// <summary>Gets the extension, with its dot (may be empty).</summary>
    public string Extension { get; }

    /// <summary>Gets the lock file that keeps a second writer away.</summary>
    public string LockPath => ActivePath + ".lock";

    /// <summary>Returns the path of a rotated file.</summary>
    /// <param name="index">The rotation index (1, 2, …).</param>
    /// <returns>The path.</returns>
    public string RotatedPath(long index) => Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"{Stem}.{index:D6}{Extension}"));

    /// <summary>Lists the rotated files, oldest (lowest index) first.</summary>
    /// <returns>The rotated files with their indices.</returns>
    public List<(long Index, string Path)> ListRotated()
    {
        var result = new List<(long, string)>();
        if (!System.IO.Directory.Exists(Directory))
        {
            return result;
        }

        foreach (var path in System.IO.Directory.EnumerateFiles(Directory, Stem + ".*" + Extension))
        {
            if (TryGetIndex(Path.GetFileName(path), Stem, Extension, out var index))
            {
                result.Add((index, path));
            }
        }

        result.Sort(static (x, y) => x.Item1.CompareTo(y.Item1));
        return result;
    }

    /// <summary>Parses <c>{stem}.{digits}{ext}</c>.</summary>
    public static bool TryGetIndex(string fileName, string stem, string extension, out long index)
    {
        index = 0;
        if (fileName.Length <= stem.Length + 1 + extension.Length
            || !fileName.StartsWith(stem, StringComparison.Ordinal)
            || fileName[stem.Length] != '.'
            || !fileName.EndsWith(extension, StringComparison.Ordinal))
        {
            return false;
        }

        var digits = fileName.AsSpan(stem.Length + 1, fileName.Length - stem.Length - 1 - extension.Length);
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out index) && index > 0;
    }

    /// <summary>
    /// The files to read for a path: a file alone, or the one chain of a directory in chain order (rotated files by
    /// index, then the active file).
    /// </summary>
    /// <param name="path">An audit file or directory.</param>
    /// <returns>The files, as absolute paths.</returns>
    /// <exception cref="ArgumentException">The directory holds several chains.</exception>
    /// <exception cref="FileNotFoundException">The path does not exist, or the directory holds no audit file.</exception>
    public static List<string> Resolve(string path)
    {
        if (System.IO.Directory.Exists(path))
        {
            var chains = Discover(path);
            if (chains.Count == 0)
            {
                throw new FileNotFoundException($"The directory {path} holds no audit file (*.jsonl).", path);
            }

            if (chains.Count > 1)
            {
                var names = new List<string>(chains.Count);
                foreach (var chain in chains)
                {
                    names.Add(chain.Name);
                }

                throw new ArgumentException($"The directory {path} holds {chains.Count} audit chains ({string.Join(", ", names)}); use a directory per chain, or one file.", nameof(path));
            }

            return chains[0].Files;
        }

        if (File.Exists(path))
        {
            return [Path.GetFullPath(path)];
        }

        throw new FileNotFoundException($"{path} does not exist.", path);
    }

    /// <summary>
    /// Finds the audit chains in a directory: every <c>*.jsonl</c> file grouped by stem, rotated files by index,
    /// the active file last.
    /// </summary>
    /// <param name="directory">The directory.</param>
    /// <returns>The chains, each an ordered list of files.</returns>
    public static List<(string Name, List<string> Files)> Discover(string directory)
    {
        const string extension = ".jsonl";
        var actives = new SortedSet<string>(StringComparer.Ordinal);
        var rotated = new List<(string Stem, long Index, string Path)>();
        foreach (var path in System.IO.Directory.EnumerateFiles(directory, "*" + extension))
        {
            var name = Path.GetFileName(path);
            var withoutExtension = name[..^extension.Length];
            var dot = withoutExtension.LastIndexOf('.');
            if (dot > 0 && TryGetIndex(name, withoutExtension[..dot], extension, out var index))
            {
                rotated.Add((withoutExtension[..dot], index, path));
            }
            else
            {
                actives.Add(withoutExtension);
            }
        }

        var stems = new SortedSet<string>(actives, StringComparer.Ordinal);
        foreach (var r in rotated)
        {
            stems.Add(r.Stem);
        }

        var chains = new List<(string, List<string>)>();
        foreach (var stem in stems)
        {
            var files = new List<(long Index, string Path)>();
            foreach (var r in rotated)
            {
                if (string.Equals(r.Stem, stem, StringComparison.Ordinal))
                {
                    files.Add((r.Index, r.Path));
                }
            }

            files.Sort(static (x, y) => x.Index.CompareTo(y.Index));
            var ordered = new List<string>(files.Count + 1);
            foreach (var f in files)
            {
                ordered.Add(f.Path);
            }

            if (actives.Contains(stem))
            {
                ordered.Add(Path.Combine(directory, stem + extension));
            }

            chains.Add((stem + extension, ordered));
        }

        return chains;
    }
}
