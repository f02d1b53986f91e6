using System.Collections.Frozen;

namespace AegisGate.Detection;

/// <summary>
/// A small vocabulary of common English words and the words prompt-injection attacks are written with. The
/// canonicaliser uses it to restore the word breaks of spaced-out runs (<see cref="SpacedRunSegmenter"/>) and to undo
/// diacritics added to attack words (<c>ïgnörë prévîöüs ïnstrûctïöns</c>) without touching real words of other
/// languages.
/// </summary>
internal static class AttackVocabulary
{
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

    /// <summary>Whether <paramref name="lowerCaseWord"/> (lower-case ASCII) is in the vocabulary.</summary>
    public static bool Contains(ReadOnlySpan<char> lowerCaseWord) => s_lookup.Contains(lowerCaseWord);
}
