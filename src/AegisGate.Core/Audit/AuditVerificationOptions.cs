namespace AegisGate.Audit;

/// <summary>Options of <see cref="AuditVerifier.Verify"/>.</summary>
public sealed class AuditVerificationOptions
{
    /// <summary>
    /// Gets or sets a head recorded outside the audit directory. The chain must contain that record with that MAC;
    /// a chain that ends before it fails with <see cref="AuditFailureKind.Deleted"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: no external anchor, so records deleted from the end cannot be detected.</value>
    public AuditAnchor? ExpectedHead { get; set; }
}
