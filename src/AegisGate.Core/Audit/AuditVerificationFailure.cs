namespace AegisGate.Audit;

/// <summary>The first bad record of an audit chain.</summary>
public sealed class AuditVerificationFailure
{
    /// <summary>Initializes a new instance of the <see cref="AuditVerificationFailure"/> class.</summary>
    /// <param name="kind">What is wrong.</param>
    /// <param name="file">The file that holds the record.</param>
    /// <param name="line">The 1-based line number in <paramref name="file"/>.</param>
    /// <param name="sequence">The record's sequence number, when it could be read.</param>
    /// <param name="message">A description for people.</param>
    public AuditVerificationFailure(AuditFailureKind kind, string file, long line, long? sequence, string message)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(message);
        Kind = kind;
        File = file;
        Line = line;
        Sequence = sequence;
        Message = message;
    }

    /// <summary>Gets what is wrong.</summary>
    public AuditFailureKind Kind { get; }

    /// <summary>Gets the file that holds the first bad record.</summary>
    public string File { get; }

    /// <summary>Gets the 1-based line number of the first bad record (for a missing tail: the line after the last record).</summary>
    public long Line { get; }

    /// <summary>Gets the sequence number of the first bad record, when it could be read.</summary>
    public long? Sequence { get; }

    /// <summary>Gets a description for people.</summary>
    public string Message { get; }

    /// <inheritdoc />
    public override string ToString() => Sequence is { } seq
        ? $"{Kind} at {File}:{Line} (seq {seq}): {Message}"
        : $"{Kind} at {File}:{Line}: {Message}";
}
