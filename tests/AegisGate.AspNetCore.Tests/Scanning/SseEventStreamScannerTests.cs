using System.Buffers;
using System.Text;
using AegisGate.AspNetCore.Http;
using AegisGate.AspNetCore.Scanning;
using AegisGate.AspNetCore.Tests.Support;
using AegisGate.Detection;

namespace AegisGate.AspNetCore.Tests.Scanning;

public sealed class SseEventStreamScannerTests
{
    private int _scans;

    private SseEventStreamScanner Create(AegisScanAction action = AegisScanAction.Redact, int holdback = 16, int maxEvent = 4096)
        => new((text, _) =>
        {
            _scans++;
            return new ValueTask<(SecurityDecision, ScanResult?)>((SecurityDecision.Allow(), FakeScanner.ScanText(text, ScanOptions.Default)));
        }, action, holdback, maxEvent);

    private static async Task<string> RunAsync(SseEventStreamScanner scanner, params string[] chunks)
    {
        var output = new ArrayBufferWriter<byte>();
        foreach (var chunk in chunks)
        {
            await scanner.WriteAsync(Encoding.UTF8.GetBytes(chunk), output, CancellationToken.None);
        }

        await scanner.CompleteAsync(output, CancellationToken.None);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    [Test]
    public async Task Write_CrLfAndMultiLineData_AreNormalisedAndKept()
    {
        var output = await RunAsync(Create(), "id: 1\r\ndata: a\r\ndata: b\r\n\r\n", ":comment\r\r");

        Assert.That(output, Is.EqualTo("id: 1\ndata: a\ndata: b\n\n:comment\n\n"));
    }

    [Test]
    public async Task Write_EventSplitAcrossChunksAtEveryByte_IsParsed()
    {
        var input = "data: hello\r\n\r\ndata: world\n\n";

        var output = await RunAsync(Create(), input.Select(c => c.ToString()).ToArray());

        Assert.That(output, Is.EqualTo("data: hello\n\ndata: world\n\n"));
    }

    [Test]
    public async Task Write_SecretOneCharacterPerEvent_IsRedactedAndNothingOfItLeaks()
    {
        var events = ("start " + FakeScanner.Secret + " end of the stream text").Select(c => $"data: {c}\n\n").ToArray();

        var output = await RunAsync(Create(holdback: 16), events);
        var text = string.Concat(output.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l[6..]));

        Assert.That(text, Is.EqualTo("start [REDACTED:secret.test_token] end of the stream text"));
    }

    [Test]
    public async Task Write_HoldsBackOnlyTheWindow()
    {
        var scanner = Create(holdback: 8);
        var output = new ArrayBufferWriter<byte>();

        await scanner.WriteAsync(Encoding.UTF8.GetBytes("data: 0123456789\n\ndata: abcdefghij\n\n"), output, CancellationToken.None);

        Assert.That(Encoding.UTF8.GetString(output.WrittenSpan), Is.EqualTo("data: 0123456789\n\n"), "the first event has 10 characters of look-ahead");
    }

    [Test]
    public async Task Write_InjectionUnderRedact_StopsTheStream()
    {
        var scanner = Create();

        var output = await RunAsync(scanner, "data: " + FakeScanner.Injection + "\n\n");

        Assert.That(scanner.Denial?.Code, Is.EqualTo(HttpErrorCodes.ResponseBlocked));
        Assert.That(output, Is.Empty);
    }

    [Test]
    public async Task Write_EventOverLimit_StopsTheStream()
    {
        var scanner = Create(maxEvent: 64);

        await RunAsync(scanner, "data: " + new string('x', 100) + "\n\n");

        Assert.That(scanner.Denial?.Code, Is.EqualTo(HttpErrorCodes.ResponseUnscannable));
    }

    [Test]
    public async Task Write_InvalidUtf8_StopsTheStream()
    {
        var scanner = Create();
        var output = new ArrayBufferWriter<byte>();

        await scanner.WriteAsync(new byte[] { (byte)'d', (byte)'a', (byte)'t', (byte)'a', (byte)':', 0xFF, (byte)'\n', (byte)'\n' }, output, CancellationToken.None);

        Assert.That(scanner.Denial?.Code, Is.EqualTo(HttpErrorCodes.ResponseUnscannable));
    }

    [Test]
    public async Task Write_ScanDenied_StopsTheStream()
    {
        var scanner = new SseEventStreamScanner((_, _) => new((SecurityDecision.Deny(AegisErrorCodes.CheckFaulted, "x"), null)), AegisScanAction.Redact, 4, 1024);

        await RunAsync(scanner, "data: hello world\n\n");

        Assert.That(scanner.Denial?.Code, Is.EqualTo(AegisErrorCodes.CheckFaulted));
    }

    [Test]
    public async Task Write_MonitorMode_PassesFindingsThroughAndRecordsThem()
    {
        var scanner = Create(AegisScanAction.Monitor);

        var output = await RunAsync(scanner, "data: " + FakeScanner.Secret + "\n\n");

        Assert.That(output, Does.Contain(FakeScanner.Secret));
        Assert.That(scanner.Findings, Is.Not.Empty);
    }
}
