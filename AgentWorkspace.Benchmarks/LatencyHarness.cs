using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace AgentWorkspace.Benchmarks;

/// <summary>
/// Ingest-to-hub-client latency: N clients on /hubs/workspace, messages POSTed to /api/messages at
/// a fixed rate; latency runs from just before the POST to each client's MessageAppended. The floor
/// is a bare hub broadcast (Ping → Pong) at the same rate to the same clients on the same server.
/// With <c>postgres</c> it runs on a real PostgreSQL and Redis (started for the run) with one or more
/// nodes: clients are spread over the nodes and the messages are posted to the first one, so with two
/// nodes half the clients hear them through the Redis backplane. It ends with ingest throughput.
/// </summary>
internal static class LatencyHarness
{
    public static async Task RunAsync(int clients, int ratePerSecond, int seconds, string provider = "sqlite", int nodes = 1)
    {
        var postgres = provider.StartsWith("postgres", StringComparison.OrdinalIgnoreCase);
        nodes = postgres ? Math.Max(1, nodes) : 1;
        Console.WriteLine($"Latency: {clients} hub clients, {ratePerSecond} messages/s for {seconds} s on {(postgres ? $"PostgreSQL + Redis, {nodes} node(s)" : "SQLite, 1 node")} (everything on this machine, 2 cores shared with the clients)");
        await using var cluster = postgres ? await ClusterServices.StartAsync() : null;
        var apps = new List<AppProcess>();
        for (var n = 0; n < nodes; n++)
        {
            apps.Add(await BenchmarkApp.StartAsync(cluster is null ? new Dictionary<string, string>() : new Dictionary<string, string>
            {
                ["Workspace__Database__Provider"] = "PostgreSql",
                ["ConnectionStrings__Workspace"] = cluster.Database("aw_bench"),
                ["ConnectionStrings__Redis"] = cluster.Redis,
            }));
        }
        try
        {
            await MeasureAsync(apps, clients, ratePerSecond, seconds);
        }
        finally
        {
            foreach (var node in apps)
            {
                node.Dispose();
            }
        }
    }

    private static async Task MeasureAsync(List<AppProcess> apps, int clients, int ratePerSecond, int seconds)
    {
        var app = apps[0];
        var sentAt = new ConcurrentDictionary<long, long>();
        var ingest = new ConcurrentBag<double>();
        var floor = new ConcurrentBag<double>();
        var connections = new List<HubConnection>();
        for (var i = 0; i < clients; i++)
        {
            var hub = new HubConnectionBuilder()
                .WithUrl(new Uri(apps[i % apps.Count].Address, "hubs/workspace"), o =>
                {
                    o.Headers["X-Api-Key"] = BenchmarkApp.ApiKey;
                    o.Transports = HttpTransportType.WebSockets;
                    o.SkipNegotiation = true;
                })
                .Build();
            hub.On<MessageEnvelope>("MessageAppended", m =>
            {
                var now = Stopwatch.GetTimestamp();
                if (m.Text.StartsWith("#", StringComparison.Ordinal) && long.TryParse(m.Text.AsSpan(1, m.Text.IndexOf(' ') - 1), out var seq) && sentAt.TryGetValue(seq, out var t0))
                {
                    ingest.Add(Stopwatch.GetElapsedTime(t0, now).TotalMilliseconds);
                }
            });
            hub.On<long>("Pong", seq =>
            {
                var now = Stopwatch.GetTimestamp();
                if (sentAt.TryGetValue(-seq, out var t0))
                {
                    floor.Add(Stopwatch.GetElapsedTime(t0, now).TotalMilliseconds);
                }
            });
            await hub.StartAsync();
            connections.Add(hub);
        }

        using var http = app.ApiClient();
        var sender = connections[0];
        // Warm-up so JIT and connection pools do not count.
        for (var w = 0; w < 20; w++)
        {
            await http.PostAsJsonAsync("/api/messages", new { channel = "Chat", customerId = $"warm-{w}", text = $"#0 warm {w}" });
            await sender.InvokeAsync("Ping", 0L);
        }
        ingest.Clear();
        floor.Clear();

        await Paced(ratePerSecond, seconds, async seq =>
        {
            sentAt[-seq] = Stopwatch.GetTimestamp();
            await sender.InvokeAsync("Ping", seq);
        });
        await Task.Delay(2000);
        var floorSamples = floor.OrderBy(x => x).ToList();

        await Paced(ratePerSecond, seconds, async seq =>
        {
            sentAt[seq] = Stopwatch.GetTimestamp();
            var response = await http.PostAsJsonAsync("/api/messages", new { channel = "Chat", customerId = $"bench-{seq % 500}", text = $"#{seq} 我的订单怎么还没发货？订单号【2305180{seq % 100:00}】" });
            response.EnsureSuccessStatusCode();
        });
        await Task.Delay(2000);
        var ingestSamples = ingest.OrderBy(x => x).ToList();

        foreach (var hub in connections)
        {
            await hub.DisposeAsync();
        }
        var expected = (long)ratePerSecond * seconds * clients;
        Console.WriteLine($"| path | deliveries | p50 ms | p99 ms | max ms |");
        Console.WriteLine($"| --- | --- | --- | --- | --- |");
        Console.WriteLine($"| bare hub broadcast (floor) | {floorSamples.Count}/{expected} | {Percentiles.Of(floorSamples, 50):0.0} | {Percentiles.Of(floorSamples, 99):0.0} | {floorSamples.LastOrDefault():0.0} |");
        Console.WriteLine($"| POST /api/messages → MessageAppended | {ingestSamples.Count}/{expected} | {Percentiles.Of(ingestSamples, 50):0.0} | {Percentiles.Of(ingestSamples, 99):0.0} | {ingestSamples.LastOrDefault():0.0} |");
        Console.WriteLine($"p99 ratio ingest/floor: {Percentiles.Of(ingestSamples, 99) / Percentiles.Of(floorSamples, 99):0.00}×");

        // Throughput: as fast as 32 connectors can post (each to the nodes in turn), distinct customers.
        const int total = 2000, senders = 32;
        var clientsByNode = apps.Select(a => a.ApiClient()).ToList();
        var next = 0L;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, senders).Select(async _ =>
        {
            for (long seq; (seq = Interlocked.Increment(ref next)) <= total;)
            {
                var response = await clientsByNode[(int)(seq % clientsByNode.Count)].PostAsJsonAsync("/api/messages",
                    new { channel = "Chat", customerId = $"tp-{seq}", text = $"#{seq} 请问退款什么时候到账？订单号【2305181{seq % 100:00}】" });
                response.EnsureSuccessStatusCode();
            }
        }));
        var elapsed = Stopwatch.GetElapsedTime(started);
        Console.WriteLine($"Ingest throughput: {total} messages by {senders} concurrent senders over {apps.Count} node(s) in {elapsed.TotalSeconds:0.0} s = {total / elapsed.TotalSeconds:0} messages/s");
        clientsByNode.ForEach(c => c.Dispose());
    }

    internal static async Task Paced(int ratePerSecond, int seconds, Func<long, Task> send)
    {
        var interval = TimeSpan.FromSeconds(1.0 / ratePerSecond);
        var start = Stopwatch.GetTimestamp();
        var inFlight = new List<Task>();
        for (long seq = 1; seq <= ratePerSecond * seconds; seq++)
        {
            var due = interval * (seq - 1);
            var wait = due - Stopwatch.GetElapsedTime(start);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            inFlight.Add(send(seq));
        }
        await Task.WhenAll(inFlight);
    }

    private sealed record MessageEnvelope(long Id, int ConversationId, string Text);
}
