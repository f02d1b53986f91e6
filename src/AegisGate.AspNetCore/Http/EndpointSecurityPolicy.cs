using System.Runtime.CompilerServices;
using AegisGate.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AegisGate.AspNetCore.Http;

/// <summary>What an endpoint's metadata asks of the HTTP pillar, read once per endpoint and cached.</summary>
internal sealed class EndpointSecurityPolicy
{
    private static readonly ConditionalWeakTable<Endpoint, EndpointSecurityPolicy> Cache = new();

    /// <summary>The policy of requests that match no endpoint: authenticated, default permission, default scanning.</summary>
    public static readonly EndpointSecurityPolicy Unmatched = new("(unmatched)", "(unmatched route)", [], null, null, false);

    private EndpointSecurityPolicy(string displayName, string operation, string[] permissions, string? publicReason, string? scanPolicy, bool contentReport)
    {
        DisplayName = displayName;
        Operation = operation;
        Permissions = permissions;
        PublicReason = publicReason;
        ScanPolicy = scanPolicy;
        IsContentReport = contentReport;
    }

    /// <summary>Gets the endpoint's display name (for logs).</summary>
    public string DisplayName { get; }

    /// <summary>Gets the operation for audit records: the method(s) and route pattern, never the raw path.</summary>
    public string Operation { get; }

    /// <summary>Gets the permissions the endpoint requires (all of them); empty when it declares none.</summary>
    public string[] Permissions { get; }

    /// <summary>Gets the reason the endpoint is public, or <see langword="null"/>.</summary>
    public string? PublicReason { get; }

    /// <summary>Gets a value indicating whether the endpoint is public.</summary>
    public bool IsPublic => PublicReason is not null;

    /// <summary>Gets the named scan policy, or <see langword="null"/> for the default.</summary>
    public string? ScanPolicy { get; }

    /// <summary>Gets a value indicating whether the endpoint reports on content (scan API): bounded, not blocked.</summary>
    public bool IsContentReport { get; }

    public static EndpointSecurityPolicy For(Endpoint? endpoint)
        => endpoint is null ? Unmatched : Cache.GetValue(endpoint, static e => Create(e));

    private static EndpointSecurityPolicy Create(Endpoint endpoint)
    {
        var metadata = endpoint.Metadata;
        var permissions = metadata.GetOrderedMetadata<IAegisPermissionMetadata>().Select(static m => m.Permission).Distinct(StringComparer.Ordinal).ToArray();
        var publicReason = metadata.GetMetadata<AegisPublicEndpointAttribute>()?.Reason;
        var scanPolicy = metadata.GetMetadata<AegisScanPolicyAttribute>()?.PolicyName;
        var report = metadata.GetMetadata<AegisContentReportEndpointAttribute>() is not null;
        var methods = metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
        var pattern = (endpoint as RouteEndpoint)?.RoutePattern.RawText;
        var operation = pattern is null
            ? endpoint.DisplayName ?? "(endpoint)"
            : (methods is { Count: > 0 } ? string.Join(",", methods) + " " : string.Empty) + pattern;
        return new EndpointSecurityPolicy(endpoint.DisplayName ?? operation, operation, permissions, publicReason, scanPolicy, report);
    }
}
