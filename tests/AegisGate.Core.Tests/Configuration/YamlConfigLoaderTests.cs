using System.ComponentModel.DataAnnotations;
using AegisGate.Configuration;
using AegisGate.TestUtilities;
using Microsoft.Extensions.Logging.Abstractions;

namespace AegisGate.Core.Tests.Configuration;

public sealed class YamlConfigLoaderTests
{
    public sealed class Sample
    {
        [System.ComponentModel.DataAnnotations.Range(1, 1000)]
        public int RequestsPerMinute { get; set; } = 60;

        [Required]
        public string? Name { get; set; }

        public List<Item> Items { get; set; } = [];
    }

    public sealed class Item
    {
        [Required]
        [MinLength(1)]
        public string Id { get; set; } = string.Empty;
    }

    [Test]
    public void Load_ValidYaml_ReturnsValue()
    {
        var result = YamlConfigLoader.Load<Sample>("name: demo\nrequests_per_minute: 10\nitems:\n  - id: a\n");

        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Value!.RequestsPerMinute, Is.EqualTo(10));
        Assert.That(result.Value.Items.Single().Id, Is.EqualTo("a"));
    }

    [Test]
    public void Load_SeveralErrors_ReportsAllWithPaths()
    {
        var result = YamlConfigLoader.Load<Sample>("requests_per_minute: 0\nitems:\n  - id: ''\n", (s, errors) =>
        {
            if (s.Items.Count < 2)
            {
                errors.Add(new ConfigError("$.items", "needs two items."));
            }
        });

        var text = string.Join("\n", result.Errors);
        Assert.That(result.IsValid, Is.False);
        Assert.That(text, Does.Contain("$.requests_per_minute").And.Contain("$.name").And.Contain("$.items[0].id").And.Contain("needs two items"));
    }

    [Test]
    public void Load_UnknownKey_IsAnError()
    {
        var result = YamlConfigLoader.Load<Sample>("name: x\nrequests_per_minut: 5\n");

        Assert.That(result.IsValid, Is.False);
        Assert.That(result.Errors.Single().Path, Does.StartWith("line 2"));
    }

    [Test]
    public void Load_Empty_IsAnError()
        => Assert.That(YamlConfigLoader.Load<Sample>("").IsValid, Is.False);

    [Test]
    public void ReloadableConfigFile_InvalidChange_KeepsLastGood()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("x.yaml");
        File.WriteAllText(path, "name: first\n");
        using var file = new ReloadableConfigFile<Sample>(path, p => YamlConfigLoader.LoadFile<Sample>(p), NullLogger.Instance, watch: false);

        File.WriteAllText(path, "name: [broken\n");
        var applied = file.Reload();

        Assert.That(applied, Is.False);
        Assert.That(file.Current.Name, Is.EqualTo("first"));
        Assert.That(file.LastErrors, Is.Not.Empty);

        File.WriteAllText(path, "name: second\n");
        Assert.That(file.Reload(), Is.True);
        Assert.That(file.Current.Name, Is.EqualTo("second"));
        Assert.That(file.LastErrors, Is.Empty);
    }

    [Test]
    public void ReloadableConfigFile_InvalidAtStart_Throws()
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("x.yaml");
        File.WriteAllText(path, "requests_per_minute: 5000\n");

        Assert.That(() => new ReloadableConfigFile<Sample>(path, p => YamlConfigLoader.LoadFile<Sample>(p), NullLogger.Instance, watch: false), Throws.InstanceOf<InvalidDataException>());
    }
}
