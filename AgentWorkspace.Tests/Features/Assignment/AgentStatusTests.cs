using AgentWorkspace.Features.Assignment;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Realtime;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Tests.Features.Assignment;

/// <summary>在线/忙碌/小休/离线: opening a page, choosing, a supervisor's change, and the grace period after the last page closes (on the test's clock).</summary>
public sealed class AgentStatusTests(FakeClockApp app) : IClassFixture<FakeClockApp>
{
    private AgentStatusService Statuses => app.Get<AgentStatusService>();
    private TimeSpan Grace => app.Get<IOptions<AssignmentOptions>>().Value.OfflineGrace;

    private async Task<AgentStatus> EventuallyAsync(string user, AgentStatus expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        AgentStatus status;
        while ((status = await Statuses.StatusOfAsync(user)) != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        return status;
    }

    [Fact]
    public async Task Opening_a_page_makes_a_person_online_and_closing_the_last_one_makes_them_offline_after_the_grace_period()
    {
        var presence = app.Get<AgentPresence>();
        var first = await presence.EnterAsync("agent1");
        var second = await presence.EnterAsync("agent1");
        Assert.Equal(AgentStatus.Online, await Statuses.StatusOfAsync("agent1"));

        first.Dispose();
        app.Clock.Advance(Grace * 2);
        Assert.Equal(AgentStatus.Online, await Statuses.StatusOfAsync("agent1"));

        second.Dispose();
        app.Clock.Advance(Grace - TimeSpan.FromSeconds(1));
        await Task.Delay(100);
        Assert.Equal(AgentStatus.Online, await Statuses.StatusOfAsync("agent1"));

        app.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(AgentStatus.Offline, await EventuallyAsync("agent1", AgentStatus.Offline));
    }

    [Fact]
    public async Task A_page_that_comes_back_within_the_grace_period_keeps_the_person_online()
    {
        var presence = app.Get<AgentPresence>();
        (await presence.EnterAsync("wangjie")).Dispose();
        app.Clock.Advance(Grace / 2);
        using var again = await presence.EnterAsync("wangjie");
        app.Clock.Advance(Grace * 2);
        await Task.Delay(100);

        Assert.Equal(AgentStatus.Online, await Statuses.StatusOfAsync("wangjie"));
    }

    [Fact]
    public async Task A_chosen_status_survives_opening_pages_until_the_person_has_left()
    {
        var presence = app.Get<AgentPresence>();
        var page = await presence.EnterAsync("agent2");
        Assert.Null(await Statuses.SetAsync("agent2", AgentStatus.Break, "agent2"));

        using (await presence.EnterAsync("agent2"))
        {
            Assert.Equal(AgentStatus.Break, await Statuses.StatusOfAsync("agent2"));
        }
        page.Dispose();
        app.Clock.Advance(Grace + TimeSpan.FromSeconds(1));
        Assert.Equal(AgentStatus.Offline, await EventuallyAsync("agent2", AgentStatus.Offline));

        // The next sign-in starts 在线 again.
        using var next = await presence.EnterAsync("agent2");
        Assert.Equal(AgentStatus.Online, await Statuses.StatusOfAsync("agent2"));
    }

    [Fact]
    public async Task A_supervisor_may_set_anyones_status_an_agent_only_their_own_and_the_change_is_announced()
    {
        var seen = new List<WorkspaceEvent.AgentStatusChanged>();
        using var subscription = app.Get<CircuitEventBus>().Subscribe(e =>
        {
            if (e is WorkspaceEvent.AgentStatusChanged changed)
            {
                lock (seen)
                {
                    seen.Add(changed);
                }
            }
            return Task.CompletedTask;
        });

        Assert.Equal("supervisors-only", await Statuses.SetAsync("lead", AgentStatus.Busy, "agent1"));
        Assert.Equal("agent-status-unknown-user", await Statuses.SetAsync("nobody", AgentStatus.Busy, "lijie"));
        Assert.Null(await Statuses.SetAsync("lead", AgentStatus.Busy, "lijie"));

        Assert.Equal(AgentStatus.Busy, await Statuses.StatusOfAsync("lead"));
        await using var db = app.Db();
        Assert.True(await db.Audit.AnyAsync(a => a.Action == "agent-status" && a.Actor == "lijie" && a.Subject == "user:lead"));
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline && !seen.ToArray().Any(s => s.UserName == "lead"))
        {
            await Task.Delay(20);
        }
        Assert.Contains(seen.ToArray(), s => s is { UserName: "lead", Status: "Busy", ChangedBy: "lijie" });
    }
}
