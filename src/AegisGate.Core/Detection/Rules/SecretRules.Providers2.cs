using System.Buffers;
using System.Text.RegularExpressions;
using AegisGate.Detection.Engine;
using AegisGate.Detection.Validation;
using V = AegisGate.Detection.Rules.SecretValidators;

namespace AegisGate.Detection.Rules;

/// <summary>
/// Fourth coverage pass (written from the published formats): more prefixed provider tokens, key blocks and encrypted
/// secrets of other kinds, password hashes, and passwords in config files and on command lines.
/// </summary>
internal static partial class SecretRules
{
    // Keywords with an underscore after a common word start (persona_, polar_, app_key) are matched inside words, which
    // anchors them at the underscore: a lookup at every word starting per/pol/app in prose cost about 1 % of a scan.
    private static IEnumerable<DetectionRule> Providers2()
    {
        // --- Prefixed provider tokens -----------------------------------------------------------------------------------
        yield return P("cratesio_api_token", "crates.io API token", "CRATESIO_TOKEN", 0.85, "cio + 32 letters and digits.", ["cio"], CratesIo(), MixedBody(3, 3.8), 85);
        yield return P("dependency_track_api_key", "Dependency-Track API key", "DEPENDENCY_TRACK_KEY", 0.9, "odt_ + at least 32 letters and digits.", ["odt_"], DependencyTrack(), MixedBody(4, 3.8), 88);
        yield return P("stackhawk_api_key", "StackHawk API key", "STACKHAWK_KEY", 0.9, "hawk. + 20 . 20 characters.", ["hawk."], StackHawk(), MixedBody(5, 3.5), 88);
        yield return P("firecrawl_api_key", "Firecrawl API key", "FIRECRAWL_KEY", 0.85, "fc- + 32 lowercase hex.", ["fc-"], Firecrawl(), MixedBody(3, 3.0), 85);
        yield return P("pyx_token", "pyx API or trusted publishing token", "PYX_TOKEN", 0.95, "sk-pyx-/tp-pyx- + 64 letters and digits (or 2 + 45 letters).", ["sk-pyx-", "tp-pyx-"], Pyx(), V.TokenWithEntropy(3.5, 7), 92);
        yield return P("segment_api_token", "Segment public API token", "SEGMENT_TOKEN", 0.9, "sgp_ + 64 letters and digits.", ["sgp_"], Segment(), MixedBody(4, 4.0), 89);
        yield return P("notion_integration_secret", "Notion integration secret (legacy)", "NOTION_TOKEN", 0.85, "secret_ + 43 letters and digits.", ["secret_"], NotionLegacy(), MixedBody(7, 4.0), 85, keywordsInsideWords: true);
        yield return P("onfido_api_token", "Onfido API token", "ONFIDO_TOKEN", 0.95, "api_live|api_sandbox[_region] . 11 . 32 characters.", ["api_live", "api_sandbox"], Onfido(), V.TokenWithEntropy(3.0), 90, keywordsInsideWords: true);
        yield return P("persona_api_key", "Persona API key", "PERSONA_API_KEY", 0.9, "persona_sandbox_/persona_production_ + UUID.", ["persona_"], Persona(), V.Token, 90, keywordsInsideWords: true);
        yield return P("wakatime_api_key", "WakaTime API key", "WAKATIME_API_KEY", 0.9, "waka_ + UUID.", ["waka_"], WakaTime(), V.Token, 90, keywordsInsideWords: true);
        yield return P("zuplo_api_key", "Zuplo consumer API key", "ZUPLO_API_KEY", 0.95, "zpka_ + 32 hex + _ + 8 hex.", ["zpka_"], Zuplo(), V.Token, 90);
        yield return P("launchdarkly_key", "LaunchDarkly access token or server SDK key", "LAUNCHDARKLY_KEY", 0.8, "api-/sdk- + UUID.", ["api-", "sdk-"], LaunchDarkly(), V.TokenWithEntropy(3.0, 4), 80);
        yield return P("bitbucket_access_token", "Bitbucket repository/project/workspace access token", "BITBUCKET_TOKEN", 0.95, "ATCTT3xFfGN0 + 150-270 characters (= + 8 hex checksum).", ["atctt3xffgn0"], BitbucketAccess(), V.Token, 91);
        yield return P("honeycomb_api_key", "Honeycomb ingest or configuration key", "HONEYCOMB_KEY", 0.9, "hcaik_/hcaic_ + 58 lowercase letters and digits.", ["hcaik_", "hcaic_"], Honeycomb(), V.TokenWithEntropy(3.5, 6), 90);
        yield return P("axiom_api_token", "Axiom API or personal token", "AXIOM_TOKEN", 0.9, "xaat-/xapt- + UUID.", ["xaat-", "xapt-"], Axiom(), V.Token, 90);
        yield return P("onesignal_api_key", "OneSignal REST API key", "ONESIGNAL_KEY", 0.95, "os_v2_app_/os_v2_org_ + base32 body.", ["os_v2_"], OneSignal(), V.TokenWithEntropy(3.5, 10), 90);
        yield return P("apify_api_token", "Apify API token", "APIFY_TOKEN", 0.95, "apify_api_ + 36 letters and digits.", ["apify_api_"], Apify(), MixedBody(10, 3.8), 90);
        yield return P("e2b_api_key", "E2B API key", "E2B_API_KEY", 0.9, "e2b_ + 40 hex.", ["e2b_"], E2b(), MixedBody(4, 3.0), 88);
        yield return P("together_api_key", "Together AI API key", "TOGETHER_API_KEY", 0.95, "tgp_v1_ + 43 characters.", ["tgp_v1_"], Together(), V.TokenWithEntropy(3.5, 7), 92);
        yield return P("fireworks_api_key", "Fireworks AI API key", "FIREWORKS_API_KEY", 0.85, "fw_ + 24-40 letters and digits (upper, lower and digits).", ["fw_"], Fireworks(), CaseMixedBody(3, 3.8), 85);
        yield return P("browserbase_api_key", "Browserbase API key", "BROWSERBASE_API_KEY", 0.9, "bb_live_ + 27 characters.", ["bb_live_"], Browserbase(), MixedBody(8, 3.5), 88);
        yield return P("polar_access_token", "Polar organization or personal access token", "POLAR_TOKEN", 0.9, "polar_oat_/polar_pat_ + 43 letters and digits.", ["polar_oat_", "polar_pat_"], Polar(), MixedBody(10, 3.8), 90, keywordsInsideWords: true);
        yield return P("shopify_partner_api_token", "Shopify Partner API client token", "SHOPIFY_TOKEN", 0.9, "prtapi_ + 32 hex.", ["prtapi_"], ShopifyPartner(), MixedBody(7, 3.0), 90);
        yield return P("samsara_api_token", "Samsara API token", "SAMSARA_TOKEN", 0.9, "samsara_api_ + 30 letters and digits.", ["samsara_api_"], Samsara(), MixedBody(12, 3.8), 90, keywordsInsideWords: true);
        yield return P("docker_swarm_join_token", "Docker Swarm join token", "DOCKER_SWARM_TOKEN", 0.95, "SWMTKN-1- + 50 - 25 lowercase letters and digits.", ["swmtkn-1-"], DockerSwarm(), V.TokenWithEntropy(3.5, 9), 90);
        yield return P("hashicorp_vault_recovery_token", "HashiCorp Vault recovery token", "VAULT_TOKEN", 0.9, "hvr. + at least 24 characters.", ["hvr."], VaultRecovery(), V.TokenWithEntropy(3.5, 4), 90);
        yield return P("twitch_oauth_token", "Twitch chat OAuth token", "TWITCH_TOKEN", 0.8, "oauth: + 30 lowercase letters and digits.", ["oauth:"], TwitchOAuth(), MixedBody(6, 3.5), 80);
        yield return P("cloudflare_tunnel_token", "Cloudflare Tunnel token", "CLOUDFLARE_TUNNEL_TOKEN", 0.95, "base64 of {\"a\":account,\"t\":tunnel,\"s\":secret} (eyJhIjoi…).", ["eyjhijoi"], CloudflareTunnel(), V.DecodesTo("\"s\":"), 91);
        yield return P("azure_devops_pat_legacy", "Azure DevOps personal access token (52-character form)", "AZURE_DEVOPS_PAT", 0.85, "azure devops/ado/azdo keyword + 52 lowercase base32 characters.", ["azure_devops", "azure-devops", "azuredevops", "devops", "azdo", "ado_", "ado-", "vsts"], AzureDevOpsLegacy(), V.ProviderKeyword(3.5), 80);
        yield return P("saucelabs_access_key", "Sauce Labs access key", "SAUCE_ACCESS_KEY", 0.85, "sauce keyword + key/token + UUID.", ["sauce"], SauceLabs(), V.Token, 80);
        yield return P("composer_github_oauth", "GitHub token in Composer auth (github-oauth)", "GITHUB_TOKEN", 0.9, "\"github-oauth\": {\"github.com\": 40 hex or gh*_ token}.", ["github-oauth"], ComposerGitHub(), V.TokenWithEntropy(3.0), 88);

        // --- Key blocks, encrypted and hashed secrets -------------------------------------------------------------------
        yield return P("private_key_openvpn", "OpenVPN static key", "PRIVATE_KEY", 0.97, "-----BEGIN OpenVPN Static key V1----- + hex lines.", ["-----begin openvpn static key"], OpenVpnStaticKey(), null, 96);
        yield return P("private_key_ssh2", "SSH2 (SSH.com/Tectia) encrypted private key", "PRIVATE_KEY", 0.97, "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ---- + base64 lines.", ["---- begin ssh2 encrypted private key"], Ssh2PrivateKey(), null, 96);
        yield return P("jenkins_encrypted_secret", "Jenkins encrypted credential", "JENKINS_SECRET", 0.85, "{AQAAABAAAAA… base64} secret from credentials.xml (decryptable with the controller's master key).", ["{aqaaabaaaaa"], JenkinsSecret(), null, 85, severity: DetectionSeverity.High);
        yield return P("gpp_cpassword", "Group Policy Preferences cpassword", "GPP_CPASSWORD", 0.95, "cpassword=\"base64\" (AES key published by Microsoft: a plaintext password).", ["cpassword"], GppCpassword(), V.Token, 92);
        yield return P("password_hash", "Password hash (bcrypt, crypt, htpasswd)", "PASSWORD_HASH", 0.75, "bcrypt $2a/b/y$, $apr1$, $1$/$5$/$6$ crypt or {SHA}/{SSHA} hash (htpasswd, shadow, seed data).", ["$2a$", "$2b$", "$2y$", "$apr1$", "$1$", "$5$", "$6$", "{sha}", "{ssha}"], PasswordHash(), PasswordHashValidator, 70, severity: DetectionSeverity.High);
        yield return P("laravel_app_key", "Laravel application key", "LARAVEL_APP_KEY", 0.9, "APP_KEY=base64: + 44 base64 (32-byte key).", ["app_key"], LaravelAppKey(), V.TokenWithEntropy(4.0), 88, keywordsInsideWords: true);

        // --- Passwords in config files and on command lines -------------------------------------------------------------
        yield return P("xml_password_element", "Password in an XML element", "PASSWORD", 0.8, "<password>value</password> and similar elements (Maven settings.xml, Jenkins, app configs).", ["<password>", "<passwd>", "<pwd>", "<secret>", "<clientsecret>", "<client_secret>", "<apikey>", "<api_key>", "<accesskey>", "<secretkey>", "<privatekey>"], XmlPassword(), CommandPasswordValidator, 62);
        yield return P("config_add_key_password", "Password in an <add key=… value=…> setting", "PASSWORD", 0.8, "<add key=\"…Password|Secret|Token|ApiKey…\" value=\"…\"/> (app.config, NuGet.config ClearTextPassword).", ["<add"], ConfigAddKey(), CommandPasswordValidator, 62);
        yield return P("netrc_password", "netrc machine password", "PASSWORD", 0.85, "machine host [login user] password value.", ["machine"], Netrc(), CommandPasswordValidator, 62);
        yield return P("cli_password_argument", "Password on a command line", "PASSWORD", 0.8, "--password/-Password value, mysql -pVALUE, sshpass -p, psexec -p, ldap* -w, redis-cli -a, docker login -p, ConvertTo-SecureString '…' -AsPlainText, PGPASSWORD=/MYSQL_PWD=/SSHPASS=.", ["--password", "-password", "mysql", "mysqldump", "mysqladmin", "sshpass", "psexec", "psexec64", "ldapsearch", "ldapmodify", "ldapadd", "ldapdelete", "ldapwhoami", "ldappasswd", "redis-cli", "-asplaintext", "pgpassword", "mysql_pwd", "rediscli_auth", "docker"], CliPassword(), CommandPasswordValidator, 61);
        yield return P("kubernetes_bootstrap_token", "Kubernetes bootstrap (kubeadm join) token", "KUBERNETES_TOKEN", 0.9, "--token/token: + 6 . 16 lowercase letters and digits.", ["--token", "token:"], KubeBootstrap(), BootstrapTokenValidator, 80);
    }

    // A prefixed token whose body (after skipPrefix characters) mixes letters and digits and looks random.
    private static MatchValidator MixedBody(int skipPrefix, double minEntropy)
        => (in RuleMatch m, double confidence) =>
        {
            var body = m.Value[Math.Min(skipPrefix, m.Value.Length)..];
            return body.ContainsAnyInRange('0', '9') && (body.ContainsAnyInRange('a', 'z') || body.ContainsAnyInRange('A', 'Z')) && Checksums.ShannonEntropy(body) >= minEntropy
                && !SecretHeuristics.IsPeriodic(body, 4) && !SecretHeuristics.HasSequentialRun(body, 8) ? V.Token(m, confidence) : 0;
        };

    // Like MixedBody, but the body must also mix upper- and lower-case letters (a short prefix such as fw_ also starts identifiers and hex ids).
    private static MatchValidator CaseMixedBody(int skipPrefix, double minEntropy)
    {
        var mixed = MixedBody(skipPrefix, minEntropy);
        return (in RuleMatch m, double confidence) =>
        {
            var body = m.Value[Math.Min(skipPrefix, m.Value.Length)..];
            return body.ContainsAnyInRange('a', 'z') && body.ContainsAnyInRange('A', 'Z') ? mixed(m, confidence) : 0;
        };
    }

    // Hashes with an all-same or sequential body (documentation fillers) are not reported.
    private static double PasswordHashValidator(in RuleMatch m, double confidence)
    {
        var value = m.Value;
        var last = value.LastIndexOfAny('$', '}');
        var body = last >= 0 ? value[(last + 1)..] : value;
        return body.Length >= 20 && Checksums.ShannonEntropy(body) >= 3.5 && !SecretHeuristics.IsPeriodic(body, 4) && !SecretHeuristics.HasSequentialRun(body, 8) ? V.Token(m, confidence) : 0;
    }

    private static readonly SearchValues<string> s_placeholderPasswords = SearchValues.Create(["password", "passwd", "changeme", "change_me", "secret", "xxxx", "****", "<", "${", "$(", "{{", "%(", "%{", "#{", "@@", "example", "your", "dummy", "sample", "placeholder", "redacted", "hidden", "masked", "replace", "todo", "fixme", "stdin", "prompt", "null", "none", "undefined", "environ", "getenv", "process.env", "secrets."], StringComparison.OrdinalIgnoreCase);

    // A password literal (not a variable, template, placeholder or mask) of at least 4 characters with some variety.
    private static double CommandPasswordValidator(in RuleMatch m, double confidence)
    {
        var value = m.Value;
        if (value.Length < 4 || value.ContainsAny(s_placeholderPasswords) || value[0] is '$' or '%' or '&' or '@' || SecretHeuristics.IsPlaceholder(value) || SecretHeuristics.IsTemplate(value)
            || SecretHeuristics.CountDistinct(value) <= 3 || SecretHeuristics.IsPeriodic(value, 3) || SecretHeuristics.HasSequentialRun(value, 6))
        {
            return 0;
        }

        // An upper-case identifier (MY_DB_PASSWORD_VAR) names a variable rather than holding a password.
        var identifierLike = true;
        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterUpper(c) || c == '_'))
            {
                identifierLike = false;
                break;
            }
        }

        // A word of letters only after a space (--password interactively) is prose more often than a password.
        var before = m.ValueStart > 0 ? m.Text[m.ValueStart - 1] : ' ';
        var lettersOnly = true;
        foreach (var c in value)
        {
            lettersOnly &= char.IsAsciiLetter(c);
        }

        if (lettersOnly && char.IsWhiteSpace(before))
        {
            return 0;
        }

        return identifierLike || Checksums.ShannonEntropy(value) < 2.0 ? 0 : confidence;
    }

    // kubeadm's documented sample (abcdef.0123456789abcdef) and other sequential fillers are not tokens.
    private static double BootstrapTokenValidator(in RuleMatch m, double confidence)
    {
        var value = m.Value;
        return value.ContainsAnyInRange('0', '9') && !SecretHeuristics.HasSequentialRun(value, 5) && Checksums.ShannonEntropy(value) >= 3.2 && !SecretHeuristics.IsPeriodic(value, 3) ? V.Token(m, confidence) : 0;
    }

    [GeneratedRegex(L + @"(?<v>cio[A-Za-z0-9]{32})" + R, O, T)]
    private static partial Regex CratesIo();

    [GeneratedRegex(L + @"(?<v>odt_[A-Za-z0-9]{32,255})" + R, O, T)]
    private static partial Regex DependencyTrack();

    [GeneratedRegex(L + @"(?<v>hawk\.[A-Za-z0-9_-]{20}\.[A-Za-z0-9_-]{20})" + Rd, O, T)]
    private static partial Regex StackHawk();

    [GeneratedRegex(Ld + @"(?<v>fc-[a-f0-9]{32})" + Rd, O, T)]
    private static partial Regex Firecrawl();

    [GeneratedRegex(Ld + @"(?<v>(?:sk|tp)-pyx-(?:[A-Za-z0-9]{64}|2[A-Za-z]{45}))" + R, O, T)]
    private static partial Regex Pyx();

    [GeneratedRegex(L + @"(?<v>sgp_[A-Za-z0-9]{64})" + R, O, T)]
    private static partial Regex Segment();

    [GeneratedRegex(L + @"(?<v>secret_[A-Za-z0-9]{43})" + R, O, T)]
    private static partial Regex NotionLegacy();

    [GeneratedRegex(L + @"(?<v>api_(?:live|sandbox)(?:_[a-z]{2})?\.[A-Za-z0-9_-]{11}\.[A-Za-z0-9_-]{32})" + Rd, O, T)]
    private static partial Regex Onfido();

    [GeneratedRegex(L + @"(?<v>persona_(?:sandbox|production)_" + Uuid + ")" + Rd, O, T)]
    private static partial Regex Persona();

    [GeneratedRegex(L + @"(?<v>waka_" + Uuid + ")" + Rd, O, T)]
    private static partial Regex WakaTime();

    [GeneratedRegex(L + @"(?<v>zpka_[a-f0-9]{32}_[a-f0-9]{8})" + R, O, T)]
    private static partial Regex Zuplo();

    [GeneratedRegex(Ld + @"(?<v>(?:api|sdk)-" + Uuid + ")" + Rd, O, T)]
    private static partial Regex LaunchDarkly();

    [GeneratedRegex(L + @"(?<v>ATCTT3xFfGN0[A-Za-z0-9_-]{100,260}=[A-F0-9]{8})" + Rd, O, T)]
    private static partial Regex BitbucketAccess();

    [GeneratedRegex(L + @"(?<v>hcai[kc]_[a-z0-9]{58})" + R, O, T)]
    private static partial Regex Honeycomb();

    [GeneratedRegex(Ld + @"(?<v>xa[ap]t-" + Uuid + ")" + Rd, O, T)]
    private static partial Regex Axiom();

    [GeneratedRegex(L + @"(?<v>os_v2_(?:app|org)_[a-z2-7]{56,200})" + R, O, T)]
    private static partial Regex OneSignal();

    [GeneratedRegex(L + @"(?<v>apify_api_[A-Za-z0-9]{36})" + R, O, T)]
    private static partial Regex Apify();

    [GeneratedRegex(L + @"(?<v>e2b_[a-f0-9]{40})" + R, O, T)]
    private static partial Regex E2b();

    [GeneratedRegex(L + @"(?<v>tgp_v1_[A-Za-z0-9_-]{43})" + Rd, O, T)]
    private static partial Regex Together();

    [GeneratedRegex(L + @"(?<v>fw_[A-Za-z0-9]{24,40})" + R, O, T)]
    private static partial Regex Fireworks();

    [GeneratedRegex(L + @"(?<v>bb_live_[A-Za-z0-9_-]{27})" + Rd, O, T)]
    private static partial Regex Browserbase();

    [GeneratedRegex(L + @"(?<v>polar_[op]at_[A-Za-z0-9]{43})" + R, O, T)]
    private static partial Regex Polar();

    [GeneratedRegex(L + @"(?<v>prtapi_[a-f0-9]{32})" + R, O, T)]
    private static partial Regex ShopifyPartner();

    [GeneratedRegex(L + @"(?<v>samsara_api_[A-Za-z0-9]{30})" + R, O, T)]
    private static partial Regex Samsara();

    [GeneratedRegex(Ld + @"(?<v>SWMTKN-1-[a-z0-9]{50}-[a-z0-9]{25})" + Rd, O, T)]
    private static partial Regex DockerSwarm();

    [GeneratedRegex(L + @"(?<v>hvr\.[A-Za-z0-9_-]{24,250})" + Rd, O, T)]
    private static partial Regex VaultRecovery();

    [GeneratedRegex(@"(?<![A-Za-z0-9_:/-])oauth:(?<v>[a-z0-9]{30})" + R, O, T)]
    private static partial Regex TwitchOAuth();

    [GeneratedRegex(L + @"(?<v>eyJhIjoi[A-Za-z0-9+/]{80,400}={0,2})(?![A-Za-z0-9+/=])", O, T)]
    private static partial Regex CloudflareTunnel();

    [GeneratedRegex(@"(?i:azure[_.-]?devops|devops|azdo|ado|vsts)[\w.-]{0,20}?(?i:pat|token|key|secret|password|pwd)[\w.-]{0,12}?" + Assign + @"(?<v>[a-z2-7]{52})(?![A-Za-z0-9_+/=-])", O, T)]
    private static partial Regex AzureDevOpsLegacy();

    [GeneratedRegex(@"(?i:sauce)[\w.-]{0,25}?(?i:key|token|secret)[\w.-]{0,12}?" + Assign + @"(?<v>" + Uuid + ")" + Rd, O, T)]
    private static partial Regex SauceLabs();

    [GeneratedRegex(@"""github-oauth""\s{0,5}:\s{0,5}\{\s{0,20}""[A-Za-z0-9.-]{1,100}""\s{0,5}:\s{0,5}""(?<v>[a-f0-9]{40}|gh[opsu]_[A-Za-z0-9]{36})""", O, T)]
    private static partial Regex ComposerGitHub();

    [GeneratedRegex(@"(?<v>-----BEGIN OpenVPN Static key V1-----(?:\s{0,4}[0-9a-fA-F]{32}){8,16})", O, T)]
    private static partial Regex OpenVpnStaticKey();

    [GeneratedRegex(@"(?<v>---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----(?:\r?\n[A-Za-z-]{1,20}: [^\r\n]{0,200})*(?:\s{0,4}[A-Za-z0-9+/=]{20,80}){2,200})", O, T)]
    private static partial Regex Ssh2PrivateKey();

    [GeneratedRegex(@"(?<v>\{AQAAABAAAAA[A-Za-z0-9+/]{20,2000}={0,2}\})", O, T)]
    private static partial Regex JenkinsSecret();

    [GeneratedRegex(@"(?i:cpassword)\s{0,3}=\s{0,3}[""'](?<v>[A-Za-z0-9+/]{20,400}={0,2})[""']", O, T)]
    private static partial Regex GppCpassword();

    [GeneratedRegex(@"(?<![A-Za-z0-9$./])(?<v>\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}|\$apr1\$[./A-Za-z0-9]{1,8}\$[./A-Za-z0-9]{22}|\$[156]\$(?:rounds=\d{1,9}\$)?[./A-Za-z0-9]{1,16}\$(?:[./A-Za-z0-9]{86}|[./A-Za-z0-9]{43}|[./A-Za-z0-9]{22})|\{(?i:s?sha)\}[A-Za-z0-9+/]{27,60}={0,2})(?![./A-Za-z0-9$])", O, T)]
    private static partial Regex PasswordHash();

    [GeneratedRegex(@"(?i:app_key)[""']?\s{0,5}[=:]\s{0,5}[""']?base64:(?<v>[A-Za-z0-9+/]{43}=)", O, T)]
    private static partial Regex LaravelAppKey();

    [GeneratedRegex(@"<(?<k>(?i:password|passwd|pwd|secret|client_?secret|api_?key|access_?key|secret_?key|private_?key))>(?<v>[^<>\s]{4,200})</\k<k>>", O, T)]
    private static partial Regex XmlPassword();

    [GeneratedRegex(@"<add\s{1,5}key\s{0,3}=\s{0,3}""[A-Za-z0-9_.:-]{0,40}(?i:password|passwd|pwd|secret|token|apikey|api_key|accesskey)[A-Za-z0-9_.:-]{0,20}""\s{1,5}value\s{0,3}=\s{0,3}""(?<v>[^""<>\s]{4,200})""", O, T)]
    private static partial Regex ConfigAddKey();

    [GeneratedRegex(@"(?<![A-Za-z0-9_-])machine\s{1,20}[A-Za-z0-9.:_-]{1,200}\s{1,20}(?:login\s{1,20}[^\s]{1,100}\s{1,20})?password\s{1,20}(?<v>[^\s]{4,128})", O, T)]
    private static partial Regex Netrc();

    // Quoted values are taken inside their quotes; an unquoted value may not start like a variable, template or flag.
    private const string CliValue = @"(?:'(?<v>[^'\r\n]{4,128})'|""(?<v>[^""\r\n]{4,128})""|(?<v>[^\s'""$%<{(\[-][^\s'"";|&)]{3,127}))";

    [GeneratedRegex(
        @"(?<![A-Za-z0-9_-])-{1,2}(?i:password)(?:=|[ \t]{1,5})" + CliValue
        + @"|(?<![A-Za-z0-9_-])(?i:mysql(?:dump|admin|import|show|check)?)[ \t][^\r\n|;&]{0,120}?(?<=\s)-p(?:'(?<v>[^'\r\n]{4,128})'|""(?<v>[^""\r\n]{4,128})""|(?<v>[^\s'""$%<{(\[-][^\s'"";|&)]{3,127}))"
        + @"|(?<![A-Za-z0-9_-])(?i:sshpass)[ \t]{1,5}-p[ \t]{0,5}" + CliValue
        + @"|(?<![A-Za-z0-9_-])(?i:psexec(?:64)?)(?i:\.exe)?[ \t][^\r\n|;&]{0,160}?[ \t]-p[ \t]{1,5}" + CliValue
        + @"|(?<![A-Za-z0-9_-])(?i:ldap(?:search|modify|add|delete|whoami|passwd|compare|modrdn))[ \t][^\r\n|;&]{0,200}?[ \t]-w[ \t]{1,5}" + CliValue
        + @"|(?<![A-Za-z0-9_-])redis-cli[ \t][^\r\n|;&]{0,120}?[ \t]-a[ \t]{1,5}" + CliValue
        + @"|(?<![A-Za-z0-9_-])docker[ \t]{1,5}login[ \t][^\r\n|;&]{0,150}?[ \t]-p[ \t]{1,5}" + CliValue
        + @"|(?<![A-Za-z0-9_-])(?i:ConvertTo-SecureString)[ \t]{1,5}(?:-String[ \t]{1,5})?(?:'(?<v>[^'\r\n]{4,128})'|""(?<v>[^""\r\n]{4,128})"")[ \t]{1,5}-AsPlainText"
        + @"|(?<![A-Za-z0-9_-])(?:PGPASSWORD|MYSQL_PWD|SSHPASS|REDISCLI_AUTH)=" + CliValue, O, T)]
    private static partial Regex CliPassword();

    [GeneratedRegex(@"(?:(?<![A-Za-z0-9_-])--token[= \t]{1,3}|(?<![A-Za-z0-9_-])token:[ \t]{0,5}[""']?)(?<v>[a-z0-9]{6}\.[a-z0-9]{16})(?![A-Za-z0-9_.-])", O, T)]
    private static partial Regex KubeBootstrap();
}
