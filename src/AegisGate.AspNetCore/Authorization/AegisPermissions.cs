namespace AegisGate.AspNetCore.Authorization;

/// <summary>The built-in permissions of the HTTP pillar. Applications may use any other permission names.</summary>
public static class AegisPermissions
{
    /// <summary>Grants every permission (the <c>admin</c> role).</summary>
    public const string All = "*";

    /// <summary>Read resources.</summary>
    public const string Read = "read";

    /// <summary>Scan content through <c>POST /api/v1/scan</c>.</summary>
    public const string Scan = "scan";

    /// <summary>Create or change resources.</summary>
    public const string Write = "write";

    /// <summary>Read audit records.</summary>
    public const string Audit = "audit";

    /// <summary>Read compliance reports through <c>GET /api/v1/compliance/{framework}</c>.</summary>
    public const string ComplianceRead = "compliance:read";

    /// <summary>Manage AegisGate itself (keys, policies, configuration).</summary>
    public const string Manage = "manage";

    /// <summary>Returns whether a name is a valid permission or role name: lower-case letters, digits, '.', '-', '_' and ':', or <c>*</c>.</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 128)
        {
            return false;
        }

        if (name == All)
        {
            return true;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-' or '_' or ':'))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>The built-in roles of the HTTP pillar and the permissions they grant (configurable under <c>AegisGate:Http:Authorization:Roles</c>).</summary>
public static class AegisRoles
{
    /// <summary>Reads: <c>read</c>.</summary>
    public const string Viewer = "viewer";

    /// <summary>Reads, scans, reads audit and compliance reports: <c>read</c>, <c>scan</c>, <c>audit</c>, <c>compliance:read</c>.</summary>
    public const string Analyst = "analyst";

    /// <summary>Runs the service: <c>read</c>, <c>scan</c>, <c>write</c>.</summary>
    public const string Operator = "operator";

    /// <summary>Everything: <c>*</c>.</summary>
    public const string Admin = "admin";

    /// <summary>Gets the built-in role definitions.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> BuiltIn { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Viewer] = [AegisPermissions.Read],
        [Analyst] = [AegisPermissions.Read, AegisPermissions.Scan, AegisPermissions.Audit, AegisPermissions.ComplianceRead],
        [Operator] = [AegisPermissions.Read, AegisPermissions.Scan, AegisPermissions.Write],
        [Admin] = [AegisPermissions.All],
    };
}
