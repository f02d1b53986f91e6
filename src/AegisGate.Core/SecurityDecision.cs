using System.Diagnostics.CodeAnalysis;

namespace AegisGate;

/// <summary>
/// The outcome of a security check or of a whole <see cref="Pipeline.SecurityPipeline"/>: allow, or deny with a
/// stable code, a client-safe reason and an HTTP status.
/// </summary>
/// <remarks>
/// <para>
/// <c>default(SecurityDecision)</c> is a denial with code <see cref="AegisErrorCodes.DecisionUnset"/>, so a value that
/// was never set can never allow. Build values only through <see cref="Allow"/> and the <c>Deny</c> factories.
/// </para>
/// <para>
/// The allow value is a cached singleton value: returning it allocates nothing.
/// </para>
/// </remarks>
public readonly struct SecurityDecision : IEquatable<SecurityDecision>
{
    private static readonly SecurityDecision AllowValue = new(allowed: true, code: null, reason: null, statusCode: 200, checkName: null, retryAfter: null, exception: null);

    private readonly bool _allowed;
    private readonly string? _code;
    private readonly string? _reason;
    private readonly int _statusCode;

    private SecurityDecision(bool allowed, string? code, string? reason, int statusCode, string? checkName, TimeSpan? retryAfter, Exception? exception)
    {
        _allowed = allowed;
        _code = code;
        _reason = reason;
        _statusCode = statusCode;
        CheckName = checkName;
        RetryAfter = retryAfter;
        Exception = exception;
    }

    /// <summary>Gets a value indicating whether the request may proceed.</summary>
    [MemberNotNullWhen(false, nameof(Code))]
    public bool IsAllowed => _allowed;

    /// <summary>Gets a value indicating whether the request is denied (the negation of <see cref="IsAllowed"/>).</summary>
    public bool IsDenied => !_allowed;

    /// <summary>Gets the stable error code of a denial (<c>AEGIS_*</c>, <c>HTTP_*</c>, <c>MCP_*</c>, <c>A2A_*</c>), or <see langword="null"/> for an allow.</summary>
    public string? Code => _allowed ? null : _code ?? AegisErrorCodes.DecisionUnset;

    /// <summary>Gets the reason of a denial. It is safe to show to the client: it never contains secrets or request content.</summary>
    public string Reason => _allowed ? string.Empty : _reason ?? "The request was denied because no security decision was made.";

    /// <summary>Gets the HTTP status code that represents this decision (200 for an allow; 403 unless set otherwise for a denial).</summary>
    public int StatusCode => _allowed ? 200 : _statusCode == 0 ? 403 : _statusCode;

    /// <summary>Gets the name of the check that produced the decision, when known.</summary>
    public string? CheckName { get; }

    /// <summary>Gets the delay after which the client may retry, for rate-limit denials.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Gets the exception that caused a fault denial. It is logged, never serialized to a client.</summary>
    internal Exception? Exception { get; }

    /// <summary>Returns the allow decision. Allocation-free.</summary>
    /// <returns>The allow decision.</returns>
    public static SecurityDecision Allow() => AllowValue;

    /// <summary>Creates a denial.</summary>
    /// <param name="code">The stable error code, for example <see cref="AegisErrorCodes.CheckFaulted"/>.</param>
    /// <param name="reason">A client-safe reason. Never include secrets, tokens or request content.</param>
    /// <param name="statusCode">The HTTP status to answer with (400–599). The default is 403.</param>
    /// <returns>The denial.</returns>
    /// <exception cref="ArgumentException"><paramref name="code"/> or <paramref name="reason"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not an error status.</exception>
    public static SecurityDecision Deny(string code, string reason, int statusCode = 403)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        return new SecurityDecision(false, code, reason, statusCode, null, null, null);
    }

    /// <summary>Creates a rate-limit style denial that tells the client when to retry.</summary>
    /// <param name="code">The stable error code.</param>
    /// <param name="reason">A client-safe reason.</param>
    /// <param name="retryAfter">When the client may retry.</param>
    /// <param name="statusCode">The HTTP status. The default is 429.</param>
    /// <returns>The denial.</returns>
    public static SecurityDecision DenyRetryAfter(string code, string reason, TimeSpan retryAfter, int statusCode = 429)
    {
        var d = Deny(code, reason, statusCode);
        return new SecurityDecision(false, d._code, d._reason, d._statusCode, null, retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter, null);
    }

    internal static SecurityDecision Fault(string code, string reason, string? checkName, Exception? exception, int statusCode = 403)
        => new(false, code, reason, statusCode, checkName, null, exception);

    /// <summary>Returns a copy of this decision attributed to the named check.</summary>
    /// <param name="checkName">The check's name.</param>
    /// <returns>The attributed decision. An allow stays the cached allow value.</returns>
    public SecurityDecision WithCheck(string? checkName)
        => _allowed || checkName is null || ReferenceEquals(checkName, CheckName)
            ? this
            : new SecurityDecision(false, _code, _reason, _statusCode, checkName, RetryAfter, Exception);

    /// <summary>Throws <see cref="AegisDeniedException"/> when this decision is a denial. For callers outside HTTP.</summary>
    /// <exception cref="AegisDeniedException">The decision is a denial.</exception>
    public void EnsureAllowed()
    {
        if (!_allowed)
        {
            throw new AegisDeniedException(this);
        }
    }

    /// <inheritdoc />
    public bool Equals(SecurityDecision other)
        => _allowed == other._allowed && string.Equals(Code, other.Code, StringComparison.Ordinal) && StatusCode == other.StatusCode;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is SecurityDecision other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_allowed, Code, StatusCode);

    /// <inheritdoc />
    public override string ToString() => _allowed ? "Allow" : $"Deny({Code}, {StatusCode})";

    /// <summary>Compares two decisions for equality.</summary>
    /// <param name="left">The first decision.</param>
    /// <param name="right">The second decision.</param>
    /// <returns><see langword="true"/> when both allow, or both deny with the same code and status.</returns>
    public static bool operator ==(SecurityDecision left, SecurityDecision right) => left.Equals(right);

    /// <summary>Compares two decisions for inequality.</summary>
    /// <param name="left">The first decision.</param>
    /// <param name="right">The second decision.</param>
    /// <returns><see langword="true"/> when the decisions differ.</returns>
    public static bool operator !=(SecurityDecision left, SecurityDecision right) => !left.Equals(right);
}

/// <summary>Thrown by <see cref="SecurityDecision.EnsureAllowed"/> for callers that prefer exceptions (outside HTTP).</summary>
public sealed class AegisDeniedException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="AegisDeniedException"/> class.</summary>
    public AegisDeniedException()
        : this(default(SecurityDecision))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AegisDeniedException"/> class.</summary>
    /// <param name="message">The message.</param>
    public AegisDeniedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AegisDeniedException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The inner exception.</param>
    public AegisDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="AegisDeniedException"/> class.</summary>
    /// <param name="decision">The denial.</param>
    public AegisDeniedException(SecurityDecision decision)
        : base($"{decision.Code}: {decision.Reason}")
    {
        Decision = decision;
    }

    /// <summary>Gets the denial that caused this exception.</summary>
    public SecurityDecision Decision { get; }
}
