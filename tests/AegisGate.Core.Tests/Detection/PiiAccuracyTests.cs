using AegisGate.Detection;
using AegisGate.Detection.Validation;

namespace AegisGate.Core.Tests.Detection;

/// <summary>
/// Positive and near-miss cases for the PII recall work (check digits that let a bare number stand alone, separators and
/// prefixes the tokeniser does not keep, context words). Every value is computed for this project with the format's own
/// check-digit algorithm; none is copied from the shared corpus.
/// </summary>
public sealed class PiiAccuracyTests
{
    private static readonly ContentScanner s_scanner = ContentScanner.Create();

    private static IReadOnlyList<string> RulesIn(string text)
        => [.. s_scanner.Scan(text, ScanOptions.Default).Findings.Select(f => f.RuleId)];

    // --- Korean foreigner registration number: (13 − s mod 11) mod 10 -----------------------------------------------

    [Test]
    public void Scan_BareForeignerNumberWithForeignerCheckDigit_ReportsFrn()
        => Assert.That(RulesIn("8504125310827"), Does.Contain("pii.kr_frn"));

    [Test]
    public void Scan_BareForeignerNumberWithWrongCheckDigit_IsNotReported()
        => Assert.That(RulesIn("8504125310828"), Does.Not.Contain("pii.kr_frn"));

    // --- Italian partita IVA: provincial office code + Luhn ---------------------------------------------------------

    [Test]
    public void Scan_BarePartitaIvaWithOfficeCode_ReportsVat()
        => Assert.That(RulesIn("fattura 04829170580"), Does.Contain("pii.it_vat_number"));

    [Test]
    public void Scan_LuhnValidElevenDigitsWithoutOfficeCode_IsNotVat()
        => Assert.That(RulesIn("fattura 04829174509"), Does.Not.Contain("pii.it_vat_number"));

    [Test]
    public void ItVat_OfficeCodes_AreChecked()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(IdValidators.ItVat(IdValidators.DigitsOf("04829170580")), Is.True);
            Assert.That(IdValidators.ItVat(IdValidators.DigitsOf("04829174509")), Is.False);
        }
    }

    // --- Australian Medicare: the 10-digit card number stands alone, the 11-digit form with the IRN needs context ----

    [Test]
    public void Scan_BareTenDigitMedicareNumber_ReportsMedicare()
        => Assert.That(RulesIn("4173826181"), Does.Contain("pii.au_medicare"));

    [Test]
    public void Scan_BareElevenDigitMedicareNumber_IsNotReportedWithoutContext()
        => Assert.That(RulesIn("41738261813"), Does.Not.Contain("pii.au_medicare"));

    [Test]
    public void Scan_ElevenDigitMedicareNumberWithContext_ReportsMedicare()
        => Assert.That(RulesIn("Medicare 41738261813"), Does.Contain("pii.au_medicare"));

    [Test]
    public void Scan_TenDigitMedicareShapeWithWrongCheckDigit_IsNotMedicare()
        => Assert.That(RulesIn("4173826191"), Does.Not.Contain("pii.au_medicare"));

    // --- Aadhaar grouped with colons ---------------------------------------------------------------------------------

    [Test]
    public void Scan_AadhaarGroupedWithColons_ReportsAadhaar()
        => Assert.That(RulesIn("UID 5391:7428:6037"), Does.Contain("pii.in_aadhaar"));

    [Test]
    public void Scan_AadhaarDigitsInsideAColonList_AreNotAadhaar()
        => Assert.That(RulesIn("addr fe80:5391:7428:6037:1"), Does.Not.Contain("pii.in_aadhaar"));

    [Test]
    public void Scan_AadhaarWithMixedSeparators_IsNotAadhaar()
        => Assert.That(RulesIn("UID 5391:7428-6037"), Does.Not.Contain("pii.in_aadhaar"));

    // --- UK plates: a valid current-format plate stands alone ----------------------------------------------------------

    [Test]
    public void Scan_CurrentFormatPlateWithoutSpace_ReportsPlate()
        => Assert.That(RulesIn("LV19XKE"), Does.Contain("pii.uk_vehicle_registration"));

    [Test]
    public void Scan_CurrentFormatPlateWithInvalidAgeIdentifier_IsNotAPlate()
        => Assert.That(RulesIn("LV49XKE"), Does.Not.Contain("pii.uk_vehicle_registration"));

    // --- German VAT id: the DE prefix in any case, joined with a dot or space ------------------------------------------

    [TestCase("USt-IdNr.: de 318 527 464")]
    [TestCase("USt-IdNr.: DE.318.527.464")]
    [TestCase("USt-IdNr.: DE318527464")]
    [TestCase("vat de-318527464")]
    public void Scan_GermanVatIdWithPrefixVariants_ReportsVatId(string text)
        => Assert.That(RulesIn(text), Does.Contain("pii.de_vat_id"));

    [TestCase("USt-IdNr.: de 318 527 465")]
    [TestCase("code 318 527 464")]
    [TestCase("CODE318527464")]
    [TestCase("DE 318 527 464 11")]
    public void Scan_GermanVatIdNearMisses_AreNotReported(string text)
        => Assert.That(RulesIn(text), Does.Not.Contain("pii.de_vat_id"));

    // --- Bare domain names (monitored) ---------------------------------------------------------------------------------

    [TestCase("our shop moved to example-shop.com last week")]
    [TestCase("mirror at files.example.co.uk")]
    [TestCase("Amazon.com sells books")]
    public void Scan_BareDomainName_ReportsDomain(string text)
        => Assert.That(RulesIn(text), Does.Contain("pii.domain_name"));

    [TestCase("built on ASP.NET Core")]
    [TestCase("see README.md and main.rs")]
    [TestCase("logger.info(message)")]
    [TestCase("new java.net.URL(spec)")]
    [TestCase("mail jane@example.com")]
    [TestCase("it was great.it is done")]
    public void Scan_DottedNamesThatAreNotBareDomains_AreNotDomains(string text)
        => Assert.That(RulesIn(text), Does.Not.Contain("pii.domain_name"));

    [Test]
    public void Scan_DomainInsideUrl_IsReportedOnceAsUrl()
    {
        var findings = s_scanner.Scan("open https://www.example.org/a", ScanOptions.Default).Findings;
        Assert.That(findings.Select(f => f.RuleId), Does.Contain("pii.url").And.Not.Contain("pii.domain_name"));
    }

    // --- Korean passports: both formats need a passport context word (multilingual list) -----------------------------

    [TestCase("여권번호 M48231076")]
    [TestCase("passeport M482K3107")]
    public void Scan_KoreanPassportNumberWithContext_ReportsPassport(string text)
        => Assert.That(RulesIn(text), Does.Contain("pii.kr_passport"));

    [TestCase("M482K3107")]
    [TestCase("passeport A482K3107")]
    public void Scan_KoreanPassportNearMisses_AreNotReported(string text)
        => Assert.That(RulesIn(text), Does.Not.Contain("pii.kr_passport"));

    // --- Passport context words in more languages; Italian passports --------------------------------------------------

    [TestCase("numéro de passeport 925076473")]
    [TestCase("Reisepass: 925076473")]
    [TestCase("passport no. 925076473")]
    public void Scan_PassportNumberWithMultilingualContext_ReportsPassport(string text)
        => Assert.That(RulesIn(text).Any(r => r.EndsWith("passport", StringComparison.Ordinal)), Is.True);

    [Test]
    public void Scan_NineDigitsWithoutPassportContext_AreNotAPassport()
        => Assert.That(RulesIn("numéro de commande 925076473").Any(r => r.EndsWith("passport", StringComparison.Ordinal)), Is.False);

    [Test]
    public void Scan_ItalianPassportWithContext_ReportsPassport()
        => Assert.That(RulesIn("numero di passaporto YA4821936"), Does.Contain("pii.it_passport"));

    [Test]
    public void Scan_ItalianPassportShapeWithoutContext_IsNotReported()
        => Assert.That(RulesIn("codice articolo YA4821937"), Does.Not.Contain("pii.it_passport"));

    // --- German Steuer-ID: check digit with context when only the repetition rule fails -------------------------------

    [Test]
    public void Scan_SteuerIdFailingOnlyTheRepetitionRuleWithContext_ReportsTaxId()
        => Assert.That(RulesIn("Steuer-ID: 24680135792"), Does.Contain("pii.de_tax_id"));

    [Test]
    public void Scan_SteuerIdFailingTheRepetitionRuleWithoutContext_IsNotReported()
        => Assert.That(RulesIn("24680135792"), Does.Not.Contain("pii.de_tax_id"));

    [Test]
    public void Scan_SteuerIdWithWrongCheckDigitAndContext_IsNotReported()
        => Assert.That(RulesIn("Steuer-ID: 24680135793"), Does.Not.Contain("pii.de_tax_id"));

    // --- NPI: runs of one digit are test values -------------------------------------------------------------------------

    [TestCase("1111111112")]
    [TestCase("2222222228")]
    public void UsNpi_LuhnValidRunOfOneDigit_IsRejected(string value)
        => Assert.That(IdValidators.UsNpi(IdValidators.DigitsOf(value)), Is.False);

    [Test]
    public void Scan_NpiRunOfOneDigitWithContext_IsNotReported()
        => Assert.That(RulesIn("NPI 1111111112"), Does.Not.Contain("pii.us_npi"));

    // --- German commercial register in any case ------------------------------------------------------------------------

    [TestCase("Amtsgericht Köln, hrb 48213")]
    [TestCase("HRA 7731 eingetragen")]
    [TestCase("HRB.48213")]
    public void Scan_CommercialRegisterNumber_ReportsRegister(string text)
        => Assert.That(RulesIn(text), Does.Contain("pii.de_commercial_register"));

    [TestCase("hrb 4821399")]
    [TestCase("HRC 48213")]
    [TestCase("shrb 48213")]
    public void Scan_CommercialRegisterNearMisses_AreNotReported(string text)
        => Assert.That(RulesIn(text), Does.Not.Contain("pii.de_commercial_register"));
    // --- More context words (whole words, before or after) -------------------------------------------------------------

    [TestCase("numéro d'assurance sociale 190549865", "pii.ca_sin")]
    [TestCase("SSNs on file: 494259155", "pii.us_ssn")]
    [TestCase("a/c 004512978812 at the branch", "pii.us_bank_account")]
    [TestCase("lic# D1234567", "pii.us_driver_license")]
    [TestCase("Australian company number 152464081", "pii.au_acn")]
    public void Scan_NumberWithAddedContextWord_IsReported(string text, string rule)
        => Assert.That(RulesIn(text), Does.Contain(rule));

    [TestCase("public D1234567 record", "pii.us_driver_license")]
    [TestCase("ordre 190549865", "pii.ca_sin")]
    [TestCase("orders on file: 494259155", "pii.us_ssn")]
    [TestCase("order 152464081", "pii.au_acn")]
    [TestCase("bank holiday 004512978812", "pii.us_bank_account")]
    public void Scan_NumberWithoutTheContextWord_IsNotReported(string text, string rule)
        => Assert.That(RulesIn(text), Does.Not.Contain(rule));
}
