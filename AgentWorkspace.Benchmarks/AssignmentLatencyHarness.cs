using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace AgentWorkspace.Benchmarks;

/// <summary>
/// Issue #15: how long a new conversation waits for its automatic owner. The app runs as its own process
/// in Automatic mode with <paramref name="agents"/> agents 在线 (written to its database, as their pages
/// would) and capacity enough for the whole run; messages arrive at a steady rate on chat and email.
/// Latency = the timeline's <c>auto-assigned</c> minus its <c>created</c> (both the server's clock), and
/// from just before the POST to <c>auto-assigned</c> (the same machine's clock).
/// </summary>
internal static class AssignmentLatencyHarness
{
    private static readonly string[] Agents = ["agent1", "agent2", "wangjie"];

    public static async Task RunAsync(int messages, int ratePerSecond, int agents)
    {
        agents = Math.Clamp(agents, 1, Agents.Length);
        Console.WriteLine($"Assignment latency: {messages} conversations at {ratePerSecond}/s, Automatic mode, {agents} agents online");
        var database = Path.Combine(Path.GetTempPath(), $"aw-bench-assign-{Guid.NewGuid():N}.db");
        using var app = await BenchmarkApp.StartAsync(new Dictionary<string, string>
        {
            ["Workspace__Seed__DemoPassword"] = "Bench@12345",
            ["Workspace__Assignment__Mode"] = "Automatic",
            ["Workspace__Assignment__Capacity__Chat"] = "1000",
            ["Workspace__Assignment__Capacity__Email"] = "1000",
            ["Workspace__Limits__ApiRequestsPerSecond"] = "100000",
        }, databasePath: database);
        await using (var db = new SqliteConnection($"Data Source={database}"))
        {
            await db.OpenAsync();
            foreach (var agent in Agents.Take(agents))
            {
                await using var insert = db.CreateCommand();
                insert.CommandText = "INSERT INTO AgentStates (UserName, Status, Chosen, ChangedAt, ChangedBy, Version) VALUES ($u, 'Online', 0, $t, 'bench', 1)";
                insert.Parameters.AddWithValue("$u", agent);
                insert.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.UtcTicks);
                await insert.ExecuteNonQueryAsync();
            }
        }

        using var http = app.ApiClient();
        var sent = new System.Collections.Concurrent.ConcurrentBag<(int Id, DateTimeOffset Before)>();
        var seconds = Math.Max(1, messages / ratePerSecond);
        var wall = Stopwatch.StartNew();
        await LatencyHarness.Paced(ratePerSecond, seconds, async seq =>
        {
            var before = DateTimeOffset.UtcNow;
            var response = await http.PostAsJsonAsync("/api/messages", new { channel = seq % 3 == 0 ? "Email" : "Chat", customerId = $"assign-{seq}", text = "我的订单怎么还没发货？" });
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            sent.Add((body.GetProperty("conversationId").GetInt32(), before));
        });
        wall.Stop();
        await Task.Delay(TimeSpan.FromSeconds(2));

        var server = new List<double>();
        var endToEnd = new List<double>();
        var unassigned = 0;
        var perAgent = new Dictionary<string, int>();
        foreach (var (id, before) in sent)
        {
            var c = await http.GetFromJsonAsync<JsonElement>($"/api/conversations/{id}");
            var steps = c.GetProperty("timeline").EnumerateArray().ToList();
            var created = steps.FirstOrDefault(s => s.GetProperty("kind").GetString() == "created");
            var assigned = steps.FirstOrDefault(s => s.GetProperty("kind").GetString() == "auto-assigned");
            if (assigned.ValueKind != JsonValueKind.Object || created.ValueKind != JsonValueKind.Object)
            {
                unassigned++;
                continue;
            }
            var at = assigned.GetProperty("at").GetDateTimeOffset();
            server.Add((at - created.GetProperty("at").GetDateTimeOffset()).TotalMilliseconds);
            endToEnd.Add((at - before).TotalMilliseconds);
            var owner = c.GetProperty("assignee").GetString() ?? "—";
            perAgent[owner] = perAgent.GetValueOrDefault(owner) + 1;
        }
        server.Sort();
        endToEnd.Sort();
        Console.WriteLine($"sent {sent.Count} in {wall.Elapsed.TotalSeconds:0.0} s; per agent: {string.Join(", ", perAgent.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}");
        Console.WriteLine("| measured from | assigned | p50 ms | p99 ms | max ms | unassigned |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        Console.WriteLine($"| `created` (server) | {server.Count} | {Percentiles.Of(server, 50):0.0} | {Percentiles.Of(server, 99):0.0} | {server.LastOrDefault():0.0} | {unassigned} |");
        Console.WriteLine($"| before the POST (client) | {endToEnd.Count} | {Percentiles.Of(endToEnd, 50):0.0} | {Percentiles.Of(endToEnd, 99):0.0} | {endToEnd.LastOrDefault():0.0} | {unassigned} |");
    }
}
