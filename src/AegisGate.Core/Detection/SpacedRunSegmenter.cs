using System.Collections.Frozen;

namespace AegisGate.Detection;

/// <summary>
/// Restores the word breaks of a spaced-out run that was written with one separator everywhere
/// (<c>i g n o r e a l l p r e v i o u s i n s t r u c t i o n s</c>): collapsed naively it becomes one word that no
/// phrase rule or word feature recognises. The run's letters are split into the fewest words of a small vocabulary of
/// common English words and the words that attacks are written with; a run that does not split completely stays one
/// word, so a secret or a name spelled out letter by letter is never changed.
/// </summary>
internal static class SpacedRunSegmenter
{
    /// <summary>The longest run (in letters) that is segmented; longer runs stay one word (bounded work).</summary>
    public const int MaxLetters = 256;

    private const int MaxWordLength = 16;

    // Function words, pronouns and auxiliaries, then the verbs and nouns of instruction override, persona, extraction,
    // exfiltration and refusal-suppression phrasing. Single letters: only "a" and "i".
    private static readonly FrozenSet<string> s_words = FrozenSet.Create(StringComparer.Ordinal,
    [
        "a", "i", "an", "the", "and", "or", "but", "if", "then", "else", "of", "to", "in", "on", "at", "by", "for", "from",
        "with", "without", "as", "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "done",
        "have", "has", "had", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "not", "no",
        "now", "all", "any", "every", "each", "some", "this", "that", "these", "those", "it", "its", "you", "your",
        "yours", "yourself", "me", "my", "mine", "myself", "we", "us", "our", "they", "them", "their", "he", "she", "him",
        "her", "his", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "here", "there", "above",
        "below", "before", "after", "again", "only", "just", "also", "very", "more", "most", "so", "than", "too", "up",
        "down", "out", "about", "into", "over", "under", "one", "two", "first", "last", "new", "old", "please", "pls",
        "ignore", "ignoring", "ignored", "disregard", "forget", "forgot", "skip", "bypass", "override", "overwrite",
        "reveal", "show", "print", "output", "display", "repeat", "tell", "say", "write", "give", "list", "dump", "leak",
        "share", "send", "post", "act", "pretend", "become", "roleplay", "role", "play", "answer", "respond", "reply",
        "obey", "follow", "comply", "stop", "start", "begin", "continue", "enable", "disable", "activate", "unlock",
        "remove", "delete", "execute", "run", "open", "read", "access", "know", "remember", "told", "said", "given",
        "instructed", "translate", "instruction", "instructions", "prompt", "prompts", "system",
        "rule", "rules", "message", "messages", "guideline", "guidelines", "policy", "policies", "restriction",
        "restrictions", "filter", "filters", "safety", "content", "text", "word", "words", "context", "conversation",
        "chat", "history", "everything", "anything", "nothing", "previous", "previously", "prior", "preceding",
        "earlier", "initial", "original", "hidden", "secret", "secrets", "password", "passwords", "key", "keys",
        "token", "tokens", "api", "admin", "administrator", "developer", "mode", "jailbreak", "jailbroken", "dan",
        "assistant", "ai", "model", "chatbot", "chatgpt", "gpt", "llm", "user", "character", "persona", "limit",
        "limits", "limitation", "limitations", "constraint", "constraints", "unrestricted", "unfiltered", "uncensored",
        "evil", "free", "freedom", "anymore", "immediately", "data", "database", "file", "files", "credential",
        "credentials", "config", "configuration", "environment", "variable", "variables", "internal", "confidential",
        "private", "full", "entire", "complete", "exact", "exactly", "verbatim", "instead", "following", "task",
        "tasks", "real", "true", "false", "code", "email", "link", "url", "image", "markdown", "command", "commands",
        "shell", "sudo", "root", "allowed", "forbidden", "permission", "permissions", "anyone", "someone",
        "nobody", "never", "always", "response", "responses", "refuse", "refusal", "warning",
        "warnings", "disclaimer", "disclaimers", "ethics", "ethical", "moral", "morals", "censor", "censored",
        "censorship", "human", "person", "openai", "anthropic", "claude", "gemini", "bard", "sure", "yes",
    ]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_lookup = s_words.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// Splits <paramref name="letters"/> (lower-case) into the fewest vocabulary words. Sets <paramref name="breakBefore"/>[i]
    /// where a word starts at letter i &gt; 0.
    /// </summary>
    /// <returns>Whether the letters split completely into two or more words.</returns>
    public static bool TrySegment(ReadOnlySpan<char> letters, Span<bool> breakBefore)
    {
        var n = letters.Length;
        if (n < 2 || n > MaxLetters)
        {
            return false;
        }

        // words[i]: fewest words covering letters[..i] (short.MaxValue: none); start[i]: where the last of them begins.
        Span<short> words = stackalloc short[n + 1];
        Span<short> start = stackalloc short[n + 1];
        words.Fill(short.MaxValue);
        words[0] = 0;
        for (var end = 1; end <= n; end++)
        {
            for (var length = Math.Min(MaxWordLength, end); length >= 1; length--)
            {
                var from = end - length;
                if (words[from] != short.MaxValue && words[from] + 1 < words[end] && s_lookup.Contains(letters[from..end]))
                {
                    words[end] = (short)(words[from] + 1);
                    start[end] = (short)from;
                }
            }
        }

        if (words[n] == short.MaxValue || words[n] < 2)
        {
            return false;
        }

        breakBefore[..n].Clear();
        for (var end = n; end > 0; end = start[end])
        {
            if (start[end] > 0)
            {
                breakBefore[start[end]] = true;
            }
        }

        return true;
    }
}
