using System.Collections.Frozen;
using System.Text.RegularExpressions;
using AegisGate.Detection.Validation;
using static AegisGate.Detection.Rules.Describe;

namespace AegisGate.Detection.Rules;

/// <summary>
/// The built-in PII/PHI rules. Numeric identifiers run on the numeric candidates the engine tokenises once; where a
/// format has a check digit it is validated, and formats without one need a whole-word context word (or stay below
/// the default confidence floor).
/// </summary>
internal static partial class PiiRules
{
    private const RegexOptions O = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
    private const RegexOptions Oi = O | RegexOptions.IgnoreCase;
    private const int T = 250;

    internal delegate bool DigitCheck(ReadOnlySpan<byte> digits);

    internal delegate bool TextCheck(ReadOnlySpan<char> value);

    public static IEnumerable<DetectionRule> All()
    {
        // --- Contact and online identifiers --------------------------------------------------------------------
        yield return new PatternRule(Pii("email_address", "E-mail address", "EMAIL", 0.9, "RFC 5321 shaped address with a real top-level domain (image names such as icon@2x.png are ignored).", Mappings.Online), ["@"], Email(), EmailValidator) { Priority = 70, ReachBefore = 80, ReachAfter = 280 };
        yield return new PatternRule(Pii("email_address_obfuscated", "E-mail address (obfuscated)", "EMAIL", 0.8, "An address written to dodge filters: 'jane [at] example [dot] org', 'jane(at)example.org', 'jane dot doe at example dot com' (a real top-level domain is required).", Mappings.Online), ["[at]", "(at)", "{at}", "<at>", "[ at ]", "( at )", "dot ", "dot]", "dot)", "dot}", "dot>"], ObfuscatedEmail(), ObfuscatedEmailValidator) { Priority = 68, ReachBefore = 80, ReachAfter = 200 };
        yield return new FunctionRule(Pii("phone_number", "Phone number", "PHONE_NUMBER", 0.75, "Validated with libphonenumber (international +CC numbers; national numbers that are formatted or have a phone context word).", Mappings.Online), [], PhoneRule.Find) { Priority = 45 };
        yield return C("ip_address", "IP address (IPv4)", "IP_ADDRESS", 0.6, "Dotted quad with octets 0–255, no leading zeros; private ranges lower confidence; version strings ignored.", new(4, 12, 0, 0, MinGroups: 4), Ipv4(), Ipv4Validator, Mappings.Online, 50, null, DetectionSeverity.Medium);
        yield return new FunctionRule(Pii("ipv6_address", "IP address (IPv6)", "IP_ADDRESS", 0.6, "IPv6 address validated by System.Net.IPAddress.", Mappings.Online, DetectionSeverity.Medium), [], NetworkRules.FindIpv6) { Priority = 50 };
        yield return new FunctionRule(Pii("mac_address", "MAC address", "MAC_ADDRESS", 0.7, "Six hex pairs with one consistent ':' or '-' separator.", Mappings.Online, DetectionSeverity.Low), [], NetworkRules.FindMac) { Priority = 50 };
        yield return new PatternRule(Pii("street_address", "Street address", "ADDRESS", 0.6, "House number + capitalised street name (ordinals and N/S/E/W included) + street suffix (English, abbreviations St/Dr/Ln/Ct/Cir too), lower-case '12 elm street' forms whose words are not everyday words, PO boxes, French 'rue/boulevard/chemin…' addresses, or German Straße/Str./Weg/Platz + number.", Mappings.Pii), ["street", "avenue", " ave ", " ave.", " ave,", " road", " rd ", " rd.", " rd,", "boulevard", " blvd", " lane ", " lane,", " lane.", " ln ", " ln.", " ln,", " drive", " dr ", " dr.", " dr,", " court ", " court,", " ct ", " ct.", " ct,", " st ", " st.", " st,", "circle", " cir ", " cir.", "terrace", "parkway", " pkwy", "square ", "highway", " hwy", "straße", "strasse", " str.", "weg ", "platz", "allee", "gasse", "damm ", "po box", "p.o. box", "p.o.box", "p. o. box", "p o box", "post office box", "rue ", "bd ", "chemin ", "impasse ", "quai ", "allée ", "cours "], StreetAddress(), StreetAddressValidator) { Priority = 40, ReachBefore = 120, ReachAfter = 32 };
        yield return new FunctionRule(Pii("postal_address", "Postal address (city/state/ZIP, German street + number)", "ADDRESS", 0.6, "A US 'City, ST 12345(-6789)' line (capitalised city, USPS state code in capitals, ZIP or ZIP+4) or a German street name glued to its suffix before the house number (Lindenweg 7a, Hauptstr. 5, Berliner Str. 45); anchored on the numeric candidates, no keyword.", Mappings.Pii), [], AddressRules.Find) { Priority = 39 };
        yield return C("health_plan_id", "Health plan member number", "HEALTH_PLAN_ID", 0.6, "Up to 3 letters + 6–14 digits with a member/subscriber/insurance/policy number context word (HIPAA health plan beneficiary number).", new(6, 14, 0, 3), HealthPlanId(), null, Mappings.Health, 38, Ctx(ContextMode.Required, "member id", "member number", "member no", "member #", "subscriber id", "subscriber number", "insurance id", "insurance number", "insurance no", "policy number", "policy no", "policy #", "policy#", "health plan id", "health plan number"));
        yield return new PatternRule(Pii("person_name", "Person name (heuristic)", "PERSON", 0.55, "Honorific + capitalised name, or 'my name is' / 'name:' + capitalised words. No NER model: low confidence.", Mappings.Pii, DetectionSeverity.Medium), [" mr ", " mr.", "mrs.", " mrs ", " ms.", " ms ", "miss ", " dr.", " dr ", "prof.", " prof ", " sir ", " mx.", "name is", "name:", "name :", "call me", "i am called"], PersonName(), NameValidator) { Priority = 30, ReachBefore = 8, ReachAfter = 80 };
        yield return new FunctionRule(Pii("person_full_name", "Person full name (given-name list)", "PERSON", 0.6, "A common given name (built-in multilingual list; names that are everyday words or places left out) + capitalised surname, optional middle name or initial. No NER model: medium confidence.", Mappings.Pii, DetectionSeverity.Medium), [], PersonNames.Find) { Priority = 31 };
        yield return new PatternRule(Pii("social_media_handle", "Social media handle", "USERNAME", 0.6, "@handle (2–15 letters, digits, underscores; not an e-mail address, a URL path or a code decorator) with a whole-word social network context word (twitter, tweet, instagram, tiktok, follow me, handle…).", Mappings.Online, DetectionSeverity.Medium), ["@"], SocialHandle(), SocialHandleValidator) { Priority = 32, ReachBefore = 60, ReachAfter = 60, Context = new RuleContext(ContextMode.Required, 40, "twitter", "tweet", "tweets", "tweeter", "tweeting", "instagram", "insta", "ig", "tiktok", "mastodon", "bluesky", "telegram", "snapchat", "follow me", "follow us", "dm me", "my handle", "handle is", "x.com") };
        yield return new PatternRule(Rule("pii.url", "Web address (URL)", DetectionCategory.Pii, DetectionSeverity.Low, DetectionAction.Monitor, 0.5, "URL", "http(s):// or www. address. An online identifier that can point to a person (profile pages, shared documents); monitored, not redacted, by default.", Mappings.Online), ["http://", "https://", "www."], Url()) { Priority = 15, ReachBefore = 8, ReachAfter = 2100, MatchesStartAtKeyword = true };
        PrefixedIdRules.WarmUp();
        yield return new FunctionRule(Rule("pii.domain_name", "Domain name", DetectionCategory.Pii, DetectionSeverity.Low, DetectionAction.Monitor, 0.5, "URL", "A bare host name with a common generic or country top-level domain (example.com, example.co.uk) outside URLs and e-mail addresses; lower-case top-level domains only (never .NET), none that is also a file extension or an everyday word. Monitored, not redacted, by default.", Mappings.Online), PrefixedIdRules.DomainKeywords, PrefixedIdRules.FindDomains) { Priority = 14, ReachBefore = 1, ReachAfter = 8 };
        yield return new PatternRule(Pii("date_of_birth", "Date of birth", "DATE_OF_BIRTH", 0.8, "A date with a whole-word birth context word (born, DOB, date of birth, birthday, geboren, né).", Mappings.Health), ["born", "birth", "dob", "d.o.b", "geboren", "geb.", "nacimiento", "nascita", "naissance", " né", " née"], Date(), DateValidator) { Priority = 60, Context = new RuleContext(ContextMode.Required, 48, "born", "birth", "birthday", "birthdate", "dob", "d.o.b", "date of birth", "geboren", "geb", "geburtsdatum", "nacimiento", "nascita", "naissance", "né", "née") };
        yield return new CandidateRule(Rule("pii.date", "Calendar date", DetectionCategory.Pii, DetectionSeverity.Low, DetectionAction.Monitor, 0.5, "DATE", "A full calendar date (day, month and year; numeric, ISO 8601 date-time or with a month name) or a month with a four-digit year (05/2021). HIPAA counts dates about a person as identifiers; monitored, not redacted, by default.", Mappings.Health), [], new CandidateRule.Shape(3, 8, 0, 4, MinGroups: 2), GeneralDate(), GeneralDateValidator) { Priority = 20 };
        yield return new PatternRule(Rule("pii.date_written", "Calendar date (month name)", DetectionCategory.Pii, DetectionSeverity.Low, DetectionAction.Monitor, 0.5, "DATE", "Dates written with a month name: 'January 5, 2021', 'May 1st', '21-May', 'May-2021', '5 of March'. 'May' counts only capitalised. Monitored, not redacted, by default.", Mappings.Health), ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], WrittenDate(), GeneralDateValidator) { Priority = 20, ReachBefore = 12, ReachAfter = 40 };
        yield return new PatternRule(Pii("medical_date", "Date of admission, discharge or death", "MEDICAL_DATE", 0.7, "A date with an admission/discharge/death/visit context word (HIPAA date identifier).", Mappings.Health), ["admi", "discharg", "died", "death", "deceased", "visit", "surgery", "appointment", "date of service"], Date(), DateValidator) { Priority = 55, Context = new RuleContext(ContextMode.Required, 40, "admitted", "admission", "discharged", "discharge", "died", "death", "deceased", "visit", "surgery", "appointment", "date of service", "dos") };

        // --- Payment and banking --------------------------------------------------------------------------------
        yield return C("credit_card", "Payment card number", Engine.Redactor.CardLabel, 0.9, "13–19 digits (grouped or not), Luhn, known issuer prefix.", new(13, 19, 0, 0), Card(), Digits(IdValidators.PaymentCard), Mappings.Card, 85, Ctx(ContextMode.Boost, "card", "credit", "debit", "visa", "mastercard", "amex", "cc", "pan", "card number", "kreditkarte", "karte", "tarjeta", "carte", "carta", "cartão"), DetectionSeverity.Critical);
        yield return new FunctionRule(Pii("iban", "International bank account number (IBAN)", "IBAN", 0.95, "Country code, per-country length and ISO 7064 mod-97 check.", Mappings.Financial), [], BankRules.FindIban) { Priority = 85 };
        yield return C("us_aba_routing", "US ABA routing number", "ABA_ROUTING", 0.6, "9 digits with the 3-7-1 checksum and a valid Federal Reserve prefix; bare numbers need a context word.", new(9, 9, 0, 0), Aba(), AbaValidator, Mappings.Financial, 55, Ctx(ContextMode.Boost, "routing", "aba", "rtn", "transit", "bank", "wire", "ach"));
        yield return C("us_bank_account", "US bank account number", "BANK_ACCOUNT", 0.6, "8–17 digits with an account/bank context word.", new(8, 17, 0, 0), BankAccount(), null, Mappings.Financial, 35, Ctx(ContextMode.Required, "account", "acct", "acct#", "a/c", "bank account", "account no", "checking", "savings", "kontonummer", "konto", "cuenta", "compte"));
        yield return new PatternRule(Pii("swift_bic", "SWIFT/BIC code", "SWIFT_BIC", 0.65, "8 or 11 characters with a bic/swift context word.", Mappings.Financial, DetectionSeverity.Medium), ["bic", "swift"], SwiftBic()) { Priority = 35, Context = new RuleContext(ContextMode.Required, 30, "bic", "swift", "swift code", "bic code") };
        yield return new FunctionRule(Pii("crypto_wallet_address", "Cryptocurrency wallet address", "CRYPTO_WALLET", 0.9, "Bitcoin base58check or bech32/bech32m (checksum validated), Ethereum with EIP-55 checksum.", Mappings.Financial), [], CryptoWallets.Find) { Priority = 80 };

        // --- United States ---------------------------------------------------------------------------------------
        yield return C("us_ssn", "US social security number", "US_SSN", 0.8, "Area/group/serial rules (no 000, 666, 9xx area; no 00 group; no 0000 serial); undelimited numbers need a context word.", new(9, 9, 0, 0), Ssn(), SsnValidator, Mappings.NationalId, 75, Ctx(ContextMode.Boost, "ssn", "ssns", "ssn#", "social security", "social security number", "ss#", "ss #"), DetectionSeverity.Critical);
        yield return C("us_itin", "US individual taxpayer identification number", "US_ITIN", 0.75, "9XX-(50–65|70–88|90–92|94–99)-XXXX.", new(9, 9, 0, 0), Ssn(), Digits(IdValidators.UsItin), Mappings.NationalId, 76, Ctx(ContextMode.Boost, "itin", "tax id", "taxpayer", "individual taxpayer", "tax identification", "tin"), DetectionSeverity.Critical);
        yield return C("us_npi", "US national provider identifier (NPI)", "US_NPI", 0.55, "10 digits starting 1 or 2, Luhn with the 80840 prefix, not a run of one digit; undelimited numbers need an NPI context word.", new(10, 10, 0, 0), Npi(), Digits(IdValidators.UsNpi, 0.45), Mappings.Health, 60, Ctx(ContextMode.Boost, "npi", "provider", "national provider"));
        yield return C("us_dea_number", "US DEA registration number", "US_DEA", 0.85, "2 letters + 7 digits with the DEA checksum.", new(7, 7, 1, 2), Dea(), TextValidator(IdValidators.UsDea), Mappings.Health, 70);
        yield return C("us_mbi", "US Medicare beneficiary identifier", "US_MBI", 0.8, "11 characters in the CMS MBI alphabet.", new(4, 7, 4, 7), Mbi(), null, Mappings.Health, 70);
        yield return C("us_passport", "US passport number", "PASSPORT", 0.6, "9 characters with a passport context word.", new(8, 9, 0, 1), UsPassport(), null, Mappings.NationalId, 40, Ctx(ContextMode.Required, PassportWords));
        yield return C("us_driver_license", "US driver's license number", "DRIVER_LICENSE", 0.6, "Letter + 5–14 digits (or dash-grouped: S530-4128-8011) or 7–12 digits with a license context word (whole word only: 'public' never matches).", new(5, 14, 0, 1), DriverLicense(), null, Mappings.NationalId, 35, Ctx(ContextMode.Required, "license", "licence", "driver", "driver's", "dl", "dl#", "dln", "lic", "lic#", "driving"));
        yield return C("medical_record_number", "Medical record number", "MEDICAL_RECORD_NUMBER", 0.75, "Up to 3 letters + 5–10 digits with an MRN/medical record context word.", new(5, 10, 0, 3), Mrn(), null, Mappings.Health, 45, Ctx(ContextMode.Required, "mrn", "medical record", "medical record number", "patient id", "chart number", "record number"));
        yield return new PatternRule(Pii("icd10_code", "ICD-10 diagnosis code", "DIAGNOSIS_CODE", 0.7, "ICD-10-CM code with a diagnosis/ICD context word.", Mappings.Health), ["icd", "diagnos", "dx"], Icd10()) { Priority = 45, Context = new RuleContext(ContextMode.Required, 40, "icd", "icd-10", "icd10", "diagnosis", "diagnosed", "dx", "diagnostic code") };
        yield return C("vehicle_identification_number", "Vehicle identification number (VIN)", "VIN", 0.8, "17 characters (no I/O/Q) with the position-9 check digit.", new(5, 15, 2, 12), Vin(), TextValidator(IdValidators.Vin), Mappings.Pii, 70, null, DetectionSeverity.Medium);
        yield return C("imei", "Device IMEI", "IMEI", 0.7, "15 digits, Luhn, with an IMEI context word.", new(15, 15, 0, 0), Imei(), Digits(d => d.Length == 15 && Checksums.Luhn(d)), Mappings.Online, 50, Ctx(ContextMode.Required, "imei"), DetectionSeverity.Medium);

        // --- United Kingdom ------------------------------------------------------------------------------------
        yield return C("uk_nino", "UK National Insurance number", "UK_NINO", 0.8, "Two prefix letters (excluded pairs rejected), 6 digits, suffix A–D.", new(6, 6, 2, 3), Nino(), TextValidator(IdValidators.UkNinoPrefix), Mappings.NationalId, 75);
        yield return C("uk_nhs_number", "UK NHS number", "UK_NHS", 0.6, "10 digits with the NHS modulus 11 check.", new(10, 10, 0, 0), Nhs(), Digits(Checksums.NhsNumber), Mappings.Health, 62, Ctx(ContextMode.Boost, "nhs", "nhs number", "nhs no", "health", "national health service"));
        yield return C("uk_passport", "UK passport number", "PASSPORT", 0.6, "2 letters + 7 digits or 9 digits with a passport context word.", new(7, 9, 0, 2), UkPassport(), null, Mappings.NationalId, 40, Ctx(ContextMode.Required, PassportWords));
        yield return C("uk_driving_licence", "UK driving licence number", "DRIVER_LICENSE", 0.85, "16 characters encoding surname, birth date and initials.", new(7, 14, 2, 9), UkDriving(), TextValidator(IdValidators.UkDrivingLicence), Mappings.NationalId, 72);
        yield return M("uk_postcode", "UK postcode", "POSTCODE", 0.55, "Outward + inward code (quasi-identifier when with other data).", new(1, 3, 1, 5), UkPostcode(), null, Mappings.Pii, 30, Ctx(ContextMode.Boost, "postcode", "post code", "address"), DetectionSeverity.Low);
        yield return M("uk_vehicle_registration", "UK vehicle registration", "VEHICLE_REGISTRATION", 0.5, "Current, prefix and suffix format plates (quasi-identifier: monitored, not redacted, by default).", new(1, 3, 3, 5), UkPlate(), UkPlateValidator, Mappings.Pii, 30, Ctx(ContextMode.Boost, "reg", "registration", "car", "vehicle", "plate", "plates", "vehicles"), DetectionSeverity.Low);

        // --- Europe ---------------------------------------------------------------------------------------------
        yield return C("es_nif", "Spanish NIF/DNI", "ES_NIF", 0.85, "7–8 digits + control letter (mod 23).", new(7, 8, 1, 1), EsNif(), TextValidator(IdValidators.EsNif), Mappings.NationalId, 78);
        yield return C("es_nie", "Spanish NIE", "ES_NIE", 0.85, "X/Y/Z + 7 digits + control letter (mod 23).", new(7, 7, 2, 2), EsNie(), TextValidator(IdValidators.EsNie), Mappings.NationalId, 78);
        yield return C("es_passport", "Spanish passport number", "PASSPORT", 0.6, "3 letters + 6 digits with a passport context word.", new(6, 6, 3, 3), EsPassport(), null, Mappings.NationalId, 40, Ctx(ContextMode.Required, PassportWords));
        yield return C("it_fiscal_code", "Italian codice fiscale", "IT_FISCAL_CODE", 0.95, "16 characters with the check character.", new(1, 7, 9, 15), ItFiscal(), TextValidator(Checksums.CodiceFiscale), Mappings.NationalId, 80);
        yield return C("it_vat_number", "Italian partita IVA", "IT_VAT", 0.55, "11 digits: company number, a valid provincial office code (001–100, 120, 121, 888, 999) and the Luhn check; stronger with a VAT context word.", new(11, 11, 0, 0), ElevenDigits(), Digits(IdValidators.ItVat), Mappings.Financial, 50, Ctx(ContextMode.Boost, "partita iva", "p.iva", "piva", "vat", "iva"));
        yield return C("it_identity_card", "Italian identity card number", "ID_CARD", 0.6, "Paper or electronic (CIE) identity card with a context word.", new(5, 7, 2, 4), ItIdCard(), null, Mappings.NationalId, 40, Ctx(ContextMode.Required, "carta d'identità", "carta di identità", "identity card", "id card", "cie"));
        yield return C("it_passport", "Italian passport number", "PASSPORT", 0.6, "2 letters + 7 digits with an Italian passport context word (passaporto); English context is the UK rule's.", new(7, 7, 2, 2), ItPassport(), null, Mappings.NationalId, 41, Ctx(ContextMode.Required, "passaporto", "passaporti", "numero di passaporto"));
        yield return C("it_driver_license", "Italian driving licence number", "DRIVER_LICENSE", 0.6, "Patente number with a context word.", new(1, 8, 2, 9), ItDriving(), null, Mappings.NationalId, 40, Ctx(ContextMode.Required, "patente", "license", "licence"));
        yield return C("de_tax_id", "German tax identification number (Steuer-ID)", "DE_TAX_ID", 0.75, "11 digits, digit-repetition rule and ISO 7064 MOD 11,10; a number that fails only the repetition rule counts with a Steuer-ID context word.", new(11, 11, 0, 0), ElevenDigits(), DeTaxIdValidator, Mappings.NationalId, 72, Ctx(ContextMode.Boost, "steuer-id", "steuerid", "steuer-idnr", "idnr", "steueridentifikationsnummer", "identifikationsnummer", "tax id", "tin"));
        yield return C("de_social_security", "German pension insurance number (RVNR)", "DE_SOCIAL_SECURITY", 0.85, "Area, birth date, initial, serial and check digit.", new(11, 11, 1, 1), DeRvnr(), TextValidator(IdValidators.DeSocialSecurity), Mappings.NationalId, 78);
        yield return C("de_id_card", "German identity card number", "ID_CARD", 0.7, "9 characters of the document alphabet: with the 7-3-1 check digit alone, as printed on the card (no check digit) with an Ausweis context word.", new(1, 8, 1, 8), DeIdCard(), DeIdCardValidator, Mappings.NationalId, 65, Ctx(ContextMode.Boost, "personalausweis", "ausweis", "ausweisnummer", "personalausweisnummer", "identity card", "id card"));
        yield return C("de_passport", "German passport number", "PASSPORT", 0.7, "C/F/G/H/J/K + 8 characters with the 7-3-1 check digit.", new(1, 8, 1, 8), DePassport(), TextValidator(IdValidators.De731), Mappings.NationalId, 66, Ctx(ContextMode.Boost, "reisepass", "pass-nr", "passnummer", "passport"));
        yield return C("de_health_insurance", "German health insurance number (KVNR)", "DE_HEALTH_INSURANCE", 0.8, "Letter + 9 digits with the check digit.", new(9, 9, 1, 1), DeKvnr(), TextValidator(IdValidators.DeHealthInsurance), Mappings.Health, 74);
        yield return new FunctionRule(Pii("de_vat_id", "German VAT id (USt-IdNr.)", "DE_VAT_ID", 0.85, "DE (any case) + 9 digits (grouped with spaces, dots or dashes, or not) with ISO 7064 MOD 11,10.", Mappings.Financial), ["de"], PrefixedIdRules.FindDeVat) { Priority = 78 };
        yield return C("de_tax_number", "German tax number (Steuernummer)", "DE_TAX_NUMBER", 0.6, "Slash-formatted state Steuernummer, or 10–13 digits with a Steuernummer context word.", new(10, 13, 0, 0), DeTaxNumber(), DeTaxNumberValidator, Mappings.Financial, 40, new RuleContext(ContextMode.Boost, 48, "steuernummer", "st.-nr", "stnr", "st-nr", "steuer-nr") { Boost = 0.3 });
        yield return C("de_doctor_number", "German doctor number (LANR)", "DE_LANR", 0.55, "9 digits with the LANR check digit; stronger with a context word.", new(9, 9, 0, 0), NineDigits(), Digits(IdValidators.DeLanr, 0.45), Mappings.Health, 45, Ctx(ContextMode.Boost, "lanr", "arztnummer", "arzt"));
        yield return C("de_practice_number", "German practice number (BSNR)", "DE_BSNR", 0.6, "9 digits with a BSNR context word.", new(9, 9, 0, 0), NineDigits(), null, Mappings.Health, 40, Ctx(ContextMode.Required, "bsnr", "betriebsstättennummer", "betriebsstaettennummer", "praxis"));
        yield return C("de_postal_code", "German postal code (PLZ)", "POSTCODE", 0.5, "5 digits with a PLZ context word.", new(5, 5, 0, 0), FiveDigits(), null, Mappings.Pii, 30, Ctx(ContextMode.Required, "plz", "postleitzahl"), DetectionSeverity.Low);
        yield return M("de_vehicle_registration", "German vehicle registration (Kfz-Kennzeichen)", "VEHICLE_REGISTRATION", 0.5, "District code, letters and number (quasi-identifier: monitored by default).", new(1, 4, 2, 6), DePlate(), PlateValidator, Mappings.Pii, 30, Ctx(ContextMode.Boost, "kennzeichen", "kfz", "nummernschild"), DetectionSeverity.Low);
        yield return new PatternRule(Rule("pii.de_commercial_register", "German commercial register number (HRA/HRB)", DetectionCategory.Pii, DetectionSeverity.Low, DetectionAction.Monitor, 0.6, "DE_COMMERCIAL_REGISTER", "HRA/HRB (any case) + 1–6 digits; not inside a longer number.", Mappings.Pii), ["hra", "hrb"], PrefixedIdRules.CommercialRegister()) { Priority = 40, ReachBefore = 8, ReachAfter = 24 };
        yield return C("de_driving_licence", "German driving licence number", "DRIVER_LICENSE", 0.6, "11 characters with a Führerschein context word.", new(8, 9, 0, 3), DeDriving(), null, Mappings.NationalId, 40, Ctx(ContextMode.Required, "führerschein", "fuehrerschein", "fahrerlaubnis", "führerscheinnummer"));
        yield return C("fi_personal_identity_code", "Finnish personal identity code (HETU)", "FI_HETU", 0.9, "DDMMYY, century sign, individual number, mod-31 check character.", new(9, 10, 0, 2), FiHetu(), TextValidator(IdValidators.FiHetu), Mappings.NationalId, 80);
        yield return C("pl_pesel", "Polish PESEL", "PL_PESEL", 0.7, "11 digits with encoded birth date and the 1-3-7-9 check.", new(11, 11, 0, 0), ElevenDigits(), Digits(IdValidators.PlPesel), Mappings.NationalId, 70, Ctx(ContextMode.Boost, "pesel"));
        yield return C("se_personnummer", "Swedish personal identity number", "SE_PERSONNUMMER", 0.75, "10/12 digits with a valid birth date and Luhn.", new(10, 12, 0, 0), SePnr(), Digits(IdValidators.SePersonnummer), Mappings.NationalId, 72, Ctx(ContextMode.Boost, "personnummer", "pnr", "personal identity"));
        yield return M("se_organisation_number", "Swedish organisation number", "SE_ORGNR", 0.65, "10 digits, third digit ≥ 2, Luhn.", new(10, 10, 0, 0), SeOrg(), Digits(IdValidators.SeOrganisation, 0.45), Mappings.Pii, 55, Ctx(ContextMode.Boost, "organisationsnummer", "orgnummer", "org.nr", "company"), DetectionSeverity.Low);

        // --- Americas, Asia-Pacific, Africa, Middle East --------------------------------------------------------
        yield return C("ca_sin", "Canadian social insurance number", "CA_SIN", 0.6, "9 digits, Luhn, first digit not 0/8; stronger grouped or with context.", new(9, 9, 0, 0), CaSin(), SinValidator, Mappings.NationalId, 70, Ctx(ContextMode.Boost, "sin", "sin#", "social insurance", "nas", "assurance sociale"));
        yield return C("au_tfn", "Australian tax file number", "AU_TFN", 0.6, "9 digits with the modulus 11 check.", new(9, 9, 0, 0), AuTfn(), Digits(IdValidators.AuTfn, 0.45), Mappings.NationalId, 71, Ctx(ContextMode.Boost, "tfn", "tax file"));
        yield return C("au_abn", "Australian business number", "AU_ABN", 0.75, "11 digits with the modulus 89 check.", new(11, 11, 0, 0), AuAbn(), Digits(IdValidators.AuAbn), Mappings.Pii, 73, Ctx(ContextMode.Boost, "abn", "business number", "australian business number"), DetectionSeverity.Low);
        yield return C("au_acn", "Australian company number", "AU_ACN", 0.55, "9 digits with the ACN check digit.", new(9, 9, 0, 0), AuTfn(), Digits(IdValidators.AuAcn, 0.45), Mappings.Pii, 56, Ctx(ContextMode.Boost, "acn", "company number", "australian company number"), DetectionSeverity.Low);
        yield return C("au_medicare", "Australian Medicare number", "AU_MEDICARE", 0.6, "10–11 digits, first 2–6, with the Medicare check digit; an undelimited 11-digit number (card number + IRN) needs a context word.", new(10, 11, 0, 0), AuMedicare(), MedicareValidator, Mappings.Health, 66, Ctx(ContextMode.Boost, "medicare"));
        yield return C("in_aadhaar", "Indian Aadhaar number", "IN_AADHAAR", 0.7, "12 digits, first 2–9, Verhoeff check; grouped 4-4-4 with one consistent separator (space, dash or colon) or none.", new(12, 12, 0, 0), Aadhaar(), AadhaarValidator, Mappings.NationalId, 74, Ctx(ContextMode.Boost, "aadhaar", "aadhar", "uidai", "uid", "आधार"));
        yield return C("in_pan", "Indian permanent account number (PAN)", "IN_PAN", 0.75, "5 letters (4th = holder type) + 4 digits + letter.", new(4, 4, 6, 6), InPan(), null, Mappings.NationalId, 70);
        yield return C("in_passport", "Indian passport number", "PASSPORT", 0.6, "Letter + 7 digits with a passport context word.", new(7, 7, 1, 1), InPassport(), null, Mappings.NationalId, 40, Ctx(ContextMode.Required, PassportWords));
        yield return C("in_voter_id", "Indian voter id (EPIC)", "IN_VOTER_ID", 0.55, "3 letters + 7 digits; stronger with a voter context word.", new(7, 7, 3, 3), InVoter(), null, Mappings.NationalId, 45, Ctx(ContextMode.Boost, "voter", "epic", "election"));
        yield return M("in_vehicle_registration", "Indian vehicle registration", "VEHICLE_REGISTRATION", 0.55, "State code + district + series + 4 digits.", new(5, 6, 2, 5), InPlate(), InPlateValidator, Mappings.Pii, 40, Ctx(ContextMode.Boost, "vehicle", "registration", "car", "number plate"), DetectionSeverity.Low);
        yield return C("in_gstin", "Indian GSTIN", "IN_GSTIN", 0.7, "15 characters: state, PAN, entity, Z, check character.", new(7, 8, 7, 8), InGstin(), GstinValidator, Mappings.Pii, 72, null, DetectionSeverity.Low);
        yield return C("sg_nric_fin", "Singapore NRIC/FIN", "SG_NRIC", 0.9, "S/T/F/G/M + 7 digits + check letter.", new(7, 7, 2, 2), SgNric(), TextValidator(IdValidators.SgNric), Mappings.NationalId, 80);
        yield return C("sg_uen", "Singapore unique entity number (UEN)", "SG_UEN", 0.6, "Business (8 digits), local company (year + 5 digits) or other-entity (T/S/R + year + entity type) UEN with its check letter.", new(6, 9, 1, 4), SgUen(), SgUenValidator, Mappings.Pii, 45, Ctx(ContextMode.Boost, "uen", "unique entity", "unique entity number", "acra", "business registration"), DetectionSeverity.Low);
        yield return C("kr_rrn", "Korean resident registration number", "KR_RRN", 0.7, "13 digits: valid birth date + gender/century digit 1–4.", new(13, 13, 0, 0), KrRrn(), KrRrnValidator(1, 4, 11), Mappings.NationalId, 74, Ctx(ContextMode.Boost, "rrn", "resident registration", "주민등록번호"));
        yield return C("kr_frn", "Korean foreigner registration number", "KR_FRN", 0.7, "13 digits: valid birth date + digit 5–8.", new(13, 13, 0, 0), KrRrn(), KrRrnValidator(5, 8, 13), Mappings.NationalId, 74, Ctx(ContextMode.Boost, "frn", "foreigner registration"));
        yield return C("kr_brn", "Korean business registration number", "KR_BRN", 0.65, "10 digits with the BRN check digit.", new(10, 10, 0, 0), KrBrn(), Digits(IdValidators.KrBrn, 0.45), Mappings.Pii, 62, Ctx(ContextMode.Boost, "brn", "business registration", "사업자등록번호"), DetectionSeverity.Low);
        yield return C("kr_passport", "Korean passport number", "PASSPORT", 0.5, "M/S/R/O/D/G + 8 digits, or + 3 digits, a letter and 4 digits (format since 2021); needs a passport context word (order and serial numbers share the shapes).", new(7, 8, 1, 2), KrPassport(), (in RuleMatch m, double c) => 0.45, Mappings.NationalId, 45, Ctx(ContextMode.Boost, [.. PassportWords, "여권번호"]));
        yield return C("kr_driver_license", "Korean driver's license number", "DRIVER_LICENSE", 0.55, "Region code 11–28 + 10 digits.", new(12, 12, 0, 0), KrDriving(), KrDrivingValidator, Mappings.NationalId, 50, Ctx(ContextMode.Boost, "license", "licence", "운전면허"));
        yield return C("th_national_id", "Thai national id", "TH_TNIN", 0.7, "13 digits, first 1–8, modulus 11 check.", new(13, 13, 0, 0), ThirteenDigits(), Digits(IdValidators.ThTnin), Mappings.NationalId, 72, Ctx(ContextMode.Boost, "thai", "national id", "บัตรประชาชน"));
        yield return C("tr_national_id", "Turkish national id (TC Kimlik)", "TR_KIMLIK", 0.85, "11 digits with the two TC Kimlik check digits.", new(11, 11, 0, 0), ElevenDigits(), Digits(IdValidators.TrKimlik), Mappings.NationalId, 79, Ctx(ContextMode.Boost, "kimlik", "tc", "tckn"));
        yield return M("tr_license_plate", "Turkish vehicle plate", "VEHICLE_REGISTRATION", 0.5, "Province 01–81 + 1–3 letters + 2–4 digits.", new(4, 6, 1, 3), TrPlate(), null, Mappings.Pii, 40, Ctx(ContextMode.Boost, "plaka", "plate"), DetectionSeverity.Low);
        yield return C("za_id_number", "South African id number", "ZA_ID", 0.8, "13 digits: birth date, gender, citizenship, Luhn.", new(13, 13, 0, 0), ThirteenDigits(), Digits(IdValidators.ZaId), Mappings.NationalId, 76);
        yield return M("ng_vehicle_registration", "Nigerian vehicle plate", "VEHICLE_REGISTRATION", 0.5, "3 letters + 3 digits + 2 letters.", new(3, 3, 5, 5), NgPlate(), null, Mappings.Pii, 40, Ctx(ContextMode.Boost, "plate", "vehicle"), DetectionSeverity.Low);
        yield return C("ng_nin", "Nigerian national identification number", "NG_NIN", 0.6, "11 digits with a NIN context word.", new(11, 11, 0, 0), ElevenDigits(), null, Mappings.NationalId, 40, Ctx(ContextMode.Required, "nin", "national identification number"));
        yield return C("ph_tin", "Philippine tax identification number", "PH_TIN", 0.6, "9 or 12 digits with the BIR modulus 11 check digit; the grouped 12-digit form (with branch code) alone, otherwise with a TIN context word.", new(9, 12, 0, 0), PhTin(), PhTinValidator, Mappings.NationalId, 45, new RuleContext(ContextMode.Boost, 48, "tin", "bir", "tax id", "taxpayer", "tax identification", "taxpayer identification number", "rdo") { Boost = 0.3 });

        foreach (var rule in International())
        {
            yield return rule;
        }
    }

    // A quasi-identifier: reported (audited) but not redacted by default.
    private static CandidateRule M(string id, string name, string label, double confidence, string description, CandidateRule.Shape shape, Regex regex, MatchValidator? validator, string[] mappings, int priority, RuleContext? context = null, DetectionSeverity severity = DetectionSeverity.Low)
        => new(Rule("pii." + id, name, DetectionCategory.Pii, severity, DetectionAction.Monitor, confidence, label, description, mappings), context is { Mode: ContextMode.Required } ? context.Words : [], shape, regex, validator) { Priority = priority, Context = context };

    private static RuleContext Ctx(ContextMode mode, params string[] words) => new(mode, 48, words);

    // Passport context words in the languages of the passport formats the rules know.
    private static readonly string[] PassportWords =
    [
        "passport", "passports", "passport no", "passport number", "passport #", "travel document", "pasaporte", "número de pasaporte", "passeport",
        "reisepass", "passaporto", "paspoort", "passaporte", "paszport", "pasaport", "pass-nr", "passnummer", "여권", "パスポート", "护照",
    ];

    private static CandidateRule C(string id, string name, string label, double confidence, string description, CandidateRule.Shape shape, Regex regex, MatchValidator? validator, string[] mappings, int priority, RuleContext? context = null, DetectionSeverity severity = DetectionSeverity.High)
        => new(Pii(id, name, label, confidence, description, mappings, severity), context is { Mode: ContextMode.Required } ? context.Words : [], shape, regex, validator) { Priority = priority, Context = context, LetterFreeNeighbours = shape.MaxLetters == 0, Standalone = shape.MaxLetters == 0 && id is not ("credit_card" or "ip_address" or "us_bank_account") };

    internal static MatchValidator Digits(DigitCheck check)
        => (in RuleMatch m, double confidence) =>
        {
            Span<byte> d = stackalloc byte[32];
            var n = Checksums.Digits(m.Value, d);
            return n > 0 && check(d[..n]) ? confidence : 0;
        };

    /// <summary>A digit check whose undelimited matches (no space, dash, dot or slash) get at most <paramref name="bare"/>: weak checksums need grouping or a context word.</summary>
    internal static MatchValidator Digits(DigitCheck check, double bare)
        => (in RuleMatch m, double confidence) =>
        {
            Span<byte> d = stackalloc byte[32];
            var n = Checksums.Digits(m.Value, d);
            if (n <= 0 || !check(d[..n]))
            {
                return 0;
            }

            return m.Value.ContainsAny(" -./".AsSpan()) ? confidence : Math.Min(confidence, bare);
        };

    // The check digit is (11 − s mod 11) mod 10 for residents and (13 − s mod 11) mod 10 for foreigners.
    private static MatchValidator KrRrnValidator(int first, int last, int checkBase)
        => (in RuleMatch m, double confidence) =>
        {
            Span<byte> d = stackalloc byte[16];
            var n = Checksums.Digits(m.Value, d);
            if (n != 13 || !IdValidators.KrRrnShape(d[..13], first, last))
            {
                return 0;
            }

            // Numbers issued before October 2020 carry a check digit; newer ones do not.
            var sum = 0;
            ReadOnlySpan<int> w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
            for (var i = 0; i < 12; i++)
            {
                sum += d[i] * w[i];
            }

            var checksum = (checkBase - (sum % 11)) % 10 == d[12];
            return checksum ? Math.Max(confidence, 0.8) : m.Value.Contains('-') ? confidence : 0.45;
        };

    // The colon form must not be part of a longer colon list (an IPv6 address, a MAC, a time).
    private static double AadhaarValidator(in RuleMatch m, double confidence)
    {
        if (m.Value.Contains(':') && ((m.Start > 0 && m.Text[m.Start - 1] == ':') || (m.End < m.Text.Length && m.Text[m.End] == ':')))
        {
            return 0;
        }

        Span<byte> d = stackalloc byte[16];
        var n = Checksums.Digits(m.Value, d);
        return n == 12 && IdValidators.Aadhaar(d[..12]) ? confidence : 0;
    }

    // The check digit (ISO 7064 MOD 11,10) must hold; numbers that break the digit-repetition rule count only when a Steuer-ID
    // context word lifts them (0.45 + the boost).
    private static double DeTaxIdValidator(in RuleMatch m, double confidence)
    {
        Span<byte> d = stackalloc byte[16];
        var n = Checksums.Digits(m.Value, d);
        if (n != 11 || d[0] == 0 || IdValidators.NearlyAllSame(d[..11]))
        {
            return 0;
        }

        if (IdValidators.DeTaxId(d[..11]))
        {
            return confidence;
        }

        return IdValidators.Iso7064Mod1110(d[..10]) == d[10] ? 0.45 : 0;
    }

    // 10 digits with the first digit 2–6 and the check digit pass for about one random number in twenty: enough alone. With the
    // individual reference number (11 digits) the undelimited form collides with other 11-digit ids (TC Kimlik, PESEL).
    private static double MedicareValidator(in RuleMatch m, double confidence)
    {
        Span<byte> d = stackalloc byte[16];
        var n = Checksums.Digits(m.Value, d);
        if (n <= 0 || !IdValidators.AuMedicare(d[..n]))
        {
            return 0;
        }

        return n == 11 && !m.Value.ContainsAny(' ', '-', '/') ? 0.45 : confidence;
    }

    // The number printed on the card has no check digit (the MRZ adds it): without the 7-3-1 check only a context word
    // (+0.25) lifts it over the default floor.
    private static double DeIdCardValidator(in RuleMatch m, double confidence)
        => IdValidators.De731(m.Value) ? confidence : 0.45;

    // Checksum-valid UENs; the other-entity format (prefix, year, entity type and check letter) is the strongest.
    private static double SgUenValidator(in RuleMatch m, double confidence)
        => IdValidators.SgUenFormat(m.Value) switch
        {
            'C' => Math.Max(confidence, 0.7),
            'A' or 'B' => confidence,
            _ => 0,
        };

    // Grouped 3-3-3(-3) with a valid check digit stands alone (12 digits a little stronger); undelimited digits need the context word.
    private static double PhTinValidator(in RuleMatch m, double confidence)
    {
        Span<byte> d = stackalloc byte[16];
        var n = Checksums.Digits(m.Value, d);
        if (n is not (9 or 12) || !IdValidators.PhTin(d[..n]))
        {
            return 0;
        }

        if (!m.Value.Contains('-') && !m.Value.Contains(' '))
        {
            return 0.3;
        }

        // 3-3-3 is also how SINs and phone numbers are grouped: only the 12-digit form with the branch code stands alone.
        return n == 12 ? confidence : 0.45;
    }

    private static double PlateValidator(in RuleMatch m, double confidence)
        => m.Value.ContainsAny(' ', '-') ? confidence : 0.45;

    // DVLA formats: current (AB51 ABC: area letters without I/Q/Z, age 02–25 or 51–75, random letters without I/Q),
    // prefix (A123 BCD) and suffix (ABC 123D) with the year letter not I/O/Q/U/Z.
    private static double UkPlateValidator(in RuleMatch m, double confidence)
    {
        var c = IdValidators.Compact(m.Value);
        bool Ok(char ch, string excluded) => excluded.IndexOf(ch, StringComparison.Ordinal) < 0;
        if (c.Length == 7 && char.IsAsciiLetter(c[0]) && char.IsAsciiLetter(c[1]) && char.IsAsciiDigit(c[2]) && char.IsAsciiDigit(c[3]))
        {
            var age = ((c[2] - '0') * 10) + (c[3] - '0');
            var valid = Ok(c[0], "IQZ") && Ok(c[1], "IQZ") && (age is >= 2 and <= 25 or >= 51 and <= 75) && Ok(c[4], "IQ") && Ok(c[5], "IQ") && Ok(c[6], "IQ");
            return valid ? confidence : 0;
        }

        if (char.IsAsciiLetter(c[0]) && char.IsAsciiDigit(c[1]))
        {
            return Ok(c[0], "IOQUZ") ? 0.45 : 0;
        }

        return Ok(c[^1], "IOQUZ") ? 0.45 : 0;
    }

    private static double DeTaxNumberValidator(in RuleMatch m, double confidence)
        => m.Value.Contains('/') ? 0.55 : 0.4;

    private static double GeneralDateValidator(in RuleMatch m, double confidence)
    {
        var before = m.Before(10);
        if (before.TrimEnd().EndsWith("version", StringComparison.OrdinalIgnoreCase) || before.EndsWith("v", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        return confidence;
    }

    internal static MatchValidator TextValidator(TextCheck check)
        => (in RuleMatch m, double confidence) => check(m.Value) ? confidence : 0;

    private static bool IsGrouped(ReadOnlySpan<char> value) => value.ContainsAny(' ', '-', '.');

    private static double SsnValidator(in RuleMatch m, double confidence)
    {
        Span<byte> d = stackalloc byte[16];
        var n = Checksums.Digits(m.Value, d);
        if (n != 9 || IdValidators.UsItin(d[..9]))
        {
            return 0;
        }

        if (!IdValidators.UsSsn(d[..9]))
        {
            // A published example (123-45-6789) is never issued, but it is what people type as "my SSN" in demos and
            // tests: grouped and next to an SSN context word only (0.3 + the 0.25 boost; alone it stays under every floor).
            return IsGrouped(m.Value) && IdValidators.IsPublishedExampleSsn(d[..9]) ? 0.3 : 0;
        }

        // An undelimited 9-digit number is only an SSN with context (the boost adds it).
        return IsGrouped(m.Value) ? confidence : 0.45;
    }

    private static double SinValidator(in RuleMatch m, double confidence)
    {
        Span<byte> d = stackalloc byte[16];
        var n = Checksums.Digits(m.Value, d);
        if (n != 9 || !IdValidators.CaSin(d[..9]))
        {
            return 0;
        }

        return IsGrouped(m.Value) ? confidence : 0.45;
    }

    private static double AbaValidator(in RuleMatch m, double confidence)
    {
        Span<byte> d = stackalloc byte[16];
        var n = Checksums.Digits(m.Value, d);
        if (n != 9 || !Checksums.AbaRouting(d[..9]) || IdValidators.AllSame(d[..9]))
        {
            return 0;
        }

        var prefix = (d[0] * 10) + d[1];
        if (!(prefix <= 12 || prefix is >= 21 and <= 32 || prefix is >= 61 and <= 72 || prefix == 80))
        {
            return 0;
        }

        return m.Value.Contains('-') ? confidence : 0.45;
    }

    // The top-level domains an obfuscated address must end with: without the '@' and '.', only a real one tells an
    // address from prose ("meet at the office dot com" is not one).
    private static readonly FrozenSet<string> s_obfuscatedEmailTlds = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
    [
        "com", "org", "net", "edu", "gov", "mil", "int", "io", "co", "info", "biz", "me", "dev", "app", "ai", "tech", "online", "email",
        "uk", "de", "fr", "es", "it", "nl", "be", "ch", "at", "se", "no", "dk", "fi", "pl", "cz", "pt", "ie", "gr", "ru", "ua",
        "us", "ca", "mx", "br", "ar", "cl", "au", "nz", "jp", "cn", "kr", "in", "sg", "hk", "tw", "za", "il", "tr", "eu",
    ]);

    private static readonly System.Buffers.SearchValues<char> s_localPartMarks = System.Buffers.SearchValues.Create("._-0123456789");

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_mailProviderLookup = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
    [
        "gmail", "googlemail", "yahoo", "outlook", "hotmail", "live", "msn", "icloud", "me", "aol", "proton", "protonmail", "pm", "gmx", "web", "mail",
        "yandex", "zoho", "fastmail", "tutanota", "qq", "163", "naver",
    ]).GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_obfuscatedEmailTldLookup = s_obfuscatedEmailTlds.GetAlternateLookup<ReadOnlySpan<char>>();

    // The regex already requires a written-out dot before the TLD of a spoken " at " ("jane at example dot com"), so
    // "meet at noon" never matches; here: a real TLD, and a spoken form must also look like an address.
    private static double ObfuscatedEmailValidator(in RuleMatch m, double confidence)
    {
        var value = m.Value;
        var bracketedAt = value.Contains("at]", StringComparison.OrdinalIgnoreCase) || value.Contains("at)", StringComparison.OrdinalIgnoreCase)
            || value.Contains("at}", StringComparison.OrdinalIgnoreCase) || value.Contains("at>", StringComparison.OrdinalIgnoreCase)
            || value.Contains("at ]", StringComparison.OrdinalIgnoreCase) || value.Contains("at )", StringComparison.OrdinalIgnoreCase);
        if (!bracketedAt)
        {
            // "x at y dot com" is also how people talk about web sites ("look at example dot com"): the local part must
            // look like one (a dot, underscore, hyphen or digit in it) or the domain be a mail provider's.
            var at = value.LastIndexOf(" at ", StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return 0;
            }

            var local = value[..at];
            var domain = value[(at + 4)..].TrimStart();
            var label = domain[..Math.Max(0, domain.IndexOfAny(' ', '.', '['))];
            if (local.IndexOfAny(s_localPartMarks) < 0 && !local.Contains(" dot ", StringComparison.OrdinalIgnoreCase) && !s_mailProviderLookup.Contains(label))
            {
                return 0;
            }
        }

        var end = value.Length;
        var start = end;
        while (start > 0 && char.IsAsciiLetter(value[start - 1]))
        {
            start--;
        }

        return s_obfuscatedEmailTldLookup.Contains(value[start..end]) ? confidence : 0;
    }

    private static double EmailValidator(in RuleMatch m, double confidence)
    {
        var value = m.Value;
        if (IsUrlUserInfo(m.Before(96)))
        {
            // scheme://user:password@host: the "local part" is a password, reported by the credential rules.
            return 0;
        }

        var at = value.LastIndexOf('@');
        var local = value[..at];
        var domain = value[(at + 1)..];
        if (local.StartsWith(".") || local.EndsWith(".") || local.Contains("..", StringComparison.Ordinal))
        {
            return 0;
        }

        var tld = domain[(domain.LastIndexOf('.') + 1)..];
        ReadOnlySpan<string> files = ["png", "jpg", "jpeg", "gif", "svg", "webp", "css", "js", "ts", "ico", "bmp", "tiff", "avif", "map", "mjs"];
        foreach (var f in files)
        {
            if (tld.Equals(f, StringComparison.OrdinalIgnoreCase))
            {
                return 0;
            }
        }

        return confidence;
    }

    private static readonly System.Buffers.SearchValues<char> s_userInfoStop = System.Buffers.SearchValues.Create(" \t\r\n/@\"'<>");

    // The text before a match ends in "scheme://user:" (no whitespace or '/' after the "://").
    private static bool IsUrlUserInfo(ReadOnlySpan<char> before)
    {
        if (before.IsEmpty || before[^1] != ':')
        {
            return false;
        }

        var scheme = before.LastIndexOf("://", StringComparison.Ordinal);
        return scheme >= 0 && !before[(scheme + 3)..^1].ContainsAny(s_userInfoStop);
    }

    private static double Ipv4Validator(in RuleMatch m, double confidence)
    {
        var before = m.Before(12);
        if (before.EndsWith("v", StringComparison.OrdinalIgnoreCase) || before.TrimEnd().EndsWith("version", StringComparison.OrdinalIgnoreCase)
            || before.TrimEnd().EndsWith("ver", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        var after = m.After(2);
        if (after.Length > 1 && after[0] == '.' && char.IsAsciiDigit(after[1]))
        {
            return 0;
        }

        var value = m.Value;
        if (value.StartsWith("0.", StringComparison.Ordinal))
        {
            return value.SequenceEqual("0.0.0.0") ? 0.5 : 0;
        }

        var isPrivate = value.StartsWith("10.", StringComparison.Ordinal) || value.StartsWith("127.", StringComparison.Ordinal) || value.StartsWith("192.168.", StringComparison.Ordinal)
            || value.StartsWith("169.254.", StringComparison.Ordinal) || IsPrivate172(value);
        return isPrivate ? 0.5 : confidence;
    }

    private static bool IsPrivate172(ReadOnlySpan<char> value)
    {
        if (!value.StartsWith("172.", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = value[4..];
        var dot = rest.IndexOf('.');
        return dot > 0 && int.TryParse(rest[..dot], System.Globalization.CultureInfo.InvariantCulture, out var second) && second is >= 16 and <= 31;
    }

    // Code decorators and annotations (a line starting with '@', or a well-known one in prose) are not handles.
    private static double SocialHandleValidator(in RuleMatch m, double confidence)
    {
        var before = m.Text[..m.Start].TrimEnd(" \t".AsSpan());
        if (!before.IsEmpty && before[^1] is '\n' or '\r')
        {
            return 0;
        }

        ReadOnlySpan<string> code = ["property", "staticmethod", "classmethod", "override", "Override", "dataclass", "param", "return", "returns", "throws", "deprecated", "Deprecated", "abstractmethod", "pytest", "app", "Component", "Injectable", "Input", "Output", "Test", "media", "import", "keyframes", "font", "font-face", "echo", "include", "extend", "apply", "tailwind", "types", "angular", "nestjs", "babel", "vue", "latest", "next", "username", "handle", "user", "example", "everyone", "here", "channel", "all"];
        foreach (var c in code)
        {
            if (m.Value.Equals(c, StringComparison.Ordinal))
            {
                return 0;
            }
        }

        return confidence;
    }

    private static double DateValidator(in RuleMatch m, double confidence) => confidence;

    private static double NameValidator(in RuleMatch m, double confidence)
    {
        var value = m.Value;
        if (IsKeyPrefix(m.Text[m.Start..m.ValueStart]) && !LooksLikeKeyedPersonName(value))
        {
            // A bare "name:" key (also how the JSON scanner presents a "name" property) names products, services and
            // tools far more often than people: require a first and last name, neither a CamelCase identifier.
            return 0;
        }

        ReadOnlySpan<string> stop = ["The", "This", "That", "Here", "There", "Not", "And", "But", "Yes", "No", "Okay", "Sure", "Hello", "Thanks", "Thank", "Smith"];
        foreach (var s in stop)
        {
            if (value.Equals(s, StringComparison.Ordinal))
            {
                return 0;
            }
        }

        return confidence;
    }

    private static bool IsKeyPrefix(ReadOnlySpan<char> prefix)
    {
        var trimmed = prefix.TrimEnd();
        return trimmed.EndsWith(':') && trimmed.TrimEnd(':').TrimEnd().EndsWith("name", StringComparison.OrdinalIgnoreCase);
    }

    private static bool LooksLikeKeyedPersonName(ReadOnlySpan<char> value)
    {
        var words = 0;
        foreach (var range in value.SplitAny(' ', '\t', '\r', '\n'))
        {
            var word = value[range];
            if (word.IsEmpty)
            {
                continue;
            }

            words++;
            var skip = word.StartsWith("Mc", StringComparison.Ordinal) ? 2 : word.StartsWith("Mac", StringComparison.Ordinal) ? 3 : 1;
            for (var i = skip + 1; i < word.Length; i++)
            {
                if (char.IsUpper(word[i]) && char.IsLower(word[i - 1]))
                {
                    return false;
                }
            }
        }

        return words >= 2;
    }

    private static double InPlateValidator(in RuleMatch m, double confidence)
    {
        ReadOnlySpan<string> states =
        [
            "AN", "AP", "AR", "AS", "BR", "CG", "CH", "DD", "DL", "DN", "GA", "GJ", "HR", "HP", "JH", "JK", "KA", "KL", "LA", "LD", "MH", "ML",
            "MN", "MP", "MZ", "NL", "OD", "OR", "PB", "PY", "RJ", "SK", "TN", "TR", "TS", "UK", "UP", "WB", "BH",
        ];
        var prefix = m.Value[..2];
        foreach (var s in states)
        {
            if (prefix.Equals(s, StringComparison.OrdinalIgnoreCase))
            {
                return confidence;
            }
        }

        return 0;
    }

    private static double GstinValidator(in RuleMatch m, double confidence)
    {
        var state = ((m.Value[0] - '0') * 10) + (m.Value[1] - '0');
        if (state is not ((>= 1 and <= 37) or 97))
        {
            return 0;
        }

        return IdValidators.InGstin(m.Value) ? 0.95 : confidence;
    }

    private static double KrDrivingValidator(in RuleMatch m, double confidence)
    {
        Span<byte> d = stackalloc byte[16];
        var n = Checksums.Digits(m.Value, d);
        var region = (d[0] * 10) + d[1];
        return n == 12 && region is >= 11 and <= 28 ? (m.Value.ContainsAny('-', ' ') ? confidence : 0.4) : 0;
    }

    // Scheme or www., optional user info, a host with a top-level domain (or an IPv4 / [IPv6] literal), port, path.
    [GeneratedRegex(@"(?<![\w.+-])(?<v>(?i:https?://(?:[^\s/@""'<>]{1,128}@)?|www\.)(?:(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}|\d{1,3}(?:\.\d{1,3}){3}|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?(?:[/?#](?:[^\s""'<>()\[\]{}`\\^|]{0,2046}[^\s""'<>()\[\]{}`\\^|.,;:!?])?)?)(?![\w-])", O, T)]
    private static partial Regex Url();

    [GeneratedRegex(@"(?<![A-Za-z0-9._%+-])(?<v>[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,24}|xn--[a-z0-9-]{2,59}))(?![A-Za-z0-9-])", O, T)]
    private static partial Regex Email();

    // local [at] domain [dot] tld: a bracketed "at" ((), [], {} or <>) with any dots, or a spoken " at " whose domain
    // ends in a written-out dot ("jane dot roe at example dot com").
    private const string ObfuscatedDot = @"(?:\s*[\[({<]\s*dot\s*[\])}>]\s*|\s+dot\s+)";
    private const string ObfuscatedLocal = @"[A-Za-z0-9][A-Za-z0-9_%+-]{0,63}(?:(?:\." + "|" + ObfuscatedDot + @")[A-Za-z0-9_%+-]{1,63}){0,3}";
    private const string ObfuscatedLabel = @"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";

    [GeneratedRegex(@"(?<![A-Za-z0-9._%+-])(?<v>" + ObfuscatedLocal + @"\s*[\[({<]\s*at\s*[\])}>]\s*" + ObfuscatedLabel + @"(?:(?:\.|" + ObfuscatedDot + ")" + ObfuscatedLabel + "){1,4}"
        + "|" + ObfuscatedLocal + @"\s+at\s+" + ObfuscatedLabel + @"(?:(?:\.|" + ObfuscatedDot + ")" + ObfuscatedLabel + "){0,3}" + ObfuscatedDot + ObfuscatedLabel + @")(?![A-Za-z0-9-])", Oi, T)]
    private static partial Regex ObfuscatedEmail();

    [GeneratedRegex(@"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}", O, T)]
    private static partial Regex Ipv4();

    // English: number, 1–3 capitalised words, ordinals (57th) or a compass letter, a suffix ("The" never starts the name:
    // "Chapter 3 The Long Road"; St/Dr before a capitalised word are titles: "2 Meet Dr Jekyll"). Lower case: number, one or two words, a full suffix (the validator rejects everyday
    // words: "4 wheel drive", "2 cups of road salt"). PO boxes; French "15 rue de la Paix"; German street + number.
    [GeneratedRegex(@"\b(?<v>\d{1,5}[A-Za-z]?,?\s+(?!The\s)(?:(?:[A-Z][a-z]+|\d{1,3}(?:st|nd|rd|th)|[NSEW]\.?)\s+){1,3}(?:Street|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Court|Ct|Circle|Cir|Terrace|Parkway|Pkwy|Square|Highway|Hwy|(?:St|Dr)(?!\.?\s+[A-Z][a-z]))\b\.?"
        + @"|\d{1,5}\s+[a-z]{2,20}(?:\s+[a-z]{2,20})?\s+(?:street|st\.|avenue|ave\.|road|boulevard|blvd\.?|lane|drive)(?![\w-])"
        + @"|(?i:p\.?\s?o\.?\s?box|post\s+office\s+box)\s*#?\s*\d{1,7}"
        + @"|\d{1,4}(?:\s?(?:bis|ter))?,?\s+(?:(?i:rue|boulevard|bd|chemin|impasse|quai|allée)\s+(?:(?:de|du|des|la|le|d'|l')\s*){0,2}|(?i:avenue|av\.|cours)\s+(?:de la|de l'|des|du|de|d')\s*)[A-ZÀ-Ý][\w'-]+"
        + @"|(?:[A-ZÄÖÜ][a-zäöüß]+(?:straße|strasse|weg|platz|allee|gasse|ring|damm)|[A-ZÄÖÜ][a-zäöüß]+ (?:Straße|Strasse|Str\.|Weg|Platz|Allee))\s+\d{1,4}[a-z]?\b)", O, T)]
    private static partial Regex StreetAddress();

    [GeneratedRegex(@"[A-Z]{0,3}\d{6,14}", Oi, T)]
    private static partial Regex HealthPlanId();

    // Everyday words in "<number> <word> [<word>] street/road/drive…" that make it prose or a measure, not an address.
    private static readonly FrozenSet<string> s_notStreetWords = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            "the", "a", "an", "of", "to", "on", "in", "at", "for", "by", "and", "or", "down", "up", "across", "along", "per", "my", "your",
            "our", "their", "his", "her", "its", "this", "that", "these", "those", "each", "every", "more", "less", "other", "new", "old",
            "long", "short", "wide", "narrow", "big", "small", "way", "lane", "lanes", "wheel", "hard", "flash", "disk", "usb", "ssd",
            "tb", "gb", "mb", "test", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "day", "days", "mile", "miles", "km",
            "kms", "meter", "meters", "metre", "metres", "foot", "feet", "ft", "block", "blocks", "car", "cars", "people", "times", "is",
            "was", "are", "were", "be", "from", "with", "off", "side", "one", "two", "dirt", "toll", "private", "public", "busy",
            "quiet", "open", "closed", "final", "first", "last", "next", "second", "third", "scenic", "country", "local", "year", "years",
            "week", "weeks", "month", "months", "cups", "cup", "steps", "step", "lines", "line", "bike", "bus", "seconds", "onto", "into",
            "toward", "towards", "near", "past", "via", "through", "cross", "turn", "left", "right", "exit", "then", "just", "only", "about",
            "around", "over", "under", "behind", "beyond", "outside", "inside", "than", "like", "as", "all", "any", "some", "many", "few",
            "most", "such", "no", "not", "very", "so", "out", "here", "there", "where", "which", "what", "who", "extra", "wet", "dry",
            "dark", "empty", "straight", "winding", "steep", "paved", "gravel", "city", "town", "residential", "major", "minor", "same",
            "different", "parallel", "nearby", "nearest", "single", "double", "three", "four", "five", "six", "ten", "hundred", "thousand",
            "we", "you", "they", "he", "she", "it", "i", "me", "us", "them", "if", "when", "while", "until", "after", "before", "again",
        ]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_notStreetWordsLookup = s_notStreetWords.GetAlternateLookup<ReadOnlySpan<char>>();

    // The lower-case form ("12 elm street") is rejected when a word between the number and the suffix is an everyday word.
    private static double StreetAddressValidator(in RuleMatch m, double confidence)
    {
        var value = m.Value;
        if (value.IsEmpty || !char.IsAsciiDigit(value[0]) || value.ContainsAnyInRange('A', 'Z'))
        {
            return confidence;
        }

        var digits = 0;
        while (digits < value.Length && char.IsAsciiDigit(value[digits]))
        {
            digits++;
        }

        var words = value[digits..].Trim();
        var last = words.LastIndexOfAny(' ', '\t', '\n');
        if (last < 0)
        {
            return confidence;
        }

        var inner = words[..last];
        foreach (var range in inner.SplitAny(' ', '\t', '\n'))
        {
            if (s_notStreetWordsLookup.Contains(inner[range]))
            {
                return 0;
            }
        }

        return confidence;
    }

    // Lower case only after "my name is" / "call me" (the validator wants a known given name first); a second word that is a
    // function word ends the name ("my name is john and …").
    [GeneratedRegex(@"(?:\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sir|Mx)\b\.?\s{1,3}|(?i:\bmy name is|\bname\s*:|\bi am called|\bcall me)\s+(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?)(?<v>[A-Z][a-zA-Z'-]+(?:\s+(?:[A-Z]\.?\s+)?[A-Z][a-zA-Z'-]+)?)", O, T)]
    private static partial Regex PersonName();

    [GeneratedRegex(@"(?<![\d/.-])(?<v>\d{1,2}[./-]\d{1,2}[./-](?:19|20)?\d{2}|(?:19|20)\d{2}-\d{1,2}-\d{1,2}|\d{1,2}\.?\s+(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|januar|februar|märz|mai|juni|juli|oktober|dezember)[a-z]*\.?\s+(?:19|20)\d{2}|(?i:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2})(?![\d/.])", O, T)]
    private static partial Regex Date();

    [GeneratedRegex(@"\d{4}(?<s>[ -]?)\d{4}\k<s>\d{4}\k<s>\d{1,7}|\d{4}[ -]?\d{6}[ -]?\d{4,5}|\d{13,19}", O, T)]
    private static partial Regex Card();

    [GeneratedRegex(@"(?<![\d-])(?:(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:[.,]\d{1,9})?)?(?:Z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)?(?![\w:.+-])|(?:19|20)\d{2}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12]\d|3[01])|(?:0?[1-9]|1[0-2])/(?:19|20)\d{2}(?![/.-]?\d)|(?:0?[1-9]|[12]\d|3[01])[./-](?:0?[1-9]|1[0-2])[./-](?:19|20)?\d{2}|(?:0?[1-9]|1[0-2])[/-](?:0?[1-9]|[12]\d|3[01])[/-](?:19|20)?\d{2}|(?:0?[1-9]|[12]\d|3[01])[ -](?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?[ -](?:19|20)\d{2})(?!\d)(?![/.-]\d)", O, T)]
    private static partial Regex GeneralDate();

    // Month first (May 1st, 1977 / Jan 5 / May-21 / May 2021) or day first (21-May / 5th of March 2021). Month names
    // only capitalised or in capitals: "may", "march" and "dec" are also words.
    private const string MonthName = @"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?|SEP(?:T(?:EMBER)?)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)";

    [GeneratedRegex(@"(?<![\w-])(?:" + MonthName + @"\.?(?:[ -](?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?:,?\s+(?:19|20)\d{2})?|[ -](?:19|20)\d{2})|(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?(?:[ -]|\s+of\s+)" + MonthName + @"\.?(?:,?\s+(?:19|20)\d{2})?)(?![\w-]|[.,:/]\d)", O, T)]
    private static partial Regex WrittenDate();

    [GeneratedRegex(@"\d{4}-?\d{4}-?\d", O, T)]
    private static partial Regex Aba();

    [GeneratedRegex(@"\d{8,17}", O, T)]
    private static partial Regex BankAccount();

    [GeneratedRegex(@"\b[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?\b", O, T)]
    private static partial Regex SwiftBic();

    [GeneratedRegex(@"\d{3}(?<s>[- .]?)\d{2}\k<s>\d{4}", O, T)]
    private static partial Regex Ssn();

    [GeneratedRegex(@"[12]\d{3}[- ]?\d{3}[- ]?\d{3}", O, T)]
    private static partial Regex Npi();

    [GeneratedRegex(@"[A-Z][A-Z9]\d{7}", Oi, T)]
    private static partial Regex Dea();

    [GeneratedRegex(@"[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y]{2}\d{2}", Oi, T)]
    private static partial Regex Mbi();

    [GeneratedRegex(@"[A-Z]?\d{8,9}", Oi, T)]
    private static partial Regex UsPassport();

    // Letter + digits, digits alone, or a letter + dash-grouped digits as several states print them (S530-4128-8011).
    [GeneratedRegex(@"[A-Z]\d{5,14}|\d{7,12}|[A-Z]\d{3}(?:-\d{2,4}){2,4}", Oi, T)]
    private static partial Regex DriverLicense();

    [GeneratedRegex(@"(?<![\w@.+/-])@(?<v>[A-Za-z0-9_]{2,15})(?![\w@-]|\.\w)", O, T)]
    private static partial Regex SocialHandle();

    [GeneratedRegex(@"[A-Z]{0,3}\d{5,10}", Oi, T)]
    private static partial Regex Mrn();

    [GeneratedRegex(@"\b(?<v>[A-TV-Z]\d{2}(?:\.\d{1,4}[A-Z]?|\.[A-Z0-9]{1,4})?)\b", O, T)]
    private static partial Regex Icd10();

    [GeneratedRegex(@"[A-HJ-NPR-Z0-9]{17}", Oi, T)]
    private static partial Regex Vin();

    [GeneratedRegex(@"\d{2}[- ]?\d{6}[- ]?\d{6}[- ]?\d|\d{15}", O, T)]
    private static partial Regex Imei();

    [GeneratedRegex(@"[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]", Oi, T)]
    private static partial Regex Nino();

    [GeneratedRegex(@"\d{3}[- ]?\d{3}[- ]?\d{4}", O, T)]
    private static partial Regex Nhs();

    [GeneratedRegex(@"[A-Z]{2}\d{7}|\d{9}", Oi, T)]
    private static partial Regex UkPassport();

    [GeneratedRegex(@"[A-Z9]{5}\d{6}[A-Z9]{2}\d[A-Z]{2}", Oi, T)]
    private static partial Regex UkDriving();

    [GeneratedRegex(@"GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2}", O, T)]
    private static partial Regex UkPostcode();

    [GeneratedRegex(@"[A-Z]{2}\d{2}[ -]?[A-Z]{3}|[A-Z]\d{1,3}[ -]?[A-Z]{3}|[A-Z]{3}[ -]?\d{1,3}[A-Z]", Oi, T)]
    private static partial Regex UkPlate();

    [GeneratedRegex(@"\d{7,8}[- ]?[A-Z]", Oi, T)]
    private static partial Regex EsNif();

    [GeneratedRegex(@"[XYZ][- ]?\d{7}[- ]?[A-Z]", Oi, T)]
    private static partial Regex EsNie();

    [GeneratedRegex(@"[A-Z]{3}\d{6}", Oi, T)]
    private static partial Regex EsPassport();

    [GeneratedRegex(@"[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-EHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]", Oi, T)]
    private static partial Regex ItFiscal();

    [GeneratedRegex(@"\d{11}", O, T)]
    private static partial Regex ElevenDigits();

    [GeneratedRegex(@"[A-Z]{2} ?\d{7}|\d{7}[A-Z]{2}|[A-Z]{2}\d{5}[A-Z]{2}", Oi, T)]
    private static partial Regex ItIdCard();

    [GeneratedRegex(@"[A-Z]{2}\d{7}", Oi, T)]
    private static partial Regex ItPassport();

    [GeneratedRegex(@"[A-Z]{2}\d{7}[A-Z]|U1[A-Z0-9]{7}[A-Z]", Oi, T)]
    private static partial Regex ItDriving();

    [GeneratedRegex(@"\d{8}[A-Z]\d{3}", Oi, T)]
    private static partial Regex DeRvnr();

    [GeneratedRegex(@"[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{7}\d", Oi, T)]
    private static partial Regex DeIdCard();

    [GeneratedRegex(@"[CFGHJK][CFGHJKLMNPRTVWXYZ0-9]{7}\d", Oi, T)]
    private static partial Regex DePassport();

    [GeneratedRegex(@"[A-Z]\d{9}", Oi, T)]
    private static partial Regex DeKvnr();

    [GeneratedRegex(@"\d{2,3}/\d{3,4}/\d{4,5}|\d{10,13}", O, T)]
    private static partial Regex DeTaxNumber();

    [GeneratedRegex(@"\d{9}", O, T)]
    private static partial Regex NineDigits();

    [GeneratedRegex(@"\d{5}", O, T)]
    private static partial Regex FiveDigits();

    [GeneratedRegex(@"[A-ZÄÖÜ]{1,3}[ -][A-Z]{1,2}[ -]\d{1,4}[EH]?", Oi, T)]
    private static partial Regex DePlate();

    [GeneratedRegex(@"[A-Z0-9]{2}\d{8}[A-Z0-9]", Oi, T)]
    private static partial Regex DeDriving();

    [GeneratedRegex(@"\d{6}[-+ABCDEFYXWVU]\d{3}[0-9A-FHJ-NPR-Y]", Oi, T)]
    private static partial Regex FiHetu();

    [GeneratedRegex(@"(?:\d{2})?\d{6}[-+]?\d{4}", O, T)]
    private static partial Regex SePnr();

    [GeneratedRegex(@"\d{6}-?\d{4}", O, T)]
    private static partial Regex SeOrg();

    [GeneratedRegex(@"\d{3}[- ]?\d{3}[- ]?\d{3}", O, T)]
    private static partial Regex CaSin();

    [GeneratedRegex(@"\d{3} ?\d{3} ?\d{3}", O, T)]
    private static partial Regex AuTfn();

    [GeneratedRegex(@"\d{2} ?\d{3} ?\d{3} ?\d{3}", O, T)]
    private static partial Regex AuAbn();

    [GeneratedRegex(@"[2-6]\d{3} ?\d{5} ?\d\d?", O, T)]
    private static partial Regex AuMedicare();

    [GeneratedRegex(@"[2-9]\d{3}(?<s>[ :-]?)\d{4}\k<s>\d{4}", O, T)]
    private static partial Regex Aadhaar();

    [GeneratedRegex(@"[A-Z]{3}[ABCFGHLJPTK][A-Z]\d{4}[A-Z]", Oi, T)]
    private static partial Regex InPan();

    [GeneratedRegex(@"[A-Z]\d{7}", Oi, T)]
    private static partial Regex InPassport();

    [GeneratedRegex(@"[A-Z]{3}\d{7}", Oi, T)]
    private static partial Regex InVoter();

    [GeneratedRegex(@"[A-Z]{2}[ -]?\d{1,2}[ -]?[A-Z]{1,3}[ -]?\d{4}", Oi, T)]
    private static partial Regex InPlate();

    [GeneratedRegex(@"\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]", Oi, T)]
    private static partial Regex InGstin();

    [GeneratedRegex(@"[STFGM]\d{7}[A-Z]", Oi, T)]
    private static partial Regex SgNric();

    [GeneratedRegex(@"\d{8,9}[A-Z]|[TSR]\d{2}[A-Z]{2}\d{4}[A-Z]", Oi, T)]
    private static partial Regex SgUen();

    [GeneratedRegex(@"\d{6}-?\d{7}", O, T)]
    private static partial Regex KrRrn();

    [GeneratedRegex(@"\d{3}-?\d{2}-?\d{5}", O, T)]
    private static partial Regex KrBrn();

    [GeneratedRegex(@"[MSRODG]\d{8}|[MSRODG]\d{3}[A-Z]\d{4}", Oi, T)]
    private static partial Regex KrPassport();

    [GeneratedRegex(@"\d{2}[- ]?\d{2}[- ]?\d{6}[- ]?\d{2}", O, T)]
    private static partial Regex KrDriving();

    [GeneratedRegex(@"\d{13}", O, T)]
    private static partial Regex ThirteenDigits();

    [GeneratedRegex(@"(?:0[1-9]|[1-7]\d|8[01]) ?[A-Z]{1,3} ?\d{2,4}(?![:\d])", Oi, T)]
    private static partial Regex TrPlate();

    [GeneratedRegex(@"[A-Z]{3}[- ]?\d{3}[A-Z]{2}", Oi, T)]
    private static partial Regex NgPlate();

    [GeneratedRegex(@"\d{3}(?<s>[- ]?)\d{3}\k<s>\d{3}(?:\k<s>\d{3})?", O, T)]
    private static partial Regex PhTin();
}
