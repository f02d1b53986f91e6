using AegisGate.AspNetCore.Http;
using AegisGate.AspNetCore.Tests.Support;
using Microsoft.Extensions.Options;

namespace AegisGate.AspNetCore.Tests.Http;

public sealed class AegisHttpOptionsTests
{
    private static ValidateOptionsResult Validate(Action<AegisHttpOptions> change)
    {
        var options = new AegisHttpOptions();
        change(options);
        var generated = new AegisHttpOptionsValidator().Validate(null, options);
        var custom = new AegisHttpOptionsCustomValidator().Validate(null, options);
        return generated.Failed ? generated : custom;
    }

    [Test]
    public void Defaults_AreSecure()
    {
        var options = new AegisHttpOptions();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(options.Authorization.DefaultPermission, Is.Null, "no policy means deny");
            Assert.That(options.Authentication.AcceptedSchemes, Is.Empty);
            Assert.That(options.RateLimit.Enabled, Is.True);
            Assert.That(options.Scanning.Request, Is.EqualTo(AegisScanAction.Block));
            Assert.That(options.Scanning.Response, Is.EqualTo(AegisScanAction.Redact));
            Assert.That(options.Scanning.UnscannableRequest, Is.EqualTo(AegisUnscannableContent.Deny));
            Assert.That(options.Scanning.UnscannableResponse, Is.EqualTo(AegisUnscannableContent.Deny));
            Assert.That(options.Limits.MaxRequestBodyBytes, Is.EqualTo(4 * 1024 * 1024));
            Assert.That(Validate(_ => { }).Succeeded, Is.True);
        }
    }

    [TestCase("Authorization")]
    [TestCase("x-api-key")]
    [TestCase("Cookie")]
    public void Validate_CredentialHeaderScanned_Fails(string header)
        => Assert.That(Validate(o => o.Scanning.Headers.Add(header)).FailureMessage, Does.Contain("carries credentials"));

    [Test]
    public void Validate_DefaultPolicyOff_Fails()
        => Assert.That(Validate(o => o.Scanning.Request = AegisScanAction.None).Failed, Is.True);

    [Test]
    public void Validate_NamedPolicyOff_Succeeds()
        => Assert.That(Validate(o => o.ScanPolicies["uploads"] = new AegisScanPolicyOptions { Request = AegisScanAction.None }).Succeeded, Is.True);

    [Test]
    public void Validate_BadRoleAndPermissionNames_Fail()
    {
        var result = Validate(o =>
        {
            o.Authorization.Roles["Bad Role"] = ["read"];
            o.Authorization.Roles["ok"] = ["NOT OK"];
            o.Authorization.DefaultPermission = "Read!";
        });

        Assert.That(result.Failures!.Count(), Is.EqualTo(3));
    }

    [Test]
    public void Validate_LimitsOutOfRange_Fail()
    {
        Assert.That(Validate(o => o.Limits.MaxRequestBodyBytes = 10).Failed, Is.True);
        Assert.That(Validate(o => o.Limits.MaxDecodedBodyBytes = 2048).Failed, Is.True, "decoded limit below the body limit");
        Assert.That(Validate(o => o.RateLimit.TokenLimit = 0).Failed, Is.True);
        Assert.That(Validate(o => o.Limits.MaxJsonDepth = 0).Failed, Is.True);
    }

    [Test]
    public void Start_InvalidOptions_HostDoesNotStart()
    {
        Assert.That(
            async () => await HttpPillarHost.StartAsync(new HttpPillarHostOptions { Configure = o => o.Scanning.Headers.Add("Authorization") }),
            Throws.InstanceOf<OptionsValidationException>());
    }
}
