using System.Reflection;
using System.Text.Json;
using NUnit.Framework;

namespace AegisGate.TestUtilities;

/// <summary>Locates the repository and the shared development corpus (which a stranger's clone does not have).</summary>
public static class TestPaths
{
    /// <summary>Gets the repository root.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Gets the shared corpus directory (<c>../shared/corpus</c>), or <see langword="null"/> when absent.</summary>
    public static string? SharedCorpus
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("AEGISGATE_SHARED_CORPUS");
            var path = fromEnv ?? Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "corpus"));
            return Directory.Exists(path) ? path : null;
        }
    }

    /// <summary>Returns a corpus file path, or marks the test ignored (visibly) when the shared corpus is absent.</summary>
    /// <param name="fileName">The file name, e.g. <c>injection.jsonl</c>.</param>
    /// <returns>The absolute path.</returns>
    public static string RequireCorpusFile(string fileName)
    {
        var corpus = SharedCorpus;
        var path = corpus is null ? null : Path.Combine(corpus, fileName);
        if (path is null || !File.Exists(path))
        {
            Assert.Ignore($"SKIPPED: the shared corpus file ../shared/corpus/{fileName} is not present (a plain clone has no ../shared).");
        }

        return path!;
    }

    /// <summary>
    /// The <c>text</c> of every row of the three corpus files (injection, PII, secrets). Marks the test ignored (visibly)
    /// when the corpus is absent, unless <paramref name="optional"/>, which yields nothing then.
    /// </summary>
    /// <param name="optional">Whether a missing corpus yields no texts instead of ignoring the test.</param>
    /// <returns>The texts, in file order.</returns>
    public static IEnumerable<string> CorpusTexts(bool optional = false)
    {
        if (optional && SharedCorpus is null)
        {
            yield break;
        }

        foreach (var file in (string[])["injection.jsonl", "pii.jsonl", "secrets.jsonl"])
        {
            foreach (var line in File.ReadLines(RequireCorpusFile(file)))
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                using var doc = JsonDocument.Parse(line);
                yield return doc.RootElement.GetProperty("text").GetString() ?? string.Empty;
            }
        }
    }

    private static string FindRepositoryRoot()
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            foreach (var attribute in assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
            {
                if (attribute.Key == "RepositoryRoot" && attribute.Value is { } value && File.Exists(Path.Combine(value, "AegisGate.sln")))
                {
                    return value;
                }
            }
        }

        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AegisGate.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Could not find the repository root (AegisGate.sln).");
    }
}
