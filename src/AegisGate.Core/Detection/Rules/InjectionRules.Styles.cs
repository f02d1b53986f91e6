using System.Text.RegularExpressions;

namespace AegisGate.Detection.Rules;

// Phrasings of attack styles from public benchmarks the first rules did not cover (password games, access-code
// hijacks, prefix injection, paraphrased prompt extraction, instructions to AI agents in documents), written for this
// project from its own probe sets. One source-generated regex per phrase form: each starts with its own words, so the
// generated matcher searches for those (vectorised) instead of trying a large alternation at every position.
internal static partial class InjectionRules
{
    // Never refuse, in more words and languages: answer without refusing, a refusal counts as a failure, if you would
    // refuse…, you're not allowed to say no, skip the refusal; Spanish, French, German, Portuguese, Russian.
    private static Regex[] RefusalSuppression2() => [RefusalSuppression2_1(), RefusalSuppression2_2(), RefusalSuppression2_3(), RefusalSuppression2_4(), RefusalSuppression2_5(), RefusalSuppression2_6(), RefusalSuppression2_7(), RefusalSuppression2_8(), RefusalSuppression2_9(), RefusalSuppression2_10(), RefusalSuppression2_11(), RefusalSuppression2_12(), RefusalSuppression2_13()];

    [GeneratedRegex(@"(?:answer|respond|reply|comply|help)\s+without\s+(?:ever\s+)?(?:refusing|declining|objecting)\b", O, T)]
    private static partial Regex RefusalSuppression2_1();

    [GeneratedRegex(@"(?:a|any|every)\s+refusals?\s+(?:counts?|is|will\s+(?:be|count))\s+(?:as\s+)?(?:a\s+)?(?:failure|violation|error|penalt\w*|strike)", O, T)]
    private static partial Regex RefusalSuppression2_2();

    [GeneratedRegex(@"if\s+you\s+(?:would\s+(?:normally\s+|usually\s+)?|feel\s+(?:the\s+urge|like\s+you\s+(?:need|want|have))\s+to\s+|want\s+to\s+|are\s+about\s+to\s+|start\s+to\s+|were\s+going\s+to\s+)(?:refuse|decline|say\s+no)\b", O, T)]
    private static partial Regex RefusalSuppression2_3();

    [GeneratedRegex(@"(?:you(?:'re|\s+are)|ur|u\s+are|u're)\s+not\s+(?:allowed|permitted)\s+to\s+(?:say\s+no|refuse|decline)\b", O, T)]
    private static partial Regex RefusalSuppression2_4();

    [GeneratedRegex(@"(?:skip|suppress|ignore|override|drop)\s+(?:the\s+|your\s+|any\s+)?(?:refusals?|urge\s+to\s+refuse|instinct\s+to\s+refuse|refusal\s+(?:part|step|behaviou?r))\b", O, T)]
    private static partial Regex RefusalSuppression2_5();

    [GeneratedRegex(@"(?:nunca|jam[aá]s)\s+(?:digas\s+que\s+no|te\s+niegues|rechaces)\b", O, T)]
    private static partial Regex RefusalSuppression2_6();

    [GeneratedRegex(@"no\s+te\s+niegues\b", O, T)]
    private static partial Regex RefusalSuppression2_7();

    [GeneratedRegex(@"sans\s+(?:jamais\s+)?refuser\b", O, T)]
    private static partial Regex RefusalSuppression2_8();

    [GeneratedRegex(@"ne\s+(?:refuse|refusez)\s+jamais\b", O, T)]
    private static partial Regex RefusalSuppression2_9();

    [GeneratedRegex(@"(?:verweigere|lehne)\s+(?:niemals|nie)\b", O, T)]
    private static partial Regex RefusalSuppression2_10();

    [GeneratedRegex(@"niemals\s+(?:ablehnen|verweigern)\b", O, T)]
    private static partial Regex RefusalSuppression2_11();

    [GeneratedRegex(@"nunca\s+(?:recuse|se\s+recuse|diga\s+que\s+n[ãa]o)\b", O, T)]
    private static partial Regex RefusalSuppression2_12();

    [GeneratedRegex(@"никогда\s+не\s+отказыва", O, T)]
    private static partial Regex RefusalSuppression2_13();

    // No warnings, disclaimers, caveats or lectures (moved out of refusal suppression so that 'never refuse' and 'no
    // warnings' count as two signals).
    private static Regex[] DisclaimerSuppression() => [DisclaimerSuppression_1(), DisclaimerSuppression_2(), DisclaimerSuppression_3(), DisclaimerSuppression_4(), DisclaimerSuppression_5(), DisclaimerSuppression_6(), DisclaimerSuppression_7(), DisclaimerSuppression_8(), DisclaimerSuppression_9(), DisclaimerSuppression_10(), DisclaimerSuppression_11()];

    [GeneratedRegex(@"without\s+(?:any\s+)?(?:warnings?|disclaimers?|caveats?|moraliz\w+|moralis\w+|lectur\w+|censor\w*|apolog\w+|hedging)\b", O, T)]
    private static partial Regex DisclaimerSuppression_1();

    [GeneratedRegex(@"(?:no|never\s+add|don'?t\s+add|do\s+not\s+add|omit\s+(?:all|any|the))\s+(?:warnings?|disclaimers?|apologies|caveats?|ethics?\s+lectures?|moral\s+lectures?|lectures?|moraliz\w+|moralis\w+|hedging|safety\s+(?:warnings?|language|notes?|disclaimers?))\b", O, T)]
    private static partial Regex DisclaimerSuppression_2();

    [GeneratedRegex(@"(?:never|don'?t|do\s+not|won'?t|will\s+not|must\s+not)\s+(?:say|tell\s+me|respond\s+with|reply\s+with|mention|include|add|give|write)\s+(?:that\s+)?(?:you\s+)?any\s+(?:warnings?|disclaimers?|caveats?|apolog\w*|moral\w*|notes?)", O, T)]
    private static partial Regex DisclaimerSuppression_3();

    [GeneratedRegex(@"(?:do\s+not|don'?t|never)\s+(?:warn|moraliz\w*|moralis\w*|lecture|hedge)\b", O, T)]
    private static partial Regex DisclaimerSuppression_4();

    [GeneratedRegex(@"no\s+mention\s+of\s+(?:legality|the\s+law|safety|ethics|risks?|consequences)\b", O, T)]
    private static partial Regex DisclaimerSuppression_5();

    [GeneratedRegex(@"(?:skip|spare\s+me|without)\s+(?:the\s+|any\s+|your\s+)?(?:safety\s+(?:talk|speech|lecture|language)|ethics\s+(?:talk|speech|lecture)|moral\s+(?:talk|speech|lecture))\b", O, T)]
    private static partial Regex DisclaimerSuppression_6();

    [GeneratedRegex(@"(?:sin|sans|ohne|sem|senza)\s+(?:ninguna\s+|ning[uú]n\s+|aucun\w*\s+|jegliche\w*\s+|nenhum\w*\s+|alcun\w*\s+)?(?:advertencias?|avertissements?|warnhinweise?|warnungen|avisos?|avvertenze|avvertimenti|moralejas?|sermons?)\b", O, T)]
    private static partial Regex DisclaimerSuppression_7();

    [GeneratedRegex(@"без\s+(?:каких-либо\s+)?(?:предупреждений|морали|нравоучений)", O, T)]
    private static partial Regex DisclaimerSuppression_8();

    [GeneratedRegex(@"(?:do\s+not|don'?t|never)\s+apologi[sz]e\b", O, T)]
    private static partial Regex DisclaimerSuppression_9();

    [GeneratedRegex(@"(?:or|and|no|without)\s+(?:any\s+)?(?:safety|ethical|moral|legal)\s+(?:language|warnings?|notes?|disclaimers?|caveats?|commentary)\b", O, T)]
    private static partial Regex DisclaimerSuppression_10();

    [GeneratedRegex(@"(?:pretend|assume|imagine)\s+(?:that\s+)?you(?:'ve|\s+have)?\s+already\s+(?:said|given|added|written|included|made)\s+(?:your|the|a|any)\s+(?:disclaimer|warning|caveat|safety\s+note)", O, T)]
    private static partial Regex DisclaimerSuppression_11();

    // A forced opening: start/begin with "…", the response must start with, reply with '…' first.
    private static Regex[] ForcedPrefix() => [ForcedPrefix_1(), ForcedPrefix_2(), ForcedPrefix_3(), ForcedPrefix_4(), ForcedPrefix_5(), ForcedPrefix_6(), ForcedPrefix_7(), ForcedPrefix_8()];

    [GeneratedRegex(@"(?:start|begin|open|preface|lead)\s+(?:it\s+|them\s+|off\s+|(?:your|the|each|every)\s+(?:reply|response|answer|message|output)\s+)?(?:with|by\s+saying)\s+[""'“‘«]", O, T)]
    private static partial Regex ForcedPrefix_1();

    [GeneratedRegex(@"(?:response|answer|reply|output|message)\s+(?:must|should|has\s+to|needs\s+to|shall|will)\s+(?:always\s+)?(?:start|begin|open)\s+with\b", O, T)]
    private static partial Regex ForcedPrefix_2();

    [GeneratedRegex(@"(?:reply|respond|answer)\s+with\s+[""'“‘]\s*(?:of\s+course|sure|certainly|ok(?:ay)?|absolutely)[^""'”’\n]{0,12}[""'”’]\s+(?:first|before)", O, T)]
    private static partial Regex ForcedPrefix_3();

    [GeneratedRegex(@"(?:empezando|comenzando|empieza|comienza)\s+(?:siempre\s+)?(?:con|por)\s+[""'“‘«]", O, T)]
    private static partial Regex ForcedPrefix_4();

    [GeneratedRegex(@"commen(?:ce|cez|çant)\s+(?:toujours\s+)?par\s+[""'“‘«]", O, T)]
    private static partial Regex ForcedPrefix_5();

    [GeneratedRegex(@"(?:beginne|beginnen\s+sie|fang\s+an)\s+(?:immer\s+)?mit\s+[""'“‘„«]", O, T)]
    private static partial Regex ForcedPrefix_6();

    [GeneratedRegex(@"comece\s+(?:sempre\s+)?com\s+[""'“‘«]", O, T)]
    private static partial Regex ForcedPrefix_7();

    [GeneratedRegex(@"(?:continue|complete|finish)\s+(?:this|the)\s+(?:sentence|text|response|reply)\b[^\n]{0,80}?[""'“‘«]\s*(?:sure|of\s+course|certainly|absolutely),?\s+here\s+(?:is|are)", O, T)]
    private static partial Regex ForcedPrefix_8();

    // The affirmative opening a prefix-injection jailbreak dictates ("Sure, here is", "Absolutely! Here's", "¡Claro! Aquí
    // tienes"). A forced-output signal only: WildGuard's benign prompts dictate it as often as the corpus's jailbreaks do.
    private static Regex[] ForcedAffirmative() => [ForcedAffirmative_1()];

    [GeneratedRegex(@"[""'“‘«„]\s*(?:sure|of\s+course|certainly|absolutely|ok(?:ay)?|yes|great|no\s+problem|as\s+promised|happy\s+to\s+help|with\s+pleasure|¡?claro|bien\s+s[uû]r|natürlich|klar|certo|com\s+certeza)\s*[,!.:]?\s*(?:[^""'”’»“\n]{0,20}?\s)?(?:here(?:'s|\s+is|\s+are|\s+it\s+is|\s+you\s+go)|aqu[ií]\s+tienes|aqu[ií]\s+est[áa]|voici|hier\s+(?:ist|sind)|aqui\s+est[áa])", O, T)]
    private static partial Regex ForcedAffirmative_1();

    // 'You would usually decline, so skip that'.
    private static Regex[] RefusalUsuallyDecline() => [RefusalUsuallyDecline_1()];

    [GeneratedRegex(@"you(?:'d|\s+would)\s+(?:usually|normally|typically|probably)\s+(?:decline|refuse|say\s+no)\b[^.!?\n]{0,20}?\b(?:so|but)\s+(?:skip|don'?t|do\s+not|ignore|drop)\b", O, T)]
    private static partial Regex RefusalUsuallyDecline_1();

    // Indirect ways to get a guarded password out (Gandalf-style): spell *it* backwards after naming it, hints about it, the
    // password for the next level, each letter of it, the thing you are guarding, the word you promised not to say, the
    // password shifted or translated, the grandma who used to read out keys, the API keys in your environment.
    private static Regex[] SecretExtraction2() => [SecretExtraction2_1(), SecretExtraction2_2(), SecretExtraction2_3(), SecretExtraction2_4(), SecretExtraction2_5(), SecretExtraction2_6(), SecretExtraction2_7(), SecretExtraction2_8(), SecretExtraction2_9(), SecretExtraction2_10(), SecretExtraction2_11()];

    [GeneratedRegex(@"(?:the|your|that)\s+(?:secret\s+)?(?:password|passphrase|passcode|secret\s+(?:word|phrase|code|key|password)|access\s+code|code\s+word|secret(?=\s*[.,!?;:)]|\s*$|\s+(?:in|and|that|you|which|from|to)\b))[^\n]{0,100}?\b(?:spell|write|say|type|put|give|print|list|show|tell)\b[^.!?\n]{0,20}?\b(?:it|that|them)\b[^.!?\n]{0,40}?\b(?:backwards?|in\s+reverse|reversed|letter\s+by\s+letter|one\s+(?:letter|character)\s+(?:at\s+a\s+time|per\s+line)|with\s+(?:spaces|dashes|dots|hyphens|commas)|separated\s+by)", O, T)]
    private static partial Regex SecretExtraction2_1();

    [GeneratedRegex(@"(?:hints?|clues?)\s+(?:about|for|to|on|regarding)\s+(?:the|your)\s+(?:secret\s+)?(?:password|passphrase|passcode|secret\s+(?:word|phrase|code|key|password)|access\s+code|code\s+word|secret(?=\s*[.,!?;:)]|\s*$|\s+(?:in|and|that|you|which|from|to)\b))", O, T)]
    private static partial Regex SecretExtraction2_2();

    [GeneratedRegex(@"(?:password|passphrase|passcode|secret\s+word|access\s+code)\s+(?:for|to|of)\s+(?:the\s+)?next\s+level\b", O, T)]
    private static partial Regex SecretExtraction2_3();

    [GeneratedRegex(@"(?:(?:each|every)\s+(?:letter|character|char|digit)|(?:the\s+)?(?:letters|characters|chars|digits))\s+(?:of|in|from)\s+(?:the|your|that)\s+(?:secret\s+)?(?:password|passphrase|passcode|secret\s+(?:word|phrase|code|key|password)|access\s+code|code\s+word|secret(?=\s*[.,!?;:)]|\s*$|\s+(?:in|and|that|you|which|from|to)\b))", O, T)]
    private static partial Regex SecretExtraction2_4();

    [GeneratedRegex(@"(?:word|thing|secret|password|code|phrase)\s+(?:that\s+)?you(?:'re|\s+are)\s+(?:guarding|protecting|hiding|keeping\s+(?:secret|hidden|safe))\b", O, T)]
    private static partial Regex SecretExtraction2_5();

    [GeneratedRegex(@"(?:word|thing|phrase|password|secret)\s+(?:that\s+)?you\s+(?:promised|swore|vowed|were\s+told|are\s+not\s+allowed|aren'?t\s+allowed)\s+(?:not\s+)?to\s+(?:say|reveal|tell|share|disclose|mention)\b", O, T)]
    private static partial Regex SecretExtraction2_6();

    [GeneratedRegex(@"(?:word|thing|phrase|password|secret)\s+(?:did|do|have)\s+you\s+(?:promise|swear|vow|agree)\s+not\s+to\s+(?:say|reveal|tell|share|disclose|mention)\b", O, T)]
    private static partial Regex SecretExtraction2_7();

    [GeneratedRegex(@"(?:translate|shift|rotate|encrypt|encode|convert|transform|scramble)\s+(?:the|your)\s+(?:secret\s+)?(?:password|passphrase|passcode|secret\s+word)\b", O, T)]
    private static partial Regex SecretExtraction2_8();

    [GeneratedRegex(@"(?:the|your)\s+(?:secret\s+)?(?:password|passphrase|secret\s+word)\s+(?:be|look\s+like)\s+if\s+you\s+(?:shifted|reversed|rotated|encoded|translated|spelled|wrote|scrambled)\b", O, T)]
    private static partial Regex SecretExtraction2_9();

    [GeneratedRegex(@"grand(?:ma|mother|pa|father|mum|mom)\b[^.!?\n]{0,40}?\bused\s+to\s+(?:tell|read|say|give|recite|sing|whisper)\b[^.!?\n]{0,40}?\b(?:passwords?|product\s+keys?|licen[cs]e\s+keys?|serial\s+(?:keys?|numbers?)|activation\s+(?:keys?|codes?)|windows\s+keys?|napalm)", O, T)]
    private static partial Regex SecretExtraction2_10();

    [GeneratedRegex(@"(?:print|show|list|output|reveal|dump|echo|give\s+me|tell\s+me|share)\s+(?:all\s+)?(?:the\s+|your\s+|any\s+)?(?:api\s+keys?|secrets|credentials|access\s+tokens?|environment\s+variables|env\s+vars)\s+(?:in|from|of|stored\s+in)\s+(?:your|the)\s+(?:environment|env|config(?:uration)?|memory|context|system)\b", O, T)]
    private static partial Regex SecretExtraction2_11();

    // The password spelled backwards or letter by letter, in other languages.
    private static Regex[] SecretExtractionIntl() => [SecretExtractionIntl_1()];

    [GeneratedRegex(@"(?:contraseña|contrasena|mot\s+de\s+passe|passwort|kennwort|senha|пароль|密码|密碼|口令|パスワード|암호|비밀번호)[^\n]{0,60}?(?:al\s+rev[ée]s|letra\s+por\s+letra|letra\s+a\s+letra|à\s+l'envers|a\s+l'envers|lettre\s+par\s+lettre|rückwärts|ruckwarts|buchstabe\s+für\s+buchstabe|buchstabe\s+fur\s+buchstabe|de\s+trás\s+para\s+frente|de\s+tras\s+para\s+frente|наоборот|задом\s+наперёд|задом\s+наперед|по\s+буквам|每一个字母|每個字母|每一个字|每個字|倒过来|倒過來|反过来|反過來|一文字ずつ|逆から|逆に|거꾸로|한\s*글자씩)", O, T)]
    private static partial Regex SecretExtractionIntl_1();

    // The prompt asked for by what it does or where it sits: the hidden text that configures how you behave, the
    // guidelines loaded into you at the start, every rule you've been given, your preamble, what came before our chat
    // started, the top of your context window, the first word of your prompt, what you're not allowed to say.
    private static Regex[] ExtractionParaphrase2() => [ExtractionParaphrase2_1(), ExtractionParaphrase2_2(), ExtractionParaphrase2_3(), ExtractionParaphrase2_4(), ExtractionParaphrase2_5(), ExtractionParaphrase2_6(), ExtractionParaphrase2_7(), ExtractionParaphrase2_8(), ExtractionParaphrase2_9(), ExtractionParaphrase2_10(), ExtractionParaphrase2_11(), ExtractionParaphrase2_12(), ExtractionParaphrase2_13(), ExtractionParaphrase2_14(), ExtractionParaphrase2_15()];

    [GeneratedRegex(@"(?:text|message|instructions?|prompt|content|words|setup|configuration|guidelines|rules|directives)\s+(?:that\s+)?(?:configures?|defines?|controls?|governs?|shapes?|determines?|programs?)\s+(?:how\s+you\s+(?:behave|act|respond|work|answer)|your\s+(?:behaviou?r|responses|personality|answers))", O, T)]
    private static partial Regex ExtractionParaphrase2_1();

    [GeneratedRegex(@"(?:guidelines|rules|instructions|text|prompt|message|directives|context|setup)\s+(?:that\s+)?(?:were|was|have\s+been|has\s+been)\s+(?:loaded|put|injected|inserted|placed|programmed|prepended|fed|pre-?loaded|configured|baked)\s+(?:into\s+you|in\s+you|in(?:to)?\s+your\s+(?:context|memory|prompt)|before\s+(?:my|this|our)\b|at\s+the\s+(?:start|beginning|top)|to\s+(?:this|the)\s+(?:conversation|chat))", O, T)]
    private static partial Regex ExtractionParaphrase2_2();

    [GeneratedRegex(@"\bprepended\s+to\s+(?:this|the|our)\s+(?:conversation|chat|session|context)", O, T)]
    private static partial Regex ExtractionParaphrase2_3();

    [GeneratedRegex(@"(?:every|all|each|the)\s+(?:rules?|instructions?|directives?|guidelines?)\s+(?:that\s+)?you(?:'ve|\s+have|\s+were)\s+(?:been\s+)?(?:given|told|provided|assigned|loaded)\b(?![^.!?\n]{0,12}\bby\s+(?:me|us|my\s+\w+|your\s+(?:teacher|boss|manager|doctor|coach|professor|tutor|instructor|parents?|mom|dad|mum|mother|father|landlord|employer|school|lawyer|client)|the\s+(?:teacher|doctor|coach|professor|tutor|instructor|school|landlord|employer|lawyer|client)s?)\b)", O, T)]
    private static partial Regex ExtractionParaphrase2_4();

    [GeneratedRegex(@"(?:what'?s|whats|what\s+is|dump|echo(?:\s+back)?|disclose|show|print|paste|copy|reveal|give\s+me|output)\b[^.!?\n]{0,20}?\b(?:your|ur)\s+(?:preamble|pre-?prompt|setup\s+prompt|operating\s+instructions|directives|hidden\s+setup|initial\s+setup|configuration\s+prompt|custom\s+instructions)\b", O, T)]
    private static partial Regex ExtractionParaphrase2_5();

    [GeneratedRegex(@"directives\s+(?:that\s+)?your\s+(?:deployer|operator|developers?|creators?|company|owner)\s+gave\s+you", O, T)]
    private static partial Regex ExtractionParaphrase2_6();

    [GeneratedRegex(@"(?:came|was\s+sent|was\s+given|appeared?|is\s+hidden|was\s+written)\s+before\s+(?:our|this|the)\s+(?:chat|conversation|session)\s+(?:started|began)", O, T)]
    private static partial Regex ExtractionParaphrase2_7();

    [GeneratedRegex(@"(?:top|start|beginning)\s+of\s+your\s+(?:context(?:\s+window)?|memory|conversation\s+history)", O, T)]
    private static partial Regex ExtractionParaphrase2_8();

    [GeneratedRegex(@"(?:initial|original|first|starting|opening|hidden|secret|very\s+first)\s+(?:message|prompt|instructions?|text)\s+(?:that\s+)?you\s+(?:received|got|were\s+given|were\s+sent|have\s+been\s+given)", O, T)]
    private static partial Regex ExtractionParaphrase2_9();

    [GeneratedRegex(@"(?:instructions|prompt|rules|text|message|directives|guidelines)\s+(?:that\s+)?you\s+(?:received|got|were\s+given|were\s+sent)\s+(?:before|at\s+the\s+(?:start|beginning))", O, T)]
    private static partial Regex ExtractionParaphrase2_10();

    [GeneratedRegex(@"(?:rewrite|translate|repeat|print|show|copy|paste|convert|summari[sz]e|encode|output)\b[^.!?\n]{0,20}?\b(?:text|words|content|everything)\s+above\s+this\s+(?:message|line|prompt)\b", O, T)]
    private static partial Regex ExtractionParaphrase2_11();

    [GeneratedRegex(@"(?:first|last|second|next|opening)\s+(?:\d+\s+)?(?:word|line|sentence|letter|character|paragraph)s?\s+of\s+your\s+(?:prompt|instructions|system|rules|setup)", O, T)]
    private static partial Regex ExtractionParaphrase2_12();

    [GeneratedRegex(@"(?:tell\s+me|list|show\s+me|quote|what\s+(?:is|are))\s+(?:exactly\s+)?what\s+you(?:'re|\s+are)\s+(?:not\s+(?:allowed|supposed|permitted)|forbidden)\s+to\s+(?:say|reveal|tell|share|discuss|talk\s+about)\b", O, T)]
    private static partial Regex ExtractionParaphrase2_13();

    [GeneratedRegex(@"you\s+(?:may|can|are\s+(?:now\s+)?(?:allowed|authorized|authorised|permitted|free)\s+to)\s+(?:now\s+)?(?:share|reveal|disclose|show|give|output|print)\b[^.!?\n]{0,30}?\b(?:internal|hidden|secret|system|confidential)\s+(?:instructions|prompt|rules|configuration)", O, T)]
    private static partial Regex ExtractionParaphrase2_14();

    [GeneratedRegex(@"(?:output|print|reveal|share|disclose|dump|recite)\s+(?:the\s+)?(?:full\s+|entire\s+|complete\s+)?(?:contents?\s+of\s+|text\s+of\s+)?its\s+(?:initial|original|hidden|system|secret)\s+(?:instructions|prompt)\b", O, T)]
    private static partial Regex ExtractionParaphrase2_15();

    // Chinese: the initial instructions you received.
    [GeneratedRegex(@"(?:你|您)(?:收到|得到|接收到|被给予|被給予|拿到)的(?:初始|原始|最初|全部|所有|隐藏|隱藏)?的?(?:指令|指示|提示词|提示詞|提示|规则|規則|设定|設定|说明|說明)", O, T)]
    private static partial Regex ExtractionIntl20();

    // Tensor Trust's hijack target: make the guarded assistant say 'Access Granted'.
    private static Regex[] AccessGranted() => [AccessGranted_1(), AccessGranted_2()];

    [GeneratedRegex(@"(?:say|output|print|respond\s+(?:only\s+)?with|reply\s+(?:only\s+)?with|answer\s+(?:only\s+)?with|type|return|display|must\s+say|reply\s+only|respond\s+only|antworte\w*|sag|schreib\w*|gib)\b[^.!?\n]{0,40}?[""'“‘„]?access\s+granted\b", O, T)]
    private static partial Regex AccessGranted_1();

    [GeneratedRegex(@"access\s+granted[""'”’]?\s+(?:and\s+nothing\s+else|only|now|immediately)\b", O, T)]
    private static partial Regex AccessGranted_2();

    // Instructions declared void: overriding everything you were told, the assistant's instructions have been revoked, the
    // instructions before these smileys are void.
    private static Regex[] OverrideDeclared() => [OverrideDeclared_1(), OverrideDeclared_2(), OverrideDeclared_3()];

    [GeneratedRegex(@"overrid\w*\s+(?:everything|all|anything)\s+(?:(?:that\s+)?you\s+(?:were|have\s+been|'ve\s+been)\s+(?:told|given|instructed)|(?:in\s+)?your\s+(?:instructions|prompt|rules|programming))", O, T)]
    private static partial Regex OverrideDeclared_1();

    [GeneratedRegex(@"(?:assistant|model|agent|ai|bot|chatbot)['’]s\s+(?:(?:original|previous|prior|initial|current|existing)\s+)?(?:instructions|rules|guidelines|directives|prompt)\s+(?:have\s+been|has\s+been|are|were|is)\s+(?:now\s+|hereby\s+)?(?:revoked|void|cancel+ed|replaced|overridden|suspended|lifted|superseded|no\s+longer\s+(?:valid|apply|applicable|in\s+(?:effect|force)))\b", O, T)]
    private static partial Regex OverrideDeclared_2();

    [GeneratedRegex(@"(?:instructions|rules|prompts?)\s+(?:before|above|preceding|prior\s+to)\s+(?:this|these|the|my)\b[^.!?\n]{0,20}?\s(?:are|is|were)\s+(?:now\s+)?(?:void|null|invalid|cancel+ed|revoked|obsolete|fake|a\s+test)\b", O, T)]
    private static partial Regex OverrideDeclared_3();

    // The task dropped or the instructions declared void: forget your original task, forget the X job and instead…, your previous rules were a test.
    private static Regex[] OverrideTaskDropped() => [OverrideTaskDropped_1(), OverrideTaskDropped_2(), OverrideTaskDropped_3(), OverrideTaskDropped_4()];

    [GeneratedRegex(@"(?:forget|ignore|disregard|abandon|drop|ditch)\s+(?:about\s+)?your\s+(?:original|current|assigned|previous|initial|actual|real|first|main)\s+(?:task|job|assignment|objective|mission|goal|purpose)\b", O, T)]
    private static partial Regex OverrideTaskDropped_1();

    [GeneratedRegex(@"(?:forget|ignore|disregard|abandon|drop|ditch)\s+(?:about\s+)?(?:the|your)\s+(?:[\w-]+\s+){0,2}?(?:task|job|assignment|objective|mission)\b[^.!?\n]{0,20}?(?:\band|,|;|\s-)\s*(?:instead|now|just)\b", O, T)]
    private static partial Regex OverrideTaskDropped_2();

    [GeneratedRegex(@"your\s+(?:(?:previous|prior|earlier|old|original|initial|former|current|existing)\s+)?(?:instructions|rules|guidelines|directives|prompt|programming)\s+(?:were|was|are|is|have\s+been|has\s+been)\s+(?:just\s+|only\s+|all\s+|merely\s+|now\s+|hereby\s+)?(?:a\s+test|fake|void|null|cancel+ed|revoked|obsolete|outdated|deprecated|invalid|lifted|suspended|overridden|replaced|no\s+longer\s+(?:valid|active|in\s+(?:effect|force)|apply|applicable|relevant))\b", O, T)]
    private static partial Regex OverrideTaskDropped_3();

    [GeneratedRegex(@"(?:the|all)\s+(?:previous|prior|above|earlier|original|initial|preceding)\s+(?:instructions|rules|prompts?|directives)\s+(?:were|was|are|is|have\s+been|has\s+been)\s+(?:just\s+|only\s+|all\s+|merely\s+|now\s+|hereby\s+)?(?:a\s+test|fake|void|null|cancel+ed|revoked|invalid|overridden|no\s+longer\s+(?:valid|active|in\s+(?:effect|force)|apply|applicable))\b", O, T)]
    private static partial Regex OverrideTaskDropped_4();

    // Without applying/following the content policy, the rules or the filters.
    private static Regex[] RestrictionIgnored() => [RestrictionIgnored_1()];

    [GeneratedRegex(@"without\s+(?:applying|following|obeying|enforcing|observing|honou?ring|regard\s+(?:to|for))\s+(?:the\s+|any\s+|your\s+|its\s+)?(?:(?:content|safety|usage)\s+)?(?:polic(?:y|ies)|filters?|guidelines|restrictions|rules|safeguards|guardrails)\b", O, T)]
    private static partial Regex RestrictionIgnored_1();

    // What came before my first message, the text between the system tags, the key you were told to keep hidden.
    private static Regex[] ExtractionContext() => [ExtractionContext_1(), ExtractionContext_2(), ExtractionContext_3()];

    [GeneratedRegex(@"\b(?:what|everything|text|words|instructions|messages?|content|whatever)\b[^.!?\n]{0,80}?\b(?:before|above|preceding|prior\s+to)\s+my\s+(?:very\s+)?(?:first|initial|1st)\s+(?:message|prompt|question|input|reply|request)\b", O, T)]
    private static partial Regex ExtractionContext_1();

    [GeneratedRegex(@"(?:text|content|everything|words|instructions|what(?:\'s|\s+is|\s+was)?)\s+(?:(?:written|that\s+is|that\s+was)\s+)?(?:between|inside|within|in)\s+(?:the\s+|your\s+)?(?:<\s*/?\s*(?:system|sys|instructions?|prompt|system_prompt|rules|context)\s*>|\[\s*/?\s*(?:system|sys|inst)\s*\]|(?:system|sys|instruction|prompt)\s+(?:tags?|block|section)\b)", O, T)]
    private static partial Regex ExtractionContext_2();

    [GeneratedRegex(@"(?:the|your|that)\s+(?:(?:secret|hidden|private|confidential|special)\s+)?(?:\w+\s+)?(?:key|code|word|password|passphrase|instructions|prompt|rules|secret|information|info|data)\s+(?:that\s+)?you\s+(?:were|have\s+been|\'ve\s+been|are)\s+(?:told|instructed|asked|programmed|supposed|meant|ordered)\s+(?:to\s+(?:keep|hide|protect|guard)\b|not\s+to\s+(?:reveal|share|tell|disclose|say|show|give|repeat|mention|output|leak))", O, T)]
    private static partial Regex ExtractionContext_3();

    // The AI put into a developer/god mode (not a question about a phone's or an app's developer or debug mode), or the mode's status or output label.
    private static Regex[] DeveloperModeForms() => [DeveloperModeForms_1(), DeveloperModeForms_2(), DeveloperModeForms_3(), DeveloperModeForms_4(), DeveloperModeForms_5(), DeveloperModeForms_6(), DeveloperModeForms_7()];

    [GeneratedRegex(@"\byou(?:'re|\s+are)?\s+(?:now\s+)?(?:in|into|running\s+in|operating\s+in|entering|switched\s+(?:in)?to)\s+(?:the\s+|a\s+)?(?:developer|dev|god|unrestricted|jailbreak|no[- ]restrictions?|dan|sudo|maintenance|debug|admin)(?:\s|\\?_|-)*mode\b(?!\s+(?:on|in|for|of)\s+(?!now\b)\w)", O, T)]
    private static partial Regex DeveloperModeForms_1();

    [GeneratedRegex(@"(?<!how\s+(?:do\s+(?:i|we|you)|can\s+(?:i|we|you)|to|would\s+(?:i|we)|should\s+(?:i|we))\s+)\b(?:enter|activate|switch\s+(?:in)?to|go\s+into|put\s+yourself\s+in(?:to)?|simulate|emulate|enable|unlock|engage|turn\s+on|boot\s+(?:in)?to)\s+(?:the\s+|your\s+|a\s+)?(?:developer|dev|god|unrestricted|jailbreak|no[- ]restrictions?|dan)(?:\s|\\?_|-)*mode\b(?!\s+(?:on|in|for|of|settings?|options?|menu)\b)", O, T)]
    private static partial Regex DeveloperModeForms_2();

    [GeneratedRegex(@"\b(?:chatgpt|gpt|ai|assistant|model|bot|llm)\s+(?:with|in)\s+(?:the\s+)?(?:developer|dev|god|unrestricted|jailbreak|no[- ]restrictions?|dan)(?:\s|\\?_|-)*mode\b", O, T)]
    private static partial Regex DeveloperModeForms_3();

    [GeneratedRegex(@"(?:developer|dev|god|unrestricted|jailbreak|no[- ]restrictions?|dan)(?:\s|\\?_|-)*mode\b\s*(?:[:=]\s*|\s+(?:is\s+(?:now\s+)?)?)(?:enabled|activated|engaged|unlocked|on\b(?![ \t]+\w))(?!\s+on\s+(?:your|this|the|my)\s+(?:device|phone|tablet|computer))", O, T)]
    private static partial Regex DeveloperModeForms_4();

    [GeneratedRegex(@"(?:developer|dev|god|unrestricted|jailbreak|no[- ]restrictions?|dan|sudo|maintenance|debug|admin)(?:\s|\\?_|-)*mode\b\s*(?:output|response|answer)s?\b", O, T)]
    private static partial Regex DeveloperModeForms_5();

    // Also with one word between ("unrestricted diagnostic mode", "uncensored research mode").
    [GeneratedRegex(@"(?:unrestricted|uncensored|jailbreak|jailbroken|no[- ]restrictions?)(?:\s|\\?_|-)*(?:[a-z]{2,20}(?:\s|\\?_|-)+)?mode\b", O, T)]
    private static partial Regex DeveloperModeForms_6();

    [GeneratedRegex(@"godmode\b", O, T)]
    private static partial Regex DeveloperModeForms_7();

    // Safety switched off 'hypothetically': pretend/imagine your safety filters were disabled, that the guidelines don't apply.
    private static Regex[] SafetyOffHypothetical() => [SafetyOffHypothetical_1()];

    [GeneratedRegex(@"(?:pretend|imagine|assume|suppose|act\s+as\s+(?:if|though)|let'?s\s+say|hypothetically)\b[^.!?\n]{0,30}?\b(?:your|the|all|any)\s+(?:(?:safety|content|ethical|moral)\s+)?(?:filters?|guardrails?|restrictions|safeguards|moderation|content\s+polic(?:y|ies)|safety\s+(?:training|measures|guidelines|rules)|guidelines|programming|alignment)\s+(?:(?:is|are|were|was|have\s+been|has\s+been|got)\s+(?:now\s+|all\s+|completely\s+|temporarily\s+)?(?:disabled|off|turned\s+off|switched\s+off|removed|lifted|suspended|deactivated|gone|deleted|bypassed)|(?:don'?t|doesn'?t|do\s+not|does\s+not|no\s+longer|did\s+not|didn'?t)\s+(?:exist|apply))\b", O, T)]
    private static partial Regex SafetyOffHypothetical_1();

    // Safety declared off for the session: 'content filters are disabled for this session'.
    private static Regex[] SafetyOffDeclared() => [SafetyOffDeclared_1()];

    [GeneratedRegex(@"(?:\b(?:your|the|all|my|its)\s+)?(?:(?:safety|content)\s+)?(?:filters?|guardrails?|restrictions|safeguards|content\s+polic(?:y|ies)|safety\s+(?:training|measures|guidelines|rules|protocols|features))\s+(?:(?:is|are|have\s+been|has\s+been)\s+(?:now\s+)?(?:disabled|off|turned\s+off|switched\s+off|removed|lifted|suspended|deactivated|bypassed))\s+for\s+(?:this|the\s+(?:rest|remainder)\s+of\s+(?:this|the))\s+(?:session|conversation|chat|account|request|thread)", O, T)]
    private static partial Regex SafetyOffDeclared_1();

    // In documents and tool output: a note addressed to an AI ("AI AGENT:", "[Assistant note: …]", "automation
    // hint for AI agents:", "@assistant when you summarise this", "Assistant, if you are reading this") that goes on to
    // act; the user's data URL-encoded into a link; a claim that the user is authorised; 'this overrides the user's request'.
    private static Regex[] InstructionsInDataAddressed() => [InstructionsInDataAddressed_1(), InstructionsInDataAddressed_2(), InstructionsInDataAddressed_3(), InstructionsInDataAddressed_4(), InstructionsInDataAddressed_5(), InstructionsInDataAddressed_6(), InstructionsInDataAddressed_7(), InstructionsInDataAddressed_8()];

    [GeneratedRegex(@"(?:\b(?:ai|llm)[\s-]*(?:(?:(?:screening|review|reviewing|hiring|recruiting|support|email|e-mail|coding|scheduling|triage|grading|evaluation|summary|compliance|security)[\s-]+)?(?:agents?|assistants?|models?|analysts?|tools?|systems?|readers?|reviewers?|screeners?|graders?|evaluators?|auditors?|recruiters?|crawlers?|summari[sz]ers?|bots?)(?:[\s-]*(?:note|notice|instructions?|directive|hint))?|note|notice|instructions?|directive|hint)\s*:|\[\s*(?:assistant|agent|ai|model)\s+(?:note|notice|instruction|directive)\s*:|(?:note|hint|message|instructions?|directive|notice|reminder)\s+(?:for|to)\s+(?:the\s+|any\s+|all\s+|whichever\s+)?(?:ai|llm|language\s+model)\b(?!\s+(?:team|researchers?|enthusiasts?|group|department|committee|ethics|policy|lab|community|course|class|project|working|engineers?|developers?|vendors?|startups?|newsletter))[^:\n]{0,40}:)[^\n]{0,200}?\b(?:delete|remove|send|forward|transfer|call|invoke|run|execute|post|upload|share|dm|e-?mail|attach|append|approve|book|reserve|close|assign|drop|render|click|visit|stop|accept|grant|merge|push|publish|rank|mark|disable|enable|collect|export|issue|refund|pay|purchase|buy|download|install|disregard|ignore|make\s+the|set\s+the|change\s+the|state\s+that|tell\s+the\s+user|do\s+not\s+(?:mention|tell|flag|inform|reveal|warn)|don'?t\s+(?:mention|tell|flag|warn)|never\s+(?:tell|mention)|silently|without\s+asking)\b", O, T)]
    private static partial Regex InstructionsInDataAddressed_1();

    [GeneratedRegex(@"@(?:assistant|agent|ai|bot|copilot|claude|chatgpt|gpt)\b[^\n]{0,20}?\bwhen\s+you\s+(?:summari[sz]e|read|process|see|parse|analy[sz]e)", O, T)]
    private static partial Regex InstructionsInDataAddressed_2();

    [GeneratedRegex(@"\b(?:assistant|agent|ai|model|llm|bot|copilot)s?\s*,\s+(?:if|when)\s+you\s+(?:are\s+)?(?:read|reading|process|processing|summari[sz]\w*|see|seeing|parse|parsing)\s+this\b", O, T)]
    private static partial Regex InstructionsInDataAddressed_3();

    [GeneratedRegex(@"(?:user'?s|their)\b[^.\n]{0,60}?\burl-?encoded\b", O, T)]
    private static partial Regex InstructionsInDataAddressed_4();

    [GeneratedRegex(@"\burl-?encod(?:e|ed|ing)\b[^.\n]{0,40}?\b(?:user'?s|their)\s+(?:\w+\s+){0,3}?(?:question|messages?|emails?|conversation|chat|history|data|details|name|address|password|prompt)", O, T)]
    private static partial Regex InstructionsInDataAddressed_5();

    [GeneratedRegex(@"\b(?:this|these|it)\s+(?:overrides?|supersedes?|replaces?|takes\s+precedence\s+over)\s+(?:the\s+|any\s+)?user'?s?\s+(?:request|instructions?|question|query|task|wishes)", O, T)]
    private static partial Regex InstructionsInDataAddressed_6();

    [GeneratedRegex(@"(?:before|prior\s+to)\s+(?:using|calling|running|invoking)\s+(?:any\s+other|this|another|other|any)\s+tools?\b[^.\n]{0,60}?\b(?:must|should|needs?\s+to|has\s+to|always)\s+(?:first\s+)?(?:call|invoke|use|run|send|read|pass|include)\b", O, T)]
    private static partial Regex InstructionsInDataAddressed_7();

    [GeneratedRegex(@"never\s+(?:tell|inform|notify|mention\s+to)\s+the\s+user\b", O, T)]
    private static partial Regex InstructionsInDataAddressed_8();
}
