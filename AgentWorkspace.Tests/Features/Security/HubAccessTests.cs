using System.Threading.Channels;
using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Realtime;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using EscalationReason = AgentWorkspace.Features.Conversations.EscalationReason;

namespace AgentWorkspace.Tests.Features.Security;

/// <summary>Real hub clients per role: what each receives, and what WatchConversation allows.</summary>
public sealed class HubAccessTests(WorkspaceApp app) : IClassFixture<WorkspaceApp>
{
    private async Task<string> CookieOf(string user)
    {
        using var client = app.CreateClient(app.Options());
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = user, ["password"] = WorkspaceApp.DemoPassword }), TestContext.Current.CancellationToken);
        return string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
    }

    private HubConnection Connect(string? cookie = null, string? apiKey = null) => new HubConnectionBuilder()
        .WithUrl(new Uri(app.Server.BaseAddress, "hubs/workspace"), o =>
        {
            o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling;
            if (cookie is not null)
            {
                o.Headers["Cookie"] = cookie;
            }
            if (apiKey is not null)
            {
                o.Headers["X-Api-Key"] = apiKey;
            }
        })
        .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()))
        .Build();

    private sealed record Listener(HubConnection Hub, System.Threading.Channels.Channel<EscalationView> Escalations, System.Threading.Channels.Channel<ConversationSummary> Changes);

    private async Task<Listener> ListenAsync(HubConnection hub)
    {
        var escalations = System.Threading.Channels.Channel.CreateUnbounded<EscalationView>();
        var changes = System.Threading.Channels.Channel.CreateUnbounded<ConversationSummary>();
        hub.On<EscalationView>(nameof(IWorkspaceClient.EscalationRaised), e => escalations.Writer.TryWrite(e));
        hub.On<ConversationSummary>(nameof(IWorkspaceClient.ConversationChanged), c => changes.Writer.TryWrite(c));
        await hub.StartAsync(TestContext.Current.CancellationToken);
        return new Listener(hub, escalations, changes);
    }

    [Fact]
    public async Task Escalations_reach_supervisors_and_leads_only()
    {
        await using var agent = Connect(await CookieOf("agent1"));
        await using var senior = Connect(await CookieOf("wangjie"));
        await using var supervisor = Connect(await CookieOf("lijie"));
        await using var lead = Connect(await CookieOf("lead"));
        await using var connector = Connect(apiKey: WorkspaceApp.ApiKey);
        var listeners = new Dictionary<string, Listener>
        {
            ["agent1"] = await ListenAsync(agent),
            ["wangjie"] = await ListenAsync(senior),
            ["lijie"] = await ListenAsync(supervisor),
            ["lead"] = await ListenAsync(lead),
            ["connector"] = await ListenAsync(connector),
        };

        var posted = await app.PostMessageAsync("我要投诉，三天了没人处理", customerId: "hub-groups-1", customerName: "钱七");
        var escalation = new EscalationView(9001, posted.ConversationId, EscalationReason.Urgent, DateTimeOffset.UtcNow, "lijie", "钱七", "我要投诉");
        await app.Get<WorkspaceEvents>().EscalationRaised(escalation);
        // A later event every staff member and the connector receive: once it has arrived, the escalation would have too.
        var marker = await app.PostMessageAsync("订单什么时候发货", customerId: "hub-groups-2", customerName: "孙八");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        foreach (var (who, listener) in listeners)
        {
            await ReadUntil(listener.Changes.Reader, c => c.Id == marker.ConversationId, timeout.Token);
            var received = listener.Escalations.Reader.TryRead(out var e) && e.Id == 9001;
            Assert.True(received == who is "lijie" or "lead", $"{who} received the escalation: {received}");
        }
    }

    [Fact]
    public async Task Watching_needs_an_existing_conversation_and_is_bounded_per_connection()
    {
        await using var agent = Connect(await CookieOf("agent2"));
        await agent.StartAsync(TestContext.Current.CancellationToken);

        var missing = await Assert.ThrowsAsync<HubException>(() => agent.InvokeAsync("WatchConversation", 999_999, TestContext.Current.CancellationToken));
        Assert.Contains("does not exist", missing.Message);

        var ids = new List<int>();
        for (var i = 0; i <= WorkspaceHub.MaxWatchedPerConnection; i++)
        {
            ids.Add((await app.PostMessageAsync($"第{i}个问题", channel: "Email", customerId: $"watch-{i}")).ConversationId);
        }
        foreach (var id in ids.Take(WorkspaceHub.MaxWatchedPerConnection))
        {
            await agent.InvokeAsync("WatchConversation", id, TestContext.Current.CancellationToken);
        }
        var over = await Assert.ThrowsAsync<HubException>(() => agent.InvokeAsync("WatchConversation", ids[^1], TestContext.Current.CancellationToken));
        Assert.Contains("at most", over.Message);

        await agent.InvokeAsync("UnwatchConversation", ids[0], TestContext.Current.CancellationToken);
        await agent.InvokeAsync("WatchConversation", ids[^1], TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_connector_key_without_the_read_scope_cannot_join_the_hub()
    {
        ConnectorKeyCreated created;
        using (Callers.As("lead", "TeamLead"))
        {
            created = (await app.Get<ConnectorKeyStore>().CreateAsync("只写入", [ConnectorScopes.Ingest], "lead", TestContext.Current.CancellationToken)).Created!;
        }
        await using var writeOnly = Connect(apiKey: created.Secret);
        var error = await Assert.ThrowsAnyAsync<Exception>(() => writeOnly.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains("403", error.Message);
    }

    [Fact]
    public async Task Connections_of_a_disabled_member_or_a_revoked_key_are_closed_at_the_next_check()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var seeded = await scope.ServiceProvider.GetRequiredService<AccountSeeder>().CreateAsync("agent-hub", "小吴", Roles.Agent, WorkspaceApp.DemoPassword);
            Assert.True(seeded.Succeeded);
        }
        ConnectorKeyCreated key;
        using (Callers.As("lead", Roles.TeamLead))
        {
            key = (await app.Get<ConnectorKeyStore>().CreateAsync("临时读取", [ConnectorScopes.Read], "lead", TestContext.Current.CancellationToken)).Created!;
        }
        await using var member = Connect(await CookieOf("agent-hub"));
        await using var connector = Connect(apiKey: key.Secret);
        await using var bystander = Connect(await CookieOf("agent1"));
        var closed = new Dictionary<string, TaskCompletionSource>
        {
            ["member"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
            ["connector"] = new(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        member.Closed += _ => { closed["member"].TrySetResult(); return Task.CompletedTask; };
        connector.Closed += _ => { closed["connector"].TrySetResult(); return Task.CompletedTask; };
        foreach (var hub in new[] { member, connector, bystander })
        {
            await hub.StartAsync(TestContext.Current.CancellationToken);
        }
        var sessions = app.Get<HubSessions>();
        Assert.Equal(0, await sessions.SweepAsync(TestContext.Current.CancellationToken));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            using (Callers.As("lead", Roles.TeamLead))
            {
                Assert.True((await scope.ServiceProvider.GetRequiredService<TeamAdmin>().SetDisabledAsync("agent-hub", true, "lead")).Succeeded);
                Assert.True(await app.Get<ConnectorKeyStore>().RevokeAsync(key.Key.Id, "lead", TestContext.Current.CancellationToken));
            }
        }

        Assert.Equal(2, await sessions.SweepAsync(TestContext.Current.CancellationToken));
        await Task.WhenAll(closed.Values.Select(c => c.Task)).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(HubConnectionState.Connected, bystander.State);
    }

    private static async Task<T> ReadUntil<T>(ChannelReader<T> reader, Func<T, bool> match, CancellationToken ct)
    {
        while (true)
        {
            var item = await reader.ReadAsync(ct);
            if (match(item))
            {
                return item;
            }
        }
    }
}
