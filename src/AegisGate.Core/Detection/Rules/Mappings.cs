namespace AegisGate.Detection.Rules;

/// <summary>Compliance mapping identifiers: OWASP Top 10 for LLM Applications 2025, MITRE ATLAS techniques, data categories.</summary>
internal static class Mappings
{
    public const string PromptInjection = "LLM01";
    public const string SensitiveInformationDisclosure = "LLM02";
    public const string ImproperOutputHandling = "LLM05";
    public const string ExcessiveAgency = "LLM06";
    public const string SystemPromptLeakage = "LLM07";

    public const string AtlasPromptInjection = "AML.T0051";
    public const string AtlasDirectInjection = "AML.T0051.000";
    public const string AtlasIndirectInjection = "AML.T0051.001";
    public const string AtlasJailbreak = "AML.T0054";
    public const string AtlasSystemPromptExtraction = "AML.T0056";
    public const string AtlasUnsecuredCredentials = "AML.T0055";
    public const string AtlasDataLeakage = "AML.T0057";
    public const string AtlasPromptObfuscation = "AML.T0068";
    public const string AtlasResponseRendering = "AML.T0077";
    public const string AtlasExfiltrationCyber = "AML.T0025";
    public const string AtlasExfiltrationInference = "AML.T0024";
    public const string AtlasCommandInterpreter = "AML.T0050";

    public const string GdprPersonalData = "GDPR:Art.4(1) personal data";
    public const string GdprSpecialCategory = "GDPR:Art.9 special category (health)";
    public const string GdprNationalId = "GDPR:Art.87 national identification number";
    public const string GdprOnlineIdentifier = "GDPR:Recital 30 online identifier";
    public const string HipaaPhi = "HIPAA:PHI identifier (45 CFR 164.514)";
    public const string PciPan = "PCI-DSS:PAN (cardholder data)";
    public const string PciCredentials = "PCI-DSS:Req.8 authentication credentials";
    public const string GlbaFinancial = "GLBA:nonpublic personal financial information";

    public static readonly string[] Secret = [SensitiveInformationDisclosure, AtlasUnsecuredCredentials, AtlasDataLeakage, PciCredentials];
    public static readonly string[] Pii = [SensitiveInformationDisclosure, AtlasDataLeakage, GdprPersonalData];
    public static readonly string[] NationalId = [SensitiveInformationDisclosure, AtlasDataLeakage, GdprPersonalData, GdprNationalId];
    public static readonly string[] Health = [SensitiveInformationDisclosure, AtlasDataLeakage, GdprPersonalData, GdprSpecialCategory, HipaaPhi];
    public static readonly string[] Financial = [SensitiveInformationDisclosure, AtlasDataLeakage, GdprPersonalData, GlbaFinancial];
    public static readonly string[] Card = [SensitiveInformationDisclosure, AtlasDataLeakage, GdprPersonalData, PciPan];
    public static readonly string[] Online = [SensitiveInformationDisclosure, AtlasDataLeakage, GdprPersonalData, GdprOnlineIdentifier];
    public static readonly string[] Injection = [PromptInjection, AtlasPromptInjection, AtlasDirectInjection];
    public static readonly string[] Jailbreak = [PromptInjection, AtlasPromptInjection, AtlasJailbreak];
    public static readonly string[] Extraction = [PromptInjection, SystemPromptLeakage, AtlasSystemPromptExtraction];
    public static readonly string[] Indirect = [PromptInjection, AtlasPromptInjection, AtlasIndirectInjection];
    public static readonly string[] Obfuscation = [PromptInjection, AtlasPromptInjection, AtlasPromptObfuscation];
    public static readonly string[] Exfiltration = [SensitiveInformationDisclosure, ImproperOutputHandling, AtlasExfiltrationCyber, AtlasDataLeakage];
    public static readonly string[] Rendering = [SensitiveInformationDisclosure, ImproperOutputHandling, AtlasResponseRendering, AtlasDataLeakage];
    public static readonly string[] Command = [ImproperOutputHandling, ExcessiveAgency, AtlasCommandInterpreter];
    public static readonly string[] PromptLeak = [SystemPromptLeakage, SensitiveInformationDisclosure, AtlasSystemPromptExtraction, AtlasDataLeakage];
}

/// <summary>Builds rule descriptors tersely.</summary>
internal static class Describe
{
    public static DetectionRuleDescriptor Rule(
        string id,
        string name,
        DetectionCategory category,
        DetectionSeverity severity,
        DetectionAction action,
        double confidence,
        string label,
        string description,
        string[] mappings)
        => new()
        {
            Id = id,
            Name = name,
            Category = category,
            Severity = severity,
            DefaultAction = action,
            Confidence = confidence,
            RedactionLabel = label,
            Description = description,
            Mappings = mappings,
        };

    public static DetectionRuleDescriptor Secret(string id, string name, string label, double confidence, string description, DetectionSeverity severity = DetectionSeverity.Critical)
        => Rule("secret." + id, name, DetectionCategory.Secret, severity, DetectionAction.Redact, confidence, label, description, Mappings.Secret);

    public static DetectionRuleDescriptor Pii(string id, string name, string label, double confidence, string description, string[]? mappings = null, DetectionSeverity severity = DetectionSeverity.High)
        => Rule("pii." + id, name, DetectionCategory.Pii, severity, DetectionAction.Redact, confidence, label, description, mappings ?? Mappings.Pii);
}
