using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AegisGate.Audit;

/// <summary>
/// A head of the chain recorded outside the audit directory (sequence number and MAC of a record, as printed by
/// <c>aegisgate audit verify</c>). Verifying against it detects records deleted from the end, which the files alone
/// cannot show. Text form: <c>SEQ:MAC</c>.
/// </summary>
public readonly record struct AuditAnchor
{
    /// <summary>Initializes a new instance of the <see cref="AuditAnchor"/> struct.</summary>
    /// <param name="sequence">The record's sequence number (1 or more).</param>
    /// <param name="mac">The record's MAC, base64.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sequence"/> is less than 1.</exception>
    /// <exception cref="FormatException"><paramref name="mac"/> is not base64 of 32 bytes.</exception>
    public AuditAnchor(long sequence, string mac)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        if (!AuditMac.TryFromBase64(mac, out _))
        {
            throw new FormatException("An anchor MAC is base64 of 32 bytes.");
        }

        Sequence = sequence;
        Mac = mac;
    }

    /// <summary>Gets the sequence number.</summary>
    public long Sequence { get; }

    /// <summary>Gets the MAC, base64.</summary>
    public string Mac { get; }

    /// <summary>Parses <c>SEQ:MAC</c>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="anchor">The anchor.</param>
    /// <returns><see langword="true"/> when the text is a valid anchor.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out AuditAnchor anchor)
    {
        anchor = default;
        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (text is null || colon <= 0
            || !long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence < 1
            || !AuditMac.TryFromBase64(text[(colon + 1)..], out _))
        {
            return false;
        }

        anchor = new AuditAnchor(sequence, text[(colon + 1)..]);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Sequence}:{Mac}");
}
