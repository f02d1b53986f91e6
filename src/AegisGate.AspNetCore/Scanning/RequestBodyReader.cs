using System.Buffers;
using System.IO.Compression;
using AegisGate.AspNetCore.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace AegisGate.AspNetCore.Scanning;

/// <summary>
/// Reads a request body into a pooled buffer within the configured bounds and decodes its <c>Content-Encoding</c>
/// (gzip, deflate, br) with a size and ratio limit. Outcomes are decisions, never exceptions.
/// </summary>
internal static class RequestBodyReader
{
    private const int InitialBuffer = 16 * 1024;

    private enum Coding
    {
        Identity,
        Gzip,
        Deflate,
        Brotli,
    }

    /// <summary>Returns whether the request can carry a body at all.</summary>
    public static bool HasBody(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength is { } length)
        {
            return length > 0;
        }

        return context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true;
    }

    public static async ValueTask<(SecurityDecision Decision, RequestBody? Body)> ReadAsync(HttpContext context, AegisHttpLimitsOptions limits, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (!TryParseEncoding(request.Headers.ContentEncoding, out var coding))
        {
            return (SecurityDecision.Deny(HttpErrorCodes.EncodingUnsupported, "The Content-Encoding is not supported (identity, gzip, deflate or br, one layer).", 415), null);
        }

        var max = limits.MaxRequestBodyBytes;
        if (request.ContentLength > max)
        {
            return (TooLarge(max), null);
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? InitialBuffer, max + 1));
        var length = 0;
        try
        {
            var stream = request.Body;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > max)
                    {
                        return (TooLarge(max), null);
                    }

                    buffer = Grow(buffer, length, (int)Math.Min((long)buffer.Length * 2, max + 1));
                }

                var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > max)
                {
                    return (TooLarge(max), null);
                }
            }
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException ex)
        {
            Return(ref buffer, length);
            return (ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge(max) : SecurityDecision.Deny(HttpErrorCodes.BodyUnreadable, "The request body could not be read.", 400), null);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            Return(ref buffer, length);
            return (SecurityDecision.Deny(AegisErrorCodes.EvaluationCancelled, "The request was cancelled before it was authorized."), null);
        }
        catch (IOException)
        {
            Return(ref buffer, length);
            return (SecurityDecision.Deny(HttpErrorCodes.BodyUnreadable, "The request body could not be read.", 400), null);
        }
        finally
        {
            if (length > max)
            {
                Return(ref buffer, length);
            }
        }

        if (coding == Coding.Identity)
        {
            return (SecurityDecision.Allow(), new RequestBody(buffer, length, decoded: false));
        }

        try
        {
            return Decode(buffer, length, coding, limits);
        }
        finally
        {
            Return(ref buffer, length);
        }
    }

    private static (SecurityDecision, RequestBody?) Decode(byte[] encoded, int encodedLength, Coding coding, AegisHttpLimitsOptions limits)
    {
        var maxDecoded = limits.MaxDecodedBodyBytes;
        var ratioLimit = Math.Max((long)encodedLength * limits.MaxDecompressionRatio, limits.DecompressionRatioFloorBytes);
        var limit = Math.Min(maxDecoded, ratioLimit);
        var output = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Max((long)encodedLength * 4, InitialBuffer), limit + 1));
        var length = 0;
        var keep = false;
        try
        {
            using var input = new MemoryStream(encoded, 0, encodedLength, writable: false);
            using var decoder = CreateDecoder(input, coding, encoded.AsSpan(0, encodedLength));
            while (true)
            {
                if (length == output.Length)
                {
                    if (length > limit)
                    {
                        break;
                    }

                    output = Grow(output, length, (int)Math.Min((long)output.Length * 2, limit + 1));
                }

                var read = decoder.Read(output, length, output.Length - length);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    break;
                }
            }

            if (length > limit)
            {
                var consumed = Math.Max(1, input.Position);
                var bomb = limit < maxDecoded || length / consumed > limits.MaxDecompressionRatio;
                return (bomb
                    ? SecurityDecision.Deny(HttpErrorCodes.EncodingBomb, "The compressed request body expands beyond the decompression limit.", 413)
                    : SecurityDecision.Deny(HttpErrorCodes.BodyTooLarge, $"The decoded request body exceeds {maxDecoded} bytes.", 413), null);
            }

            keep = true;
            return (SecurityDecision.Allow(), new RequestBody(output, length, decoded: true));
        }
        catch (InvalidDataException)
        {
            return (SecurityDecision.Deny(HttpErrorCodes.EncodingInvalid, "The compressed request body is corrupt.", 400), null);
        }
        finally
        {
            if (!keep)
            {
                Return(ref output, Math.Min(length, output.Length));
            }
        }
    }

    private static Stream CreateDecoder(Stream input, Coding coding, ReadOnlySpan<byte> head) => coding switch
    {
        Coding.Gzip => new GZipStream(input, CompressionMode.Decompress),
        Coding.Brotli => new BrotliStream(input, CompressionMode.Decompress),
        // RFC 9110 "deflate" is the zlib format; some clients send raw deflate, recognised by a missing zlib header.
        _ => head.Length >= 2 && (head[0] & 0x0F) == 8 && ((head[0] << 8) | head[1]) % 31 == 0
            ? new ZLibStream(input, CompressionMode.Decompress)
            : new DeflateStream(input, CompressionMode.Decompress),
    };

    private static bool TryParseEncoding(Microsoft.Extensions.Primitives.StringValues values, out Coding coding)
    {
        coding = Coding.Identity;
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            foreach (var range in value.AsSpan().Split(','))
            {
                var token = value.AsSpan()[range].Trim();
                if (token.IsEmpty || token.Equals("identity", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (coding != Coding.Identity)
                {
                    return false; // stacked encodings are refused
                }

                if (token.Equals("gzip", StringComparison.OrdinalIgnoreCase) || token.Equals("x-gzip", StringComparison.OrdinalIgnoreCase))
                {
                    coding = Coding.Gzip;
                }
                else if (token.Equals("deflate", StringComparison.OrdinalIgnoreCase))
                {
                    coding = Coding.Deflate;
                }
                else if (token.Equals("br", StringComparison.OrdinalIgnoreCase))
                {
                    coding = Coding.Brotli;
                }
                else
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static SecurityDecision TooLarge(long max)
        => SecurityDecision.Deny(HttpErrorCodes.BodyTooLarge, $"The request body exceeds {max} bytes.", 413);

    private static byte[] Grow(byte[] buffer, int length, int size)
    {
        var next = ArrayPool<byte>.Shared.Rent(size);
        buffer.AsSpan(0, length).CopyTo(next);
        Return(ref buffer, length);
        return next;
    }

    private static void Return(ref byte[] buffer, int length)
    {
        if (buffer.Length == 0)
        {
            return;
        }

        System.Security.Cryptography.CryptographicOperations.ZeroMemory(buffer.AsSpan(0, Math.Min(length, buffer.Length)));
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }
}
