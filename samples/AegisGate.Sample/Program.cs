using AegisGate.Sample;

await using var app = SampleApp.Build(args);
await app.RunAsync();
