namespace AegisGate.Audit;

/// <summary>
/// The audit sink cannot record events: a missing or invalid key, a chain tail that does not verify, an audit file in
/// use by another process, an event too large to record. <see cref="AuditTrail"/> turns it into a denial with
/// <see cref="AegisErrorCodes.AuditUnavailable"/> when audit is fail-closed. Messages name files, never keys or event content.
/// </summary>
public sealed class AuditSinkException : IOException
{
    /// <summary>Initializes a new instance of the <see cref="AuditSinkException"/> class.</summary>
    public AuditSinkException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AuditSinkException"/> class.</summary>
    /// <param name="message">The message.</param>
    public AuditSinkException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AuditSinkException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public AuditSinkException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
