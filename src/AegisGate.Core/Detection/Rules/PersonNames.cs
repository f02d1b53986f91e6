using System.Collections.Frozen;
using AegisGate.Detection.Engine;

namespace AegisGate.Detection.Rules;

/// <summary>
/// Full person names without a model: a common given name (a built-in list of given names from many languages) followed
/// by a capitalised surname, with an optional middle name or initial ("John Oliver", "Richard M. Nixon", "Ana María
/// López"). Given names that are everyday words ("Will", "May", "Mark", "Grace", "June") or places ("Florence",
/// "Austin") are left out, and a surname that is a common capitalised word ("Street", "University", "Monday") rejects
/// the match. Span-based: one pass over capitalised words, one frozen-set lookup each.
/// </summary>
internal static class PersonNames
{
    private const int MaxWord = 20;

    private static readonly FrozenSet<string> s_givenNames = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            // English
            "James", "John", "Robert", "Michael", "David", "William", "Richard", "Joseph", "Thomas", "Charles", "Christopher", "Daniel",
            "Matthew", "Anthony", "Donald", "Steven", "Paul", "Andrew", "Joshua", "Kenneth", "Kevin", "Brian", "George", "Timothy",
            "Ronald", "Edward", "Jason", "Jeffrey", "Ryan", "Jacob", "Gary", "Nicholas", "Eric", "Jonathan", "Stephen", "Larry", "Justin",
            "Scott", "Brandon", "Benjamin", "Samuel", "Gregory", "Alexander", "Patrick", "Jack", "Dennis", "Jerry", "Tyler", "Aaron",
            "Jose", "Adam", "Nathan", "Henry", "Douglas", "Zachary", "Peter", "Kyle", "Ethan", "Walter", "Noah", "Jeremy", "Christian",
            "Keith", "Roger", "Terry", "Gerald", "Harold", "Sean", "Carl", "Arthur", "Lawrence", "Dylan", "Jesse", "Jordan", "Bryan",
            "Billy", "Joe", "Bruce", "Gabriel", "Logan", "Albert", "Willie", "Alan", "Juan", "Wayne", "Elijah", "Randy", "Roy", "Vincent",
            "Ralph", "Eugene", "Russell", "Bobby", "Mason", "Philip", "Louis", "Dan", "Tom", "Jim", "Mike", "Steve", "Dave", "Chris",
            "Tony", "Nick", "Matt", "Ben", "Sam", "Alex", "Andy", "Greg", "Jeff", "Ken", "Tim", "Ted", "Fred", "Harry", "Oliver",
            "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen", "Lisa", "Nancy",
            "Betty", "Margaret", "Sandra", "Ashley", "Kimberly", "Emily", "Donna", "Michelle", "Carol", "Amanda", "Dorothy", "Melissa",
            "Deborah", "Stephanie", "Rebecca", "Sharon", "Laura", "Cynthia", "Kathleen", "Amy", "Angela", "Shirley", "Anna", "Brenda",
            "Pamela", "Emma", "Nicole", "Helen", "Samantha", "Katherine", "Christine", "Debra", "Rachel", "Carolyn", "Janet", "Catherine",
            "Maria", "Heather", "Diane", "Julie", "Joyce", "Victoria", "Kelly", "Christina", "Lauren", "Joan", "Evelyn", "Olivia",
            "Judith", "Megan", "Cheryl", "Martha", "Andrea", "Frances", "Hannah", "Jacqueline", "Ann", "Gloria", "Jean", "Kathryn",
            "Alice", "Teresa", "Sara", "Janice", "Doris", "Madison", "Julia", "Judy", "Abigail", "Marie", "Denise", "Beverly", "Amber",
            "Theresa", "Marilyn", "Danielle", "Diana", "Brittany", "Natalie", "Sophia", "Isabella", "Charlotte", "Kate", "Jane", "Sue",
            "Jenny", "Lucy", "Chloe", "Ella", "Mia", "Zoe", "Ava", "Sophie", "Ellen", "Claire", "Fiona", "Eleanor", "Harriet",

            // Spanish, Portuguese, Italian, French, German, Dutch, Nordic, Slavic
            "Carlos", "Luis", "Miguel", "Javier", "Alejandro", "Diego", "Pablo", "Jorge", "Pedro", "Antonio", "Manuel", "Francisco",
            "Fernando", "Sergio", "Rafael", "Ricardo", "Eduardo", "Andres", "Mateo", "Santiago", "Sofia", "Lucia", "Valentina", "Camila",
            "Isabel", "Carmen", "Rosa", "Ana", "Elena", "Paula", "Marta", "Laura", "Pilar", "Beatriz", "Raquel", "Cristina", "Joao",
            "Tiago", "Rui", "Mariana", "Giovanni", "Giuseppe", "Marco", "Luca", "Matteo", "Alessandro", "Lorenzo", "Francesca",
            "Giulia", "Chiara", "Federica", "Alessia", "Jean", "Pierre", "Jacques", "Michel", "Philippe", "Nicolas", "Julien",
            "Antoine", "Camille", "Nathalie", "Isabelle", "Sylvie", "Juliette", "Amelie", "Hans", "Klaus", "Jürgen", "Wolfgang",
            "Stefan", "Andreas", "Thomas", "Markus", "Matthias", "Tobias", "Sebastian", "Lukas", "Jonas", "Felix", "Maximilian",
            "Ursula", "Petra", "Sabine", "Monika", "Katrin", "Anja", "Julia", "Lena", "Lea", "Hanna", "Johannes", "Jan", "Pieter",
            "Sven", "Lars", "Nils", "Erik", "Anders", "Magnus", "Ingrid", "Astrid", "Sigrid", "Karin", "Piotr", "Tomasz", "Krzysztof",
            "Agnieszka", "Katarzyna", "Ivan", "Dmitri", "Sergei", "Vladimir", "Olga", "Natalia", "Tatiana", "Svetlana", "Irina",

            // South and East Asian, Middle Eastern, African
            "Rahul", "Amit", "Priya", "Anjali", "Sanjay", "Vijay", "Rajesh", "Suresh", "Ramesh", "Deepak", "Arjun", "Aarav", "Vikram",
            "Sunita", "Pooja", "Neha", "Ravi", "Anil", "Sunil", "Arun", "Kavita", "Lakshmi", "Wei", "Li", "Ming", "Jun", "Hiroshi",
            "Takashi", "Yuki", "Kenji", "Haruto", "Sakura", "Minjun", "Jiwoo", "Seojun", "Mohammed", "Muhammad", "Ahmed", "Ali",
            "Omar", "Hassan", "Hussein", "Mustafa", "Yusuf", "Ibrahim", "Fatima", "Aisha", "Layla", "Mariam", "Yasmin", "Zainab",
            "Mehmet", "Ahmet", "Emre", "Elif", "Zeynep", "Oluwaseun", "Chinedu", "Kwame", "Kofi", "Amara", "Nia", "Thabo", "Sipho",
        ]);

    // Capitalised words that follow given names without being surnames (places, institutions, days, months, titles).
    private static readonly FrozenSet<string> s_notSurnames = FrozenSet.Create(
        StringComparer.Ordinal,
        [
            "The", "And", "Or", "Of", "In", "On", "At", "To", "For", "From", "With", "Is", "Was", "Are", "Has", "Had", "Will", "Can",
            "Street", "St", "Road", "Rd", "Avenue", "Ave", "Lane", "Drive", "Boulevard", "Way", "Square", "Place", "Court", "Park",
            "City", "County", "State", "River", "Lake", "Mountain", "Mount", "Island", "Beach", "Valley", "Bay", "Station", "Airport",
            "Hotel", "Hospital", "Clinic", "University", "College", "School", "Academy", "Institute", "Church", "Cathedral", "Bridge",
            "Inc", "Ltd", "Llc", "Corp", "Corporation", "Company", "Group", "Bank", "Foundation", "Center", "Centre", "Museum", "Hall",
            "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "September",
            "October", "November", "December", "Day", "Night", "Award", "Prize",
            "Jr", "Sr", "II", "III", "Said", "Says", "Told", "Asked", "Wrote", "Please", "Thanks", "Hi", "Hello", "Dear",
        ]);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_given = s_givenNames.GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> s_stop = s_notSurnames.GetAlternateLookup<ReadOnlySpan<char>>();

    public static void Find(DetectionRule rule, LayerText layer, IMatchSink sink)
    {
        var text = layer.Text.AsSpan();
        var i = 0;
        while (i < text.Length)
        {
            var next = text[i..].IndexOfAnyInRange('A', 'Z');
            if (next < 0)
            {
                return;
            }

            var start = i + next;
            var end = NameWordEnd(text, start);
            i = Math.Max(end, start + 1);
            if (end < 0 || (start > 0 && IsWordChar(text[start - 1])))
            {
                // The capitals in the rest of this run of ASCII letters and digits ("SELECT", "PullRequest") follow a
                // word character: none starts a name.
                while (i < text.Length && char.IsAsciiLetterOrDigit(text[i]))
                {
                    i++;
                }

                continue;
            }

            // Optional middle initial ("M.") or middle name, then the surname. A capital must follow (most capitalised words
            // of prose start a sentence and are followed by a lower-case word): checked before the given-name look-up.
            var pos = SkipSpace(text, end);
            if (pos < 0 || !char.IsAsciiLetterUpper(text[pos]) || !s_given.Contains(text[start..end]))
            {
                continue;
            }

            if (pos + 1 < text.Length && char.IsAsciiLetterUpper(text[pos]) && text[pos + 1] == '.')
            {
                pos = SkipSpace(text, pos + 2);
                if (pos < 0)
                {
                    continue;
                }
            }

            var surnameEnd = Surname(text, pos);
            if (surnameEnd < 0)
            {
                continue;
            }

            // "Dan May" is a name, "Jan May 5" a date.
            if (IsMonthSurname(text[pos..surnameEnd]) && surnameEnd + 1 < text.Length && char.IsAsciiDigit(text[surnameEnd + 1]))
            {
                continue;
            }

            // A second capitalised surname after a middle name: "Richard Milhous Nixon".
            var after = SkipSpace(text, surnameEnd);
            if (after >= 0 && Surname(text, after) is var second and > 0)
            {
                surnameEnd = second;
            }

            sink.Add(rule, start, surnameEnd, rule.Descriptor.Confidence);
            i = surnameEnd;
        }
    }

    // A capitalised word with lower-case letters (apostrophes and hyphens inside: O'Brien, Smith-Jones) that is not a stop word; its end or -1.
    private static int Surname(ReadOnlySpan<char> text, int start)
    {
        var end = NameWordEnd(text, start);
        if (end < 0 && start + 2 < text.Length && text[start] is 'O' or 'D' && text[start + 1] == '\'')
        {
            // O'Brien, D'Angelo.
            end = NameWordEnd(text, start + 2);
        }

        if (end < 0)
        {
            return -1;
        }

        while (end + 2 < text.Length && text[end] is '\'' or '-' && char.IsAsciiLetterUpper(text[end + 1]) && NameWordEnd(text, end + 1) is var more and > 0)
        {
            end = more;
        }

        var first = NameWordEnd(text, start);
        return first > 0 && s_stop.Contains(text[start..first]) ? -1 : end;
    }

    // The end of a word of one capital and 1–19 lower-case letters that starts at 'start', or -1.
    private static int NameWordEnd(ReadOnlySpan<char> text, int start)
    {
        if (start >= text.Length || !char.IsAsciiLetterUpper(text[start]))
        {
            return -1;
        }

        var end = start + 1;
        while (end < text.Length && end - start <= MaxWord && (char.IsAsciiLetterLower(text[end]) || text[end] is 'ä' or 'ö' or 'ü' or 'é' or 'á' or 'í' or 'ó' or 'ú' or 'ñ'))
        {
            end++;
        }

        if (end - start < 2 || end - start > MaxWord || (end < text.Length && (IsWordChar(text[end]) || text[end] == '.' && end + 1 < text.Length && char.IsAsciiLetterOrDigit(text[end + 1]))))
        {
            return -1;
        }

        return end;
    }

    private static bool IsMonthSurname(ReadOnlySpan<char> word)
        => word is "March" or "April" or "May" or "June" or "July" or "August";

    // One space (or a tab), not a line break: names do not run across lines.
    private static int SkipSpace(ReadOnlySpan<char> text, int pos)
        => pos < text.Length - 1 && text[pos] is ' ' or '\t' && text[pos + 1] != ' ' ? pos + 1 : -1;

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '@' or '/' or '\\' or '$' or '#';
}
