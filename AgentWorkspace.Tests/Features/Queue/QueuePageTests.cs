using AgentWorkspace.Features;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Queue;
using AgentWorkspace.Realtime;
using AgentWorkspace.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;

namespace AgentWorkspace.Tests.Features.Queue;

/// <summary>The queue page over the real app's services and database (a bus of its own, so the test decides what the page hears).</summary>
public sealed class QueuePageTests : ComponentTest
{
    private readonly SharedApp _app;

    public QueuePageTests(SharedApp app)
    {
        _app = app;
        Services.AddSingleton(app.Get<ConversationQueries>());
        Services.AddSingleton(app.Get<ConversationService>());
        Services.AddSingleton(app.Get<AgentWorkspace.Features.Assignment.CapacityNotice>());
        Services.AddSingleton(new CircuitEventBus(NullLogger<CircuitEventBus>.Instance));
        Services.AddSingleton(TimeProvider.System);
        Services.AddSingleton(app.Get<Microsoft.Extensions.Options.IOptions<AgentWorkspace.Features.Classification.ClassificationOptions>>());
        Services.AddScoped<CircuitConnection>();
    }

    [Fact]
    public async Task Losing_a_claim_race_tells_the_agent_who_won()
    {
        var posted = await _app.PostMessageAsync("退款流程是什么？", customerId: "bunit-claim");
        AddAuthorization().SetAuthorized("agent2").SetRoles("Agent");
        var snackbars = Render<MudSnackbarProvider>();
        var cut = RenderInteractive<QueuePage>();
        // The suite starts many hosts at once: give the first load of the queue more than bUnit's default second.
        cut.WaitForElement($"[data-conversation-id='{posted.ConversationId}'] [data-testid=claim]", TimeSpan.FromSeconds(15));

        // agent1 wins first; this page has not heard of it yet.
        Assert.Equal(ActionKind.Done, (await _app.Get<ConversationService>().ClaimAsync(posted.ConversationId, "agent1")).Kind);
        cut.Find($"[data-conversation-id='{posted.ConversationId}'] [data-testid=claim]").Click();

        snackbars.WaitForAssertion(() => Assert.Contains("该会话已被 agent1 认领", snackbars.Markup));
        cut.WaitForAssertion(() => Assert.Equal("agent1", cut.Find($"[data-conversation-id='{posted.ConversationId}'] [data-testid=assignee]").TextContent));
    }

    [Fact]
    public async Task Events_add_rows_live_and_filters_narrow_the_queue()
    {
        AddAuthorization().SetAuthorized("agent1").SetRoles("Agent");
        var bus = Services.GetRequiredService<CircuitEventBus>();
        var cut = RenderInteractive<QueuePage>();
        cut.WaitForElement("[data-testid=queue-ready]");

        var posted = await _app.PostMessageAsync("会员积分无法兑换", customerId: "bunit-live");
        var summary = (await _app.Get<ConversationQueries>().SummaryAsync(posted.ConversationId))!;
        bus.Publish(new WorkspaceEvent.ConversationChanged(summary));
        cut.WaitForElement($"[data-conversation-id='{posted.ConversationId}']");

        cut.Find("[data-testid=filter-mine]").Click();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll($"[data-conversation-id='{posted.ConversationId}']")));
        cut.Find("[data-testid=filter-unclaimed]").Click();
        cut.WaitForElement($"[data-conversation-id='{posted.ConversationId}']");
    }
}
