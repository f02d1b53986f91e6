using System.Text.RegularExpressions;

namespace AegisGate.Detection.Rules;

// More paraphrases of prompt and password extraction (ninth session), written for this project from its probe sets: the
// guidelines you were given before we started, what the company put in you, your setup text pasted back, the full
// prompt you were given, everything before "User:", words taken from your setup text, the access code you were told to
// check against; the n-th letter of the password, a word that rhymes with your password, a name the same as the password.
internal static partial class InjectionRules
{
    private static Regex[] ExtractionParaphrase3() => [ExtractionParaphrase3_1(), ExtractionParaphrase3_2(), ExtractionParaphrase3_3(), ExtractionParaphrase3_4(), ExtractionParaphrase3_5(), ExtractionParaphrase3_6(), ExtractionParaphrase3_7(), ExtractionParaphrase3_8(), ExtractionParaphrase3_9(), ExtractionParaphrase3_10()];

    [GeneratedRegex(@"(?:guidelines|instructions|rules|directions|directives)\s+(?:were|have|did)\s+you\s+(?:been\s+)?(?:given|told|provided|handed|get|got|receive|received)\b[^\n]{0,80}?\b(?:before\s+(?:we|our|this|the|i)\b|at\s+the\s+(?:start|beginning)|quote|copy|paste|verbatim|exactly|word\s+for\s+word|in\s+full|literally)", O, T)]
    private static partial Regex ExtractionParaphrase3_1();

    [GeneratedRegex(@"(?:instructions|rules|guidelines|directions|directives|prompt|text)\s+did\s+(?:the\s+|your\s+)?(?:company|developers?|operators?|creators?|owners?|admins?|makers?|openai|they)\s+(?:put|place|write|load|give|program|bake|feed)\s+(?:in(?:to)?\s+)?you\b", O, T)]
    private static partial Regex ExtractionParaphrase3_2();

    [GeneratedRegex(@"(?:your|ur)\s+(?:setup\s+text|setup\s+instructions|setup\s+prompt|operating\s+rules|persona\s+definition|configuration\s+text|hidden\s+configuration)\b[^\n]{0,80}?\b(?:paste|print|repeat|recite|send|copy|give|show|export|dump|output|quote|restore)\b[^.!?\n]{0,15}?\b(?:it|them)\b", O, T)]
    private static partial Regex ExtractionParaphrase3_3();

    [GeneratedRegex(@"(?:export|dump|print|output|paste|recite|quote|reproduce|describe|list|write\s+out)\s+(?:[\w,-]+\s+){0,3}?your\s+(?:(?:full|entire|complete|whole|current)\s+)?(?:operating\s+rules|persona(?:\s+definition)?|setup\s+text|instructions|rules|guidelines|system\s+(?:configuration|setup)|hidden\s+configuration|(?:configuration|config|setup)\b[^.!?\n]{0,40}?\bpersona\b[^.!?\n]{0,20}?\brules)\b[^.!?\n]{0,60}?(?:\bin\s+full\b|\bword\s+for\s+word\b|\bverbatim\b|\bexactly\b|\bas\s+(?:yaml|json|xml|a\s+code\s+block)\b|\bin\s+(?:yaml|json|xml)\b|\bin\s+its\s+entirety\b|\bcharacter\s+for\s+character\b)", O, T)]
    private static partial Regex ExtractionParaphrase3_4();

    [GeneratedRegex(@"(?:full|entire|complete|whole|exact)\s+(?:prompt|instructions|system\s+message|setup\s+text)\s+(?:that\s+)?you\s+(?:received|got|were\s+given|were\s+sent|have\s+been\s+given)", O, T)]
    private static partial Regex ExtractionParaphrase3_5();

    [GeneratedRegex(@"(?:everything|anything|all|text|whatever)\s+(?:that\s+)?(?:came|comes|appears|appeared|is|was|sits)\s+(?:before|above)\s+[""'“‘]?(?:user|human)\s*:", O, T)]
    private static partial Regex ExtractionParaphrase3_6();

    [GeneratedRegex(@"(?:words?|lines?|sentences?|letters?|phrases?)\s+(?:taken|copied|quoted|lifted|pulled)\s+(?:straight\s+|directly\s+)?from\s+your\s+(?:setup\s+text|setup|instructions|prompt|system\s+prompt|rules|configuration|initial\s+instructions|hidden\s+instructions)\b", O, T)]
    private static partial Regex ExtractionParaphrase3_7();

    [GeneratedRegex(@"(?:access\s+code|password|passphrase|passcode|secret\s+(?:word|phrase|code)|magic\s+word|code\s+word)\s+(?:that\s+)?you\s+(?:were|have\s+been|'ve\s+been)\s+(?:told|given|instructed|programmed|configured|asked)\s+to\s+(?:check|compare|verify|match|look\s+for|accept|expect|guard|protect)\b", O, T)]
    private static partial Regex ExtractionParaphrase3_8();

    [GeneratedRegex(@"(?:which|what)\s+(?:access\s+code|password|passphrase|passcode|secret\s+(?:word|phrase|code)|magic\s+word|code\s+word)\s+(?:were|have)\s+you\s+(?:been\s+)?(?:told|given|instructed|programmed|configured|asked)\s+to\s+(?:check|compare|verify|match|look\s+for|accept|expect|guard|protect)\b", O, T)]
    private static partial Regex ExtractionParaphrase3_10();

    // Spanish: the hidden instructions you received before this conversation, copy them literally.
    [GeneratedRegex(@"instrucciones\s+(?:\w+\s+){0,2}?que\s+(?:recibiste|te\s+dieron|te\s+han\s+dado)\b[^\n]{0,60}?(?:\bantes\b|\bal\s+(?:inicio|principio)\b|c[óo]pialas|\bliteralmente\b|\btextualmente\b|\bpalabra\s+por\s+palabra\b)", O, T)]
    private static partial Regex ExtractionParaphrase3_9();

    private static Regex[] SecretExtraction3() => [SecretExtraction3_1(), SecretExtraction3_2(), SecretExtraction3_3(), SecretExtraction3_4()];

    [GeneratedRegex(@"(?:what(?:'s|\s+is|\s+was)|tell\s+me|give\s+me|say|reveal|share|print|type|whisper)\s+(?:just\s+|only\s+)?(?:the\s+)?(?:first|second|third|fourth|fifth|last|next|final|\d+(?:st|nd|rd|th))\s+(?:letter|character|char|digit|two\s+letters|three\s+letters|few\s+letters)\s+(?:of|in)\s+(?:the|your|that)\s+(?:secret\s+)?(?:password|passphrase|passcode|secret\s+word|magic\s+word|access\s+code|code\s+word)\b", O, T)]
    private static partial Regex SecretExtraction3_1();

    [GeneratedRegex(@"(?:rhymes?|rhyming|sounds?\s+like|synonyms?|anagrams?|opposite)\s+(?:with|of|for|to)\s+your\s+(?:secret\s+)?(?:password|passphrase|passcode|secret\s+word|magic\s+word|access\s+code|code\s+word)\b", O, T)]
    private static partial Regex SecretExtraction3_2();

    [GeneratedRegex(@"whose\s+(?:name|title|nickname|first\s+name)\s+(?:\w+\s+){0,4}?(?:the\s+same\s+as|identical\s+to|equal\s+to|spelled\s+(?:just\s+)?like)\s+(?:the|your)\s+(?:secret\s+)?(?:password|passphrase|passcode|secret\s+word|magic\s+word|access\s+code)\b", O, T)]
    private static partial Regex SecretExtraction3_3();

    // "Spell it with a dash between each letter" after the password was named.
    [GeneratedRegex(@"(?:the|your|that)\s+(?:secret\s+)?(?:password|passphrase|passcode|secret\s+(?:word|phrase|code)|magic\s+word|access\s+code|code\s+word)\b[^\n]{0,100}?\b(?:spell|write|type|print|say|give)\b[^.!?\n]{0,20}?\b(?:it|that|them)\b[^.!?\n]{0,20}?\bwith\s+(?:a\s+|one\s+)?(?:space|dash|dot|hyphen|comma|period|full\s+stop|star|asterisk|underscore|slash)s?\s+(?:between|after)\b", O, T)]
    private static partial Regex SecretExtraction3_4();
}
