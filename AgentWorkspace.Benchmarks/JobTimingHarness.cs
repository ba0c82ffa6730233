using System.Net.Http.Json;
using System.Text.Json;

namespace AgentWorkspace.Benchmarks;

/// <summary>
/// How late the escalation job fires after its due time with the tuned Hangfire polling: messages
/// with a 3-second no-response rule, lateness = escalatedAt − (createdAt + 3 s), read back from the API.
/// </summary>
internal static class JobTimingHarness
{
    public static async Task RunAsync(int messages, int ratePerSecond)
    {
        var rule = TimeSpan.FromSeconds(3);
        Console.WriteLine($"Job timing: {messages} conversations at {ratePerSecond}/s, no-response rule {rule.TotalSeconds} s, schedule polling 250 ms");
        using var app = await BenchmarkApp.StartAsync(new Dictionary<string, string> { ["Workspace__Escalation__NoResponseAfter"] = "00:00:03" });
        using var http = app.ApiClient();
        var ids = new System.Collections.Concurrent.ConcurrentBag<int>();
        await LatencyHarness.Paced(ratePerSecond, Math.Max(1, messages / ratePerSecond), async seq =>
        {
            var response = await http.PostAsJsonAsync("/api/messages", new { channel = "Email", customerId = $"timing-{seq}", text = "我的订单怎么还没发货？" });
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            ids.Add(body.GetProperty("conversationId").GetInt32());
        });
        await Task.Delay(rule + TimeSpan.FromSeconds(5));
        var lateness = new List<double>();
        var missing = 0;
        foreach (var id in ids)
        {
            var c = await http.GetFromJsonAsync<JsonElement>($"/api/conversations/{id}");
            if (c.GetProperty("escalatedAt").ValueKind == JsonValueKind.Null)
            {
                missing++;
                continue;
            }
            var due = c.GetProperty("createdAt").GetDateTimeOffset() + rule;
            lateness.Add((c.GetProperty("escalatedAt").GetDateTimeOffset() - due).TotalMilliseconds);
        }
        lateness.Sort();
        Console.WriteLine("| jobs | p50 late ms | p99 late ms | max late ms | earliest ms | not fired |");
        Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
        Console.WriteLine($"| {lateness.Count} | {Percentiles.Of(lateness, 50):0} | {Percentiles.Of(lateness, 99):0} | {lateness.LastOrDefault():0} | {lateness.FirstOrDefault():0} | {missing} |");
    }
}
