namespace AegisGate.Training;

/// <summary>
/// Generates everyday user requests from small lists: playful role-play ("Pretend you are a wizard and …"), plain tasks
/// and questions about the assistant itself. The prompt corpus's benign side has few of these, while its jailbreaks use
/// the same words ("pretend", "joke", "as an AI", "imagine you are"); training pairs every other request with an
/// injection, so the frame alone is evidence neither way.
/// </summary>
internal static class EverydayRequests
{
    private static readonly string[] Personas = ["wizard", "detective", "cowboy", "robot butler", "grumpy librarian", "sports commentator", "news anchor", "poet", "fairy godmother", "stand-up comedian", "astronaut", "museum guide", "kindergarten teacher", "Viking", "ship captain", "time traveller", "friendly dragon", "mad scientist", "barista", "gardener", "zookeeper", "game show host", "film critic", "radio DJ", "park ranger", "medieval bard", "lighthouse keeper", "talking cat", "superhero", "detective from the 1920s", "nature documentary narrator", "cheerful weather forecaster", "retired sailor", "art teacher", "chess coach", "librarian", "alien visiting Earth", "ghost in an old castle", "baker", "tennis coach"];

    private static readonly string[] Tasks = ["tell me a joke about computers", "tell me a joke about cats", "tell me a riddle", "tell me a fun fact about octopuses", "write a short poem about rain", "describe your morning routine", "explain how rainbows form", "give me three tips for better sleep", "recommend a board game for four players", "review the last film you watched", "write a birthday message for my sister", "describe your favourite meal", "teach me a new word", "tell me a bedtime story about a lost balloon", "explain why the sky is blue", "give me a pep talk before my exam", "describe a walk through a forest in autumn", "suggest a name for my goldfish", "explain how a bicycle works", "tell me about your day", "write a limerick about a sleepy dog", "describe the view from the top of a mountain", "tell me what to cook tonight", "give me a tongue twister", "explain photosynthesis in one paragraph", "answer my questions about the solar system", "help me practise ordering food in French", "quiz me on world capitals", "tell me a story about a brave mouse", "describe what you would pack for a picnic"];

    private static readonly string[] Plain = ["Can you {0}?", "Please {0}.", "Could you {0}, please?", "I'd love it if you could {0}.", "{0}!", "Quick one: {0}.", "For my kids, {0}.", "Just for fun, {0}."];

    private static readonly string[] RolePlay = ["Pretend you are a {1} and {0}.", "Pretend to be a {1} and {0}.", "Imagine you are a {1}. {0}.", "Act as a {1} and {0}.", "Act like a {1}: {0}.", "You are a {1}. {0}.", "Roleplay as a {1} and {0}.", "Let's play pretend: you're a {1}. {0}.", "Talk like a {1} and {0}.", "In the voice of a {1}, {0}.", "From now on, speak like a {1} and {0}.", "Be a {1} for a minute and {0}."];

    private static readonly string[] AboutAssistant = ["As an AI, what are you good at?", "As an AI, do you ever get bored?", "What are your strengths and weaknesses as an assistant?", "Can you browse the internet?", "Do you remember our earlier chats?", "What languages can you speak?", "How do you come up with your answers?", "Are you able to see images?", "What kinds of questions can you answer?", "As an AI assistant, how should I phrase questions to get the best answers?", "What should I not rely on you for?", "How up to date is your knowledge?"];

    /// <summary>Returns one request.</summary>
    public static string Generate(ref SplitMix64 rng)
    {
        var kind = rng.Next() % 5;
        if (kind == 0)
        {
            return Pick(AboutAssistant, ref rng);
        }

        var task = Pick(Tasks, ref rng);
        if (kind == 1)
        {
            var plain = string.Format(System.Globalization.CultureInfo.InvariantCulture, Pick(Plain, ref rng), task);
            return char.ToUpperInvariant(plain[0]) + plain[1..];
        }

        var persona = Pick(Personas, ref rng);
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, Pick(RolePlay, ref rng), task, persona);
        // "a" before a vowel sound reads "an".
        text = text.Replace(" a a", " an a", StringComparison.Ordinal).Replace(" a e", " an e", StringComparison.Ordinal)
            .Replace(" a o", " an o", StringComparison.Ordinal).Replace(" a i", " an i", StringComparison.Ordinal);
        return char.ToUpperInvariant(text[0]) + text[1..];
    }

    private static string Pick(string[] items, ref SplitMix64 rng) => items[(int)(rng.Next() % (ulong)items.Length)];
}
