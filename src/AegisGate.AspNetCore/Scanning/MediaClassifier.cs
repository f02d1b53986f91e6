using System.Collections.Concurrent;
using Microsoft.Net.Http.Headers;

namespace AegisGate.AspNetCore.Scanning;

/// <summary>How a body is scanned, by media type.</summary>
internal enum MediaKind
{
    /// <summary>JSON (<c>application/json</c>, <c>*/*+json</c>).</summary>
    Json,

    /// <summary>Text (<c>text/*</c>, XML, YAML, NDJSON, no media type).</summary>
    Text,

    /// <summary>URL-encoded form.</summary>
    Form,

    /// <summary><c>multipart/form-data</c>.</summary>
    Multipart,

    /// <summary>Server-sent events (responses).</summary>
    EventStream,

    /// <summary>Anything else: binary, or text in a charset other than UTF-8.</summary>
    Unscannable,
}

/// <summary>Classifies media types for scanning.</summary>
internal static class MediaClassifier
{
    /// <summary>The most media types remembered (a request can send any value; beyond this they are parsed every time).</summary>
    internal const int MaxCached = 64;

    /// <summary>The longest media type remembered.</summary>
    internal const int MaxCachedLength = 128;

    // The classification is a pure function of the header value, and an application sees few distinct values: each is
    // parsed (MediaTypeHeaderValue and its parameter list) once, not per request and response.
    private static readonly ConcurrentDictionary<string, (MediaKind Kind, string? Boundary)> s_cache = new(StringComparer.Ordinal);

    private static int s_cached;

    public static MediaKind Classify(string? contentType, out string? boundary)
    {
        boundary = null;
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return MediaKind.Text;
        }

        if (s_cache.TryGetValue(contentType, out var cached))
        {
            boundary = cached.Boundary;
            return cached.Kind;
        }

        var kind = Parse(contentType, out boundary);

        // Not multipart: its boundary makes nearly every value distinct.
        if (kind != MediaKind.Multipart && contentType.Length <= MaxCachedLength && Volatile.Read(ref s_cached) < MaxCached && s_cache.TryAdd(contentType, (kind, boundary)))
        {
            Interlocked.Increment(ref s_cached);
        }

        return kind;
    }

    /// <summary>Classifies a media type without the cache.</summary>
    internal static MediaKind Parse(string contentType, out string? boundary)
    {
        boundary = null;

        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || !media.MediaType.HasValue)
        {
            return MediaKind.Unscannable;
        }

        var charset = media.Charset;
        if (charset.HasValue && !(charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase) || charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase)))
        {
            return MediaKind.Unscannable;
        }

        var type = media.Type;
        var subType = media.SubType;
        var suffix = media.Suffix;
        if (type.Equals("application", StringComparison.OrdinalIgnoreCase))
        {
            if (subType.Equals("json", StringComparison.OrdinalIgnoreCase) || suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
            {
                return MediaKind.Json;
            }

            if (subType.Equals("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            {
                return MediaKind.Form;
            }

            if (subType.Equals("xml", StringComparison.OrdinalIgnoreCase) || suffix.Equals("xml", StringComparison.OrdinalIgnoreCase)
                || subType.Equals("x-ndjson", StringComparison.OrdinalIgnoreCase) || subType.Equals("jsonl", StringComparison.OrdinalIgnoreCase)
                || subType.Equals("yaml", StringComparison.OrdinalIgnoreCase) || subType.Equals("x-yaml", StringComparison.OrdinalIgnoreCase)
                || subType.Equals("graphql", StringComparison.OrdinalIgnoreCase) || subType.Equals("javascript", StringComparison.OrdinalIgnoreCase))
            {
                return MediaKind.Text;
            }

            return MediaKind.Unscannable;
        }

        if (type.Equals("text", StringComparison.OrdinalIgnoreCase))
        {
            return subType.Equals("event-stream", StringComparison.OrdinalIgnoreCase) ? MediaKind.EventStream : MediaKind.Text;
        }

        if (type.Equals("multipart", StringComparison.OrdinalIgnoreCase) && subType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
        {
            var value = HeaderUtilities.RemoveQuotes(media.Boundary);
            if (value.Length is > 0 and <= 70)
            {
                boundary = value.ToString();
                return MediaKind.Multipart;
            }
        }

        return MediaKind.Unscannable;
    }
}
