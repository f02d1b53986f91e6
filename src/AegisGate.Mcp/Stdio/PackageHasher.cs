using System.Security.Cryptography;
using System.Text;

namespace AegisGate.Mcp.Stdio;

/// <summary>
/// Hashes files and package directories for the stdio allowlist. A directory's hash is the SHA-256 of the sorted
/// list of <c>relative/path\0sha256(file)\n</c> lines over every regular file (symbolic links are refused), so a
/// changed, added or removed file changes the hash.
/// </summary>
public static class PackageHasher
{
    /// <summary>Hashes one file.</summary>
    /// <param name="path">The file.</param>
    /// <returns><c>sha256:</c> + 64 hex digits.</returns>
    public static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Hashes a directory tree.</summary>
    /// <param name="directory">The directory.</param>
    /// <returns><c>sha256:</c> + 64 hex digits.</returns>
    /// <exception cref="IOException">The tree holds a symbolic link.</exception>
    public static string HashDirectory(string directory)
    {
        var root = Path.GetFullPath(directory);
        var lines = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, ReturnSpecialDirectories = false }))
        {
            var info = new FileInfo(file);
            if (info.LinkTarget is not null)
            {
                throw new IOException("The package holds a symbolic link; it cannot be verified.");
            }

            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            lines.Add(relative + "\0" + HashFile(file)[7..] + "\n");
        }

        lines.Sort(StringComparer.Ordinal);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(lines))));
    }
}
