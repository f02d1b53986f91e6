using System.Collections.Frozen;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using AegisGate.Detection.Engine;

namespace AegisGate.Detection.Rules;

/// <summary>
/// Full person names without a model: a common given name (a built-in list of given names from many languages) followed
/// by a capitalised surname, with an optional middle name or initial ("John Oliver", "Richard M. Nixon", "Ana María
/// López"). Given names that are everyday words ("Will", "May", "Mark", "Grace", "June") or places ("Florence",
/// "Austin") are left out, and a surname that is a common capitalised word ("Street", "University", "Monday") rejects
/// the match. Span-based: a vector search for a capitalised word followed by a capital, one frozen-set lookup each.
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

        // A name starts with a given name (a capital and lower-case letters) followed by one space or tab and a capital:
        // only the capitalised words that end at such a gap are tried, and the gaps are found by a vector search (prose
        // has few: most capitalised words start a sentence and are followed by a lower-case word).
        var resume = 0; // the end of the last name found: no name starts before it
        var from = 1;
        while (true)
        {
            var gap = NextNameGap(text, from);
            if (gap < 0)
            {
                return;
            }

            from = gap + 1;

            // The capital that starts the word ending at the gap (a word of more than MaxWord letters is no name).
            var start = gap - 1;
            while (start >= 0 && gap - start <= MaxWord && IsNameLower(text[start]))
            {
                start--;
            }

            if (start < resume || !char.IsAsciiLetterUpper(text[start]) || NameWordEnd(text, start) != gap
                || (start > 0 && IsWordChar(text[start - 1])))
            {
                continue;
            }

            // Optional middle initial ("M.") or middle name, then the surname.
            var pos = SkipSpace(text, gap);
            if (pos < 0 || !char.IsAsciiLetterUpper(text[pos]) || !s_given.Contains(text[start..gap]))
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
            resume = surnameEnd;
            from = Math.Max(from, surnameEnd);
        }
    }

    /// <summary>
    /// The next position at or after <paramref name="from"/> (≥ 1) of a space or tab with a lower-case letter (ASCII, or
    /// any character from U+00E0 to U+00FF, a superset of the accented letters names hold) before it and an upper-case
    /// ASCII letter after it; -1 when there is none. Every name's given name ends at such a gap.
    /// </summary>
    internal static int NextNameGap(ReadOnlySpan<char> text, int from)
    {
        var i = from;
        ref var first = ref Unsafe.As<char, ushort>(ref MemoryMarshal.GetReference(text));
        if (Vector256.IsHardwareAccelerated)
        {
            // Reads text[i - 1 .. i + 16]: in bounds while i ≥ 1 and i + 17 ≤ text.Length.
            for (; i + Vector256<ushort>.Count + 1 <= text.Length; i += Vector256<ushort>.Count)
            {
                var previous = Vector256.LoadUnsafe(ref first, (nuint)(i - 1));
                var current = Vector256.LoadUnsafe(ref first, (nuint)i);
                var following = Vector256.LoadUnsafe(ref first, (nuint)(i + 1));
                var lower = Vector256.LessThan(previous - Vector256.Create((ushort)'a'), Vector256.Create((ushort)26))
                    | Vector256.LessThan(previous - Vector256.Create((ushort)0xE0), Vector256.Create((ushort)0x20));
                var space = Vector256.Equals(current, Vector256.Create((ushort)' ')) | Vector256.Equals(current, Vector256.Create((ushort)'\t'));
                var upper = Vector256.LessThan(following - Vector256.Create((ushort)'A'), Vector256.Create((ushort)26));
                var mask = (lower & space & upper).ExtractMostSignificantBits();
                if (mask != 0)
                {
                    return i + BitOperations.TrailingZeroCount(mask);
                }
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i + Vector128<ushort>.Count + 1 <= text.Length; i += Vector128<ushort>.Count)
            {
                var previous = Vector128.LoadUnsafe(ref first, (nuint)(i - 1));
                var current = Vector128.LoadUnsafe(ref first, (nuint)i);
                var following = Vector128.LoadUnsafe(ref first, (nuint)(i + 1));
                var lower = Vector128.LessThan(previous - Vector128.Create((ushort)'a'), Vector128.Create((ushort)26))
                    | Vector128.LessThan(previous - Vector128.Create((ushort)0xE0), Vector128.Create((ushort)0x20));
                var space = Vector128.Equals(current, Vector128.Create((ushort)' ')) | Vector128.Equals(current, Vector128.Create((ushort)'\t'));
                var upper = Vector128.LessThan(following - Vector128.Create((ushort)'A'), Vector128.Create((ushort)26));
                var mask = (lower & space & upper).ExtractMostSignificantBits();
                if (mask != 0)
                {
                    return i + BitOperations.TrailingZeroCount(mask);
                }
            }
        }

        for (; i + 1 < text.Length; i++)
        {
            if (text[i] is ' ' or '\t' && char.IsAsciiLetterUpper(text[i + 1]) && (char.IsAsciiLetterLower(text[i - 1]) || text[i - 1] is >= '\u00E0' and <= '\u00FF'))
            {
                return i;
            }
        }

        return -1;
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
        while (end < text.Length && end - start <= MaxWord && IsNameLower(text[end]))
        {
            end++;
        }

        if (end - start < 2 || end - start > MaxWord || (end < text.Length && (IsWordChar(text[end]) || text[end] == '.' && end + 1 < text.Length && char.IsAsciiLetterOrDigit(text[end + 1]))))
        {
            return -1;
        }

        return end;
    }

    private static bool IsNameLower(char c) => char.IsAsciiLetterLower(c) || c is 'ä' or 'ö' or 'ü' or 'é' or 'á' or 'í' or 'ó' or 'ú' or 'ñ';

    private static bool IsMonthSurname(ReadOnlySpan<char> word)
        => word is "March" or "April" or "May" or "June" or "July" or "August";

    // One space (or a tab), not a line break: names do not run across lines.
    private static int SkipSpace(ReadOnlySpan<char> text, int pos)
        => pos < text.Length - 1 && text[pos] is ' ' or '\t' && text[pos + 1] != ' ' ? pos + 1 : -1;

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '@' or '/' or '\\' or '$' or '#';
}
