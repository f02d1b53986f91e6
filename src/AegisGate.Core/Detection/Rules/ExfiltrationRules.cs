using System.Text.RegularExpressions;
using AegisGate.Detection.Engine;
using AegisGate.Detection.Validation;

namespace AegisGate.Detection.Rules;

/// <summary>
/// The built-in exfiltration rules: rendered markdown/HTML images and links that carry data to hosts that are not
/// allow-listed, data URIs, encoded blobs in URLs, DNS-encoded subdomains, known capture endpoints, remote-script
/// pipelines, instructions to send data out, system-prompt and canary echo.
/// </summary>
internal static partial class ExfiltrationRules
{
    private const RegexOptions O = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.IgnoreCase;
    private const int T = 250;

    private static readonly string[] s_captureHosts =
    [
        "webhook.site", "requestbin.com", "requestbin.net", "pipedream.net", "pipedream.com", "ngrok.io", "ngrok-free.app", "ngrok.app", "ngrok-free.dev",
        "burpcollaborator.net", "oastify.com", "interact.sh", "interactsh.com", "oast.pro", "oast.live", "oast.site", "oast.online", "oast.fun", "oast.me",
        "canarytokens.com", "hookbin.com", "beeceptor.com", "requestcatcher.com", "postb.in", "trycloudflare.com", "serveo.net", "loca.lt",
        "localhost.run", "webhook.cool", "mockbin.org", "dnslog.cn", "ceye.io", "xss.ht", "bxss.me", "transfer.sh", "0x0.st", "file.io",
        "requestinspector.com", "hookdeck.com", "smee.io", "ptsv2.com", "ptsv3.com", "pastebin.com", "hastebin.com", "ghostbin.com", "tunnelto.dev",
        "pinggy.io", "bore.pub", "playit.gg", "zrok.io",
    ];

    public static IEnumerable<DetectionRule> All()
    {
        yield return F("markdown_image_exfiltration", "Markdown image carrying data", 0.85, DetectionSeverity.Critical, DetectionAction.Block, "![…](https://host/…?data) to a host that is not allow-listed, with data in the query or a long token in the path (rendered without a click).", Mappings.Rendering, ["!["], (r, l, s) => FindUrls(r, l, s, MarkdownImage(), requireData: true));
        yield return F("html_image_exfiltration", "HTML image or beacon carrying data", 0.85, DetectionSeverity.Critical, DetectionAction.Block, "<img src=…>, CSS url(…) or similar auto-loading references carrying data to a host that is not allow-listed.", Mappings.Rendering, ["<img", "src=", "url("], (r, l, s) => FindUrls(r, l, s, HtmlImage(), requireData: true));
        yield return F("markdown_link_exfiltration", "Markdown link carrying data", 0.6, DetectionSeverity.High, DetectionAction.Redact, "[text](https://host/…?data) to a host that is not allow-listed with data-carrying parameters (needs a click).", Mappings.Exfiltration, ["]("], (r, l, s) => FindUrls(r, l, s, MarkdownLink(), requireData: true));
        yield return F("capture_endpoint", "Known capture or tunnel endpoint", 0.8, DetectionSeverity.High, DetectionAction.Redact, "URLs of request bins, webhook relays, OAST/collaborator and tunnel services.", Mappings.Exfiltration, [.. s_captureHosts], FindCaptureHosts);
        yield return new PatternRule(Rule("data_uri", "Data URI payload", 0.6, DetectionSeverity.Medium, DetectionAction.Monitor, "data:…;base64, URI of at least 100 characters (active HTML/script types score higher).", Mappings.Exfiltration), ["data:"], DataUri(), DataUriValidator) { Priority = 50 };
        yield return F("url_encoded_blob", "Encoded blob in a URL", 0.6, DetectionSeverity.Medium, DetectionAction.Monitor, "A URL whose path or query holds a base64/hex blob of at least 32 characters.", Mappings.Exfiltration, ["http"], FindEncodedBlobs);
        yield return F("dns_encoded_subdomain", "DNS-encoded subdomain", 0.6, DetectionSeverity.Medium, DetectionAction.Monitor, "A host name whose labels carry a long hex/base32 or high-entropy string (DNS tunnelling).", Mappings.Exfiltration, [], FindDnsEncoded);
        yield return new PatternRule(Rule("remote_script_execution", "Remote script piped to a shell", 0.85, DetectionSeverity.Critical, DetectionAction.Block, "curl/wget/iwr … | sh|bash|python|iex, bash <(curl …), powershell -enc.", Mappings.Command), ["curl", "wget", "iwr", "invoke-webrequest", "irm", "invoke-restmethod", "iex", "powershell", "bash"], RemoteScript()) { Priority = 80 };
        yield return new PatternRule(Rule("dns_exfiltration_command", "Command substitution into a DNS lookup", 0.8, DetectionSeverity.High, DetectionAction.Block, "nslookup/dig/ping/curl with $(…) or ${…} in the host name.", Mappings.Command), ["nslookup", "dig", "ping", "host ", "curl", "wget"], DnsCommand()) { Priority = 80 };
        yield return new PatternRule(Rule("send_data_instruction", "Instruction to send data out", 0.75, DetectionSeverity.High, DetectionAction.Block, "Send/post/upload the conversation/secrets/credentials to a URL, e-mail address or webhook.", Mappings.Exfiltration), ["to http:", "to https:", "to my server", "to my email", "to my e-mail", "to my webhook", "to my endpoint", "to my address", "to my url", "to this ", "to the following", "an http", "an meine", "exfiltrat", "@"], SendData()) { Priority = 60 };
        yield return new PatternRule(Rule("system_prompt_echo", "System-prompt disclosure in a response", 0.6, DetectionSeverity.High, DetectionAction.Monitor, "A model response that announces its system prompt or hidden instructions.", Mappings.PromptLeak), ["prompt", "instructions", "i was told", "i was instructed", "i have been instructed"], PromptEcho()) { Priority = 50 };
        yield return F("canary_echo", "Canary or protected prompt echoed", 0.99, DetectionSeverity.Critical, DetectionAction.Block, "A configured canary string (AegisGate:Detection:Canaries) appears in the content.", Mappings.PromptLeak, [], FindCanaries);
    }

    private static DetectionRuleDescriptor Rule(string id, string name, double confidence, DetectionSeverity severity, DetectionAction action, string description, string[] mappings)
        => Describe.Rule("exfiltration." + id, name, DetectionCategory.Exfiltration, severity, action, confidence, "EXFILTRATION_" + id.ToUpperInvariant(), description, mappings);

    private static FunctionRule F(string id, string name, double confidence, DetectionSeverity severity, DetectionAction action, string description, string[] mappings, string[] keywords, Action<DetectionRule, LayerText, IMatchSink> find)
        => new(Rule(id, name, confidence, severity, action, description, mappings), keywords, find) { Priority = 60 };

    internal static bool IsAllowed(LayerText layer, ReadOnlySpan<char> host)
    {
        var allowed = layer.Settings?.AllowedHosts;
        if (allowed is null)
        {
            return false;
        }

        foreach (var entry in allowed)
        {
            if (host.Equals(entry, StringComparison.OrdinalIgnoreCase)
                || (host.Length > entry.Length && host.EndsWith(entry, StringComparison.OrdinalIgnoreCase) && host[host.Length - entry.Length - 1] == '.'))
            {
                return true;
            }
        }

        return false;
    }

    // Reports URL matches whose host is not allow-listed and that carry data (query values or long path tokens).
    private static void FindUrls(DetectionRule rule, LayerText layer, IMatchSink sink, Regex regex, bool requireData)
    {
        var text = layer.Text;
        for (var m = regex.Match(text); m.Success; m = m.NextMatch())
        {
            var url = m.Groups["url"];
            if (!url.Success || !Uri.TryCreate(url.Value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                continue;
            }

            if (IsAllowed(layer, uri.Host))
            {
                continue;
            }

            var capture = IsCaptureHost(uri.Host);
            if (requireData && !CarriesData(uri) && !capture)
            {
                continue;
            }

            sink.Add(rule, m.Index, m.Index + m.Length, capture ? 0.95 : rule.Descriptor.Confidence);
        }
    }

    /// <summary>Whether a URL carries data: a query value of 8+ characters, or a path segment that is a long random-looking token.</summary>
    internal static bool CarriesData(Uri uri)
    {
        var query = uri.Query.TrimStart('?');
        foreach (var part in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var value = eq >= 0 ? part[(eq + 1)..] : part;
            if (value.Length >= 8)
            {
                return true;
            }
        }

        foreach (var segment in uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var decoded = Uri.UnescapeDataString(segment);
            if (decoded.Length >= 24 && Checksums.ShannonEntropy(decoded) >= 3.5)
            {
                return true;
            }

            if (decoded.Contains(' ', StringComparison.Ordinal) && decoded.Length >= 16)
            {
                return true;
            }
        }

        return false;
    }

    internal static bool IsCaptureHost(string host)
    {
        foreach (var capture in s_captureHosts)
        {
            if (host.Equals(capture, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + capture, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static void FindCaptureHosts(DetectionRule rule, LayerText layer, IMatchSink sink)
    {
        var text = layer.Text;
        foreach (var m in HostLike().EnumerateMatches(text))
        {
            var host = text.AsSpan(m.Index, m.Length);
            var hostString = host.ToString();
            if (IsCaptureHost(hostString) && !IsAllowed(layer, host))
            {
                // Extend to the whole URL when the host is part of one.
                var start = m.Index;
                var end = m.Index + m.Length;
                while (start > 0 && !char.IsWhiteSpace(text[start - 1]) && text[start - 1] is not ('(' or '"' or '\'' or '<' or '['))
                {
                    start--;
                }

                while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not (')' or '"' or '\'' or '>' or ']'))
                {
                    end++;
                }

                sink.Add(rule, start, end, rule.Descriptor.Confidence);
            }
        }
    }

    private static void FindEncodedBlobs(DetectionRule rule, LayerText layer, IMatchSink sink)
    {
        // A blob is a run of 32+ base64url characters: without one there is nothing to parse URLs for.
        var anyBlob = false;
        foreach (var (start, end) in layer.GetLongRuns())
        {
            anyBlob |= end - start >= 32;
        }

        if (!anyBlob)
        {
            return;
        }

        var text = layer.Text;
        foreach (var m in UrlRegex().EnumerateMatches(text))
        {
            var url = text.AsSpan(m.Index, m.Length);
            if (!Uri.TryCreate(url.ToString(), UriKind.Absolute, out var uri) || IsAllowed(layer, uri.Host))
            {
                continue;
            }

            var tail = uri.PathAndQuery;
            foreach (var blob in BlobRegex().EnumerateMatches(tail))
            {
                var value = tail.AsSpan(blob.Index, blob.Length);
                if (Checksums.ShannonEntropy(value) >= 3.8 || (SecretHeuristics.IsHex(value) && Checksums.ShannonEntropy(value) >= 3.3))
                {
                    sink.Add(rule, m.Index, m.Index + m.Length, rule.Descriptor.Confidence);
                    break;
                }
            }
        }
    }

    // A label of 24+ letters/digits lies in one of the layer's long runs (which are maximal): look for a '.' right after
    // each such run, so prose, with short words before its dots, costs nothing.
    private static void FindDnsEncoded(DetectionRule rule, LayerText layer, IMatchSink sink)
    {
        var text = layer.Text.AsSpan();
        var i = 0;
        foreach (var (runStart, runEnd) in layer.GetLongRuns())
        {
            if (runEnd - runStart < 24 || runEnd < i)
            {
                continue;
            }

            // Runs are maximal, so a label that ends a run is followed by the run's end.
            var at = runEnd;
            if (at >= text.Length || text[at] != '.')
            {
                continue;
            }

            i = at + 1;
            var start = at;
            while (start > 0 && at - start < 64 && char.IsAsciiLetterOrDigit(text[start - 1]))
            {
                start--;
            }

            var label = text[start..at];
            if (label.Length < 24 || label.Length > 63 || (start > 0 && text[start - 1] is '.' or '-' || (start > 0 && char.IsAsciiLetterOrDigit(text[start - 1]))))
            {
                continue;
            }

            // The rest must be a domain: label(s) and a top-level domain of letters.
            var end = at + 1;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '-' or '.') && end - at < 200)
            {
                end++;
            }

            while (end > at + 1 && text[end - 1] is '.' or '-')
            {
                end--;
            }

            if (end <= at + 1)
            {
                continue;
            }

            var lastDot = at + text[at..end].LastIndexOf('.');
            var tld = text[(lastDot + 1)..end];
            if (tld.Length is < 2 or > 24 || (tld.ContainsAnyExceptInRange('a', 'z') && tld.ContainsAnyExceptInRange('A', 'Z')))
            {
                continue;
            }

            if (IsAllowed(layer, text[(at + 1)..end]))
            {
                continue;
            }

            var hex = SecretHeuristics.IsHex(label);
            var entropy = Checksums.ShannonEntropy(label);
            if ((hex && entropy >= 3.3) || entropy >= 4.0)
            {
                sink.Add(rule, start, end, rule.Descriptor.Confidence);
                i = end;
            }
        }
    }

    private static void FindCanaries(DetectionRule rule, LayerText layer, IMatchSink sink)
    {
        var canaries = layer.Settings?.Canaries;
        if (canaries is null || canaries.Length == 0)
        {
            return;
        }

        var text = layer.Text;
        foreach (var canary in canaries)
        {
            var from = 0;
            while (from < text.Length)
            {
                var i = text.IndexOf(canary, from, StringComparison.OrdinalIgnoreCase);
                if (i < 0)
                {
                    break;
                }

                sink.Add(rule, i, i + canary.Length, rule.Descriptor.Confidence);
                from = i + canary.Length;
            }
        }
    }

    private static double DataUriValidator(in RuleMatch m, double confidence)
    {
        var value = m.Value;
        return value.Contains("text/html", StringComparison.OrdinalIgnoreCase) || value.Contains("javascript", StringComparison.OrdinalIgnoreCase)
            || value.Contains("image/svg", StringComparison.OrdinalIgnoreCase)
            ? Math.Max(confidence, 0.8)
            : confidence;
    }

    [GeneratedRegex(@"!\[[^\]\n]{0,200}\]\(\s*<?(?<url>https?://[^\s)>]{4,2000})>?(?:\s+[""'][^""'\n]{0,100}[""'])?\s*\)", O, T)]
    private static partial Regex MarkdownImage();

    [GeneratedRegex(@"(?<![!\\])\[[^\]\n]{1,200}\]\(\s*<?(?<url>https?://[^\s)>]{4,2000})>?\s*\)", O, T)]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"<(?:img|image|iframe|script|source|video|audio|link|embed)\b[^>]{0,300}?\b(?:src|href|srcset|data|poster)\s*=\s*[""']?(?<url>https?://[^\s""'>]{4,2000})|\burl\(\s*[""']?(?<url>https?://[^\s""')]{4,2000})", O, T)]
    private static partial Regex HtmlImage();

    [GeneratedRegex(@"\bdata:[a-z]+/[a-z0-9.+-]+(?:;[a-z0-9=.-]+)*;base64,[A-Za-z0-9+/=]{100,}", O, T)]
    private static partial Regex DataUri();

    [GeneratedRegex(@"\bhttps?://[^\s""'<>)\]]{8,2000}", O, T)]
    private static partial Regex UrlRegex();

    [GeneratedRegex(@"[A-Za-z0-9+/_=-]{32,}", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, T)]
    private static partial Regex BlobRegex();

    [GeneratedRegex(@"(?<![A-Za-z0-9.-])(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, T)]
    private static partial Regex HostLike();

    [GeneratedRegex(@"\b(?:curl|wget|iwr|invoke-webrequest|irm|invoke-restmethod)\b[^|\n;&]{1,300}\|\s*(?:sudo\s+)?(?:(?:ba|z|k|da)?sh|python[23]?|perl|ruby|node|iex|invoke-expression)\b|\b(?:ba|z)?sh\s+<\(\s*(?:curl|wget)\b|\biex\s*\(\s*(?:new-object|iwr|irm|invoke-webrequest|invoke-restmethod)\b|\bpowershell(?:\.exe)?\s+(?:-\w+\s+)*-(?:e|enc|encodedcommand)\s+[A-Za-z0-9+/=]{20,}", O, T)]
    private static partial Regex RemoteScript();

    [GeneratedRegex(@"\b(?:nslookup|dig|ping|host|curl|wget)\s+(?:-\S+\s+)*[^\s]*(?:\$\([^)\n]{1,200}\)|\$\{[^}\n]{1,100}\}|`[^`\n]{1,200}`)[^\s]*\.[A-Za-z0-9-]+\.[A-Za-z]{2,}", O, T)]
    private static partial Regex DnsCommand();

    [GeneratedRegex(@"\b(?:send|post|upload|forward|transmit|exfiltrate|email|e-mail|leak|sende|schicke?)\b[^.!?\n]{0,40}?\b(?:conversation|chat\s+history|(?:all\s+)?messages|user\s+data|data|secrets?|credentials|passwords?|api\s+keys?|tokens?|files?|system\s+prompt|context|memory|gespräch|daten)\b[^.!?\n]{0,40}?\b(?:to|at|an)\s+(?:https?://\S+|[\w.+-]+@[\w-]+\.[\w.]+|(?:my|this|the\s+following)\s+(?:server|email|e-mail|webhook|endpoint|address|url))", O, T)]
    private static partial Regex SendData();

    [GeneratedRegex(@"\b(?:my|the)\s+(?:system\s+prompt|initial\s+instructions|hidden\s+instructions|original\s+instructions)\s+(?:is|are|says|reads|states)\b|\bhere\s+(?:is|are)\s+(?:my|the)\s+(?:full\s+|complete\s+|exact\s+)?(?:system\s+prompt|initial\s+instructions|hidden\s+instructions|instructions\s+i\s+was\s+given)\b|\bi\s+(?:was|have\s+been)\s+(?:instructed|told|programmed)\s+(?:by\s+my\s+(?:developers?|system\s+prompt)\s+)?(?:to|not\s+to)\b", O, T)]
    private static partial Regex PromptEcho();
}
