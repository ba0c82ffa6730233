using System.Net.Http.Json;
using AgentWorkspace.Benchmarks.Circuits;
using AgentWorkspace.Tests.Infrastructure;

namespace AgentWorkspace.Tests.Realtime;

/// <summary>
/// The capacity benchmark's headless Blazor circuit client against the real app on Kestrel: two
/// signed-in agents open /queue as live circuits (blazorpack over /_blazor, render batches
/// acknowledged), and a message ingested through the API reaches both as a render batch. Keeps the
/// client from rotting silently when Blazor's protocol or the page changes.
/// </summary>
public sealed class CircuitClientTests : IAsyncLifetime
{
    private readonly KestrelApp _app = new();

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Two_headless_circuits_on_the_queue_each_render_an_ingested_conversation()
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = _app.ServerAddress };
        var timeout = TimeSpan.FromSeconds(60);
        await using var first = await BlazorCircuitClient.StartAsync(http,
            await BlazorCircuitClient.SignInAsync(http, "agent1", WorkspaceApp.DemoPassword), "/queue", "queue-ready", timeout);
        await using var second = await BlazorCircuitClient.StartAsync(http,
            await BlazorCircuitClient.SignInAsync(http, "agent2", WorkspaceApp.DemoPassword), "/queue", "queue-ready", timeout);
        Assert.NotEqual(first.CircuitId, second.CircuitId);

        var customer = $"电路{Guid.NewGuid():N}"[..12];
        var seenByFirst = first.WhenRendered(customer);
        var seenBySecond = second.WhenRendered(customer);
        using var api = _app.ApiClient();
        (await api.PostAsJsonAsync("/api/messages", new { channel = "Chat", customerId = customer, customerName = customer, text = "我的订单怎么还没发货？" })).EnsureSuccessStatusCode();

        await Task.WhenAll(seenByFirst, seenBySecond).WaitAsync(timeout);
        Assert.Null(first.Error);
        Assert.Null(second.Error);
        Assert.True(first.Batches >= 2 && second.Batches >= 2, $"batches: {first.Batches}, {second.Batches}");
    }

    [Fact]
    public async Task An_open_queue_gets_no_render_batch_while_only_its_countdown_figures_move()
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = _app.ServerAddress };
        var timeout = TimeSpan.FromSeconds(60);
        await using var queue = await BlazorCircuitClient.StartAsync(http,
            await BlazorCircuitClient.SignInAsync(http, "agent1", WorkspaceApp.DemoPassword), "/queue", "queue-ready", timeout);
        var customer = $"静默{Guid.NewGuid():N}"[..12];
        var seen = queue.WhenRendered(customer);
        using var api = _app.ApiClient();
        (await api.PostAsJsonAsync("/api/messages", new { channel = "Email", customerId = customer, customerName = customer, text = "请问这款有现货吗" })).EnsureSuccessStatusCode();
        await seen.WaitAsync(timeout);

        // The hint ring (one second here) has run out; the SLA clock stays green for minutes, so only
        // its figure changes, and that ticks in the browser (sla-clock.js), not in a render batch.
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        var before = queue.Batches;
        await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);

        Assert.Null(queue.Error);
        Assert.Equal(before, queue.Batches);
    }

    [Fact]
    public async Task A_user_who_is_not_signed_in_gets_no_circuit()
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = _app.ServerAddress };
        await Assert.ThrowsAsync<InvalidOperationException>(() => BlazorCircuitClient.SignInAsync(http, "agent1", "wrong-password"));
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            BlazorCircuitClient.StartAsync(http, new System.Net.CookieContainer(), "/queue", "queue-ready", TimeSpan.FromSeconds(30)));
        Assert.Contains("302", refused.Message);
    }

    private sealed class KestrelApp() : WorkspaceApp(new Dictionary<string, string?> { ["Workspace:Classification:ConfirmWithin"] = "00:00:01" }, kestrel: true);
}
