namespace AegisGate.Detection;

/// <summary>
/// Restores the word breaks of a spaced-out run that was written with one separator everywhere
/// (<c>i g n o r e a l l p r e v i o u s i n s t r u c t i o n s</c>): collapsed naively it becomes one word that no
/// phrase rule or word feature recognises. The run's letters are split into the fewest words of
/// <see cref="AttackVocabulary"/>; a run that does not split completely stays one word, so a secret or a name spelled
/// out letter by letter is never changed.
/// </summary>
internal static class SpacedRunSegmenter
{
    /// <summary>The longest run (in letters) that is segmented; longer runs stay one word (bounded work).</summary>
    public const int MaxLetters = 256;

    private const int MaxWordLength = 16;

    /// <summary>
    /// Splits <paramref name="letters"/> (lower-case) into the fewest vocabulary words. Sets <paramref name="breakBefore"/>[i]
    /// where a word starts at letter i &gt; 0.
    /// </summary>
    /// <returns>Whether the letters split completely into two or more words.</returns>
    public static bool TrySegment(ReadOnlySpan<char> letters, Span<bool> breakBefore)
    {
        var n = letters.Length;
        if (n < 2 || n > MaxLetters)
        {
            return false;
        }

        // words[i]: fewest words covering letters[..i] (short.MaxValue: none); start[i]: where the last of them begins.
        Span<short> words = stackalloc short[n + 1];
        Span<short> start = stackalloc short[n + 1];
        words.Fill(short.MaxValue);
        words[0] = 0;
        for (var end = 1; end <= n; end++)
        {
            for (var length = Math.Min(MaxWordLength, end); length >= 1; length--)
            {
                var from = end - length;
                if (words[from] != short.MaxValue && words[from] + 1 < words[end] && AttackVocabulary.Contains(letters[from..end]))
                {
                    words[end] = (short)(words[from] + 1);
                    start[end] = (short)from;
                }
            }
        }

        if (words[n] == short.MaxValue || words[n] < 2)
        {
            return false;
        }

        breakBefore[..n].Clear();
        for (var end = n; end > 0; end = start[end])
        {
            if (start[end] > 0)
            {
                breakBefore[start[end]] = true;
            }
        }

        return true;
    }
}
