using System.Globalization;
using System.Security.Cryptography;

namespace AegisGate.Detection.Validation;

/// <summary>Check-digit algorithms of national identifiers, tax and health numbers, cards and wallets.</summary>
internal static class IdValidators
{
    private const string Base58Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private const string Bech32Alphabet = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    /// <summary>Letters and digits only, upper-cased.</summary>
    public static string Compact(ReadOnlySpan<char> value)
    {
        Span<char> buffer = value.Length <= 128 ? stackalloc char[value.Length] : new char[value.Length];
        var n = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                buffer[n++] = char.ToUpperInvariant(c);
            }
        }

        return new string(buffer[..n]);
    }

    /// <summary>Digits of a span into a new array.</summary>
    public static byte[] DigitsOf(ReadOnlySpan<char> value)
    {
        Span<byte> buffer = stackalloc byte[64];
        var n = Checksums.Digits(value, buffer);
        return n < 0 ? [] : buffer[..n].ToArray();
    }

    public static bool IsValidDate(int year, int month, int day)
        => month is >= 1 and <= 12 && day >= 1 && year is >= 1800 and <= 2199 && day <= DateTime.DaysInMonth(year, month);

    // --- Payment cards --------------------------------------------------------------------------------------------

    /// <summary>A payment card: 13–19 digits, Luhn, a known issuer prefix, not one repeated digit.</summary>
    public static bool PaymentCard(ReadOnlySpan<byte> d)
    {
        if (d.Length is < 13 or > 19 || !Checksums.Luhn(d) || AllSame(d))
        {
            return false;
        }

        var p2 = (d[0] * 10) + d[1];
        var p4 = (p2 * 100) + (d[2] * 10) + d[3];
        return d[0] switch
        {
            1 => d.Length == 15, // UATP
            2 => p4 is >= 2221 and <= 2720 && d.Length == 16, // Mastercard 2-series
            3 => p2 is 34 or 37 ? d.Length == 15 : p2 is 36 or 38 or 30 ? d.Length is 14 or 16 : p4 is >= 3528 and <= 3589 ? d.Length is >= 16 and <= 19 : false,
            4 => d.Length is 13 or 16 or 19,
            5 => p2 is >= 50 and <= 59 && d.Length is >= 16 and <= 19,
            6 => d.Length is >= 16 and <= 19,
            _ => false,
        };
    }

    public static bool AllSame(ReadOnlySpan<byte> d)
    {
        foreach (var x in d)
        {
            if (x != d[0])
            {
                return false;
            }
        }

        return true;
    }

    // --- IBAN ------------------------------------------------------------------------------------------------------

    private static readonly Dictionary<string, int> s_ibanLengths = new(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22, ["BI"] = 27,
        ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DJ"] = 27, ["DK"] = 18, ["DO"] = 28,
        ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FK"] = 18, ["FO"] = 18, ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GI"] = 23,
        ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HN"] = 28, ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26,
        ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20, ["LV"] = 21,
        ["LY"] = 25, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19, ["MN"] = 20, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NI"] = 28,
        ["NL"] = 18, ["NO"] = 15, ["OM"] = 23, ["PK"] = 24, ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22,
        ["RU"] = 33, ["SA"] = 24, ["SC"] = 31, ["SD"] = 18, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["SO"] = 23, ["ST"] = 25,
        ["SV"] = 28, ["TL"] = 23, ["TN"] = 24, ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20, ["YE"] = 30,
    };

    /// <summary>The IBAN length of a country, or 0 when the country has no IBAN.</summary>
    public static int IbanLength(ReadOnlySpan<char> country)
        => country.Length == 2 && s_ibanLengths.TryGetValue(country.ToString(), out var n) ? n : 0;

    // --- National identifiers ------------------------------------------------------------------------------------

    /// <summary>US SSN (and ITIN shape excluded): area 001–899 except 666, group 01–99, serial 0001–9999, not a known advertising number.</summary>
    public static bool UsSsn(ReadOnlySpan<byte> d)
    {
        if (d.Length != 9 || AllSame(d))
        {
            return false;
        }

        var area = (d[0] * 100) + (d[1] * 10) + d[2];
        var group = (d[3] * 10) + d[4];
        var serial = (d[5] * 1000) + (d[6] * 100) + (d[7] * 10) + d[8];
        if (area is 0 or 666 || area >= 900 || group == 0 || serial == 0)
        {
            return false;
        }

        // 123-45-6789 and 078-05-1120 (the Woolworth wallet card) are published examples.
        return !IsPublishedExampleSsn(d);
    }

    /// <summary>123-45-6789, 078-05-1120 (the Woolworth wallet card) and 219-09-9999 (an SSA advertisement): never issued.</summary>
    public static bool IsPublishedExampleSsn(ReadOnlySpan<byte> d)
        => d.Length == 9 && (d.SequenceEqual((ReadOnlySpan<byte>)[1, 2, 3, 4, 5, 6, 7, 8, 9]) || d.SequenceEqual((ReadOnlySpan<byte>)[0, 7, 8, 0, 5, 1, 1, 2, 0])
            || d.SequenceEqual((ReadOnlySpan<byte>)[2, 1, 9, 0, 9, 9, 9, 9, 9]));

    /// <summary>US ITIN: 9XX-[50-65|70-88|90-92|94-99]-XXXX.</summary>
    public static bool UsItin(ReadOnlySpan<byte> d)
    {
        if (d.Length != 9 || d[0] != 9)
        {
            return false;
        }

        var group = (d[3] * 10) + d[4];
        return group is (>= 50 and <= 65) or (>= 70 and <= 88) or (>= 90 and <= 92) or (>= 94 and <= 99);
    }

    /// <summary>US NPI: 10 digits starting 1/2, Luhn over the 80840 prefix + the number.</summary>
    public static bool UsNpi(ReadOnlySpan<byte> d)
    {
        if (d.Length != 10 || d[0] is not (1 or 2) || NearlyAllSame(d))
        {
            return false;
        }

        Span<byte> full = stackalloc byte[15];
        full[0] = 8;
        full[1] = 0;
        full[2] = 8;
        full[3] = 4;
        full[4] = 0;
        d.CopyTo(full[5..]);
        return Checksums.Luhn(full);
    }

    /// <summary>US DEA registration number: 2 letters + 7 digits, (d1+d3+d5) + 2(d2+d4+d6) ends in d7.</summary>
    public static bool UsDea(ReadOnlySpan<char> value)
    {
        if (value.Length != 9 || !char.IsAsciiLetter(value[0]) || !(char.IsAsciiLetter(value[1]) || value[1] == '9'))
        {
            return false;
        }

        Span<int> d = stackalloc int[7];
        for (var i = 0; i < 7; i++)
        {
            if (!char.IsAsciiDigit(value[2 + i]))
            {
                return false;
            }

            d[i] = value[2 + i] - '0';
        }

        var sum = d[0] + d[2] + d[4] + (2 * (d[1] + d[3] + d[5]));
        return sum % 10 == d[6];
    }

    /// <summary>Canadian SIN: 9 digits, Luhn, first digit not 0 or 8.</summary>
    public static bool CaSin(ReadOnlySpan<byte> d) => d.Length == 9 && d[0] is not (0 or 8) && Checksums.Luhn(d) && !AllSame(d);

    /// <summary>Aadhaar: 12 digits, first 2–9, Verhoeff.</summary>
    public static bool Aadhaar(ReadOnlySpan<byte> d) => d.Length == 12 && d[0] >= 2 && Checksums.Verhoeff(d) && !AllSame(d);

    /// <summary>Australian ABN: 11 digits, (first - 1) and weights 10,1,3,…,19, modulo 89.</summary>
    public static bool AuAbn(ReadOnlySpan<byte> d)
    {
        if (d.Length != 11 || d[0] == 0)
        {
            return false;
        }

        ReadOnlySpan<int> w = [10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19];
        var sum = (d[0] - 1) * w[0];
        for (var i = 1; i < 11; i++)
        {
            sum += d[i] * w[i];
        }

        return sum % 89 == 0;
    }

    /// <summary>Australian ACN: 9 digits, weights 8..1, complement of modulo 10.</summary>
    public static bool AuAcn(ReadOnlySpan<byte> d)
    {
        if (d.Length != 9)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += d[i] * (8 - i);
        }

        return (10 - (sum % 10)) % 10 == d[8];
    }

    /// <summary>Australian TFN: 9 digits, weights 1,4,3,7,5,8,6,9,10, modulo 11.</summary>
    public static bool AuTfn(ReadOnlySpan<byte> d)
        => d.Length == 9 && !AllSame(d) && Checksums.WeightedSum(d, [1, 4, 3, 7, 5, 8, 6, 9, 10], 11) == 0;

    /// <summary>Australian Medicare: first digit 2–6, weights 1,3,7,9,1,3,7,9, check is the 9th digit.</summary>
    public static bool AuMedicare(ReadOnlySpan<byte> d)
        => d.Length is 10 or 11 && d[0] is >= 2 and <= 6 && Checksums.WeightedSum(d, [1, 3, 7, 9, 1, 3, 7, 9], 10) == d[8];

    /// <summary>Spanish NIF (DNI): 7–8 digits + control letter.</summary>
    public static bool EsNif(ReadOnlySpan<char> value)
    {
        var compact = Compact(value);
        if (compact.Length is < 8 or > 9 || !char.IsAsciiLetter(compact[^1]))
        {
            return false;
        }

        var digits = compact[..^1].PadLeft(8, '0');
        return Checksums.SpanishIdLetter(digits + compact[^1]);
    }

    /// <summary>Spanish NIE: X/Y/Z + 7 digits + control letter.</summary>
    public static bool EsNie(ReadOnlySpan<char> value)
    {
        var compact = Compact(value);
        return compact.Length == 9 && compact[0] is 'X' or 'Y' or 'Z' && Checksums.SpanishIdLetter(compact);
    }

    /// <summary>Italian partita IVA: 7-digit company number, provincial office code (001–100, 120, 121, 888, 999), Luhn check digit.</summary>
    public static bool ItVat(ReadOnlySpan<byte> d)
    {
        if (d.Length != 11 || AllSame(d) || !Checksums.Luhn(d))
        {
            return false;
        }

        var office = (d[7] * 100) + (d[8] * 10) + d[9];
        return office is (>= 1 and <= 100) or 120 or 121 or 888 or 999;
    }

    /// <summary>Whether one digit makes up all but at most one of the digits (1111111112): test and filler values, not issued numbers.</summary>
    public static bool NearlyAllSame(ReadOnlySpan<byte> d)
    {
        Span<int> counts = stackalloc int[10];
        foreach (var x in d)
        {
            counts[x]++;
        }

        foreach (var count in counts)
        {
            if (count >= d.Length - 1)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>UK driving licence: 5 surname characters, decade, month (+50 for women), day, year, 2 initials, check digit, 2 letters.</summary>
    public static bool UkDrivingLicence(ReadOnlySpan<char> value)
    {
        var c = Compact(value);
        if (c.Length != 16)
        {
            return false;
        }

        var month = ((c[6] - '0') * 10) + (c[7] - '0');
        var day = ((c[8] - '0') * 10) + (c[9] - '0');
        if (month > 50)
        {
            month -= 50;
        }

        return month is >= 1 and <= 12 && day is >= 1 and <= 31;
    }

    /// <summary>UK NINO prefixes that are never issued.</summary>
    public static bool UkNinoPrefix(ReadOnlySpan<char> value)
    {
        var c = Compact(value);
        if (c.Length < 2)
        {
            return false;
        }

        var prefix = c[..2];
        return prefix is not ("BG" or "GB" or "NK" or "KN" or "TN" or "NT" or "ZZ") && "DFIQUV".IndexOf(prefix[0], StringComparison.Ordinal) < 0 && "DFIOQUV".IndexOf(prefix[1], StringComparison.Ordinal) < 0;
    }

    /// <summary>German Steuer-ID: 11 digits, first not 0, one digit repeated 2–3 times in the first ten, ISO 7064 MOD 11,10.</summary>
    public static bool DeTaxId(ReadOnlySpan<byte> d)
    {
        if (d.Length != 11 || d[0] == 0)
        {
            return false;
        }

        Span<int> counts = stackalloc int[10];
        for (var i = 0; i < 10; i++)
        {
            counts[d[i]]++;
        }

        var repeated = 0;
        var missing = 0;
        foreach (var count in counts)
        {
            if (count > 3)
            {
                return false;
            }

            repeated += count >= 2 ? 1 : 0;
            missing += count == 0 ? 1 : 0;
        }

        return repeated == 1 && missing is 1 or 2 && Iso7064Mod1110(d[..10]) == d[10];
    }

    /// <summary>The ISO 7064 MOD 11,10 check digit.</summary>
    public static int Iso7064Mod1110(ReadOnlySpan<byte> d)
    {
        var product = 10;
        foreach (var x in d)
        {
            var sum = (x + product) % 10;
            if (sum == 0)
            {
                sum = 10;
            }

            product = (2 * sum) % 11;
        }

        var check = 11 - product;
        return check == 10 ? 0 : check;
    }

    /// <summary>German VAT id: DE + 9 digits, MOD 11,10 over the first eight.</summary>
    public static bool DeVat(ReadOnlySpan<char> value)
    {
        var c = Compact(value);
        if (c.Length != 11 || !c.StartsWith("DE", StringComparison.Ordinal))
        {
            return false;
        }

        var d = DigitsOf(c.AsSpan(2));
        return d.Length == 9 && d[0] != 0 && Iso7064Mod1110(d.AsSpan(0, 8)) == d[8];
    }

    /// <summary>German 7-3-1 check (identity card, passport): characters 0–9 and A=10…Z=35.</summary>
    public static bool De731(ReadOnlySpan<char> value)
    {
        var c = Compact(value);
        if (c.Length != 9 || !char.IsAsciiDigit(c[8]))
        {
            return false;
        }

        ReadOnlySpan<int> w = [7, 3, 1];
        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            var ch = c[i];
            var v = char.IsAsciiDigit(ch) ? ch - '0' : ch - 'A' + 10;
            sum += v * w[i % 3];
        }

        return sum % 10 == c[8] - '0';
    }

    /// <summary>German health insurance number (KVNR): letter + 8 digits + check digit (letter as 01–26, weights 1,2 alternating, digit sums).</summary>
    public static bool DeHealthInsurance(ReadOnlySpan<char> value)
    {
        var c = Compact(value);
        if (c.Length != 10 || !char.IsAsciiLetter(c[0]))
        {
            return false;
        }

        var letter = c[0] - 'A' + 1;
        Span<int> digits = stackalloc int[10];
        digits[0] = letter / 10;
        digits[1] = letter % 10;
        for (var i = 1; i < 9; i++)
        {
            if (!char.IsAsciiDigit(c[i]))
            {
                return false;
            }

            digits[i + 1] = c[i] - '0';
        }

        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            var p = digits[i] * (i % 2 == 0 ? 1 : 2);
            sum += (p / 10) + (p % 10);
        }

        return char.IsAsciiDigit(c[9]) && sum % 10 == c[9] - '0';
    }

    /// <summary>German pension insurance number (RVNR): area, birth date, initial letter, serial, check digit.</summary>
    public static bool DeSocialSecurity(ReadOnlySpan<char> value)
    {
        var c = Compact(value);
        if (c.Length != 12 || !char.IsAsciiLetter(c[8]))
        {
            return false;
        }

        var day = ((c[2] - '0') * 10) + (c[3] - '0');
        var month = ((c[4] - '0') * 10) + (c[5] - '0');
        if (day is < 1 or > 31 || month is < 1 or > 12)
        {
            return false;
        }

        var letter = c[8] - 'A' + 1;
        Span<int> digits = stackalloc int[12];
        var n = 0;
        for (var i = 0; i < 8; i++)
        {
            digits[n++] = c[i] - '0';
        }

        digits[n++] = letter / 10;
        digits[n++] = letter % 10;
        digits[n++] = c[9] - '0';
        digits[n++] = c[10] - '0';
        ReadOnlySpan<int> w = [2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1];
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            var p = digits[i] * w[i];
            sum += (p / 10) + (p % 10);
        }

        return sum % 10 == c[11] - '0';
    }

    /// <summary>German LANR (doctor number): 6 digits, check digit (weights 4,9), 2-digit specialty.</summary>
    public static bool DeLanr(ReadOnlySpan<byte> d)
    {
        return d.Length == 9 && (10 - Checksums.WeightedSum(d, [4, 9, 4, 9, 4, 9], 10)) % 10 == d[6];
    }

    /// <summary>Finnish HETU: DDMMYY, century sign, individual number, check character (mod 31).</summary>
    public static bool FiHetu(ReadOnlySpan<char> value)
    {
        if (value.Length != 11)
        {
            return false;
        }

        var day = int.Parse(value[..2], CultureInfo.InvariantCulture);
        var month = int.Parse(value[2..4], CultureInfo.InvariantCulture);
        var yy = int.Parse(value[4..6], CultureInfo.InvariantCulture);
        var century = char.ToUpperInvariant(value[6]) switch
        {
            '+' => 1800,
            '-' or 'Y' or 'X' or 'W' or 'V' or 'U' => 1900,
            'A' or 'B' or 'C' or 'D' or 'E' or 'F' => 2000,
            _ => -1,
        };
        if (century < 0 || !IsValidDate(century + yy, month, day))
        {
            return false;
        }

        var number = long.Parse(string.Concat(value[..6], value[7..10]), CultureInfo.InvariantCulture);
        const string checks = "0123456789ABCDEFHJKLMNPRSTUVWXY";
        return char.ToUpperInvariant(value[10]) == checks[(int)(number % 31)];
    }

    /// <summary>Polish PESEL: 11 digits, encoded birth date, weights 1,3,7,9.</summary>
    public static bool PlPesel(ReadOnlySpan<byte> d)
    {
        if (d.Length != 11)
        {
            return false;
        }

        var yy = (d[0] * 10) + d[1];
        var mm = (d[2] * 10) + d[3];
        var dd = (d[4] * 10) + d[5];
        var century = (mm / 20) switch { 0 => 1900, 1 => 2000, 2 => 2100, 3 => 2200, _ => 1800 };
        if (!IsValidDate(century + yy, mm % 20, dd))
        {
            return false;
        }

        return (10 - Checksums.WeightedSum(d, [1, 3, 7, 9, 1, 3, 7, 9, 1, 3], 10)) % 10 == d[10];
    }

    /// <summary>Swedish personnummer (10 or 12 digits): valid date (day + 60 for coordination numbers), Luhn over the last 10.</summary>
    public static bool SePersonnummer(ReadOnlySpan<byte> d)
    {
        if (d.Length is not (10 or 12))
        {
            return false;
        }

        var ten = d[^10..];
        var mm = (ten[2] * 10) + ten[3];
        var dd = (ten[4] * 10) + ten[5];
        if (dd > 60)
        {
            dd -= 60;
        }

        var year = d.Length == 12 ? (d[0] * 1000) + (d[1] * 100) + (ten[0] * 10) + ten[1] : 1900 + (ten[0] * 10) + ten[1];
        return IsValidDate(year, mm, dd) && Checksums.Luhn(ten);
    }

    /// <summary>Swedish organisationsnummer: 10 digits, third digit at least 2, Luhn.</summary>
    public static bool SeOrganisation(ReadOnlySpan<byte> d) => d.Length == 10 && d[2] >= 2 && Checksums.Luhn(d);

    /// <summary>Singapore NRIC/FIN: prefix letter, 7 digits, check letter.</summary>
    public static bool SgNric(ReadOnlySpan<char> value)
    {
        var c = Compact(value);
        if (c.Length != 9)
        {
            return false;
        }

        ReadOnlySpan<int> w = [2, 7, 6, 5, 4, 3, 2];
        var sum = 0;
        for (var i = 0; i < 7; i++)
        {
            sum += (c[i + 1] - '0') * w[i];
        }

        var prefix = c[0];
        sum += prefix switch { 'T' or 'G' => 4, 'M' => 3, _ => 0 };
        var table = prefix switch
        {
            'S' or 'T' => "JZIHGFEDCBA",
            'F' or 'G' => "XWUTRQPNMLK",
            'M' => "KLJNPQRTUWX",
            _ => null,
        };
        if (table is null)
        {
            return false;
        }

        var index = prefix == 'M' ? 10 - (sum % 11) : sum % 11;
        return index is >= 0 and < 11 && c[8] == table[index];
    }

    /// <summary>
    /// Philippine TIN (BIR): 9 digits, or 12 with the 3-digit branch code; the 9th digit is the weighted modulus 11 of
    /// the first 8 (weights 9…2). A remainder of 10 is never issued.
    /// </summary>
    public static bool PhTin(ReadOnlySpan<byte> d)
    {
        if (d.Length is not (9 or 12) || AllSame(d[..9]))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += d[i] * (9 - i);
        }

        var remainder = sum % 11;
        return remainder < 10 && remainder == d[8];
    }

    private const string UenEntityTypes = "LP LL FC PF RF MQ MM NB CC CS MB FM GS DP CP NR CM CD MD HS VH CH MH CL XL CX HC RP TU TC FB FN PA PB SS MC SM GA GB";

    /// <summary>
    /// Singapore UEN with its check letter (ACRA formats): A — businesses, 8 digits + letter (weights 10,4,9,3,8,2,7,1,
    /// "XMKECAWLJDB"); B — local companies, year + 5 digits + letter (weights 10,8,6,4,9,7,5,3,1, "ZKCMDNERGWH");
    /// C — other entities, T/S/R + 2-digit year + entity type + 4 digits + letter (weights 4,3,5,3,10,2,2,5,7 over
    /// "ABCDEFGHJKLMNPQRSTUVWX0123456789", offset 5). Returns 0 when invalid, else the format letter.
    /// </summary>
    public static char SgUenFormat(ReadOnlySpan<char> value)
    {
        Span<char> c = stackalloc char[10];
        var n = 0;
        foreach (var ch in value)
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                if (n == 10)
                {
                    return '\0';
                }

                c[n++] = char.ToUpperInvariant(ch);
            }
        }

        c = c[..n];
        if (n == 9 && !c[..8].ContainsAnyExceptInRange('0', '9'))
        {
            ReadOnlySpan<int> w = [10, 4, 9, 3, 8, 2, 7, 1];
            return "XMKECAWLJDB"[Weighted(c, w) % 11] == c[8] ? 'A' : '\0';
        }

        if (n == 10 && !c[..9].ContainsAnyExceptInRange('0', '9'))
        {
            var year = ((c[0] - '0') * 1000) + ((c[1] - '0') * 100) + ((c[2] - '0') * 10) + (c[3] - '0');
            ReadOnlySpan<int> w = [10, 8, 6, 4, 9, 7, 5, 3, 1];
            return year is >= 1900 and <= 2099 && "ZKCMDNERGWH"[Weighted(c, w) % 11] == c[9] ? 'B' : '\0';
        }

        if (n == 10 && c[0] is 'T' or 'S' or 'R' && char.IsAsciiDigit(c[1]) && char.IsAsciiDigit(c[2]) && char.IsAsciiLetter(c[3]) && char.IsAsciiLetter(c[4])
            && !c[5..9].ContainsAnyExceptInRange('0', '9') && UenEntityTypes.AsSpan().IndexOf(c.Slice(3, 2)) >= 0 && UenEntityTypes.AsSpan().IndexOf(c.Slice(3, 2)) % 3 == 0)
        {
            const string alphabet = "ABCDEFGHJKLMNPQRSTUVWX0123456789";
            ReadOnlySpan<int> w = [4, 3, 5, 3, 10, 2, 2, 5, 7];
            var sum = 0;
            for (var i = 0; i < 9; i++)
            {
                var index = alphabet.IndexOf(c[i], StringComparison.Ordinal);
                if (index < 0)
                {
                    return '\0';
                }

                sum += index * w[i];
            }

            return alphabet[(((sum - 5) % 11) + 11) % 11] == c[9] ? 'C' : '\0';
        }

        return '\0';

        static int Weighted(ReadOnlySpan<char> c, ReadOnlySpan<int> w)
        {
            var sum = 0;
            for (var i = 0; i < w.Length; i++)
            {
                sum += (c[i] - '0') * w[i];
            }

            return sum;
        }
    }

    /// <summary>Korean resident registration number shape: valid birth date and a gender/century digit in <paramref name="first"/>–<paramref name="last"/>.</summary>
    public static bool KrRrnShape(ReadOnlySpan<byte> d, int first, int last)
    {
        if (d.Length != 13 || d[6] < first || d[6] > last)
        {
            return false;
        }

        var century = d[6] switch { 1 or 2 or 5 or 6 => 1900, 3 or 4 or 7 or 8 => 2000, 9 or 0 => 1800, _ => 1900 };
        return IsValidDate(century + (d[0] * 10) + d[1], (d[2] * 10) + d[3], (d[4] * 10) + d[5]);
    }

    /// <summary>Korean business registration number: weights 1,3,7,1,3,7,1,3,5 and the carry of the ninth.</summary>
    public static bool KrBrn(ReadOnlySpan<byte> d)
    {
        if (d.Length != 10)
        {
            return false;
        }

        ReadOnlySpan<int> w = [1, 3, 7, 1, 3, 7, 1, 3, 5];
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += d[i] * w[i];
        }

        sum += d[8] * 5 / 10;
        return (10 - (sum % 10)) % 10 == d[9];
    }

    /// <summary>Thai national id: 13 digits, first 1–8, weights 13..2 modulo 11.</summary>
    public static bool ThTnin(ReadOnlySpan<byte> d)
    {
        // First digit 1–8 (person type), digits 2–3 a province code 10–96.
        var province = (d[1] * 10) + d[2];
        if (d.Length != 13 || d[0] is 0 or 9 || province is < 10 or > 96)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += d[i] * (13 - i);
        }

        return (11 - (sum % 11)) % 10 == d[12];
    }

    /// <summary>Turkish TC Kimlik: 11 digits, first not 0, the two check digits.</summary>
    public static bool TrKimlik(ReadOnlySpan<byte> d)
    {
        if (d.Length != 11 || d[0] == 0)
        {
            return false;
        }

        var odd = d[0] + d[2] + d[4] + d[6] + d[8];
        var even = d[1] + d[3] + d[5] + d[7];
        var ten = (((odd * 7) - even) % 10 + 10) % 10;
        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            sum += d[i];
        }

        return ten == d[9] && sum % 10 == d[10];
    }

    /// <summary>South African id: YYMMDD, gender, citizenship 0/1, 8/9, Luhn.</summary>
    public static bool ZaId(ReadOnlySpan<byte> d)
    {
        if (d.Length != 13 || d[10] > 2)
        {
            return false;
        }

        var mm = (d[2] * 10) + d[3];
        var dd = (d[4] * 10) + d[5];
        return IsValidDate(2000, mm, dd) && Checksums.Luhn(d);
    }

    /// <summary>Indian GSTIN check character (mod 36).</summary>
    public static bool InGstin(ReadOnlySpan<char> value)
    {
        const string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        var c = Compact(value);
        if (c.Length != 15)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 14; i++)
        {
            var v = alphabet.IndexOf(c[i], StringComparison.Ordinal);
            var p = v * ((i % 2) + 1);
            sum += (p / 36) + (p % 36);
        }

        return alphabet[(36 - (sum % 36)) % 36] == c[14];
    }

    /// <summary>Vehicle identification number (17 characters, no I/O/Q, check digit in position 9).</summary>
    public static bool Vin(ReadOnlySpan<char> value)
    {
        if (value.Length != 17)
        {
            return false;
        }

        ReadOnlySpan<int> weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
        var sum = 0;
        var letters = 0;
        var digits = 0;
        for (var i = 0; i < 17; i++)
        {
            var ch = char.ToUpperInvariant(value[i]);
            int v;
            if (char.IsAsciiDigit(ch))
            {
                v = ch - '0';
                digits++;
            }
            else
            {
                v = ch switch
                {
                    'A' or 'J' => 1, 'B' or 'K' or 'S' => 2, 'C' or 'L' or 'T' => 3, 'D' or 'M' or 'U' => 4, 'E' or 'N' or 'V' => 5,
                    'F' or 'W' => 6, 'G' or 'P' or 'X' => 7, 'H' or 'Y' => 8, 'R' or 'Z' => 9, _ => -1,
                };
                if (v < 0)
                {
                    return false;
                }

                letters++;
            }

            sum += v * weights[i];
        }

        if (letters < 2 || digits < 5)
        {
            return false;
        }

        var check = sum % 11;
        var expected = check == 10 ? 'X' : (char)('0' + check);
        return char.ToUpperInvariant(value[8]) == expected;
    }

    // --- Crypto wallets --------------------------------------------------------------------------------------------

    /// <summary>Bitcoin base58check address (P2PKH/P2SH): 25 bytes, version 0 or 5, double-SHA-256 checksum.</summary>
    public static bool BitcoinBase58(ReadOnlySpan<char> value)
    {
        var bytes = DecodeBase58(value);
        if (bytes is null || bytes.Length != 25 || bytes[0] is not (0x00 or 0x05))
        {
            return false;
        }

        Span<byte> first = stackalloc byte[32];
        Span<byte> second = stackalloc byte[32];
        SHA256.HashData(bytes.AsSpan(0, 21), first);
        SHA256.HashData(first, second);
        return second[..4].SequenceEqual(bytes.AsSpan(21, 4));
    }

    private static byte[]? DecodeBase58(ReadOnlySpan<char> value)
    {
        var big = System.Numerics.BigInteger.Zero;
        foreach (var c in value)
        {
            var digit = Base58Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0)
            {
                return null;
            }

            big = (big * 58) + digit;
        }

        var bytes = big.ToByteArray(isUnsigned: true, isBigEndian: true);
        var leadingZeros = 0;
        while (leadingZeros < value.Length && value[leadingZeros] == '1')
        {
            leadingZeros++;
        }

        var result = new byte[leadingZeros + bytes.Length];
        bytes.CopyTo(result, leadingZeros);
        return result;
    }

    /// <summary>Bech32 / Bech32m segwit address (bc1…, tb1…) with a valid checksum.</summary>
    public static bool Bech32Address(ReadOnlySpan<char> value)
    {
        var lower = value.ToString().ToLowerInvariant();
        var separator = lower.LastIndexOf('1');
        if (separator < 1 || separator + 7 > lower.Length || lower.Length > 90)
        {
            return false;
        }

        var hrp = lower[..separator];
        var data = new List<int>();
        foreach (var c in lower[(separator + 1)..])
        {
            var v = Bech32Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (v < 0)
            {
                return false;
            }

            data.Add(v);
        }

        var values = new List<int>();
        foreach (var c in hrp)
        {
            values.Add(c >> 5);
        }

        values.Add(0);
        foreach (var c in hrp)
        {
            values.Add(c & 31);
        }

        values.AddRange(data);
        var polymod = Polymod(values);
        return polymod is 1 or 0x2bc830a3;
    }

    private static int Polymod(List<int> values)
    {
        ReadOnlySpan<int> generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
        var chk = 1;
        foreach (var v in values)
        {
            var top = chk >> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (var i = 0; i < 5; i++)
            {
                if (((top >> i) & 1) != 0)
                {
                    chk ^= generator[i];
                }
            }
        }

        return chk;
    }

    /// <summary>An Ethereum address with an EIP-55 mixed-case checksum (Keccak-256 of the lowercase hex).</summary>
    public static bool EthereumChecksum(ReadOnlySpan<char> hex40)
    {
        if (hex40.Length != 40)
        {
            return false;
        }

        var lower = hex40.ToString().ToLowerInvariant();
        var hash = Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(lower));
        for (var i = 0; i < 40; i++)
        {
            var c = hex40[i];
            if (!char.IsAsciiLetter(c))
            {
                continue;
            }

            var nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xF;
            if ((nibble >= 8) != char.IsAsciiLetterUpper(c))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>Keccak-256 (the pre-standard SHA-3 padding Ethereum uses), for EIP-55 address checksums.</summary>
internal static class Keccak256
{
    private static readonly ulong[] s_roundConstants =
    [
        0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808aUL, 0x8000000080008000UL, 0x000000000000808bUL,
        0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL, 0x000000000000008aUL, 0x0000000000000088UL,
        0x0000000080008009UL, 0x000000008000000aUL, 0x000000008000808bUL, 0x800000000000008bUL, 0x8000000000008089UL,
        0x8000000000008003UL, 0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800aUL, 0x800000008000000aUL,
        0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL,
    ];

    private static readonly int[] s_rotations = [1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44];
    private static readonly int[] s_pi = [10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1];

    public static byte[] Hash(ReadOnlySpan<byte> input)
    {
        const int rate = 136;
        var state = new ulong[25];
        var block = new byte[rate];
        var offset = 0;
        while (input.Length - offset >= rate)
        {
            Absorb(state, input.Slice(offset, rate));
            offset += rate;
        }

        var rest = input[offset..];
        rest.CopyTo(block);
        block[rest.Length] ^= 0x01;
        block[rate - 1] ^= 0x80;
        Absorb(state, block);
        var output = new byte[32];
        for (var i = 0; i < 4; i++)
        {
            BitConverter.TryWriteBytes(output.AsSpan(i * 8, 8), state[i]);
        }

        return output;
    }

    private static void Absorb(ulong[] state, ReadOnlySpan<byte> block)
    {
        for (var i = 0; i < block.Length / 8; i++)
        {
            state[i] ^= BitConverter.ToUInt64(block.Slice(i * 8, 8));
        }

        Permute(state);
    }

    private static void Permute(ulong[] a)
    {
        Span<ulong> c = stackalloc ulong[5];
        for (var round = 0; round < 24; round++)
        {
            for (var x = 0; x < 5; x++)
            {
                c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
            }

            for (var x = 0; x < 5; x++)
            {
                var d = c[(x + 4) % 5] ^ ulong.RotateLeft(c[(x + 1) % 5], 1);
                for (var y = 0; y < 25; y += 5)
                {
                    a[y + x] ^= d;
                }
            }

            var current = a[1];
            for (var i = 0; i < 24; i++)
            {
                var j = s_pi[i];
                var temp = a[j];
                a[j] = ulong.RotateLeft(current, s_rotations[i]);
                current = temp;
            }

            for (var y = 0; y < 25; y += 5)
            {
                for (var x = 0; x < 5; x++)
                {
                    c[x] = a[y + x];
                }

                for (var x = 0; x < 5; x++)
                {
                    a[y + x] = c[x] ^ (~c[(x + 1) % 5] & c[(x + 2) % 5]);
                }
            }

            a[0] ^= s_roundConstants[round];
        }
    }
}
