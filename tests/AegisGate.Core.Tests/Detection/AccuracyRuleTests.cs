using AegisGate.Detection;
using AegisGate.Detection.Validation;

namespace AegisGate.Core.Tests.Detection;

/// <summary>
/// Positive and near-miss cases for the accuracy work on the secret and PII families (every changed pattern, validator
/// and context rule). Values are written for this project; none is copied from the shared corpus.
/// </summary>
public sealed class AccuracyRuleTests
{
    private static readonly ContentScanner s_scanner = ContentScanner.Create();

    private static IReadOnlyList<string> RulesIn(string text, ContentSource source = ContentSource.User)
        => [.. s_scanner.Scan(text, new ScanOptions { Source = source }).Findings.Select(f => f.RuleId)];

    // --- person name after a bare "name:" key ---------------------------------------------------------------------

    [TestCase("name: Johanna Okafor")]
    [TestCase("Name : Ronan McAllister")]
    [TestCase("my name is Ingrid")]
    public void Scan_PersonNameAfterKeyOrPhrase_ReportsName(string text)
        => Assert.That(RulesIn(text), Does.Contain("pii.person_name"));

    [TestCase("name: AegisGate sample host")]
    [TestCase("name: Orders")]
    [TestCase("display name: GitHub Actions")]
    public void Scan_ProductAfterNameKey_DoesNotReportName(string text)
        => Assert.That(RulesIn(text), Does.Not.Contain("pii.person_name"));

    [Test]
    public void ScanJson_SampleIndexName_IsClean()
    {
        var result = s_scanner.ScanJson("{\"name\":\"AegisGate sample host\",\"pillars\":[\"http\",\"mcp\",\"a2a\"]}"u8.ToArray(), new ScanOptions { Source = ContentSource.ModelResponse });
        Assert.That(result.Findings.Select(f => f.RuleId), Does.Not.Contain("pii.person_name"));
    }

    // --- dates ----------------------------------------------------------------------------------------------------

    [TestCase("The job ran at 2025-11-02T07:45:12.250+01:00 and stopped.")]
    [TestCase("created 2023-01-31T23:05Z")]
    [TestCase("logged 2019-07-04T08:00:00-05:00")]
    public void Scan_IsoDateTime_ReportsDate(string text)
        => Assert.That(RulesIn(text), Does.Contain("pii.date"));

    [TestCase("id 2025-13-02T07:45:12Z")]
    [TestCase("build 2025-11-02T27:45")]
    public void Scan_InvalidIsoDateTime_DoesNotReportDate(string text)
        => Assert.That(RulesIn(text), Does.Not.Contain("pii.date"));

    [TestCase("card expires 07/2027")]
    [TestCase("since 3/1998 at the firm")]
    public void Scan_MonthAndFourDigitYear_ReportsDate(string text)
        => Assert.That(RulesIn(text), Does.Contain("pii.date"));

    [TestCase("scored 13/2021 points")]
    [TestCase("page 7/2021/4")]
    public void Scan_NotAMonthYear_DoesNotReportDate(string text)
        => Assert.That(RulesIn(text), Does.Not.Contain("pii.date"));

    [TestCase("We met on Aug 9th, 2011 in Lyon.")]
    [TestCase("The party is on May 3rd.")]
    [TestCase("Deadline: 14-Feb")]
    [TestCase("Moved here in Sept 2004.")]
    [TestCase("on the 2nd of October 1990 we moved")]
    public void Scan_WrittenDate_ReportsDate(string text)
        => Assert.That(RulesIn(text), Does.Contain("pii.date_written"));

    [TestCase("you may 12 times")]
    [TestCase("They march 5 miles a day.")]
    [TestCase("the decimal 12 is fine")]
    public void Scan_MonthWordsInProse_DoNotReportDate(string text)
        => Assert.That(RulesIn(text), Does.Not.Contain("pii.date_written"));

    // --- network ----------------------------------------------------------------------------------------------------

    [TestCase("peer ::ffff:198.51.100.7 connected")]
    [TestCase("peer 0:0:0:0:0:ffff:203.0.113.9 connected")]
    [TestCase("peer 2001:db8:1:2:3:4:192.0.2.33 connected")]
    public void Scan_Ipv6WithEmbeddedIpv4_ReportsIpv6(string text)
        => Assert.That(RulesIn(text), Does.Contain("pii.ipv6_address"));

    [TestCase("clock 10:20:30:40:50:60.5 drift")]
    [TestCase("ratio 1:2:3:4:5:6.7")]
    public void Scan_ColonRunsThatAreNotAddresses_DoNotReportIpv6(string text)
        => Assert.That(RulesIn(text), Does.Not.Contain("pii.ipv6_address"));

    [TestCase("visit https://www.example.com/store/item?id=4&ref=x")]
    [TestCase("mirror at http://files.example.net:8080/files")]
    [TestCase("see www.example.co.uk for details")]
    public void Scan_Url_ReportsUrl(string text)
        => Assert.That(RulesIn(text), Does.Contain("pii.url"));

    [TestCase("the host http://intranet only")]
    [TestCase("type www.example and press enter")]
    [TestCase("the file index.html")]
    public void Scan_NotAUrl_DoesNotReportUrl(string text)
        => Assert.That(RulesIn(text), Does.Not.Contain("pii.url"));

    [Test]
    public void Scan_UrlFollowedByPunctuation_EndsBeforeIt()
    {
        const string text = "Read https://example.org/a/b.";
        var finding = s_scanner.Scan(text, ScanOptions.Default).Findings.Single(f => f.RuleId == "pii.url");

        Assert.That(text[finding.Start..finding.End], Is.EqualTo("https://example.org/a/b"));
    }

    [Test]
    public void Scan_PasswordInUrlUserInfo_IsNotAnEmailAddress()
        => Assert.That(RulesIn("DB=postgres://svc:h4rdPassw0rd@db.internal.example.com:5432/app"), Does.Not.Contain("pii.email_address"));

    [TestCase("mailto:ana.lopez@example.com")]
    [TestCase("contact: ana.lopez@example.com")]
    [TestCase("https://example.com/contact ana.lopez@example.com")]
    public void Scan_EmailAfterAColonOrUrl_IsStillAnEmailAddress(string text)
        => Assert.That(RulesIn(text), Does.Contain("pii.email_address"));

    // --- phone numbers ----------------------------------------------------------------------------------------------

    [TestCase("09179876543")]
    [TestCase("reach 05339876543 after six")]
    public void Scan_UndelimitedMobileWithTrunkPrefix_ReportsPhone(string text)
        => Assert.That(RulesIn(text), Does.Contain("pii.phone_number"));

    [TestCase("invoice 0123456789")]
    [TestCase("ref 00179876543")]
    [TestCase("order 9179876543")]
    public void Scan_UndelimitedNumbersThatAreNotMobiles_DoNotReportPhone(string text)
        => Assert.That(RulesIn(text), Does.Not.Contain("pii.phone_number"));

    // 1741476542 passes the NHS modulus 11 check, 4535599000 the Medicare check digit: as the value of a time, duration
    // or count label (model-API bodies are full of them) they are that quantity, not an identifier.
    [TestCase("\"created_at\":1741476542", "pii.uk_nhs_number")]
    [TestCase("created_at: 1741476542", "pii.uk_nhs_number")]
    [TestCase("{\"createdAt\": \"1741476542\"}", "pii.uk_nhs_number")]
    [TestCase("START_TIME=1741476542", "pii.uk_nhs_number")]
    [TestCase("\"eval_duration\":4535599000", "pii.au_medicare")]
    [TestCase("prompt_eval_count: 4535599000", "pii.au_medicare")]
    public void Scan_CheckDigitNumberAsTheValueOfAQuantityLabel_IsNotAnIdentifier(string text, string rule)
        => Assert.That(RulesIn(text), Does.Not.Contain(rule));

    [TestCase("1741476542", "pii.uk_nhs_number")]
    [TestCase("patient: 1741476542", "pii.uk_nhs_number")]
    [TestCase("NHS number created: 1741476542", "pii.uk_nhs_number")]
    [TestCase("4535599000", "pii.au_medicare")]
    public void Scan_SameNumbersBareOrUnderAnotherLabelOrWithContext_StillReported(string text, string rule)
        => Assert.That(RulesIn(text), Does.Contain(rule));

    [TestCase("conversation: c-20261126-0042")]
    [TestCase("build v2-555-867-5309 passed")]
    [TestCase("key order_212-555-0123")]
    public void Scan_DigitsJoinedToAWordWithoutPhoneContext_AreAnIdentifierNotAPhone(string text)
        => Assert.That(RulesIn(text), Does.Not.Contain("pii.phone_number"));

    [TestCase("call me on 212-555-0123")]
    [TestCase("tel-212-555-0123")]
    [TestCase("ticket c-+44 20 7946 0958")]
    public void Scan_JoinedDigitsWithContextOrInternational_StillReportPhone(string text)
        => Assert.That(RulesIn(text), Does.Contain("pii.phone_number"));

    [Test]
    public void Scan_DottedNumberWithOctetAbove255_IsNotTakenForAnIpAddress()
        => Assert.That(RulesIn("533.987.65.43"), Does.Contain("pii.phone_number"));

    [Test]
    public void Scan_DottedQuadOfOctets_IsNotAPhoneNumber()
        => Assert.That(RulesIn("203.98.76.54"), Does.Not.Contain("pii.phone_number"));

    // --- names ----------------------------------------------------------------------------------------------------

    [TestCase("Ask Kevin Albright.", "Kevin Albright")]
    [TestCase("Signed, Maria T. Gonzalez", "Maria T. Gonzalez")]
    [TestCase("Charles Robert Darwin wrote it", "Charles Robert Darwin")]
    [TestCase("It was Sean O'Malley-Burke again", "Sean O'Malley-Burke")]
    [TestCase("Ask Peter May about it", "Peter May")]
    public void Scan_GivenNameAndSurname_ReportsFullName(string text, string name)
    {
        var finding = s_scanner.Scan(text, ScanOptions.Default).Findings.Single(f => f.RuleId == "pii.person_full_name");

        Assert.That(text[finding.Start..finding.End], Is.EqualTo(name));
    }

    [TestCase("We walked to Victoria Station.")]
    [TestCase("Will Power is a film")]
    [TestCase("the JOHN SMITH account")]
    [TestCase("mail kevin.albright@example.com")]
    [TestCase("Kevin\nAlbright")]
    [TestCase("Daniel Street is closed")]
    [TestCase("Dear Kevin, May 5 works")]
    [TestCase("call Ivan May 12")]
    public void Scan_CapitalisedWordsThatAreNotNames_DoNotReportFullName(string text)
        => Assert.That(RulesIn(text), Does.Not.Contain("pii.person_full_name"));

    // --- context words ----------------------------------------------------------------------------------------------

    [Test]
    public void Scan_ContextWordAfterTheNumber_Counts()
        => Assert.That(RulesIn("XK4829173 is the number printed in my passport"), Does.Contain("pii.uk_passport"));

    [Test]
    public void Scan_NoContextWordAroundTheNumber_IsNotAPassport()
        => Assert.That(RulesIn("XK4829173 is the number printed on my invoice"), Does.Not.Contain("pii.uk_passport"));

    [Test]
    public void Scan_HangulContextWordWithParticle_Counts()
        => Assert.That(RulesIn("제 여권번호는 S987B6543입니다"), Does.Contain("pii.kr_passport"));

    [Test]
    public void Scan_HangulWithoutContextWord_IsNotAPassport()
        => Assert.That(RulesIn("주문번호는 S987B6543입니다"), Does.Not.Contain("pii.kr_passport"));

    [Test]
    public void Scan_GermanIdCardNumberWithContext_ReportsWithoutCheckDigit()
        => Assert.That(RulesIn("Personalausweis: L7X4K2M95 ausgestellt 2021"), Does.Contain("pii.de_id_card"));

    [Test]
    public void Scan_GermanIdCardShapeWithoutContextOrCheckDigit_IsNotReported()
        => Assert.That(RulesIn("Artikel L7X4K2M95 ausverkauft"), Does.Not.Contain("pii.de_id_card"));

    // --- checksums ----------------------------------------------------------------------------------------------------

    [TestCase("123456782", true)]
    [TestCase("123456782000", true)]
    [TestCase("123456789", false)]
    [TestCase("600000000", false)]
    [TestCase("111111111", false)]
    public void PhTin_WeightedModulus11_Validates(string digits, bool valid)
        => Assert.That(IdValidators.PhTin(IdValidators.DigitsOf(digits)), Is.EqualTo(valid));

    [Test]
    public void Scan_PhTinGroupedWithBranchCode_ReportsWithoutContext()
        => Assert.That(RulesIn("Use 123-456-782-000 for the filing"), Does.Contain("pii.ph_tin"));

    [Test]
    public void Scan_PhTinNineDigitsWithoutContext_IsNotReported()
        => Assert.That(RulesIn("Use 123-456-782 for the filing"), Does.Not.Contain("pii.ph_tin"));

    [TestCase("12345678M", 'A')]
    [TestCase("201912345R", 'B')]
    [TestCase("12345678X", '\0')]
    [TestCase("201912345K", '\0')]
    [TestCase("180012345Z", '\0')]
    public void SgUen_CheckLetter_Validates(string uen, char format)
        => Assert.That(IdValidators.SgUenFormat(uen), Is.EqualTo(format));

    [Test]
    public void SgUen_OtherEntityFormat_NeedsAKnownEntityType()
    {
        var valid = OtherEntityUen("T09", "LL", "0001");
        var wrongType = "T09ZZ0001" + valid[^1];

        using (Assert.EnterMultipleScope())
        {
            Assert.That(IdValidators.SgUenFormat(valid), Is.EqualTo('C'));
            Assert.That(IdValidators.SgUenFormat(wrongType), Is.EqualTo('\0'));
            Assert.That(RulesIn($"registered as {valid}"), Does.Contain("pii.sg_uen"));
        }
    }

    // --- secrets ----------------------------------------------------------------------------------------------------

    [Test]
    public void Scan_CurlUserQuotedPartsWithBracedLiterals_ReportsCredentials()
        => Assert.That(RulesIn("curl -X POST --user \"{9f8e7d6c-5b4a-4321-9abc-def012345678}\":\"{Xk3pL9qT2vB8}\" https://api.example.com/v1"), Does.Contain("secret.curl_user_credentials"));

    [TestCase("curl --user \"{username}\":\"{password}\" https://api.example.com")]
    [TestCase("curl --user \"${USER}\":\"${PASS}\" https://api.example.com")]
    [TestCase("curl --user '{api_key}':'{api_secret}' https://api.example.com")]
    public void Scan_CurlUserQuotedTemplates_AreNotCredentials(string text)
        => Assert.That(RulesIn(text), Does.Not.Contain("secret.curl_user_credentials"));

    [Test]
    public void Scan_ServiceAccountTypeAtTheEndOfTheText_IsReported()
        => Assert.That(RulesIn("\"type\": \"service_account\""), Does.Contain("secret.gcp_service_account"));

    [Test]
    public void Scan_ServiceAccountTemplate_IsNotReported()
        => Assert.That(RulesIn("{\"type\": \"service_account\", \"project_id\": \"your-project-id\"}"), Does.Not.Contain("secret.gcp_service_account"));

    private static string OtherEntityUen(string prefixAndYear, string entity, string digits)
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWX0123456789";
        var body = prefixAndYear + entity + digits;
        int[] w = [4, 3, 5, 3, 10, 2, 2, 5, 7];
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += alphabet.IndexOf(body[i], StringComparison.Ordinal) * w[i];
        }

        return body + alphabet[(((sum - 5) % 11) + 11) % 11];
    }
}
