using static AegisGate.Core.Tests.Detection.TestTokens;

namespace AegisGate.Core.Tests.Detection;

/// <summary>
/// Cases for the provider rules of SecretRules.Providers.cs: a positive (several inside JSON, a URL or a header, as a
/// prompt or tool call would carry them) and a near miss (wrong length, alphabet, signature or a placeholder) per rule.
/// Generated fakes only.
/// </summary>
internal static class RuleCasesProviders
{
    private const string UpperHexChars = "0123456789ABCDEF";

    public static IEnumerable<RuleCase> All()
    {
        // --- Registries, CI/CD, developer platforms ---
        yield return new("secret.nuget_api_key", $"dotnet nuget push pkg.nupkg --api-key oy2{LowerAlnum(43)}", $"oy2{LowerAlnum(42)}");
        yield return new("secret.circleci_token", $"{{\"circle_token\": \"CCIPAT_{Alnum(22)}_{Hex(40)}\"}}", $"CCIPAT_{Alnum(22)}");
        yield return new("secret.buildkite_token", $"Authorization: Bearer bkua_{Hex(40)}", $"bkua_{Hex(39)}");
        yield return new("secret.netlify_token", $"NETLIFY_AUTH_TOKEN=nfp_{Alnum(36)}", $"nfp_{Alnum(35)}");
        yield return new("secret.render_api_key", $"RENDER_API_KEY=rnd_{Alnum(32)}", "rnd_generatorSeedValueForTheTests");
        yield return new("secret.teamcity_token", $"eyJ0eXAiOiAiVENWMiJ9.{B64Url(36)}.{B64Url(48)}", $"eyJ0eXAiOiAiVENWMiJ9.{B64Url(10)}.{B64Url(10)}");
        yield return new("secret.rancher_token", $"CATTLE_TOKEN=token-{LowerAlnum(5)}:{LowerAlnum(54)}", $"token-{LowerAlnum(5)}:{LowerAlnum(30)}");
        yield return new("secret.dbt_cloud_token", $"DBT_CLOUD_API_TOKEN=dbtc_{B64Url(40)}", "dbtc_models_staging_orders");
        yield return new("secret.deno_deploy_token", $"ddp_{Alnum(36)}", $"ddp_{Alnum(20)}");
        yield return new("secret.infisical_token", $"INFISICAL_TOKEN=st.{Uuid()}.{Hex(32)}.{Hex(32)}", $"st.{Uuid()}.{Hex(32)}");

        // --- AI and data platforms ---
        yield return new("secret.nvidia_api_key", $"{{\"headers\": {{\"Authorization\": \"Bearer nvapi-{B64Url(64)}\"}}}}", $"nvapi-{B64Url(40)}");
        yield return new("secret.pinecone_api_key", $"PINECONE_API_KEY=pcsk_{Alnum(5)}_{Alnum(63)}", $"pcsk_{Alnum(5)}_{Alnum(20)}");
        yield return new("secret.tavily_api_key", $"TavilyClient(api_key=\"tvly-dev-{Alnum(32)}\")", $"tvly-dev-{Alnum(31)}");
        yield return new("secret.jina_api_key", $"jina_{Hex(32)}{B64Url(28)}", "jina_embeddings_v3_base_model");
        yield return new("secret.cerebras_api_key", $"csk-{LowerAlnum(48)}", $"csk-{LowerAlnum(47)}");
        yield return new("secret.elevenlabs_api_key", $"xi-api-key: sk_{Hex(48)}", $"sk_{Hex(47)}");
        yield return new("secret.helicone_api_key", $"sk-helicone-{LowerAlnum(7)}-{LowerAlnum(7)}-{LowerAlnum(7)}-{LowerAlnum(7)}", $"sk-helicone-{LowerAlnum(7)}-{LowerAlnum(7)}");
        yield return new("secret.anyscale_api_key", $"esecret_{Alnum(26)}", $"esecret_{Alnum(25)}");
        yield return new("secret.neon_api_key", $"NEON_API_KEY=napi_{LowerAlnum(64)}", $"napi_{LowerAlnum(63)}");
        yield return new("secret.xata_api_key", $"XATA_API_KEY=xau_{Alnum(36)}", $"xau_{Alnum(20)}");
        yield return new("secret.supabase_secret_key", $"sb_secret_{B64Url(31)}", $"sb_publishable_{B64Url(31)}");
        yield return new("secret.posthog_personal_api_key", $"phx_{Alnum(43)}", $"phc_{Alnum(43)}");
        yield return new("secret.salesforce_access_token", $"Authorization: Bearer 00D{Alnum(12)}!{Alnum(96)}", $"00D{Alnum(12)}!{Alnum(20)}");
        yield return new("secret.hubspot_private_app_token", $"pat-na1-{Uuid()}", $"pat-na1-{Hex(8)}");
        yield return new("secret.adafruit_io_key", $"ADAFRUIT_IO_KEY=aio_{Alnum(28)}", $"aio_{Alnum(27)}");
        yield return new("secret.maxmind_license_key", $"{Alnum(6)}_{Alnum(29)}_mmk", $"{Alnum(6)}_{Alnum(20)}_mmk");
        yield return new("secret.new_relic_license_key", $"NEW_RELIC_LICENSE_KEY={Hex(36)}NRAL", $"{Hex(36)}NRAX");
        yield return new("secret.ubidots_token", $"BBFF-{Alnum(30)}", $"BBFF-{Alnum(20)}");

        // --- Payments and commerce ---
        yield return new("secret.braintree_access_token", $"access_token$production${LowerAlnum(16)}${Hex(32)}", $"access_token$production${LowerAlnum(16)}");
        yield return new("secret.razorpay_key", $"rzp_live_{Alnum(14)}", $"rzp_live_{Alnum(10)}");
        yield return new("secret.clickup_token", $"pk_{Digits(8)}_{UpperAlnum(32)}", $"pk_live_{Alnum(32)}");
        yield return new("secret.paddle_api_key", $"pdl_live_apikey_{LowerAlnum(26)}_{Alnum(22)}_{Alnum(3)}", $"pdl_live_apikey_{LowerAlnum(20)}");
        yield return new("secret.xendit_api_key", $"xnd_development_{Alnum(60)}", $"xnd_development_{Alnum(20)}");
        yield return new("secret.midtrans_server_key", $"SB-Mid-server-{B64Url(24)}", $"SB-Mid-client-{B64Url(24)}");
        yield return new("secret.mercury_api_token", $"secret-token:mercury_production_wma_{Alnum(40)}", "secret-token:mercury_production_");
        yield return new("secret.amazon_mws_token", $"amzn.mws.{Uuid()}", $"amzn.mws.{Hex(8)}");

        // --- Cloud ---
        yield return new("secret.azure_identifiable_key", $"AccountName=acme;Key={B64(76)}+ASt{B64(5)}Q==", $"{B64(76)}+ASx{B64(5)}Q==");
        yield return new("secret.azure_annotated_key", $"{Alnum(52)}JQQJ99{Alnum(26)}", $"{Alnum(52)}JQQX99{Alnum(26)}");
        yield return new("secret.tencent_secret_id", $"SecretId: AKID{Alnum(32)}", $"AKID{Alnum(20)}");
        yield return new("secret.yandex_cloud_credential", $"YC_API_KEY=AQVN{B64Url(36)}", "AQVN-short");
        yield return new("secret.scaleway_access_key", $"SCW{UpperAlnum(17)}", $"SCW{UpperAlnum(10)}");
        yield return new("secret.akamai_edgegrid_token", $"client_token = akab-{LowerAlnum(16)}-{LowerAlnum(16)}", $"akab-{LowerAlnum(16)}");
        yield return new("secret.dropbox_access_token", $"https://api.dropboxapi.com/2/files?authorization=Bearer%20x&t=sl.{B64Url(140)}", $"sl.{B64Url(60)}");
        yield return new("secret.telnyx_api_key", $"KEY01{From(UpperHexChars, 30)}_{Alnum(22)}", $"KEY01{From(UpperHexChars, 30)}");

        // --- Chat, notifications, webhooks ---
        yield return new("secret.firebase_cloud_messaging_key", $"Authorization: key=AAAA{B64Url(7)}:APA91b{B64Url(134)}", $"AAAA{B64Url(7)}:APA91b{B64Url(20)}");
        yield return new("secret.twitter_bearer_token", $"Bearer AAAAAAAAAAAAAAAAAAAAA{Alnum(20)}%2B{Alnum(30)}%3D{Alnum(40)}", new string('A', 120));
        yield return new("secret.discord_webhook_url", $"https://discord.com/api/webhooks/{Digits(18)}/{B64Url(68)}", $"https://discord.com/api/webhooks/{Digits(18)}");
        yield return new("secret.teams_webhook_url", $"https://acme.webhook.office.com/webhookb2/{Uuid()}@{Uuid()}/IncomingWebhook/{Hex(32)}/{Uuid()}", $"https://acme.webhook.office.com/webhookb2/{Uuid()}");
        yield return new("secret.zapier_webhook_url", $"curl -X POST https://hooks.zapier.com/hooks/catch/{Digits(7)}/{LowerAlnum(6)}/", "https://hooks.zapier.com/hooks/catch/");
        yield return new("secret.cloudinary_url", $"CLOUDINARY_URL=cloudinary://{Digits(15)}:{B64Url(27)}@acme", "CLOUDINARY_URL=cloudinary://acme");
        yield return new("secret.mailersend_api_token", $"mlsn.{Hex(64)}", $"mlsn.{Hex(40)}");
        yield return new("secret.resend_api_key", $"{{\"resend\": \"re_{Alnum(8)}_{Alnum(24)}\"}}", "re_compile_patternMatcherIdentifierX");
        yield return new("secret.provider_keyword_credential", $"ALGOLIA_ADMIN_KEY={Hex(32)}", "ALGOLIA_ADMIN_KEY=${ALGOLIA_KEY}");
        yield return new("secret.provider_keyword_credential", $"sentry_auth_token = \"{Hex(32)}\"", $"sentry_public_key = \"{Hex(32)}\"");
        yield return new("secret.provider_keyword_credential", $"posthog_personal_key = \"{Hex(40)}\"", $"posthog_project_api_key = \"phc_{Hex(36)}\"");
    }
}
