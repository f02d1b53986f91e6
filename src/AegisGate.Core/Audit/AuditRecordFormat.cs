using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace AegisGate.Audit;

/// <summary>The kind of a record in the audit chain.</summary>
internal enum AuditRecordType
{
    /// <summary>An unknown type (a newer writer).</summary>
    Unknown,

    /// <summary>An <see cref="AuditEvent"/>.</summary>
    Event,

    /// <summary>A recovery record written by the sink when it found a torn tail or missing records.</summary>
    Recovery,

    /// <summary>A key record: starts a key segment of an encrypted trail and carries its wrapped data key.</summary>
    Key,
}

/// <summary>How a line of an audit file parsed.</summary>
internal enum AuditLineStatus
{
    /// <summary>A well-formed record whose MAC verifies.</summary>
    Valid,

    /// <summary>A well-formed record whose MAC does not verify (edited, or another key).</summary>
    MacMismatch,

    /// <summary>Not a record: invalid JSON, missing or invalid members, over-long.</summary>
    Malformed,
}

/// <summary>What a parsed line holds.</summary>
internal struct AuditRecordInfo
{
    public long Sequence;
    public bool HasSequence;
    public AuditRecordType Type;
    public AuditMac Prev;
    public AuditMac Mac;
    public long TornBytes;
    public string? TornSha256;
    public long LostFrom;
    public long LostTo;
    public string? Reason;

    /// <summary>Whether an event record carries its content sealed in <c>enc</c>.</summary>
    public bool Encrypted;

    /// <summary>The key-encryption key id of a key record.</summary>
    public string? KeyId;
}

/// <summary>
/// The audit record format (version 1) — see <c>docs/audit.md</c>. A record is one line of UTF-8 JSON ending in
/// <c>\n</c>. Its last member is always <c>"mac"</c>; the MAC input is the line's bytes from the opening <c>{</c> up to
/// (excluding) the <c>,"mac":"</c> that starts that member. Those bytes include <c>"prev"</c>, the previous record's MAC,
/// so each MAC chains over its predecessor. Verification never re-serializes: it MACs the bytes as they are.
/// </summary>
internal static class AuditRecordFormat
{
    /// <summary>The format version written in <c>"v"</c>.</summary>
    public const int Version = 1;

    /// <summary>The largest record (line) the sink writes; larger events are refused.</summary>
    public const int MaxRecordBytes = 64 * 1024;

    /// <summary>The largest line the verifier reads; anything longer is malformed.</summary>
    public const int MaxLineBytes = 1024 * 1024;

    /// <summary>The length of the fixed line suffix <c>,"mac":"&lt;44&gt;"}</c> (without the newline).</summary>
    public const int MacSuffixLength = 8 + AuditMac.Base64Length + 2;

    public const string TypeEvent = "event";
    public const string TypeRecovery = "recovery";
    public const string TypeKey = "key";
    public const string ReasonTornTail = "torn-tail";
    public const string ReasonUnverifiableTail = "unverifiable-tail";
    public const string ReasonRecordsLost = "records-lost";

    private static ReadOnlySpan<byte> MacMember => ",\"mac\":\""u8;

    private static ReadOnlySpan<byte> LineEnd => "\"}\n"u8;

    /// <summary>Writes one event record (with its newline) at the end of <paramref name="buffer"/>.</summary>
    /// <returns>The record's MAC.</returns>
    public static AuditMac WriteEvent(Utf8JsonWriter writer, AuditBuffer buffer, IncrementalHash hmac, long sequence, in AuditMac prev, AuditEvent auditEvent)
    {
        var start = buffer.WrittenCount;
        writer.Reset(buffer);
        WriteHeader(writer, sequence, auditEvent.Timestamp, "event"u8);
        WriteEventMembers(writer, auditEvent);
        return Finish(writer, buffer, hmac, start, prev);
    }

    /// <summary>
    /// Writes one encrypted event record (with its newline) at the end of <paramref name="buffer"/>:
    /// <c>{"v":1,"seq":N,"ts":…,"type":"event","enc":"&lt;base64 nonce ‖ ciphertext ‖ tag&gt;","prev":…,"mac":…}</c>. The
    /// sealed plaintext is the JSON object of the members a plaintext record has between <c>type</c> and <c>prev</c>:
    /// <c>{"requestId":…,"principal":…,…,"props":{…}}</c>; <c>seq</c> and <c>ts</c> stay in clear and are bound into the
    /// associated data with the segment id.
    /// </summary>
    /// <param name="writer">The JSON writer (reset here).</param>
    /// <param name="buffer">The output buffer.</param>
    /// <param name="scratch">A scratch buffer for the plaintext and the sealed bytes (reset here).</param>
    /// <param name="hmac">The chain HMAC.</param>
    /// <param name="segment">The key segment.</param>
    /// <param name="sequence">The record's sequence number.</param>
    /// <param name="prev">The previous record's MAC.</param>
    /// <param name="auditEvent">The event.</param>
    /// <returns>The record's MAC.</returns>
    public static AuditMac WriteEncryptedEvent(Utf8JsonWriter writer, AuditBuffer buffer, AuditBuffer scratch, IncrementalHash hmac, AuditSegment segment, long sequence, in AuditMac prev, AuditEvent auditEvent)
    {
        scratch.Reset();
        writer.Reset(scratch);
        writer.WriteStartObject();
        WriteEventMembers(writer, auditEvent);
        writer.WriteEndObject();
        writer.Flush();

        var plaintextLength = scratch.WrittenCount;
        var destination = scratch.GetSpan(plaintextLength + AuditEncryption.Overhead);
        var sealedLength = segment.Seal(sequence, auditEvent.Timestamp.UtcTicks, scratch.WrittenSpan, destination);

        var start = buffer.WrittenCount;
        writer.Reset(buffer);
        WriteHeader(writer, sequence, auditEvent.Timestamp, "event"u8);
        writer.WriteBase64String("enc"u8, destination[..sealedLength]);
        return Finish(writer, buffer, hmac, start, prev);
    }

    /// <summary>
    /// Writes the key record that starts a key segment:
    /// <c>{"v":1,"seq":N,"ts":…,"type":"key","alg":"A256GCM","kek":"&lt;key id&gt;","segment":"&lt;base64 16 bytes&gt;","wrappedKey":"&lt;base64 envelope&gt;","prev":…,"mac":…}</c>.
    /// </summary>
    /// <returns>The record's MAC.</returns>
    public static AuditMac WriteKey(Utf8JsonWriter writer, AuditBuffer buffer, IncrementalHash hmac, long sequence, in AuditMac prev, DateTimeOffset timestamp, AuditSegment segment)
    {
        var start = buffer.WrittenCount;
        writer.Reset(buffer);
        WriteHeader(writer, sequence, timestamp, "key"u8);
        writer.WriteString("alg"u8, AuditEncryption.Algorithm);
        writer.WriteString("kek"u8, segment.KeyId);
        writer.WriteBase64String("segment"u8, segment.Id);
        writer.WriteBase64String("wrappedKey"u8, segment.WrappedKey);
        return Finish(writer, buffer, hmac, start, prev);
    }

    private static void WriteEventMembers(Utf8JsonWriter writer, AuditEvent auditEvent)
    {
        WriteOptional(writer, "requestId"u8, auditEvent.RequestId);
        WriteOptional(writer, "principal"u8, auditEvent.Principal);
        writer.WriteString("pillar"u8, auditEvent.Pillar);
        writer.WriteString("operation"u8, auditEvent.Operation);
        writer.WriteString("decision"u8, auditEvent.Decision);
        WriteOptional(writer, "code"u8, auditEvent.Code);
        WriteOptional(writer, "check"u8, auditEvent.Check);
        writer.WriteNumber("latencyMs"u8, auditEvent.LatencyMs);
        if (auditEvent.Properties is { Count: > 0 } properties)
        {
            writer.WriteStartObject("props"u8);
            if (properties is Dictionary<string, string> dictionary)
            {
                foreach (var (key, value) in dictionary)
                {
                    writer.WriteString(key, value);
                }
            }
            else
            {
                foreach (var (key, value) in properties)
                {
                    writer.WriteString(key, value);
                }
            }

            writer.WriteEndObject();
        }
    }

    /// <summary>Writes one recovery record (with its newline) at the end of <paramref name="buffer"/>.</summary>
    /// <returns>The record's MAC.</returns>
    public static AuditMac WriteRecovery(
        Utf8JsonWriter writer,
        AuditBuffer buffer,
        IncrementalHash hmac,
        long sequence,
        in AuditMac prev,
        DateTimeOffset timestamp,
        string reason,
        long tornBytes,
        ReadOnlySpan<byte> tornSha256,
        long lostFrom,
        long lostTo)
    {
        var start = buffer.WrittenCount;
        writer.Reset(buffer);
        WriteHeader(writer, sequence, timestamp, "recovery"u8);
        writer.WriteString("reason"u8, reason);
        if (tornBytes > 0)
        {
            writer.WriteNumber("tornBytes"u8, tornBytes);
            writer.WriteString("tornSha256"u8, Convert.ToHexStringLower(tornSha256));
        }

        if (lostTo >= lostFrom && lostFrom > 0)
        {
            writer.WriteNumber("lostFrom"u8, lostFrom);
            writer.WriteNumber("lostTo"u8, lostTo);
        }

        return Finish(writer, buffer, hmac, start, prev);
    }

    /// <summary>Parses and authenticates one line (without its newline).</summary>
    /// <param name="line">The line.</param>
    /// <param name="hmac">An HMAC-SHA256 instance keyed with the chain key (reset after use).</param>
    /// <param name="info">What the line holds; <see cref="AuditRecordInfo.Sequence"/> is set when readable even if the MAC fails.</param>
    /// <returns>The status.</returns>
    public static AuditLineStatus Parse(ReadOnlySpan<byte> line, IncrementalHash hmac, out AuditRecordInfo info)
    {
        info = default;
        if (line.Length > MaxRecordBytes || line.Length < MacSuffixLength + 2 || !line.EndsWith("\"}"u8))
        {
            ReadSequencePrefix(line, ref info);
            return AuditLineStatus.Malformed;
        }

        var macStart = line.Length - 2 - AuditMac.Base64Length;
        var prefixLength = macStart - MacMember.Length;
        if (!line.Slice(prefixLength, MacMember.Length).SequenceEqual(MacMember)
            || !AuditMac.TryFromBase64Utf8(line.Slice(macStart, AuditMac.Base64Length), out var mac))
        {
            ReadSequencePrefix(line, ref info);
            return AuditLineStatus.Malformed;
        }

        info.Mac = mac;
        if (!TryReadMembers(line, ref info))
        {
            return AuditLineStatus.Malformed;
        }

        Span<byte> computed = stackalloc byte[AuditMac.Size];
        hmac.AppendData(line[..prefixLength]);
        hmac.GetHashAndReset(computed);
        return mac.FixedTimeEquals(computed) ? AuditLineStatus.Valid : AuditLineStatus.MacMismatch;
    }

    /// <summary>Reads the sequence number of a cut or damaged line from the writer's fixed prefix <c>{"v":1,"seq":N,</c>, for reporting only.</summary>
    private static void ReadSequencePrefix(ReadOnlySpan<byte> line, ref AuditRecordInfo info)
    {
        var prefix = "{\"v\":1,\"seq\":"u8;
        if (!line.StartsWith(prefix))
        {
            return;
        }

        var digits = line[prefix.Length..];
        var end = digits.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        if (end > 0 && System.Buffers.Text.Utf8Parser.TryParse(digits[..end], out long sequence, out _) && sequence > 0)
        {
            info.Sequence = sequence;
            info.HasSequence = true;
        }
    }

    private static void WriteHeader(Utf8JsonWriter writer, long sequence, DateTimeOffset timestamp, ReadOnlySpan<byte> type)
    {
        writer.WriteStartObject();
        writer.WriteNumber("v"u8, Version);
        writer.WriteNumber("seq"u8, sequence);
        writer.WriteString("ts"u8, timestamp.UtcDateTime);
        writer.WriteString("type"u8, type);
    }

    private static void WriteOptional(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static AuditMac Finish(Utf8JsonWriter writer, AuditBuffer buffer, IncrementalHash hmac, int start, in AuditMac prev)
    {
        Span<byte> bytes = stackalloc byte[AuditMac.Size];
        prev.CopyTo(bytes);
        writer.WriteBase64String("prev"u8, bytes);
        writer.Flush();

        hmac.AppendData(buffer.WrittenSpan[start..]);
        hmac.GetHashAndReset(bytes);
        buffer.Write(MacMember);
        Base64.EncodeToUtf8(bytes, buffer.GetSpan(AuditMac.Base64Length), out _, out var written);
        buffer.Advance(written);
        buffer.Write(LineEnd);
        return AuditMac.FromBytes(bytes);
    }

    private static bool TryReadMembers(ReadOnlySpan<byte> line, ref AuditRecordInfo info)
    {
        var hasVersion = false;
        var hasPrev = false;
        var hasType = false;
        var hasSegment = false;
        var hasWrappedKey = false;
        Span<byte> segmentBytes = stackalloc byte[AuditEncryption.SegmentIdSize + 3];
        try
        {
            var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = 4 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("v"u8))
                {
                    reader.Read();
                    hasVersion = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var v) && v == Version;
                }
                else if (reader.ValueTextEquals("seq"u8))
                {
                    reader.Read();
                    info.HasSequence = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out info.Sequence) && info.Sequence > 0;
                }
                else if (reader.ValueTextEquals("type"u8))
                {
                    reader.Read();
                    hasType = reader.TokenType == JsonTokenType.String;
                    info.Type = !hasType ? AuditRecordType.Unknown
                        : reader.ValueTextEquals("event"u8) ? AuditRecordType.Event
                        : reader.ValueTextEquals("recovery"u8) ? AuditRecordType.Recovery
                        : reader.ValueTextEquals("key"u8) ? AuditRecordType.Key
                        : AuditRecordType.Unknown;
                }
                else if (reader.ValueTextEquals("prev"u8))
                {
                    reader.Read();
                    hasPrev = reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && AuditMac.TryFromBase64Utf8(reader.ValueSpan, out info.Prev);
                }
                else if (reader.ValueTextEquals("tornBytes"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out info.TornBytes) || info.TornBytes < 0)
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("tornSha256"u8))
                {
                    reader.Read();
                    info.TornSha256 = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("lostFrom"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out info.LostFrom))
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("lostTo"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out info.LostTo))
                    {
                        return false;
                    }
                }
                else if (reader.ValueTextEquals("reason"u8))
                {
                    reader.Read();
                    info.Reason = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("enc"u8))
                {
                    reader.Read();
                    if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.ValueSpan.Length < Base64.GetMaxEncodedToUtf8Length(AuditEncryption.Overhead))
                    {
                        return false;
                    }

                    info.Encrypted = true;
                }
                else if (reader.ValueTextEquals("kek"u8))
                {
                    reader.Read();
                    info.KeyId = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals("segment"u8))
                {
                    reader.Read();
                    hasSegment = reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped
                        && Base64.DecodeFromUtf8(reader.ValueSpan, segmentBytes, out _, out var segmentLength) == System.Buffers.OperationStatus.Done
                        && segmentLength == AuditEncryption.SegmentIdSize;
                }
                else if (reader.ValueTextEquals("wrappedKey"u8))
                {
                    reader.Read();
                    hasWrappedKey = reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        // A key record needs its key id, segment and wrapped key; only event records are sealed.
        var keyValid = info.Type != AuditRecordType.Key || (hasSegment && hasWrappedKey && Crypto.EnvelopeFormat.IsValidKeyId(info.KeyId));
        var encValid = !info.Encrypted || info.Type == AuditRecordType.Event;
        return hasVersion && info.HasSequence && hasPrev && hasType && keyValid && encValid;
    }
}
