using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Realtime;
using AgentWorkspace.Tests.Infrastructure;

namespace AgentWorkspace.Tests.Features.Nodes;

/// <summary>
/// Two nodes (two apps in this process, each on its own SQLite file) sharing a real <c>redis-server</c>:
/// an agent on node A and one on node B who open the same conversation see each other, typing
/// included, and a node that leaves takes its viewers with it. Skipped, naming the Debian packages,
/// where the servers are not installed.
/// </summary>
public sealed class ViewersAcrossNodesTests(ViewersAcrossNodesTests.Pair pair) : IClassFixture<ViewersAcrossNodesTests.Pair>
{
    private static int _nextId = 900_000;

    [Fact]
    public async Task Agents_on_two_nodes_in_one_conversation_see_each_other_and_who_is_typing()
    {
        var (a, b) = Nodes();
        var id = Interlocked.Increment(ref _nextId);
        var heardOnB = new List<IReadOnlyList<ConversationViewer>>();
        using var listening = b.Get<CircuitEventBus>().Subscribe(e =>
        {
            if (e is WorkspaceEvent.ViewersChanged v && v.ConversationId == id)
            {
                lock (heardOnB)
                {
                    heardOnB.Add(v.Viewers);
                }
            }
            return Task.CompletedTask;
        });

        using var onA = a.Get<ConversationViewers>().Enter(id, "agent1", "小王");
        await UntilAsync(() => Names(b, id) == "agent1", () => $"node B sees [{Names(b, id)}]");

        using var onB = b.Get<ConversationViewers>().Enter(id, "agent2", "小李");
        await UntilAsync(() => Names(a, id) == "agent1,agent2", () => $"node A sees [{Names(a, id)}]");

        onA.SetTyping(true);
        await UntilAsync(() => b.Get<ConversationViewers>().Of(id).Any(v => v.UserName == "agent1" && v.Typing), () => "node B never saw agent1 typing");
        await UntilAsync(() => Heard(heardOnB, v => v.Any(x => x is { UserName: "agent1", Typing: true }) && v.Any(x => x.UserName == "agent2")),
            () => "node B's pages were never told that agent1 types beside agent2");

        onA.Dispose();
        await UntilAsync(() => Names(b, id) == "agent2", () => $"after agent1 left node B sees [{Names(b, id)}]");
        Assert.Equal("agent2", Names(a, id));
    }

    [Fact]
    public async Task A_node_that_starts_later_learns_who_already_has_a_conversation_open()
    {
        var (a, _) = Nodes();
        var id = Interlocked.Increment(ref _nextId);
        using var onA = a.Get<ConversationViewers>().Enter(id, "agent3", "小张");

        await using var late = new Node(pair.Redis!);
        await late.InitializeAsync();
        await UntilAsync(() => Names(late, id) == "agent3", () => $"the late node sees [{Names(late, id)}]");

        using var onLate = late.Get<ConversationViewers>().Enter(id, "agent4", "小赵");
        await UntilAsync(() => Names(a, id) == "agent3,agent4", () => $"node A sees [{Names(a, id)}]");

        // Leaving: the late node says so on its way out, and its viewer leaves node A's pages at once.
        await late.DisposeAsync();
        await UntilAsync(() => Names(a, id) == "agent3", () => $"after the late node stopped node A sees [{Names(a, id)}]");
    }

    private (WorkspaceApp A, WorkspaceApp B) Nodes()
    {
        Assert.SkipWhen(pair.SkipReason is not null, $"Two-node viewers test skipped: {pair.SkipReason}");
        foreach (var node in new[] { pair.A!, pair.B! })
        {
            Assert.True(node.Services.GetService(typeof(RedisNodeLink)) is not null, "the node runs without its Redis link");
        }
        return (pair.A!, pair.B!);
    }

    private static string Names(WorkspaceApp node, int id) => string.Join(',', node.Get<ConversationViewers>().Of(id).Select(v => v.UserName));

    private static bool Heard(List<IReadOnlyList<ConversationViewer>> heard, Func<IReadOnlyList<ConversationViewer>, bool> match)
    {
        lock (heard)
        {
            return heard.Any(match);
        }
    }

    private static Task UntilAsync(Func<bool> condition, Func<string> failure) =>
        Eventually.TrueAsync(condition, TimeSpan.FromSeconds(10), failure);

    public sealed class Pair : IAsyncLifetime
    {
        private ClusterServices? _cluster;

        public string? SkipReason { get; private set; } = ClusterServices.WhyNot();

        public string? Redis => _cluster?.Redis;

        public WorkspaceApp? A { get; private set; }

        public WorkspaceApp? B { get; private set; }

        public async ValueTask InitializeAsync()
        {
            if (SkipReason is not null)
            {
                return;
            }
            _cluster = await ClusterServices.StartAsync();
            A = new Node(_cluster.Redis);
            B = new Node(_cluster.Redis);
            await A.InitializeAsync();
            await B.InitializeAsync();
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var app in new[] { A, B })
            {
                if (app is not null)
                {
                    await app.DisposeAsync();
                }
            }
            if (_cluster is not null)
            {
                await _cluster.DisposeAsync();
            }
        }
    }

    private sealed class Node(string redis) : WorkspaceApp
    {
        // Read while the app composes its services (whether to add the node link at all), which is
        // before the factory's configuration callbacks apply; a host setting is there from the start.
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Redis", redis);
        }
    }
}
