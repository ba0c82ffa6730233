using AgentWorkspace.Benchmarks;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project AgentWorkspace.Benchmarks -- <mode>
//   classifier [BenchmarkDotNet args]   classification speed (BenchmarkDotNet)
//   latency [clients] [rate] [seconds]  ingest → hub client latency vs a bare hub broadcast
//   jobs [count] [rate]                 how late Hangfire jobs fire after their due time
//   board [historical] [open] [runs]    what one wall-board update costs over a large history
//   accuracy [file]                     the classifier against the labelled evaluation set
//   search [conversations] [runs] [db]  what one search costs over a large history (FTS5); db: a file to keep and reuse
switch (args.FirstOrDefault())
{
    case "latency":
        await LatencyHarness.RunAsync(Arg(1, 100), Arg(2, 50), Arg(3, 20));
        break;
    case "jobs":
        await JobTimingHarness.RunAsync(Arg(1, 200), Arg(2, 20));
        break;
    case "board":
        await BoardCostHarness.RunAsync(Arg(1, 100_000), Arg(2, 500), Arg(3, 50));
        break;
    case "search":
        await SearchHarness.RunAsync(Arg(1, 100_000), Arg(2, 50), args.ElementAtOrDefault(3));
        break;
    case "accuracy":
        AccuracyHarness.Run(args.ElementAtOrDefault(1));
        break;
    default:
        BenchmarkSwitcher.FromAssembly(typeof(ClassifierBenchmarks).Assembly).Run(args.SkipWhile(a => a == "classifier").ToArray());
        break;
}

int Arg(int index, int fallback) => args.Length > index && int.TryParse(args[index], out var v) ? v : fallback;
