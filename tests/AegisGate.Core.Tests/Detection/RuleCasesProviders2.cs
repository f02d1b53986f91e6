using static AegisGate.Core.Tests.Detection.TestTokens;

namespace AegisGate.Core.Tests.Detection;

/// <summary>
/// Cases for the rules of SecretRules.Providers2.cs: a positive and a near miss (wrong length, alphabet, prefix, a
/// placeholder, template or variable) per rule. Generated fakes only, built at run time.
/// </summary>
internal static class RuleCasesProviders2
{
    private const string LowerBase32 = "abcdefghijklmnopqrstuvwxyz234567";
    private const string CryptChars = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static IEnumerable<RuleCase> All()
    {
        // --- Prefixed provider tokens ---
        yield return new("secret.cratesio_api_token", $"CARGO_REGISTRY_TOKEN=cio{Alnum(32)}", "cioccolataBiancaConNocciolaEPistacchio");
        yield return new("secret.dependency_track_api_key", $"X-Api-Key: odt_{Alnum(32)}", $"odt_{Alnum(20)}");
        yield return new("secret.stackhawk_api_key", $"HAWK_API_KEY=\"hawk.{Alnum(20)}.{Alnum(20)}\"", "hawk.example.com");
        yield return new("secret.firecrawl_api_key", $"FirecrawlApp(api_key=\"fc-{Hex(32)}\")", "fc-00000000000000000000000000000000");
        yield return new("secret.pyx_token", $"password=\"sk-pyx-{Alnum(64)}\"", "sk-pyx-your-token-here");
        yield return new("secret.segment_api_token", $"Authorization: Bearer sgp_{Alnum(64)}", $"sgp_{new string('a', 64)}");
        yield return new("secret.notion_integration_secret", $"NOTION_KEY=secret_{Alnum(43)}", "secret_ConfigurationManagerFactoryProviderBuild");
        yield return new("secret.onfido_api_token", $"Token token=api_live.{B64Url(11)}.{B64Url(32)}", $"api_live.{B64Url(11)}");
        yield return new("secret.persona_api_key", $"Authorization: Bearer persona_production_{Uuid()}", "persona_production_template");
        yield return new("secret.wakatime_api_key", $"api_key = waka_{Uuid()}", $"waka_{Hex(8)}");
        yield return new("secret.zuplo_api_key", $"Authorization: Bearer zpka_{Hex(32)}_{Hex(8)}", $"zpka_{Hex(32)}");
        yield return new("secret.launchdarkly_key", $"LD_SDK_KEY=sdk-{Uuid()}", "api-00000000-0000-0000-0000-000000000000");
        yield return new("secret.bitbucket_access_token", $"Authorization: Bearer ATCTT3xFfGN0{B64Url(180)}={UpperHex(8)}", $"ATCTT3xFfGN0{B64Url(40)}");
        yield return new("secret.honeycomb_api_key", $"x-honeycomb-team: hcaik_{LowerAlnum(58)}", $"hcaik_{new string('x', 58)}");
        yield return new("secret.axiom_api_token", $"AXIOM_TOKEN=xaat-{Uuid()}", "AXIOM_TOKEN=xaat-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
        yield return new("secret.onesignal_api_key", $"Authorization: Key os_v2_app_{From(LowerBase32, 103)}", "ONESIGNAL_REST_API_KEY=os_v2_app_...");
        yield return new("secret.apify_api_token", $"APIFY_TOKEN=apify_api_{Alnum(36)}", "apify_api_your_token");
        yield return new("secret.e2b_api_key", $"E2B_API_KEY=e2b_{Hex(40)}", $"e2b_{Hex(20)}");
        yield return new("secret.together_api_key", $"Together(api_key=\"tgp_v1_{B64Url(43)}\")", $"tgp_v1_{B64Url(20)}");
        yield return new("secret.fireworks_api_key", $"FIREWORKS_API_KEY=fw_{Letters(12)}{Digits(4)}{Alnum(12)}", $"fw_{Hex(32)}");
        yield return new("secret.browserbase_api_key", $"BROWSERBASE_API_KEY=bb_live_{Alnum(20)}{Digits(3)}-{Alnum(3)}", "bb_live_test");
        yield return new("secret.polar_access_token", $"POLAR_ACCESS_TOKEN=polar_oat_{Alnum(43)}", "polar_oat_de_prueba");
        yield return new("secret.shopify_partner_api_token", $"X-Shopify-Access-Token: prtapi_{Hex(32)}", "prtapi_...");
        yield return new("secret.samsara_api_token", $"Authorization: Bearer samsara_api_{Alnum(30)}", $"samsara_api_{new string('x', 30)}");
        yield return new("secret.docker_swarm_join_token", $"docker swarm join --token SWMTKN-1-{LowerAlnum(50)}-{LowerAlnum(25)} 10.0.0.1:2377", "docker swarm join --token SWMTKN-1-<token> 10.0.0.1:2377");
        yield return new("secret.hashicorp_vault_recovery_token", $"VAULT_TOKEN=hvr.{B64Url(90)}", "hvr.example");
        yield return new("secret.twitch_oauth_token", $"PASS oauth:{LowerAlnum(30)}", "Connect with oauth:your_token_here");
        yield return new("secret.cloudflare_tunnel_token", $"cloudflared tunnel run --token {Base64Of($"{{\"a\":\"{Hex(32)}\",\"t\":\"{Uuid()}\",\"s\":\"{Base64Of(Alnum(32))}\"}}")}", Base64Of($"{{\"a\":\"{Hex(32)}\",\"t\":\"{Uuid()}\",\"n\":\"{Alnum(44)}\"}}"));
        yield return new("secret.azure_devops_pat_legacy", $"AZURE_DEVOPS_PAT={From(LowerBase32, 52)}", "AZURE_DEVOPS_PAT=$(System.AccessToken)");
        yield return new("secret.saucelabs_access_key", $"SAUCE_ACCESS_KEY={Uuid()}", "SAUCE_ACCESS_KEY=${SAUCE_ACCESS_KEY}");
        yield return new("secret.composer_github_oauth", $"{{\"github-oauth\": {{\"github.com\": \"{Hex(40)}\"}}}}", "{\"github-oauth\": {\"github.com\": \"your-github-token\"}}");

        // --- Key blocks, encrypted and hashed secrets ---
        var hexLines = string.Join("\n", Enumerable.Range(0, 16).Select(_ => Hex(32)));
        yield return new("secret.private_key_openvpn", $"-----BEGIN OpenVPN Static key V1-----\n{hexLines}\n-----END OpenVPN Static key V1-----", "-----BEGIN OpenVPN Static key V1-----\n-----END OpenVPN Static key V1-----");
        yield return new("secret.private_key_ssh2", $"---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nComment: \"rsa-key\"\n{B64(64)}\n{B64(64)}\n{B64(40)}\n---- END SSH2 ENCRYPTED PRIVATE KEY ----", "---- BEGIN SSH2 PUBLIC KEY ----");
        yield return new("secret.jenkins_encrypted_secret", $"<password>{{AQAAABAAAAAQ{B64(64)}=}}</password>", "<password>{AQAAABAAAAA}</password>");
        yield return new("secret.gpp_cpassword", $"<Properties action=\"U\" userName=\"svc\" cpassword=\"{B64(43)}\" />", "<Properties action=\"U\" userName=\"svc\" cpassword=\"\" />");
        yield return new("secret.password_hash", $"admin:$apr1${From(CryptChars, 8)}${From(CryptChars, 22)}", "The bcrypt format is $2b$12$ followed by a salt and hash.");
        yield return new("secret.password_hash", $"root:$6${From(CryptChars, 16)}${From(CryptChars, 86)}:19000:0:99999:7:::", $"$2y$10${new string('x', 53)}");
        yield return new("secret.password_hash", $"\"password_hash\": \"$2b$12${From(CryptChars, 53)}\"", "echo \"$1$2\" and awk '{print $1$5$6}'");
        yield return new("secret.laravel_app_key", $"APP_KEY=base64:{B64(43)}=", "APP_KEY=base64:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");

        // --- Passwords in config files and on command lines ---
        yield return new("secret.xml_password_element", $"<server><id>nexus</id><username>deploy</username><password>{Alnum(20)}</password></server>", "<server><id>nexus</id><password>${env.NEXUS_PASSWORD}</password></server>");
        yield return new("secret.config_add_key_password", $"<add key=\"ClearTextPassword\" value=\"{Alnum(20)}\" />", "<add key=\"ClearTextPassword\" value=\"%NUGET_PASSWORD%\" />");
        yield return new("secret.netrc_password", $"machine api.example.com login deploy password {Alnum(20)}", "machine github.com login user password $GITHUB_TOKEN");
        yield return new("secret.cli_password_argument", $"mysql -u root -p{Alnum(14)} -h db.internal", "mysql -u root -p$MYSQL_ROOT_PASSWORD -h db.internal");
        yield return new("secret.cli_password_argument", $"sshpass -p '{Alnum(14)}' ssh deploy@10.0.0.5", "sshpass -p \"$SSH_PASS\" ssh deploy@10.0.0.5");
        yield return new("secret.cli_password_argument", $"$pw = ConvertTo-SecureString '{Alnum(14)}' -AsPlainText -Force", "$pw = ConvertTo-SecureString $plain -AsPlainText -Force");
        yield return new("secret.cli_password_argument", $"docker login -u ci --password {Alnum(16)} registry.example.com", "echo $PASS | docker login -u ci --password-stdin registry.example.com");
        yield return new("secret.cli_password_argument", $"PGPASSWORD={Alnum(16)} psql -h db -U app", "Pass the flag --password interactively when prompted.");
        yield return new("secret.kubernetes_bootstrap_token", $"kubeadm join 10.0.0.1:6443 --token {LowerAlnum(6)}.{LowerAlnum(16)}", "kubeadm join 10.0.0.1:6443 --token abcdef.0123456789abcdef");
        yield return new("secret.database_connection_url", $"REDIS_URL=redis://:{Alnum(20)}@cache.example.com:6379/0", "REDIS_URL=redis://:${REDIS_PASSWORD}@cache.example.com:6379/0");
    }
}
