using System.Text;
using AegisGate.Detection.Rules;

namespace AegisGate.Core.Tests.Detection;

/// <summary>The generic credential rule's key splitter hands out shared instances of known words; the words must not change.</summary>
public sealed class GenericCredentialSplitTests
{
    private static readonly string[] s_keys =
    [
        "AWS_SECRET_ACCESS_KEY", "myAPIKeyValue", "HTTPServer2Token", "db.password", "client-secret", "max_tokens", "x", "__", "",
        "merakiApiToken", "sessionKeyV2", "ABCToken", "tokenABC", "A1b2C3", "$user@pass", "PRIVATE_key_ID", new string('k', 300) + "Token",
    ];

    [TestCaseSource(nameof(s_keys))]
    public void Split_AnyKey_ReturnsTheWordsOfTheStringBuilderSplitter(string key)
    {
        Assert.That(GenericCredential.Split(key), Is.EqualTo(Reference(key)));
    }

    [Test]
    public void Split_KnownWords_AreSharedInstances()
    {
        var first = GenericCredential.Split("api_key");
        var second = GenericCredential.Split("API-KEY");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second, Is.EqualTo(new[] { "api", "key" }));
            Assert.That(ReferenceEquals(first[0], second[0]) && ReferenceEquals(first[1], second[1]), Is.True);
        }
    }

    // The splitter as it was (a StringBuilder per key, a new string per word).
    private static List<string> Reference(ReadOnlySpan<char> key)
    {
        var result = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (!char.IsAsciiLetterOrDigit(c))
            {
                Flush();
                continue;
            }

            if (char.IsAsciiLetterUpper(c) && current.Length > 0 && i > 0 && (char.IsAsciiLetterLower(key[i - 1]) || (i + 1 < key.Length && char.IsAsciiLetterLower(key[i + 1]) && char.IsAsciiLetterUpper(key[i - 1]))))
            {
                Flush();
            }

            current.Append(char.ToLowerInvariant(c));
        }

        Flush();
        return result;

        void Flush()
        {
            if (current.Length > 0)
            {
                result.Add(current.ToString());
                current.Clear();
            }
        }
    }
}
