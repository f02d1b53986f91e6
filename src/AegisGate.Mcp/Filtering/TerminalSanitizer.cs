using System.Text;

namespace AegisGate.Mcp.Filtering;

/// <summary>
/// Strips terminal control sequences from text shown to people and models: ANSI escape sequences (CSI, OSC, other
/// ESC sequences), C0 controls except tab/newline/carriage return, DEL and C1 controls. Detects the hidden characters
/// used for tool poisoning (zero-width, bidirectional overrides, Unicode tag characters). A linear scan; no regex.
/// </summary>
internal static class TerminalSanitizer
{
    private const char Escape = '\u001B';

    /// <summary>Returns the text without control sequences (the same instance when there are none).</summary>
    public static string Strip(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var i = 0;
        while (i < text.Length && !IsControl(text[i]))
        {
            i++;
        }

        if (i == text.Length)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        builder.Append(text, 0, i);
        while (i < text.Length)
        {
            var c = text[i];
            if (c == Escape || c == '\u009B' || c == '\u009D')
            {
                i = SkipEscape(text, i);
                continue;
            }

            if (!IsControl(c))
            {
                builder.Append(c);
            }

            i++;
        }

        return builder.ToString();
    }

    /// <summary>Returns whether the text holds characters that hide content from a human reviewer.</summary>
    public static bool ContainsHiddenCharacters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsControl(c)
                || c is >= '\u200B' and <= '\u200F'
                || c is >= '\u202A' and <= '\u202E'
                || c is >= '\u2060' and <= '\u2064'
                || c is >= '\u2066' and <= '\u2069'
                || c == '\uFEFF'
                || (c == '\uDB40' && i + 1 < text.Length && text[i + 1] is >= '\uDC00' and <= '\uDC7F'))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsControl(char c)
        => (c < ' ' && c is not ('\t' or '\n' or '\r')) || c is >= '\u007F' and <= '\u009F';

    private static int SkipEscape(string text, int start)
    {
        var i = start;
        var introducer = text[i];
        i++;
        if (introducer == Escape)
        {
            if (i >= text.Length)
            {
                return i;
            }

            var next = text[i];
            if (next == '[')
            {
                return SkipCsi(text, i + 1);
            }

            if (next is ']' or 'P' or 'X' or '^' or '_')
            {
                return SkipString(text, i + 1);
            }

            // Two-character escape (ESC followed by one final byte), or intermediates then a final byte.
            while (i < text.Length && text[i] is >= ' ' and <= '/')
            {
                i++;
            }

            return i < text.Length ? i + 1 : i;
        }

        return introducer == '\u009B' ? SkipCsi(text, i) : SkipString(text, i);
    }

    private static int SkipCsi(string text, int i)
    {
        while (i < text.Length && text[i] is >= '0' and <= '?')
        {
            i++;
        }

        while (i < text.Length && text[i] is >= ' ' and <= '/')
        {
            i++;
        }

        return i < text.Length && text[i] is >= '@' and <= '~' ? i + 1 : i;
    }

    private static int SkipString(string text, int i)
    {
        // OSC/DCS/SOS/PM/APC: up to BEL, ST (ESC \) or the C1 ST.
        while (i < text.Length)
        {
            var c = text[i];
            if (c is '\u0007' or '\u009C')
            {
                return i + 1;
            }

            if (c == Escape && i + 1 < text.Length && text[i + 1] == '\\')
            {
                return i + 2;
            }

            i++;
        }

        return i;
    }
}
