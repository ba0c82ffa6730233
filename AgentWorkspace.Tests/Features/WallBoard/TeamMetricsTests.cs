using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Escalations;
using AgentWorkspace.Features.WallBoard;
using AgentWorkspace.Tests.Infrastructure;

namespace AgentWorkspace.Tests.Features.WallBoard;

public sealed class TeamMetricsTests(FakeClockApp app) : IClassFixture<FakeClockApp>
{
    [Fact]
    public async Task Board_counts_unclaimed_at_risk_breached_escalations_and_todays_compliance()
    {
        var service = app.Get<ConversationService>();
        var metrics = app.Get<TeamMetrics>();
        var before = await metrics.BoardAsync();

        // Email, medium: 2 h first response. Chat: 60 s.
        var answered = await app.PostMessageAsync("退款流程是什么", channel: "Email", customerId: "tm-answered");
        await service.ReplyAsync(answered.ConversationId, "agent1", null, "您好，退款流程如下……");
        var breached = await app.PostMessageAsync("优惠券怎么用", channel: "Chat", customerId: "tm-breached");
        app.Clock.Advance(TimeSpan.FromMinutes(100));
        var atRisk = await app.PostMessageAsync("发票怎么开", channel: "Email", customerId: "tm-fresh");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await app.Get<RuleRunner>().SweepAsync();

        var board = await metrics.BoardAsync();

        Assert.Equal(before.Open + 3, board.Open);
        Assert.Equal(before.Unclaimed + 2, board.Unclaimed);
        Assert.Equal(before.Breached + 1, board.Breached);
        Assert.Equal(before.AtRisk, board.AtRisk);           // 115 of 120 min left is not at risk
        Assert.Contains(board.MostUrgent, u => u.Id == breached.ConversationId);
        Assert.DoesNotContain(board.MostUrgent, u => u.Id == answered.ConversationId);
        Assert.Equal(TimeSpan.FromMinutes(105), board.LongestWait);

        app.Clock.Advance(TimeSpan.FromMinutes(95));          // the fresh one: 20 of 120 min left → at risk
        var later = await metrics.BoardAsync();
        Assert.Equal(before.AtRisk + 1, later.AtRisk);
        Assert.Contains(later.MostUrgent, u => u.Id == atRisk.ConversationId);
        Assert.Equal(1, later.Today.Responded - before.Today.Responded);
    }

    [Fact]
    public async Task Report_by_day_includes_empty_days_and_compares_with_the_previous_period()
    {
        var builder = app.Get<TeamReportBuilder>();
        var today = DateOnly.FromDateTime(app.Get<AgentWorkspace.Features.TeamClock>().ToLocal(app.Clock.GetUtcNow()).Date);

        var report = await builder.BuildAsync(ReportQuery.ForPeriod(today.AddDays(-2), today, null, null));

        Assert.Equal(3, report.Days.Count);
        Assert.Equal(0, report.Days[0].Metrics.Conversations);
        Assert.Null(report.Days[0].Metrics.ResponseCompliance);
        Assert.Equal(today.AddDays(-5), report.Query.BaselineFrom);
        Assert.Equal(4, report.Priorities.Count);
        Assert.StartsWith("scope,key,conversations", TeamReportBuilder.ToCsv(report));
        Assert.Equal("report-range-inverted", ReportQuery.ForPeriod(today, today.AddDays(-1), null, null).Validate());
    }
}
