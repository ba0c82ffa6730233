using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Queue;

namespace AgentWorkspace.Tests.Features.Queue;

public sealed class QueueModelTests
{
    [Fact]
    public void An_older_event_never_overwrites_a_newer_row()
    {
        var queue = new QueueModel("agent1");
        queue.Load([QueueRowTests.Row(id: 7) with { Version = 3, AssigneeUserName = "agent2" }]);

        var stale = QueueRowTests.Row(id: 7) with { Version = 2, AssigneeUserName = null };
        Assert.False(queue.Apply(stale));
        Assert.Equal("agent2", Assert.Single(queue.Visible).AssigneeUserName);

        var newer = QueueRowTests.Row(id: 7) with { Version = 4, AssigneeUserName = "agent1" };
        Assert.True(queue.Apply(newer));
        Assert.Equal("agent1", Assert.Single(queue.Visible).AssigneeUserName);
    }

    [Fact]
    public void A_late_event_from_before_resolution_does_not_bring_the_row_back()
    {
        var queue = new QueueModel("agent1");
        queue.Load([QueueRowTests.Row(id: 7) with { Version = 2 }]);

        Assert.True(queue.Apply(QueueRowTests.Row(id: 7) with { Version = 5, Status = ConversationStatus.Resolved }));
        Assert.Empty(queue.Visible);

        Assert.False(queue.Apply(QueueRowTests.Row(id: 7) with { Version = 4 }));
        Assert.Empty(queue.Visible);

        // Reopened later: a newer version is welcome again.
        Assert.True(queue.Apply(QueueRowTests.Row(id: 7) with { Version = 6, Status = ConversationStatus.Open }));
        Assert.Single(queue.Visible);
    }

    [Fact]
    public void The_same_row_again_changes_nothing()
    {
        var queue = new QueueModel("agent1");
        var row = QueueRowTests.Row(id: 7) with { Version = 2 };
        queue.Load([row]);

        Assert.False(queue.Apply(row));
        Assert.Equal(1, queue.Total);
    }

    [Fact]
    public void The_queue_looks_different_next_when_its_soonest_row_changes_tone_or_hint_ring()
    {
        // Row(): urgent chat arrived at Arrived, due five minutes on, unclassified with a 10 s ring.
        var arrived = QueueRowTests.Row().CreatedAt;
        var within = TimeSpan.FromSeconds(10);
        var queue = new QueueModel("agent1");
        queue.Load([QueueRowTests.Row(id: 1, classified: true), QueueRowTests.Row(id: 2) with { CreatedAt = arrived.AddSeconds(100) }]);

        // Row 2 arrived 100 s after row 1: half a second later its ring shows 10, and 9 from 101 s.
        Assert.Equal(arrived.AddSeconds(101), queue.NextFaceChange(arrived.AddSeconds(100.5), within));
        // After the ring: row 1 turns amber at 150 s (half of five minutes left).
        Assert.Equal(arrived.AddSeconds(150), queue.NextFaceChange(arrived.AddSeconds(120), within));

        foreach (var at in new[] { 100.5, 120, 149.999 })
        {
            var now = arrived.AddSeconds(at);
            var next = queue.NextFaceChange(now, within);
            // Nothing any row shows besides its figure changes before the instant the model names.
            Assert.All(queue.Visible, r => Assert.Equal(RowClock.Face(r, now, within), RowClock.Face(r, next.AddTicks(-1), within)));
            Assert.Contains(queue.Visible, r => RowClock.Face(r, now, within) != RowClock.Face(r, next, within));
        }
    }

    [Fact]
    public void A_queue_of_stopped_clocks_never_needs_a_timed_render()
    {
        var queue = new QueueModel("agent1");
        var arrived = QueueRowTests.Row().CreatedAt;
        queue.Load([QueueRowTests.Row(id: 1, classified: true, responded: arrived.AddSeconds(20))]);

        Assert.Equal(DateTimeOffset.MaxValue, queue.NextFaceChange(arrived.AddMinutes(1), TimeSpan.FromSeconds(10)));
    }
}
