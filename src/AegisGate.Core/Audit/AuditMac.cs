using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace AegisGate.Audit;

/// <summary>A 32-byte HMAC-SHA256 value of the audit chain, held without allocation.</summary>
internal readonly struct AuditMac : IEquatable<AuditMac>
{
    /// <summary>The size of a MAC in bytes.</summary>
    public const int Size = 32;

    /// <summary>The length of a MAC in base64 (with padding).</summary>
    public const int Base64Length = 44;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    private AuditMac(ulong a, ulong b, ulong c, ulong d)
    {
        _a = a;
        _b = b;
        _c = c;
        _d = d;
    }

    /// <summary>Gets the <c>prev</c> value of the first record of a chain: 32 zero bytes.</summary>
    public static AuditMac Genesis => default;

    /// <summary>Gets a value indicating whether this is the genesis value.</summary>
    public bool IsGenesis => (_a | _b | _c | _d) == 0;

    /// <summary>Reads a MAC from 32 bytes.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <returns>The MAC.</returns>
    public static AuditMac FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException("A chain MAC is 32 bytes.", nameof(bytes));
        }

        return new AuditMac(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));
    }

    /// <summary>Decodes a base64 MAC given as UTF-8 bytes.</summary>
    /// <param name="utf8Base64">The 44 base64 characters.</param>
    /// <param name="mac">The MAC.</param>
    /// <returns><see langword="true"/> when the input is exactly a base64 encoded 32-byte value.</returns>
    public static bool TryFromBase64Utf8(ReadOnlySpan<byte> utf8Base64, out AuditMac mac)
    {
        Span<byte> bytes = stackalloc byte[Size + 2];
        if (utf8Base64.Length == Base64Length
            && Base64.DecodeFromUtf8(utf8Base64, bytes, out var consumed, out var written) == System.Buffers.OperationStatus.Done
            && consumed == Base64Length && written == Size)
        {
            mac = FromBytes(bytes[..Size]);
            return true;
        }

        mac = default;
        return false;
    }

    /// <summary>Decodes a base64 MAC.</summary>
    /// <param name="base64">The base64 text.</param>
    /// <param name="mac">The MAC.</param>
    /// <returns><see langword="true"/> when the text is exactly a base64 encoded 32-byte value.</returns>
    public static bool TryFromBase64(string? base64, out AuditMac mac)
    {
        Span<byte> bytes = stackalloc byte[Size + 2];
        if (base64 is { Length: Base64Length } && Convert.TryFromBase64String(base64, bytes, out var written) && written == Size)
        {
            mac = FromBytes(bytes[..Size]);
            return true;
        }

        mac = default;
        return false;
    }

    /// <summary>Writes the 32 bytes.</summary>
    /// <param name="destination">At least 32 bytes.</param>
    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _c);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _d);
    }

    /// <summary>Compares with a computed MAC in constant time.</summary>
    /// <param name="computed">The computed 32 bytes.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool FixedTimeEquals(ReadOnlySpan<byte> computed)
    {
        Span<byte> mine = stackalloc byte[Size];
        CopyTo(mine);
        return CryptographicOperations.FixedTimeEquals(mine, computed);
    }

    /// <summary>Returns the base64 form.</summary>
    /// <returns>44 characters.</returns>
    public string ToBase64()
    {
        Span<byte> bytes = stackalloc byte[Size];
        CopyTo(bytes);
        return Convert.ToBase64String(bytes);
    }

    /// <inheritdoc />
    public bool Equals(AuditMac other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is AuditMac other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_a, _b, _c, _d);

    /// <inheritdoc />
    public override string ToString() => ToBase64();
}
