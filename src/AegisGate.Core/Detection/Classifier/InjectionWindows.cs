namespace AegisGate.Detection.Classifier;

/// <summary>Splits long text into overlapping windows for models with a bounded input (for example 512 tokens).</summary>
public static class InjectionWindows
{
    /// <summary>
    /// Returns the start of the next window: windows are <paramref name="windowChars"/> long and overlap by half, and
    /// start after whitespace when there is some in the last eighth before the nominal start, so words are not cut.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="start">The start of the current window.</param>
    /// <param name="windowChars">The window length in characters (at least 16).</param>
    /// <returns>The start of the next window, or -1 when the current window reaches the end of the text.</returns>
    /// <example>
    /// <code>
    /// var max = 0.0;
    /// for (var start = 0; start >= 0; start = InjectionWindows.Next(text, start, 2048))
    /// {
    ///     var window = text.Slice(start, Math.Min(2048, text.Length - start));
    ///     max = Math.Max(max, ScoreWindow(window));
    /// }
    /// </code>
    /// </example>
    public static int Next(ReadOnlySpan<char> text, int start, int windowChars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowChars, 16);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        if (start + windowChars >= text.Length)
        {
            return -1;
        }

        var next = start + (windowChars / 2);
        var floor = next - (windowChars / 8);
        for (var i = next; i > floor; i--)
        {
            if (char.IsWhiteSpace(text[i - 1]))
            {
                return i;
            }
        }

        return next;
    }
}
