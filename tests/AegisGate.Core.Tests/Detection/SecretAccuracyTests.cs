using AegisGate.Detection;
using static AegisGate.Core.Tests.Detection.TestTokens;

namespace AegisGate.Core.Tests.Detection;

/// <summary>
/// Positive and near-miss cases for the secret-accuracy changes: documented sample tokens, provider length bounds,
/// keyword-anchored provider formats, the generic rule's UUID and provider-format filters. Values are generated fakes
/// written for this project; none is copied from the shared corpus.
/// </summary>
public sealed class SecretAccuracyTests
{
    private static readonly ContentScanner s_scanner = ContentScanner.Create();

    private static IReadOnlyList<DetectionFinding> Secrets(string text, ContentScanner? scanner = null)
        => [.. (scanner ?? s_scanner).Scan(text, ScanOptions.Default).Findings.Where(f => f.Category == DetectionCategory.Secret)];

    private static IReadOnlyList<string> SecretRules(string text) => [.. Secrets(text).Select(f => f.RuleId)];

    // --- IBM COS HMAC keyword forms (the keyword is "cos_", "cos-", "cosHmac", "cosSecret", not every word starting "cos") --

    [TestCase("ibm_cos_hmac_secret_access_key")]
    [TestCase("cos-secret-key")]
    [TestCase("cosHmacSecretKey")]
    [TestCase("ibmCosSecretAccessKey")]
    [TestCase("SECRET_ACCESS_KEY")]
    public void Scan_IbmCosHmacSecretUnderEachKeywordForm_Reported(string name)
        => Assert.That(SecretRules($"{name} = \"{Hex(48)}\""), Does.Contain("secret.ibm_cos_hmac_secret"));

    // --- documented sample tokens ("EXAMPLE") ------------------------------------------------------------------------

    [Test]
    public void Scan_ProviderTokenCarryingExample_ReportedAtDocumentationConfidence()
    {
        var findings = Secrets($"docker login -p dckr_pat_{B64Url(13)}Example{Alnum(7)}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(findings.Select(f => f.RuleId), Is.EqualTo(new[] { "secret.docker_hub_pat" }));
            Assert.That(findings[0].Confidence, Is.EqualTo(0.55).Within(1e-9));
        }
    }

    [Test]
    public void Scan_AwsKeyIdWithExampleSuffix_ReportedAtDocumentationConfidence()
    {
        var finding = Secrets($"AKIA{Base32(9)}EXAMPLE").Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.RuleId, Is.EqualTo("secret.aws_access_key_id"));
            Assert.That(finding.Confidence, Is.EqualTo(0.55).Within(1e-9));
        }
    }

    [Test]
    public void Scan_ProviderTokenWithoutExample_KeepsItsConfidence()
        => Assert.That(Secrets($"AKIA{Base32(16)}").Single().Confidence, Is.GreaterThan(0.55));

    [TestCase("dckr_pat_your-docker-token-here-0000")]
    [TestCase("dckr_pat_xxxxxxxxxxxxxxxxxxxxxxxxxxx")]
    [TestCase("dckr_pat_REDACTED_REDACTED_REDACTED0")]
    public void Scan_ProviderTokenThatIsAnInstructionOrMask_NotReported(string text)
        => Assert.That(SecretRules(text), Is.Empty);

    [Test]
    public void Scan_ExampleTokenUnderRelaxedSource_Dropped()
    {
        var options = new AegisDetectionOptions();
        options.Policy.Sources[ContentSource.User] = new SourcePolicyOptions { Strictness = DetectionStrictness.Relaxed };
        var relaxed = ContentScanner.Create(options);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Secrets($"AKIA{Base32(9)}EXAMPLE", relaxed), Is.Empty);
            Assert.That(Secrets($"AKIA{Base32(16)}", relaxed), Has.Count.EqualTo(1));
        }
    }

    [Test]
    public void Scan_AwsSecretKeyWithExample_ReportedAtDocumentationConfidence()
    {
        var finding = Secrets($"aws_secret_access_key = \"{B64(33)}EXAMPLE\"").Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(finding.RuleId, Is.EqualTo("secret.aws_secret_access_key"));
            Assert.That(finding.Confidence, Is.EqualTo(0.55).Within(1e-9));
        }
    }

    [TestCase("aws_secret_access_key = \"yoursecretaccesskeygoeshere1234567890abc\"")]
    [TestCase("aws_secret_access_key = \"sampleSecretKeyValueForTheDocs/AbCdEf123\"")]
    public void Scan_AwsSecretKeyThatIsAPlaceholder_NotReported(string text)
        => Assert.That(SecretRules(text), Is.Empty);

    // --- GitLab length bounds --------------------------------------------------------------------------------------

    [TestCase("glsoat-", 50)]
    [TestCase("GR1348941", 50)]
    [TestCase("gldt-", 20)]
    [TestCase("glft-", 35)]
    public void Scan_GitLabTokenWithinTheLengthBound_Reported(string prefix, int length)
        => Assert.That(SecretRules(prefix + Alnum(length)), Has.Count.EqualTo(1));

    [TestCase("glsoat-")]
    [TestCase("GR1348941")]
    [TestCase("gldt-")]
    [TestCase("glpat-")]
    [TestCase("glrt-")]
    [TestCase("glcbt-")]
    public void Scan_GitLabTokenLongerThanAnyFormat_NotReported(string prefix)
        => Assert.That(SecretRules(prefix + Alnum(51)), Is.Empty);

    [Test]
    public void Scan_GitLabRoutableToken_Reported()
        => Assert.That(SecretRules($"glpat-{B64Url(60)}.01.{LowerAlnum(9)}"), Is.EqualTo(new[] { "secret.gitlab_pat" }));

    // --- OpenAI keys without the T3BlbkFJ marker ----------------------------------------------------------------------

    [Test]
    public void Scan_OpenAiProjectKeyWithoutMarkerNextToKeyword_Reported()
        => Assert.That(SecretRules($"OPENAI_API_KEY=sk-proj-{Alnum(130)}"), Is.EqualTo(new[] { "secret.openai_project_key" }));

    [Test]
    public void Scan_OpenAiProjectKeyWithoutMarkerOrKeyword_NotReported()
        => Assert.That(SecretRules($"value: sk-proj-{Alnum(130)}"), Is.Empty);

    [Test]
    public void Scan_OpenAiKeyWithMarker_ReportedWithoutKeyword()
        => Assert.That(SecretRules($"value: sk-proj-{B64Url(74)}T3BlbkFJ{B64Url(74)}"), Is.EqualTo(new[] { "secret.openai_api_key" }));

    // --- Bedrock and Linear bounds -----------------------------------------------------------------------------------

    [Test]
    public void Scan_BedrockKeyLongerThanTheFormat_NotReported()
        => Assert.That(SecretRules($"ABSK{B64(300)}"), Is.Empty);

    [TestCase(40)]
    [TestCase(48)]
    public void Scan_LinearKeyWithRandomBody_Reported(int length)
        => Assert.That(SecretRules($"lin_api_{Alnum(length)}"), Is.EqualTo(new[] { "secret.linear_api_key" }));

    [Test]
    public void Scan_LinearPrefixedIdentifier_NotReported()
        => Assert.That(SecretRules("lin_api_getIssueCommentsForTeamMembersAndProjects"), Is.Empty);

    // --- Cisco Meraki and the generic rule's provider formats --------------------------------------------------------

    [Test]
    public void Scan_MerakiKey_Reported()
        => Assert.That(SecretRules($"meraki_api_key: {Hex(40)}"), Does.Contain("secret.cisco_meraki_api_key"));

    [Test]
    public void Scan_MerakiKeyWithTheWrongShape_NotReportedByAnyRule()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(SecretRules($"meraki_api_key: {UpperHex(40)}"), Is.Empty);
            Assert.That(SecretRules($"meraki_token = {Hex(64)}Q7z"), Is.Empty);
        }
    }

    [Test]
    public void Scan_AwsSecretKeyOfAnotherLength_NotReportedByTheGenericRule()
        => Assert.That(SecretRules($"AWS_SECRET_ACCESS_KEY = {B64(54)}=="), Is.Empty);

    [Test]
    public void Scan_AwsSecretKeyOfTheRightShape_Reported()
        => Assert.That(SecretRules($"AWS_SECRET_ACCESS_KEY = {B64(40)}"), Does.Contain("secret.aws_secret_access_key"));

    [Test]
    public void Scan_OtherSecretKeyOfAnyLength_StillReportedByTheGenericRule()
        => Assert.That(SecretRules($"STRIPE_SIGNING_SECRET = {Alnum(54)}"), Is.EqualTo(new[] { "secret.generic_credential" }));

    // --- the generic rule's UUID filter ------------------------------------------------------------------------------

    [Test]
    public void Scan_RandomUuidAssignedToToken_Reported()
        => Assert.That(SecretRules($"api_token = \"{Uuid()}\""), Is.EqualTo(new[] { "secret.generic_credential" }));

    [TestCase('1')]
    [TestCase('3')]
    [TestCase('5')]
    [TestCase('7')]
    public void Scan_NonRandomUuidAssignedToToken_NotReported(char version)
        => Assert.That(SecretRules($"api_token = \"{Hex(8)}-{Hex(4)}-{version}{Hex(3)}-9{Hex(3)}-{Hex(12)}\""), Is.Empty);
}
