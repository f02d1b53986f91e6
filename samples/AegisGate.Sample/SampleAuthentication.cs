using AegisGate.AspNetCore.Authorization;
using AegisGate.Authentication;

namespace AegisGate.Sample;

/// <summary>
/// The sample's API-key authentication, registered in this one place for every pillar: the <c>X-API-Key</c> scheme
/// (<c>AegisApiKey</c>) with the dev key as <see cref="SampleHttp.AdminPrincipal"/> (role <c>admin</c>) plus the keys in
/// <c>AegisGate:ApiKeys</c>. The HTTP pillar, the MCP pillar and the A2A admin API all authenticate against it; pillar
/// files add only their own extra schemes (the MCP agent certificate scheme lives in <c>SampleMcp</c>).
/// </summary>
internal static class SampleAuthentication
{
    public static WebApplicationBuilder AddSampleAuthentication(this WebApplicationBuilder builder, SampleApiKey apiKey)
    {
        builder.Services.AddAuthentication().AddAegisApiKey(builder.Configuration.GetSection("AegisGate:ApiKeys"), options =>
            options.Keys.Insert(0, new ApiKeyEntry { Principal = SampleHttp.AdminPrincipal, Hash = apiKey.Hash, Roles = [AegisRoles.Admin] }));
        return builder;
    }
}
