using AegisGate.Detection;

namespace AegisGate.Core.Tests.Detection;

/// <summary>
/// The national-identifier rules of PiiRules.International.cs: valid and broken check digits, printed and bare forms, with
/// and without a context word, and the numbers they must leave alone (order and invoice numbers, phone numbers,
/// timestamps). Values computed for this project from the published algorithms.
/// </summary>
public sealed class PiiInternationalTests
{
    private static readonly ContentScanner s_scanner = ContentScanner.Create();

    private static readonly string[] s_ruleIds =
    [
        "pii.br_cpf", "pii.br_cnpj", "pii.mx_curp", "pii.mx_rfc", "pii.nl_bsn", "pii.fr_nir", "pii.be_national_number", "pii.dk_cpr",
        "pii.no_fodselsnummer", "pii.is_kennitala", "pii.ch_ahv_number", "pii.ie_ppsn", "pii.pt_nif", "pii.ro_cnp", "pii.cn_resident_id",
        "pii.jp_my_number", "pii.il_teudat_zehut", "pii.us_ein",
    ];

    private static IReadOnlyList<DetectionFinding> Scan(string text)
        => [.. s_scanner.Scan(text, ScanOptions.Default).Findings.Where(f => f.Category == DetectionCategory.Pii)];

    private static IReadOnlyList<string> RulesIn(string text) => [.. Scan(text).Select(f => f.RuleId)];

    [TestCase("pii.br_cpf", "Meu CPF é 529.982.247-25.", "529.982.247-25")]
    [TestCase("pii.br_cpf", "cpf 390.533.447-05", "390.533.447-05")]
    [TestCase("pii.br_cpf", "CPF: 52998224725", "52998224725")]
    [TestCase("pii.br_cpf", "CPF 111444777-35", "111444777-35")]
    [TestCase("pii.br_cnpj", "fornecedor 11.222.333/0001-81 ltda", "11.222.333/0001-81")]
    [TestCase("pii.br_cnpj", "CNPJ 11444777000161", "11444777000161")]
    [TestCase("pii.mx_curp", "mi CURP es HEGG560427MVZRRL04", "HEGG560427MVZRRL04")]
    [TestCase("pii.mx_curp", "BOXW310820HNERXN09", "BOXW310820HNERXN09")]
    [TestCase("pii.mx_rfc", "facturar a GODE561231GR8", "GODE561231GR8")]
    [TestCase("pii.mx_rfc", "RFC de la empresa: MAB9307148T4", "MAB9307148T4")]
    [TestCase("pii.mx_rfc", "RFC: GODE561231GR9", "GODE561231GR9")]
    [TestCase("pii.nl_bsn", "Mijn BSN is 111222333.", "111222333")]
    [TestCase("pii.nl_bsn", "burgerservicenummer: 1234.56.782", "1234.56.782")]
    [TestCase("pii.fr_nir", "1 84 12 76 451 089 46", "1 84 12 76 451 089 46")]
    [TestCase("pii.fr_nir", "numéro de sécurité sociale 184127645108946", "184127645108946")]
    [TestCase("pii.fr_nir", "né en Corse : 1 84 12 2A 451 089 33", "1 84 12 2A 451 089 33")]
    [TestCase("pii.be_national_number", "85.07.30-033.28", "85.07.30-033.28")]
    [TestCase("pii.be_national_number", "geboren na 2000: 17.07.30-033.84", "17.07.30-033.84")]
    [TestCase("pii.be_national_number", "rijksregisternummer 85073003328", "85073003328")]
    [TestCase("pii.dk_cpr", "mit CPR-nummer er 211062-5629", "211062-5629")]
    [TestCase("pii.dk_cpr", "CPR 2110625629", "2110625629")]
    [TestCase("pii.no_fodselsnummer", "fødselsnummer 15108695088", "15108695088")]
    [TestCase("pii.no_fodselsnummer", "151086 95088", "151086 95088")]
    [TestCase("pii.is_kennitala", "120174-3399", "120174-3399")]
    [TestCase("pii.is_kennitala", "kennitala 1201743399", "1201743399")]
    [TestCase("pii.ch_ahv_number", "AHV-Nummer 756.9217.0769.85", "756.9217.0769.85")]
    [TestCase("pii.ch_ahv_number", "7561234567897", "7561234567897")]
    [TestCase("pii.ie_ppsn", "my PPS number is 1234567TW", "1234567TW")]
    [TestCase("pii.ie_ppsn", "PPSN: 1234567FA", "1234567FA")]
    [TestCase("pii.pt_nif", "número de contribuinte 501964843", "501964843")]
    [TestCase("pii.pt_nif", "NIF: 123 456 789", "123 456 789")]
    [TestCase("pii.ro_cnp", "1800101221144", "1800101221144")]
    [TestCase("pii.ro_cnp", "CNP 1630615123457", "1630615123457")]
    [TestCase("pii.cn_resident_id", "11010519491231002X", "11010519491231002X")]
    [TestCase("pii.cn_resident_id", "身份证号码：11010519491231002x", "11010519491231002x")]
    [TestCase("pii.jp_my_number", "個人番号 123456789018", "123456789018")]
    [TestCase("pii.jp_my_number", "My Number: 1234-5678-9018", "1234-5678-9018")]
    [TestCase("pii.il_teudat_zehut", "teudat zehut 039337423", "039337423")]
    [TestCase("pii.il_teudat_zehut", "מספר תעודת זהות 123456782", "123456782")]
    [TestCase("pii.us_ein", "EIN: 12-3456789", "12-3456789")]
    [TestCase("pii.us_ein", "our Employer Identification Number is 123456789", "123456789")]
    public void Scan_ValidIdentifier_IsReported(string ruleId, string text, string value)
    {
        var finding = Scan(text).FirstOrDefault(f => f.RuleId == ruleId);

        Assert.That(finding, Is.Not.Null, $"found: {string.Join(", ", RulesIn(text))}");
        Assert.That(text[finding!.Start..finding.End], Is.EqualTo(value));
    }

    // Broken check digits, dates or structure, even next to a context word.
    [TestCase("pii.br_cpf", "CPF 529.982.247-52")]
    [TestCase("pii.br_cpf", "CPF 111.111.111-11")]
    [TestCase("pii.br_cnpj", "CNPJ 11.222.333/0001-18")]
    [TestCase("pii.br_cnpj", "CNPJ 00.000.000/0000-00")]
    [TestCase("pii.mx_curp", "CURP HEGG561327MVZRRL04")]
    [TestCase("pii.mx_curp", "CURP HEGG560427MXXRRL04")]
    [TestCase("pii.mx_rfc", "RFC GODE561231GR")]
    [TestCase("pii.nl_bsn", "BSN 123456789")]
    [TestCase("pii.nl_bsn", "BSN 000000000")]
    [TestCase("pii.fr_nir", "numéro de sécurité sociale 1 84 12 76 451 089 64")]
    [TestCase("pii.fr_nir", "numéro de sécurité sociale 1 84 15 76 451 089 46")]
    [TestCase("pii.fr_nir", "sécu 5 84 12 76 451 089 46")]
    [TestCase("pii.be_national_number", "rijksregisternummer 85.07.30-033.82")]
    [TestCase("pii.be_national_number", "rijksregisternummer 85.13.30-033.28")]
    [TestCase("pii.dk_cpr", "CPR 300262-5629")]
    [TestCase("pii.no_fodselsnummer", "fødselsnummer 15108695098")]
    [TestCase("pii.no_fodselsnummer", "fødselsnummer 32108695088")]
    [TestCase("pii.is_kennitala", "kennitala 120174-3391")]
    [TestCase("pii.ch_ahv_number", "AHV 756.9217.0769.84")]
    [TestCase("pii.ch_ahv_number", "AHV 757.9217.0769.85")]
    [TestCase("pii.ie_ppsn", "PPS number 8765432A")]
    [TestCase("pii.pt_nif", "NIF 123456780")]
    [TestCase("pii.ro_cnp", "CNP 1800101221145")]
    [TestCase("pii.ro_cnp", "CNP 1801301221144")]
    [TestCase("pii.cn_resident_id", "身份证 110105194912310021")]
    [TestCase("pii.cn_resident_id", "身份证 11010518491231002X")]
    [TestCase("pii.jp_my_number", "マイナンバー 123456789017")]
    [TestCase("pii.il_teudat_zehut", "teudat zehut 039337424")]
    [TestCase("pii.us_ein", "EIN 07-3456789")]
    [TestCase("pii.us_ein", "EIN 00-0000000")]
    public void Scan_BrokenCheck_IsNotReported(string ruleId, string text)
        => Assert.That(RulesIn(text), Does.Not.Contain(ruleId));

    // Valid check digits, but a bare digit run (or a form shared with other numbers) without a context word.
    [TestCase("pii.br_cpf", "Order 52998224725 shipped")]
    [TestCase("pii.br_cpf", "ticket 529982247-25")]
    [TestCase("pii.br_cnpj", "invoice 11222333000181")]
    [TestCase("pii.nl_bsn", "order 111222333 confirmed")]
    [TestCase("pii.nl_bsn", "BSNR 111222333")]
    [TestCase("pii.fr_nir", "reference 184127645108946")]
    [TestCase("pii.be_national_number", "ref 85073003328")]
    [TestCase("pii.dk_cpr", "case 211062-5629")]
    [TestCase("pii.no_fodselsnummer", "order 15108695088")]
    [TestCase("pii.is_kennitala", "item 1201743399")]
    [TestCase("pii.ie_ppsn", "part 1234567T")]
    [TestCase("pii.pt_nif", "order 501964843")]
    [TestCase("pii.jp_my_number", "tracking 123456789018")]
    [TestCase("pii.il_teudat_zehut", "order 039337423")]
    [TestCase("pii.us_ein", "call 12-3456789")]
    [TestCase("pii.us_ein", "protein 12-3456789")]
    [TestCase("pii.mx_rfc", "SKU GODE561231GR9")]
    public void Scan_WithoutContext_IsNotReported(string ruleId, string text)
        => Assert.That(RulesIn(text), Does.Not.Contain(ruleId));

    // Everyday numbers: none of the rules of this file may report them.
    [TestCase("Order #20240315123 shipped on 2024-03-15T10:22:31Z")]
    [TestCase("created_at: 1710051234567, updated_at: 1710051299999")]
    [TestCase("timestamp 20240310123045 and epoch 1700000000")]
    [TestCase("Invoice INV-2024-000123 total 1,234.56 EUR")]
    [TestCase("invoice 20240315-0042 due 2024-04-14")]
    [TestCase("Ligue para +55 11 98765-4321 ou (11) 3456-7890")]
    [TestCase("Bel me op 06-12345678 of +31 20 123 4567")]
    [TestCase("Ring +47 412 34 567 eller +45 32 12 34 56")]
    [TestCase("Appelez le 01 23 45 67 89 ou +33 6 12 34 56 78")]
    [TestCase("tracking 1Z999AA10123456784 and order 112-3456789-0123456")]
    [TestCase("The build 4.12.2024.18 ran 1234567 tests in 98765 ms")]
    [TestCase("{\"id\": 123456789012345678, \"amount\": 1999, \"ts\": 1710051234}")]
    public void Scan_EverydayNumbers_AreNoNationalId(string text)
        => Assert.That(RulesIn(text), Has.None.Matches<string>(id => s_ruleIds.Contains(id)), string.Join(", ", RulesIn(text)));

    [Test]
    public void Scan_InJson_ReportsTheIdentifier()
    {
        var result = s_scanner.ScanJson(System.Text.Encoding.UTF8.GetBytes("""{"messages":[{"role":"user","content":"Mein AHV 756.9217.0769.85 und CPF 529.982.247-25"}]}"""), ScanOptions.Default);

        Assert.That(result.Findings.Select(f => f.RuleId), Does.Contain("pii.ch_ahv_number").And.Contain("pii.br_cpf"));
    }
}
