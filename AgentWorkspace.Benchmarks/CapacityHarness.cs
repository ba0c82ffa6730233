using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using AgentWorkspace.Benchmarks.Circuits;
using AgentWorkspace.Tests.Infrastructure;

namespace AgentWorkspace.Benchmarks;

/// <summary>
/// How many agents one node holds: the app as its own process, N signed-in agents each with a real
/// Blazor circuit on /queue (headless, <see cref="BlazorCircuitClient"/>), opened in steps. At each
/// checkpoint (1,000, 5,000 and N): the app's resident memory and its per-circuit growth over the
/// baseline, the CPU the idle circuits cost (every /queue ticks its countdowns once a second), and
/// for a series of ingests the time from just before <c>POST /api/messages</c> to the render batch
/// that shows the new queue total on every circuit (the last one is what the goal is about).
/// </summary>
internal static class CapacityHarness
{
    private static readonly int[] Checkpoints = [1000, 5000];

    public static async Task RunAsync(int circuits, int ingests, int open)
    {
        Console.WriteLine($"Capacity: {circuits:N0} signed-in /queue circuits, {ingests} ingests per checkpoint, {open} open conversations; app and clients share this machine ({Environment.ProcessorCount} cores), load average {LoadAverage()}");
        using var app = await BenchmarkApp.StartAsync(new Dictionary<string, string>());
        var pid = app.ProcessId;
        using var api = app.ApiClient();
        for (var i = 0; i < open; i++)
        {
            await PostAsync(api, $"cap-open-{i}", "我的订单怎么还没发货？订单号【230518" + (i % 1000).ToString("000", CultureInfo.InvariantCulture) + "】");
        }
        var seeding = Stopwatch.StartNew();
        await BenchAgents.CreateAsync(app.DatabasePath, circuits + 1);
        Console.WriteLine($"Created {circuits + 1:N0} agent accounts in {seeding.Elapsed.TotalSeconds:0.0} s");

        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 64 })
        {
            BaseAddress = app.Address,
            Timeout = TimeSpan.FromMinutes(5),
        };
        // Warm-up: one circuit through every path (JIT, first render), then gone before the baseline.
        var warmCookies = await BlazorCircuitClient.SignInAsync(http, BenchAgents.Name(circuits), BenchAgents.Password);
        await using (await BlazorCircuitClient.StartAsync(http, warmCookies, "/queue", "queue-ready", TimeSpan.FromSeconds(60)))
        {
        }
        await Task.Delay(TimeSpan.FromSeconds(5));
        var baseline = ProcessReadings.ResidentBytes(pid);
        Console.WriteLine($"Baseline (no circuit, {open} open conversations): RSS {Mib(baseline):N0} MiB");

        var clients = new ConcurrentDictionary<int, BlazorCircuitClient>();
        var total = open;
        var rows = new List<string>();
        try
        {
            var opened = 0;
            foreach (var checkpoint in Checkpoints.Where(c => c < circuits).Append(circuits))
            {
                var opening = Stopwatch.StartNew();
                await OpenAsync(http, pid, clients, opened, checkpoint);
                opened = checkpoint;
                Console.WriteLine($"{checkpoint:N0} circuits open ({opening.Elapsed.TotalSeconds:0} s for this step); settling");
                await Task.Delay(TimeSpan.FromSeconds(15));
                var rss = ProcessReadings.ResidentBytes(pid);
                var idleCores = await ProcessReadings.CoresBusyAsync(pid, TimeSpan.FromSeconds(10));
                var (last, median, missed) = await IngestSeriesAsync(api, clients.Values.ToList(), ingests, () => ++total, checkpoint);
                var perCircuit = (rss - baseline) / (double)checkpoint;
                var row = $"| {checkpoint:N0} | {Mib(rss):N0} MiB | {perCircuit / 1024:N0} KiB | {idleCores:0.00} | {Percentiles.Of(last, 50):0} | {Percentiles.Of(last, 99):0} | {last.LastOrDefault():0} | {Percentiles.Of(median, 50):0} | {missed} |";
                rows.Add(row);
                Console.WriteLine(row);
            }
        }
        finally
        {
            await Task.WhenAll(clients.Values.Select(c => c.DisposeAsync().AsTask()));
        }
        Console.WriteLine();
        Console.WriteLine($"Load average at the end: {LoadAverage()}");
        Console.WriteLine("| circuits | app RSS | RSS per circuit (over baseline) | idle CPU (cores) | ingest → last circuit p50 ms | p99 ms | max ms | ingest → median circuit p50 ms | circuits missed |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }
    }

    private static async Task OpenAsync(HttpClient http, int pid, ConcurrentDictionary<int, BlazorCircuitClient> clients, int from, int to)
    {
        var retried = 0;
        var failed = 0;
        var progress = Stopwatch.StartNew();
        // No cancellation across starts: on a loaded machine one slow start must not abandon the rest.
        await Parallel.ForEachAsync(Enumerable.Range(from, to - from), new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (i, _) =>
        {
            for (var attempt = 1; attempt <= 3; attempt++)
            {
                try
                {
                    var cookies = await BlazorCircuitClient.SignInAsync(http, BenchAgents.Name(i), BenchAgents.Password);
                    clients[i] = await BlazorCircuitClient.StartAsync(http, cookies, "/queue", "queue-ready", TimeSpan.FromMinutes(3));
                    break;
                }
                catch (Exception ex)
                {
                    Interlocked.Increment(ref attempt < 3 ? ref retried : ref failed);
                    Console.Error.WriteLine($"  circuit {i}, attempt {attempt}: {ex.GetType().Name}: {ex.Message}");
                }
            }
            if (i % 100 == 99)
            {
                Console.WriteLine($"  {clients.Count:N0} circuits after {progress.Elapsed.TotalSeconds:0} s; app RSS {Mib(ProcessReadings.ResidentBytes(pid)):N0} MiB");
            }
        });
        if (retried + failed > 0)
        {
            Console.WriteLine($"  {retried} circuit starts retried, {failed} circuits given up after 3 attempts");
        }
    }

    /// <summary>
    /// One ingest at a time: every circuit waits for a batch carrying the new queue total (the count in
    /// its toolbar), the POST goes out, and the series records the slowest and the median circuit.
    /// </summary>
    private static async Task<(List<double> Last, List<double> Median, int Missed)> IngestSeriesAsync(
        HttpClient api, List<BlazorCircuitClient> clients, int ingests, Func<int> nextTotal, int checkpoint)
    {
        var last = new List<double>();
        var median = new List<double>();
        var missed = 0;
        for (var k = 0; k < ingests; k++)
        {
            var token = nextTotal().ToString(CultureInfo.InvariantCulture);
            var seen = clients.Select(c => c.WhenRendered(token)).ToList();
            var t0 = Stopwatch.GetTimestamp();
            await PostAsync(api, $"cap-{checkpoint}-{k}", $"我要退货，商品有质量问题 #{checkpoint}-{k}");
            try
            {
                await Task.WhenAll(seen).WaitAsync(TimeSpan.FromSeconds(60));
            }
            catch (TimeoutException)
            {
            }
            var times = seen.Where(s => s.IsCompletedSuccessfully).Select(s => Stopwatch.GetElapsedTime(t0, s.Result).TotalMilliseconds).Order().ToList();
            missed += clients.Count - times.Count;
            foreach (var client in clients)
            {
                client.ForgetWaiters();
            }
            if (times.Count > 0)
            {
                last.Add(times[^1]);
                median.Add(Percentiles.Of(times, 50));
            }
            await Task.Delay(500);
        }
        last.Sort();
        median.Sort();
        return (last, median, missed);
    }

    private static async Task PostAsync(HttpClient api, string customerId, string text)
    {
        var response = await api.PostAsJsonAsync("/api/messages", new { channel = "Chat", customerId, text });
        response.EnsureSuccessStatusCode();
    }

    private static double Mib(long bytes) => bytes / 1024.0 / 1024.0;

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
