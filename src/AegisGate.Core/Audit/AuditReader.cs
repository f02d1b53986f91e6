using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using AegisGate.Crypto;

namespace AegisGate.Audit;

/// <summary>What a line of an audit file is.</summary>
public enum AuditRecordKind
{
    /// <summary>An audited decision (<see cref="AuditRecord.Event"/>).</summary>
    Event,

    /// <summary>A recovery record written by the sink (torn tail, unverifiable tail, records lost).</summary>
    Recovery,

    /// <summary>A key record: the records after it in its file are encrypted under the data key it carries (wrapped).</summary>
    Key,

    /// <summary>A well-formed record of a type this version does not know.</summary>
    Unknown,

    /// <summary>A line that is not a record: the torn bytes of an interrupted write, or damage (verification tells which).</summary>
    Unreadable,
}

/// <summary>One line of an audit trail as read by <see cref="AuditReader"/>, decrypted when it was encrypted.</summary>
public sealed class AuditRecord
{
    /// <summary>Gets the file the record is in.</summary>
    public required string File { get; init; }

    /// <summary>Gets the line number (1-based) in <see cref="File"/>.</summary>
    public required long Line { get; init; }

    /// <summary>Gets what the line is.</summary>
    public required AuditRecordKind Kind { get; init; }

    /// <summary>Gets the sequence number, or <see langword="null"/> for an unreadable line.</summary>
    public long? Sequence { get; init; }

    /// <summary>Gets the record's time (for an event, its <see cref="AuditEvent.Timestamp"/>).</summary>
    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>Gets the event of an <see cref="AuditRecordKind.Event"/> record.</summary>
    public AuditEvent? Event { get; init; }

    /// <summary>Gets a value indicating whether the record was stored encrypted (and has been decrypted and authenticated).</summary>
    public bool Encrypted { get; init; }

    /// <summary>Gets the id of the key-encryption key: of a key record, or of the key record an encrypted event was sealed under.</summary>
    public string? KeyId { get; init; }

    /// <summary>Gets the reason of a recovery record (<c>torn-tail</c>, <c>unverifiable-tail</c>, <c>records-lost</c>).</summary>
    public string? Reason { get; init; }

    /// <summary>Gets the bytes a recovery record covers (0 when none).</summary>
    public long TornBytes { get; init; }

    /// <summary>Gets the first lost sequence number a recovery record reports (0 when none).</summary>
    public long LostFrom { get; init; }

    /// <summary>Gets the last lost sequence number a recovery record reports (0 when none).</summary>
    public long LostTo { get; init; }
}

/// <summary>
/// Reads the records of an audit trail written by <see cref="JsonlAuditSink"/>, plaintext or encrypted
/// (<c>AegisGate:Audit:Encrypt</c>), decrypting encrypted records with the key-encryption keys of an
/// <see cref="IEnvelopeEncryptor"/>. It does not verify the chain: verify with <see cref="AuditVerifier"/> first (the
/// chain key proves integrity and order; the reader proves each encrypted record's authenticity and position).
/// </summary>
public static class AuditReader
{
    /// <summary>Reads an audit file, or the one chain of an audit directory (rotated files by index, then the active file).</summary>
    /// <param name="path">An audit file or directory.</param>
    /// <param name="encryptor">
    /// Unwraps the data keys of encrypted records with the key named in each key record (keep retired keys in the ring);
    /// <see langword="null"/> to read plaintext trails.
    /// </param>
    /// <param name="cancellationToken">The cancellation token.</param>
    /// <returns>The records, in file order.</returns>
    /// <exception cref="AegisCryptoException">
    /// <c>AEGIS_CRYPTO_INTEGRITY_FAILED</c>: an encrypted record cannot be decrypted — no encryptor, an unknown or wrong
    /// key-encryption key, a tampered wrapped key or ciphertext, a record moved to another position or file, or no key
    /// record before it. Nothing after it is returned.
    /// </exception>
    /// <exception cref="Secrets.SecretUnavailableException">A key-encryption key cannot be fetched.</exception>
    /// <exception cref="FileNotFoundException">The path does not exist, or the directory holds no audit file.</exception>
    /// <exception cref="ArgumentException">The directory holds several chains.</exception>
    /// <exception cref="IOException">A file could not be read.</exception>
    public static async IAsyncEnumerable<AuditRecord> ReadAsync(string path, IEnvelopeEncryptor? encryptor, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        foreach (var file in AuditChainFiles.Resolve(path))
        {
            using var reader = new AuditLineReader(file, AuditRecordFormat.MaxLineBytes);
            Segment? segment = null;
            try
            {
                long lineNumber = 0;
                while (ReadLine(reader, out var fields))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    lineNumber++;
                    if (fields is null)
                    {
                        yield return new AuditRecord { File = file, Line = lineNumber, Kind = AuditRecordKind.Unreadable };
                        continue;
                    }

                    if (fields.Type == AuditRecordFormat.TypeKey)
                    {
                        segment?.Dispose();
                        segment = new Segment(fields.SegmentId!, fields.WrappedKey!, fields.KeyId!, lineNumber, fields.Sequence);
                        yield return new AuditRecord { File = file, Line = lineNumber, Kind = AuditRecordKind.Key, Sequence = fields.Sequence, Timestamp = fields.Timestamp, KeyId = fields.KeyId };
                        continue;
                    }

                    string? keyId = null;
                    if (fields.Sealed is { } sealedRecord)
                    {
                        if (segment is null)
                        {
                            throw Fail(file, lineNumber, fields.Sequence, "the record is encrypted but no key record precedes it in its file");
                        }

                        if (segment.Aes is null)
                        {
                            await segment.UnwrapAsync(encryptor, file, cancellationToken).ConfigureAwait(false);
                        }

                        var plaintext = AuditEncryption.Open(segment.Aes!, segment.Id, fields.Sequence, fields.Timestamp!.Value.UtcTicks, sealedRecord)
                            ?? throw Fail(file, lineNumber, fields.Sequence, $"the encrypted record failed authentication under the data key of the key record at line {segment.Line} (its ciphertext was altered, or it was moved from another position or file)");
                        try
                        {
                            if (!TryReadSealedMembers(plaintext, fields))
                            {
                                throw Fail(file, lineNumber, fields.Sequence, "the decrypted record is not a valid audit event");
                            }
                        }
                        finally
                        {
                            CryptographicOperations.ZeroMemory(plaintext);
                        }

                        keyId = segment.KeyId;
                    }

                    yield return ToRecord(file, lineNumber, fields, keyId);
                }
            }
            finally
            {
                segment?.Dispose();
            }
        }
    }

    private static bool ReadLine(AuditLineReader reader, out Fields? fields)
    {
        fields = null;
        if (!reader.TryRead(out var line, out _, out _, out var overLong))
        {
            return false;
        }

        if (!overLong)
        {
            var parsed = new Fields();
            if (TryReadRecord(line, parsed))
            {
                fields = parsed;
            }
        }

        return true;
    }

    private static AuditRecord ToRecord(string file, long line, Fields fields, string? keyId)
    {
        var kind = fields.Type switch
        {
            AuditRecordFormat.TypeEvent => AuditRecordKind.Event,
            AuditRecordFormat.TypeRecovery => AuditRecordKind.Recovery,
            _ => AuditRecordKind.Unknown,
        };
        AuditEvent? auditEvent = null;
        if (kind == AuditRecordKind.Event)
        {
            if (fields.Timestamp is not { } timestamp || fields.Pillar is null || fields.Operation is null || fields.Decision is null)
            {
                return new AuditRecord { File = file, Line = line, Kind = AuditRecordKind.Unreadable, Sequence = fields.Sequence };
            }

            auditEvent = new AuditEvent
            {
                Timestamp = timestamp,
                RequestId = fields.RequestId,
                Principal = fields.Principal,
                Pillar = fields.Pillar,
                Operation = fields.Operation,
                Decision = fields.Decision,
                Code = fields.Code,
                Check = fields.Check,
                LatencyMs = fields.LatencyMs,
                Properties = fields.Properties,
            };
        }

        return new AuditRecord
        {
            File = file,
            Line = line,
            Kind = kind,
            Sequence = fields.Sequence,
            Timestamp = fields.Timestamp,
            Event = auditEvent,
            Encrypted = keyId is not null,
            KeyId = keyId,
            Reason = fields.Reason,
            TornBytes = fields.TornBytes,
            LostFrom = fields.LostFrom,
            LostTo = fields.LostTo,
        };
    }

    /// <summary>Reads a line's members; <see langword="false"/> when it is not a well-formed record.</summary>
    private static bool TryReadRecord(ReadOnlySpan<byte> line, Fields fields)
    {
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 4 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !ReadMembers(ref reader, fields, outer: true) || reader.Read())
            {
                return false;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return false;
        }

        if (!fields.HasVersion || fields.Sequence <= 0 || fields.Type is null || !fields.HasPrev || !fields.HasMac)
        {
            return false;
        }

        return fields.Type switch
        {
            AuditRecordFormat.TypeKey => fields.SegmentId is { Length: AuditEncryption.SegmentIdSize } && fields.WrappedKey is { Length: > 0 } && EnvelopeFormat.IsValidKeyId(fields.KeyId),
            AuditRecordFormat.TypeEvent => fields.Sealed is null || fields.Timestamp is not null,
            _ => fields.Sealed is null,
        };
    }

    /// <summary>Reads the members of a decrypted event (<c>{"requestId":…,"pillar":…,…}</c>) into <paramref name="fields"/>.</summary>
    private static bool TryReadSealedMembers(ReadOnlySpan<byte> plaintext, Fields fields)
    {
        try
        {
            var reader = new Utf8JsonReader(plaintext, new JsonReaderOptions { MaxDepth = 4 });
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject && ReadMembers(ref reader, fields, outer: false) && !reader.Read();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    private static bool ReadMembers(ref Utf8JsonReader reader, Fields fields, bool outer)
    {
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return true;
            }

            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                return false;
            }

            var name = reader.GetString();
            if (!reader.Read())
            {
                return false;
            }

            switch (name)
            {
                case "v" when outer:
                    fields.HasVersion = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v) && v == AuditRecordFormat.Version;
                    break;
                case "seq" when outer:
                    fields.Sequence = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var seq) ? seq : 0;
                    break;
                case "type" when outer:
                    fields.Type = reader.GetString();
                    break;
                case "prev" when outer:
                    fields.HasPrev = reader.TokenType == JsonTokenType.String;
                    break;
                case "mac" when outer:
                    fields.HasMac = reader.TokenType == JsonTokenType.String;
                    break;
                case "enc" when outer:
                    fields.Sealed = reader.GetBytesFromBase64();
                    break;
                case "kek" when outer:
                    fields.KeyId = reader.GetString();
                    break;
                case "segment" when outer:
                    fields.SegmentId = reader.GetBytesFromBase64();
                    break;
                case "wrappedKey" when outer:
                    fields.WrappedKey = reader.GetBytesFromBase64();
                    break;
                case "reason" when outer:
                    fields.Reason = reader.GetString();
                    break;
                case "tornBytes" when outer:
                    fields.TornBytes = reader.GetInt64();
                    break;
                case "lostFrom" when outer:
                    fields.LostFrom = reader.GetInt64();
                    break;
                case "lostTo" when outer:
                    fields.LostTo = reader.GetInt64();
                    break;
                case "ts" when outer:
                    fields.Timestamp = reader.GetDateTimeOffset();
                    break;
                case "requestId":
                    fields.RequestId = reader.GetString();
                    break;
                case "principal":
                    fields.Principal = reader.GetString();
                    break;
                case "pillar":
                    fields.Pillar = reader.GetString();
                    break;
                case "operation":
                    fields.Operation = reader.GetString();
                    break;
                case "decision":
                    fields.Decision = reader.GetString();
                    break;
                case "code":
                    fields.Code = reader.GetString();
                    break;
                case "check":
                    fields.Check = reader.GetString();
                    break;
                case "latencyMs":
                    fields.LatencyMs = reader.GetDouble();
                    break;
                case "props":
                    if (!ReadProperties(ref reader, fields))
                    {
                        return false;
                    }

                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return false;
    }

    private static bool ReadProperties(ref Utf8JsonReader reader, Fields fields)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            {
                return false;
            }

            properties[key] = reader.GetString()!;
        }

        fields.Properties = properties;
        return reader.TokenType == JsonTokenType.EndObject;
    }

    private static AegisCryptoException Fail(string file, long line, long sequence, string reason, Exception? inner = null)
    {
        var message = $"Encrypted audit data failed its integrity check at {file}:{line} (seq {sequence}): {reason}.";
        return inner is null ? new AegisCryptoException(message) : new AegisCryptoException(message, inner);
    }

    private sealed class Fields
    {
        public bool HasVersion;
        public long Sequence;
        public string? Type;
        public bool HasPrev;
        public bool HasMac;
        public byte[]? Sealed;
        public string? KeyId;
        public byte[]? SegmentId;
        public byte[]? WrappedKey;
        public string? Reason;
        public long TornBytes;
        public long LostFrom;
        public long LostTo;
        public DateTimeOffset? Timestamp;
        public string? RequestId;
        public string? Principal;
        public string? Pillar;
        public string? Operation;
        public string? Decision;
        public string? Code;
        public string? Check;
        public double LatencyMs;
        public Dictionary<string, string>? Properties;
    }

    /// <summary>A key segment of the file being read: its data key is unwrapped when its first encrypted record is read.</summary>
    private sealed class Segment(byte[] id, byte[] wrappedKey, string keyId, long line, long sequence) : IDisposable
    {
        public byte[] Id { get; } = id;

        public string KeyId { get; } = keyId;

        public long Line { get; } = line;

        public long Sequence { get; } = sequence;

        public AesGcm? Aes { get; private set; }

        public async ValueTask UnwrapAsync(IEnvelopeEncryptor? encryptor, string file, CancellationToken cancellationToken)
        {
            if (encryptor is not { IsEnabled: true })
            {
                throw Fail(file, Line, Sequence, $"the trail is encrypted (key-encryption key '{KeyId}') but no key-encryption key is configured (AegisGate:Encryption)");
            }

            if (!EnvelopeFormat.TryReadKeyId(wrappedKey, out var envelopeKeyId) || !string.Equals(envelopeKeyId, KeyId, StringComparison.Ordinal))
            {
                throw Fail(file, Line, Sequence, "the key record's wrapped data key is malformed or names another key-encryption key");
            }

            byte[] dataKey;
            try
            {
                dataKey = await encryptor.DecryptAsync(wrappedKey, AuditEncryption.KeyAssociatedData(Id), cancellationToken).ConfigureAwait(false);
            }
            catch (AegisCryptoException ex)
            {
                throw Fail(file, Line, Sequence, $"the data key of this key record cannot be unwrapped with key-encryption key '{KeyId}' (wrong or missing key, or a tampered key record): {ex.Message}", ex);
            }

            try
            {
                if (dataKey.Length != EnvelopeFormat.DataKeySize)
                {
                    throw Fail(file, Line, Sequence, "the unwrapped data key has the wrong size");
                }

                Aes = new AesGcm(dataKey, EnvelopeFormat.TagSize);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(dataKey);
            }
        }

        public void Dispose() => Aes?.Dispose();
    }
}
