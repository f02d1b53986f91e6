using AegisGate.AspNetCore.Authorization;
using AegisGate.AspNetCore.Http;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Endpoint conventions of the HTTP pillar: permissions, public opt-out and scan policy.</summary>
public static class AegisEndpointConventionBuilderExtensions
{
    /// <summary>Requires an AegisGate permission for the endpoint (like <c>RequireRateLimiting</c>). Call it more than once to require several.</summary>
    /// <typeparam name="TBuilder">The builder type.</typeparam>
    /// <param name="builder">The endpoint convention builder.</param>
    /// <param name="permission">The permission, for example <see cref="AegisPermissions.Scan"/>.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="permission"/> is not a valid permission name.</exception>
    public static TBuilder RequireAegisPermission<TBuilder>(this TBuilder builder, string permission)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var metadata = new AegisPermissionAttribute(permission);
        builder.Add(endpoint => endpoint.Metadata.Add(metadata));
        return builder;
    }

    /// <summary>
    /// Serves the endpoint without authentication, RBAC and rate limiting. The opt-out is explicit, carries a reason
    /// and is audited when the host starts. Content scanning still applies.
    /// </summary>
    /// <typeparam name="TBuilder">The builder type.</typeparam>
    /// <param name="builder">The endpoint convention builder.</param>
    /// <param name="reason">Why the endpoint is public (recorded in the audit trail).</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is empty.</exception>
    public static TBuilder AllowAegisPublic<TBuilder>(this TBuilder builder, string reason)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var metadata = new AegisPublicEndpointAttribute(reason);
        builder.Add(endpoint => endpoint.Metadata.Add(metadata));
        return builder;
    }

    /// <summary>Selects a named scan policy (<c>AegisGate:Http:ScanPolicies:{name}</c>) for the endpoint. An unknown name denies with <c>AEGIS_SCAN_POLICY_UNKNOWN</c>.</summary>
    /// <typeparam name="TBuilder">The builder type.</typeparam>
    /// <param name="builder">The endpoint convention builder.</param>
    /// <param name="policyName">The policy name.</param>
    /// <returns>The builder, so that calls can be chained.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    public static TBuilder WithAegisScanPolicy<TBuilder>(this TBuilder builder, string policyName)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var metadata = new AegisScanPolicyAttribute(policyName);
        builder.Add(endpoint => endpoint.Metadata.Add(metadata));
        return builder;
    }
}
