using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Queue;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Realtime;
using AgentWorkspace.Tests.Infrastructure;
using Bunit;
using MudBlazor;

namespace AgentWorkspace.Tests.Features.Queue;

public sealed class ClassificationHintTests : ComponentTest
{
    private static readonly DateTimeOffset Arrived = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    private IRenderedComponent<ClassificationHint> RenderHint(ConversationSummary row, DateTimeOffset now, Action? confirm = null, Action<(ConversationSummary, Category?, Priority?)>? correct = null) =>
        RenderInteractive<ClassificationHint>(p => p
            .Add(x => x.Conversation, row)
            .Add(x => x.Now, now)
            .Add(x => x.ConfirmWithin, TimeSpan.FromSeconds(10))
            .Add(x => x.OnConfirm, () => confirm?.Invoke())
            .Add(x => x.OnCorrect, c => correct?.Invoke(c)));

    [Fact]
    public void Hint_shows_category_topic_priority_and_the_seconds_left_on_its_ring()
    {
        var cut = RenderHint(QueueRowTests.Row(), Arrived.AddSeconds(3.2));

        Assert.Equal("咨询", cut.Find("[data-testid=hint-category]").TextContent);
        Assert.Equal("物流", cut.Find("[data-testid=hint-topic]").TextContent);
        Assert.Equal("紧急", cut.Find("[data-testid=hint-priority]").TextContent);
        Assert.Equal("7", cut.Find("[data-testid=hint-ring]").GetAttribute("data-seconds-left"));
    }

    [Fact]
    public void One_click_confirms_the_hint()
    {
        var confirmed = 0;
        var cut = RenderHint(QueueRowTests.Row(), Arrived.AddSeconds(2), confirm: () => confirmed++);
        cut.Find("[data-testid=hint-confirm]").Click();
        Assert.Equal(1, confirmed);
    }

    [Fact]
    public void Agent_corrects_the_priority_from_the_menu()
    {
        (ConversationSummary Row, Category? Category, Priority? Priority)? correction = null;
        var popovers = Render<MudPopoverProvider>();
        var cut = RenderHint(QueueRowTests.Row(priority: Priority.Medium), Arrived.AddSeconds(2), correct: c => correction = c);

        cut.Find("[data-testid=hint-correct] button").Click();
        popovers.WaitForAssertion(() => popovers.Find("[data-testid=correct-priority-High]").Click());

        Assert.Equal(Priority.High, correction?.Priority);
        Assert.Null(correction?.Category);
    }

    [Fact]
    public void Confirmed_and_auto_accepted_hints_show_their_state_instead_of_the_ring()
    {
        var confirmed = RenderHint(QueueRowTests.Row(classified: true), Arrived.AddSeconds(20));
        Assert.Empty(confirmed.FindAll("[data-testid=hint-ring]"));
        Assert.Contains("已确认", confirmed.Find("[data-testid=hint-confirmed]").TextContent);

        var auto = RenderHint(QueueRowTests.Row(classified: true, auto: true), Arrived.AddSeconds(20));
        Assert.Equal("自动采纳", auto.Find("[data-testid=hint-auto-accepted]").TextContent);
    }
}
