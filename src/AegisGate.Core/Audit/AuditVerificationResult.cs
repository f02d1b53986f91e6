namespace AegisGate.Audit;

/// <summary>The outcome of <see cref="AuditVerifier.Verify"/>: valid, or the first bad record.</summary>
public sealed class AuditVerificationResult
{
    internal AuditVerificationResult(
        IReadOnlyList<string> files,
        long recordCount,
        long? firstSequence,
        AuditAnchor? head,
        bool startsAtGenesis,
        IReadOnlyList<AuditRecoveryNotice> recoveries,
        AuditVerificationFailure? failure)
    {
        Files = files;
        RecordCount = recordCount;
        FirstSequence = firstSequence;
        Head = head;
        StartsAtGenesis = startsAtGenesis;
        Recoveries = recoveries;
        Failure = failure;
    }

    /// <summary>Gets a value indicating whether every record verified and linked to its predecessor.</summary>
    public bool IsValid => Failure is null;

    /// <summary>Gets the first bad record, or <see langword="null"/> when the chain is valid.</summary>
    public AuditVerificationFailure? Failure { get; }

    /// <summary>Gets the files verified, in chain order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Gets the number of records that verified and linked (before the first bad record, if any).</summary>
    public long RecordCount { get; }

    /// <summary>Gets the sequence number of the first record, or <see langword="null"/> when there is none.</summary>
    public long? FirstSequence { get; }

    /// <summary>
    /// Gets the last record that verified (sequence number and MAC). Store it outside the audit directory and pass it
    /// back as <see cref="AuditVerificationOptions.ExpectedHead"/> to detect later deletions at the end.
    /// </summary>
    public AuditAnchor? Head { get; }

    /// <summary>
    /// Gets a value indicating whether the chain starts at its first record (sequence 1). When it does not, older files
    /// were rotated out (retention) or not included, and the first record's link to its predecessor is taken on trust.
    /// </summary>
    public bool StartsAtGenesis { get; }

    /// <summary>Gets the recovery records that covered torn bytes of interrupted writes (nothing acknowledged was lost).</summary>
    public IReadOnlyList<AuditRecoveryNotice> Recoveries { get; }
}
