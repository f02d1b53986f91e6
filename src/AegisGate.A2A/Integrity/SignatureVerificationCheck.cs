using System.Security.Cryptography;
using AegisGate.A2A.Configuration;
using AegisGate.A2A.Http;

namespace AegisGate.A2A.Integrity;

/// <summary>
/// Step 2, HMAC Verify: <c>A2A-Signature</c> must be a valid <c>v1</c> HMAC-SHA256 over the canonical request (body
/// hash, method, path, agent, capability, timestamp, nonce, key id) under a key of the agent, within the clock-skew
/// window, with a nonce not seen before.
/// </summary>
/// <remarks>
/// Denies with <see cref="A2AErrorCodes.IntegrityMissing"/>, <see cref="A2AErrorCodes.IntegrityMalformed"/>,
/// <see cref="A2AErrorCodes.IntegrityInvalid"/> or <see cref="A2AErrorCodes.IntegrityReplay"/>. The nonce is recorded
/// only after the MAC verified, so unsigned traffic cannot fill the replay cache.
/// </remarks>
internal sealed class SignatureVerificationCheck(A2ARuntime runtime, TimeProvider timeProvider) : ISecurityCheck
{
    public const string CheckName = "a2a.hmac";

    private static readonly SecurityDecision Missing = SecurityDecision.Deny(A2AErrorCodes.IntegrityMissing, "The request is not signed: send A2A-Signature, A2A-Key-Id, A2A-Timestamp and A2A-Nonce.");
    private static readonly SecurityDecision TooLarge = SecurityDecision.Deny(A2AErrorCodes.IntegrityMalformed, "The request body is larger than the A2A limit and cannot be verified.");
    private static readonly SecurityDecision BadSignature = SecurityDecision.Deny(A2AErrorCodes.IntegrityMalformed, "A2A-Signature must be a single 'v1=' followed by the base64 HMAC-SHA256 (32 bytes).");
    private static readonly SecurityDecision BadVersion = SecurityDecision.Deny(A2AErrorCodes.IntegrityMalformed, "A2A-Signature uses an unsupported scheme version; this server accepts v1.");
    private static readonly SecurityDecision BadKeyId = SecurityDecision.Deny(A2AErrorCodes.IntegrityMalformed, "A2A-Key-Id must be a single value of 1-64 characters A-Z a-z 0-9 . - _.");
    private static readonly SecurityDecision BadTimestamp = SecurityDecision.Deny(A2AErrorCodes.IntegrityMalformed, "A2A-Timestamp must be a single value in Unix seconds.");
    private static readonly SecurityDecision BadNonce = SecurityDecision.Deny(A2AErrorCodes.IntegrityMalformed, "A2A-Nonce must be a single value of 16-128 characters A-Z a-z 0-9 - _.");
    private static readonly SecurityDecision BadCapability = SecurityDecision.Deny(A2AErrorCodes.IntegrityMalformed, "A2A-Capability must be sent at most once.");
    private static readonly SecurityDecision UnknownKey = SecurityDecision.Deny(A2AErrorCodes.IntegrityInvalid, "The signature cannot be verified: the key id is not known for this agent.");
    private static readonly SecurityDecision KeyNotValid = SecurityDecision.Deny(A2AErrorCodes.IntegrityInvalid, "The signature cannot be verified: the key is not valid at this time.");
    private static readonly SecurityDecision Skew = SecurityDecision.Deny(A2AErrorCodes.IntegrityInvalid, "A2A-Timestamp is outside the accepted clock-skew window.");
    private static readonly SecurityDecision Mismatch = SecurityDecision.Deny(A2AErrorCodes.IntegrityInvalid, "The signature does not match the request.");
    private static readonly SecurityDecision Replay = SecurityDecision.Deny(A2AErrorCodes.IntegrityReplay, "The nonce was already used; every request needs a fresh nonce.");
    private static readonly SecurityDecision CacheFull = SecurityDecision.Deny(A2AErrorCodes.IntegrityReplay, "The replay cache is full; the request cannot be checked for replay and is denied. Retry later.");

    public string Name => CheckName;

    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
        => new(Evaluate(context));

    private SecurityDecision Evaluate(SecurityContext context)
    {
        var request = A2ARequestData.From(context);
        if (request?.AgentId is not { } agentId)
        {
            return A2ADecisions.MissingRequest;
        }

        if (request.SignatureHeader.Count == 0)
        {
            return Missing;
        }

        if (request.BodyTooLarge)
        {
            return TooLarge;
        }

        Span<byte> presented = stackalloc byte[A2ASignatureV1.MacBytes];
        if (request.SignatureHeader.Count != 1)
        {
            return BadSignature;
        }

        if (!A2ASignatureV1.TryParseHeader(request.SignatureHeader[0], presented, out var unsupportedVersion))
        {
            return unsupportedVersion ? BadVersion : BadSignature;
        }

        if (request.KeyIdHeader.Count != 1 || request.KeyIdHeader[0] is not { } keyId || !A2ASignatureV1.IsValidKeyId(keyId))
        {
            return BadKeyId;
        }

        if (request.TimestampHeader.Count != 1 || request.TimestampHeader[0] is not { } timestamp || !A2ASignatureV1.TryParseTimestamp(timestamp, out var unixSeconds))
        {
            return BadTimestamp;
        }

        if (request.NonceHeader.Count != 1 || request.NonceHeader[0] is not { } nonce || !A2ASignatureV1.IsValidNonce(nonce))
        {
            return BadNonce;
        }

        if (request.CapabilityHeader.Count > 1)
        {
            return BadCapability;
        }

        var config = runtime.Config;
        if (!config.KeysFor(agentId).TryGetValue(keyId, out var key))
        {
            return UnknownKey;
        }

        var now = timeProvider.GetUtcNow();
        if ((key.NotBefore is { } notBefore && now < notBefore) || (key.NotAfter is { } notAfter && now >= notAfter))
        {
            return KeyNotValid;
        }

        var nowSeconds = now.ToUnixTimeSeconds();
        var skew = (long)config.MaxClockSkew.TotalSeconds;
        if (unixSeconds > nowSeconds + skew || unixSeconds < nowSeconds - skew)
        {
            return Skew;
        }

        var canonical = A2ASignatureV1.Canonicalize(request.HttpMethod, request.PathAndQuery, agentId, request.Capability ?? string.Empty, timestamp, nonce, keyId, context.Payload.Span);
        Span<byte> expected = stackalloc byte[A2ASignatureV1.MacBytes];
        A2ASignatureV1.ComputeMac(key.Secret, canonical, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, presented))
        {
            return Mismatch;
        }

        return runtime.Nonces.TryAdd(agentId, nonce, DateTimeOffset.FromUnixTimeSeconds(unixSeconds + skew), config.NonceCacheCapacity) switch
        {
            NonceResult.Added => SecurityDecision.Allow(),
            NonceResult.Replay => Replay,
            _ => CacheFull,
        };
    }
}
