using System.Security.Cryptography;

namespace AegisGate.A2A.Integrity;

/// <summary>
/// Resolves a key reference from <c>a2a.yaml</c>: <c>env:NAME</c>, <c>file:path</c> or <c>base64:value</c>. The value is
/// base64 of at least 32 bytes. Errors never contain the secret.
/// </summary>
internal static class SecretReference
{
    private const int MaxFileBytes = 4096;

    public static bool TryResolve(string reference, string baseDirectory, out byte[] key, out string error)
    {
        key = [];
        error = string.Empty;
        string? encoded;
        if (reference.StartsWith("env:", StringComparison.Ordinal))
        {
            var name = reference[4..];
            if (name.Length == 0)
            {
                error = "names no environment variable.";
                return false;
            }

            encoded = Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrWhiteSpace(encoded))
            {
                error = $"the environment variable {name} is not set.";
                return false;
            }
        }
        else if (reference.StartsWith("file:", StringComparison.Ordinal))
        {
            var path = Path.GetFullPath(reference[5..], baseDirectory);
            try
            {
                var info = new FileInfo(path);
                if (!info.Exists)
                {
                    error = $"the key file {path} does not exist.";
                    return false;
                }

                if (info.Length > MaxFileBytes)
                {
                    error = $"the key file {path} is larger than {MaxFileBytes} bytes.";
                    return false;
                }

                encoded = File.ReadAllText(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                error = $"the key file {path} could not be read ({ex.GetType().Name}).";
                return false;
            }
        }
        else if (reference.StartsWith("base64:", StringComparison.Ordinal))
        {
            encoded = reference[7..];
        }
        else
        {
            error = "must be env:NAME, file:path or base64:value.";
            return false;
        }

        var trimmed = encoded.Trim();
        var buffer = new byte[(trimmed.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(trimmed, buffer, out var written))
        {
            CryptographicOperations.ZeroMemory(buffer);
            error = "is not valid base64.";
            return false;
        }

        if (written < A2ASignatureV1.MinKeyBytes)
        {
            CryptographicOperations.ZeroMemory(buffer);
            error = $"must decode to at least {A2ASignatureV1.MinKeyBytes} bytes.";
            return false;
        }

        key = buffer.AsSpan(0, written).ToArray();
        CryptographicOperations.ZeroMemory(buffer);
        return true;
    }
}
