using System.Collections.Frozen;
using System.Security.Claims;

namespace AegisGate.AspNetCore.Authorization;

/// <summary>Roles resolved to permission sets: the built-in roles overlaid with the configured ones. Immutable.</summary>
internal sealed class RolePermissionMap
{
    private readonly FrozenDictionary<string, FrozenSet<string>> _roles;
    private readonly string[] _roleClaimTypes;

    public RolePermissionMap(IDictionary<string, IList<string>> configured, IList<string> roleClaimTypes)
    {
        var roles = new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal);
        foreach (var (role, permissions) in AegisRoles.BuiltIn)
        {
            roles[role] = permissions.ToFrozenSet(StringComparer.Ordinal);
        }

        foreach (var (role, permissions) in configured)
        {
            roles[role] = (permissions ?? []).ToFrozenSet(StringComparer.Ordinal);
        }

        _roles = roles.ToFrozenDictionary(StringComparer.Ordinal);
        _roleClaimTypes = [.. roleClaimTypes];
    }

    /// <summary>Returns whether the principal's roles grant every one of the permissions.</summary>
    public bool Grants(ClaimsPrincipal principal, string[] permissions, out string? missing)
    {
        foreach (var permission in permissions)
        {
            if (!Grants(principal, permission))
            {
                missing = permission;
                return false;
            }
        }

        missing = null;
        return true;
    }

    /// <summary>Returns whether the principal's roles grant the permission.</summary>
    public bool Grants(ClaimsPrincipal principal, string permission)
    {
        foreach (var identity in principal.Identities)
        {
            if (!identity.IsAuthenticated)
            {
                continue;
            }

            foreach (var claim in identity.Claims)
            {
                if (!IsRoleClaim(claim.Type) || !_roles.TryGetValue(claim.Value, out var granted))
                {
                    continue;
                }

                if (granted.Contains(AegisPermissions.All) || granted.Contains(permission))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool IsRoleClaim(string type)
    {
        foreach (var roleType in _roleClaimTypes)
        {
            if (string.Equals(type, roleType, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
