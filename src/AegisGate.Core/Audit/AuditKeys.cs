using System.Security.Cryptography;
using System.Text;

namespace AegisGate.Audit;

/// <summary>
/// Loads the HMAC-SHA256 key of the audit chain: base64 text of at least 32 random bytes, given in configuration
/// (<c>AegisGate:Audit:Key</c>), in a key file (<c>AegisGate:Audit:KeyFile</c>) or in an environment variable.
/// Error messages name the source, never the key.
/// </summary>
public static class AuditKeys
{
    /// <summary>The smallest accepted key, in bytes.</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>The size of a generated key, in bytes.</summary>
    public const int GeneratedKeyBytes = 32;

    private const int MaximumKeyFileBytes = 4096;

    /// <summary>Decodes a base64 key.</summary>
    /// <param name="base64">The base64 text (surrounding whitespace is ignored).</param>
    /// <returns>The key bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="base64"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">The text is not base64 of at least <see cref="MinimumKeyBytes"/> bytes.</exception>
    public static byte[] FromBase64(string base64)
    {
        ArgumentNullException.ThrowIfNull(base64);
        var trimmed = base64.AsSpan().Trim();
        var buffer = new byte[(trimmed.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64Chars(trimmed, buffer, out var written) || written < MinimumKeyBytes)
        {
            CryptographicOperations.ZeroMemory(buffer);
            throw new FormatException($"The audit key must be base64 of at least {MinimumKeyBytes} bytes.");
        }

        var key = buffer.AsSpan(0, written).ToArray();
        CryptographicOperations.ZeroMemory(buffer);
        return key;
    }

    /// <summary>Reads a key file (base64 text).</summary>
    /// <param name="path">The key file.</param>
    /// <returns>The key bytes.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file does not hold base64 of at least <see cref="MinimumKeyBytes"/> bytes.</exception>
    /// <exception cref="IOException">The file could not be read.</exception>
    public static byte[] ReadKeyFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
        if (stream.Length > MaximumKeyFileBytes)
        {
            throw new InvalidDataException($"The audit key file {path} is larger than {MaximumKeyFileBytes} bytes; it must hold only the base64 key.");
        }

        var bytes = new byte[(int)stream.Length];
        stream.ReadExactly(bytes);
        var text = Encoding.ASCII.GetString(bytes);
        CryptographicOperations.ZeroMemory(bytes);
        try
        {
            return FromBase64(text);
        }
        catch (FormatException)
        {
            throw new InvalidDataException($"The audit key file {path} does not hold base64 of at least {MinimumKeyBytes} bytes.");
        }
    }

    /// <summary>Reads a key file, creating it (mode 0600, a new random key) when it is missing and <paramref name="create"/> is set.</summary>
    /// <param name="path">The key file.</param>
    /// <param name="create">Whether a missing file is created.</param>
    /// <param name="created">Whether this call created the file.</param>
    /// <returns>The key bytes.</returns>
    internal static byte[] LoadOrCreateKeyFile(string path, bool create, out bool created)
    {
        created = false;
        if (File.Exists(path) || !create)
        {
            if (!File.Exists(path))
            {
                throw new AuditSinkException($"The audit key file {path} does not exist and AegisGate:Audit:CreateKeyFileIfMissing is false.");
            }

            return ReadKeyFile(path);
        }

        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            CreatePrivateDirectory(directory);
        }

        var key = RandomNumberGenerator.GetBytes(GeneratedKeyBytes);
        var text = Encoding.ASCII.GetBytes(Convert.ToBase64String(key) + "\n");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var stream = new FileStream(path, options);
            stream.Write(text);
            stream.Flush(flushToDisk: true);
            created = true;
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs.
            CryptographicOperations.ZeroMemory(key);
            return ReadKeyFile(path);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(text);
        }
    }

    /// <summary>Returns whether a key file can be read by group or others (Unix).</summary>
    /// <param name="path">The key file.</param>
    /// <returns><see langword="true"/> when its mode grants group or other access.</returns>
    internal static bool IsReadableByOthers(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & others) != 0;
    }

    /// <summary>Creates a directory (and its parents) readable only by the owner on Unix.</summary>
    /// <param name="directory">The directory.</param>
    internal static void CreatePrivateDirectory(string directory)
    {
        if (Directory.Exists(directory))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
