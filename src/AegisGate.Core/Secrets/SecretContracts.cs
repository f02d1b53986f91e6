namespace AegisGate.Secrets;

/// <summary>
/// A source of secrets (keys, tokens, passwords). Each provider serves one reference scheme, for example
/// <c>env</c>, <c>config</c>, <c>file</c> or <c>vault</c>; <see cref="SecretResolver"/> routes <c>scheme:name</c>
/// references to them.
/// </summary>
/// <remarks>
/// A secret that cannot be fetched is an exception (<see cref="SecretUnavailableException"/>, code
/// <c>AEGIS_SECRET_UNAVAILABLE</c>), never an empty or default value. Implementations must be thread-safe and must not
/// put secret values in logs or exception messages.
/// </remarks>
public interface ISecretProvider
{
    /// <summary>Gets the reference scheme this provider serves (lower case, for example <c>vault</c>).</summary>
    string Scheme { get; }

    /// <summary>Fetches a secret.</summary>
    /// <param name="name">The provider-specific name (the part of the reference after <c>scheme:</c>).</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The secret; never empty.</returns>
    /// <exception cref="SecretUnavailableException">The secret does not exist, is empty, or the provider failed.</exception>
    ValueTask<SecretValue> GetSecretAsync(string name, CancellationToken cancellationToken);
}

/// <summary>A secret value. <see cref="ToString"/> never reveals it, so it cannot leak through logging by accident.</summary>
public sealed class SecretValue
{
    /// <summary>Initializes a new instance of the <see cref="SecretValue"/> class.</summary>
    /// <param name="value">The secret; must not be empty.</param>
    /// <param name="version">The version at the source, when it has one.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null or empty.</exception>
    public SecretValue(string value, string? version = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        Value = value;
        Version = version;
    }

    /// <summary>Gets the secret. Never log it.</summary>
    public string Value { get; }

    /// <summary>Gets the version at the source (for example the Vault KV version), when known.</summary>
    public string? Version { get; }

    /// <summary>Decodes the value as base64.</summary>
    /// <returns>The bytes.</returns>
    /// <exception cref="FormatException">The value is not base64.</exception>
    public byte[] GetBase64Bytes() => Convert.FromBase64String(Value.Trim());

    /// <summary>Returns a redacted placeholder; the value is never printed.</summary>
    /// <returns><c>***</c>.</returns>
    public override string ToString() => "***";
}

/// <summary>
/// A secret could not be fetched (missing, empty, provider down, sealed, denied, timed out). Its
/// <see cref="Code"/> is <c>AEGIS_SECRET_UNAVAILABLE</c>; the message names the provider and secret, never a value.
/// </summary>
public sealed class SecretUnavailableException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="SecretUnavailableException"/> class.</summary>
    public SecretUnavailableException()
        : this("unknown", "unknown", "The secret is unavailable.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SecretUnavailableException"/> class.</summary>
    /// <param name="message">The message.</param>
    public SecretUnavailableException(string message)
        : this("unknown", "unknown", message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SecretUnavailableException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public SecretUnavailableException(string message, Exception innerException)
        : this("unknown", "unknown", message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="SecretUnavailableException"/> class.</summary>
    /// <param name="provider">The provider scheme.</param>
    /// <param name="secretName">The secret's name (not its value).</param>
    /// <param name="reason">Why it is unavailable (no secret values).</param>
    /// <param name="innerException">The cause, or <see langword="null"/>.</param>
    public SecretUnavailableException(string provider, string secretName, string reason, Exception? innerException = null)
        : base($"Secret '{provider}:{secretName}' is unavailable: {reason}", innerException)
    {
        Provider = provider;
        SecretName = secretName;
        Reason = reason;
    }

    /// <summary>Gets the error code, <see cref="AegisErrorCodes.SecretUnavailable"/>.</summary>
    public string Code { get; } = AegisErrorCodes.SecretUnavailable;

    /// <summary>Gets the provider scheme.</summary>
    public string Provider { get; }

    /// <summary>Gets the secret's name.</summary>
    public string SecretName { get; }

    /// <summary>Gets why the secret is unavailable.</summary>
    public string Reason { get; }

    /// <summary>Returns the denial for a request that needed the secret (503, client-safe reason without the secret's name).</summary>
    /// <returns>The denial.</returns>
    public SecurityDecision ToDecision()
        => SecurityDecision.Deny(Code, "A secret the request needs is unavailable; the request is denied.", 503);
}
