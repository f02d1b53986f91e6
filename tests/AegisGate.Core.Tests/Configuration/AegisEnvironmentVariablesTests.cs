using System.Collections;
using AegisGate.Configuration;

namespace AegisGate.Core.Tests.Configuration;

public sealed class AegisEnvironmentVariablesTests
{
    [Test]
    public void Map_AliasesAndDoubleUnderscoreForms_MapToConfigurationKeys()
    {
        var env = new Hashtable
        {
            ["AEGISGATE_DATA_DIR"] = "/data",
            ["AEGISGATE_A2A_CONFIG_FILE"] = "a2a.yaml",
            ["AEGISGATE__AUDIT__MAXFILEBYTES"] = "8192",
            ["AEGISGATE_UNKNOWN_THING"] = "x",
            ["PATH"] = "/bin",
        };

        var map = AegisEnvironmentVariables.Map(env);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(map["AegisGate:DataDirectory"], Is.EqualTo("/data"));
            Assert.That(map["AegisGate:A2A:ConfigFile"], Is.EqualTo("a2a.yaml"));
            Assert.That(map["AegisGate:AUDIT:MAXFILEBYTES"], Is.EqualTo("8192"));
            Assert.That(map, Has.Count.EqualTo(3), "unknown single-underscore names and foreign variables are ignored");
        }
    }
}
