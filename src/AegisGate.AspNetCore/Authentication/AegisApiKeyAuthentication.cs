using System.Security.Claims;
using System.Text.Encodings.Web;
using AegisGate.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AegisGate.AspNetCore.Authentication;

/// <summary>Defaults of the <c>X-API-Key</c> authentication scheme.</summary>
public static class AegisApiKeyDefaults
{
    /// <summary>The scheme name.</summary>
    public const string AuthenticationScheme = "AegisApiKey";

    /// <summary>The default header.</summary>
    public const string HeaderName = "X-API-Key";

    /// <summary>The claim type that records how a principal authenticated (<c>apikey</c>).</summary>
    public const string AuthenticationMethodClaim = "aegis:amr";
}

/// <summary>Options of the <c>X-API-Key</c> authentication scheme. Keys are stored only as hashes.</summary>
public sealed class AegisApiKeyOptions : AuthenticationSchemeOptions
{
    /// <summary>Gets or sets the header that carries the key.</summary>
    /// <value>The default value is <c>X-API-Key</c>.</value>
    public string HeaderName { get; set; } = AegisApiKeyDefaults.HeaderName;

    /// <summary>Gets or sets the configured keys (hash, principal, roles, optional expiry).</summary>
    public IList<ApiKeyEntry> Keys { get; set; } = [];
}

/// <summary>The outcome of API-key authentication for the current request, for pillars that map it to error codes.</summary>
/// <param name="status">The status.</param>
public sealed class AegisApiKeyResultFeature(ApiKeyStatus status)
{
    /// <summary>Gets the status.</summary>
    public ApiKeyStatus Status { get; } = status;
}

/// <summary>
/// Authenticates <c>X-API-Key</c>: the presented key is hashed and compared in constant time with every configured
/// hash. A missing header yields no result (another scheme may authenticate the caller); an unknown, expired,
/// repeated or oversized key fails authentication. The key never reaches a log.
/// </summary>
internal sealed class AegisApiKeyHandler(IOptionsMonitor<AegisApiKeyOptions> options, ILoggerFactory logger, UrlEncoder encoder, TimeProvider timeProvider)
    : AuthenticationHandler<AegisApiKeyOptions>(options, logger, encoder)
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<AegisApiKeyOptions, ApiKeyStore> Stores = new();

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var values = Request.Headers[Options.HeaderName];
        if (values.Count == 0)
        {
            Context.Features.Set(new AegisApiKeyResultFeature(ApiKeyStatus.Missing));
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (values.Count > 1)
        {
            Context.Features.Set(new AegisApiKeyResultFeature(ApiKeyStatus.Unknown));
            return Task.FromResult(AuthenticateResult.Fail("More than one API key was presented."));
        }

        var store = Stores.GetValue(Options, o => new ApiKeyStore(o.Keys, timeProvider));
        var status = store.Validate(values[0].AsSpan().Trim(), out var entry);
        Context.Features.Set(new AegisApiKeyResultFeature(status));
        switch (status)
        {
            case ApiKeyStatus.Valid:
                // Each claim is created with the identity as its subject: AddClaim keeps such a claim as it is, where it
                // would copy a subject-less one (the same claim, one allocation fewer each).
                var identity = new ClaimsIdentity(Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
                identity.AddClaim(NewClaim(identity, ClaimTypes.Name, entry!.Principal));
                identity.AddClaim(NewClaim(identity, AegisApiKeyDefaults.AuthenticationMethodClaim, "apikey"));
                var roles = entry.Roles;
                for (var i = 0; i < roles.Count; i++)
                {
                    identity.AddClaim(NewClaim(identity, ClaimTypes.Role, roles[i]));
                }

                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
            case ApiKeyStatus.Missing:
                return Task.FromResult(AuthenticateResult.NoResult());
            case ApiKeyStatus.Expired:
                return Task.FromResult(AuthenticateResult.Fail("The API key has expired."));
            default:
                return Task.FromResult(AuthenticateResult.Fail("The API key is not valid."));
        }
    }

    // What new Claim(type, value) becomes once added to the identity: a string claim of the default issuer.
    private static Claim NewClaim(ClaimsIdentity identity, string type, string value)
        => new(type, value, ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer, identity);
}

/// <summary>Validates <see cref="AegisApiKeyOptions"/> on start: every key needs a principal and a well-formed hash.</summary>
internal sealed class AegisApiKeyOptionsValidator : IValidateOptions<AegisApiKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, AegisApiKeyOptions options)
    {
        var builder = new ValidateOptionsResultBuilder();
        if (string.IsNullOrWhiteSpace(options.HeaderName))
        {
            builder.AddError("must not be empty.", nameof(options.HeaderName));
        }

        for (var i = 0; i < options.Keys.Count; i++)
        {
            var key = options.Keys[i];
            if (string.IsNullOrWhiteSpace(key.Principal))
            {
                builder.AddError("needs a principal.", $"ApiKeys[{i}].Principal");
            }

            if (!ApiKeyHasher.TryParseHash(key.Hash, out _))
            {
                builder.AddError("must be 'sha256:' followed by 64 hex digits (aegisgate keys new prints one).", $"ApiKeys[{i}].Hash");
            }
        }

        return builder.Build();
    }
}
