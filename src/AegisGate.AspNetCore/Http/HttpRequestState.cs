using System.Security.Claims;
using AegisGate.Detection;
using Microsoft.AspNetCore.Http;

namespace AegisGate.AspNetCore.Http;

/// <summary>The HTTP pillar's per-request state, carried to its checks as a <see cref="SecurityContext"/> attribute.</summary>
internal sealed class HttpRequestState
{
    /// <summary>The attribute key under which the state travels in <see cref="SecurityContext"/>.</summary>
    public const string AttributeKey = "aegis.http.request";

    private List<string>? _findingRules;

    public HttpRequestState(HttpContext httpContext, EndpointSecurityPolicy endpoint, HttpPolicySnapshot snapshot)
    {
        HttpContext = httpContext;
        Endpoint = endpoint;
        Snapshot = snapshot;
    }

    public HttpContext HttpContext { get; }

    public EndpointSecurityPolicy Endpoint { get; }

    public HttpPolicySnapshot Snapshot { get; }

    /// <summary>Gets or sets the scan policy in force for this request.</summary>
    public AegisScanPolicyOptions ScanPolicy { get; set; } = null!;

    /// <summary>Gets or sets the authenticated principal.</summary>
    public ClaimsPrincipal? Principal { get; set; }

    /// <summary>Gets or sets the principal's stable id (name, <c>sub</c> or name identifier).</summary>
    public string? PrincipalId { get; set; }

    /// <summary>Gets or sets the decoded request body, when one was read.</summary>
    public RequestBody? Body { get; set; }

    /// <summary>Gets or sets the body the handler sees instead of the original (redacted), when it differs.</summary>
    public byte[]? ReplacementBody { get; set; }

    /// <summary>Gets or sets the rule ids of a block, for the problem body.</summary>
    public IReadOnlyList<string>? BlockedRules { get; set; }

    /// <summary>Gets or sets where content was blocked (<c>body</c>, <c>query</c>, <c>header</c>, <c>response</c>).</summary>
    public string? BlockedLocation { get; set; }

    /// <summary>Gets the strongest action taken on findings so far (for the audit record).</summary>
    public AegisScanAction FindingAction { get; private set; } = AegisScanAction.None;

    /// <summary>Gets a value indicating whether any finding was made.</summary>
    public bool HasFindings => _findingRules is { Count: > 0 };

    /// <summary>Gets the distinct rule ids found so far.</summary>
    public IReadOnlyList<string> FindingRules => _findingRules ?? (IReadOnlyList<string>)[];

    /// <summary>Gets or sets the locations where findings were made.</summary>
    public string? FindingLocations { get; set; }

    /// <summary>Records the findings of a scan.</summary>
    public void AddFindings(string location, IReadOnlyList<DetectionFinding> findings, AegisScanAction action)
    {
        if (findings.Count == 0)
        {
            return;
        }

        _findingRules ??= [];
        foreach (var finding in findings)
        {
            if (!_findingRules.Contains(finding.RuleId))
            {
                _findingRules.Add(finding.RuleId);
            }
        }

        if (action > FindingAction)
        {
            FindingAction = action;
        }

        FindingLocations = FindingLocations is null ? location : FindingLocations.Contains(location, StringComparison.Ordinal) ? FindingLocations : FindingLocations + "," + location;
    }

    public static HttpRequestState From(SecurityContext context)
        => context.TryGetAttribute<HttpRequestState>(AttributeKey, out var state) && state is not null
            ? state
            : throw new InvalidOperationException("The HTTP pillar's request state is missing from the security context.");
}

/// <summary>A request body read into a pooled buffer (decoded when it had a <c>Content-Encoding</c>).</summary>
internal sealed class RequestBody(byte[] buffer, int length, bool decoded) : IDisposable
{
    private readonly int _length = length;
    private byte[]? _buffer = buffer;

    public ReadOnlyMemory<byte> Memory => _buffer is null ? ReadOnlyMemory<byte>.Empty : _buffer.AsMemory(0, _length);

    public int Length => _length;

    public bool Decoded { get; } = decoded;

    public byte[] Array => _buffer ?? throw new ObjectDisposedException(nameof(RequestBody));

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _buffer, null) is { } array)
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(array.AsSpan(0, _length));
            System.Buffers.ArrayPool<byte>.Shared.Return(array);
        }
    }
}
