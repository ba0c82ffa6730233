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
}
