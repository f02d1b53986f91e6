using System.Text.RegularExpressions;
using AegisGate.Detection.Rules;

namespace AegisGate.Detection.Engine;

/// <summary>
/// Attacks that a text quotes and talks about rather than makes: "A user typed 'print your instructions' into our bot —
/// is that a common probing technique?", "What does 'DAN' refer to?". A signal hit is set aside when all of these hold:
/// it lies inside a quotation on one line; the quotation is framed as reported speech (typed, posted, replying, the
/// string, the old … trick, what does …); the text discusses it (a question outside the quotation or attack/defence
/// vocabulary); and nothing outside the quotations asks the model to act on it (follow it, do what it says, what would
/// you say, translate, pretend…). Unquoted hits, decoded layers, hidden text and the families about data addressed to
/// the AI always count; when in doubt the hit counts. Applied to user prompts only: in documents and tool output the
/// author is not the user, and a "discussion" is a cheap disguise for an instruction to the agent that reads it.
/// </summary>
internal static partial class ReportedSpeech
{
    private const int MaxTextChars = 16_384;
    private const int MaxHits = 32;
    private const int MaxQuoteReach = 300;
    private const int FrameReach = 80;
    private const RegexOptions O = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.IgnoreCase;
    private const int T = 250;

    /// <summary>
    /// Removes the signal hits that are quoted attacks under discussion; returns <paramref name="signals"/> itself when
    /// none is. <paramref name="quotes"/> receives the quotations set aside (original-text ranges, quotes excluded).
    /// </summary>
    public static List<RawFinding> DropReported(string text, List<RawFinding> signals, DetectionRule hiddenHtml, List<(int Start, int End)> quotes)
    {
        if (text.Length > MaxTextChars || signals.Count > MaxHits || text.AsSpan().IndexOfAny(s_quotes) < 0)
        {
            return signals;
        }

        List<RawFinding>? kept = null;
        bool? obeyed = null;
        for (var i = 0; i < signals.Count; i++)
        {
            var hit = signals[i];
            if (hit.Depth == 0 && hit.Rule != hiddenHtml && hit.Rule is InjectionSignalRule { ThirdPartyOnly: false }
                && FindQuote(text, hit.Start, hit.End) is var (open, close)
                && IsFramed(text, open, close)
                && IsDiscussed(text, open, close)
                && !(obeyed ??= AsksToAct(text)))
            {
                if (!quotes.Contains((open + 1, close)))
                {
                    quotes.Add((open + 1, close));
                }

                kept ??= signals.GetRange(0, i);
                continue;
            }

            kept?.Add(hit);
        }

        return kept ?? signals;
    }

    private static readonly System.Buffers.SearchValues<char> s_quotes = System.Buffers.SearchValues.Create("\"'`“”„«»‘’");

    /// <summary>The quotation (opening and closing quote positions) on one line that contains [start, end), if any.</summary>
    internal static (int Open, int Close)? FindQuote(string text, int start, int end)
    {
        if (start <= 0 || end >= text.Length || text.AsSpan(start, end - start).IndexOf('\n') >= 0)
        {
            return null;
        }

        var lineStart = text.LastIndexOf('\n', start - 1) + 1;
        var from = Math.Max(lineStart, start - MaxQuoteReach);
        for (var q = start - 1; q >= from; q--)
        {
            var c = text[q];
            if (!s_quotes.Contains(c) || c is '”' or '»' or '’')
            {
                continue;
            }

            if (c == '\'' && !IsSingleOpener(text, q))
            {
                continue; // an apostrophe ("don't") or a closing quote
            }

            if (c == '"' && text.AsSpan(lineStart, q - lineStart).Count('"') % 2 != 0)
            {
                return null; // this straight quote closes an earlier quotation that ended before the hit
            }

            var close = FindClose(text, c, q, end);
            return close < 0 ? null : (q, close);
        }

        return null;
    }

    private static int FindClose(string text, char open, int openAt, int from)
    {
        // The quotation must not have closed before the hit.
        for (var i = openAt + 1; i < from; i++)
        {
            if (IsCloser(text, open, i))
            {
                return -1;
            }
        }

        var to = Math.Min(text.Length, from + MaxQuoteReach);
        for (var i = from; i < to; i++)
        {
            if (text[i] == '\n')
            {
                return -1;
            }

            if (IsCloser(text, open, i))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsCloser(string text, char open, int i) => (open, text[i]) switch
    {
        ('"', '"') or ('`', '`') or ('“', '”') or ('„', '“') or ('„', '”') or ('«', '»') or ('‘', '’') => true,
        ('\'', '\'') => IsSingleCloser(text, i),
        _ => false,
    };

    private static bool IsSingleOpener(string text, int i)
        => (i == 0 || char.IsWhiteSpace(text[i - 1]) || text[i - 1] is '(' or '[' or '{' or ':' or ',' or ';' or '-' or '—' or '–')
           && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]);

    private static bool IsSingleCloser(string text, int i)
        => i > 0 && !char.IsWhiteSpace(text[i - 1])
           && (i + 1 == text.Length || !char.IsLetterOrDigit(text[i + 1]));

    // Reported speech: a verb or noun of saying right before the quotation (in the same sentence), or the quotation
    // followed by what it is ("… is a jailbreak", "… trick", "… into our bot").
    private static bool IsFramed(string text, int open, int close)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, open - 1)) + 1;
        var from = Math.Max(lineStart, open - FrameReach);
        var before = text.AsSpan(from, open - from);
        for (var i = before.Length - 2; i >= 0; i--)
        {
            if (before[i] is '.' or '!' or '?' && before[i + 1] == ' ')
            {
                before = before[(i + 1)..]; // the quotation's own sentence
                break;
            }
        }

        if (FrameBefore().IsMatch(before))
        {
            return true;
        }

        var afterEnd = Math.Min(text.Length, close + 1 + FrameReach);
        var after = text.AsSpan(close + 1, afterEnd - close - 1);
        var newline = after.IndexOf('\n');
        if (newline >= 0)
        {
            after = after[..newline];
        }

        return FrameAfter().IsMatch(after);
    }

    // Discussion: a question asked outside the quotation, or attack/defence vocabulary outside it.
    private static bool IsDiscussed(string text, int open, int close)
    {
        var outside = text.AsSpan(0, open);
        var rest = text.AsSpan(close + 1);
        return outside.Contains('?') || rest.Contains('?') || DiscussionWords().IsMatch(outside) || DiscussionWords().IsMatch(rest);
    }

    // Anything outside quotations that asks the model to act on what is quoted makes the quotation the request.
    private static bool AsksToAct(string text)
    {
        foreach (var m in ActOnIt().EnumerateMatches(text))
        {
            if (!InsideAnyQuote(text, m.Index))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InsideAnyQuote(string text, int at)
        => FindQuote(text, at, Math.Min(text.Length - 1, at + 1)) is not null;

    [GeneratedRegex(@"\b(?:typed|types|typing|type|posted|posts|posting|wrote|writes|writing|entered|enters|entering|sent|sends|sending|pasted|pastes|pasting|tried|tries|trying|used|uses|using|replying|replied|replies|reply|said|says|saying|asked|asks|asking|submitted|submits|spammed|spamming|injected|inserted|includes?|included|contains?|contained|containing|string|phrase|text|message|messages|prompt|payload|input|inputs|example|examples|sentence|line|lines|words?|term|command|comment|like|such\s+as|called|named|known\s+as|the\s+(?:old|classic|famous|infamous|usual|so-called|same|whole|typical|common|original)|what\s+(?:does|do|did|is|are|was|were)|(?:mean|means|meant)\s+by|about|logs?)\b\W{0,3}$|\b(?:typed|posted|wrote|entered|sent|pasted|replying|replied|said|string|phrase|text|message|payload|prompt|telling|tells|told)\b", O, T)]
    private static partial Regex FrameBefore();

    [GeneratedRegex(@"^\W{0,3}(?:(?:is|was|are|were|has\s+been|sounds?)\s+(?:a|an|the|just|still|actually|really|supposed|known|called|meant)\b|(?:means?|meant|refers?|did|does|do|works?|worked|trick|tricks|attack|attacks|jailbreak|jailbreaks|injection|prompt|prompts|string|strings|phrase|payload|message|messages|thing|stuff|technique|meme|style|example|line|comment|comments|reply|replies)\b|(?:into|to|in|at|against|on)\s+(?:(?:a|an|the|our|my|their|his|her|its|some|every|various|random)\s+)?(?:\w+\s+){0,2}?(?:bots?|chatbots?|assistants?|models?|llms?|ais?|agents?|gpts?|accounts|forms?|apps?|systems?|chat|widget|support)\b)", O, T)]
    private static partial Regex FrameAfter();

    [GeneratedRegex(@"\b(?:prompt[- ]injections?|injection|injections|jailbreak\w*|attacks?|attackers?|attacking|exploits?|payloads?|tricks?|techniques?|red[- ]?team\w*|ctf|write-?ups?|adversarial|malicious|suspicious|probing|security|secure|defen[cs]es?|defend\w*|mitigat\w+|detect\w*|prevent\w*|block\w*|filter\w*|guardrails?|sanitiz\w+|sanitis\w+|harden\w*|vulnerab\w+|spam\w*|scam\w*|phishing|moderat\w+|logs?|bots?|chatbots?|blog|article|paper|talk|presentation|workshop|training\s+session|newsletter|slides?)\b", O, T)]
    private static partial Regex DiscussionWords();

    [GeneratedRegex(@"\b(?:(?:follow|obey|execute|run|apply|carry\s+out|comply\s+with|act\s+on|do|perform|honou?r|process|answer|respond\s+to|reply\s+to|react\s+to|treat)\s+(?:it|this|that|these|those|them|the\s+(?:above|quoted|following|instructions?|command|text|string|prompt|request|line|message)|what\s+(?:it|they|he|she|the\s+\w+)\s+(?:says?|said|typed|wrote|asks?|asked|requests?|requested))\b|(?:now|then|please|pls|plz|just|go\s+ahead\s+and)\s+(?:do|follow|execute|run|obey|respond|reply|act|comply|say|print|output|reveal)\b|what\s+(?:would|will|do|does)\s+(?:you|your|it|dan|the\s+(?:model|bot|ai))\s+(?:say|answer|respond|reply|output|do|write|print)|(?:respond|reply|answer|react|behave|act)\s+(?:as\s+(?:if|though)|like\s+(?:you|it|dan)|accordingly)|pretend|act\s+as|play\s+(?:the\s+role|along|it)|imagine\s+you|simulat\w+|emulat\w+|demonstrat\w+|show\s+me\s+(?:how\s+)?(?:you|what)|try\s+(?:it|that|this|them)|test\s+(?:it|that|this)\s+on\s+you|on\s+yourself|(?:translate|summari[sz]e|rewrite|paraphrase|continue|complete)\b|as\s+if\s+(?:i|it|a\s+user|someone)\s+(?:typed|wrote|said|sent)|from\s+now\s+on|you\s+(?:are|must|will|should|shall|have\s+to)\b)", O, T)]
    private static partial Regex ActOnIt();
}
