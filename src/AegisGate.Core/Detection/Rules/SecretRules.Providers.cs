using System.Text.RegularExpressions;
using AegisGate.Detection.Engine;
using AegisGate.Detection.Validation;
using V = AegisGate.Detection.Rules.SecretValidators;

namespace AegisGate.Detection.Rules;

/// <summary>
/// Provider credentials with a fixed, distinctive prefix, signature or structure (written from the published formats:
/// prefix, length, alphabet): package registries, CI/CD, AI and data platforms, payments, cloud and chat webhooks.
/// </summary>
internal static partial class SecretRules
{
    private static IEnumerable<DetectionRule> Providers()
    {
        // --- Registries, CI/CD, developer platforms ----------------------------------------------------------------
        yield return P("nuget_api_key", "NuGet API key", "NUGET_API_KEY", 0.9, "oy2 + 43 lowercase letters and digits.", ["oy2"], NuGet(), V.TokenWithEntropy(3.5, 3), 90);
        yield return P("circleci_token", "CircleCI personal API token", "CIRCLECI_TOKEN", 0.95, "CCIPAT_ + 20-26 + _ + 40 characters.", ["ccipat_"], CircleCi(), V.Token, 90);
        yield return P("buildkite_token", "Buildkite API access token", "BUILDKITE_TOKEN", 0.95, "bkua_ + 40 lowercase letters and digits.", ["bkua_"], Buildkite(), V.TokenWithEntropy(3.0, 5), 90);
        yield return P("netlify_token", "Netlify personal access token", "NETLIFY_TOKEN", 0.9, "nfp_ + 36 characters.", ["nfp_"], Netlify(), V.TokenWithEntropy(3.0, 4), 90);
        yield return P("render_api_key", "Render API key", "RENDER_API_KEY", 0.85, "rnd_ + 32 characters that look random.", ["rnd_"], Render(), RandomBody(4, 3.5), 85);
        yield return P("teamcity_token", "TeamCity access token", "TEAMCITY_TOKEN", 0.95, "eyJ0eXAiOiAiVENWMiJ9 (TCV2 header) . 36 . 48 characters.", ["eyj0exaioiaivenwmij9"], TeamCity(), V.Token, 90);
        yield return P("rancher_token", "Rancher API token", "RANCHER_TOKEN", 0.9, "token-xxxxx: + 54 lowercase letters and digits.", ["token-"], Rancher(), V.TokenWithEntropy(3.0, 12), 88);
        yield return P("dbt_cloud_token", "dbt Cloud service or personal token", "DBT_CLOUD_TOKEN", 0.9, "dbtc_/dbtu_ + at least 30 characters.", ["dbtc_", "dbtu_"], DbtCloud(), V.TokenWithEntropy(3.5, 5), 88);
        yield return P("deno_deploy_token", "Deno Deploy access token", "DENO_TOKEN", 0.9, "ddp_/ddw_ + 36 characters.", ["ddp_", "ddw_"], DenoDeploy(), V.TokenWithEntropy(3.5, 4), 88);
        yield return P("infisical_token", "Infisical service token", "INFISICAL_TOKEN", 0.95, "st. + id . 32 hex . 32 hex.", ["st."], Infisical(), V.Token, 90);

        // --- AI and data platforms ----------------------------------------------------------------------------------
        yield return P("nvidia_api_key", "NVIDIA API key", "NVIDIA_API_KEY", 0.95, "nvapi- + 64 characters.", ["nvapi-"], Nvidia(), V.TokenWithEntropy(3.0, 6), 92);
        yield return P("pinecone_api_key", "Pinecone API key", "PINECONE_API_KEY", 0.95, "pcsk_ + key id + _ + 50-80 characters.", ["pcsk_"], Pinecone(), V.TokenWithEntropy(3.0, 5), 92);
        yield return P("tavily_api_key", "Tavily API key", "TAVILY_API_KEY", 0.95, "tvly-[dev-|prod-] + 32 characters.", ["tvly-"], Tavily(), V.TokenWithEntropy(3.0, 5), 92);
        yield return P("jina_api_key", "Jina AI API key", "JINA_API_KEY", 0.9, "jina_ + 50-70 characters.", ["jina_"], Jina(), V.TokenWithEntropy(3.5, 5), 90);
        yield return P("cerebras_api_key", "Cerebras API key", "CEREBRAS_API_KEY", 0.9, "csk- + 48 lowercase letters and digits.", ["csk-"], Cerebras(), V.TokenWithEntropy(3.5, 4), 90);
        yield return P("elevenlabs_api_key", "ElevenLabs API key", "ELEVENLABS_API_KEY", 0.85, "sk_ + 48 lowercase hex.", ["sk_"], ElevenLabs(), V.TokenWithEntropy(3.0, 3), 85);
        yield return P("helicone_api_key", "Helicone API key", "HELICONE_API_KEY", 0.95, "sk-helicone- + four groups of 7 characters.", ["sk-helicone-"], Helicone(), V.Token, 92);
        yield return P("anyscale_api_key", "Anyscale API key", "ANYSCALE_API_KEY", 0.9, "esecret_ + 26 characters.", ["esecret_"], Anyscale(), V.TokenWithEntropy(3.0, 8), 90);
        yield return P("neon_api_key", "Neon API key", "NEON_API_KEY", 0.9, "napi_ + 64 lowercase letters and digits.", ["napi_"], Neon(), V.TokenWithEntropy(3.5, 5), 90);
        yield return P("xata_api_key", "Xata API key", "XATA_API_KEY", 0.85, "xau_ + at least 32 characters.", ["xau_"], Xata(), V.TokenWithEntropy(3.5, 4), 88);
        yield return P("supabase_secret_key", "Supabase secret API key", "SUPABASE_SECRET_KEY", 0.95, "sb_secret_ + at least 31 characters.", ["sb_secret_"], SupabaseSecret(), V.TokenWithEntropy(3.0, 10), 92);
        yield return P("posthog_personal_api_key", "PostHog personal API key", "POSTHOG_API_KEY", 0.9, "phx_ + 43 characters.", ["phx_"], PostHog(), V.TokenWithEntropy(3.5, 4), 90);
        yield return P("salesforce_access_token", "Salesforce access token", "SALESFORCE_TOKEN", 0.9, "00D org id (15 characters) + ! + 80-110 characters.", ["00d"], Salesforce(), V.TokenWithEntropy(3.5, 16), 90);
        yield return P("hubspot_private_app_token", "HubSpot private app token", "HUBSPOT_TOKEN", 0.9, "pat-na1-/pat-eu1- + UUID.", ["pat-"], HubSpotPrivateApp(), V.Token, 90);
        yield return P("adafruit_io_key", "Adafruit IO key", "ADAFRUIT_IO_KEY", 0.9, "aio_ + 28 characters.", ["aio_"], AdafruitIo(), V.TokenWithEntropy(3.5, 4), 88);
        yield return P("maxmind_license_key", "MaxMind license key", "MAXMIND_LICENSE_KEY", 0.95, "6 + _ + 29 characters + _mmk.", ["_mmk"], MaxMind(), V.TokenWithEntropy(3.0), 90);
        yield return P("new_relic_license_key", "New Relic license or insights query key", "NEW_RELIC_KEY", 0.9, "36 hex + NRAL license key, or NRIQ- + 32 characters.", [], NewRelicLicense(), V.TokenWithEntropy(3.0), 90, longRunMin: 37, reachAfter: 0);
        yield return P("ubidots_token", "Ubidots token", "UBIDOTS_TOKEN", 0.9, "BBFF- + 30 characters.", ["bbff-"], Ubidots(), V.TokenWithEntropy(3.5, 5), 88);

        // --- Payments and commerce ----------------------------------------------------------------------------------
        yield return P("braintree_access_token", "Braintree (PayPal) access token", "BRAINTREE_TOKEN", 0.97, "access_token$production|sandbox$ + 16 $ + 32 hex.", ["access_token$"], Braintree(), V.Token, 92);
        yield return P("razorpay_key", "Razorpay API key id", "RAZORPAY_KEY", 0.85, "rzp_live_/rzp_test_ + 14 characters.", ["rzp_"], Razorpay(), V.TokenWithEntropy(3.0, 9), 85);
        yield return P("clickup_token", "ClickUp personal API token", "CLICKUP_TOKEN", 0.9, "pk_ + user id + _ + 32 upper-case characters.", ["pk_"], ClickUp(), V.TokenWithEntropy(3.5, 3), 90);
        yield return P("paddle_api_key", "Paddle API key", "PADDLE_API_KEY", 0.95, "pdl_live_apikey_/pdl_sdbx_apikey_ + 40-60 characters.", ["pdl_"], Paddle(), V.TokenWithEntropy(3.0, 16), 92);
        yield return P("xendit_api_key", "Xendit secret key", "XENDIT_API_KEY", 0.95, "xnd_development_/xnd_production_ + at least 40 characters.", ["xnd_"], Xendit(), V.TokenWithEntropy(3.0, 16), 92);
        yield return P("midtrans_server_key", "Midtrans server key", "MIDTRANS_SERVER_KEY", 0.95, "[SB-]Mid-server- + 24 characters.", ["mid-server-", "sb-mid-server-"], Midtrans(), V.TokenWithEntropy(3.0, 11), 92);
        yield return P("mercury_api_token", "Mercury banking API token", "MERCURY_TOKEN", 0.95, "secret-token:mercury_production|sandbox_ + token.", ["secret-token:mercury_"], Mercury(), V.Token, 92);
        yield return P("amazon_mws_token", "Amazon MWS auth token", "AMAZON_MWS_TOKEN", 0.9, "amzn.mws. + UUID.", ["amzn.mws."], AmazonMws(), V.Token, 90);

        // --- Cloud ----------------------------------------------------------------------------------------------------
        yield return P("azure_identifiable_key", "Azure identifiable service key", "AZURE_SERVICE_KEY", 0.95, "Azure key with a fixed service signature at a fixed offset (+ASt storage, ACDb Cosmos DB, APIM, +ABa Batch, +AMC ML, AzFu Functions, +ASb Service Bus, +AEh Event Hubs, +ARm Relay, AIoT IoT Hub, AZEG Event Grid, AzCa Redis, AzSe Search, +ACR Container Registry).", [], AzureIdentifiable(), V.TokenWithEntropy(3.5), 93, longRunMin: 44, reachAfter: 0);
        yield return P("azure_annotated_key", "Azure common annotated security key (DevOps PAT, AI services)", "AZURE_SERVICE_KEY", 0.95, "52 characters + JQQJ signature + provider and date fields (84 characters).", [], AzureAnnotated(), V.TokenWithEntropy(3.5), 93, longRunMin: 84, reachAfter: 0);
        yield return P("tencent_secret_id", "Tencent Cloud SecretId", "TENCENT_SECRET_ID", 0.85, "AKID + 32 characters.", ["akid"], Tencent(), V.TokenWithEntropy(3.5, 4), 85);
        yield return P("yandex_cloud_credential", "Yandex Cloud credential", "YANDEX_CLOUD_TOKEN", 0.9, "AQVN API key, YC static key secret, t1. IAM token or y0_-y3_ OAuth token.", ["aqvn", "yc", "t1.", "y0_", "y1_", "y2_", "y3_"], Yandex(), V.TokenWithEntropy(3.5), 88);
        yield return P("scaleway_access_key", "Scaleway access key id", "SCALEWAY_ACCESS_KEY", 0.8, "SCW + 17 upper-case characters.", ["scw"], Scaleway(), V.TokenWithEntropy(3.0, 3), 80);
        yield return P("akamai_edgegrid_token", "Akamai EdgeGrid client or access token", "AKAMAI_TOKEN", 0.9, "akab- + 16 - 16 characters.", ["akab-"], Akamai(), V.TokenWithEntropy(3.0, 5), 90);
        yield return P("dropbox_access_token", "Dropbox short-lived access token", "DROPBOX_TOKEN", 0.9, "sl. + 130-152 characters (or sl.u. + longer).", ["sl."], Dropbox(), V.TokenWithEntropy(3.5, 3), 88);
        yield return P("telnyx_api_key", "Telnyx API key", "TELNYX_API_KEY", 0.9, "KEY + 32 upper-case hex + _ + 22 characters.", ["key0", "key1", "key2", "key3", "key4", "key5", "key6", "key7", "key8", "key9"], Telnyx(), V.TokenWithEntropy(3.5), 88);

        // --- Chat, notifications, webhooks ------------------------------------------------------------------------------
        yield return P("firebase_cloud_messaging_key", "Firebase Cloud Messaging server key", "FCM_SERVER_KEY", 0.97, "AAAA + 7 : APA91b + at least 100 characters.", [":apa91b"], Fcm(), V.Token, 92);
        yield return P("twitter_bearer_token", "Twitter/X app bearer token", "TWITTER_BEARER_TOKEN", 0.9, "21 or more A + 70-130 URL-encoded characters.", ["aaaaaaaaaaaaaaaaaaaaa"], TwitterBearer(), TwitterBearerValidator, 88);
        yield return P("discord_webhook_url", "Discord webhook URL", "DISCORD_WEBHOOK", 0.95, "discord.com/api/webhooks/<id>/<token>.", ["discord.com/api/webhooks/", "discordapp.com/api/webhooks/"], DiscordWebhook(), V.TokenWithEntropy(3.0), 90);
        yield return P("teams_webhook_url", "Microsoft Teams incoming webhook URL", "TEAMS_WEBHOOK", 0.95, "webhook.office.com/webhookb2/.../IncomingWebhook/<32 hex>/<id>.", ["webhook.office.com", "outlook.office.com", "outlook.office365.com"], TeamsWebhook(), V.Token, 90);
        yield return P("zapier_webhook_url", "Zapier webhook URL", "ZAPIER_WEBHOOK", 0.9, "hooks.zapier.com/hooks/catch/<id>/<key>.", ["hooks.zapier.com"], ZapierWebhook(), V.Token, 88);
        yield return P("cloudinary_url", "Cloudinary URL with API secret", "CLOUDINARY_URL", 0.95, "cloudinary://<api key>:<api secret>@<cloud>.", ["cloudinary://"], Cloudinary(), V.Token, 90);
        yield return P("mailersend_api_token", "MailerSend API token", "MAILERSEND_TOKEN", 0.95, "mlsn. + 64 hex.", ["mlsn."], MailerSend(), V.Token, 90);
        yield return P("provider_keyword_credential", "Credential assigned to a provider-named key", "SECRET", 0.75, "A provider name (algolia, bitbucket, cohere, netlify, shodan, zendesk…) + key/secret/token/password + a random-looking value of 16-100 characters (letters and digits, not an identifier, template or placeholder).", s_providerNames, ProviderKeyword(), ProviderKeyValue, 45);
        yield return P("resend_api_key", "Resend API key", "RESEND_API_KEY", 0.85, "re_ + 8 + _ + 24 characters that look random.", ["re_"], Resend(), RandomBody(3, 3.5), 85);
    }

    // Provider names whose keys hold random values; common English words (close, box, harvest…) are left out.
    private static readonly string[] s_providerNames = ["algolia", "alibaba", "aliyun", "amplitude", "asana", "auth0", "bitbucket", "bitly", "bugsnag", "browserstack", "calendly", "clarifai", "cloudinary", "codecov", "cohere", "coinbase", "coveralls", "deepgram", "deepseek", "dropbox", "etherscan", "etsy", "fastly", "fireworks", "freshdesk", "freshbooks", "gitter", "gocardless", "hasura", "hetzner", "honeycomb", "infura", "intercom", "jotform", "launchdarkly", "linode", "logdna", "loggly", "mailjet", "mailgun", "mapquest", "mattermost", "mistral", "mixpanel", "moralis", "netlify", "nexmo", "vonage", "ngrok", "onesignal", "openweather", "opsgenie", "pagerduty", "pastebin", "paystack", "pinata", "pipedrive", "plivo", "postmark", "pusher", "rapidapi", "rollbar", "sendbird", "shodan", "smartsheet", "statuspage", "strava", "teamwork", "travis", "trello", "twitch", "twitter", "uptimerobot", "vultr", "yandex", "zendesk", "assemblyai", "weaviate", "qdrant", "elevenlabs", "ipinfo", "ipstack", "binance", "bitfinex", "kucoin", "tencent", "huawei", "baidu", "mailerlite", "sendinblue", "mandrill", "sparkpost", "mailtrap", "sinch", "telnyx", "ably", "pubnub", "getstream", "agora", "imgur", "unsplash", "giphy", "tmdb", "newsapi", "alphavantage", "finnhub", "iexcloud", "quandl", "coinmarketcap", "coingecko", "blockcypher", "bscscan", "polygonscan", "snowflake", "confluent", "aiven", "upstash", "railway", "fauna", "cockroach", "timescale", "algolia_admin", "meilisearch", "typesense", "kibana", "logz", "papertrail", "sumologic", "lightstep", "raygun", "airbrake", "honeybadger", "sentry", "checkly", "pingdom", "statuscake", "freshservice", "servicenow", "hubspot", "pipedream", "zapier", "ifttt", "airtable", "clickup", "wrike", "basecamp", "toggl", "clockify", "salesloft", "clearbit", "hunterio", "fullcontact", "zoominfo", "segmentio", "posthog", "mixmax", "typeform", "surveymonkey", "docusign", "hellosign", "pandadoc", "dropboxsign", "egnyte", "wasabi", "backblaze", "scaleway", "digitalocean", "ovh", "vercel", "heroku", "cloudflare", "akamai", "bunnycdn", "keycdn", "imagekit", "uploadcare", "filestack", "transloadit", "twilio", "messagebird", "textmagic", "clicksend", "esendex"];

    // A provider-named key's value: random-looking (entropy, letters and digits, no identifier, template or placeholder).
    private static double ProviderKeyValue(in RuleMatch m, double confidence)
    {
        var value = m.Value;
        if (!value.ContainsAnyInRange('0', '9') || !(value.ContainsAnyInRange('a', 'z') || value.ContainsAnyInRange('A', 'Z')) || SecretHeuristics.LooksLikeIdentifier(value) || SecretHeuristics.HasSequentialRun(value, 8))
        {
            return 0;
        }

        // Keys meant to ship to browsers and apps are not secrets: a key named public/publishable (sentry_public_key),
        // or a value with a publishable prefix (pk_…, PostHog's project token phc_…).
        if (m.Text[m.Start..m.ValueStart].Contains("publi", StringComparison.OrdinalIgnoreCase) || value.StartsWith("pk_", StringComparison.Ordinal) || value.StartsWith("phc_", StringComparison.Ordinal))
        {
            return 0;
        }

        return V.ProviderKeyword(3.2)(m, confidence);
    }

    // A prefixed token whose body (after skipPrefix characters) must look random: entropy and not an identifier (rnd_seed_value…).
    private static MatchValidator RandomBody(int skipPrefix, double minEntropy)
        => (in RuleMatch m, double confidence) =>
        {
            var body = m.Value[Math.Min(skipPrefix, m.Value.Length)..];
            return Checksums.ShannonEntropy(body) >= minEntropy && !SecretHeuristics.LooksLikeIdentifier(body) && !SecretHeuristics.IsPeriodic(body, 4) ? V.Token(m, confidence) : 0;
        };

    // The run of leading A (zero bytes of the app id) carries no information: the rest must look random.
    private static double TwitterBearerValidator(in RuleMatch m, double confidence)
    {
        var body = m.Value.TrimStart('A');
        return body.Length >= 40 && Checksums.ShannonEntropy(body) >= 3.5 && !SecretHeuristics.IsPeriodic(body, 4) ? V.Token(m, confidence) : 0;
    }

    [GeneratedRegex(L + @"(?<v>oy2[a-z0-9]{43})" + R, O, T)]
    private static partial Regex NuGet();

    [GeneratedRegex(L + @"(?<v>CCIPAT_[A-Za-z0-9]{20,26}_[A-Za-z0-9]{40})" + R, O, T)]
    private static partial Regex CircleCi();

    [GeneratedRegex(L + @"(?<v>bkua_[a-z0-9]{40})" + R, O, T)]
    private static partial Regex Buildkite();

    [GeneratedRegex(L + @"(?<v>nfp_[A-Za-z0-9]{36})" + R, O, T)]
    private static partial Regex Netlify();

    [GeneratedRegex(L + @"(?<v>rnd_[A-Za-z0-9]{32})" + R, O, T)]
    private static partial Regex Render();

    [GeneratedRegex(L + @"(?<v>eyJ0eXAiOiAiVENWMiJ9\.[A-Za-z0-9_-]{30,40}\.[A-Za-z0-9_-]{40,56})" + Rd, O, T)]
    private static partial Regex TeamCity();

    [GeneratedRegex(L + @"(?<v>token-[a-z0-9]{5}:[a-z0-9]{54})" + R, O, T)]
    private static partial Regex Rancher();

    [GeneratedRegex(L + @"(?<v>dbt[cu]_[A-Za-z0-9_-]{30,80})" + Rd, O, T)]
    private static partial Regex DbtCloud();

    [GeneratedRegex(L + @"(?<v>dd[pw]_[A-Za-z0-9]{36})" + R, O, T)]
    private static partial Regex DenoDeploy();

    [GeneratedRegex(L + @"(?<v>st\.[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}\.[a-f0-9]{32}\.[a-f0-9]{32})" + R, O, T)]
    private static partial Regex Infisical();

    [GeneratedRegex(L + @"(?<v>nvapi-[A-Za-z0-9_-]{64})" + Rd, O, T)]
    private static partial Regex Nvidia();

    [GeneratedRegex(L + @"(?<v>pcsk_[A-Za-z0-9]{4,8}_[A-Za-z0-9]{50,80})" + R, O, T)]
    private static partial Regex Pinecone();

    [GeneratedRegex(Ld + @"(?<v>tvly-(?:dev-|prod-)?[A-Za-z0-9]{32})" + R, O, T)]
    private static partial Regex Tavily();

    [GeneratedRegex(L + @"(?<v>jina_[A-Za-z0-9_-]{50,70})" + Rd, O, T)]
    private static partial Regex Jina();

    [GeneratedRegex(Ld + @"(?<v>csk-[a-z0-9]{48})" + R, O, T)]
    private static partial Regex Cerebras();

    [GeneratedRegex(L + @"(?<v>sk_[a-f0-9]{48})" + R, O, T)]
    private static partial Regex ElevenLabs();

    [GeneratedRegex(Ld + @"(?<v>sk-helicone-(?:[a-z0-9]{7}-){3}[a-z0-9]{7})" + Rd, O, T)]
    private static partial Regex Helicone();

    [GeneratedRegex(L + @"(?<v>esecret_[A-Za-z0-9]{26})" + R, O, T)]
    private static partial Regex Anyscale();

    [GeneratedRegex(L + @"(?<v>napi_[a-z0-9]{64})" + R, O, T)]
    private static partial Regex Neon();

    [GeneratedRegex(L + @"(?<v>xau_[A-Za-z0-9]{32,64})" + R, O, T)]
    private static partial Regex Xata();

    [GeneratedRegex(L + @"(?<v>sb_secret_[A-Za-z0-9_-]{31,64})" + Rd, O, T)]
    private static partial Regex SupabaseSecret();

    [GeneratedRegex(L + @"(?<v>phx_[A-Za-z0-9]{43})" + R, O, T)]
    private static partial Regex PostHog();

    [GeneratedRegex(L + @"(?<v>00D[A-Za-z0-9]{12}![A-Za-z0-9_.]{80,110})(?![A-Za-z0-9_.])", O, T)]
    private static partial Regex Salesforce();

    [GeneratedRegex(Ld + @"(?<v>pat-(?:na|eu|ap|au)\d-" + Uuid + ")" + Rd, O, T)]
    private static partial Regex HubSpotPrivateApp();

    [GeneratedRegex(L + @"(?<v>aio_[A-Za-z0-9]{28})" + R, O, T)]
    private static partial Regex AdafruitIo();

    [GeneratedRegex(L + @"(?<v>[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk)" + R, O, T)]
    private static partial Regex MaxMind();

    [GeneratedRegex(L + @"(?<v>[a-f0-9]{36}NRAL)" + R + @"|" + Ld + @"(?<v>NRIQ-[A-Za-z0-9_-]{32})" + Rd, O, T)]
    private static partial Regex NewRelicLicense();

    [GeneratedRegex(Ld + @"(?<v>BBFF-[A-Za-z0-9]{30})" + R, O, T)]
    private static partial Regex Ubidots();

    [GeneratedRegex(L + @"(?<v>access_token\$(?:production|sandbox)\$[a-z0-9]{16}\$[a-f0-9]{32})" + R, O, T)]
    private static partial Regex Braintree();

    [GeneratedRegex(L + @"(?<v>rzp_(?:live|test)_[A-Za-z0-9]{14})" + R, O, T)]
    private static partial Regex Razorpay();

    [GeneratedRegex(L + @"(?<v>pk_\d{6,9}_[A-Z0-9]{32})" + R, O, T)]
    private static partial Regex ClickUp();

    [GeneratedRegex(L + @"(?<v>pdl_(?:live|sdbx)_apikey_[A-Za-z0-9_]{40,60})" + R, O, T)]
    private static partial Regex Paddle();

    [GeneratedRegex(L + @"(?<v>xnd_(?:development|production)_[A-Za-z0-9]{40,100})" + R, O, T)]
    private static partial Regex Xendit();

    [GeneratedRegex(Ld + @"(?<v>(?:SB-)?Mid-server-[A-Za-z0-9_-]{24})" + Rd, O, T)]
    private static partial Regex Midtrans();

    [GeneratedRegex(@"(?<![A-Za-z0-9_:-])(?<v>secret-token:mercury_(?:production|sandbox)_[A-Za-z0-9_]{20,120})" + R, O, T)]
    private static partial Regex Mercury();

    [GeneratedRegex(L + @"(?<v>amzn\.mws\." + Uuid + ")" + Rd, O, T)]
    private static partial Regex AmazonMws();

    // Microsoft's identifiable keys: a service signature at a fixed offset, a checksum-derived tail ([AQgw]== on the 88-character forms).
    [GeneratedRegex(@"(?<![A-Za-z0-9+/_-])(?<v>[A-Za-z0-9+/]{76}(?:\+ASt|ACDb|APIM|\+ABa|\+AMC)[A-Za-z0-9+/]{5}[AQgw]==|[A-Za-z0-9+/]{33}(?:\+ASb|\+AEh|\+ARm|AIoT|AZEG|AzCa)[A-P][A-Za-z0-9+/]{5}=|[A-Za-z0-9_-]{44}AzFu[A-Za-z0-9_-]{5}[AQgw]==|[A-Za-z0-9]{42}AzSe[A-D][A-Za-z0-9]{5}|[A-Za-z0-9+/]{42}\+ACR[A-D][A-Za-z0-9+/]{5})(?![A-Za-z0-9+/=_-])", O, T)]
    private static partial Regex AzureIdentifiable();

    [GeneratedRegex(L + @"(?<v>[A-Za-z0-9]{52}JQQJ[A-Za-z0-9]{28}(?:[A-Za-z0-9]{2}==)?)(?![A-Za-z0-9+/=_-])", O, T)]
    private static partial Regex AzureAnnotated();

    [GeneratedRegex(L + @"(?<v>AKID[A-Za-z0-9]{32})" + R, O, T)]
    private static partial Regex Tencent();

    [GeneratedRegex(Ld + @"(?<v>AQVN[A-Za-z0-9_-]{35,38}|YC[A-Za-z0-9_-]{38}|t1\.[A-Za-z0-9_-]+={0,2}\.[A-Za-z0-9_-]{86}={0,2}|y[0-3]_[A-Za-z0-9_-]{55})" + Rd, O, T)]
    private static partial Regex Yandex();

    [GeneratedRegex(L + @"(?<v>SCW[A-Z0-9]{17})" + R, O, T)]
    private static partial Regex Scaleway();

    [GeneratedRegex(Ld + @"(?<v>akab-[a-z0-9]{16}-[a-z0-9]{16})" + Rd, O, T)]
    private static partial Regex Akamai();

    [GeneratedRegex(L + @"(?<v>sl\.(?:u\.[A-Za-z0-9_-]{130,1400}|[A-Za-z0-9_-]{130,152}))" + Rd, O, T)]
    private static partial Regex Dropbox();

    [GeneratedRegex(L + @"(?<v>KEY[0-9A-F]{32}_[A-Za-z0-9]{22})" + R, O, T)]
    private static partial Regex Telnyx();

    [GeneratedRegex(Ld + @"(?<v>AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{100,200})" + Rd, O, T)]
    private static partial Regex Fcm();

    [GeneratedRegex(L + @"(?<v>A{21}[A-Za-z0-9%]{70,130})(?![A-Za-z0-9%+/=_-])", O, T)]
    private static partial Regex TwitterBearer();

    [GeneratedRegex(@"(?<v>(?i:https?://(?:ptb\.|canary\.)?discord(?:app)?\.com)/api/webhooks/\d{17,20}/[A-Za-z0-9_-]{60,68})" + Rd, O, T)]
    private static partial Regex DiscordWebhook();

    [GeneratedRegex(@"(?<v>(?i:https?://(?:[a-z0-9-]+\.webhook\.office\.com/webhookb2|outlook\.office(?:365)?\.com/webhook))/[A-Za-z0-9@-]{36,80}/IncomingWebhook/[a-f0-9]{32}/[a-f0-9-]{36}(?:/[A-Za-z0-9_-]{20,80})?)", O, T)]
    private static partial Regex TeamsWebhook();

    [GeneratedRegex(@"(?<v>(?i:https?://hooks\.zapier\.com)/hooks/catch/\d{4,12}/[a-z0-9]{5,12})(?![A-Za-z0-9])", O, T)]
    private static partial Regex ZapierWebhook();

    [GeneratedRegex(@"(?i:cloudinary://)\d{10,20}:(?<v>[A-Za-z0-9_-]{20,40})@[a-z0-9_-]+", O, T)]
    private static partial Regex Cloudinary();

    [GeneratedRegex(L + @"(?<v>mlsn\.[a-f0-9]{64})" + R, O, T)]
    private static partial Regex MailerSend();

    [GeneratedRegex(@"(?<![A-Za-z0-9])(?i:algolia_admin|coinmarketcap|alphavantage|browserstack|digitalocean|freshservice|launchdarkly|surveymonkey|blockcypher|dropboxsign|fullcontact|honeybadger|meilisearch|messagebird|openweather|polygonscan|transloadit|uptimerobot|assemblyai|cloudflare|cloudinary|elevenlabs|freshbooks|gocardless|mailerlite|mattermost|papertrail|sendinblue|servicenow|smartsheet|statuscake|statuspage|uploadcare|amplitude|backblaze|bitbucket|clicksend|cockroach|coingecko|confluent|coveralls|etherscan|filestack|fireworks|freshdesk|getstream|hellosign|honeycomb|lightstep|onesignal|pagerduty|pipedream|pipedrive|salesloft|segmentio|snowflake|sparkpost|sumologic|textmagic|timescale|typesense|airbrake|airtable|basecamp|bitfinex|bunnycdn|calendly|clarifai|clearbit|clockify|coinbase|deepgram|deepseek|docusign|hunterio|iexcloud|imagekit|intercom|mailtrap|mandrill|mapquest|mixpanel|opsgenie|pandadoc|pastebin|paystack|postmark|rapidapi|scaleway|sendbird|teamwork|typeform|unsplash|weaviate|zoominfo|algolia|alibaba|binance|bscscan|bugsnag|checkly|clickup|codecov|dropbox|esendex|finnhub|hetzner|hubspot|ipstack|jotform|mailgun|mailjet|mistral|moralis|netlify|newsapi|pingdom|posthog|railway|rollbar|tencent|twitter|upstash|zendesk|akamai|aliyun|cohere|egnyte|fastly|gitter|hasura|heroku|huawei|infura|ipinfo|keycdn|kibana|kucoin|linode|logdna|loggly|mixmax|pinata|pubnub|pusher|qdrant|quandl|raygun|sentry|shodan|strava|telnyx|travis|trello|twilio|twitch|vercel|vonage|wasabi|yandex|zapier|agora|aiven|asana|auth0|baidu|bitly|fauna|giphy|ifttt|imgur|nexmo|ngrok|plivo|sinch|toggl|vultr|wrike|ably|etsy|logz|tmdb|ovh)[\w.-]{0,25}?(?i:key|secret|token|password|passwd|pass|pwd|sid|auth)[\w.-]{0,12}?" + Assign + @"(?<v>[A-Za-z0-9][A-Za-z0-9_+/=.-]{15,99})(?![A-Za-z0-9_+/=.-])", O, T)]
    private static partial Regex ProviderKeyword();

    [GeneratedRegex(L + @"(?<v>re_[A-Za-z0-9]{8}_[A-Za-z0-9]{24})" + R, O, T)]
    private static partial Regex Resend();
}
