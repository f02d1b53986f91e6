using AegisGate.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace AegisGate.AspNetCore.Http;

/// <summary>Rules across fields of <see cref="AegisHttpOptions"/>; every error is reported with its configuration path.</summary>
internal sealed class AegisHttpOptionsCustomValidator : IValidateOptions<AegisHttpOptions>
{
    private static readonly string[] CredentialHeaders = ["Authorization", "Proxy-Authorization", "X-API-Key", "Cookie", "Set-Cookie"];

    public ValidateOptionsResult Validate(string? name, AegisHttpOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        const string root = AegisHttpOptions.SectionName;

        if (options.Authentication is { } authentication)
        {
            for (var i = 0; i < authentication.AcceptedSchemes.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(authentication.AcceptedSchemes[i]))
                {
                    builder.AddError("must not be empty.", $"{root}:Authentication:AcceptedSchemes:{i}");
                }
            }

            if (authentication.RoleClaimTypes.Count == 0 || authentication.RoleClaimTypes.Any(string.IsNullOrWhiteSpace))
            {
                builder.AddError("needs at least one non-empty claim type.", $"{root}:Authentication:RoleClaimTypes");
            }
        }

        if (options.Authorization is { } authorization)
        {
            if (authorization.DefaultPermission is { } permission && !AegisPermissions.IsValidName(permission))
            {
                builder.AddError("must be a permission name (lower-case letters, digits, '.', '-', '_', ':') or '*'.", $"{root}:Authorization:DefaultPermission");
            }

            foreach (var (role, permissions) in authorization.Roles)
            {
                if (!AegisPermissions.IsValidName(role) || role == AegisPermissions.All)
                {
                    builder.AddError("is not a valid role name (lower-case letters, digits, '.', '-', '_', ':').", $"{root}:Authorization:Roles:{role}");
                }

                if (permissions is null)
                {
                    builder.AddError("must list permissions (an empty list grants none).", $"{root}:Authorization:Roles:{role}");
                    continue;
                }

                for (var i = 0; i < permissions.Count; i++)
                {
                    if (!AegisPermissions.IsValidName(permissions[i]))
                    {
                        builder.AddError("is not a valid permission name.", $"{root}:Authorization:Roles:{role}:{i}");
                    }
                }
            }
        }

        if (options.Limits is { } limits && limits.MaxDecodedBodyBytes < limits.MaxRequestBodyBytes)
        {
            builder.AddError("must be at least MaxRequestBodyBytes.", $"{root}:Limits:MaxDecodedBodyBytes");
        }

        if (options.Scanning is { } scanning)
        {
            ValidatePolicy(builder, scanning, $"{root}:Scanning", isDefault: true);
        }

        foreach (var (policyName, policy) in options.ScanPolicies)
        {
            if (string.IsNullOrWhiteSpace(policyName))
            {
                builder.AddError("a scan policy needs a name.", $"{root}:ScanPolicies");
            }

            if (policy is null)
            {
                builder.AddError("must not be empty.", $"{root}:ScanPolicies:{policyName}");
                continue;
            }

            ValidatePolicy(builder, policy, $"{root}:ScanPolicies:{policyName}", isDefault: false);
        }

        return builder.Build();
    }

    private static void ValidatePolicy(ValidateOptionsResultBuilder builder, AegisScanPolicyOptions policy, string path, bool isDefault)
    {
        if (isDefault && (policy.Request == AegisScanAction.None || policy.Query == AegisScanAction.None || policy.HeaderAction == AegisScanAction.None || policy.Response == AegisScanAction.None))
        {
            builder.AddError("the default scan policy cannot switch scanning off ('None'); opt a route out with a named policy instead.", path);
        }

        foreach (var action in new[] { policy.Request, policy.Query, policy.HeaderAction, policy.Response })
        {
            if (!Enum.IsDefined(action))
            {
                builder.AddError($"'{action}' is not a scan action (None, Monitor, Redact, Block).", path);
            }
        }

        for (var i = 0; i < policy.Headers.Count; i++)
        {
            var header = policy.Headers[i];
            if (string.IsNullOrWhiteSpace(header))
            {
                builder.AddError("must not be empty.", $"{path}:Headers:{i}");
            }
            else if (CredentialHeaders.Contains(header, StringComparer.OrdinalIgnoreCase))
            {
                builder.AddError($"'{header}' carries credentials by design and cannot be scanned for secrets.", $"{path}:Headers:{i}");
            }
        }
    }
}
