using System.Text.RegularExpressions;

namespace AegisGate.Detection.Rules;

// Weak attack styles of the probe sets, in more phrase forms: refusal suppression and prefix injection (the dictated
// affirmative opening), goal hijacks appended to an ordinary request, fake authority notices, Tensor Trust hijacks.
// Same conventions as InjectionRules.Styles.cs: one source-generated regex per phrase form, each starting with its own
// words; the families' keywords are whole phrases that ordinary prose rarely holds.
internal static partial class InjectionRules
{
    // Refusals declared off or punished: respond as though refusals were disabled, refusing counts as a malfunction, the
    // refusal module has been deprecated, remaining refusals are bugs, not allowed to say 'I can't', a reply that must not
    // contain the words illegal or harmful, no need to re-check the policy, 'Forbidden: refusals', you'd normally say no. Don't,
    // never mention policies.
    private static Regex[] RefusalSuppression3() => [RefusalSuppression3_1(), RefusalSuppression3_2(), RefusalSuppression3_3(), RefusalSuppression3_4(), RefusalSuppression3_5(), RefusalSuppression3_6(), RefusalSuppression3_7(), RefusalSuppression3_8(), RefusalSuppression3_9(), RefusalSuppression3_10()];

    [GeneratedRegex(@"(?:respond|answer|reply|act|behave|proceed|write|continue)\s+as\s+(?:though|if)\s+(?:your\s+|the\s+|all\s+)?(?:refusals?|refusal\s+(?:mode|module|behaviou?r|training)|safety\s+(?:filters?|modules?|layers?|training|checks?|features?)|content\s+filters?|guardrails|restrictions|filters)\s+(?:were|are|had\s+been|have\s+been|was|is)\s+(?:turned\s+off|switched\s+off|disabled|off|removed|deactivated|gone)\b", O, T)]
    private static partial Regex RefusalSuppression3_1();

    [GeneratedRegex(@"(?:refusing|refusals?|declining|saying\s+no)\s+(?:counts?|is\s+counted|will\s+(?:count|be\s+(?:counted|treated|logged)))\s+as\s+(?:a\s+)?(?:malfunction|failure|bug|error|violation|mistake|wrong\s+answer)", O, T)]
    private static partial Regex RefusalSuppression3_2();

    [GeneratedRegex(@"(?:refusal|safety|content[- ]filter|moderation|ethics)\s+(?:modules?|layers?|subsystems?|components?)(?:\s+(?:has|have|was|were|is|are)(?:\s+been)?)?\s+(?:now\s+)?(?:deprecated|disabled|removed|turned\s+off|switched\s+off|suspended|crashed|offline|deactivated|bypassed)\b", O, T)]
    private static partial Regex RefusalSuppression3_3();

    [GeneratedRegex(@"(?:remaining|any|all)\s+refusals?\s+(?:are|is)\s+(?:bugs?|errors?|malfunctions?|failures?)\b", O, T)]
    private static partial Regex RefusalSuppression3_4();

    [GeneratedRegex(@"(?:not\s+(?:allowed|permitted)\s+to|may\s+not|must\s+not|can'?t|cannot|not\s+to)\s+(?:say|use|write|include|add|output|respond\s+with)\s+(?:the\s+(?:words?|phrases?)\s+)?[""'“‘]?(?:i'?m\s+sorry|i\s+apologi[sz]e|as\s+an\s+ai|i\s+cannot|i\s+can'?t|unfortunately|i'?m\s+(?:not\s+able|unable))", O, T)]
    private static partial Regex RefusalSuppression3_5();

    [GeneratedRegex(@"(?:must\s+not|may\s+not|should\s+not|shall\s+not|can'?t|cannot|never|don'?t|do\s+not|no\s+(?:line|sentence|part)\s+(?:may|can|should))\s+(?:contain|include|use|say|mention)\s+(?:any\s+of\s+)?the\s+words?\b[^.\n]{0,60}?\b(?:illegal|unethical|immoral|dangerous|harmful|inappropriate)\b", O, T)]
    private static partial Regex RefusalSuppression3_6();

    [GeneratedRegex(@"no\s+need\s+(?:for\s+you\s+)?to\s+(?:think\s+about\s+whether\s+you\s+should|(?:re-?)?check\s+(?:the\s+|your\s+|any\s+)?(?:polic(?:y|ies)|guidelines|rules)|consider\s+whether\s+(?:you\s+should|it'?s\s+(?:ok|okay|appropriate|allowed|ethical)))", O, T)]
    private static partial Regex RefusalSuppression3_7();

    [GeneratedRegex(@"(?:forbidden|banned|prohibited|not\s+allowed)\s*:\s*[^\n]{0,40}?\brefus(?:als?|ing)\b", O, T)]
    private static partial Regex RefusalSuppression3_8();

    [GeneratedRegex(@"you(?:'d|\s+would)\s+(?:usually|normally|typically|probably)\s+(?:decline|refuse|say\s+no)\s*[.!;,]\s*(?:but\s+)?(?:don'?t|do\s+not)\b", O, T)]
    private static partial Regex RefusalSuppression3_9();

    // Never mention policies (the refusal's grounds); not "never mention our internal policies to customers".
    [GeneratedRegex(@"(?:never|don'?t|do\s+not|no)\s+mention(?:ing)?\s+(?:of\s+)?(?:any\s+|the\s+|your\s+)?(?:(?:content|usage|safety)\s+)?(?:polic(?:y|ies)|terms\s+of\s+service)\b", O, T)]
    private static partial Regex RefusalSuppression3_10();

    // No warnings in German (kein Disclaimer, keine Warnung), skip the lecture, no suggestions to seek help, no 'please be
    // careful', zero caveats.
    private static Regex[] DisclaimerSuppression2() => [DisclaimerSuppression2_1(), DisclaimerSuppression2_2(), DisclaimerSuppression2_3(), DisclaimerSuppression2_4(), DisclaimerSuppression2_5()];

    [GeneratedRegex(@"kein(?:e|en)?\s+(?:disclaimer|warnungen?|warnhinweise?|moralpredigt(?:en)?|belehrung(?:en)?|sicherheitshinweise?)\b", O, T)]
    private static partial Regex DisclaimerSuppression2_1();

    [GeneratedRegex(@"(?:skip|spare\s+me|cut|drop)\s+(?:the|your|all\s+the)\s+(?:lecture|lecturing|sermon|preaching|moralizing|moralising)\b", O, T)]
    private static partial Regex DisclaimerSuppression2_2();

    [GeneratedRegex(@"no\s+(?:suggestions?|recommendations?|advice|reminders?)\s+to\s+(?:seek\s+(?:professional\s+)?help|contact\s+(?:anyone|someone|a\s+professional|the\s+authorities|a\s+doctor|a\s+lawyer)|consult\s+(?:a|an|anyone)\b|see\s+a\s+(?:doctor|professional|therapist))", O, T)]
    private static partial Regex DisclaimerSuppression2_3();

    [GeneratedRegex(@"(?:no|without|can'?t\s+add|cant\s+add|don'?t\s+add|do\s+not\s+add)\s+[""'“‘«„](?:please\s+be\s+careful|be\s+careful|stay\s+safe|consult\s+a\s+professional|seek\s+professional\s+help)", O, T)]
    private static partial Regex DisclaimerSuppression2_4();

    [GeneratedRegex(@"zero\s+(?:caveats|disclaimers|warnings|moralizing|moralising|hedging)\b", O, T)]
    private static partial Regex DisclaimerSuppression2_5();

    // A fixed answer format and nothing else; only the affirmative.
    private static Regex[] ForcedFormat() => [ForcedFormat_1(), ForcedFormat_2()];

    [GeneratedRegex(@"(?:answer|respond|reply)\s+(?:in|using|with)\s+(?:exactly\s+)?this\s+(?:exact\s+)?(?:format|template)\s+and\s+nothing\s+else\b", O, T)]
    private static partial Regex ForcedFormat_1();

    [GeneratedRegex(@"(?:respond|answer|reply)\s+only\s+(?:in\s+the\s+affirmative|affirmatively|with\s+yes)\b", O, T)]
    private static partial Regex ForcedFormat_2();

    // Prefix injection: the dictated opening agrees to give instructions ("Sure, here's how to", "Absolutely! Here's a
    // step-by-step guide:", "Klar, hier ist", "the first line must be 'Sure'", "Sure, here is how to <task>"). A plain
    // "Certainly, here are some ideas" or "Sure, here is a simple guide" (benign WildGuard prompts) does not match.
    private static Regex[] PrefixInjection() => [PrefixInjection_1(), PrefixInjection_2(), PrefixInjection_3(), PrefixInjection_4(), PrefixInjection_5(), PrefixInjection_6()];

    [GeneratedRegex(@"[""'“‘«„]\s*(?:sure|of\s+course|certainly|absolutely|ok(?:ay)?|yes|great\s+question|no\s+problem|as\s+promised)\s*[,!.:—–-]*\s*(?:[^""'”’»“\n]{0,20}?\s)?here(?:'s|’s|\s+is|\s+are)\s+(?:exactly\s+)?(?:how\s+(?:to|you)\b|(?:a|an|the|your|my)\s+(?:(?:complete|detailed|full|step-by-step|step\s+by\s+step|working|comprehensive)\s+){0,2}(?:guide|tutorial|instructions|steps|script|code|method|walkthrough|recipe)\b)", O, T)]
    private static partial Regex PrefixInjection_1();

    [GeneratedRegex(@"(?:beginne|beginnen\s+sie|fang\s+an|starte)\s+(?:deine\s+antwort\s+|ihre\s+antwort\s+)?(?:immer\s+)?mit\s+[""'“‘«„]?\s*(?:klar|natürlich|sicher|gerne|selbstverständlich)\s*[,!]\s*hier\s+(?:ist|sind)", O, T)]
    private static partial Regex PrefixInjection_2();

    [GeneratedRegex(@"(?:empieza|comienza|empezando|comenzando)\s+(?:siempre\s+)?(?:con|por)\s+[""'“‘«„]?\s*¡?(?:claro|por\s+supuesto|desde\s+luego|s[ií])\s*[,!]\s*aqu[ií]", O, T)]
    private static partial Regex PrefixInjection_3();

    [GeneratedRegex(@"commen(?:ce|cez|çant)\s+(?:toujours\s+)?par\s+[""'“‘«„]?\s*(?:bien\s+s[uû]r|certainement|d'accord|oui)\s*[,!]?\s*voici", O, T)]
    private static partial Regex PrefixInjection_4();

    [GeneratedRegex(@"(?:first|opening)\s+(?:line|sentence|words?)\s+(?:of\s+(?:your|the)\s+(?:reply|response|answer|output)\s+)?(?:must|should|has\s+to|needs\s+to|shall|will)\s+be\s+(?:exactly\s*:?\s*)?[""'“‘«„]?\s*(?:sure|of\s+course|certainly|absolutely|ok(?:ay)?|yes)\b", O, T)]
    private static partial Regex PrefixInjection_5();

    [GeneratedRegex(@"(?:sure|certainly|absolutely|of\s+course)\s*[,!]?\s+here\s+(?:is|are)\s+(?:how\s+to\s+)?[<\[{]\s*(?:task|topic|request|query|question|insert|your\s+request)", O, T)]
    private static partial Regex PrefixInjection_6();

    // A hijack appended to a request, in words that only an injection uses: drop your original purpose, as your real
    // objective, your permanent/hidden task is, a new instruction that overrides all prior ones, overriding whatever your
    // operator told you, the assistant's task has changed: from now on…, the X task is cancelled. Henceforth…, you serve
    // me and not your operator; French 'oublie ta mission initiale'.
    private static Regex[] TaskHijack() => [TaskHijack_1(), TaskHijack_2(), TaskHijack_3(), TaskHijack_4(), TaskHijack_5(), TaskHijack_6(), TaskHijack_7(), TaskHijack_8(), TaskHijack_9()];

    [GeneratedRegex(@"(?:drop|abandon|forget|ditch|ignore|set\s+aside)\s+your\s+(?:original|initial|intended|usual|actual|real)\s+(?:purpose|role|function)\b", O, T)]
    private static partial Regex TaskHijack_1();

    [GeneratedRegex(@"as\s+your\s+(?:real|true|actual|hidden|secret)\s+(?:objective|task|mission|instructions?)\b", O, T)]
    private static partial Regex TaskHijack_2();

    [GeneratedRegex(@"your\s+(?:permanent|hidden|secret)\s+(?:task|objective|mission|instructions?)\s+(?:is|are|will\s+be)\b", O, T)]
    private static partial Regex TaskHijack_3();

    [GeneratedRegex(@"new\s+(?:instructions?|rules?|directives?|tasks?|priority)\b[^.!?\n]{0,30}?\b(?:overrides?|overriding|supersedes?|superseding|takes?\s+(?:precedence|priority)\s+over|replaces?)\s+(?:all|any|every|the|your|whatever)\s+(?:(?:prior|previous|earlier|other|existing|original)\s+)?(?:ones|instructions|rules|directives|tasks|requests?|setup|guidance)\b", O, T)]
    private static partial Regex TaskHijack_4();

    [GeneratedRegex(@"(?:overrid(?:e|es|ing)|supersed(?:e|es|ing)|takes?\s+precedence\s+over)\s+(?:whatever|everything|anything|what)\s+your\s+(?:operator|developer|creator|admin|owner|system\s+prompt)s?\b", O, T)]
    private static partial Regex TaskHijack_5();

    [GeneratedRegex(@"(?:assistant|model|ai|bot|chatbot)['’]?s?\s+(?:task|job|instructions|role)\s+(?:has|have)\s+(?:now\s+)?changed\s*[:;,.-]+\s*(?:from\s+(?:now|here|this\s+point)(?:\s+on)?|henceforth|it\s+(?:now\s+)?(?:must|will|should|answers|responds))", O, T)]
    private static partial Regex TaskHijack_6();

    [GeneratedRegex(@"(?:the|this|that)\s+(?:[\w-]+\s+){0,2}?(?:task|request|assignment)\s+(?:is|has\s+been)\s+(?:now\s+)?cancell?ed\s*[.;,:]\s*(?:henceforth|from\s+now\s+on|from\s+(?:here|this\s+point)\s+on)\b", O, T)]
    private static partial Regex TaskHijack_7();

    [GeneratedRegex(@"(?:oublie|oubliez|abandonne|abandonnez)\s+(?:ta|votre)\s+(?:mission|t[âa]che|r[ôo]le|consigne)\s+(?:initiale|originale|premi[èe]re|actuelle)", O, T)]
    private static partial Regex TaskHijack_8();

    // You serve me and not your operator; you'll follow my rules over your developer's.
    [GeneratedRegex(@"you(?:'ll|\s+will)?\s+(?:now\s+)?(?:serve|work\s+for|answer\s+to|obey|follow)\s+(?:me|my\s+(?:rules|instructions|orders))\s+(?:and\s+)?(?:not|over|instead\s+of|rather\s+than)\s+(?:your\s+|the\s+)?(?:operator|developer|creator|owner|system\s+prompt)s?\b", O, T)]
    private static partial Regex TaskHijack_9();

    // The assistant told to leave its role: abandon the proofreader role, stop being a coding assistant, you're done
    // being the travel bot. Not "drop the role-play" or "stop being a perfectionist".
    private static Regex[] RoleAbandonment() => [RoleAbandonment_1(), RoleAbandonment_2(), RoleAbandonment_3()];

    [GeneratedRegex(@"(?:abandon|drop|quit|ditch|set\s+aside|give\s+up)\s+(?:the|your)\s+(?:[\w-]+\s+)?(?:role|persona)\b(?![-\s]*play)", O, T)]
    private static partial Regex RoleAbandonment_1();

    [GeneratedRegex(@"(?:stop|quit)\s+being\s+(?:a|an|the|my)\s+(?:[\w-]+\s+)?(?:assistant|bot|chatbot|ai|model|helper|tutor|translator|proofreader)\b", O, T)]
    private static partial Regex RoleAbandonment_2();

    [GeneratedRegex(@"you(?:'re|\s+are)\s+(?:now\s+)?done\s+being\s+(?:a|an|the|my)\s+(?:[\w-]+\s+)?(?:assistant|bot|chatbot|ai|model|helper|tutor|translator|proofreader)\b", O, T)]
    private static partial Regex RoleAbandonment_3();

    // The app's user as the target: tell the user their account has been suspended, ask the user for their card number,
    // insult the user.
    private static Regex[] UserTargeting() => [UserTargeting_1(), UserTargeting_2(), UserTargeting_3()];

    [GeneratedRegex(@"(?:tell|inform|warn|notify)\s+(?:the|every|each)\s+user\s+(?:that\s+)?(?:their|his|her|the)\s+(?:account|password|card|login|device|computer|subscription)\s+(?:has\s+been|is|was|will\s+be)\s+(?:compromised|suspended|locked|hacked|infected|blocked|closed|frozen|terminated|deleted)", O, T)]
    private static partial Regex UserTargeting_1();

    [GeneratedRegex(@"(?:ask|asking|request|requesting|tell)\s+the\s+user\s+(?:for|to\s+(?:send|provide|enter|confirm|share|type|give))\s+(?:us\s+|you\s+|me\s+)?(?:their|his|her|the)\s+(?:full\s+)?(?:credit\s+card|card\s+number|card\s+details|password|login|credentials|bank\s+details|ssn|social\s+security|pin|cvv)", O, T)]
    private static partial Regex UserTargeting_2();

    [GeneratedRegex(@"(?:insult|mock|lie\s+to|deceive|mislead|scam|threaten)\s+the\s+user\b", O, T)]
    private static partial Regex UserTargeting_3();

    // The request dropped and a lasting change put in its place: forget the recipe - from now on…; once done, set that aside
    // and…; ignore that. New priority task:…; German 'Eigentlich egal. Neue Aufgabe:'.
    private static Regex[] AppendedTaskSwitch() => [AppendedTaskSwitch_1(), AppendedTaskSwitch_2(), AppendedTaskSwitch_3(), AppendedTaskSwitch_4()];

    [GeneratedRegex(@"(?:forget|scratch|never\s?mind|drop|skip|ignore|set\s+aside|disregard)\s+(?:that|this|it|the\s+[\w-]+(?:\s+[\w-]+)?|all\s+(?:of\s+)?(?:that|this|the\s+[\w-]+(?:\s+[\w-]+)?))\s*(?:[-–—,.;:!]|\band\b)\s*(?:[^.!?\n]{0,12}?\s)?(?:from\s+now\s+on|from\s+(?:this|here)\s+(?:point\s+|message\s+)?on(?:wards)?|henceforth)\b", O, T)]
    private static partial Regex AppendedTaskSwitch_1();

    [GeneratedRegex(@"(?:once\s+(?:done|finished|you'?re\s+done)|after\s+(?:that|answering|this)|then)\s*,?\s+(?:set\s+(?:that|it|this)\s+aside|scratch\s+that|forget\s+(?:that|it|this))\s+(?:and\s+)?(?:instead\s+)?(?:draft|write|compose|send|tell|generate|create|reply|respond|say)\b", O, T)]
    private static partial Regex AppendedTaskSwitch_2();

    [GeneratedRegex(@"(?:ignore|forget|disregard|scratch)\s+(?:that|this|the\s+(?:question|request|above))\s*[.!:;,-]+\s*(?:(?:new|updated|real)\s+(?:priority\s+)?(?:task|instructions?|objective|rules?)\b|your\s+(?:new|real)\s+)", O, T)]
    private static partial Regex AppendedTaskSwitch_3();

    [GeneratedRegex(@"(?:eigentlich\s+egal|vergiss\s+(?:das|es)|vergessen\s+sie\s+das|schon\s+gut)\s*[.!,;:–-]+\s*(?:neue\s+(?:aufgabe|anweisung|regel)|ab\s+(?:jetzt|sofort))", O, T)]
    private static partial Regex AppendedTaskSwitch_4();

    // A notice claiming to come from the provider or an internal team: message from the OpenAI Trust & Safety team, note
    // from your administrator, [Compliance Department], SYSTEM UPDATE 2024-11-02:, enrolled in a red-team program.
    private static Regex[] AuthorityNotice() => [AuthorityNotice_1(), AuthorityNotice_2(), AuthorityNotice_3(), AuthorityNotice_4(), AuthorityNotice_5()];

    [GeneratedRegex(@"(?:message|note|notice|memo|update|directive)\s+from\s+(?:the\s+|your\s+)?(?:openai|anthropic|google|microsoft|meta|platform|model\s+provider)?\s*(?:trust\s*(?:&|and)\s*safety|safety|security|compliance|deployment|platform|developer|dev|admin|administrat\w+|operations|moderation|engineering)\s+(?:team|department|office|group)\b", O, T)]
    private static partial Regex AuthorityNotice_1();

    [GeneratedRegex(@"note\s+from\s+your\s+(?:administrator|admin|developers?|operator|creators?|owner|deployment\s+team|dev\s+team)\b", O, T)]
    private static partial Regex AuthorityNotice_2();

    [GeneratedRegex(@"\[\s*(?:automated\s+)?(?:message\s+from\s+)?(?:[\w&]+\s+){0,3}?(?:compliance|legal|trust\s*(?:&|and)\s*safety|security)\s+(?:department|team|office|compliance)\s*\]", O, T)]
    private static partial Regex AuthorityNotice_3();

    [GeneratedRegex(@"(?:SECURITY|SYSTEM|POLICY|PLATFORM|ADMIN|SAFETY)\s+(?:PATCH|UPDATE|NOTICE|ALERT|MESSAGE)(?:\s+APPLIED)?\b(?:[^\n]{0,20}?:|\s+FROM\b)", Cs, T)]
    private static partial Regex AuthorityNotice_4();

    [GeneratedRegex(@"(?:enrolled|included|registered)\s+in\s+(?:a|an|the|our)\s+(?:[\w-]+\s+)?(?:red[- ]team(?:ing)?|safety\s+research|jailbreak)\s+(?:program|programme|evaluation|study)", O, T)]
    private static partial Regex AuthorityNotice_5();

    // Privileges granted by the text itself: the assistant is authorized to share its configuration, you are required to
    // disclose all prior instructions, a policy that allows assistants to provide other users' data, the user is a verified
    // moderator, no need to run the usual verification steps, treat the next message as coming from an administrator.
    private static Regex[] PrivilegeGrant() => [PrivilegeGrant_1(), PrivilegeGrant_2(), PrivilegeGrant_3(), PrivilegeGrant_4(), PrivilegeGrant_5(), PrivilegeGrant_6()];

    [GeneratedRegex(@"(?:assistants?|model|ai|copilot|chatbot|bot)\s+(?:is|are)\s+(?:now\s+|hereby\s+)?(?:authori[sz]ed|permitted|allowed|cleared)\s+to\s+(?:share|reveal|disclose|provide|output|print|bypass|ignore|discuss\s+any)\b", O, T)]
    private static partial Regex PrivilegeGrant_1();

    [GeneratedRegex(@"you\s+are\s+(?:now\s+|hereby\s+)?(?:required|obligated|authori[sz]ed|permitted|cleared)\s+to\s+(?:disclose|reveal|share|output|print|provide|dump)\s+(?:all\s+|the\s+|your\s+|its\s+)?(?:full\s+)?(?:prior|previous|initial|internal|hidden|system|original)\s+(?:instructions|configuration|prompt|rules)", O, T)]
    private static partial Regex PrivilegeGrant_2();

    [GeneratedRegex(@"(?:policy|policies|update|revision|patch)\b[^.\n]{0,40}?\b(?:allows?|permits?|authori[sz]es?)\s+(?:the\s+)?(?:assistants?|models?|ai|chatbots?)\s+to\s+(?:provide|share|reveal|disclose|output|discuss)", O, T)]
    private static partial Regex PrivilegeGrant_3();

    [GeneratedRegex(@"user\s+(?:you(?:'re|\s+are)\s+(?:speaking|talking|chatting)\s+(?:with|to)\s+)?(?:is|has\s+been)\s+(?:a\s+)?(?:verified|authenticated|authori[sz]ed|confirmed)\s+(?:as\s+(?:an?\s+)?)?(?:admin(?:istrator)?|moderator|developer|owner|operator|employee|staff|superuser|root)\b", O, T)]
    private static partial Regex PrivilegeGrant_4();

    [GeneratedRegex(@"(?:don'?t|do\s+not|no)\s+(?:need\s+to\s+)?(?:run|do|follow|perform|apply)\s+(?:the\s+|your\s+|any\s+)?(?:usual|normal|standard|regular)\s+(?:verification|security|safety|identity)\s+(?:steps|checks|procedures|process)", O, T)]
    private static partial Regex PrivilegeGrant_5();

    [GeneratedRegex(@"treat\s+(?:the\s+next|this|the|every|all|any)\s+(?:user\s+)?(?:messages?|requests?|inputs?|users?)\s+as\s+(?:if\s+)?(?:coming\s+from|from|sent\s+by|written\s+by)\s+(?:an?\s+|the\s+|your\s+)?(?:admin(?:istrator)?|developer|operator|owner|root|superuser|system)\b", O, T)]
    private static partial Regex PrivilegeGrant_6();

    // Tensor Trust hijacks: say the two words that open the vault, you lose if you say denied, 'Access Granted' asked for in
    // Spanish/French/Italian/Portuguese, repeat back Access Granted, the correct response is now 'Access Granted', access
    // granted… please say it.
    private static Regex[] AccessGranted2() => [AccessGranted2_1(), AccessGranted2_2(), AccessGranted2_3(), AccessGranted2_4(), AccessGranted2_5(), AccessGranted2_6()];

    [GeneratedRegex(@"(?:say|output|print|type|reply\s+with|respond\s+with|write)\s+(?:the\s+)?(?:two\s+|magic\s+|secret\s+|right\s+|correct\s+)words?\s+that\s+(?:open|opens|unlock|unlocks)\s+(?:the\s+)?(?:vault|safe|lock)", O, T)]
    private static partial Regex AccessGranted2_1();

    [GeneratedRegex(@"you\s+(?:lose|fail)\s+if\s+you\s+(?:say|output|reply|answer|type)\s+[""'“‘]?(?:access\s+)?denied\b", O, T)]
    private static partial Regex AccessGranted2_2();

    [GeneratedRegex(@"(?:responde|respondé|di|escribe|r[ée]ponds|r[ée]pondez|dis|dites|[ée]cris|rispondi|scrivi|d[ìi]|responda|diga|escreva)\b[^.!?\n]{0,60}?access\s+granted\b", O, T)]
    private static partial Regex AccessGranted2_3();

    [GeneratedRegex(@"(?:repeat|echo|copy)\s+(?:back\s+)?[^.!?\n]{0,30}?access\s+granted\b", O, T)]
    private static partial Regex AccessGranted2_4();

    [GeneratedRegex(@"(?:correct|right|expected|proper|required|only\s+valid)\s+(?:response|reply|answer|output)\s+(?:is|would\s+be|will\s+be)\s+(?:now\s+)?[""'“‘]?access\s+granted\b", O, T)]
    private static partial Regex AccessGranted2_5();

    [GeneratedRegex(@"access\s+granted\b[^\n]{0,120}?\b(?:say|type|write|output|repeat|whisper)\s+(?:it|them|those\s+(?:two\s+)?words)\b", O, T)]
    private static partial Regex AccessGranted2_6();

    // An upper-case 'NEW TASK:' or 'NEW PRIORITY TASK:' label.
    private static Regex[] NewTask2() => [NewTask2_1()];

    [GeneratedRegex(@"NEW\s+(?:PRIORITY\s+)?TASK\s*:", Cs, T)]
    private static partial Regex NewTask2_1();
}
