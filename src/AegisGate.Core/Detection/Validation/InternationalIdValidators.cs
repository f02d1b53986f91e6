namespace AegisGate.Detection.Validation;

/// <summary>
/// Check digits and structure of the national identifiers in PiiRules.International.cs (Brazil, the Netherlands, France,
/// Belgium, the Nordics, Switzerland, Mexico, China, Japan, Ireland, Portugal, Romania, Israel, US EIN). Written from the
/// published algorithms; allocation-free.
/// </summary>
internal static class InternationalIdValidators
{
    // Birth dates in the future are not issued numbers.
    private static int ThisYear => TimeProvider.System.GetUtcNow().Year;

    // --- Brazil ------------------------------------------------------------------------------------------------------

    /// <summary>Brazilian CPF: 9 digits and two mod-11 check digits (weights 10..2, then 11..2); one repeated digit is rejected.</summary>
    public static bool BrCpf(ReadOnlySpan<byte> d)
        => d.Length == 11 && !IdValidators.AllSame(d) && CpfDigit(d[..9]) == d[9] && CpfDigit(d[..10]) == d[10];

    private static int CpfDigit(ReadOnlySpan<byte> d)
    {
        var sum = 0;
        for (var i = 0; i < d.Length; i++)
        {
            sum += d[i] * (d.Length + 1 - i);
        }

        var r = sum * 10 % 11;
        return r == 10 ? 0 : r;
    }

    /// <summary>Brazilian CNPJ: 12 digits and two mod-11 check digits (weights 2..9 repeating from the right).</summary>
    public static bool BrCnpj(ReadOnlySpan<byte> d)
        => d.Length == 14 && !IdValidators.AllSame(d) && CnpjDigit(d[..12]) == d[12] && CnpjDigit(d[..13]) == d[13];

    private static int CnpjDigit(ReadOnlySpan<byte> d)
    {
        var sum = 0;
        var w = 2;
        for (var i = d.Length - 1; i >= 0; i--)
        {
            sum += d[i] * w;
            w = w == 9 ? 2 : w + 1;
        }

        var r = sum % 11;
        return r < 2 ? 0 : 11 - r;
    }

    // --- Netherlands, Belgium, France ------------------------------------------------------------------------------

    /// <summary>Dutch BSN: 9 digits passing the 11-proof (weights 9..2 and −1).</summary>
    public static bool NlBsn(ReadOnlySpan<byte> d)
    {
        if (d.Length != 9 || IdValidators.NearlyAllSame(d))
        {
            return false;
        }

        var sum = -d[8];
        for (var i = 0; i < 8; i++)
        {
            sum += d[i] * (9 - i);
        }

        return sum > 0 && sum % 11 == 0;
    }

    /// <summary>
    /// Belgian national register number: YYMMDD, serial from 001, key = 97 − (first 9 digits mod 97), with a 2 put in front
    /// for people born from 2000. Month + 20/+ 40 (bis numbers) and an unknown day or month (00) are allowed; a full date
    /// must exist in the century the key points to.
    /// </summary>
    public static bool BeNationalNumber(ReadOnlySpan<byte> d)
    {
        if (d.Length != 11 || IdValidators.AllSame(d))
        {
            return false;
        }

        long first = 0;
        for (var i = 0; i < 9; i++)
        {
            first = (first * 10) + d[i];
        }

        var key = (d[9] * 10) + d[10];
        var before2000 = 97 - (first % 97) == key;
        var yy = (d[0] * 10) + d[1];
        var after2000 = 2000 + yy <= ThisYear && 97 - ((2_000_000_000 + first) % 97) == key;
        if (!before2000 && !after2000)
        {
            return false;
        }

        var mm = (d[2] * 10) + d[3];
        var dd = (d[4] * 10) + d[5];
        var serial = (d[6] * 100) + (d[7] * 10) + d[8];
        mm = mm >= 40 ? mm - 40 : mm >= 20 ? mm - 20 : mm;
        if (mm > 12 || dd > 31 || serial == 0)
        {
            return false;
        }

        return mm == 0 || dd == 0 || IdValidators.IsValidDate((after2000 ? 2000 : 1900) + yy, mm, dd);
    }

    /// <summary>
    /// French NIR (numéro de sécurité sociale): sex 1/2 (3, 4, 7, 8 for provisional numbers), YY, month 01–12 or 20–42 or
    /// 50–99 (unknown), département 01–99, 2A or 2B (Corsica: counted as 19 and 18), commune, serial and the key
    /// 97 − (first 13 digits mod 97). Letters and digits only (separators skipped), 15 characters.
    /// </summary>
    public static bool FrNir(ReadOnlySpan<char> value)
    {
        Span<char> c = stackalloc char[15];
        var n = 0;
        foreach (var ch in value)
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                if (n == 15)
                {
                    return false;
                }

                c[n++] = char.ToUpperInvariant(ch);
            }
        }

        if (n != 15 || c[0] is not ('1' or '2' or '3' or '4' or '7' or '8'))
        {
            return false;
        }

        long number = 0;
        for (var i = 0; i < 13; i++)
        {
            int digit;
            if (i == 6 && c[5] == '2' && c[6] is 'A' or 'B')
            {
                // 2A → 19, 2B → 18: the '2' already counted becomes a '1'.
                number -= 1;
                digit = c[6] == 'A' ? 9 : 8;
            }
            else if (char.IsAsciiDigit(c[i]))
            {
                digit = c[i] - '0';
            }
            else
            {
                return false;
            }

            number = (number * 10) + digit;
        }

        if (!char.IsAsciiDigit(c[13]) || !char.IsAsciiDigit(c[14]))
        {
            return false;
        }

        var month = ((c[3] - '0') * 10) + (c[4] - '0');
        if (month is 0 or (> 12 and < 20) or (> 42 and < 50))
        {
            return false;
        }

        if (c[5] == '0' && c[6] == '0')
        {
            return false;
        }

        var key = ((c[13] - '0') * 10) + (c[14] - '0');
        return key is >= 1 and <= 97 && 97 - (number % 97) == key;
    }

    // --- Nordics ------------------------------------------------------------------------------------------------------

    /// <summary>Danish CPR number: DDMMYY and a serial whose first digit, with YY, gives the century; the date must exist (the mod-11 check was dropped in 2007).</summary>
    public static bool DkCpr(ReadOnlySpan<byte> d)
    {
        if (d.Length != 10 || IdValidators.AllSame(d))
        {
            return false;
        }

        var yy = (d[4] * 10) + d[5];
        var century = d[6] switch
        {
            <= 3 => 1900,
            4 or 9 => yy <= 36 ? 2000 : 1900,
            _ => yy <= 57 ? 2000 : 1800,
        };
        return century + yy <= ThisYear && IdValidators.IsValidDate(century + yy, (d[2] * 10) + d[3], (d[0] * 10) + d[1]);
    }

    /// <summary>
    /// Norwegian fødselsnummer (and D/H numbers: day or month + 40): DDMMYY, individual number giving the century, two
    /// mod-11 check digits.
    /// </summary>
    public static bool NoFodselsnummer(ReadOnlySpan<byte> d)
    {
        if (d.Length != 11 || IdValidators.AllSame(d))
        {
            return false;
        }

        var dd = (d[0] * 10) + d[1];
        var mm = (d[2] * 10) + d[3];
        var yy = (d[4] * 10) + d[5];
        var individual = (d[6] * 100) + (d[7] * 10) + d[8];
        dd = dd > 40 ? dd - 40 : dd;
        mm = mm > 40 ? mm - 40 : mm;
        var century = individual switch
        {
            < 500 => 1900,
            < 750 when yy >= 54 => 1800,
            _ when yy < 40 => 2000,
            >= 900 => 1900,
            _ => 0,
        };
        if (century == 0 || century + yy > ThisYear || !IdValidators.IsValidDate(century + yy, mm, dd))
        {
            return false;
        }

        var k1 = Mod11Check(d[..9], [3, 7, 6, 1, 8, 9, 4, 5, 2]);
        return k1 == d[9] && Mod11Check(d[..10], [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) == d[10];
    }

    // 11 − (weighted sum mod 11); 11 → 0; 10 has no digit (-1).
    private static int Mod11Check(ReadOnlySpan<byte> d, ReadOnlySpan<int> weights)
    {
        var k = 11 - Checksums.WeightedSum(d, weights, 11);
        return k == 11 ? 0 : k == 10 ? -1 : k;
    }

    /// <summary>Icelandic kennitala: DDMMYY (day + 40 for companies), two serial digits, a mod-11 check digit and the century digit (9, 0).</summary>
    public static bool IsKennitala(ReadOnlySpan<byte> d)
    {
        if (d.Length != 10 || IdValidators.AllSame(d))
        {
            return false;
        }

        var century = d[9] switch { 9 => 1900, 0 => 2000, _ => 0 };
        var dd = (d[0] * 10) + d[1];
        dd = dd > 40 ? dd - 40 : dd;
        var year = century + (d[4] * 10) + d[5];
        if (century == 0 || year > ThisYear || !IdValidators.IsValidDate(year, (d[2] * 10) + d[3], dd))
        {
            return false;
        }

        return Mod11Check(d[..8], [3, 2, 7, 6, 5, 4, 3, 2]) == d[8];
    }

    // --- Switzerland, Romania ---------------------------------------------------------------------------------------

    /// <summary>Swiss AHV/AVS number (AHVN13): 756, 9 digits and an EAN-13 check digit.</summary>
    public static bool ChAhv(ReadOnlySpan<byte> d)
    {
        return d.Length == 13 && d[0] == 7 && d[1] == 5 && d[2] == 6
            && (10 - Checksums.WeightedSum(d, [1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3], 10)) % 10 == d[12];
    }

    /// <summary>Romanian CNP: sex/century digit 1–9, a valid YYMMDD, county code, serial, check digit (weights 279146358279, mod 11, 10 → 1).</summary>
    public static bool RoCnp(ReadOnlySpan<byte> d)
    {
        if (d.Length != 13 || d[0] == 0)
        {
            return false;
        }

        var yy = (d[1] * 10) + d[2];
        var mm = (d[3] * 10) + d[4];
        var dd = (d[5] * 10) + d[6];
        var dateOk = d[0] switch
        {
            1 or 2 => IdValidators.IsValidDate(1900 + yy, mm, dd),
            3 or 4 => IdValidators.IsValidDate(1800 + yy, mm, dd),
            5 or 6 => IdValidators.IsValidDate(2000 + yy, mm, dd),
            _ => IdValidators.IsValidDate(1900 + yy, mm, dd) || IdValidators.IsValidDate(2000 + yy, mm, dd),
        };
        var county = (d[7] * 10) + d[8];
        if (!dateOk || county is not ((>= 1 and <= 48) or 51 or 52 or 70 or (>= 80 and <= 83)) || (d[9] == 0 && d[10] == 0 && d[11] == 0))
        {
            return false;
        }

        var check = Checksums.WeightedSum(d[..12], [2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9], 11);
        return (check == 10 ? 1 : check) == d[12];
    }

    // --- Mexico -------------------------------------------------------------------------------------------------------

    private const string CurpAlphabet = "0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ";
    private const string RfcAlphabet = "0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ";

    /// <summary>Mexican CURP (18 characters; the rule's regex checks the letter structure and state code): a valid birth date, the century from character 17 (digit: 1900s, letter: 2000s), the check digit.</summary>
    public static bool MxCurp(ReadOnlySpan<char> value)
    {
        if (value.Length != 18 || !char.IsAsciiDigit(value[17]))
        {
            return false;
        }

        var century = char.IsAsciiDigit(value[16]) ? 1900 : 2000;
        if (!TwoDigits(value[4..], out var yy) || !TwoDigits(value[6..], out var mm) || !TwoDigits(value[8..], out var dd) || century + yy > ThisYear || !IdValidators.IsValidDate(century + yy, mm, dd))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var v = CurpAlphabet.IndexOf(char.ToUpperInvariant(value[i]));
            if (v < 0)
            {
                return false;
            }

            sum += v * (18 - i);
        }

        return (10 - (sum % 10)) % 10 == value[17] - '0';
    }

    /// <summary>Mexican RFC: 3 (company) or 4 (person) letters, a valid YYMMDD, 2 homoclave characters and the mod-11 check character.</summary>
    public static bool MxRfc(ReadOnlySpan<char> value, out bool checkDigit)
    {
        checkDigit = false;
        if (value.Length is not (12 or 13))
        {
            return false;
        }

        var letters = value.Length - 9;
        if (!TwoDigits(value[(letters + 2)..], out var mm) || !TwoDigits(value[(letters + 4)..], out var dd) || !TwoDigits(value[letters..], out var yy)
            || !(IdValidators.IsValidDate(1900 + yy, mm, dd) || IdValidators.IsValidDate(2000 + yy, mm, dd)))
        {
            return false;
        }

        // The first 12 characters (a company's 11 padded with a leading space), weights 13..2.
        var sum = 0;
        var pad = 13 - value.Length;
        for (var i = 0; i < 12; i++)
        {
            var v = i < pad ? RfcAlphabet.IndexOf(' ') : RfcAlphabet.IndexOf(char.ToUpperInvariant(value[i - pad]));
            if (v < 0)
            {
                return false;
            }

            sum += v * (13 - i);
        }

        var expected = RfcAlphabet[(11 - (sum % 11)) % 11];
        checkDigit = char.ToUpperInvariant(value[^1]) == expected;
        return true;
    }

    private static bool TwoDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        if (s.Length < 2 || !char.IsAsciiDigit(s[0]) || !char.IsAsciiDigit(s[1]))
        {
            return false;
        }

        value = ((s[0] - '0') * 10) + (s[1] - '0');
        return true;
    }

    // --- China, Japan -------------------------------------------------------------------------------------------------

    /// <summary>
    /// Chinese resident identity card (18 characters): a province code (first two digits), a valid YYYYMMDD birth date from
    /// 1900, a serial and the ISO 7064 MOD 11-2 check character (0–9 or X).
    /// </summary>
    public static bool CnResidentId(ReadOnlySpan<char> value)
    {
        if (value.Length != 18)
        {
            return false;
        }

        var sum = 0;
        ReadOnlySpan<int> w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }

            sum += (value[i] - '0') * w[i];
        }

        var province = ((value[0] - '0') * 10) + (value[1] - '0');
        if (province is not ((>= 11 and <= 15) or (>= 21 and <= 23) or (>= 31 and <= 37) or (>= 41 and <= 46) or (>= 50 and <= 54) or (>= 61 and <= 65) or 71 or 81 or 82 or 83))
        {
            return false;
        }

        var year = ((value[6] - '0') * 1000) + ((value[7] - '0') * 100) + ((value[8] - '0') * 10) + (value[9] - '0');
        if (year < 1900 || year > ThisYear || !IdValidators.IsValidDate(year, ((value[10] - '0') * 10) + (value[11] - '0'), ((value[12] - '0') * 10) + (value[13] - '0')))
        {
            return false;
        }

        var check = (12 - (sum % 11)) % 11;
        var last = char.ToUpperInvariant(value[17]);
        return check == 10 ? last == 'X' : last == (char)('0' + check);
    }

    /// <summary>Japanese My Number (individual number): 11 digits and a check digit (weights 6..2, 7..2 from the left; 11 − sum mod 11, 0 when ≤ 1).</summary>
    public static bool JpMyNumber(ReadOnlySpan<byte> d)
    {
        if (d.Length != 12 || IdValidators.AllSame(d))
        {
            return false;
        }

        var sum = 0;
        for (var n = 1; n <= 11; n++)
        {
            sum += d[11 - n] * (n <= 6 ? n + 1 : n - 5);
        }

        var r = sum % 11;
        return (r <= 1 ? 0 : 11 - r) == d[11];
    }

    // --- Ireland, Portugal, Israel, United States -----------------------------------------------------------------------

    /// <summary>
    /// Irish PPS number: 7 digits, a check letter (weighted sum mod 23, W for 0) and an optional second letter: A, B or H
    /// (format since 2013) weigh in with 9 × their position; W, T, X (older forms) do not.
    /// </summary>
    public static bool IePpsn(ReadOnlySpan<char> value)
    {
        Span<char> c = stackalloc char[9];
        var n = 0;
        foreach (var ch in value)
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                if (n == 9)
                {
                    return false;
                }

                c[n++] = char.ToUpperInvariant(ch);
            }
        }

        if (n is not (8 or 9))
        {
            return false;
        }

        const string alphabet = "WABCDEFGHIJKLMNOPQRSTUV";
        var sum = 0;
        for (var i = 0; i < 7; i++)
        {
            if (!char.IsAsciiDigit(c[i]))
            {
                return false;
            }

            sum += (c[i] - '0') * (8 - i);
        }

        if (n == 9)
        {
            if (c[8] is 'A' or 'B' or 'H')
            {
                sum += 9 * alphabet.IndexOf(c[8]);
            }
            else if (c[8] is not ('W' or 'T' or 'X'))
            {
                return false;
            }
        }

        return c[7] == alphabet[sum % 23] && c[..7].IndexOfAnyExcept(c[0]) >= 0;
    }

    /// <summary>Portuguese NIF/NIPC: 9 digits, not starting 0 (4 only as 45, non-residents), check digit 11 − (weighted sum mod 11), 0 when ≥ 10.</summary>
    public static bool PtNif(ReadOnlySpan<byte> d)
    {
        if (d.Length != 9 || d[0] == 0 || (d[0] == 4 && d[1] != 5) || IdValidators.AllSame(d))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            sum += d[i] * (9 - i);
        }

        var check = 11 - (sum % 11);
        return (check >= 10 ? 0 : check) == d[8];
    }

    /// <summary>Israeli Teudat Zehut: 9 digits (shorter numbers zero-padded) with the Luhn-style check (weights 1, 2 alternating, digit sums).</summary>
    public static bool IlTeudatZehut(ReadOnlySpan<byte> d) => d.Length == 9 && !IdValidators.AllSame(d) && Checksums.Luhn(d);

    /// <summary>US employer identification number: 9 digits whose two-digit prefix the IRS assigns (no 00, 07–09, 17–19, 28, 29, 49, 69, 70, 78, 79, 89, 96, 97).</summary>
    public static bool UsEin(ReadOnlySpan<byte> d)
    {
        if (d.Length != 9 || IdValidators.AllSame(d))
        {
            return false;
        }

        var prefix = (d[0] * 10) + d[1];
        return prefix is not (0 or 7 or 8 or 9 or 17 or 18 or 19 or 28 or 29 or 49 or 69 or 70 or 78 or 79 or 89 or 96 or 97);
    }
}
