using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AegisGate.Sample;

/// <summary>
/// The sample's development PKI, generated on first run into the data directory: a certificate authority, a
/// server certificate for localhost/127.0.0.1/::1 and a demo agent client certificate (CN and SAN URI
/// <c>spiffe://aegisgate.local/agent/demo-agent</c>). All keys are ECDSA P-256; private key files are mode 0600.
/// </summary>
internal sealed class DevCertificates
{
    public const string DemoAgentId = "demo-agent";
    public const string DemoAgentUri = "spiffe://aegisgate.local/agent/demo-agent";

    private DevCertificates(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    public string CaCertPath => Path.Combine(Directory, "ca.crt.pem");

    public string CaKeyPath => Path.Combine(Directory, "ca.key.pem");

    public string ServerCertPath => Path.Combine(Directory, "server.crt.pem");

    public string ServerKeyPath => Path.Combine(Directory, "server.key.pem");

    public string AgentCertPath => Path.Combine(Directory, "agent-demo.crt.pem");

    public string AgentKeyPath => Path.Combine(Directory, "agent-demo.key.pem");

    public string AgentPkcs12Path => Path.Combine(Directory, "agent-demo.p12");

    public X509Certificate2 CaCertificate { get; private set; } = null!;

    public X509Certificate2 ServerCertificate { get; private set; } = null!;

    public X509Certificate2 AgentCertificate { get; private set; } = null!;

    public bool Generated { get; private set; }

    /// <summary>Loads the PKI from <paramref name="directory"/>, generating it when missing or expiring within a day.</summary>
    public static DevCertificates EnsureCreated(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var pki = new DevCertificates(directory);
        if (!pki.TryLoad())
        {
            pki.Generate();
            pki.Generated = true;
            if (!pki.TryLoad())
            {
                throw new InvalidOperationException($"The development certificates in {directory} could not be loaded after generation.");
            }
        }

        return pki;
    }

    private bool TryLoad()
    {
        string[] files = [CaCertPath, CaKeyPath, ServerCertPath, ServerKeyPath, AgentCertPath, AgentKeyPath, AgentPkcs12Path];
        if (!files.All(File.Exists))
        {
            return false;
        }

        try
        {
            CaCertificate = X509Certificate2.CreateFromPem(File.ReadAllText(CaCertPath));
            ServerCertificate = X509Certificate2.CreateFromPemFile(ServerCertPath, ServerKeyPath);
            AgentCertificate = X509Certificate2.CreateFromPemFile(AgentCertPath, AgentKeyPath);
        }
        catch (CryptographicException)
        {
            return false;
        }

        var soon = DateTime.Now.AddDays(1);
        return ServerCertificate.NotAfter > soon && AgentCertificate.NotAfter > soon && CaCertificate.NotAfter > soon;
    }

    private void Generate()
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=AegisGate Dev CA, O=AegisGate (development only)", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now, now.AddYears(5));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var serverSan = new SubjectAlternativeNameBuilder();
        serverSan.AddDnsName("localhost");
        serverSan.AddIpAddress(IPAddress.Loopback);
        serverSan.AddIpAddress(IPAddress.IPv6Loopback);
        serverRequest.CertificateExtensions.Add(serverSan.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var server = serverRequest.Create(ca, now, now.AddYears(1), RandomSerial()).CopyWithPrivateKey(serverKey);

        using var agentKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var agentRequest = new CertificateRequest($"CN={DemoAgentId}, O=AegisGate demo agents", agentKey, HashAlgorithmName.SHA256);
        var agentSan = new SubjectAlternativeNameBuilder();
        agentSan.AddUri(new Uri(DemoAgentUri));
        agentRequest.CertificateExtensions.Add(agentSan.Build());
        agentRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        agentRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        agentRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        agentRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var agent = agentRequest.Create(ca, now, now.AddYears(1), RandomSerial()).CopyWithPrivateKey(agentKey);

        WritePublic(CaCertPath, ca.ExportCertificatePem());
        WritePrivate(CaKeyPath, caKey.ExportPkcs8PrivateKeyPem());
        WritePublic(ServerCertPath, server.ExportCertificatePem());
        WritePrivate(ServerKeyPath, serverKey.ExportPkcs8PrivateKeyPem());
        WritePublic(AgentCertPath, agent.ExportCertificatePem());
        WritePrivate(AgentKeyPath, agentKey.ExportPkcs8PrivateKeyPem());

        // PKCS#12 with an empty password (AES-256/SHA-256 PBES2) so that curl --cert-type P12 --cert file.p12: works.
        var collection = new X509Certificate2Collection { agent, X509CertificateLoader.LoadCertificate(ca.RawData) };
        var pkcs12 = collection.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, string.Empty)
            ?? throw new InvalidOperationException("PKCS#12 export failed.");
        WritePrivateBytes(AgentPkcs12Path, pkcs12);
    }

    private static byte[] RandomSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        return serial;
    }

    private static void WritePublic(string path, string pem) => File.WriteAllText(path, pem + "\n");

    private static void WritePrivate(string path, string pem) => WritePrivateBytes(path, System.Text.Encoding.ASCII.GetBytes(pem + "\n"));

    private static void WritePrivateBytes(string path, byte[] content)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        stream.Write(content);
    }
}
