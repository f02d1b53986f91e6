using System.Text.RegularExpressions;
using AegisGate.Detection.Engine;
using AegisGate.Detection.Validation;
using static AegisGate.Detection.Rules.Describe;
using V = AegisGate.Detection.Rules.SecretValidators;

namespace AegisGate.Detection.Rules;

/// <summary>
/// The built-in secret rules: provider tokens with fixed prefixes (checksum-validated where the format has one),
/// keyword-anchored provider credentials, private keys, JWTs, credentials in URLs, headers and connection strings,
/// and the keyword-anchored generic credential with the negative filters users ask for.
/// </summary>
internal static partial class SecretRules
{
    private const RegexOptions O = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
    private const int T = 250;

    // Building blocks (compile-time constants so the regexes stay source-generated).
    private const string L = @"(?<![A-Za-z0-9_])";
    private const string Ld = @"(?<![A-Za-z0-9_-])";
    private const string R = @"(?![A-Za-z0-9_])";
    private const string Rd = @"(?![A-Za-z0-9_-])";
    private const string Assign = @"[""'`\]]?[ \t]{0,5}(?:=|:=|::=|:::=|\?=|=>|:|\|\|=|[ \t])[ \t]{0,5}[""'`]?";
    private const string KeyGap = @"[\w.-]{0,25}?";
    private const string Uuid = @"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    public static IEnumerable<DetectionRule> All()
    {
        // --- Source-code hosts and package registries -----------------------------------------------------------
        yield return P("github_pat", "GitHub personal access token", "GITHUB_TOKEN", 0.9, "ghp_ + 36 base62; CRC32 checksum validated.", ["ghp_"], GitHubClassic(), V.GitHubToken, 90);
        yield return P("github_oauth", "GitHub OAuth access token", "GITHUB_TOKEN", 0.9, "gho_ + 36 base62; CRC32 checksum validated.", ["gho_"], GitHubOAuth(), V.GitHubToken, 90);
        yield return P("github_user_to_server", "GitHub App user-to-server token", "GITHUB_TOKEN", 0.9, "ghu_ + 36 base62; CRC32 checksum validated.", ["ghu_"], GitHubUser(), V.GitHubToken, 90);
        yield return P("github_server_to_server", "GitHub App installation token", "GITHUB_TOKEN", 0.9, "ghs_ + 36 base62 (CRC32 validated) or the ghs_<id>_<JWT> form.", ["ghs_"], GitHubServer(), V.Token, 90);
        yield return P("github_refresh_token", "GitHub refresh token", "GITHUB_TOKEN", 0.9, "ghr_ + 36 base62; CRC32 checksum validated.", ["ghr_"], GitHubRefresh(), V.GitHubToken, 90);
        yield return P("github_fine_grained_pat", "GitHub fine-grained personal access token", "GITHUB_TOKEN", 0.95, "github_pat_ + 22 + _ + 59 characters.", ["github_pat_"], GitHubFineGrained(), V.Token, 90);
        yield return P("gitlab_pat", "GitLab personal access token", "GITLAB_TOKEN", 0.9, "glpat- + 20-50 characters, or the routable form (27-300 characters + .xx.xxxxxxx).", ["glpat-"], GitLabPat(), V.TokenWithEntropy(2.5, 6), 90);
        yield return P("gitlab_deploy_token", "GitLab deploy token", "GITLAB_TOKEN", 0.9, "gldt- + 20-50 characters.", ["gldt-"], GitLabDeploy(), V.TokenWithEntropy(2.5, 5), 90);
        yield return P("gitlab_runner_token", "GitLab runner token", "GITLAB_TOKEN", 0.9, "glrt- runner authentication (20-50 characters or routable) or GR1348941 registration token (20-50 characters).", ["glrt-", "GR1348941"], GitLabRunner(), V.TokenWithEntropy(2.5, 5), 90);
        yield return P("gitlab_ci_job_token", "GitLab CI/CD job token", "GITLAB_TOKEN", 0.9, "glcbt- + 20-50 characters.", ["glcbt-"], GitLabCiJob(), V.TokenWithEntropy(2.5, 6), 90);
        yield return P("gitlab_pipeline_trigger_token", "GitLab pipeline trigger token", "GITLAB_TOKEN", 0.9, "glptt- + exactly 40 characters.", ["glptt-"], GitLabTrigger(), V.TokenWithEntropy(2.5, 6), 90);
        yield return P("gitlab_agent_token", "GitLab agent for Kubernetes token", "GITLAB_TOKEN", 0.9, "glagent- + at least 50 characters.", ["glagent-"], GitLabAgent(), V.TokenWithEntropy(2.5, 8), 90);
        yield return P("gitlab_oauth_secret", "GitLab OAuth application secret", "GITLAB_TOKEN", 0.9, "gloas- + exactly 64 characters.", ["gloas-"], GitLabOAuth(), V.TokenWithEntropy(2.5, 6), 90);
        yield return P("gitlab_scim_token", "GitLab SCIM token", "GITLAB_TOKEN", 0.9, "glsoat- + 20-50 characters.", ["glsoat-"], GitLabScim(), V.TokenWithEntropy(2.5, 7), 90);
        yield return P("gitlab_feed_token", "GitLab feed token", "GITLAB_TOKEN", 0.9, "glft- + 20-50 characters.", ["glft-"], GitLabFeed(), V.TokenWithEntropy(2.5, 5), 90);
        yield return P("gitlab_incoming_mail_token", "GitLab incoming mail token", "GITLAB_TOKEN", 0.9, "glimt- + exactly 25 characters.", ["glimt-"], GitLabMail(), V.TokenWithEntropy(2.5, 6), 90);
        yield return P("npm_token", "npm access token", "NPM_TOKEN", 0.9, "npm_ + 36 base62; CRC32 checksum validated.", ["npm_"], Npm(), V.NpmToken, 90);
        yield return P("npmrc_auth_token", "npm registry auth token (.npmrc)", "NPM_TOKEN", 0.85, "//registry/:_authToken=value.", ["_authtoken"], NpmRc(), V.Keyword(2.0), 85);
        yield return P("pypi_token", "PyPI API token", "PYPI_TOKEN", 0.95, "pypi- macaroon for pypi.org or test.pypi.org.", ["pypi-"], PyPi(), V.Token, 90);
        yield return P("rubygems_api_key", "RubyGems API key", "RUBYGEMS_API_KEY", 0.95, "rubygems_ + 48 hex.", ["rubygems_"], RubyGems(), V.Token, 90);

        // --- Chat and collaboration ------------------------------------------------------------------------------
        yield return P("slack_bot_token", "Slack bot token", "SLACK_TOKEN", 0.9, "xoxb- with numeric workspace and bot ids.", ["xoxb-"], SlackBot(), V.Token, 90);
        yield return P("slack_user_token", "Slack user token", "SLACK_TOKEN", 0.9, "xoxp-/xoxe- user token.", ["xoxp-", "xoxe-"], SlackUser(), V.Token, 90);
        yield return P("slack_app_token", "Slack app-level token", "SLACK_TOKEN", 0.95, "xapp-1-... app-level token.", ["xapp-"], SlackApp(), V.Token, 90);
        yield return P("slack_config_token", "Slack configuration access token", "SLACK_TOKEN", 0.95, "xoxe.xoxb-1-/xoxe.xoxp-1- configuration token.", ["xoxe."], SlackConfig(), V.Token, 91);
        yield return P("slack_refresh_token", "Slack configuration refresh token", "SLACK_TOKEN", 0.95, "xoxe-1- refresh token.", ["xoxe-"], SlackRefresh(), V.Token, 91);
        yield return P("slack_legacy_token", "Slack legacy token", "SLACK_TOKEN", 0.85, "xoxa-/xoxo-/xoxs-/xoxr- legacy workspace and user tokens.", ["xoxa-", "xoxo-", "xoxs-", "xoxr-"], SlackLegacy(), V.Token, 85);
        yield return P("slack_webhook_url", "Slack incoming webhook URL", "SLACK_WEBHOOK", 0.95, "hooks.slack.com/services|workflows|triggers URL.", ["hooks.slack.com"], SlackWebhook(), V.Token, 90);
        yield return P("discord_bot_token", "Discord bot token", "DISCORD_TOKEN", 0.85, "base64 user id . timestamp . HMAC.", [], DiscordBot(), V.TokenWithEntropy(3.0), 80, longRunMin: 24, reachAfter: 48);
        yield return P("discord_client_secret", "Discord client secret", "DISCORD_SECRET", 0.8, "discord keyword + 32-character secret.", ["discord"], DiscordSecret(), V.ProviderKeyword(2.5), 70);
        yield return P("telegram_bot_token", "Telegram bot token", "TELEGRAM_BOT_TOKEN", 0.9, "bot id : AA + 33 characters.", [":aa"], Telegram(), V.Token, 90, reachBefore: 16);
        yield return P("twilio_api_key", "Twilio API key SID", "TWILIO_API_KEY", 0.8, "SK + 32 hex.", [], TwilioKey(), V.TokenWithEntropy(3.0, 2), 80, longRunMin: 34, reachAfter: 0);
        yield return P("twilio_auth_token", "Twilio auth token", "TWILIO_AUTH_TOKEN", 0.8, "twilio keyword + 32 hex.", ["twilio"], TwilioToken(), V.ProviderKeyword(3.0), 70);
        yield return P("sendgrid_api_key", "SendGrid API key", "SENDGRID_API_KEY", 0.95, "SG. + 22 . 43.", ["sg."], SendGrid(), V.Token, 90);
        yield return P("mailchimp_api_key", "Mailchimp API key", "MAILCHIMP_API_KEY", 0.85, "32 lowercase hex + -usNN data centre.", ["-us"], Mailchimp(), V.TokenWithEntropy(3.0), 85, reachBefore: 40);
        yield return P("mailgun_api_key", "Mailgun private API key", "MAILGUN_API_KEY", 0.8, "key- + 32 hex.", ["key-"], Mailgun(), V.TokenWithEntropy(3.0, 4), 80);
        yield return P("linear_api_key", "Linear API key", "LINEAR_API_KEY", 0.95, "lin_api_ + 32-128 characters (40 in current keys) that look random.", ["lin_api_"], Linear(), LinearValidator, 90);
        yield return P("notion_api_token", "Notion integration token", "NOTION_TOKEN", 0.9, "ntn_ + 11 digits + 35 characters.", ["ntn_"], Notion(), V.Token, 90);
        yield return P("atlassian_api_token", "Atlassian API token", "ATLASSIAN_API_TOKEN", 0.9, "ATATT3 token, or jira/confluence/atlassian keyword + 24 characters.", ["atatt3", "atlassian", "confluence", "jira"], Atlassian(), V.Keyword(3.0), 85);
        yield return P("figma_token", "Figma personal access token", "FIGMA_TOKEN", 0.9, "figd_ + 40 characters.", ["figd_"], Figma(), V.Token, 90);
        yield return P("airtable_pat", "Airtable personal access token", "AIRTABLE_TOKEN", 0.9, "pat + 14 . 64 hex.", ["pat"], Airtable(), V.Token, 85);

        // --- Payments and commerce --------------------------------------------------------------------------------
        yield return P("stripe_secret_key", "Stripe secret key", "STRIPE_SECRET_KEY", 0.95, "sk_live_/sk_test_/sk_prod_ + at least 24 characters.", ["sk_live_", "sk_test_", "sk_prod_"], StripeSecret(), V.Token, 90);
        yield return P("stripe_restricted_key", "Stripe restricted key", "STRIPE_SECRET_KEY", 0.95, "rk_live_/rk_test_/rk_prod_ + at least 24 characters.", ["rk_live_", "rk_test_", "rk_prod_"], StripeRestricted(), V.Token, 90);
        yield return P("stripe_webhook_secret", "Stripe webhook signing secret", "STRIPE_WEBHOOK_SECRET", 0.95, "whsec_ + at least 32 characters.", ["whsec_"], StripeWebhook(), V.Token, 90);
        yield return P("square_access_token", "Square access token", "SQUARE_TOKEN", 0.9, "sq0atp- or EAAA + 60 characters.", ["sq0atp-", "eaaa"], SquareAccess(), V.TokenWithEntropy(3.0), 88);
        yield return P("square_oauth_secret", "Square OAuth secret", "SQUARE_SECRET", 0.95, "sq0csp- + 43 characters.", ["sq0csp-"], SquareSecret(), V.Token, 90);
        yield return P("shopify_token", "Shopify access token or app secret", "SHOPIFY_TOKEN", 0.9, "shpat_/shpca_/shppa_/shpss_ + at least 32 characters.", ["shpat_", "shpca_", "shppa_", "shpss_"], Shopify(), V.Token, 90);
        yield return P("easypost_api_key", "EasyPost API key", "EASYPOST_API_KEY", 0.9, "EZAK/EZTK + 54 characters.", ["ezak", "eztk"], EasyPost(), V.Token, 90);

        yield return P("brevo_api_key", "Brevo (Sendinblue) API or SMTP key", "BREVO_API_KEY", 0.95, "xkeysib-/xsmtpsib- + 64 hex + - + 16 characters.", ["xkeysib-", "xsmtpsib-"], Brevo(), V.Token, 90);
        yield return P("shippo_api_token", "Shippo API token", "SHIPPO_TOKEN", 0.95, "shippo_live_/shippo_test_ + 40 hex.", ["shippo_"], Shippo(), V.Token, 90);
        yield return P("duffel_api_token", "Duffel API token", "DUFFEL_TOKEN", 0.95, "duffel_live_/duffel_test_ + 43 characters.", ["duffel_"], Duffel(), V.TokenWithEntropy(3.0, 12), 90);
        yield return P("flutterwave_secret_key", "Flutterwave secret key", "FLUTTERWAVE_SECRET_KEY", 0.95, "FLWSECK[_TEST]- + 32 hex-like + -X.", ["flwseck"], Flutterwave(), V.Token, 90);
        yield return P("typeform_token", "Typeform personal access token", "TYPEFORM_TOKEN", 0.9, "tfp_ + 59 characters.", ["tfp_"], Typeform(), V.TokenWithEntropy(3.0, 4), 90);

        // --- AI providers ----------------------------------------------------------------------------------------
        yield return P("openai_api_key", "OpenAI API key", "OPENAI_API_KEY", 0.97, "sk-(proj-|svcacct-|admin-) with the T3BlbkFJ marker.", ["sk-"], OpenAi(), V.Token, 95);
        yield return P("openai_project_key", "OpenAI project or service-account key", "OPENAI_API_KEY", 0.85, "sk-proj-/sk-svcacct-/sk-admin- + at least 100 characters without the T3BlbkFJ marker, next to an OpenAI keyword.", ["sk-proj-", "sk-svcacct-", "sk-admin-"], OpenAiProject(), V.TokenWithEntropy(3.5), 85, new RuleContext(ContextMode.Required, 100, "openai", "openai_api_key", "openai_key", "chatgpt"));
        yield return P("anthropic_api_key", "Anthropic API key", "ANTHROPIC_API_KEY", 0.97, "sk-ant-api03- + 93 characters + AA.", ["sk-ant-api"], Anthropic(), V.Token, 95);
        yield return P("anthropic_admin_key", "Anthropic admin API key", "ANTHROPIC_API_KEY", 0.97, "sk-ant-admin01- + 93 characters + AA.", ["sk-ant-admin"], AnthropicAdmin(), V.Token, 95);
        yield return P("huggingface_token", "Hugging Face access token", "HUGGINGFACE_TOKEN", 0.85, "hf_ + 34 letters.", ["hf_"], HuggingFace(), V.TokenWithEntropy(3.5, 3), 88);
        yield return P("huggingface_org_token", "Hugging Face organization API token", "HUGGINGFACE_TOKEN", 0.85, "api_org_ + 34 letters.", ["api_org_"], HuggingFaceOrg(), V.TokenWithEntropy(3.5, 8), 88);
        yield return P("groq_api_key", "Groq API key", "GROQ_API_KEY", 0.9, "gsk_ + 52 characters.", ["gsk_"], Groq(), V.Token, 90);
        yield return P("replicate_token", "Replicate API token", "REPLICATE_TOKEN", 0.9, "r8_ + 37 characters.", ["r8_"], Replicate(), V.TokenWithEntropy(3.0, 3), 88);
        yield return P("perplexity_api_key", "Perplexity API key", "PERPLEXITY_API_KEY", 0.9, "pplx- + 48 characters.", ["pplx-"], Perplexity(), V.Token, 90);
        yield return P("xai_api_key", "xAI API key", "XAI_API_KEY", 0.9, "xai- + 80 characters.", ["xai-"], Xai(), V.Token, 90);

        yield return P("openrouter_api_key", "OpenRouter API key", "OPENROUTER_API_KEY", 0.95, "sk-or-v1- + 64 hex.", ["sk-or-v1-"], OpenRouter(), V.Token, 95);
        yield return P("wandb_api_key", "Weights & Biases API key", "WANDB_API_KEY", 0.85, "wandb keyword + 40 hex.", ["wandb"], Wandb(), V.ProviderKeyword(3.0), 80, keywordsInsideWords: true);
        yield return P("langsmith_api_key", "LangSmith API key", "LANGSMITH_API_KEY", 0.95, "lsv2_pt_/lsv2_sk_ + 32 hex + _ + 10 hex.", ["lsv2_"], LangSmith(), V.Token, 90);
        yield return P("langfuse_secret_key", "Langfuse secret key", "LANGFUSE_SECRET_KEY", 0.9, "sk-lf- + UUID.", ["sk-lf-"], Langfuse(), V.Token, 90);

        // --- Cloud -----------------------------------------------------------------------------------------------
        yield return P("aws_access_key_id", "AWS access key id", "AWS_ACCESS_KEY_ID", 0.9, "AKIA/ASIA/ABIA/ACCA/A3T* + 16 base32.", ["akia", "asia", "abia", "acca", "a3t", "agpa", "aida", "aroa", "aipa", "anpa", "anva", "apka"], AwsKeyId(), V.Token, 90);
        yield return P("aws_secret_access_key", "AWS secret access key", "AWS_SECRET_ACCESS_KEY", 0.9, "aws secret/access key keyword + 40 base64 characters.", ["aws", "secret_access_key", "secretaccesskey", "secret-access-key"], AwsSecret(), V.ProviderKeyword(3.0), 85);
        yield return P("aws_session_token", "AWS session token", "AWS_SESSION_TOKEN", 0.9, "aws_session_token keyword + long base64.", ["session_token", "sessiontoken", "session-token"], AwsSession(), V.Keyword(3.5), 85);
        yield return P("aws_bedrock_api_key", "Amazon Bedrock API key", "AWS_BEDROCK_API_KEY", 0.9, "ABSK + 109-269 base64 long-lived or bedrock-api-key- short-lived key.", ["absk", "bedrock-api-key-"], AwsBedrock(), V.Token, 90);
        yield return P("alibaba_access_key_id", "Alibaba Cloud AccessKey id", "ALIBABA_ACCESS_KEY_ID", 0.85, "LTAI + 20 characters.", ["ltai"], Alibaba(), V.TokenWithEntropy(3.0, 4), 85);
        yield return P("gcp_api_key", "Google API key", "GOOGLE_API_KEY", 0.9, "AIza + 35 characters.", ["aiza"], GoogleApiKey(), V.TokenWithEntropy(3.2, 4), 90);
        yield return P("gcp_service_account", "Google Cloud service-account key file", "GCP_SERVICE_ACCOUNT", 0.85, "\"type\": \"service_account\" JSON that is not a template (no placeholder project or key).", ["service_account"], GcpServiceAccount(), GcpServiceAccountValidator, 80);
        yield return P("gcp_oauth_client_secret", "Google OAuth client secret", "GOOGLE_CLIENT_SECRET", 0.95, "GOCSPX- + 28 characters.", ["gocspx-"], GoogleClientSecret(), V.Token, 90);
        yield return P("google_oauth_access_token", "Google OAuth access token", "GOOGLE_ACCESS_TOKEN", 0.85, "ya29. + at least 20 characters.", ["ya29."], GoogleAccessToken(), V.TokenWithEntropy(3.0, 5), 85);
        yield return P("azure_ad_client_secret", "Microsoft Entra ID client secret", "AZURE_CLIENT_SECRET", 0.9, "3 characters + digit + Q~ + 31-34 characters.", ["q~"], AzureAdSecret(), V.TokenWithEntropy(3.0), 90, keywordsInsideWords: true);
        yield return P("azure_storage_account_key", "Azure storage account key", "AZURE_STORAGE_KEY", 0.95, "AccountKey= + 86 base64 + ==.", ["accountkey"], AzureStorage(), V.Token, 92);
        yield return P("azure_sas_token", "Azure shared access signature", "AZURE_SAS_TOKEN", 0.85, "sv=...&sig= signature.", ["sig="], AzureSas(), V.Token, 85);
        yield return P("azure_credential", "Azure credential in configuration", "AZURE_SECRET", 0.8, "azure keyword + key/secret/password + 32-88 characters.", ["azure"], AzureKeyword(), V.Keyword(3.0), 70);
        yield return P("digitalocean_token", "DigitalOcean token", "DIGITALOCEAN_TOKEN", 0.95, "dop_v1_/doo_v1_/dor_v1_ + 64 hex.", ["dop_v1_", "doo_v1_", "dor_v1_"], DigitalOcean(), V.Token, 90);
        yield return P("flyio_token", "Fly.io access token", "FLYIO_TOKEN", 0.9, "fo1_ token or FlyV1 fm1/fm2 macaroon.", ["fo1_", "fm1_", "fm2_", "fm1r_", "fm2r_", "fm1a_", "fm2a_"], FlyIo(), V.TokenWithEntropy(3.0, 4), 88);
        yield return P("heroku_api_key", "Heroku API key", "HEROKU_API_KEY", 0.85, "HRKU-AA token, or heroku keyword + UUID.", ["hrku-", "heroku"], Heroku(), V.Token, 85);
        yield return P("cloudflare_api_token", "Cloudflare API token", "CLOUDFLARE_API_TOKEN", 0.9, "cfat_/cfut_ token, or cloudflare keyword + 40 characters.", ["cfat_", "cfut_", "cloudflare"], Cloudflare(), V.TokenWithEntropy(2.5), 88);
        yield return P("cloudflare_origin_ca_key", "Cloudflare Origin CA key", "CLOUDFLARE_ORIGIN_CA_KEY", 0.95, "v1.0- + 24 hex + - + 146 hex.", ["v1.0-"], CloudflareOrigin(), V.Token, 90);
        yield return P("vercel_token", "Vercel token", "VERCEL_TOKEN", 0.85, "vcp_/vci_/vca_/vcr_/vck_ + at least 24 characters.", ["vcp_", "vci_", "vca_", "vcr_", "vck_"], Vercel(), V.Token, 88);
        yield return P("supabase_token", "Supabase access token", "SUPABASE_TOKEN", 0.95, "sbp_ + 40 hex.", ["sbp_"], Supabase(), V.Token, 90);
        yield return P("planetscale_token", "PlanetScale token or password", "PLANETSCALE_TOKEN", 0.9, "pscale_tkn_/pscale_pw_/pscale_oauth_ + 32-64 characters.", ["pscale_"], PlanetScale(), V.Token, 90);
        yield return P("databricks_token", "Databricks access token", "DATABRICKS_TOKEN", 0.9, "dapi + 32 hex (+ -N).", ["dapi"], Databricks(), V.TokenWithEntropy(3.0, 4), 90);
        yield return P("doppler_token", "Doppler token", "DOPPLER_TOKEN", 0.95, "dp.pt./dp.st./dp.sa. + 40-44 characters.", ["dp."], Doppler(), V.Token, 90);
        yield return P("docker_hub_pat", "Docker Hub personal access token", "DOCKER_TOKEN", 0.9, "dckr_pat_ + 27 characters.", ["dckr_pat_"], DockerHub(), V.Token, 90);
        yield return P("tailscale_key", "Tailscale key", "TAILSCALE_KEY", 0.9, "tskey-api|auth|client|scim|webhook-... key.", ["tskey-"], Tailscale(), V.Token, 90);
        yield return P("artifactory_token", "JFrog Artifactory token", "ARTIFACTORY_TOKEN", 0.85, "AKCp API key, cmVmd reference token, or X-JFrog-Art-Api header value.", ["akcp", "cmvmd", "x-jfrog-art-api", "artifactory"], Artifactory(), V.TokenWithEntropy(3.0), 85);
        yield return P("ibm_cloud_iam_key", "IBM Cloud IAM API key", "IBM_CLOUD_API_KEY", 0.85, "ibm/iam/cloud keyword + 44-character key.", ["ibm", "iam", "cloud"], IbmCloud(), V.ProviderKeyword(2.5), 80);
        yield return P("ibm_cos_hmac_secret", "IBM Cloud Object Storage HMAC secret", "IBM_COS_SECRET", 0.85, "cos/secret_access_key keyword + 48 hex.", ["secret_access_key", "secret-access-key", "secretaccesskey", "cos_", "cos-", "coshmac", "cossecret", "ibm"], IbmCos(), V.ProviderKeyword(2.5), 80);
        yield return P("softlayer_api_key", "SoftLayer API key", "SOFTLAYER_API_KEY", 0.85, "softlayer/sl keyword or API URL + 64 characters.", ["softlayer", "sl_", "sl-", "slapi"], SoftLayer(), V.ProviderKeyword(2.5), 80);
        yield return P("cloudant_credential", "IBM Cloudant credential", "CLOUDANT_PASSWORD", 0.85, "cloudant keyword + 64 hex or 24 letters.", ["cloudant", "cl_", "cl-", "clou"], Cloudant(), V.ProviderKeyword(2.5), 80);
        yield return P("dynatrace_token", "Dynatrace API token", "DYNATRACE_TOKEN", 0.95, "dt0c01. + 24 . 64.", ["dt0c01."], Dynatrace(), V.Token, 90);
        yield return P("new_relic_key", "New Relic key", "NEW_RELIC_KEY", 0.9, "NRAK-/NRII-/NRJS- + 27-32 characters.", ["nrak-", "nrii-", "nrjs-"], NewRelic(), V.Token, 90);
        yield return P("sumologic_access_id", "Sumo Logic access id", "SUMOLOGIC_ACCESS_ID", 0.8, "sumo keyword + su + 12 characters.", ["sumo"], SumoId(), V.ProviderKeyword(2.5), 80);
        yield return P("sumologic_access_key", "Sumo Logic access key", "SUMOLOGIC_ACCESS_KEY", 0.85, "sumo keyword + 64 characters.", ["sumo"], SumoKey(), V.ProviderKeyword(3.0), 80);
        yield return P("grafana_cloud_token", "Grafana Cloud token", "GRAFANA_TOKEN", 0.9, "glc_ + base64 body.", ["glc_"], GrafanaCloud(), V.TokenWithEntropy(3.0, 4), 90);
        yield return P("grafana_service_account_token", "Grafana service account token", "GRAFANA_TOKEN", 0.95, "glsa_ + 32 + _ + 8 hex.", ["glsa_"], GrafanaSa(), V.Token, 90);
        yield return P("grafana_api_key", "Grafana API key", "GRAFANA_TOKEN", 0.85, "eyJrIjoi base64 JSON key.", ["eyjrijoi"], GrafanaApiKey(), V.Token, 88);
        yield return P("sentry_token", "Sentry auth token", "SENTRY_TOKEN", 0.95, "sntrys_ organization token or sntryu_ user token.", ["sntrys_", "sntryu_"], Sentry(), V.Token, 90);
        yield return P("sonarqube_token", "SonarQube/SonarCloud token", "SONAR_TOKEN", 0.85, "squ_/sqp_/sqa_ + 40 hex, or sonar keyword + 40 characters.", ["squ_", "sqp_", "sqa_", "sonar"], Sonar(), V.Keyword(2.5), 85);
        yield return P("snyk_api_token", "Snyk API token", "SNYK_TOKEN", 0.85, "snyk keyword + UUID.", ["snyk"], Snyk(), V.Token, 80);
        yield return P("sourcegraph_token", "Sourcegraph access token", "SOURCEGRAPH_TOKEN", 0.9, "sgp_ token or sourcegraph keyword + 40 hex.", ["sgp_", "sourcegraph"], Sourcegraph(), V.TokenWithEntropy(3.0), 88);
        yield return P("contentful_token", "Contentful personal access token", "CONTENTFUL_TOKEN", 0.95, "CFPAT- + 43 characters.", ["cfpat-"], Contentful(), V.TokenWithEntropy(3.0, 6), 90);
        yield return P("openshift_user_token", "OpenShift user token", "OPENSHIFT_TOKEN", 0.9, "sha256~ + 43 characters.", ["sha256~"], OpenShift(), V.TokenWithEntropy(3.0, 7), 90);
        yield return P("frameio_token", "Frame.io API token", "FRAMEIO_TOKEN", 0.95, "fio-u- + 64 characters.", ["fio-u-"], FrameIo(), V.TokenWithEntropy(3.0, 6), 90);
        yield return P("adobe_client_secret", "Adobe client secret", "ADOBE_CLIENT_SECRET", 0.9, "p8e- + 32 characters.", ["p8e-"], Adobe(), V.TokenWithEntropy(3.0, 4), 90);
        yield return P("clojars_token", "Clojars deploy token", "CLOJARS_TOKEN", 0.95, "CLOJARS_ + 60 characters.", ["clojars_"], Clojars(), V.TokenWithEntropy(3.0, 8), 90);
        yield return P("harness_token", "Harness personal or service account token", "HARNESS_TOKEN", 0.9, "pat./sat. + 22 . 24 . 20 characters.", ["pat.", "sat."], Harness(), V.TokenWithEntropy(3.0, 4), 90);
        yield return P("defined_networking_token", "Defined Networking API token", "DEFINED_NETWORKING_TOKEN", 0.95, "dnkey- + 26 - 52 characters.", ["dnkey-"], DefinedNetworking(), V.TokenWithEntropy(3.0, 6), 90);
        yield return P("plaid_access_token", "Plaid access token", "PLAID_TOKEN", 0.9, "access-sandbox|development|production- + UUID.", ["access-sandbox-", "access-development-", "access-production-"], Plaid(), V.Token, 90);
        yield return P("settlemint_token", "SettleMint access token", "SETTLEMINT_TOKEN", 0.9, "sm_pat_/sm_aat_/sm_sat_ + 16 characters.", ["sm_pat_", "sm_aat_", "sm_sat_"], SettleMint(), V.TokenWithEntropy(3.0, 7), 90);
        yield return P("datadog_api_key", "Datadog API or application key", "DATADOG_API_KEY", 0.85, "datadog/dd api|app key keyword + 32 or 40 hex.", ["datadog", "dd_api", "dd_app", "dd-api", "dd-app", "ddapi", "ddapp"], Datadog(), V.ProviderKeyword(3.0), 80, keywordsInsideWords: true);
        yield return P("cisco_meraki_api_key", "Cisco Meraki Dashboard API key", "MERAKI_API_KEY", 0.85, "meraki keyword + 40 lowercase hex.", ["meraki"], Meraki(), V.ProviderKeyword(3.0), 80);
        yield return P("okta_api_token", "Okta API token", "OKTA_TOKEN", 0.85, "okta keyword + 00 + 40 characters.", ["okta"], Okta(), V.ProviderKeyword(3.0), 80);
        yield return P("onepassword_service_account_token", "1Password service account token", "ONEPASSWORD_TOKEN", 0.95, "ops_eyJ + at least 250 base64.", ["ops_ey"], OnePasswordSa(), V.Token, 90);
        yield return P("onepassword_secret_key", "1Password secret key", "ONEPASSWORD_SECRET_KEY", 0.9, "A3-XXXXXX-... account secret key.", ["a3-"], OnePasswordKey(), V.Token, 90);
        yield return P("hashicorp_vault_token", "HashiCorp Vault service token", "VAULT_TOKEN", 0.9, "hvs. token, or legacy s. + 24 mixed characters.", ["hvs.", "vault", "token"], VaultService(), VaultValidator, 88);
        yield return P("hashicorp_vault_batch_token", "HashiCorp Vault batch token", "VAULT_TOKEN", 0.95, "hvb. + at least 138 characters.", ["hvb."], VaultBatch(), V.Token, 90);
        yield return P("terraform_cloud_token", "Terraform Cloud/Enterprise API token", "TERRAFORM_TOKEN", 0.95, "14 characters .atlasv1. + 60-70 characters.", ["atlasv1"], Terraform(), V.Token, 90);
        yield return P("postman_api_key", "Postman API key", "POSTMAN_API_KEY", 0.95, "PMAK- + 24 hex - 34 hex.", ["pmak-"], Postman(), V.Token, 90);
        yield return P("pulumi_token", "Pulumi access token", "PULUMI_TOKEN", 0.9, "pul- + 40 hex.", ["pul-"], Pulumi(), V.TokenWithEntropy(3.0, 4), 90);
        yield return P("prefect_api_key", "Prefect API key", "PREFECT_API_KEY", 0.9, "pnu_ + 36 characters.", ["pnu_"], Prefect(), V.Token, 90);
        yield return P("readme_api_key", "ReadMe API key", "README_API_KEY", 0.9, "rdme_ + 70 characters.", ["rdme_"], Readme(), V.Token, 90);
        yield return P("infracost_api_token", "Infracost API token", "INFRACOST_TOKEN", 0.9, "ico- + 32 characters.", ["ico-"], Infracost(), V.TokenWithEntropy(3.0, 4), 90);
        yield return P("octopus_deploy_api_key", "Octopus Deploy API key", "OCTOPUS_API_KEY", 0.85, "API- + 26 uppercase characters.", ["api-"], Octopus(), V.TokenWithEntropy(3.0, 4), 85);
        yield return P("intra42_client_secret", "42 Intra client secret", "INTRA42_SECRET", 0.95, "s-s4t2ud-/s-s4t2af- + 64 hex.", ["s-s4t2"], Intra42(), V.Token, 90);
        yield return P("scalingo_api_token", "Scalingo API token", "SCALINGO_TOKEN", 0.9, "tk-us- + 48 characters.", ["tk-us-"], Scalingo(), V.Token, 90);
        yield return P("facebook_access_token", "Facebook access token", "FACEBOOK_TOKEN", 0.85, "app id|secret app token or EAAM/EAAC page token.", ["|", "%7c", "eaam", "eaac"], FacebookToken(), V.TokenWithEntropy(3.0), 85, reachBefore: 20);
        yield return P("facebook_app_secret", "Facebook app secret", "FACEBOOK_SECRET", 0.8, "facebook keyword + 32 hex.", ["facebook"], FacebookSecret(), V.ProviderKeyword(3.0), 75);
        yield return P("hubspot_api_key", "HubSpot API key", "HUBSPOT_API_KEY", 0.8, "hubspot keyword + UUID.", ["hubspot"], HubSpot(), V.Token, 80);
        yield return P("messagebird_api_key", "MessageBird API key", "MESSAGEBIRD_API_KEY", 0.8, "messagebird keyword + UUID or 25 characters.", ["messagebird", "message_bird", "message-bird"], MessageBird(), V.Token, 80);
        yield return P("sidekiq_credentials", "Sidekiq Enterprise/Pro credentials", "SIDEKIQ_CREDENTIALS", 0.9, "BUNDLE_*__CONTRIBSYS__COM or contribsys.com URL credentials.", ["contribsys"], Sidekiq(), V.Token, 92);
        yield return P("mapbox_secret_token", "Mapbox secret token", "MAPBOX_TOKEN", 0.9, "sk.eyJ JWT-like secret token.", ["sk.eyj"], Mapbox(), V.Token, 90);
        yield return P("age_secret_key", "age encryption secret key", "AGE_SECRET_KEY", 0.99, "AGE-SECRET-KEY-1 + 58 bech32 characters.", ["age-secret-key-1"], Age(), null, 95);

        foreach (var rule in Providers())
        {
            yield return rule;
        }

        foreach (var rule in Providers2())
        {
            yield return rule;
        }

        // --- Structural: keys, tokens, credentials in context ----------------------------------------------------
        yield return new FunctionRule(Secret("private_key", "Private key (PEM/PKCS#1/PKCS#8/encrypted)", "PRIVATE_KEY", 0.97, "-----BEGIN ... PRIVATE KEY----- with a base64 body of at least 50 characters."), ["-----begin"], (r, l, s) => PrivateKeys.Find(r, l, s, PrivateKeys.Kind.Pem)) { Priority = 95 };
        yield return new FunctionRule(Secret("private_key_openssh", "OpenSSH private key", "PRIVATE_KEY", 0.97, "-----BEGIN OPENSSH PRIVATE KEY----- block."), ["-----begin openssh"], (r, l, s) => PrivateKeys.Find(r, l, s, PrivateKeys.Kind.OpenSsh)) { Priority = 96 };
        yield return new FunctionRule(Secret("private_key_pgp", "PGP private key block", "PRIVATE_KEY", 0.97, "-----BEGIN PGP PRIVATE KEY BLOCK----- block."), ["-----begin pgp private"], (r, l, s) => PrivateKeys.Find(r, l, s, PrivateKeys.Kind.Pgp)) { Priority = 96 };
        yield return new FunctionRule(Secret("private_key_putty", "PuTTY private key", "PRIVATE_KEY", 0.95, "PuTTY-User-Key-File with Private-Lines."), ["putty-user-key-file"], (r, l, s) => PrivateKeys.Find(r, l, s, PrivateKeys.Kind.Putty)) { Priority = 96 };
        yield return P("private_key_base64", "Base64-wrapped PEM private key", "PRIVATE_KEY", 0.95, "LS0tLS1CRUdJTi... that decodes to a PEM private key header.", ["ls0tls1crudjti"], Base64Pem(), V.DecodesTo("PRIVATE KEY"), 97);
        yield return P("crypto_private_key_hex", "Raw 256-bit private key (hex)", "PRIVATE_KEY", 0.55, "0x + 64 hex (secp256k1/Ethereum key); stronger with key/wallet context.", ["0x"], HexPrivateKey(), V.TokenWithEntropy(3.0, 2), 60, new RuleContext(ContextMode.Boost, 60, "private", "key", "wallet", "secret", "privkey", "mnemonic", "seed") { Boost = 0.35 }, DetectionSeverity.High);
        yield return P("jwt", "JSON Web Token", "JWT", 0.85, "eyJ header . eyJ payload [. signature]; the header must decode to JSON with alg/typ/kid.", ["eyj"], Jwt(), V.Jwt, 75, severity: DetectionSeverity.High);
        yield return P("jwt_base64", "Base64-encoded JSON Web Token", "JWT", 0.8, "ZXlK... base64 that decodes to a JWT.", ["zxlk"], JwtBase64(), V.DecodesTo("eyJ"), 76, severity: DetectionSeverity.High);
        yield return new FunctionRule(Secret("url_credentials", "Credentials in a URL", "URL_CREDENTIALS", 0.85, "scheme://user:password@host (templates and placeholders ignored)."), ["://"], FindUrlCredentials) { Priority = 60 };
        yield return P("database_connection_url", "Database connection URL with password", "DB_CONNECTION_STRING", 0.9, "mongodb/postgres/mysql/redis/amqp/mssql/jdbc URL with user:password.", ["mongodb", "postgres", "mysql", "mariadb", "redis", "amqp", "mssql", "sqlserver", "jdbc", "couchdb", "neo4j", "clickhouse", "cockroach"], DatabaseUrl(), V.UrlPassword, 65);
        yield return P("connection_string_password", "Password in a connection string", "DB_CONNECTION_STRING", 0.85, "Server=...;Password=... (ADO.NET/ODBC style).", ["password=", "pwd="], ConnectionString(), V.Keyword(1.5), 65);
        yield return P("http_basic_auth", "HTTP Basic credentials", "HTTP_BASIC_CREDENTIALS", 0.85, "Authorization: Basic base64(user:password).", ["basic"], BasicAuth(), V.BasicCredential, 60);
        yield return P("http_bearer_token", "HTTP bearer or token credential", "HTTP_AUTH_TOKEN", 0.8, "Authorization: Bearer|Token|Api-Token value, or a bare Authorization value.", ["authorization"], BearerToken(), V.HeaderToken, 55);
        yield return P("curl_user_credentials", "curl --user credentials", "CURL_CREDENTIALS", 0.85, "curl -u/--user user:password.", ["curl"], CurlUser(), V.CurlUser, 60);
        yield return new FunctionRule(Secret("generic_credential", "Credential assigned to a secret-named key", "SECRET", 0.65, "password/secret/token/api_key/... assignment with entropy, placeholder, template, identifier and reference filters; public_key, client_id, *_id, *_name, *_url and similar keys are ignored."), GenericCredential.Keywords, GenericCredential.Find) { Priority = 40, KeywordsInsideWords = true };
    }

    private static readonly System.Buffers.SearchValues<char> s_urlUserStop = System.Buffers.SearchValues.Create(" \t\r\n\f\v:@/\"'<>`");
    private static readonly System.Buffers.SearchValues<char> s_urlPasswordStop = System.Buffers.SearchValues.Create(" \t\r\n\f\v@/\"'<>`");
    private static readonly string[] s_urlSchemes = ["http", "https", "ftp", "ftps", "sftp", "ssh", "git", "smb", "ldap", "ldaps", "svn", "rtsp", "imap", "imaps", "pop3", "pop3s", "smtp", "smtps", "socks", "socks5", "ws", "wss"];

    // scheme://user:password@host, found from each "://" (a regex would try every letter as the start of a scheme).
    private static void FindUrlCredentials(DetectionRule rule, LayerText layer, IMatchSink sink)
    {
        var text = layer.Text.AsSpan();
        var from = 0;
        while (from < text.Length)
        {
            var found = text[from..].IndexOf("://", StringComparison.Ordinal);
            if (found < 0)
            {
                return;
            }

            var at = from + found;
            from = at + 3;
            var schemeStart = at;
            while (schemeStart > 0 && at - schemeStart < 8 && char.IsAsciiLetterOrDigit(text[schemeStart - 1]))
            {
                schemeStart--;
            }

            if (schemeStart == at || (schemeStart > 0 && (char.IsAsciiLetterOrDigit(text[schemeStart - 1]) || text[schemeStart - 1] is '+' or '.' or '-')) || !IsUrlScheme(text[schemeStart..at]))
            {
                continue;
            }

            var userStart = at + 3;
            var userLength = text[userStart..Math.Min(text.Length, userStart + 65)].IndexOfAny(s_urlUserStop);
            if (userLength is < 1 or > 64 || text[userStart + userLength] != ':')
            {
                continue;
            }

            var passwordStart = userStart + userLength + 1;
            var passwordLength = text[passwordStart..Math.Min(text.Length, passwordStart + 129)].IndexOfAny(s_urlPasswordStop);
            var hostAt = passwordStart + passwordLength;
            if (passwordLength is < 1 or > 128 || text[hostAt] != '@' || hostAt + 1 >= text.Length || !(char.IsAsciiLetterOrDigit(text[hostAt + 1]) || text[hostAt + 1] == '['))
            {
                continue;
            }

            var confidence = V.UrlPassword(new RuleMatch(text, schemeStart, hostAt + 2, passwordStart, hostAt), rule.Descriptor.Confidence);
            if (confidence > 0)
            {
                sink.Add(rule, passwordStart, hostAt, confidence);
            }
        }
    }

    private static bool IsUrlScheme(ReadOnlySpan<char> scheme)
    {
        foreach (var s in s_urlSchemes)
        {
            if (scheme.Equals(s, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // A service-account file with placeholder values ("your-project", "...", "DUMMY") is documentation, not a key.
    private static double GcpServiceAccountValidator(in RuleMatch m, double confidence)
    {
        var around = m.After(2000);
        return (!around.IsEmpty && SecretHeuristics.IsTokenPlaceholder(around)) || around.Contains("\"...\"", StringComparison.Ordinal) || around.Contains("your-", StringComparison.OrdinalIgnoreCase) ? 0 : confidence;
    }

    // Linear keys are lin_api_ + 40 alphanumerics; other lengths (secretlint accepts 32-128) only when the body looks random, not like an identifier.
    private static double LinearValidator(in RuleMatch m, double confidence)
    {
        var body = m.Value[8..];
        if (body.Length != 40 && (Checksums.ShannonEntropy(body) < 3.5 || SecretHeuristics.LooksLikeIdentifier(body)))
        {
            return 0;
        }

        return V.Token(m, confidence);
    }

    private static double VaultValidator(in RuleMatch m, double confidence)
    {
        var value = m.Value;
        if (SecretHeuristics.IsTokenPlaceholder(value))
        {
            return 0;
        }

        if (value.StartsWith("s.", StringComparison.Ordinal))
        {
            // Legacy tokens: 24 characters with upper, lower and a digit, not an identifier.
            var body = value[2..];
            var upper = body.ContainsAnyInRange('A', 'Z');
            var lower = body.ContainsAnyInRange('a', 'z');
            var digit = body.ContainsAnyInRange('0', '9');
            return upper && lower && digit && !SecretHeuristics.LooksLikeIdentifier(body) ? confidence : 0;
        }

        return Checksums.ShannonEntropy(value[4..]) >= 3.0 ? confidence : 0;
    }

    private static PatternRule P(string id, string name, string label, double confidence, string description, string[] keywords, Regex regex, MatchValidator? validator, int priority, RuleContext? context = null, DetectionSeverity severity = DetectionSeverity.Critical, int reachBefore = 96, bool keywordsInsideWords = false, int longRunMin = 0, int reachAfter = 512)
        => new(Secret(id, name, label, confidence, description, severity), keywords, regex, validator) { Priority = priority, Context = context, ReachBefore = reachBefore, ReachAfter = reachAfter, KeywordsInsideWords = keywordsInsideWords, LongRunMin = longRunMin };

    [GeneratedRegex(L + @"(?<v>ghp_[A-Za-z0-9]{36})" + R, O, T)]
    private static partial Regex GitHubClassic();

    [GeneratedRegex(L + @"(?<v>gho_[A-Za-z0-9]{36})" + R, O, T)]
    private static partial Regex GitHubOAuth();

    [GeneratedRegex(L + @"(?<v>ghu_[A-Za-z0-9]{36})" + R, O, T)]
    private static partial Regex GitHubUser();

    [GeneratedRegex(L + @"(?<v>ghs_(?:[A-Za-z0-9]{36}|\d+_eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*))" + R, O, T)]
    private static partial Regex GitHubServer();

    [GeneratedRegex(L + @"(?<v>ghr_[A-Za-z0-9]{36,76})" + R, O, T)]
    private static partial Regex GitHubRefresh();

    [GeneratedRegex(L + @"(?<v>github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})" + R, O, T)]
    private static partial Regex GitHubFineGrained();

    [GeneratedRegex(Ld + @"(?<v>glpat-(?:[A-Za-z0-9_-]{27,300}\.[0-9a-z]{2}\.?[a-z0-9]{7,9}|[A-Za-z0-9_-]{20,50}))" + Rd, O, T)]
    private static partial Regex GitLabPat();

    [GeneratedRegex(Ld + @"(?<v>gldt-[A-Za-z0-9_-]{20,50})" + Rd, O, T)]
    private static partial Regex GitLabDeploy();

    [GeneratedRegex(Ld + @"(?<v>glrt-(?:[A-Za-z0-9_-]{20,300}\.[0-9a-z]{2}\.?[a-z0-9]{7,9}|[A-Za-z0-9_-]{20,50})|GR1348941[A-Za-z0-9_-]{20,50})" + Rd, O, T)]
    private static partial Regex GitLabRunner();

    [GeneratedRegex(Ld + @"(?<v>glcbt-[A-Za-z0-9_-]{20,50})" + Rd, O, T)]
    private static partial Regex GitLabCiJob();

    [GeneratedRegex(Ld + @"(?<v>glptt-[A-Za-z0-9_-]{40})" + Rd, O, T)]
    private static partial Regex GitLabTrigger();

    [GeneratedRegex(Ld + @"(?<v>glagent-[A-Za-z0-9_-]{50,1024})" + Rd, O, T)]
    private static partial Regex GitLabAgent();

    [GeneratedRegex(Ld + @"(?<v>gloas-[A-Za-z0-9_-]{64})" + Rd, O, T)]
    private static partial Regex GitLabOAuth();

    [GeneratedRegex(Ld + @"(?<v>glsoat-[A-Za-z0-9_-]{20,50})" + Rd, O, T)]
    private static partial Regex GitLabScim();

    [GeneratedRegex(Ld + @"(?<v>glft-[A-Za-z0-9_-]{20,50})" + Rd, O, T)]
    private static partial Regex GitLabFeed();

    [GeneratedRegex(Ld + @"(?<v>glimt-[A-Za-z0-9_-]{25})" + Rd, O, T)]
    private static partial Regex GitLabMail();

    [GeneratedRegex(L + @"(?<v>npm_[A-Za-z0-9]{36})" + R, O, T)]
    private static partial Regex Npm();

    [GeneratedRegex(@"(?<![\w/])//[A-Za-z0-9.-]+(?::\d+)?(?:/[\w.-]+)*/:_authToken[ \t]*=[ \t]*(?<v>[^\s""'#]{8,})", O, T)]
    private static partial Regex NpmRc();

    [GeneratedRegex(L + @"(?<v>pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{70,})", O, T)]
    private static partial Regex PyPi();

    [GeneratedRegex(L + @"(?<v>rubygems_[a-f0-9]{48})" + R, O, T)]
    private static partial Regex RubyGems();

    [GeneratedRegex(Ld + @"(?<v>xoxb-\d{8,14}-(?:\d{8,14}(?:-[A-Za-z0-9]{8,})?|[A-Za-z0-9]{8,}))" + Rd, O, T)]
    private static partial Regex SlackBot();

    [GeneratedRegex(Ld + @"(?<v>xox[pe]-\d{8,14}-\d{8,14}-\d{8,14}-[A-Za-z0-9]{28,34})" + Rd, O, T)]
    private static partial Regex SlackUser();

    [GeneratedRegex(Ld + @"(?<v>xapp-\d-[A-Z0-9]{9,11}-\d{10,13}-[a-z0-9]{40,80})" + Rd, O, T)]
    private static partial Regex SlackApp();

    [GeneratedRegex(Ld + @"(?<v>xoxe\.xox[bp]-\d-[A-Za-z0-9]{100,200})" + Rd, O, T)]
    private static partial Regex SlackConfig();

    [GeneratedRegex(Ld + @"(?<v>xoxe-\d-[A-Za-z0-9]{100,200})" + Rd, O, T)]
    private static partial Regex SlackRefresh();

    [GeneratedRegex(Ld + @"(?<v>xox[aors]-(?:\d-)?\d{5,}-\d{5,}(?:-\d{4,})?(?:-[A-Za-z0-9]{8,})?)" + Rd, O, T)]
    private static partial Regex SlackLegacy();

    [GeneratedRegex(@"(?<v>hooks\.slack\.com/(?:services|workflows|triggers)/T[A-Z0-9]{6,12}/[A-Z0-9]{6,12}/(?:\d{6,}/)?[A-Za-z0-9]{16,})", O, T)]
    private static partial Regex SlackWebhook();

    [GeneratedRegex(Ld + @"(?<v>[MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.(?:[A-Za-z0-9_-]{27}|[A-Za-z0-9_-]{38}))" + Rd, O, T)]
    private static partial Regex DiscordBot();

    [GeneratedRegex(@"(?i:discord)" + KeyGap + @"(?i:secret|token|key)" + KeyGap + Assign + @"(?<v>[A-Za-z0-9_-]{32})" + Rd, O, T)]
    private static partial Regex DiscordSecret();

    [GeneratedRegex(@"(?<![\w:])(?<v>\d{8,10}:AA[A-Za-z0-9_-]{32,33})" + Rd, O, T)]
    private static partial Regex Telegram();

    [GeneratedRegex(L + @"(?<v>SK[0-9a-fA-F]{32})" + R, O, T)]
    private static partial Regex TwilioKey();

    [GeneratedRegex(@"(?i:twilio)" + KeyGap + @"(?i:token|secret|key)" + KeyGap + Assign + @"(?<v>[a-f0-9]{32})" + R, O, T)]
    private static partial Regex TwilioToken();

    [GeneratedRegex(L + @"(?<v>SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})" + Rd, O, T)]
    private static partial Regex SendGrid();

    [GeneratedRegex(L + @"(?<v>[0-9a-f]{32}-us\d{1,2})" + R, O, T)]
    private static partial Regex Mailchimp();

    [GeneratedRegex(Ld + @"(?<v>key-[0-9a-f]{32})" + R, O, T)]
    private static partial Regex Mailgun();

    [GeneratedRegex(L + @"(?<v>lin_api_[A-Za-z0-9]{32,128})" + R, O, T)]
    private static partial Regex Linear();

    [GeneratedRegex(L + @"(?<v>ntn_\d{11}[A-Za-z0-9]{35})" + R, O, T)]
    private static partial Regex Notion();

    [GeneratedRegex(L + @"(?<v>ATATT3[A-Za-z0-9_=-]{186})|(?i:atlassian|confluence|jira)" + KeyGap + @"(?i:token|key|secret|pass(?:word)?)" + KeyGap + Assign + @"(?<v>[A-Za-z0-9]{24})" + R, O, T)]
    private static partial Regex Atlassian();

    [GeneratedRegex(L + @"(?<v>figd_[A-Za-z0-9_-]{40,})" + Rd, O, T)]
    private static partial Regex Figma();

    [GeneratedRegex(L + @"(?<v>pat[A-Za-z0-9]{14}\.[a-f0-9]{64})" + R, O, T)]
    private static partial Regex Airtable();

    [GeneratedRegex(L + @"(?<v>sk_(?:live|test|prod)_[A-Za-z0-9]{24,247})" + R, O, T)]
    private static partial Regex StripeSecret();

    [GeneratedRegex(L + @"(?<v>rk_(?:live|test|prod)_[A-Za-z0-9]{24,247})" + R, O, T)]
    private static partial Regex StripeRestricted();

    [GeneratedRegex(L + @"(?<v>whsec_[A-Za-z0-9]{32,})" + R, O, T)]
    private static partial Regex StripeWebhook();

    [GeneratedRegex(Ld + @"(?<v>sq0atp-[A-Za-z0-9_-]{22}|EAAA[A-Za-z0-9_-]{60})" + Rd, O, T)]
    private static partial Regex SquareAccess();

    [GeneratedRegex(Ld + @"(?<v>sq0csp-[A-Za-z0-9_-]{43})" + Rd, O, T)]
    private static partial Regex SquareSecret();

    [GeneratedRegex(L + @"(?<v>shp(?:at|ca|pa|ss)_[A-Za-z0-9]{32,})" + R, O, T)]
    private static partial Regex Shopify();

    [GeneratedRegex(L + @"(?<v>EZ[AT]K[A-Za-z0-9]{54})" + R, O, T)]
    private static partial Regex EasyPost();

    [GeneratedRegex(L + @"(?<v>sk-(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{16,}T3BlbkFJ[A-Za-z0-9_-]{16,})" + Rd, O, T)]
    private static partial Regex OpenAi();

    [GeneratedRegex(L + @"(?<v>sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{100,})" + Rd, O, T)]
    private static partial Regex OpenAiProject();

    [GeneratedRegex(L + @"(?<v>sk-ant-api\d\d-[A-Za-z0-9_-]{93}AA)" + Rd, O, T)]
    private static partial Regex Anthropic();

    [GeneratedRegex(L + @"(?<v>sk-ant-admin\d\d-[A-Za-z0-9_-]{93}AA)" + Rd, O, T)]
    private static partial Regex AnthropicAdmin();

    [GeneratedRegex(L + @"(?<v>hf_[A-Za-z]{34})(?![A-Za-z0-9_-])", O, T)]
    private static partial Regex HuggingFace();

    [GeneratedRegex(L + @"(?<v>api_org_[A-Za-z]{34})(?![A-Za-z0-9_-])", O, T)]
    private static partial Regex HuggingFaceOrg();

    [GeneratedRegex(L + @"(?<v>gsk_[A-Za-z0-9]{52})" + R, O, T)]
    private static partial Regex Groq();

    [GeneratedRegex(L + @"(?<v>r8_[A-Za-z0-9]{37})" + R, O, T)]
    private static partial Regex Replicate();

    [GeneratedRegex(L + @"(?<v>pplx-[A-Za-z0-9]{48})" + R, O, T)]
    private static partial Regex Perplexity();

    [GeneratedRegex(L + @"(?<v>xai-[A-Za-z0-9]{80})" + R, O, T)]
    private static partial Regex Xai();

    [GeneratedRegex(L + @"(?<v>(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z2-7]{16})" + R, O, T)]
    private static partial Regex AwsKeyId();

    [GeneratedRegex(@"(?i:secret[_.-]?access[_.-]?key|aws[_.-]?secret(?:[_.-]?access)?(?:[_.-]?key)?|aws[_.-]?access[_.-]?key)" + KeyGap + Assign + @"(?<v>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])", O, T)]
    private static partial Regex AwsSecret();

    [GeneratedRegex(@"(?i:session[_.-]?token)" + KeyGap + Assign + @"(?<v>[A-Za-z0-9/+=]{100,})", O, T)]
    private static partial Regex AwsSession();

    [GeneratedRegex(L + @"(?<v>ABSK[A-Za-z0-9+/]{109,269}={0,2}(?![A-Za-z0-9+/=])|bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/=%&.-]{20,})", O, T)]
    private static partial Regex AwsBedrock();

    [GeneratedRegex(L + @"(?<v>LTAI[A-Za-z0-9]{20})" + R, O, T)]
    private static partial Regex Alibaba();

    [GeneratedRegex(L + @"(?<v>AIza[A-Za-z0-9_-]{35})" + Rd, O, T)]
    private static partial Regex GoogleApiKey();

    [GeneratedRegex(@"(?<v>[""']type[""']\s*:\s*[""']service_account[""'])", O, T)]
    private static partial Regex GcpServiceAccount();

    [GeneratedRegex(L + @"(?<v>GOCSPX-[A-Za-z0-9_-]{28})" + Rd, O, T)]
    private static partial Regex GoogleClientSecret();

    [GeneratedRegex(L + @"(?<v>ya29\.[A-Za-z0-9_-]{20,})" + Rd, O, T)]
    private static partial Regex GoogleAccessToken();

    [GeneratedRegex(@"(?<![A-Za-z0-9_~.-])(?<v>[A-Za-z0-9_~.]{3}\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])", O, T)]
    private static partial Regex AzureAdSecret();

    [GeneratedRegex(@"(?i:AccountKey)\s*=\s*(?<v>[A-Za-z0-9+/]{86}==)", O, T)]
    private static partial Regex AzureStorage();

    [GeneratedRegex(@"(?i:[?&]sv=\d{4}-\d\d-\d\d[^\s""'<>]{0,400}?[?&]sig=)(?<v>[A-Za-z0-9%+/]{30,}(?:%3D|=){0,2})", O, T)]
    private static partial Regex AzureSas();

    [GeneratedRegex(@"(?i:azure)" + KeyGap + @"(?i:key|secret|password|token)" + KeyGap + Assign + @"(?<v>[A-Za-z0-9+/=_.~-]{32,88})(?![A-Za-z0-9+/=_.~-])", O, T)]
    private static partial Regex AzureKeyword();

    [GeneratedRegex(L + @"(?<v>do[opr]_v1_[a-f0-9]{64})" + R, O, T)]
    private static partial Regex DigitalOcean();

    [GeneratedRegex(L + @"(?<v>fo1_[A-Za-z0-9_-]{43}|fm[12][ar]?_[A-Za-z0-9+/]{100,}={0,3})", O, T)]
    private static partial Regex FlyIo();

    [GeneratedRegex(L + @"(?<v>HRKU-AA[A-Za-z0-9_-]{58})|(?i:heroku)" + KeyGap + @"(?i:key|token|secret)" + KeyGap + Assign + @"(?<v>" + Uuid + ")" + Rd, O, T)]
    private static partial Regex Heroku();

    [GeneratedRegex(L + @"(?<v>cf[au]t_[A-Za-z0-9]{40}[a-f0-9]{8})" + R + @"|(?i:cloudflare)" + KeyGap + @"(?i:token|key|secret)" + KeyGap + Assign + @"(?<v>[A-Za-z0-9_-]{40})" + Rd, O, T)]
    private static partial Regex Cloudflare();

    [GeneratedRegex(L + @"(?<v>v1\.0-[a-f0-9]{24}-[a-f0-9]{146})" + R, O, T)]
    private static partial Regex CloudflareOrigin();

    [GeneratedRegex(L + @"(?<v>vc[pikar]_[A-Za-z0-9]{24,})" + R, O, T)]
    private static partial Regex Vercel();

    [GeneratedRegex(L + @"(?<v>sbp_[a-f0-9]{40})" + R, O, T)]
    private static partial Regex Supabase();

    [GeneratedRegex(L + @"(?<v>pscale_(?:tkn|pw|oauth)_[A-Za-z0-9=._-]{32,64})" + Rd, O, T)]
    private static partial Regex PlanetScale();

    [GeneratedRegex(L + @"(?<v>dapi[a-fA-F0-9]{32}(?:-\d)?)(?![A-Za-z0-9_])", O, T)]
    private static partial Regex Databricks();

    [GeneratedRegex(L + @"(?<v>dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44})" + R, O, T)]
    private static partial Regex Doppler();

    [GeneratedRegex(L + @"(?<v>dckr_pat_[A-Za-z0-9_-]{27})" + Rd, O, T)]
    private static partial Regex DockerHub();

    [GeneratedRegex(@"(?<![A-Za-z])(?<v>tskey-[a-z]{3,10}-[A-Za-z0-9]{6,}-[A-Za-z0-9]{16,})" + R, O, T)]
    private static partial Regex Tailscale();

    [GeneratedRegex(L + @"(?<v>AKCp[A-Za-z0-9]{69}|cmVmd[A-Za-z0-9]{59})" + R + @"|(?i:x-jfrog-art-api|artifactory[\w.-]{0,20}?(?:api[_-]?key|token|password))" + Assign + @"(?<v>[A-Za-z0-9]{40,})" + R, O, T)]
    private static partial Regex Artifactory();

    [GeneratedRegex(@"(?i:(?:ibm|iam|cloud)[\w-]{0,20}?(?:key|pwd|password|pass|token))""?\s*(?::=|=|:)\s*[""']?(?<v>[A-Za-z0-9_-]{44})(?![A-Za-z0-9_-])", O, T)]
    private static partial Regex IbmCloud();

    [GeneratedRegex(@"(?i:(?:ibm[_-]?)?cos[_-]?(?:hmac[_-]?)?secret[_-]?(?:access[_-]?)?key|secret[_-]?access[_-]?key)[""']?\s*(?::=|=|:)\s*[""']?(?<v>[a-f0-9]{48})(?![A-Za-z0-9])", O, T)]
    private static partial Regex IbmCos();

    [GeneratedRegex(@"(?i:softlayer|\bsl)[\w-]{0,20}?(?i:api[_-]?key|apikey|key|pass(?:word)?|pwd)[""']?\s{0,5}(?::=|=|:|\s)\s{0,5}[""']?(?<v>[a-z0-9]{64})(?![A-Za-z0-9])|(?i:api\.softlayer\.com/(?:soap|rest)/v3(?:\.1)?/)(?<v>[a-z0-9]{64})(?![A-Za-z0-9])", O, T)]
    private static partial Regex SoftLayer();

    [GeneratedRegex(@"(?i:cloudant|\bcl[_-]|\bclou[_-])[\w-]{0,20}?(?i:pw|pass(?:word)?|pwd|key|secret)[""']?\s*(?::=|=|:)\s*[""']?(?<v>[0-9a-f]{64}|[a-z]{24})(?![A-Za-z0-9_-])", O, T)]
    private static partial Regex Cloudant();

    [GeneratedRegex(L + @"(?<v>dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64})" + R, O, T)]
    private static partial Regex Dynatrace();

    [GeneratedRegex(L + @"(?<v>NR(?:AK|II|JS)-[A-Za-z0-9]{27,32})" + R, O, T)]
    private static partial Regex NewRelic();

    [GeneratedRegex(@"(?i:sumo)" + KeyGap + @"(?i:access[_.-]?id)" + KeyGap + Assign + @"(?<v>su[A-Za-z0-9]{12})" + R, O, T)]
    private static partial Regex SumoId();

    [GeneratedRegex(@"(?i:sumo)" + KeyGap + @"(?i:key)" + KeyGap + Assign + @"(?<v>[A-Za-z0-9]{64})" + R, O, T)]
    private static partial Regex SumoKey();

    [GeneratedRegex(L + @"(?<v>glc_[A-Za-z0-9+/]{32,400}={0,2})", O, T)]
    private static partial Regex GrafanaCloud();

    [GeneratedRegex(L + @"(?<v>glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})" + R, O, T)]
    private static partial Regex GrafanaSa();

    [GeneratedRegex(L + @"(?<v>eyJrIjoi[A-Za-z0-9]{70,400}={0,2})", O, T)]
    private static partial Regex GrafanaApiKey();

    [GeneratedRegex(L + @"(?<v>sntrys_eyJ[A-Za-z0-9+/=]{30,}_[A-Za-z0-9+/]{20,}|sntryu_[a-f0-9]{64})", O, T)]
    private static partial Regex Sentry();

    [GeneratedRegex(L + @"(?<v>sq[upa]_[a-f0-9]{40})" + R + @"|(?i:sonar)" + KeyGap + @"(?i:login|token|key)" + KeyGap + Assign + @"(?<v>(?:sq[upa]_)?[A-Za-z0-9]{40})" + R, O, T)]
    private static partial Regex Sonar();

    [GeneratedRegex(@"(?i:snyk)" + KeyGap + @"(?i:token|key)" + KeyGap + Assign + @"(?<v>" + Uuid + ")" + Rd, O, T)]
    private static partial Regex Snyk();

    [GeneratedRegex(L + @"(?<v>sgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}|sgp_[a-fA-F0-9]{40})" + R + @"|(?i:sourcegraph)" + KeyGap + Assign + @"(?<v>[a-fA-F0-9]{40})" + R, O, T)]
    private static partial Regex Sourcegraph();

    [GeneratedRegex(@"(?i:okta)" + KeyGap + @"(?i:token|key|secret)" + KeyGap + Assign + @"(?<v>00[A-Za-z0-9=_-]{40})(?![A-Za-z0-9=_-])", O, T)]
    private static partial Regex Okta();

    [GeneratedRegex(L + @"(?<v>x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16})" + R, O, T)]
    private static partial Regex Brevo();

    [GeneratedRegex(L + @"(?<v>shippo_(?:live|test)_[a-fA-F0-9]{40})" + R, O, T)]
    private static partial Regex Shippo();

    [GeneratedRegex(L + @"(?<v>duffel_(?:live|test)_[A-Za-z0-9_=-]{43})" + Rd, O, T)]
    private static partial Regex Duffel();

    [GeneratedRegex(L + @"(?<v>FLWSECK(?:_TEST)?-[a-hA-H0-9]{32}-X)" + R, O, T)]
    private static partial Regex Flutterwave();

    [GeneratedRegex(L + @"(?<v>tfp_[A-Za-z0-9_.=-]{59})(?![A-Za-z0-9_.=-])", O, T)]
    private static partial Regex Typeform();

    [GeneratedRegex(L + @"(?<v>sk-or-v1-[a-f0-9]{64})" + R, O, T)]
    private static partial Regex OpenRouter();

    [GeneratedRegex(@"(?i:wandb)" + KeyGap + Assign + @"(?<v>[a-f0-9]{40})" + R, O, T)]
    private static partial Regex Wandb();

    [GeneratedRegex(L + @"(?<v>lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10})" + R, O, T)]
    private static partial Regex LangSmith();

    [GeneratedRegex(L + @"(?<v>sk-lf-" + Uuid + ")" + Rd, O, T)]
    private static partial Regex Langfuse();

    [GeneratedRegex(Ld + @"(?<v>CFPAT-[A-Za-z0-9_-]{43})" + Rd, O, T)]
    private static partial Regex Contentful();

    [GeneratedRegex(L + @"(?<v>sha256~[A-Za-z0-9_-]{43})" + Rd, O, T)]
    private static partial Regex OpenShift();

    [GeneratedRegex(Ld + @"(?<v>fio-u-[A-Za-z0-9_=-]{64})" + Rd, O, T)]
    private static partial Regex FrameIo();

    [GeneratedRegex(Ld + @"(?<v>p8e-[A-Za-z0-9]{32})" + Rd, O, T)]
    private static partial Regex Adobe();

    [GeneratedRegex(L + @"(?<v>(?i:CLOJARS_)[a-z0-9]{60})" + R, O, T)]
    private static partial Regex Clojars();

    [GeneratedRegex(L + @"(?<v>(?:pat|sat)\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20})" + R, O, T)]
    private static partial Regex Harness();

    [GeneratedRegex(Ld + @"(?<v>dnkey-[a-z0-9=_-]{26}-[a-z0-9=_-]{52})" + Rd, O, T)]
    private static partial Regex DefinedNetworking();

    [GeneratedRegex(Ld + @"(?<v>access-(?:sandbox|development|production)-" + Uuid + ")" + Rd, O, T)]
    private static partial Regex Plaid();

    [GeneratedRegex(L + @"(?<v>sm_(?:pat|aat|sat)_[A-Za-z0-9]{16})" + R, O, T)]
    private static partial Regex SettleMint();

    [GeneratedRegex(@"(?i:datadog|\bdd)[_.-]?(?i:api|app(?:lication)?)[_.-]?(?i:key)" + KeyGap + Assign + @"(?<v>[a-f0-9]{40}|[a-f0-9]{32})" + R, O, T)]
    private static partial Regex Datadog();

    [GeneratedRegex(@"(?i:meraki)" + KeyGap + Assign + @"(?<v>[0-9a-f]{40})" + R, O, T)]
    private static partial Regex Meraki();

    [GeneratedRegex(L + @"(?<v>ops_eyJ[A-Za-z0-9+/]{250,}={0,3})", O, T)]
    private static partial Regex OnePasswordSa();

    [GeneratedRegex(L + @"(?<v>A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5})" + Rd, O, T)]
    private static partial Regex OnePasswordKey();

    [GeneratedRegex(L + @"(?<v>hvs\.[A-Za-z0-9_-]{90,200})" + Rd + @"|(?i:vault|token)[^\r\n]{0,40}?(?<![A-Za-z0-9_.])(?<v>s\.[A-Za-z0-9]{24})" + Rd, O, T)]
    private static partial Regex VaultService();

    [GeneratedRegex(L + @"(?<v>hvb\.[A-Za-z0-9_-]{138,300})" + Rd, O, T)]
    private static partial Regex VaultBatch();

    [GeneratedRegex(L + @"(?<v>[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70})" + Rd, O, T)]
    private static partial Regex Terraform();

    [GeneratedRegex(L + @"(?<v>PMAK-[a-f0-9]{24}-[a-f0-9]{34})" + R, O, T)]
    private static partial Regex Postman();

    [GeneratedRegex(L + @"(?<v>pul-[a-f0-9]{40})" + R, O, T)]
    private static partial Regex Pulumi();

    [GeneratedRegex(L + @"(?<v>pnu_[A-Za-z0-9]{36})" + R, O, T)]
    private static partial Regex Prefect();

    [GeneratedRegex(L + @"(?<v>rdme_[a-z0-9]{70})" + R, O, T)]
    private static partial Regex Readme();

    [GeneratedRegex(@"(?<![\w.-])(?<v>ico-[A-Za-z0-9]{32})" + R, O, T)]
    private static partial Regex Infracost();

    [GeneratedRegex(@"(?<![\w/-])(?<v>API-[A-Z0-9]{26})(?![A-Za-z0-9])", O, T)]
    private static partial Regex Octopus();

    [GeneratedRegex(L + @"(?<v>s-s4t2(?:ud|af)-[a-f0-9]{64})" + R, O, T)]
    private static partial Regex Intra42();

    [GeneratedRegex(L + @"(?<v>tk-us-[A-Za-z0-9_-]{48})" + Rd, O, T)]
    private static partial Regex Scalingo();

    [GeneratedRegex(@"(?<![\w])(?<v>\d{15,16}(?:\||%7[Cc])[A-Za-z0-9_-]{27})" + Rd + @"|" + L + @"(?<v>EAA[MC][A-Za-z0-9]{100,})" + R, O, T)]
    private static partial Regex FacebookToken();

    [GeneratedRegex(@"(?i:facebook)" + KeyGap + @"(?i:secret|token|key)" + KeyGap + Assign + @"(?<v>[a-f0-9]{32})" + R, O, T)]
    private static partial Regex FacebookSecret();

    [GeneratedRegex(@"(?i:hubspot)" + KeyGap + @"(?i:key|token)" + KeyGap + Assign + @"(?<v>" + Uuid + ")" + Rd, O, T)]
    private static partial Regex HubSpot();

    [GeneratedRegex(@"(?i:message[_-]?bird)" + KeyGap + @"(?i:client[_-]?id|key|token)" + KeyGap + Assign + @"(?<v>" + Uuid + @"|[A-Za-z0-9]{25})" + Rd, O, T)]
    private static partial Regex MessageBird();

    [GeneratedRegex(@"(?i:BUNDLE_(?:ENTERPRISE|GEMS)__CONTRIBSYS__COM)[""']?\s*(?::=|=|:)\s*[""']?(?<v>[a-f0-9]{8}:[a-f0-9]{8})|https?://(?<v>[a-f0-9]{8}:[a-f0-9]{8})@(?:gems|enterprise)\.contribsys\.com", O, T)]
    private static partial Regex Sidekiq();

    [GeneratedRegex(L + @"(?<v>sk\.eyJ[A-Za-z0-9_-]{50,}\.[A-Za-z0-9_-]{20,})" + Rd, O, T)]
    private static partial Regex Mapbox();

    [GeneratedRegex(@"(?<v>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})", O, T)]
    private static partial Regex Age();

    [GeneratedRegex(L + @"(?<v>LS0tLS1CRUdJTi[A-Za-z0-9+/]{40,}={0,2})", O, T)]
    private static partial Regex Base64Pem();

    [GeneratedRegex(@"(?<![A-Za-z0-9_])(?<v>0x[a-fA-F0-9]{64})(?![A-Za-z0-9_])", O, T)]
    private static partial Regex HexPrivateKey();

    [GeneratedRegex(Ld + @"(?<v>eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{2,}(?:\.[A-Za-z0-9_-]*)?)" + Rd, O, T)]
    private static partial Regex Jwt();

    [GeneratedRegex(L + @"(?<v>ZXlK[A-Za-z0-9+/]{40,}={0,2})", O, T)]
    private static partial Regex JwtBase64();


    [GeneratedRegex(@"(?i:mongodb(?:\+srv)?|postgres(?:ql)?|mysql|mariadb|rediss?|amqps?|mssql|sqlserver|jdbc:[a-z0-9]+|couchdb|neo4j(?:\+s)?|clickhouse|cockroachdb)://(?<u>[^\s:@/""'<>`]{0,64}):(?<v>[^\s@/""'<>`]{1,128})@", O, T)]
    private static partial Regex DatabaseUrl();

    [GeneratedRegex(@"(?i:(?:server|data source|host|address|addr|database|initial catalog|user id|uid)\s*=[^;\r\n""]{1,200};[^\r\n""]{0,300}?\b(?:password|pwd)\s*=\s*)(?<v>[^;""'\s]{1,128})", O, T)]
    private static partial Regex ConnectionString();

    [GeneratedRegex(@"(?i:authorization)[""']?\s*[:=]\s*[""']?(?i:basic)\s+(?<v>[A-Za-z0-9+/]{6,}={0,2})(?![A-Za-z0-9+/=])", O, T)]
    private static partial Regex BasicAuth();

    [GeneratedRegex(@"(?i:authorization)[""']?\s*[:=]\s*[""']?(?:(?i:bearer|token|api-token|apikey|api-key|sso-key)\s+)?(?<v>[A-Za-z0-9._~+/-]{8,}={0,2})(?![A-Za-z0-9._~+/=-])", O, T)]
    private static partial Regex BearerToken();

    [GeneratedRegex(@"(?i:\bcurl\b)(?:[^\r\n]|\\\r?\n){0,400}?\s(?:-u|--user)\s+(?:(?<q>[""'])(?<v>[^\s""']{1,64}\k<q>:\k<q>[^\s""']{1,128})\k<q>|[""']?(?<v>[^\s""']{0,64}:[^\s""']{0,128})[""']?)", O, T)]
    private static partial Regex CurlUser();
}
