using System.Text.RegularExpressions;
using AegisGate.Detection.Validation;
using V = AegisGate.Detection.Validation.InternationalIdValidators;

namespace AegisGate.Detection.Rules;

/// <summary>
/// National identifiers of Brazil, the Netherlands, France, Belgium, the Nordics, Switzerland, Mexico, China, Japan, Ireland,
/// Portugal, Romania, Israel and the US EIN, written from the published formats and check-digit algorithms. A bare digit run
/// whose check passes by chance too often (9–15 digits) needs a whole-word context word; the printed form (dots, slashes,
/// the usual grouping) stands alone where it is distinctive.
/// </summary>
internal static partial class PiiRules
{
    private static IEnumerable<DetectionRule> International()
    {
        // --- Latin America ------------------------------------------------------------------------------------------
        var cpf = Ctx(ContextMode.Boost, "cpf", "cpf/mf", "cadastro de pessoas físicas", "cadastro de pessoa física", "cadastro de pessoas fisicas");
        yield return C("br_cpf", "Brazilian CPF", "BR_CPF", 0.85, "11 digits with the two mod-11 check digits (one repeated digit rejected); the dotted form 123.456.789-09 alone, other forms with a CPF context word.", new(11, 11, 0, 0), BrCpf(), DigitsPrinted(V.BrCpf, ".", cpf), Mappings.NationalId, 77, cpf);
        var cnpj = Ctx(ContextMode.Boost, "cnpj", "cnpj/mf", "cadastro nacional da pessoa jurídica", "cadastro nacional da pessoa juridica");
        yield return C("br_cnpj", "Brazilian CNPJ (company register number)", "BR_CNPJ", 0.8, "14 digits with the two mod-11 check digits; the printed form 12.345.678/0001-95 alone, bare digits with a CNPJ context word.", new(14, 14, 0, 0), BrCnpj(), DigitsPrinted(V.BrCnpj, "/", cnpj), Mappings.Pii, 77, cnpj, DetectionSeverity.Medium);
        yield return C("mx_curp", "Mexican CURP", "MX_CURP", 0.9, "18 characters: name letters, valid birth date, sex, state code, consonants, century character and the check digit.", new(7, 8, 10, 11), MxCurp(), TextValidator(V.MxCurp), Mappings.NationalId, 80);
        yield return C("mx_rfc", "Mexican RFC (tax id)", "MX_RFC", 0.6, "3 (company) or 4 (person) letters, a valid YYMMDD and the homoclave with its mod-11 check character; without the check only with an RFC context word.", new(6, 9, 3, 7), MxRfc(), MxRfcValidator, Mappings.NationalId, 55, Ctx(ContextMode.Boost, "rfc", "registro federal de contribuyentes"));

        // --- Europe -------------------------------------------------------------------------------------------------
        yield return C("nl_bsn", "Dutch citizen service number (BSN)", "NL_BSN", 0.7, "9 digits passing the 11-proof with a BSN context word.", new(9, 9, 0, 0), NlBsn(), Digits(V.NlBsn), Mappings.NationalId, 60, Ctx(ContextMode.Required, "bsn", "bsn-nummer", "burgerservicenummer", "sofinummer", "sofi-nummer", "sofi nummer"));
        var nir = Ctx(ContextMode.Boost, "nir", "insee", "sécurité sociale", "securite sociale", "sécu", "secu", "numéro de sécurité sociale", "carte vitale", "vitale", "social security");
        yield return C("fr_nir", "French social security number (NIR)", "FR_NIR", 0.85, "15 characters: sex, year, month, département (2A/2B for Corsica), commune, serial and the key 97 − (number mod 97); spaced as printed (1 84 12 76 451 089 46) alone, bare with a context word.", new(13, 15, 0, 1), FrNir(), FrNirValidator(nir), Mappings.NationalId, 78, nir);
        var be = Ctx(ContextMode.Boost, "rijksregisternummer", "rijksregister", "registre national", "numéro national", "numéro de registre national", "national register", "national register number", "national number", "insz", "niss", "identificatienummer");
        yield return C("be_national_number", "Belgian national register number", "BE_NATIONAL_NUMBER", 0.8, "YY.MM.DD-XXX.CC: birth date (month + 20/40 for bis numbers), serial and the mod-97 key (with a 2 in front from 2000); grouped alone, bare with a context word.", new(11, 11, 0, 0), BeNationalNumber(), DigitsPrinted(V.BeNationalNumber, ".- ", be), Mappings.NationalId, 74, be);
        yield return C("dk_cpr", "Danish CPR number", "DK_CPR", 0.75, "DDMMYY-SSSS with a date that exists in the century the serial gives, with a CPR context word (no check digit since 2007).", new(10, 10, 0, 0), DkCpr(), Digits(V.DkCpr), Mappings.NationalId, 62, Ctx(ContextMode.Required, "cpr", "cpr-nummer", "cpr-nr", "cpr nr", "cpr-number", "personnummer"));
        var fnr = Ctx(ContextMode.Boost, "fødselsnummer", "fodselsnummer", "foedselsnummer", "personnummer", "fnr", "f.nr", "d-nummer", "personal identity number");
        yield return C("no_fodselsnummer", "Norwegian national identity number (fødselsnummer)", "NO_FNR", 0.8, "DDMMYY (D/H numbers: + 40) and an individual number giving the century, two mod-11 check digits; grouped 6+5 alone, bare with a context word.", new(11, 11, 0, 0), NoFnr(), DigitsPrinted(V.NoFodselsnummer, " -", fnr), Mappings.NationalId, 73, fnr);
        var kt = Ctx(ContextMode.Boost, "kennitala", "kt", "kt.");
        yield return C("is_kennitala", "Icelandic kennitala", "IS_KENNITALA", 0.6, "DDMMYY-NNCM: valid date (day + 40 for companies), mod-11 check digit, century digit 8/9/0; DDMMYY-NNNN alone, bare with a kennitala context word.", new(10, 10, 0, 0), Kennitala(), DigitsPrinted(V.IsKennitala, "-", kt), Mappings.NationalId, 58, kt);
        yield return C("ch_ahv_number", "Swiss social security number (AHV/AVS)", "CH_AHV", 0.85, "756.XXXX.XXXX.XC: 13 digits starting 756 with the EAN-13 check digit.", new(13, 13, 0, 0), ChAhv(), Digits(V.ChAhv), Mappings.NationalId, 78, Ctx(ContextMode.Boost, "ahv", "avs", "ahv-nr", "ahv-nummer", "avs n°", "numéro avs", "sozialversicherungsnummer", "social security"));
        yield return C("ie_ppsn", "Irish PPS number", "IE_PPSN", 0.45, "7 digits, the mod-23 check letter and an optional second letter (A/B/H counted, W/T/X not), with a PPS context word.", new(7, 7, 1, 2), IePpsn(), TextValidator(V.IePpsn), Mappings.NationalId, 70, Ctx(ContextMode.Boost, "ppsn", "pps", "pps no", "pps number", "personal public service", "personal public service number"));
        yield return C("pt_nif", "Portuguese tax number (NIF/NIPC)", "PT_NIF", 0.7, "9 digits, valid first digit, mod-11 check digit, with a NIF/contribuinte context word.", new(9, 9, 0, 0), PtNif(), Digits(V.PtNif), Mappings.NationalId, 55, Ctx(ContextMode.Required, "nif", "nipc", "contribuinte", "número de contribuinte", "numero de contribuinte", "número fiscal", "numero fiscal"));
        yield return C("ro_cnp", "Romanian personal numeric code (CNP)", "RO_CNP", 0.7, "13 digits: sex/century digit, valid birth date, county code, serial and the 279146358279 mod-11 check digit.", new(13, 13, 0, 0), ThirteenDigits(), Digits(V.RoCnp), Mappings.NationalId, 73, Ctx(ContextMode.Boost, "cnp", "cod numeric personal", "codul numeric personal"));

        // --- Asia, Middle East, United States ------------------------------------------------------------------------
        yield return C("cn_resident_id", "Chinese resident identity card number", "CN_RESIDENT_ID", 0.8, "18 characters: province code, a valid YYYYMMDD birth date, serial and the ISO 7064 MOD 11-2 check character (0–9 or X).", new(17, 18, 0, 1), CnResidentId(), TextValidator(V.CnResidentId), Mappings.NationalId, 78, Ctx(ContextMode.Boost, "身份证", "身份证号", "居民身份证", "resident identity card", "resident id", "chinese id"));
        yield return C("jp_my_number", "Japanese My Number (individual number)", "JP_MY_NUMBER", 0.75, "12 digits with the My Number check digit, with a My Number context word.", new(12, 12, 0, 0), JpMyNumber(), Digits(V.JpMyNumber), Mappings.NationalId, 60, Ctx(ContextMode.Required, "my number", "mynumber", "individual number", "マイナンバー", "個人番号"));
        yield return C("il_teudat_zehut", "Israeli identity number (Teudat Zehut)", "IL_ID", 0.7, "9 digits with the Luhn-style check digit, with a Teudat Zehut context word.", new(9, 9, 0, 0), IlId(), Digits(V.IlTeudatZehut), Mappings.NationalId, 55, Ctx(ContextMode.Required, "teudat zehut", "zehut", "israeli id", "israeli identity number", "תעודת זהות", "מספר זהות", "ת.ז", "ת\"ז"));
        yield return C("us_ein", "US employer identification number (EIN)", "US_EIN", 0.7, "NN-NNNNNNN (or 9 digits) with a prefix the IRS assigns, with an EIN context word.", new(9, 9, 0, 0), UsEin(), Digits(V.UsEin), Mappings.Financial, 58, Ctx(ContextMode.Required, "ein", "fein", "employer identification", "employer identification number", "employer id", "federal tax id", "tax id", "tax id number", "federal employer identification number"));
    }

    /// <summary>
    /// A digit check whose printed form (holding one of <paramref name="printed"/>) stands alone; other forms (bare digits,
    /// other separators) need a word of <paramref name="context"/>: a short check passes one random number in 10–100.
    /// </summary>
    private static MatchValidator DigitsPrinted(DigitCheck check, string printed, RuleContext context)
        => (in RuleMatch m, double confidence) =>
        {
            Span<byte> d = stackalloc byte[32];
            var n = Checksums.Digits(m.Value, d);
            if (n <= 0 || !check(d[..n]))
            {
                return 0;
            }

            return m.Value.ContainsAny(printed.AsSpan()) || context.IsPresent(m.Text, m.Start, m.End) ? confidence : 0;
        };

    // Spaced as printed (with a space) alone; 15 bare characters need a context word.
    private static MatchValidator FrNirValidator(RuleContext context)
        => (in RuleMatch m, double confidence) =>
            V.FrNir(m.Value) && (m.Value.Contains(' ') || context.IsPresent(m.Text, m.Start, m.End)) ? confidence : 0;

    // With the check character the RFC stands alone; an RFC whose check does not hold counts only with a context word (0.45 + the boost).
    private static double MxRfcValidator(in RuleMatch m, double confidence)
        => !V.MxRfc(m.Value, out var checkDigit) ? 0 : checkDigit ? confidence : 0.45;

    [GeneratedRegex(@"\d{3}\.\d{3}\.\d{3}[-.]\d{2}|\d{9}-\d{2}|\d{11}", O, T)]
    private static partial Regex BrCpf();

    [GeneratedRegex(@"\d{2}\.\d{3}\.\d{3}/\d{4}-\d{2}|\d{14}", O, T)]
    private static partial Regex BrCnpj();

    // Name letters (second a vowel or X), YYMMDD, sex, state (NE: born abroad), internal consonants, century character, check digit.
    [GeneratedRegex(@"[A-Z][AEIOUX][A-Z]{2}\d{6}[HMX](?:AS|BC|BS|CC|CL|CM|CS|CH|DF|DG|GT|GR|HG|JC|MC|MN|MS|NT|NL|OC|PL|QT|QR|SP|SL|SR|TC|TS|TL|VZ|YN|ZS|NE)[B-DF-HJ-NP-TV-Z]{3}[A-Z0-9]\d", O, T)]
    private static partial Regex MxCurp();

    [GeneratedRegex(@"[A-Z]{3,4}\d{6}[1-9A-V][1-9A-Z][0-9A]", O, T)]
    private static partial Regex MxRfc();

    [GeneratedRegex(@"\d{4}\.\d{2}\.\d{3}|\d{3}(?<s>[ .-]?)\d{3}\k<s>\d{3}", O, T)]
    private static partial Regex NlBsn();

    [GeneratedRegex(@"[1-478] \d{2} \d{2} (?:\d{2}|2[AB]) \d{3} \d{3} \d{2}|[1-478]\d{4}(?:\d{2}|2[AB])\d{6} ?\d{2}", Oi, T)]
    private static partial Regex FrNir();

    [GeneratedRegex(@"\d{2}\.\d{2}\.\d{2}[- ]\d{3}\.\d{2}|\d{6}(?<s>[- ])\d{3}\k<s>\d{2}|\d{11}", O, T)]
    private static partial Regex BeNationalNumber();

    [GeneratedRegex(@"\d{6}-?\d{4}", O, T)]
    private static partial Regex DkCpr();

    [GeneratedRegex(@"\d{6}[ -]?\d{5}", O, T)]
    private static partial Regex NoFnr();

    [GeneratedRegex(@"\d{6}-?\d{4}", O, T)]
    private static partial Regex Kennitala();

    [GeneratedRegex(@"756(?<s>[. ]?)\d{4}\k<s>\d{4}\k<s>\d{2}", O, T)]
    private static partial Regex ChAhv();

    [GeneratedRegex(@"\d{7}[A-W][ABHWTX]?", Oi, T)]
    private static partial Regex IePpsn();

    [GeneratedRegex(@"\d{3}(?<s>[ .-]?)\d{3}\k<s>\d{3}", O, T)]
    private static partial Regex PtNif();

    [GeneratedRegex(@"[1-8]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dX]", Oi, T)]
    private static partial Regex CnResidentId();

    [GeneratedRegex(@"\d{4}(?<s>[ -]?)\d{4}\k<s>\d{4}", O, T)]
    private static partial Regex JpMyNumber();

    [GeneratedRegex(@"\d{9}|\d{8}-\d", O, T)]
    private static partial Regex IlId();

    [GeneratedRegex(@"\d{2}-?\d{7}", O, T)]
    private static partial Regex UsEin();
}
