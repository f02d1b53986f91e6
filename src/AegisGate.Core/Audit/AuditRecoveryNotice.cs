namespace AegisGate.Audit;

/// <summary>
/// A recovery record the sink wrote after an interrupted write (a crash or kill mid-write left a torn last line). The
/// torn bytes stay in the file; the recovery record covers them by length and SHA-256 and continues the chain. Nothing
/// acknowledged was lost, so verification still succeeds, but it reports each one.
/// </summary>
public sealed class AuditRecoveryNotice
{
    /// <summary>Initializes a new instance of the <see cref="AuditRecoveryNotice"/> class.</summary>
    /// <param name="file">The file.</param>
    /// <param name="line">The 1-based line of the recovery record.</param>
    /// <param name="sequence">Its sequence number.</param>
    /// <param name="coveredBytes">The number of torn bytes it covers.</param>
    public AuditRecoveryNotice(string file, long line, long sequence, long coveredBytes)
    {
        ArgumentNullException.ThrowIfNull(file);
        File = file;
        Line = line;
        Sequence = sequence;
        CoveredBytes = coveredBytes;
    }

    /// <summary>Gets the file.</summary>
    public string File { get; }

    /// <summary>Gets the 1-based line of the recovery record.</summary>
    public long Line { get; }

    /// <summary>Gets the recovery record's sequence number.</summary>
    public long Sequence { get; }

    /// <summary>Gets the number of torn bytes (including the newline the sink added) the record covers.</summary>
    public long CoveredBytes { get; }

    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line} (seq {Sequence}) covers {CoveredBytes} torn bytes of an interrupted write";
}
