using System.Diagnostics;
using AegisGate.TestUtilities;

namespace AegisGate.IntegrationTests.Mcp;

/// <summary>Installs the pinned npm packages a test needs with <c>npm ci</c> when missing (idempotent, under a file lock).</summary>
internal static class NpmPackages
{
    public static string InteropDirectory => Path.Combine(TestPaths.RepositoryRoot, "tests", "interop", "mcp");

    public static string EverythingDirectory => Path.Combine(TestPaths.RepositoryRoot, "samples", "AegisGate.Sample", "mcp-everything");

    /// <summary>Runs <c>npm ci</c> in <paramref name="directory"/> unless <paramref name="marker"/> (relative) exists.</summary>
    public static async Task EnsureInstalledAsync(string directory, string marker)
    {
        if (File.Exists(Path.Combine(directory, marker)))
        {
            return;
        }

        var lockPath = Path.Combine(Path.GetTempPath(), "aegis-npm-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(directory)))[..16] + ".lock");
        await using var fileLock = await AcquireAsync(lockPath);
        if (File.Exists(Path.Combine(directory, marker)))
        {
            return;
        }

        var start = new ProcessStartInfo("npm") { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        Assert.That(process.ExitCode, Is.Zero, $"npm ci failed in {directory}: {await stderr}");
    }

    private static async Task<FileStream> AcquireAsync(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < 600)
            {
                await Task.Delay(500);
            }
        }
    }
}
