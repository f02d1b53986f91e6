using System.Buffers.Binary;
using System.Security.Cryptography;
using AegisGate.Crypto;

namespace AegisGate.Audit;

/// <summary>
/// The encryption of audit records (<c>AegisGate:Audit:Encrypt</c>, see <c>docs/audit.md</c>). A <em>key segment</em> is
/// a run of records sealed under one random AES-256 data key; a <c>key</c> record starts it and carries the data key
/// wrapped by the key-encryption key (an <see cref="IEnvelopeEncryptor"/> envelope). A new segment starts with every
/// file and every time the writer (re)opens the trail, so a data key is used by one writer session only.
/// </summary>
internal static class AuditEncryption
{
    /// <summary>The size of a segment id.</summary>
    public const int SegmentIdSize = 16;

    /// <summary>The value of the key record's <c>alg</c> member.</summary>
    public const string Algorithm = "A256GCM";

    /// <summary>The size of a sealed record's fixed part: nonce and tag.</summary>
    public const int Overhead = EnvelopeFormat.NonceSize + EnvelopeFormat.TagSize;

    /// <summary>The associated data of a record: prefix, segment id, sequence number and time (UTC ticks).</summary>
    public const int RecordAssociatedDataLength = 18 + SegmentIdSize + 8 + 8;

    /// <summary>Gets the prefix of a record's associated data (18 bytes).</summary>
    public static ReadOnlySpan<byte> RecordAssociatedDataPrefix => "aegisgate:audit:v1"u8;

    /// <summary>Gets the prefix of a wrapped data key's associated data.</summary>
    public static ReadOnlySpan<byte> KeyAssociatedDataPrefix => "aegisgate:audit-key:v1"u8;

    /// <summary>Returns the associated data that binds a wrapped data key to its segment.</summary>
    /// <param name="segmentId">The segment id.</param>
    /// <returns>The associated data.</returns>
    public static byte[] KeyAssociatedData(ReadOnlySpan<byte> segmentId)
    {
        var data = new byte[KeyAssociatedDataPrefix.Length + segmentId.Length];
        KeyAssociatedDataPrefix.CopyTo(data);
        segmentId.CopyTo(data.AsSpan(KeyAssociatedDataPrefix.Length));
        return data;
    }

    /// <summary>
    /// Writes the associated data of a record: it binds the ciphertext to its segment (so to its file), its sequence
    /// number and its clear-text time.
    /// </summary>
    /// <param name="destination">At least <see cref="RecordAssociatedDataLength"/> bytes.</param>
    /// <param name="segmentId">The segment id.</param>
    /// <param name="sequence">The record's sequence number.</param>
    /// <param name="utcTicks">The record's time (<c>ts</c>), as UTC ticks.</param>
    public static void WriteRecordAssociatedData(Span<byte> destination, ReadOnlySpan<byte> segmentId, long sequence, long utcTicks)
    {
        RecordAssociatedDataPrefix.CopyTo(destination);
        segmentId.CopyTo(destination[RecordAssociatedDataPrefix.Length..]);
        BinaryPrimitives.WriteInt64BigEndian(destination[(RecordAssociatedDataPrefix.Length + SegmentIdSize)..], sequence);
        BinaryPrimitives.WriteInt64BigEndian(destination[(RecordAssociatedDataPrefix.Length + SegmentIdSize + 8)..], utcTicks);
    }

    /// <summary>Opens a sealed record (<c>nonce ‖ ciphertext ‖ tag</c>).</summary>
    /// <param name="aes">The segment's cipher.</param>
    /// <param name="segmentId">The segment id.</param>
    /// <param name="sequence">The record's sequence number.</param>
    /// <param name="utcTicks">The record's time (<c>ts</c>), as UTC ticks.</param>
    /// <param name="sealedRecord">The sealed bytes.</param>
    /// <returns>The plaintext, or <see langword="null"/> when the record fails authentication.</returns>
    public static byte[]? Open(AesGcm aes, ReadOnlySpan<byte> segmentId, long sequence, long utcTicks, ReadOnlySpan<byte> sealedRecord)
    {
        if (sealedRecord.Length < Overhead)
        {
            return null;
        }

        Span<byte> associatedData = stackalloc byte[RecordAssociatedDataLength];
        WriteRecordAssociatedData(associatedData, segmentId, sequence, utcTicks);
        var plaintext = new byte[sealedRecord.Length - Overhead];
        try
        {
            aes.Decrypt(
                sealedRecord[..EnvelopeFormat.NonceSize],
                sealedRecord.Slice(EnvelopeFormat.NonceSize, plaintext.Length),
                sealedRecord[^EnvelopeFormat.TagSize..],
                plaintext,
                associatedData);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}

/// <summary>
/// The writer's current key segment: a random data key (held only as an <see cref="AesGcm"/> instance), its id and its
/// wrapped form. Nonces are a 64-bit counter (a deterministic construction, NIST SP 800-38D §8.2.1): the key is fresh
/// and used by this writer alone, so a nonce never repeats under it, whatever happens to the sequence numbers.
/// </summary>
internal sealed class AuditSegment : IDisposable
{
    private readonly AesGcm _aes;
    private ulong _counter;

    private AuditSegment(byte[] id, string keyId, byte[] wrappedKey, AesGcm aes)
    {
        Id = id;
        KeyId = keyId;
        WrappedKey = wrappedKey;
        _aes = aes;
    }

    /// <summary>Gets the segment id (random, bound into every record's associated data).</summary>
    public byte[] Id { get; }

    /// <summary>Gets the id of the key-encryption key that wrapped the data key.</summary>
    public string KeyId { get; }

    /// <summary>Gets the wrapped data key (an envelope of <see cref="IEnvelopeEncryptor"/>).</summary>
    public byte[] WrappedKey { get; }

    /// <summary>Creates a segment: a new random data key, wrapped by the active key-encryption key.</summary>
    /// <param name="encryptor">The envelope encryptor.</param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The segment.</returns>
    public static async ValueTask<AuditSegment> CreateAsync(IEnvelopeEncryptor encryptor, CancellationToken cancellationToken)
    {
        var id = RandomNumberGenerator.GetBytes(AuditEncryption.SegmentIdSize);
        var dataKey = RandomNumberGenerator.GetBytes(EnvelopeFormat.DataKeySize);
        try
        {
            var wrapped = await encryptor.EncryptAsync(dataKey, AuditEncryption.KeyAssociatedData(id), cancellationToken).ConfigureAwait(false);
            if (!EnvelopeFormat.TryReadKeyId(wrapped, out var keyId))
            {
                throw new InvalidOperationException("The envelope encryptor returned a malformed envelope for the audit data key.");
            }

            return new AuditSegment(id, keyId, wrapped, new AesGcm(dataKey, EnvelopeFormat.TagSize));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>Creates a segment synchronously (the sink's writer is synchronous; a local key-encryption key completes at once).</summary>
    /// <param name="encryptor">The envelope encryptor.</param>
    /// <returns>The segment.</returns>
    public static AuditSegment Create(IEnvelopeEncryptor encryptor)
    {
        var pending = CreateAsync(encryptor, CancellationToken.None);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Seals a record: <c>nonce(12) ‖ ciphertext ‖ tag(16)</c> into <paramref name="destination"/>.</summary>
    /// <param name="sequence">The record's sequence number.</param>
    /// <param name="utcTicks">The record's time (<c>ts</c>), as UTC ticks.</param>
    /// <param name="plaintext">The record's content.</param>
    /// <param name="destination">At least <c>plaintext.Length + </c><see cref="AuditEncryption.Overhead"/> bytes, not overlapping the plaintext.</param>
    /// <returns>The number of bytes written.</returns>
    public int Seal(long sequence, long utcTicks, ReadOnlySpan<byte> plaintext, Span<byte> destination)
    {
        var nonce = destination[..EnvelopeFormat.NonceSize];
        BinaryPrimitives.WriteUInt32BigEndian(nonce, 0);
        BinaryPrimitives.WriteUInt64BigEndian(nonce[4..], ++_counter);
        Span<byte> associatedData = stackalloc byte[AuditEncryption.RecordAssociatedDataLength];
        AuditEncryption.WriteRecordAssociatedData(associatedData, Id, sequence, utcTicks);
        _aes.Encrypt(
            nonce,
            plaintext,
            destination.Slice(EnvelopeFormat.NonceSize, plaintext.Length),
            destination.Slice(EnvelopeFormat.NonceSize + plaintext.Length, EnvelopeFormat.TagSize),
            associatedData);
        return plaintext.Length + AuditEncryption.Overhead;
    }

    public void Dispose() => _aes.Dispose();
}
