namespace AegisGate.AspNetCore.Authorization;

/// <summary>Endpoint metadata: the permission an endpoint requires. Several instances require all of them.</summary>
public interface IAegisPermissionMetadata
{
    /// <summary>Gets the required permission.</summary>
    string Permission { get; }
}

/// <summary>Requires a permission for a controller or action (the attribute form of <c>.RequireAegisPermission()</c>).</summary>
/// <param name="permission">The permission.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class AegisPermissionAttribute(string permission) : Attribute, IAegisPermissionMetadata
{
    /// <inheritdoc />
    public string Permission { get; } = AegisPermissions.IsValidName(permission)
        ? permission
        : throw new ArgumentException($"'{permission}' is not a valid permission name.", nameof(permission));
}

/// <summary>Endpoint metadata: the named scan policy (<c>AegisGate:Http:ScanPolicies</c>) an endpoint uses.</summary>
/// <param name="policyName">The policy name.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class AegisScanPolicyAttribute(string policyName) : Attribute
{
    /// <summary>Gets the policy name.</summary>
    public string PolicyName { get; } = !string.IsNullOrWhiteSpace(policyName) ? policyName : throw new ArgumentException("A scan policy name is required.", nameof(policyName));
}

/// <summary>
/// Endpoint metadata for endpoints that report on content instead of carrying it (the scan API): the request body is
/// still bounded, decoded and validated, but not blocked or redacted for its findings, and the response is not
/// scanned (it carries findings and redacted content, never the original secret).
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class AegisContentReportEndpointAttribute : Attribute
{
}
