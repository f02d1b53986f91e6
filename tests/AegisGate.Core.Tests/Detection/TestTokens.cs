using System.Text;
using AegisGate.Detection.Validation;

namespace AegisGate.Core.Tests.Detection;

/// <summary>Deterministic fake credentials for tests (never real values): random-looking strings from a fixed seed.</summary>
internal static class TestTokens
{
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string DigitChars = "0123456789";
    private static readonly Random s_random = new(20261126);
    private static readonly Lock s_gate = new();

    public static string From(string alphabet, int length)
    {
        lock (s_gate)
        {
            var sb = new StringBuilder(length);
            for (var i = 0; i < length; i++)
            {
                sb.Append(alphabet[s_random.Next(alphabet.Length)]);
            }

            return sb.ToString();
        }
    }

    public static string B62(int n) => From(Upper + Lower + DigitChars, n);

    public static string Alnum(int n) => B62(n);

    public static string LowerAlnum(int n) => From(Lower + DigitChars, n);

    public static string UpperAlnum(int n) => From(Upper + DigitChars, n);

    public static string Letters(int n) => From(Upper + Lower, n);

    public static string Hex(int n) => From("0123456789abcdef", n);

    public static string UpperHex(int n) => From("0123456789ABCDEF", n);

    public static string Digits(int n) => From(DigitChars, n);

    public static string B64(int n) => From(Upper + Lower + DigitChars + "+/", n);

    public static string B64Url(int n) => From(Upper + Lower + DigitChars + "-_", n);

    public static string Base32(int n) => From("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", n);

    /// <summary>A GitHub-format token with a valid CRC32 checksum.</summary>
    public static string GitHub(string prefix)
    {
        var body = B62(30);
        return prefix + body + Checksums.Base62Crc32(body);
    }

    /// <summary>An npm token with a valid checksum.</summary>
    public static string Npm()
    {
        var body = B62(30);
        return "npm_" + body + Checksums.Base62Crc32(body);
    }

    public static string Uuid() => $"{Hex(8)}-{Hex(4)}-4{Hex(3)}-a{Hex(3)}-{Hex(12)}";

    public static string Base64Of(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public static string Base64UrlOf(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Jwt() => Base64UrlOf("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + Base64UrlOf("{\"sub\":\"" + Digits(8) + "\",\"name\":\"Test User\"}") + "." + B64Url(43);

    public static string Pem(string label) => $"-----BEGIN {label}-----\n{B64(64)}\n{B64(64)}\n{B64(40)}==\n-----END {label}-----";
}
