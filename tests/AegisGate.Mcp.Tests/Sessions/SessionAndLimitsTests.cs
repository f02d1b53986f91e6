using System.Text;
using AegisGate.Mcp.Http;
using AegisGate.Mcp.RateLimiting;
using AegisGate.Mcp.Resources;
using AegisGate.Mcp.Sessions;
using Microsoft.Extensions.Time.Testing;
using static AegisGate.Mcp.Tests.McpTestData;

namespace AegisGate.Mcp.Tests.Sessions;

public sealed class SessionAndLimitsTests
{
    [Test]
    public void Registry_ReserveCommitRemove_KeepsTheCountExact()
    {
        var registry = new McpSessionRegistry(Monitor(Defaults(o => o.Sessions.MaxSessionsPerPrincipal = 2)), new FakeTimeProvider());

        using var first = registry.TryReserve("alice")!;
        using var second = registry.TryReserve("alice")!;
        var third = registry.TryReserve("alice");
        first.Commit("s1");
        second.Dispose(); // no id issued: the slot is released

        using (Assert.EnterMultipleScope())
        {
            Assert.That(third, Is.Null);
            Assert.That(registry.CountFor("alice"), Is.EqualTo(1));
            Assert.That(registry.Lookup("s1", "alice"), Is.EqualTo(McpSessionLookup.Owned));
            Assert.That(registry.Lookup("s1", "bob"), Is.EqualTo(McpSessionLookup.OtherPrincipal));
            Assert.That(registry.Lookup("s1", null), Is.EqualTo(McpSessionLookup.OtherPrincipal));
            Assert.That(registry.Lookup("nope", "alice"), Is.EqualTo(McpSessionLookup.Unknown));
        }

        Assert.That(registry.Remove("s1"), Is.True);
        Assert.That(registry.Remove("s1"), Is.False, "a second end (timeout after DELETE) does not decrement again");
        Assert.That(registry.CountFor("alice"), Is.Zero);
    }

    [Test]
    public async Task Registry_ConcurrentInitializeAndEnd_NoDrift()
    {
        var registry = new McpSessionRegistry(Monitor(Defaults(o => o.Sessions.MaxSessionsPerPrincipal = 1000)), new FakeTimeProvider());

        await Parallel.ForAsync(0, 400, async (i, _) =>
        {
            using var reservation = registry.TryReserve("p")!;
            if (i % 3 != 0)
            {
                reservation.Commit("s" + i);
                await Task.Yield();
                registry.Remove("s" + i);
                registry.Remove("s" + i);
            }
        });

        Assert.That(registry.CountFor("p"), Is.Zero);
        Assert.That(registry.Count, Is.Zero);
    }

    [Test]
    public void Registry_SweepIdle_EndsIdleSessionsOnly()
    {
        var time = new FakeTimeProvider();
        var registry = new McpSessionRegistry(Monitor(Defaults(o => o.Sessions.IdleTimeout = TimeSpan.FromMinutes(10))), time);
        registry.TryReserve("p")!.Commit("old");
        time.Advance(TimeSpan.FromMinutes(6));
        registry.TryReserve("p")!.Commit("fresh");
        time.Advance(TimeSpan.FromMinutes(6));
        var ended = new List<string>();

        var removed = registry.SweepIdle(ended.Add);

        Assert.That(removed, Is.EqualTo(1));
        Assert.That(ended, Is.EqualTo(new[] { "old" }));
        Assert.That(registry.CountFor("p"), Is.EqualTo(1));
    }

    [Test]
    public async Task RateLimiter_PerToolBucket_DeniesWithRetryAfterAndRefills()
    {
        using var limiter = new McpRateLimiter(Monitor(Defaults(o =>
        {
            o.RateLimits.PerTool.TokenLimit = 2;
            o.RateLimits.PerTool.TokensPerPeriod = 2;
            o.RateLimits.PerTool.Period = TimeSpan.FromMilliseconds(200);
        })));

        Assert.That(limiter.TryAcquire("p", "s:1", "t"), Is.Null);
        Assert.That(limiter.TryAcquire("p", "s:1", "t"), Is.Null);
        var retry = limiter.TryAcquire("p", "s:1", "t");
        Assert.That(retry, Is.Not.Null.And.GreaterThan(TimeSpan.Zero));
        Assert.That(limiter.TryAcquire("q", "s:2", "t"), Is.Null, "another principal has its own bucket");
        Assert.That(limiter.TryAcquire("p", "s:1", "other-tool"), Is.Null, "another tool has its own bucket");

        // The library's timer refills the bucket; poll instead of asserting a duration.
        var refilled = false;
        for (var i = 0; i < 100 && !refilled; i++)
        {
            await Task.Delay(50);
            refilled = limiter.TryAcquire("p", "s:1", "t") is null;
        }

        Assert.That(refilled, Is.True);
    }

    [Test]
    public void RateLimiter_PrincipalBucketCoversEveryMethod()
    {
        using var limiter = new McpRateLimiter(Monitor(Defaults(o => o.RateLimits.PerPrincipal.TokenLimit = 1)));

        Assert.That(limiter.TryAcquire("p", "s:1", null), Is.Null);
        Assert.That(limiter.TryAcquire("p", "s:2", null), Is.Not.Null);
    }

    [Test]
    public void Budgets_LeaseReleasesOnce_AndOutputIsCharged()
    {
        var budgets = new McpSessionBudgets(Monitor(Defaults(o =>
        {
            o.Budgets.MaxConcurrentCalls = 1;
            o.Budgets.MaxCallsPerSession = 2;
            o.Budgets.MaxBytesOut = 2048;
        })));

        Assert.That(budgets.TryAdmit("s:1", 10, out var lease).IsAllowed, Is.True);
        Assert.That(budgets.TryAdmit("s:1", 10, out _).Code, Is.EqualTo(McpErrorCodes.BudgetConcurrencyExceeded));
        Assert.That(budgets.ChargeOutput(lease!, 4096).Code, Is.EqualTo(McpErrorCodes.BudgetBytesOutExceeded));
        lease!.Dispose();
        lease.Dispose();
        Assert.That(budgets.ConcurrentCalls("s:1"), Is.Zero);
        Assert.That(budgets.TryAdmit("s:1", 10, out _).Code, Is.EqualTo(McpErrorCodes.BudgetCallsExceeded).Or.EqualTo(McpErrorCodes.BudgetBytesOutExceeded));
    }

    [Test]
    public void Budgets_BytesIn_AreBounded()
    {
        var budgets = new McpSessionBudgets(Monitor(Defaults(o => o.Budgets.MaxBytesIn = 2048)));

        Assert.That(budgets.TryAdmit("s:1", 2000, out var lease).IsAllowed, Is.True);
        lease!.Dispose();
        Assert.That(budgets.TryAdmit("s:1", 100, out _).Code, Is.EqualTo(McpErrorCodes.BudgetBytesInExceeded));
    }

    [TestCase("tools/call", "lookup-order", null, null)]
    [TestCase("tools/list", null, null, McpErrorCodes.HeaderMismatch)]
    [TestCase("tools/call", "delete-customer", null, McpErrorCodes.HeaderMismatch)]
    [TestCase("tools/call", "=?base64?bG9va3VwLW9yZGVy?=", null, null)]
    [TestCase("tools/call", "=?base64?ZGVsZXRl?=", null, McpErrorCodes.HeaderMismatch)]
    [TestCase("tools/call", "lookup-order", "2026-07-28", null)]
    [TestCase("tools/call", "lookup-order", "2025-06-18", McpErrorCodes.HeaderMismatch)]
    [TestCase("tools/call", "lookup-order", "2024-11-05", McpErrorCodes.ProtocolVersionUnsupported)]
    public async Task Envelope_MirroredHeadersMustMatchTheBody(string methodHeader, string? nameHeader, string? versionHeader, string? code)
    {
        const string body = """{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"lookup-order","arguments":{},"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}}""";
        var context = new SecurityContext(AegisPillars.Mcp, "POST /mcp") { Payload = Encoding.UTF8.GetBytes(body) };
        context.SetAttribute(McpContextKeys.Http, new McpHttpRequestInfo { HttpMethod = "POST", MethodHeader = methodHeader, NameHeader = nameHeader, ProtocolVersionHeader = versionHeader });

        var decision = await McpTestData.Pipeline(new McpEnvelopeCheck(Monitor()), new FakeTimeProvider()).EvaluateAsync(context);

        Assert.That(decision.Code, Is.EqualTo(code));
    }

    [TestCase("GET", "s1", null)]
    [TestCase("DELETE", "s1", null)]
    [TestCase("GET", null, McpErrorCodes.HttpMethodNotAllowed)]
    [TestCase("PUT", "s1", McpErrorCodes.HttpMethodNotAllowed)]
    public async Task Envelope_NonPostRequests_NeedASession(string method, string? session, string? code)
    {
        var context = new SecurityContext(AegisPillars.Mcp, method + " /mcp");
        context.SetAttribute(McpContextKeys.Http, new McpHttpRequestInfo { HttpMethod = method });
        if (session is not null)
        {
            context.SetAttribute(McpContextKeys.SessionId, session);
        }

        var decision = await McpTestData.Pipeline(new McpEnvelopeCheck(Monitor()), new FakeTimeProvider()).EvaluateAsync(context);

        Assert.That(decision.Code, Is.EqualTo(code));
    }

    [Test]
    public async Task Envelope_OversizedBody_IsDeniedWithoutParsing()
    {
        var context = new SecurityContext(AegisPillars.Mcp, "POST /mcp") { Payload = new byte[4096] };
        context.SetAttribute(McpContextKeys.Http, new McpHttpRequestInfo { HttpMethod = "POST" });

        var decision = await McpTestData.Pipeline(new McpEnvelopeCheck(Monitor(Defaults(o => o.Http.MaxBodyBytes = 1024))), new FakeTimeProvider()).EvaluateAsync(context);

        Assert.That(decision.Code, Is.EqualTo(McpErrorCodes.BodyTooLarge));
    }

    [Test]
    public void Denial_AsJsonRpcError_UsesACodeOutsideTheReservedRange()
    {
        var error = McpDenial.ToErrorMessage(System.Text.Json.Nodes.JsonValue.Create(7), SecurityDecision.DenyRetryAfter(McpErrorCodes.RateLimited, "slow down", TimeSpan.FromSeconds(2.5)), "req-1");

        var code = error["error"]!["code"]!.GetValue<int>();
        Assert.That(code, Is.EqualTo(-31029));
        Assert.That(code is < -32768 or > -32000, Is.True);
        Assert.That(error["error"]!["data"]!["code"]!.GetValue<string>(), Is.EqualTo(McpErrorCodes.RateLimited));
        Assert.That(error["error"]!["data"]!["retryAfter"]!.GetValue<long>(), Is.EqualTo(3));
        Assert.That(error["id"]!.GetValue<int>(), Is.EqualTo(7));
    }
}
