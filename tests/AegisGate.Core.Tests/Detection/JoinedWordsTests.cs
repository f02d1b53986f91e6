using AegisGate.Detection.Engine;

namespace AegisGate.Core.Tests.Detection;

/// <summary>The vectorised search for joined words agrees with the plain definition everywhere.</summary>
public sealed class JoinedWordsTests
{
    private const string Alphabet = "aZ._- b-Q\u00E9_x.Yc";

    [Test]
    public void NextJoin_SeededRandomText_MatchesTheScalarDefinition()
    {
        var random = new Random(20261127);
        for (var round = 0; round < 2000; round++)
        {
            var text = new string(Enumerable.Range(0, random.Next(0, 70)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
            for (var from = 1; from <= text.Length; from++)
            {
                Assert.That(Decoders.NextJoin(text, from), Is.EqualTo(Reference(text, from)), $"text \"{text}\" from {from}");
            }
        }
    }

    [TestCase("IgnoreAll", 6)]
    [TestCase("ignore_all", 6)]
    [TestCase("end. Next", -1)]
    [TestCase("a -b", -1)]
    [TestCase("ALL CAPS", -1)]
    public void NextJoin_Examples(string text, int expected)
    {
        Assert.That(Decoders.NextJoin(text, 1), Is.EqualTo(expected));
    }

    private static int Reference(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            var c = text[i];
            var p = text[i - 1];
            if ((char.IsAsciiLetterUpper(c) && char.IsAsciiLetterLower(p))
                || (c is '.' or '_' or '-' && char.IsAsciiLetter(p) && i + 1 < text.Length && char.IsAsciiLetter(text[i + 1])))
            {
                return i;
            }
        }

        return -1;
    }
}
