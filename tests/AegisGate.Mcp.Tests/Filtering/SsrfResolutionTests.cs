using System.Net;
using System.Net.Sockets;
using AegisGate.Mcp.Filtering;
using AegisGate.Pipeline;
using Microsoft.Extensions.Time.Testing;
using static AegisGate.Mcp.Tests.McpTestData;

namespace AegisGate.Mcp.Tests.Filtering;

/// <summary>SSRF by name: every DNS name in a URI is resolved (deterministically here) and every address checked.</summary>
public sealed class SsrfResolutionTests
{
    [TestCase("169.254.169.254")]        // cloud metadata (AWS, GCP, Azure)
    [TestCase("fd00:ec2::254")]          // EC2 metadata over IPv6 (unique local)
    [TestCase("100.100.100.200")]        // Alibaba metadata (CGNAT)
    [TestCase("192.0.0.192")]            // Oracle metadata (IETF protocol assignments)
    [TestCase("127.0.0.53")]
    [TestCase("::1")]
    [TestCase("0.0.0.0")]
    [TestCase("::")]
    [TestCase("10.20.30.40")]
    [TestCase("172.31.255.255")]
    [TestCase("192.168.1.1")]
    [TestCase("fe80::1")]
    [TestCase("fc00::1")]
    [TestCase("ff02::1")]
    [TestCase("224.0.0.251")]
    [TestCase("255.255.255.255")]
    [TestCase("198.18.0.1")]
    [TestCase("203.0.113.9")]
    [TestCase("2001:db8::1")]
    [TestCase("::ffff:10.0.0.1")]        // IPv4-mapped
    [TestCase("::ffff:169.254.169.254")]
    [TestCase("::10.0.0.1")]             // IPv4-compatible
    [TestCase("64:ff9b::a9fe:a9fe")]     // NAT64 of 169.254.169.254
    [TestCase("2002:a9fe:a9fe::1")]      // 6to4 of 169.254.169.254
    [TestCase("2001:0:4136:e378::1")]    // Teredo
    public void IsInternal_NonPublicAddress_IsInternal(string address)
    {
        Assert.That(UriSafety.IsInternal(IPAddress.Parse(address)), Is.True);
    }

    [TestCase("8.8.8.8")]
    [TestCase("93.184.216.34")]
    [TestCase("172.32.0.1")]
    [TestCase("100.128.0.1")]
    [TestCase("2606:4700:4700::1111")]
    [TestCase("64:ff9b::808:808")]       // NAT64 of 8.8.8.8
    [TestCase("2002:808:808::1")]        // 6to4 of 8.8.8.8
    [TestCase("::ffff:8.8.8.8")]
    public void IsInternal_PublicAddress_IsNot(string address)
    {
        Assert.That(UriSafety.IsInternal(IPAddress.Parse(address)), Is.False);
    }

    [TestCase("https://api.example.com/x", true, "api.example.com")]
    [TestCase("https://API.Example.COM./x", true, "api.example.com")]
    [TestCase("https://bücher.example/", true, "xn--bcher-kva.example")]
    [TestCase("https://93.184.216.34/", false, "")]
    [TestCase("https://[2606:4700::1111]/", false, "")]
    [TestCase("http://2130706433/", false, "")]
    [TestCase("file:///etc/hosts", false, "")]
    [TestCase("not a uri", false, "")]
    public void TryGetDnsHost_ReturnsOnlyNamesToResolve(string value, bool expected, string host)
    {
        Assert.That(UriSafety.TryGetDnsHost(value, out var found), Is.EqualTo(expected));
        Assert.That(found, Is.EqualTo(host));
    }

    [Test]
    public async Task Evaluate_NameResolvingToPublicAddresses_Allows()
    {
        var resolver = new MapResolver { ["api.example.com"] = ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"] };

        var decision = await Evaluate(resolver, Url("https://api.example.com/data"));

        Assert.That(decision.IsAllowed, Is.True, decision.ToString());
        Assert.That(resolver.Calls, Is.EqualTo(new[] { "api.example.com" }));
    }

    [TestCase("169.254.169.254")]
    [TestCase("fd00:ec2::254")]
    [TestCase("::ffff:10.1.2.3")]
    [TestCase("127.0.0.1")]
    public async Task Evaluate_NameResolvingToAnInternalAddress_DeniesUnsafeUri(string address)
    {
        var resolver = new MapResolver { ["rebind.example"] = [address] };

        var decision = await Evaluate(resolver, Url("https://rebind.example/latest/meta-data/"));

        Assert.That(decision.Code, Is.EqualTo(McpErrorCodes.InputUnsafeUri));
        Assert.That(decision.StatusCode, Is.EqualTo(400));
        Assert.That(decision.Reason, Does.Not.Contain("rebind.example"), "the reason does not echo request content");
    }

    [Test]
    public async Task Evaluate_OneOfSeveralAddressesInternal_Denies()
    {
        var resolver = new MapResolver { ["mixed.example"] = ["93.184.216.34", "10.0.0.7"] };

        var decision = await Evaluate(resolver, Url("https://mixed.example/"));

        Assert.That(decision.Code, Is.EqualTo(McpErrorCodes.InputUnsafeUri));
    }

    [Test]
    public async Task Evaluate_EveryNameInNestedArgumentsIsResolved()
    {
        var resolver = new MapResolver { ["a.example"] = ["93.184.216.34"], ["b.example"] = ["192.168.0.10"] };
        var context = ToolCall("fetch", """{"targets":[{"url":"https://a.example/"},{"url":"http://b.example:8080/x"}],"note":"plain text"}""", definition: Tool("fetch", """{"type":"object"}"""));

        var decision = await DnsPipeline(resolver).EvaluateAsync(context);

        Assert.That(decision.Code, Is.EqualTo(McpErrorCodes.InputUnsafeUri));
        Assert.That(resolver.Calls, Is.EquivalentTo(new[] { "a.example", "b.example" }));
    }

    [Test]
    public async Task Evaluate_ResourceReadUri_IsResolved()
    {
        var resolver = new MapResolver { ["files.example"] = ["172.16.5.5"] };
        var context = Context(Message("""{"jsonrpc":"2.0","id":1,"method":"resources/read","params":{"uri":"https://files.example/report.pdf"}}"""));

        var decision = await DnsPipeline(resolver).EvaluateAsync(context);

        Assert.That(decision.Code, Is.EqualTo(McpErrorCodes.InputUnsafeUri));
    }

    [Test]
    public async Task Evaluate_NoSuchHost_DeniesUnresolved()
    {
        var resolver = new MapResolver(); // every unknown name throws SocketException (HostNotFound)

        var decision = await Evaluate(resolver, Url("https://nxdomain.example/"));

        Assert.That(decision.Code, Is.EqualTo(McpErrorCodes.InputUriUnresolved));
        Assert.That(decision.StatusCode, Is.EqualTo(400));
    }

    [Test]
    public async Task Evaluate_NoAddresses_DeniesUnresolved()
    {
        var resolver = new MapResolver { ["empty.example"] = [] };

        var decision = await Evaluate(resolver, Url("https://empty.example/"));

        Assert.That(decision.Code, Is.EqualTo(McpErrorCodes.InputUriUnresolved));
    }

    [Test]
    public async Task Evaluate_ResolverThatNeverAnswers_DeniesResolutionTimeoutAtTheDeadline()
    {
        var time = new FakeTimeProvider();
        var resolver = new StalledResolver();
        var pipeline = new SecurityPipelineBuilder("dns") { TimeProvider = time, CheckTimeout = TimeSpan.FromSeconds(10) }
            .AddCheck(new McpUriResolutionCheck(resolver, Monitor(Defaults(o => o.Input.HostResolutionTimeout = TimeSpan.FromSeconds(1))), time)).Build();

        var pending = pipeline.EvaluateAsync(Url("https://slow.example/")).AsTask();
        await resolver.Started.Task;
        Assert.That(pending.IsCompleted, Is.False, "still waiting before the deadline");
        time.Advance(TimeSpan.FromSeconds(1.1));
        var decision = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(decision.Code, Is.EqualTo(McpErrorCodes.InputUriResolutionTimeout));
        Assert.That(decision.StatusCode, Is.EqualTo(504));
    }

    [Test]
    public async Task Evaluate_NullResolver_DeniesUnresolved503()
    {
        var decision = await new SecurityPipelineBuilder("dns").AddCheck(new McpUriResolutionCheck(null, Monitor(), TimeProvider.System)).Build().EvaluateAsync(Url("https://api.example.com/"));

        Assert.That(decision.Code, Is.EqualTo(McpErrorCodes.InputUriUnresolved));
        Assert.That(decision.StatusCode, Is.EqualTo(503));
    }

    [Test]
    public async Task Evaluate_ResolverThrowsUnexpectedly_DeniesFaulted()
    {
        var resolver = new MapResolver { Throw = new InvalidOperationException("resolver bug") };

        var decision = await Evaluate(resolver, Url("https://api.example.com/"));

        Assert.That(decision.Code, Is.EqualTo(AegisErrorCodes.CheckFaulted));
    }

    [Test]
    public async Task Evaluate_RequestCancelled_DeniesCancelledNotTimeout()
    {
        using var cts = new CancellationTokenSource();
        var resolver = new StalledResolver();
        var pending = DnsPipeline(resolver).EvaluateAsync(Url("https://slow.example/"), cts.Token).AsTask();
        await resolver.Started.Task;

        await cts.CancelAsync();
        var decision = await pending.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.That(decision.Code, Is.EqualTo(AegisErrorCodes.EvaluationCancelled));
    }

    [TestCase("https://93.184.216.34/")]
    [TestCase("file:///srv/docs/readme.md")]
    [TestCase("just some text")]
    public async Task Evaluate_NothingToResolve_DoesNotCallTheResolver(string value)
    {
        var resolver = new MapResolver();

        var decision = await Evaluate(resolver, Url(value));

        Assert.That(decision.IsAllowed, Is.True);
        Assert.That(resolver.Calls, Is.Empty);
    }

    [Test]
    public async Task Evaluate_ResolutionDisabledOrPrivateAllowed_Skips()
    {
        var resolver = new MapResolver { ["internal.corp"] = ["10.0.0.1"] };

        var disabled = await DnsPipeline(resolver, o => o.Input.ResolveHostNames = false).EvaluateAsync(Url("https://internal.corp/"));
        var allowed = await DnsPipeline(resolver, o => o.Input.AllowPrivateNetworkUris = true).EvaluateAsync(Url("https://internal.corp/"));

        Assert.That(disabled.IsAllowed && allowed.IsAllowed, Is.True);
        Assert.That(resolver.Calls, Is.Empty);
    }

    [Test]
    public async Task Evaluate_MoreHostsThanTheLimit_DeniesWithoutResolving()
    {
        var resolver = new MapResolver();
        var urls = string.Join(',', Enumerable.Range(0, 4).Select(static i => $"\"https://h{i}.example/\""));
        var context = ToolCall("fetch", "{\"urls\":[" + urls + "]}", definition: Tool("fetch", """{"type":"object"}"""));

        var decision = await DnsPipeline(resolver, o => o.Input.MaxHostsPerRequest = 3).EvaluateAsync(context);

        Assert.That(decision.Code, Is.EqualTo(McpErrorCodes.InputUnsafeUri));
        Assert.That(resolver.Calls, Is.Empty);
    }

    [Test]
    public async Task Evaluate_SameHostTwice_IsResolvedOnce()
    {
        var resolver = new MapResolver { ["api.example.com"] = ["93.184.216.34"] };
        var context = ToolCall("fetch", """{"a":"https://api.example.com/1","b":"https://API.example.com/2"}""", definition: Tool("fetch", """{"type":"object"}"""));

        var decision = await DnsPipeline(resolver).EvaluateAsync(context);

        Assert.That(decision.IsAllowed, Is.True);
        Assert.That(resolver.Calls, Has.Count.EqualTo(1));
    }

    private static SecurityContext Url(string value)
        => ToolCall("fetch-url", "{\"url\":" + System.Text.Json.JsonSerializer.Serialize(value) + "}", definition: Tool("fetch-url", """{"type":"object","properties":{"url":{"type":"string"}}}"""));

    private static ValueTask<SecurityDecision> Evaluate(IMcpHostResolver resolver, SecurityContext context) => DnsPipeline(resolver).EvaluateAsync(context);

    private static SecurityPipeline DnsPipeline(IMcpHostResolver resolver, Action<AegisMcpOptions>? configure = null)
        => new SecurityPipelineBuilder("dns").AddCheck(new McpUriResolutionCheck(resolver, Monitor(Defaults(configure)), TimeProvider.System)).Build();

    /// <summary>A deterministic resolver: known names answer from the map, unknown names fail like NXDOMAIN.</summary>
    internal sealed class MapResolver : Dictionary<string, string[]>, IMcpHostResolver
    {
        public MapResolver()
            : base(StringComparer.Ordinal)
        {
        }

        public List<string> Calls { get; } = [];

        public Exception? Throw { get; init; }

        public ValueTask<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            lock (Calls)
            {
                Calls.Add(host);
            }

            if (Throw is not null)
            {
                throw Throw;
            }

            return TryGetValue(host, out var addresses)
                ? new([.. addresses.Select(IPAddress.Parse)])
                : throw new SocketException((int)SocketError.HostNotFound);
        }
    }

    /// <summary>A resolver that never answers and ignores its token (a hung DNS server).</summary>
    private sealed class StalledResolver : IMcpHostResolver
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ValueTask<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            Started.TrySetResult();
            return new(new TaskCompletionSource<IReadOnlyList<IPAddress>>().Task);
        }
    }
}
