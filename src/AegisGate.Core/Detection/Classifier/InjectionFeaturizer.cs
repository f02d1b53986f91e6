using System.Runtime.CompilerServices;

namespace AegisGate.Detection.Classifier;

/// <summary>Receives the hashed features of a text, token by token. A struct so the JIT specialises and inlines it.</summary>
internal interface IFeatureSink
{
    /// <summary>One feature occurrence, already reduced to a bucket index.</summary>
    /// <param name="bucket">The bucket (0 … 2^bits − 1).</param>
    /// <param name="word"><see langword="true"/> for a word unigram or bigram, <see langword="false"/> for a character n-gram.</param>
    void Feature(int bucket, bool word);

    /// <summary>The end of a word token; windows are counted in tokens.</summary>
    void EndToken();
}

/// <summary>The feature settings a model was trained with (stored in the model header).</summary>
/// <param name="BucketBits">log2 of the number of weight buckets.</param>
/// <param name="WordNgramMax">1 = word unigrams, 2 = unigrams and bigrams.</param>
/// <param name="CharNgramMin">The shortest character n-gram (0 = none).</param>
/// <param name="CharNgramMax">The longest character n-gram (at most 6).</param>
/// <param name="HashSeed">The seed mixed into every feature hash.</param>
internal readonly record struct FeaturizerSettings(int BucketBits, int WordNgramMax, int CharNgramMin, int CharNgramMax, uint HashSeed)
{
    public const int MaxCharNgram = 6;

    public int Mask => (1 << BucketBits) - 1;
}

/// <summary>
/// Feature hashing for the injection classifier (featurizer version 1). The input is text that has already been
/// canonicalised by the detection canonicaliser (NFKC, invisible characters removed, confusables folded); this
/// class only case-folds it, maps digits to <c>0</c> and collapses whitespace runs. Features:
/// <list type="bullet">
/// <item>word unigrams and bigrams (a word is a run of letters or digits);</item>
/// <item>character n-grams (<see cref="FeaturizerSettings.CharNgramMin"/> … <see cref="FeaturizerSettings.CharNgramMax"/>)
/// over the folded character stream, across word boundaries, so punctuation such as <c>[DAN]:</c> or
/// <c>&lt;|im_start|&gt;</c> contributes.</item>
/// </list>
/// Every feature is a 32-bit hash reduced to a bucket; nothing is allocated. The training tool calls the same code,
/// so training and inference see identical features.
/// </summary>
internal static class InjectionFeaturizer
{
    /// <summary>The featurizer version written into model files; bump it whenever the features change.</summary>
    public const ushort Version = 1;

    internal const uint Prime = 16777619u;
    internal const uint PolyBase = 0x9E3779B1u;
    internal const uint SaltUnigram = 0x51ED270Bu;
    internal const uint SaltBigram = 0x2545F491u;
    internal const uint SaltChar = 0x68E31DA4u;

    /// <summary>Extracts the features of <paramref name="text"/> into <paramref name="sink"/>.</summary>
    /// <typeparam name="TSink">The sink type.</typeparam>
    /// <param name="text">Canonicalised text.</param>
    /// <param name="settings">The model's featurizer settings.</param>
    /// <param name="sink">Receives the features.</param>
    public static void Featurize<TSink>(ReadOnlySpan<char> text, in FeaturizerSettings settings, ref TSink sink)
        where TSink : struct, IFeatureSink
    {
        var bits = settings.BucketBits;
        var seed = settings.HashSeed;
        var bigrams = settings.WordNgramMax >= 2;
        var cmin = settings.CharNgramMin;
        var cmax = settings.CharNgramMax;
        var want2 = cmin > 0 && cmin <= 2 && cmax >= 2;
        var want3 = cmin > 0 && cmin <= 3 && cmax >= 3;
        var want4 = cmin > 0 && cmin <= 4 && cmax >= 4;
        var want5 = cmin > 0 && cmin <= 5 && cmax >= 5;
        var want6 = cmin > 0 && cmin <= 6 && cmax >= 6;

        // Ring of the last MaxCharNgram folded characters (no allocation).
        uint c0 = 0, c1 = 0, c2 = 0, c3 = 0, c4 = 0, c5 = 0;
        var filled = 0;
        var previousWasSpace = true;

        uint wordHash = 2166136261u;
        var inWord = false;
        uint previousWord = 0;
        var havePreviousWord = false;

        for (var i = 0; i <= text.Length; i++)
        {
            char ch;
            if (i < text.Length)
            {
                ch = Fold(text[i]);
                if (ch == ' ')
                {
                    if (previousWasSpace)
                    {
                        continue;
                    }

                    previousWasSpace = true;
                }
                else
                {
                    previousWasSpace = false;
                }
            }
            else
            {
                ch = ' ';
                if (previousWasSpace && !inWord)
                {
                    break;
                }
            }

            // Character n-grams ending at this character.
            if (cmin > 0)
            {
                c5 = c4; c4 = c3; c3 = c2; c2 = c1; c1 = c0; c0 = ch;
                if (filled < FeaturizerSettings.MaxCharNgram)
                {
                    filled++;
                }

                // Polynomial hash accumulated from the newest character backwards gives every length in one pass.
                var g = c0;
                g = (g * PolyBase) + c1;
                if (want2 && filled >= 2)
                {
                    sink.Feature(Bucket(g, seed ^ SaltChar ^ 2u, bits), false);
                }

                g = (g * PolyBase) + c2;
                if (want3 && filled >= 3)
                {
                    sink.Feature(Bucket(g, seed ^ SaltChar ^ 3u, bits), false);
                }

                g = (g * PolyBase) + c3;
                if (want4 && filled >= 4)
                {
                    sink.Feature(Bucket(g, seed ^ SaltChar ^ 4u, bits), false);
                }

                g = (g * PolyBase) + c4;
                if (want5 && filled >= 5)
                {
                    sink.Feature(Bucket(g, seed ^ SaltChar ^ 5u, bits), false);
                }

                g = (g * PolyBase) + c5;
                if (want6 && filled >= 6)
                {
                    sink.Feature(Bucket(g, seed ^ SaltChar ^ 6u, bits), false);
                }
            }

            // Words.
            if (char.IsLetterOrDigit(ch))
            {
                wordHash = (wordHash ^ ch) * Prime;
                inWord = true;
            }
            else if (inWord)
            {
                sink.Feature(Bucket(wordHash, seed ^ SaltUnigram, bits), true);
                if (bigrams && havePreviousWord)
                {
                    sink.Feature(Bucket((previousWord * PolyBase) ^ wordHash, seed ^ SaltBigram, bits), true);
                }

                previousWord = wordHash;
                havePreviousWord = true;
                wordHash = 2166136261u;
                inWord = false;
                sink.EndToken();
            }
        }
    }

    /// <summary>Case-folds a canonical character, maps digits to <c>0</c> and every whitespace or control character to a space.</summary>
    /// <param name="c">The character.</param>
    /// <returns>The folded character.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char Fold(char c)
    {
        if (c < 128)
        {
            if ((uint)(c - 'A') <= 'Z' - 'A')
            {
                return (char)(c | 0x20);
            }

            if ((uint)(c - '0') <= 9)
            {
                return '0';
            }

            return c <= ' ' || c == 127 ? ' ' : c;
        }

        if (char.IsWhiteSpace(c) || char.IsControl(c))
        {
            return ' ';
        }

        return char.IsDigit(c) ? '0' : char.ToLowerInvariant(c);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Bucket(uint hash, uint salt, int bits)
    {
        // Fibonacci (multiplicative) hashing: one multiply, the top bits are well mixed.
        return (int)(((hash ^ salt) * 0x9E3779B1u) >> (32 - bits));
    }
}
