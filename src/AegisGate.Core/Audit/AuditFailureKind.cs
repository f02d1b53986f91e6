namespace AegisGate.Audit;

/// <summary>What is wrong with the first bad record that <see cref="AuditVerifier"/> found.</summary>
public enum AuditFailureKind
{
    /// <summary>The record's MAC does not match its bytes: it was edited (or written under another key while others verify).</summary>
    Edited,

    /// <summary>
    /// One or more records are missing: a gap in the sequence numbers, torn bytes that a recovery record covered are gone,
    /// the writer itself recorded lost records, or the chain ends before an expected head (<see cref="AuditVerificationOptions.ExpectedHead"/>).
    /// </summary>
    Deleted,

    /// <summary>Records are out of order: a later record appears early, or a sequence number goes back or repeats.</summary>
    Reordered,

    /// <summary>The last line is cut (it has no terminating newline): a truncated record that no recovery record covers.</summary>
    Truncated,

    /// <summary>The line is not a record: invalid JSON, missing or invalid members, an unknown version, or too long.</summary>
    Malformed,

    /// <summary>
    /// The sequence continues but <c>prev</c> is not the previous record's MAC: records from another chain were spliced
    /// in (for example a file swapped across a rotation boundary), or a record does not match the expected head.
    /// </summary>
    BrokenLink,

    /// <summary>No record verifies with the key: the wrong key was given (or every record was altered).</summary>
    WrongKey,
}
