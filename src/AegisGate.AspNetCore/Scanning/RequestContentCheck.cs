using System.Text;
using AegisGate.AspNetCore.Http;
using AegisGate.Detection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace AegisGate.AspNetCore.Scanning;

/// <summary>
/// Scans what the request carries (query string, configured headers, the decoded body: JSON, text, URL-encoded
/// form, multipart text parts) with the detection engine and applies the route's scan policy: block, redact (the
/// handler sees the redacted content) or monitor. Also validates UTF-8, JSON nesting and form limits.
/// </summary>
/// <remarks>
/// Denies with <c>AEGIS_CONTENT_BLOCKED</c> (403, rule ids only), <c>AEGIS_INVALID_UTF8</c>, <c>AEGIS_JSON_TOO_DEEP</c>,
/// <c>AEGIS_JSON_INVALID</c>, <c>AEGIS_FORM_INVALID</c> (400), <c>AEGIS_CONTENT_TYPE_UNSUPPORTED</c> (415),
/// <c>AEGIS_SCANNER_UNAVAILABLE</c> (503) or the engine's own limit codes.
/// </remarks>
internal sealed class RequestContentCheck(AegisHttpRuntime runtime) : ISecurityCheck
{
    public const string CheckName = "http.request-content";

    public string Name => CheckName;

    public ValueTask<SecurityDecision> EvaluateAsync(SecurityContext context, CancellationToken cancellationToken)
    {
        var state = HttpRequestState.From(context);
        var policy = state.ScanPolicy;
        var request = state.HttpContext.Request;
        var scanner = runtime.Scanner;

        var decision = ScanQuery(state, request, policy, scanner);
        if (decision.IsDenied)
        {
            return new(decision);
        }

        decision = ScanHeaders(state, request, policy, scanner);
        if (decision.IsDenied || state.Body is not { } body)
        {
            return new(decision);
        }

        var kind = MediaClassifier.Classify(request.ContentType, out var boundary);
        return kind == MediaKind.Multipart && !state.Endpoint.IsContentReport
            ? ScanMultipartAsync(state, body, boundary!, policy, scanner, cancellationToken)
            : new(ScanBody(state, body, kind, policy, scanner));
    }

    private static SecurityDecision ScanQuery(HttpRequestState state, HttpRequest request, AegisScanPolicyOptions policy, IContentScanner? scanner)
    {
        if (policy.Query == AegisScanAction.None || !request.QueryString.HasValue || request.QueryString.Value!.Length <= 1)
        {
            return SecurityDecision.Allow();
        }

        var pairs = new List<KeyValuePair<string, string?>>();
        foreach (var pair in new QueryStringEnumerable(request.QueryString.Value))
        {
            if (pairs.Count >= state.Snapshot.Options.Limits.MaxFormFields)
            {
                return SecurityDecision.Deny(HttpErrorCodes.FormInvalid, "The query string has too many parameters.", 400);
            }

            pairs.Add(new(pair.DecodeName().ToString(), pair.DecodeValue().ToString()));
        }

        var changed = false;
        var decision = ScanPairs(state, pairs, "query", policy.Query, policy, scanner, ref changed);
        if (decision.IsAllowed && changed)
        {
            request.QueryString = QueryString.Create(pairs);
        }

        return decision;
    }

    private static SecurityDecision ScanHeaders(HttpRequestState state, HttpRequest request, AegisScanPolicyOptions policy, IContentScanner? scanner)
    {
        if (policy.HeaderAction == AegisScanAction.None || policy.Headers.Count == 0)
        {
            return SecurityDecision.Allow();
        }

        foreach (var name in policy.Headers)
        {
            if (!request.Headers.TryGetValue(name, out var values) || values.Count == 0)
            {
                continue;
            }

            var pairs = values.Select(v => new KeyValuePair<string, string?>(name, v)).ToList();
            var changed = false;
            var decision = ScanPairs(state, pairs, "header", policy.HeaderAction, policy, scanner, ref changed);
            if (decision.IsDenied)
            {
                return decision;
            }

            if (changed)
            {
                request.Headers[name] = new StringValues(pairs.Select(p => p.Value).ToArray());
            }
        }

        return SecurityDecision.Allow();
    }

    private static SecurityDecision ScanBody(HttpRequestState state, RequestBody body, MediaKind kind, AegisScanPolicyOptions policy, IContentScanner? scanner)
    {
        var limits = state.Snapshot.Options.Limits;
        var bytes = body.Memory;
        var report = state.Endpoint.IsContentReport;
        switch (kind)
        {
            case MediaKind.Json:
            {
                var valid = ScanEvaluation.ValidateJson(bytes.Span, limits.MaxJsonDepth);
                if (valid.IsDenied || report || policy.Request == AegisScanAction.None)
                {
                    return valid;
                }

                if (scanner is null)
                {
                    return ScannerMissing();
                }

                var action = policy.Request;
                var result = scanner.ScanJson(bytes, ScanEvaluation.Options(policy.RequestSource, action == AegisScanAction.Redact, policy.DetectionPolicy));
                var decision = Apply(state, result, "body", action, out var redacted);
                if (decision.IsAllowed && redacted is not null)
                {
                    state.ReplacementBody = Encoding.UTF8.GetBytes(redacted);
                }

                return decision;
            }

            case MediaKind.Text or MediaKind.EventStream:
            {
                if (!ScanEvaluation.TryDecodeUtf8(bytes.Span, out var text))
                {
                    return ScanEvaluation.InvalidUtf8();
                }

                if (report || policy.Request == AegisScanAction.None)
                {
                    return SecurityDecision.Allow();
                }

                if (scanner is null)
                {
                    return ScannerMissing();
                }

                var action = policy.Request;
                var result = scanner.Scan(text, ScanEvaluation.Options(policy.RequestSource, action == AegisScanAction.Redact, policy.DetectionPolicy));
                var decision = Apply(state, result, "body", action, out var redacted);
                if (decision.IsAllowed && redacted is not null)
                {
                    state.ReplacementBody = Encoding.UTF8.GetBytes(redacted);
                }

                return decision;
            }

            case MediaKind.Form:
                return ScanForm(state, bytes.Span, policy, scanner);
            case MediaKind.Multipart:
                // Content-report endpoints (scan API): bounded and decoded only.
                return SecurityDecision.Allow();
            default:
                if (report)
                {
                    return SecurityDecision.Allow();
                }

                return policy.UnscannableRequest == AegisUnscannableContent.Allow || policy.Request == AegisScanAction.None
                    ? SecurityDecision.Allow()
                    : SecurityDecision.Deny(HttpErrorCodes.ContentTypeUnsupported, "The request's media type cannot be scanned (JSON, text, forms and multipart text parts in UTF-8 can).", 415);
        }
    }

    private static SecurityDecision ScanForm(HttpRequestState state, ReadOnlySpan<byte> bytes, AegisScanPolicyOptions policy, IContentScanner? scanner)
    {
        if (!ScanEvaluation.TryDecodeUtf8(bytes, out var text))
        {
            return ScanEvaluation.InvalidUtf8();
        }

        if (state.Endpoint.IsContentReport || policy.Request == AegisScanAction.None)
        {
            return SecurityDecision.Allow();
        }

        var pairs = new List<KeyValuePair<string, string?>>();
        using (var reader = new FormReader(text) { ValueCountLimit = state.Snapshot.Options.Limits.MaxFormFields, ValueLengthLimit = int.MaxValue, KeyLengthLimit = 2048 })
        {
            try
            {
                while (reader.ReadNextPair() is { } pair)
                {
                    pairs.Add(new(pair.Key, pair.Value));
                    if (pairs.Count > state.Snapshot.Options.Limits.MaxFormFields)
                    {
                        return SecurityDecision.Deny(HttpErrorCodes.FormInvalid, "The form has too many fields.", 400);
                    }
                }
            }
            catch (InvalidDataException)
            {
                return SecurityDecision.Deny(HttpErrorCodes.FormInvalid, "The form exceeds the field limits.", 400);
            }
        }

        var changed = false;
        var decision = ScanPairs(state, pairs, "body", policy.Request, policy, scanner, ref changed);
        if (decision.IsAllowed && changed)
        {
            var builder = new StringBuilder(text.Length);
            foreach (var (key, value) in pairs)
            {
                if (builder.Length > 0)
                {
                    builder.Append('&');
                }

                builder.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value ?? string.Empty));
            }

            state.ReplacementBody = Encoding.UTF8.GetBytes(builder.ToString());
        }

        return decision;
    }

    private static async ValueTask<SecurityDecision> ScanMultipartAsync(HttpRequestState state, RequestBody body, string boundary, AegisScanPolicyOptions policy, IContentScanner? scanner, CancellationToken cancellationToken)
    {
        if (policy.Request == AegisScanAction.None)
        {
            return SecurityDecision.Allow();
        }

        var limits = state.Snapshot.Options.Limits;
        var parts = new List<(Dictionary<string, StringValues> Headers, byte[] Content)>();
        var changed = false;
        using var input = new MemoryStream(body.Array, 0, body.Length, writable: false);
        var reader = new MultipartReader(boundary, input) { HeadersCountLimit = 32, HeadersLengthLimit = 16 * 1024, BodyLengthLimit = (long)limits.MaxDecodedBodyBytes };
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false) is { } section)
            {
                if (parts.Count >= limits.MaxFormFields)
                {
                    return SecurityDecision.Deny(HttpErrorCodes.FormInvalid, "The multipart body has too many parts.", 400);
                }

                using var content = new MemoryStream();
                await section.Body.CopyToAsync(content, cancellationToken).ConfigureAwait(false);
                var bytes = content.ToArray();
                var headers = section.Headers ?? new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
                var hasFile = ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) && (disposition.FileName.HasValue || disposition.FileNameStar.HasValue);
                var kind = string.IsNullOrEmpty(section.ContentType) ? MediaKind.Text : MediaClassifier.Classify(section.ContentType, out _);
                if (kind is MediaKind.Json or MediaKind.Text or MediaKind.Form)
                {
                    if (!ScanEvaluation.TryDecodeUtf8(bytes, out var text))
                    {
                        if (!hasFile || !string.IsNullOrEmpty(section.ContentType))
                        {
                            return ScanEvaluation.InvalidUtf8();
                        }

                        kind = MediaKind.Unscannable;
                    }
                    else
                    {
                        if (kind == MediaKind.Json)
                        {
                            var valid = ScanEvaluation.ValidateJson(bytes, limits.MaxJsonDepth);
                            if (valid.IsDenied)
                            {
                                return valid;
                            }
                        }

                        if (scanner is null)
                        {
                            return ScannerMissing();
                        }

                        var action = policy.Request;
                        var result = scanner.Scan(text, ScanEvaluation.Options(policy.RequestSource, action == AegisScanAction.Redact, policy.DetectionPolicy));
                        var decision = Apply(state, result, "multipart", action, out var redacted);
                        if (decision.IsDenied)
                        {
                            return decision;
                        }

                        if (redacted is not null)
                        {
                            bytes = Encoding.UTF8.GetBytes(redacted);
                            changed = true;
                        }
                    }
                }

                if (kind is not (MediaKind.Json or MediaKind.Text or MediaKind.Form) && policy.UnscannableRequest != AegisUnscannableContent.Allow)
                {
                    return SecurityDecision.Deny(HttpErrorCodes.ContentTypeUnsupported, "A multipart part's media type cannot be scanned.", 415);
                }

                parts.Add((headers, bytes));
            }
        }
        catch (InvalidDataException)
        {
            return SecurityDecision.Deny(HttpErrorCodes.FormInvalid, "The multipart body is malformed or exceeds the part limits.", 400);
        }
        catch (IOException)
        {
            return SecurityDecision.Deny(HttpErrorCodes.FormInvalid, "The multipart body is malformed.", 400);
        }

        if (changed)
        {
            state.ReplacementBody = WriteMultipart(boundary, parts);
        }

        return SecurityDecision.Allow();
    }

    private static byte[] WriteMultipart(string boundary, List<(Dictionary<string, StringValues> Headers, byte[] Content)> parts)
    {
        using var output = new MemoryStream();
        var newline = "\r\n"u8;
        foreach (var (headers, content) in parts)
        {
            output.Write(Encoding.ASCII.GetBytes("--" + boundary));
            output.Write(newline);
            foreach (var (name, values) in headers)
            {
                foreach (var value in values)
                {
                    output.Write(Encoding.UTF8.GetBytes(name + ": " + value));
                    output.Write(newline);
                }
            }

            output.Write(newline);
            output.Write(content);
            output.Write(newline);
        }

        output.Write(Encoding.ASCII.GetBytes("--" + boundary + "--"));
        output.Write(newline);
        return output.ToArray();
    }

    private static SecurityDecision ScanPairs(HttpRequestState state, List<KeyValuePair<string, string?>> pairs, string location, AegisScanAction action, AegisScanPolicyOptions policy, IContentScanner? scanner, ref bool changed)
    {
        for (var i = 0; i < pairs.Count; i++)
        {
            var (key, value) = pairs[i];
            var text = string.IsNullOrEmpty(value) ? key : key + "=" + value;
            if (text.Length == 0)
            {
                continue;
            }

            if (scanner is null)
            {
                return ScannerMissing();
            }

            var result = scanner.Scan(text, ScanEvaluation.Options(policy.RequestSource, action == AegisScanAction.Redact, policy.DetectionPolicy));
            var decision = Apply(state, result, location, action, out var redacted);
            if (decision.IsDenied)
            {
                return decision;
            }

            if (redacted is not null)
            {
                var separator = string.IsNullOrEmpty(value) ? -1 : redacted.IndexOf('=', StringComparison.Ordinal);
                pairs[i] = separator < 0 ? new(redacted, value) : new(redacted[..separator], redacted[(separator + 1)..]);
                changed = true;
            }
        }

        return SecurityDecision.Allow();
    }

    private static SecurityDecision Apply(HttpRequestState state, ScanResult? result, string location, AegisScanAction action, out string? redacted)
    {
        redacted = null;
        var decision = ScanEvaluation.Evaluate(result, action, out var redact);
        if (result is not null)
        {
            var taken = decision.IsDenied ? AegisScanAction.Block : redact ? AegisScanAction.Redact : AegisScanAction.Monitor;
            state.AddFindings(location, result.Findings, taken);
            if (decision.IsDenied && decision.Code == AegisErrorCodes.ContentBlocked)
            {
                state.BlockedRules = ScanEvaluation.ActionableRules(result);
                state.BlockedLocation = location;
            }
        }

        if (redact)
        {
            redacted = result!.RedactedContent;
        }

        return decision;
    }

    private static SecurityDecision ScannerMissing()
        => SecurityDecision.Deny(HttpErrorCodes.ScannerUnavailable, "Content scanning is not available; the request is denied.", 503);
}
