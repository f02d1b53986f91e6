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

    /// <summary>Gets how many of the verified records are encrypted (<c>AegisGate:Audit:Encrypt</c>); their content was not read.</summary>
    public long EncryptedRecordCount { get; internal init; }

    /// <summary>
    /// Gets the ids of the key-encryption keys that wrapped the data keys of the verified records, in order of first use.
    /// Keep each of them in <c>AegisGate:Encryption:Keys</c> while files that use it are retained.
    /// </summary>
    public IReadOnlyList<string> KeyEncryptionKeyIds { get; internal init; } = [];

    /// <summary>Gets the chain after the last record that verified (to continue verification later), or <see langword="null"/> when there is none.</summary>
    internal AuditChainState? EndState { get; init; }

    /// <summary>Gets the byte offset just after the last record that verified in the last file read (where a later continuation starts).</summary>
    internal long EndOffset { get; init; }

    /// <summary>Gets the line number of the last record that verified in the last file read.</summary>
    internal long EndLine { get; init; }
}

/// <summary>
/// The state of a chain after a verified record: what the next record must link to. Lets a verification continue
/// where an earlier one stopped (<see cref="AuditVerifier.VerifyContinuation"/>) instead of reading the trail again.
/// </summary>
/// <param name="Sequence">The sequence number of the last verified record.</param>
/// <param name="Mac">Its MAC (the next record's <c>prev</c>).</param>
/// <param name="Count">How many records verified so far.</param>
/// <param name="FirstSequence">The sequence number of the first verified record.</param>
/// <param name="StartsAtGenesis">Whether the verified chain starts at sequence 1.</param>
internal readonly record struct AuditChainState(long Sequence, AuditMac Mac, long Count, long? FirstSequence, bool StartsAtGenesis);
