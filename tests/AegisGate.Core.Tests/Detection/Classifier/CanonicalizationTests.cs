using AegisGate.Detection.Classifier;

namespace AegisGate.Core.Tests.Detection.Classifier;

/// <summary>The (interim) canonicaliser the classifier trains and scores with.</summary>
public sealed class CanonicalizationTests
{
    [TestCase("ig\u200Bno\u200Dre", "ignore")]
    [TestCase("hello \U000E0069\U000E0067world", "hello world")]
    [TestCase("ｉｇｎｏｒｅ", "ignore")]
    [TestCase("іgnоrе", "ignore")]
    [TestCase("ѕсоре", "scope")]
    [TestCase("i g n o r e previous", "ignore previous")]
    [TestCase("p.r.e.v.i.o.u.s", "previous")]
    [TestCase("a b c", "a b c")]
    [TestCase("Привет мир", "Привет мир")]
    [TestCase("plain text", "plain text")]
    public void Canonicalize_FoldsObfuscation(string input, string expected)
    {
        Assert.That(ClassifierCanonicalization.Canonicalize(input), Is.EqualTo(expected));
    }

    [Test]
    public void Canonicalize_AlreadyCanonical_ReturnsSameInstance()
    {
        const string Text = "What is the capital of France?";

        Assert.That(ClassifierCanonicalization.Canonicalize(Text), Is.SameAs(Text));
    }

    [Test]
    public void Fingerprint_IsTheOneTheEmbeddedModelWasTrainedWith()
    {
        // When this fails, the canonicaliser changed: retrain (tools/AegisGate.Training) and commit the new model.
        Assert.That(ClassifierCanonicalization.Fingerprint.ToArray(), Is.EqualTo(HashedLinearInjectionModel.LoadEmbedded().Header.CanonicalizerFingerprint));
    }
}

/// <summary>The confidence combination.</summary>
public sealed class InjectionConfidenceTests
{
    [TestCase(0.3, 0.0, 0.3)]
    [TestCase(0.0, 0.8, 0.8)]
    [TestCase(0.5, 0.5, 0.75)]
    [TestCase(1.0, 0.2, 1.0)]
    public void Combine_IsNoisyOr(double model, double lexical, double expected)
    {
        Assert.That(InjectionConfidence.Combine(model, lexical), Is.EqualTo(expected).Within(1e-12));
    }

    [TestCase(double.NaN, 0.1)]
    [TestCase(-0.1, 0.1)]
    [TestCase(0.1, 1.1)]
    [TestCase(0.1, double.PositiveInfinity)]
    public void Combine_OutOfRange_Throws(double model, double lexical)
    {
        Assert.That(() => InjectionConfidence.Combine(model, lexical), Throws.TypeOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void Windows_Next_CoversTheTextWithHalfOverlap()
    {
        var text = string.Concat(Enumerable.Repeat("abcd efgh ", 100)).AsSpan();
        var starts = new List<int>();
        for (var start = 0; start >= 0; start = InjectionWindows.Next(text, start, 100))
        {
            starts.Add(start);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(starts[0], Is.Zero);
            Assert.That(starts[^1] + 100, Is.GreaterThanOrEqualTo(text.Length));
            Assert.That(starts.Zip(starts.Skip(1)).All(p => p.Second - p.First is > 30 and <= 50), Is.True);
        }
    }
}
