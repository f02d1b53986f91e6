using System.Security.Cryptography;

namespace AegisGate.A2A.Tests.Support;

/// <summary>Writes a2a.yaml and a2a_caps.yaml for tests. Agent ids are SAN URI suffixes of <see cref="UriPrefix"/>.</summary>
internal sealed class A2ATestFiles
{
    public const string UriPrefix = "spiffe://test.local/agent/";
    public const string SharedKeyId = "shared-1";
    public const string OwnKeyId = "own-1";
    public const string OwnKeyAgent = "agent-own";

    public A2ATestFiles(string directory)
    {
        Directory = directory;
        SharedKey = RandomNumberGenerator.GetBytes(32);
        OwnKey = RandomNumberGenerator.GetBytes(32);
    }

    public string Directory { get; }

    public byte[] SharedKey { get; }

    public byte[] OwnKey { get; }

    public string CaFile => Path.Combine(Directory, "ca.crt.pem");

    public string ConfigPath => Path.Combine(Directory, "a2a.yaml");

    public string CapsPath => Path.Combine(Directory, "a2a_caps.yaml");

    public string PersistencePath => Path.Combine(Directory, "a2a", "capabilities.json");

    public byte[] KeyFor(string agent) => agent == OwnKeyAgent ? OwnKey : SharedKey;

    public static string KeyIdFor(string agent) => agent == OwnKeyAgent ? OwnKeyId : SharedKeyId;

    public void WriteConfig(string extraRateAgents = "", int skewSeconds = 300, int maxBodyBytes = 65536, int nonceCapacity = 1000, string revocationMode = "no_check", string trustedCaFiles = "ca.crt.pem")
        => File.WriteAllText(ConfigPath, $$"""
            identity:
              source: san_uri
              san_uri_prefix: "{{UriPrefix}}"
              trusted_ca_files: [{{trustedCaFiles}}]
              revocation_mode: {{revocationMode}}
              validation_cache_seconds: 0
            integrity:
              max_clock_skew_seconds: {{skewSeconds}}
              max_body_bytes: {{maxBodyBytes}}
              nonce_cache_capacity: {{nonceCapacity}}
              keys:
                - id: {{SharedKeyId}}
                  secret: base64:{{Convert.ToBase64String(SharedKey)}}
              agents:
                {{OwnKeyAgent}}:
                  keys:
                    - id: {{OwnKeyId}}
                      secret: base64:{{Convert.ToBase64String(OwnKey)}}
            rate_limit:
              default: { token_limit: 1000, tokens_per_period: 1000, period_seconds: 60 }
              agents:
                agent-limited: { token_limit: 2, tokens_per_period: 1, period_seconds: 3600 }
            {{extraRateAgents}}
            """);

    public void WriteCaps(string agents = "")
        => File.WriteAllText(CapsPath, $$"""
            capabilities:
              send_message: { min_tier: community }
              stream_message: { min_tier: professional }
              get_extended_card: { min_tier: enterprise }
            agents:
              agent-a:
                capabilities: [send_message, get_task, stream_message, get_extended_card]
              agent-b:
                capabilities: [get_task]
              agent-limited:
                capabilities: [send_message]
              {{OwnKeyAgent}}:
                capabilities: [send_message]
            {{agents}}
            """);
}
