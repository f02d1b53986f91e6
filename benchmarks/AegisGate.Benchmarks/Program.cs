using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/AegisGate.Benchmarks -- --filter '*Pipeline*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
