namespace AegisGate.Core.Tests.Detection;

/// <summary>
/// Cases for the national-identifier rules of PiiRules.International.cs: a positive and a near miss (a wrong check digit or
/// date, or a missing context word) per rule. Values computed for this project from the published check-digit algorithms.
/// </summary>
internal static class RuleCasesInternational
{
    public static IEnumerable<RuleCase> All()
    {
        yield return new("pii.br_cpf", "CPF: 529.982.247-25", "CPF: 529.982.247-26");
        yield return new("pii.br_cnpj", "CNPJ 11.222.333/0001-81", "CNPJ 11.222.333/0001-82");
        yield return new("pii.mx_curp", "CURP: HEGG560427MVZRRL04", "CURP: HEGG560427MVZRRL05");
        yield return new("pii.mx_rfc", "RFC GODE561231GR8", "RFC GODE561331GR8");
        yield return new("pii.nl_bsn", "BSN 111222333", "BSN 111222334");
        yield return new("pii.fr_nir", "n° sécu 1 84 12 76 451 089 46", "n° sécu 1 84 12 76 451 089 47");
        yield return new("pii.be_national_number", "rijksregisternummer 85.07.30-033.28", "rijksregisternummer 85.07.30-033.29");
        yield return new("pii.dk_cpr", "CPR-nummer 211062-5629", "CPR-nummer 311162-5629");
        yield return new("pii.no_fodselsnummer", "fødselsnummer 151086 95088", "fødselsnummer 151086 95089");
        yield return new("pii.is_kennitala", "kennitala 120174-3399", "kennitala 120174-3389");
        yield return new("pii.ch_ahv_number", "AHV-Nr. 756.9217.0769.85", "AHV-Nr. 756.9217.0769.86");
        yield return new("pii.ie_ppsn", "PPSN 1234567T", "PPSN 1234567A");
        yield return new("pii.pt_nif", "NIF 501964843", "NIF 501964844");
        yield return new("pii.ro_cnp", "CNP 1800101221144", "CNP 1800101221145");
        yield return new("pii.cn_resident_id", "身份证号 11010519491231002X", "身份证号 110105194912310021");
        yield return new("pii.jp_my_number", "マイナンバー 1234 5678 9018", "マイナンバー 1234 5678 9017");
        yield return new("pii.il_teudat_zehut", "Teudat Zehut 039337423", "Teudat Zehut 039337424");
        yield return new("pii.us_ein", "EIN 12-3456789", "EIN 07-3456789");
    }
}
