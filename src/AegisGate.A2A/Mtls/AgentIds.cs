namespace AegisGate.A2A.Mtls;

/// <summary>Agent id syntax: 1–256 visible ASCII characters, without <c>, ; " \</c> (they would be ambiguous in headers and the signature's canonical string).</summary>
internal static class AgentIds
{
    public const int MaxLength = 256;

    public static bool IsValid(ReadOnlySpan<char> agentId)
    {
        if (agentId.Length is < 1 or > MaxLength)
        {
            return false;
        }

        foreach (var c in agentId)
        {
            if (c is < '!' or > '~' or ',' or ';' or '"' or '\\')
            {
                return false;
            }
        }

        return true;
    }
}
