using AgentWorkspace.Features;
using AgentWorkspace.Features.Alerts;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Tests.Infrastructure;

namespace AgentWorkspace.Tests.Features.Alerts;

public sealed class AlertDeciderTests
{
    private static readonly DateTimeOffset Arrived = TestClock.NextMondayMorning();

    /// <summary>A chat conversation due 10 minutes after it arrived.</summary>
    private static ConversationSummary Row(int id, string? assignee, long version, ConversationStatus status = ConversationStatus.Open, DateTimeOffset? responded = null) => new()
    {
        Id = id,
        CustomerExternalId = "56",
        CustomerName = "王芳",
        Channel = Channel.Chat,
        Preview = "我的订单怎么还没发货？",
        Status = status,
        Category = Category.Consultation,
        Topic = "logistics",
        Priority = Priority.High,
        CreatedAt = Arrived,
        ClassifiedAt = Arrived,
        FirstResponseDueAt = Arrived.AddMinutes(10),
        FirstRespondedAt = responded,
        LastCustomerMessageAt = Arrived,
        AssigneeUserName = assignee,
        Version = version,
    };

    private static MessageView Message(long id, int conversationId, AuthorKind kind, string author, string text) => new()
    {
        Id = id,
        ConversationId = conversationId,
        AuthorKind = kind,
        AuthorName = author,
        Text = text,
        CreatedAt = Arrived,
    };

    private static WorkspaceEvent Changed(ConversationSummary c) => new WorkspaceEvent.ConversationChanged(c);

    private static WorkspaceEvent CustomerWrote(int conversationId, string text = "还没到") =>
        new WorkspaceEvent.MessageAppended(Message(1, conversationId, AuthorKind.Customer, "王芳", text));

    private static AlertDecider For(string user = "agent1", AlertPreferences? preferences = null) =>
        new(user, preferences ?? AlertPreferences.Defaults(user));

    [Fact]
    public void A_conversation_becoming_mine_alerts_once_and_its_later_changes_do_not()
    {
        var decider = For();
        Assert.Null(decider.Decide(Changed(Row(1, null, 1))));

        var alert = decider.Decide(Changed(Row(1, "agent1", 2)));
        Assert.Equal(AlertKind.Assigned, alert?.Kind);
        Assert.Equal(1, alert?.ConversationId);
        Assert.Equal("王芳", alert?.Who);

        Assert.Null(decider.Decide(Changed(Row(1, "agent1", 3))));
    }

    [Fact]
    public void Someone_else_s_conversation_and_repeated_or_older_events_do_not_alert()
    {
        var decider = For();
        Assert.Null(decider.Decide(Changed(Row(1, "agent2", 2))));
        Assert.NotNull(decider.Decide(Changed(Row(1, "agent1", 4))));
        // Taken away, then an older event arrives late: it is not "mine again".
        Assert.Null(decider.Decide(Changed(Row(1, "agent2", 5))));
        Assert.Null(decider.Decide(Changed(Row(1, "agent1", 4))));
    }

    [Fact]
    public void Conversations_already_mine_when_the_tab_opens_are_not_news()
    {
        var decider = For();
        decider.Seed([Row(1, "agent1", 3), Row(2, "agent2", 1)], Arrived);
        Assert.Null(decider.Decide(Changed(Row(1, "agent1", 4))));
        Assert.Equal(AlertKind.CustomerReply, decider.Decide(CustomerWrote(1))?.Kind);
        Assert.Null(decider.Decide(CustomerWrote(2)));
    }

    [Fact]
    public void A_customer_reply_alerts_only_on_mine_and_only_from_the_customer()
    {
        var decider = For();
        decider.Decide(Changed(Row(1, "agent1", 2)));
        var alert = decider.Decide(CustomerWrote(1, "到底什么时候发货"));
        Assert.Equal(AlertKind.CustomerReply, alert?.Kind);
        Assert.Equal("到底什么时候发货", alert?.Text);

        Assert.Null(decider.Decide(new WorkspaceEvent.MessageAppended(Message(2, 1, AuthorKind.Agent, "agent1", "马上处理"))));
        Assert.Null(decider.Decide(CustomerWrote(9)));

        // Once it is no longer mine (reassigned or resolved), its messages are not my alerts.
        decider.Decide(Changed(Row(1, "agent1", 3, ConversationStatus.Resolved)));
        Assert.Null(decider.Decide(CustomerWrote(1)));
    }

    [Fact]
    public void At_risk_alerts_once_under_a_fifth_of_the_sla_and_again_only_for_a_new_due_time()
    {
        var decider = For();
        decider.Decide(Changed(Row(1, "agent1", 2)));

        Assert.Empty(decider.Tick(Arrived.AddMinutes(7)));
        var alert = Assert.Single(decider.Tick(Arrived.AddMinutes(8).AddSeconds(30)));
        Assert.Equal(AlertKind.AtRisk, alert.Kind);
        Assert.Equal("01:30", alert.Text);
        Assert.Empty(decider.Tick(Arrived.AddMinutes(9)));

        // Breached is no longer "at risk", and an answered conversation's clock has stopped.
        decider.Decide(Changed(Row(2, "agent1", 2, responded: Arrived.AddMinutes(1))));
        Assert.Empty(decider.Tick(Arrived.AddMinutes(11)));
        Assert.Empty(decider.Tick(Arrived.AddMinutes(9).AddSeconds(30)));
    }

    [Fact]
    public void Conversations_at_risk_when_the_tab_opens_do_not_alert_but_later_ones_do()
    {
        var decider = For();
        decider.Seed([Row(1, "agent1", 2)], Arrived.AddMinutes(9));
        Assert.Empty(decider.Tick(Arrived.AddMinutes(9).AddSeconds(10)));
    }

    [Fact]
    public void A_notification_for_me_alerts_and_one_for_someone_else_does_not()
    {
        var decider = For("lijie");
        var mine = new NotificationView(1, "lijie", "mention", 5, "@lijie 请看一下", Arrived);
        Assert.Equal(AlertKind.Mention, decider.Decide(new WorkspaceEvent.NotificationRaised(mine))?.Kind);
        Assert.Null(decider.Decide(new WorkspaceEvent.NotificationRaised(mine with { Recipient = "wangjie" })));
    }

    [Fact]
    public void Each_kind_switched_off_stays_silent()
    {
        var off = new AlertPreferences { UserName = "agent1", Assigned = false, CustomerReply = false, AtRisk = false, Mention = false };
        var decider = For(preferences: off);
        Assert.Null(decider.Decide(Changed(Row(1, "agent1", 2))));
        Assert.Null(decider.Decide(CustomerWrote(1)));
        Assert.Empty(decider.Tick(Arrived.AddMinutes(9)));
        Assert.Null(decider.Decide(new WorkspaceEvent.NotificationRaised(new NotificationView(1, "agent1", "mention", 1, "@agent1", Arrived))));

        // Switched back on in the settings: the open tab follows at once.
        decider.Preferences = AlertPreferences.Defaults("agent1");
        Assert.NotNull(decider.Decide(CustomerWrote(1)));
        Assert.Single(decider.Tick(Arrived.AddMinutes(9)));
    }
}
