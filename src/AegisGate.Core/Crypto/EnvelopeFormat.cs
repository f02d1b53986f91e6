using System.Buffers.Binary;
using System.Text;

namespace AegisGate.Crypto;

/// <summary>
/// The AegisGate encryption envelope, version 1. All integers are big-endian.
/// </summary>
/// <remarks>
/// <code>
/// offset  size  field
/// 0       4     magic "AGEV"
/// 4       1     format version (1)
/// 5       1     content algorithm (1 = AES-256-GCM)
/// 6       1     key id length n (1–64)
/// 7       n     key id (ASCII letters, digits, '.', '_', '-')
/// 7+n     1     key wrap algorithm (1 = local AES-256-GCM, 2 = Vault Transit)
/// 8+n     2     wrapped data key length m (1–4096)
/// 10+n    m     wrapped data key
/// 10+n+m  12    nonce
/// 22+n+m  8     plaintext length L
/// 30+n+m  L     ciphertext
/// ...     16    GCM tag
/// </code>
/// The whole header (offset 0 up to the ciphertext) plus the caller's associated data is the GCM associated data, so
/// a change to any header field fails authentication; the total length must be exactly header + L + 16, so
/// truncation and appended bytes are detected before decryption.
/// </remarks>
public static class EnvelopeFormat
{
    /// <summary>The format version written.</summary>
    public const byte Version = 1;

    /// <summary>The content algorithm: AES-256-GCM.</summary>
    public const byte ContentAlgorithmAes256Gcm = 1;

    /// <summary>The size of the GCM nonce.</summary>
    public const int NonceSize = 12;

    /// <summary>The size of the GCM tag.</summary>
    public const int TagSize = 16;

    /// <summary>The size of a data key.</summary>
    public const int DataKeySize = 32;

    internal const int MaxKeyIdLength = 64;
    internal const int MaxWrappedKeyLength = 4096;

    private static ReadOnlySpan<byte> Magic => "AGEV"u8;

    /// <summary>Gets a value indicating whether data starts like an AegisGate envelope (magic bytes). Use it to refuse to read encrypted state as plaintext.</summary>
    /// <param name="data">The data.</param>
    /// <returns><see langword="true"/> when the data starts with the envelope magic.</returns>
    public static bool IsEnvelope(ReadOnlySpan<byte> data) => data.StartsWith(Magic);

    /// <summary>Reads the key-encryption key id of an envelope without decrypting it (for example to find files still under a retired key).</summary>
    /// <param name="envelope">The envelope.</param>
    /// <param name="keyId">The key id.</param>
    /// <returns><see langword="true"/> when the header parses.</returns>
    public static bool TryReadKeyId(ReadOnlySpan<byte> envelope, out string keyId)
    {
        if (TryParse(envelope, out var header, out _))
        {
            keyId = header.KeyId;
            return true;
        }

        keyId = string.Empty;
        return false;
    }

    internal static bool IsValidKeyId(string? keyId)
        => !string.IsNullOrEmpty(keyId) && keyId.Length <= MaxKeyIdLength && keyId.All(static c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>The bytes that bind a wrapped data key to its envelope: magic, version, algorithms and key id.</summary>
    internal static byte[] WrapContext(string keyId, KeyWrapAlgorithm algorithm)
    {
        var id = Encoding.ASCII.GetBytes(keyId);
        var context = new byte[Magic.Length + 3 + id.Length];
        Magic.CopyTo(context);
        context[4] = Version;
        context[5] = ContentAlgorithmAes256Gcm;
        context[6] = (byte)algorithm;
        id.CopyTo(context, 7);
        return context;
    }

    internal static int HeaderLength(string keyId, int wrappedKeyLength) => 4 + 1 + 1 + 1 + keyId.Length + 1 + 2 + wrappedKeyLength + NonceSize + 8;

    internal static int WriteHeader(Span<byte> destination, string keyId, KeyWrapAlgorithm algorithm, ReadOnlySpan<byte> wrappedKey, ReadOnlySpan<byte> nonce, long plaintextLength)
    {
        var offset = 0;
        Magic.CopyTo(destination);
        offset += 4;
        destination[offset++] = Version;
        destination[offset++] = ContentAlgorithmAes256Gcm;
        destination[offset++] = (byte)keyId.Length;
        offset += Encoding.ASCII.GetBytes(keyId, destination[offset..]);
        destination[offset++] = (byte)algorithm;
        BinaryPrimitives.WriteUInt16BigEndian(destination[offset..], (ushort)wrappedKey.Length);
        offset += 2;
        wrappedKey.CopyTo(destination[offset..]);
        offset += wrappedKey.Length;
        nonce.CopyTo(destination[offset..]);
        offset += NonceSize;
        BinaryPrimitives.WriteInt64BigEndian(destination[offset..], plaintextLength);
        return offset + 8;
    }

    internal static bool TryParse(ReadOnlySpan<byte> envelope, out EnvelopeHeader header, out string error)
    {
        header = default;
        if (!envelope.StartsWith(Magic))
        {
            error = "the data is not an AegisGate envelope";
            return false;
        }

        if (envelope.Length < 7)
        {
            error = "the envelope is truncated";
            return false;
        }

        if (envelope[4] != Version)
        {
            error = $"the envelope format version {envelope[4]} is not supported";
            return false;
        }

        if (envelope[5] != ContentAlgorithmAes256Gcm)
        {
            error = "the envelope's content algorithm is not supported";
            return false;
        }

        int keyIdLength = envelope[6];
        var offset = 7;
        if (keyIdLength is 0 or > MaxKeyIdLength || envelope.Length < offset + keyIdLength + 3)
        {
            error = "the envelope header is malformed or truncated";
            return false;
        }

        var keyId = Encoding.ASCII.GetString(envelope.Slice(offset, keyIdLength));
        offset += keyIdLength;
        if (!IsValidKeyId(keyId))
        {
            error = "the envelope's key id is malformed";
            return false;
        }

        var algorithm = (KeyWrapAlgorithm)envelope[offset++];
        if (!Enum.IsDefined(algorithm))
        {
            error = "the envelope's key wrap algorithm is not supported";
            return false;
        }

        int wrappedLength = BinaryPrimitives.ReadUInt16BigEndian(envelope[offset..]);
        offset += 2;
        if (wrappedLength is 0 or > MaxWrappedKeyLength || envelope.Length < offset + wrappedLength + NonceSize + 8)
        {
            error = "the envelope header is malformed or truncated";
            return false;
        }

        var wrappedOffset = offset;
        offset += wrappedLength;
        var nonceOffset = offset;
        offset += NonceSize;
        var plaintextLength = BinaryPrimitives.ReadInt64BigEndian(envelope[offset..]);
        offset += 8;
        if (plaintextLength < 0 || plaintextLength > envelope.Length || envelope.Length - offset - TagSize != plaintextLength)
        {
            error = "the envelope is truncated or has extra bytes";
            return false;
        }

        header = new EnvelopeHeader(keyId, algorithm, wrappedOffset, wrappedLength, nonceOffset, offset, (int)plaintextLength);
        error = string.Empty;
        return true;
    }
}

/// <summary>The parsed fixed fields of an envelope: offsets into the envelope bytes.</summary>
internal readonly record struct EnvelopeHeader(string KeyId, KeyWrapAlgorithm Algorithm, int WrappedKeyOffset, int WrappedKeyLength, int NonceOffset, int HeaderLength, int PlaintextLength);
