using System.IO.Hashing;
using System.Text;

namespace AegisGate.Detection.Validation;

/// <summary>Check-digit and checksum algorithms used by the rules. Span-based and allocation-free; non-digits are skipped where the format allows separators.</summary>
internal static class Checksums
{
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private static readonly byte[,] s_verhoeffD =
    {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 2, 3, 4, 0, 6, 7, 8, 9, 5 }, { 2, 3, 4, 0, 1, 7, 8, 9, 5, 6 },
        { 3, 4, 0, 1, 2, 8, 9, 5, 6, 7 }, { 4, 0, 1, 2, 3, 9, 5, 6, 7, 8 }, { 5, 9, 8, 7, 6, 0, 4, 3, 2, 1 },
        { 6, 5, 9, 8, 7, 1, 0, 4, 3, 2 }, { 7, 6, 5, 9, 8, 2, 1, 0, 4, 3 }, { 8, 7, 6, 5, 9, 3, 2, 1, 0, 4 },
        { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 },
    };

    private static readonly byte[,] s_verhoeffP =
    {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, { 1, 5, 7, 6, 2, 8, 3, 0, 9, 4 }, { 5, 8, 0, 3, 7, 9, 6, 1, 4, 2 },
        { 8, 9, 1, 6, 0, 4, 3, 5, 2, 7 }, { 9, 4, 5, 3, 1, 2, 6, 8, 7, 0 }, { 4, 2, 8, 6, 5, 7, 3, 9, 0, 1 },
        { 2, 7, 9, 3, 8, 0, 6, 4, 1, 5 }, { 7, 0, 4, 6, 9, 1, 3, 2, 5, 8 },
    };

    /// <summary>Copies the ASCII digits of a span into a buffer; returns the count, or -1 when the buffer is too small.</summary>
    public static int Digits(ReadOnlySpan<char> value, Span<byte> digits)
    {
        var n = 0;
        foreach (var c in value)
        {
            if (char.IsAsciiDigit(c))
            {
                if (n == digits.Length)
                {
                    return -1;
                }

                digits[n++] = (byte)(c - '0');
            }
        }

        return n;
    }

    /// <summary>The Luhn (mod 10) check over the digits of a span.</summary>
    public static bool Luhn(ReadOnlySpan<char> value)
    {
        Span<byte> d = stackalloc byte[32];
        var n = Digits(value, d);
        return n >= 2 && Luhn(d[..n]);
    }

    /// <summary>The Luhn (mod 10) check over digits.</summary>
    public static bool Luhn(ReadOnlySpan<byte> digits)
    {
        var sum = 0;
        var doubled = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var x = digits[i];
            if (doubled)
            {
                x *= 2;
                if (x > 9)
                {
                    x -= 9;
                }
            }

            sum += x;
            doubled = !doubled;
        }

        return sum % 10 == 0;
    }

    /// <summary>The Verhoeff check (Aadhaar).</summary>
    public static bool Verhoeff(ReadOnlySpan<byte> digits)
    {
        var c = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            c = s_verhoeffD[c, s_verhoeffP[i % 8, digits[digits.Length - 1 - i]]];
        }

        return c == 0;
    }

    /// <summary>ISO 7064 mod 97-10 over an IBAN (letters as 10–35), after moving the first four characters to the end.</summary>
    public static bool IbanMod97(ReadOnlySpan<char> compactIban)
    {
        if (compactIban.Length < 5)
        {
            return false;
        }

        var remainder = 0;
        for (var k = 0; k < compactIban.Length; k++)
        {
            var c = compactIban[(k + 4) % compactIban.Length];
            int value;
            if (char.IsAsciiDigit(c))
            {
                value = c - '0';
                remainder = ((remainder * 10) + value) % 97;
            }
            else if (char.IsAsciiLetter(c))
            {
                value = char.ToUpperInvariant(c) - 'A' + 10;
                remainder = ((remainder * 100) + value) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1;
    }

    /// <summary>Weighted sum of digits modulo <paramref name="modulus"/>.</summary>
    public static int WeightedSum(ReadOnlySpan<byte> digits, ReadOnlySpan<int> weights, int modulus)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length && i < digits.Length; i++)
        {
            sum += digits[i] * weights[i];
        }

        return sum % modulus;
    }

    /// <summary>ABA routing number: 3-7-1 weights, sum divisible by 10.</summary>
    public static bool AbaRouting(ReadOnlySpan<byte> d)
        => d.Length == 9 && ((3 * (d[0] + d[3] + d[6])) + (7 * (d[1] + d[4] + d[7])) + d[2] + d[5] + d[8]) % 10 == 0;

    /// <summary>UK NHS number: mod 11 with weights 10..2; check 10 is invalid, 11 means 0.</summary>
    public static bool NhsNumber(ReadOnlySpan<byte> d)
    {
        if (d.Length != 10)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += d[i] * (10 - i);
        }

        var check = 11 - (sum % 11);
        if (check == 11)
        {
            check = 0;
        }

        return check != 10 && check == d[9];
    }

    /// <summary>GitHub's token checksum: the last six base62 characters encode the CRC32 of the 30 characters before them.</summary>
    public static bool GitHubTokenChecksum(ReadOnlySpan<char> body)
    {
        // body = 30 random characters + 6 checksum characters.
        if (body.Length != 36)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[30];
        for (var i = 0; i < 30; i++)
        {
            if (body[i] > 0x7F)
            {
                return false;
            }

            bytes[i] = (byte)body[i];
        }

        var crc = Crc32.HashToUInt32(bytes);
        return Base62Equals(crc, body[30..]);
    }

    /// <summary>npm's token checksum: <c>npm_</c> + 30 random + 6 base62 CRC32 of the random part.</summary>
    public static bool NpmTokenChecksum(ReadOnlySpan<char> body) => GitHubTokenChecksum(body);

    /// <summary>Encodes a CRC32 as six base62 characters (left-padded with 0) and compares.</summary>
    public static bool Base62Equals(uint value, ReadOnlySpan<char> expected)
    {
        Span<char> buffer = stackalloc char[6];
        buffer.Fill('0');
        var i = 5;
        while (value > 0 && i >= 0)
        {
            buffer[i--] = Base62[(int)(value % 62)];
            value /= 62;
        }

        return value == 0 && expected.SequenceEqual(buffer);
    }

    /// <summary>Computes the six-character base62 CRC32 suffix (for tests and token generation).</summary>
    public static string Base62Crc32(string randomPart)
    {
        var value = Crc32.HashToUInt32(Encoding.ASCII.GetBytes(randomPart));
        Span<char> buffer = stackalloc char[6];
        buffer.Fill('0');
        var i = 5;
        while (value > 0)
        {
            buffer[i--] = Base62[(int)(value % 62)];
            value /= 62;
        }

        return new string(buffer);
    }

    /// <summary>Spanish DNI/NIF/NIE control letter.</summary>
    public static bool SpanishIdLetter(ReadOnlySpan<char> value)
    {
        // NIF: 8 digits + letter; NIE: X/Y/Z + 7 digits + letter.
        if (value.Length != 9)
        {
            return false;
        }

        var number = 0;
        var first = char.ToUpperInvariant(value[0]);
        var start = 0;
        if (first is 'X' or 'Y' or 'Z')
        {
            number = first - 'X';
            start = 1;
        }

        for (var i = start; i < 8; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return false;
            }

            number = (number * 10) + (value[i] - '0');
        }

        const string letters = "TRWAGMYFPDXBNJZSQVHLCKE";
        return char.ToUpperInvariant(value[8]) == letters[number % 23];
    }

    /// <summary>Italian codice fiscale check character (16 characters, omocodia letters accepted).</summary>
    public static bool CodiceFiscale(ReadOnlySpan<char> value)
    {
        if (value.Length != 16)
        {
            return false;
        }

        ReadOnlySpan<int> odd = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
        var sum = 0;
        for (var i = 0; i < 15; i++)
        {
            var c = char.ToUpperInvariant(value[i]);
            int index;
            if (char.IsAsciiDigit(c))
            {
                index = c - '0';
            }
            else if (c is >= 'A' and <= 'Z')
            {
                index = c - 'A';
            }
            else
            {
                return false;
            }

            sum += (i % 2 == 0) ? odd[index] : index;
        }

        return char.ToUpperInvariant(value[15]) == (char)('A' + (sum % 26));
    }

    /// <summary>Shannon entropy in bits per character.</summary>
    public static double ShannonEntropy(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return 0;
        }

        Span<int> counts = stackalloc int[128];
        var other = 0;
        foreach (var c in value)
        {
            if (c < 128)
            {
                counts[c]++;
            }
            else
            {
                other++;
            }
        }

        double entropy = 0;
        double length = value.Length;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var p = count / length;
                entropy -= p * Math.Log2(p);
            }
        }

        if (other > 0)
        {
            var p = other / length;
            entropy -= p * Math.Log2(p);
        }

        return entropy;
    }
}
