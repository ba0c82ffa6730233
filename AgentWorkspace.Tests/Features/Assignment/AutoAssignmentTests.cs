using AgentWorkspace.Data;
using AgentWorkspace.Features.Assignment;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Tests.Features.Assignment;

/// <summary>
/// Automatic assignment against the real app and its SQLite file: capacity, least loaded first, break,
/// urgent first, and arrivals (or nodes) racing for the same agent. Each test has an app of its own,
/// because assignment counts every open conversation of the team.
/// </summary>
public sealed class AutoAssignmentTests
{
    private static async Task<FakeClockApp> StartAsync(AssignmentMode mode, params string[] online)
    {
        var app = new FakeClockApp();
        await app.InitializeAsync();
        if (mode == AssignmentMode.Automatic)
        {
            Assert.True(await app.Get<AssignmentModeStore>().SetAsync(AssignmentMode.Automatic, "lead", isTeamLead: true));
        }
        foreach (var user in online)
        {
            Assert.Null(await app.Get<AgentStatusService>().SetAsync(user, AgentStatus.Online, user));
        }
        return app;
    }

    /// <summary>Posts through the API and waits until this node's assignment run it started has finished.</summary>
    private static async Task<IngestReply> PostAsync(FakeClockApp app, string text, string channel = "Chat", string customerId = "cust-1")
    {
        var reply = await app.PostMessageAsync(text, channel: channel, customerId: customerId);
        await app.Get<AutoAssigner>().WhenIdleAsync();
        return reply;
    }

    private static async Task<string?> OwnerAsync(WorkspaceApp app, int id)
    {
        await using var db = app.Db();
        return await db.Conversations.Where(c => c.Id == id).Select(c => c.AssigneeUserName).SingleAsync();
    }

    private static async Task<Dictionary<string, int>> LoadsAsync(WorkspaceApp app, Channel channel)
    {
        await using var db = app.Db();
        return await db.Conversations.WhereOpen().Where(c => c.Channel == channel && c.AssigneeUserName != null)
            .GroupBy(c => c.AssigneeUserName!).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N);
    }

    [Fact]
    public async Task Manual_mode_leaves_new_conversations_to_be_claimed()
    {
        await using var app = await StartAsync(AssignmentMode.Manual, "agent1");

        var posted = await PostAsync(app, "订单什么时候发货", customerId: "aa-manual");

        Assert.Null(await OwnerAsync(app, posted.ConversationId));
        Assert.Equal(AssignmentMode.Manual, (await app.Get<AssignmentBoard>().PictureAsync()).Mode);
    }

    [Fact]
    public async Task Each_new_conversation_goes_to_the_least_loaded_online_agent_up_to_the_channels_capacity()
    {
        await using var app = await StartAsync(AssignmentMode.Automatic, "agent1", "agent2");
        var capacity = app.Get<IOptions<AssignmentOptions>>().Value.CapacityFor(Channel.Chat);
        Assert.Equal(5, capacity);

        var ids = new List<int>();
        for (var i = 0; i < 2 * capacity + 1; i++)
        {
            ids.Add((await PostAsync(app, $"请问订单什么时候发货 {i}", customerId: $"aa-cap-{i}")).ConversationId);
            var loads = await LoadsAsync(app, Channel.Chat);
            // Least loaded first: the two agents never differ by more than one.
            Assert.True(Math.Abs(loads.GetValueOrDefault("agent1") - loads.GetValueOrDefault("agent2")) <= 1, string.Join(", ", loads));
        }

        var final = await LoadsAsync(app, Channel.Chat);
        Assert.Equal(capacity, final["agent1"]);
        Assert.Equal(capacity, final["agent2"]);
        Assert.Null(await OwnerAsync(app, ids[^1]));
        await using (var db = app.Db())
        {
            Assert.Equal(2 * capacity, await db.Timeline.CountAsync(t => t.Kind == "auto-assigned" && t.Actor == "system"));
        }
        // An email still has room: capacity is per channel.
        var email = await PostAsync(app, "发票邮件什么时候发", channel: "Email", customerId: "aa-cap-email");
        Assert.NotNull(await OwnerAsync(app, email.ConversationId));
        // The wall board says why the last chat waits.
        var picture = await app.Get<AssignmentBoard>().PictureAsync();
        Assert.Contains(picture.Blocked, b => b.Key == "assignment-blocked-full" && b.Channel == Channel.Chat && b.Waiting == 1);

        // Resolving one frees capacity: the waiting chat goes to that agent at once.
        var first = ids[0];
        var owner = (await OwnerAsync(app, first))!;
        Assert.True((await app.Get<ConversationService>().ResolveAsync(first, owner)).Succeeded);
        await app.Get<AutoAssigner>().WhenIdleAsync();
        Assert.Equal(owner, await OwnerAsync(app, ids[^1]));
    }

    [Fact]
    public async Task An_agent_on_break_gets_nothing_new_and_waiting_work_goes_to_whoever_comes_online()
    {
        await using var app = await StartAsync(AssignmentMode.Automatic, "agent1");
        var statuses = app.Get<AgentStatusService>();
        Assert.Null(await statuses.SetAsync("agent2", AgentStatus.Break, "agent2"));

        var one = await PostAsync(app, "退货地址是哪里", customerId: "aa-break-1");
        Assert.Equal("agent1", await OwnerAsync(app, one.ConversationId));

        Assert.Null(await statuses.SetAsync("agent1", AgentStatus.Break, "agent1"));
        var two = await PostAsync(app, "优惠券怎么用", customerId: "aa-break-2");
        var three = await PostAsync(app, "发票怎么开", customerId: "aa-break-3");
        Assert.Null(await OwnerAsync(app, two.ConversationId));
        Assert.Null(await OwnerAsync(app, three.ConversationId));
        var picture = await app.Get<AssignmentBoard>().PictureAsync();
        Assert.Equal("assignment-blocked-no-agent", Assert.Single(picture.Blocked).Key);

        // agent2 comes back: the waiting conversations are assigned without anyone claiming them.
        Assert.Null(await statuses.SetAsync("agent2", AgentStatus.Online, "agent2"));
        Assert.Equal("agent2", await OwnerAsync(app, two.ConversationId));
        Assert.Equal("agent2", await OwnerAsync(app, three.ConversationId));
        Assert.Empty((await app.Get<AssignmentBoard>().PictureAsync()).Blocked);
    }

    [Fact]
    public async Task Urgent_conversations_jump_the_line_and_the_rest_go_oldest_first()
    {
        await using var app = await StartAsync(AssignmentMode.Automatic);
        var capacity = app.Get<IOptions<AssignmentOptions>>().Value.CapacityFor(Channel.Chat);
        var ordinary = new List<IngestReply>();
        for (var i = 0; i < capacity + 1; i++)
        {
            ordinary.Add(await PostAsync(app, $"请问订单什么时候发货 {i}", customerId: $"aa-prio-{i}"));
            app.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        var urgent = await PostAsync(app, "支付失败了，订单还被取消了", customerId: "aa-prio-urgent");
        Assert.Equal("Urgent", urgent.Classification.Priority);
        Assert.All(ordinary, o => Assert.NotEqual("Urgent", o.Classification.Priority));

        // Nobody was online: all wait. agent1 arrives with room for `capacity` of the capacity + 2.
        Assert.Null(await app.Get<AgentStatusService>().SetAsync("agent1", AgentStatus.Online, "agent1"));

        Assert.Equal("agent1", await OwnerAsync(app, urgent.ConversationId));
        for (var i = 0; i < capacity - 1; i++)
        {
            Assert.Equal("agent1", await OwnerAsync(app, ordinary[i].ConversationId));
        }
        Assert.Null(await OwnerAsync(app, ordinary[^2].ConversationId));
        Assert.Null(await OwnerAsync(app, ordinary[^1].ConversationId));
    }

    [Fact]
    public async Task Two_arrivals_at_once_never_overfill_an_agent()
    {
        await using var app = await StartAsync(AssignmentMode.Automatic, "agent1");
        var capacity = app.Get<IOptions<AssignmentOptions>>().Value.CapacityFor(Channel.Chat);
        for (var i = 0; i < capacity - 1; i++)
        {
            await PostAsync(app, $"请问订单什么时候发货 {i}", customerId: $"aa-race-{i}");
        }
        Assert.Equal(capacity - 1, (await LoadsAsync(app, Channel.Chat))["agent1"]);

        var both = await Task.WhenAll(
            app.PostMessageAsync("我的快递到哪了", customerId: "aa-race-a"),
            app.PostMessageAsync("怎么修改收货地址", customerId: "aa-race-b"));
        await app.Get<AutoAssigner>().WhenIdleAsync();

        Assert.Equal(capacity, (await LoadsAsync(app, Channel.Chat))["agent1"]);
        var owners = new[] { await OwnerAsync(app, both[0].ConversationId), await OwnerAsync(app, both[1].ConversationId) };
        Assert.Single(owners, o => o == "agent1");
        Assert.Single(owners, o => o is null);
    }

    [Fact]
    public async Task Assignments_of_different_conversations_racing_for_one_agent_never_overfill_them()
    {
        await using var app = await StartAsync(AssignmentMode.Manual, "agent1");
        var capacity = app.Get<IOptions<AssignmentOptions>>().Value.CapacityFor(Channel.Chat);
        var waiting = new List<int>();
        for (var i = 0; i < capacity * 4; i++)
        {
            waiting.Add((await PostAsync(app, $"请问订单什么时候发货 {i}", customerId: $"aa-agent-race-{i}")).ConversationId);
        }
        var assigner = app.Get<AutoAssigner>();

        // Every conversation at once, as arrivals on as many nodes would: only the agent's row stands between them.
        var outcomes = await Task.WhenAll(waiting.Select(id => Task.Run(() => assigner.AssignOneAsync(id))));

        Assert.Equal(capacity, (await LoadsAsync(app, Channel.Chat))["agent1"]);
        Assert.Equal(capacity, outcomes.Count(o => o.Kind == ActionKind.Done));
    }

    [Fact]
    public async Task A_burst_is_assigned_in_batches_that_count_their_own_choices_and_skip_a_full_channel_only()
    {
        // A burst waits while the mode is Manual; switching to Automatic serves it in batched writes.
        await using var app = await StartAsync(AssignmentMode.Manual, "agent1", "agent2");
        var opts = app.Get<IOptions<AssignmentOptions>>().Value;
        var chatCapacity = opts.CapacityFor(Channel.Chat);
        var chats = new List<int>();
        for (var i = 0; i < chatCapacity * 2 + 2 + AutoAssigner.BatchSize; i++)
        {
            chats.Add((await PostAsync(app, $"请问订单什么时候发货 {i}", customerId: $"aa-burst-{i}")).ConversationId);
        }
        // An email after every chat: its channel still has room when chat is full.
        var email = (await PostAsync(app, "发票什么时候开", channel: "Email", customerId: "aa-burst-email")).ConversationId;
        Assert.True(await app.Get<AssignmentModeStore>().SetAsync(AssignmentMode.Automatic, "lead", isTeamLead: true));
        await app.Get<AutoAssigner>().RequestAsync();

        // Each batch counts what it already gave: both agents exactly full, never one over.
        var loads = await LoadsAsync(app, Channel.Chat);
        Assert.Equal(chatCapacity, loads["agent1"]);
        Assert.Equal(chatCapacity, loads["agent2"]);
        // Oldest first, alternating between the two equally loaded agents.
        var owners = new List<string?>();
        foreach (var id in chats)
        {
            owners.Add(await OwnerAsync(app, id));
        }
        Assert.All(owners.Take(chatCapacity * 2), o => Assert.NotNull(o));
        Assert.All(owners.Skip(chatCapacity * 2), o => Assert.Null(o));
        Assert.NotEqual(owners[0], owners[1]);
        Assert.NotNull(await OwnerAsync(app, email));
        await using var db = app.Db();
        Assert.Equal(chatCapacity * 2 + 1, await db.Timeline.CountAsync(t => t.Kind == AutoAssigner.Step));
    }

    [Fact]
    public async Task A_manual_claim_past_capacity_goes_through_and_is_reported_in_automatic_mode_only()
    {
        await using var app = await StartAsync(AssignmentMode.Automatic, "agent1");
        var capacity = app.Get<IOptions<AssignmentOptions>>().Value.CapacityFor(Channel.Chat);
        for (var i = 0; i < capacity; i++)
        {
            await PostAsync(app, $"请问订单什么时候发货 {i}", customerId: $"aa-over-{i}");
        }
        var extra = await PostAsync(app, "退款什么时候到账", customerId: "aa-over-extra");
        Assert.Null(await OwnerAsync(app, extra.ConversationId));
        var notice = app.Get<CapacityNotice>();
        Assert.Null(await notice.AfterTakingAsync("agent1", Channel.Chat));

        // The agent's own choice is not refused…
        var claimed = await app.Get<ConversationService>().ClaimAsync(extra.ConversationId, "agent1");
        Assert.Equal(ActionKind.Done, claimed.Kind);
        Assert.Equal("agent1", await OwnerAsync(app, extra.ConversationId));
        // …but it is reported, with the load and the capacity the page shows.
        Assert.Equal(new OverCapacity("agent1", Channel.Chat, capacity + 1, capacity), await notice.AfterTakingAsync("agent1", Channel.Chat));
        // Other channels are counted on their own.
        Assert.Null(await notice.AfterTakingAsync("agent1", Channel.Email));

        // In Manual mode capacity means nothing, so there is nothing to report.
        Assert.True(await app.Get<AssignmentModeStore>().SetAsync(AssignmentMode.Manual, "lead", isTeamLead: true));
        Assert.Null(await notice.AfterTakingAsync("agent1", Channel.Chat));
    }

    [Fact]
    public async Task Four_nodes_running_the_line_at_once_never_overfill_an_agent_or_assign_a_conversation_twice()
    {
        // Conversations arrive while the mode is Manual, so nothing is assigned yet.
        await using var app = await StartAsync(AssignmentMode.Manual, "agent1");
        var capacity = app.Get<IOptions<AssignmentOptions>>().Value.CapacityFor(Channel.Chat);
        var waiting = new List<int>();
        for (var i = 0; i < capacity * 3; i++)
        {
            waiting.Add((await PostAsync(app, $"请问订单什么时候发货 {i}", customerId: $"aa-nodes-{i}")).ConversationId);
        }
        Assert.True(await app.Get<AssignmentModeStore>().SetAsync(AssignmentMode.Automatic, "lead", isTeamLead: true));

        // Each node has its own assigner (its own in-process guard); only the database stands between them.
        var nodes = Enumerable.Range(0, 4).Select(_ => new AutoAssigner(
            new Lazy<ConversationService>(app.Get<ConversationService>),
            app.Get<IDbContextFactory<WorkspaceDbContext>>(),
            app.Get<AssignmentModeStore>(),
            app.Get<IOptions<AssignmentOptions>>(),
            app.Get<ILoggerFactory>().CreateLogger<AutoAssigner>())).ToList();
        await Task.WhenAll(nodes.Select(n => Task.Run(() => n.RequestAsync())));

        Assert.Equal(capacity, (await LoadsAsync(app, Channel.Chat))["agent1"]);
        await using var db = app.Db();
        var steps = await db.Timeline.Where(t => t.Kind == "auto-assigned").Select(t => t.ConversationId).ToListAsync();
        Assert.Equal(capacity, steps.Count);
        Assert.Equal(capacity, steps.Distinct().Count());
        // Oldest first: the first `capacity` arrivals got the agent.
        Assert.Equal(waiting.Take(capacity).Order(), steps.Order());
    }
}
