using AgentWorkspace.Benchmarks;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project AgentWorkspace.Benchmarks -- <mode>
//   classifier [BenchmarkDotNet args]   classification speed (BenchmarkDotNet)
//   latency [clients] [rate] [seconds] [sqlite|postgres] [nodes]
//                                       ingest → hub client latency vs a bare hub broadcast, then ingest throughput
//   jobs [count] [rate]                 how late Hangfire jobs fire after their due time
//   board [historical] [open] [runs]    what one wall-board update costs over a large history
//   accuracy [file]                     the classifier against the labelled evaluation set
//   capacity [circuits] [ingests] [open] signed-in /queue circuits on one node: memory, idle CPU, ingest → last circuit
//   queue-render [open] [runs]          /queue with many open conversations: server render of an update, first paint in Chromium
//   assignment [count] [rate] [agents]  ingest → auto-assigned latency in Automatic mode (issue #15)
//   search [conversations] [runs] [db]  what one search costs over a large history (FTS5); db: a file to keep and reuse
if (Environment.GetEnvironmentVariable("CIRCUIT_TRACE") == "1")
{
    AgentWorkspace.Benchmarks.Circuits.BlazorCircuitClient.Trace = line => Console.Error.WriteLine("  circuit: " + (line));
}

switch (args.FirstOrDefault())
{
    case "latency":
        await LatencyHarness.RunAsync(Arg(1, 100), Arg(2, 50), Arg(3, 20), args.ElementAtOrDefault(4) ?? "sqlite", Arg(5, 1));
        break;
    case "jobs":
        await JobTimingHarness.RunAsync(Arg(1, 200), Arg(2, 20));
        break;
    case "board":
        await BoardCostHarness.RunAsync(Arg(1, 100_000), Arg(2, 500), Arg(3, 50));
        break;
    case "capacity":
        await CapacityHarness.RunAsync(Arg(1, 1000), Arg(2, 50), Arg(3, 100));
        break;
    case "queue-render":
        await QueueRenderHarness.RunAsync(Arg(1, 500), Arg(2, 20));
        break;
    case "assignment":
        await AssignmentLatencyHarness.RunAsync(Arg(1, 500), Arg(2, 25), Arg(3, 3));
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
