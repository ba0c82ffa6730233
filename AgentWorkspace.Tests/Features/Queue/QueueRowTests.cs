using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Queue;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Realtime;
using AgentWorkspace.Tests.Infrastructure;
using Bunit;

namespace AgentWorkspace.Tests.Features.Queue;

public sealed class QueueRowTests : ComponentTest
{
    private static readonly DateTimeOffset Arrived = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    internal static ConversationSummary Row(int id = 7, string? assignee = null, bool classified = false, bool auto = false, Priority priority = Priority.Urgent, DateTimeOffset? responded = null) => new()
    {
        Id = id,
        CustomerExternalId = "56",
        CustomerName = "王芳",
        Channel = Channel.Chat,
        Preview = "我的订单怎么还没发货？",
        Status = ConversationStatus.New,
        Category = Category.Consultation,
        Topic = "logistics",
        Priority = priority,
        MatchedKeywords = ["发货"],
        CreatedAt = Arrived,
        ClassifiedAt = classified ? Arrived.AddSeconds(3) : null,
        ClassificationAutoAccepted = auto,
        FirstResponseDueAt = Arrived.AddMinutes(5),
        FirstRespondedAt = responded,
        LastCustomerMessageAt = Arrived,
        AssigneeUserName = assignee,
        Version = 1,
    };

    private IRenderedComponent<QueueRow> RenderRow(ConversationSummary row, DateTimeOffset now, Action<ConversationSummary>? claim = null) =>
        RenderInteractive<QueueRow>(p => p
            .Add(x => x.Conversation, row)
            .Add(x => x.Now, now)
            .Add(x => x.UserName, "agent1")
            .Add(x => x.ConfirmWithin, TimeSpan.FromSeconds(10))
            .Add(x => x.OnClaim, c => claim?.Invoke(c))
            .Add(x => x.OnConfirm, _ => { })
            .Add(x => x.OnCorrect, _ => { }));

    [Theory]
    [InlineData(60, "04:00", "tone-green")]
    [InlineData(200, "01:40", "tone-amber")]
    [InlineData(250, "00:50", "tone-red")]
    [InlineData(310, "+00:10", "tone-breached")]
    public void Countdown_is_coloured_by_how_much_is_left(int elapsed, string text, string tone)
    {
        var cut = RenderRow(Row(), Arrived.AddSeconds(elapsed));

        var countdown = cut.Find("[data-testid=sla-countdown]");
        Assert.Equal(text, countdown.TextContent.Trim());
        Assert.Contains(tone, countdown.ClassList);
        Assert.Equal("7", cut.Find("[data-testid=queue-row]").GetAttribute("data-conversation-id"));
    }

    [Fact]
    public void Responded_conversation_stops_its_clock()
    {
        var cut = RenderRow(Row(responded: Arrived.AddMinutes(1)), Arrived.AddMinutes(30));
        Assert.Equal("已响应", cut.Find("[data-testid=sla-countdown]").TextContent.Trim());
    }

    [Fact]
    public void Unclaimed_row_offers_claim_and_a_claimed_row_shows_its_owner()
    {
        ConversationSummary? claimed = null;
        var cut = RenderRow(Row(), Arrived, c => claimed = c);
        cut.Find("[data-testid=claim]").Click();
        Assert.Equal(7, claimed?.Id);

        var owned = RenderRow(Row(assignee: "agent2"), Arrived);
        Assert.Empty(owned.FindAll("[data-testid=claim]"));
        Assert.Equal("agent2", owned.Find("[data-testid=assignee]").TextContent);
    }

    [Fact]
    public void Matched_keywords_are_highlighted_and_customer_text_stays_text()
    {
        var row = Row() with { Preview = "<b>发货</b>了吗" };
        var cut = RenderRow(row, Arrived);

        var preview = cut.Find(".qr-preview");
        Assert.Equal("发货", preview.QuerySelector("mark")!.TextContent);
        Assert.Null(preview.QuerySelector("b"));
        Assert.Contains("<b>", preview.TextContent);
    }
}
