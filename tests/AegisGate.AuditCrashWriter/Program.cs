// Usage: AegisGate.AuditCrashWriter <dataDir> <keyBase64> <flushToDisk> <maxFileBytes> <writers>
// Writes audit events from <writers> concurrent loops until killed. After each WriteAsync completes it prints
// "ack <requestId>" (one write(2) to stdout per line), so the parent knows exactly which records were acknowledged.
using System.Globalization;
using AegisGate;
using AegisGate.Audit;
using AegisGate.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

if (args.Length != 5)
{
    Console.Error.WriteLine("usage: <dataDir> <keyBase64> <flushToDisk> <maxFileBytes> <writers>");
    return 2;
}

var options = new AegisGateOptions { DataDirectory = args[0] };
options.Audit.Key = args[1];
options.Audit.FlushToDisk = bool.Parse(args[2]);
options.Audit.MaxFileBytes = long.Parse(args[3], CultureInfo.InvariantCulture);
options.Audit.MaxRetainedFiles = 100000;
var wrapped = Options.Create(options);
var sink = new JsonlAuditSink(wrapped, new AegisPaths(wrapped), TimeProvider.System, NullLogger<JsonlAuditSink>.Instance);
sink.Open();

var stdout = Console.Out;
stdout.WriteLine("ready");
var writers = int.Parse(args[4], CultureInfo.InvariantCulture);
var loops = new Task[writers];
for (var w = 0; w < writers; w++)
{
    var writer = w;
    loops[w] = Task.Run(async () =>
    {
        for (long i = 0; ; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"w{writer}-{i}");
            await sink.WriteAsync(
                new AuditEvent
                {
                    Timestamp = TimeProvider.System.GetUtcNow(),
                    RequestId = id,
                    Principal = "crash-test",
                    Pillar = AegisPillars.Http,
                    Operation = "POST /durability",
                    Decision = "allow",
                    LatencyMs = i % 7,
                    Properties = new Dictionary<string, string> { ["padding"] = new string('p', (int)(i % 200)) },
                },
                CancellationToken.None);
            stdout.WriteLine("ack " + id);
        }
    });
}

await Task.WhenAll(loops);
return 0;
