using System.Security.Claims;

namespace AegisGate;

/// <summary>
/// The transport-neutral view of one request that every <see cref="ISecurityCheck"/> sees: who is calling
/// (<see cref="Principal"/>), through which pillar, for which operation, with which attributes and payload.
/// </summary>
/// <remarks>
/// Pillars create one context per request (or reuse one after <see cref="Reset"/>). Attributes are stored lazily so
/// that a context without attributes allocates nothing beyond itself.
/// </remarks>
public sealed class SecurityContext
{
    private Dictionary<string, object?>? _attributes;

    /// <summary>Initializes a new instance of the <see cref="SecurityContext"/> class.</summary>
    /// <param name="pillar">The pillar name, for example <see cref="AegisPillars.Http"/>.</param>
    /// <param name="operation">The operation, for example <c>POST /api/v1/scan</c> or <c>tools/call</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="pillar"/> or <paramref name="operation"/> is empty.</exception>
    public SecurityContext(string pillar, string operation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pillar);
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        Pillar = pillar;
        Operation = operation;
    }

    /// <summary>Gets or sets the pillar the request came through.</summary>
    public string Pillar { get; set; }

    /// <summary>Gets or sets the operation being authorized.</summary>
    public string Operation { get; set; }

    /// <summary>Gets or sets the authenticated caller, or <see langword="null"/> when none is known yet.</summary>
    public ClaimsPrincipal? Principal { get; set; }

    /// <summary>Gets the caller's stable identifier (<see cref="ClaimsIdentity.Name"/>), or <see langword="null"/>.</summary>
    public string? PrincipalId => Principal?.Identity is { IsAuthenticated: true } identity ? identity.Name : null;

    /// <summary>Gets or sets the request id used in audit records and problem details.</summary>
    public string? RequestId { get; set; }

    /// <summary>Gets or sets the request payload, when the pillar has read it. Checks must never log or echo it.</summary>
    public ReadOnlyMemory<byte> Payload { get; set; }

    /// <summary>Gets or sets the media type of <see cref="Payload"/>.</summary>
    public string? PayloadContentType { get; set; }

    /// <summary>Gets or sets the request services, for checks that need scoped services.</summary>
    public IServiceProvider? Services { get; set; }

    /// <summary>Gets the number of attributes set on this context.</summary>
    public int AttributeCount => _attributes?.Count ?? 0;

    /// <summary>Sets an attribute, replacing any previous value.</summary>
    /// <param name="key">The attribute key (ordinal).</param>
    /// <param name="value">The value.</param>
    public void SetAttribute(string key, object? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        (_attributes ??= new Dictionary<string, object?>(StringComparer.Ordinal))[key] = value;
    }

    /// <summary>Gets an attribute of the requested type.</summary>
    /// <typeparam name="T">The expected type.</typeparam>
    /// <param name="key">The attribute key.</param>
    /// <param name="value">The value when found and of type <typeparamref name="T"/>.</param>
    /// <returns><see langword="true"/> when the attribute exists and has the requested type.</returns>
    public bool TryGetAttribute<T>(string key, out T? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_attributes is not null && _attributes.TryGetValue(key, out var raw) && raw is T typed)
        {
            value = typed;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>Clears the context for reuse with another request.</summary>
    /// <param name="pillar">The pillar of the next request.</param>
    /// <param name="operation">The operation of the next request.</param>
    public void Reset(string pillar, string operation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pillar);
        ArgumentException.ThrowIfNullOrWhiteSpace(operation);
        Pillar = pillar;
        Operation = operation;
        Principal = null;
        RequestId = null;
        Payload = default;
        PayloadContentType = null;
        Services = null;
        _attributes?.Clear();
    }
}
