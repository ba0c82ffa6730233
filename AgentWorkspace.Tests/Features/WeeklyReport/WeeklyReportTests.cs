using AgentWorkspace.Features;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.WeeklyReport;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Tests.Features.WeeklyReport;

public sealed class WeeklyReportTests(FakeClockApp app) : IClassFixture<FakeClockApp>
{
    [Fact]
    public void Week_starts_on_monday_midnight_in_the_team_zone()
    {
        var builder = app.Get<WeeklyReportBuilder>();
        // Sunday 2026-11-22 23:30 UTC is Monday 07:30 in Shanghai.
        var start = builder.WeekStartOf(new DateTimeOffset(2026, 11, 22, 23, 30, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.FromHours(8)), start);
    }

    [Fact]
    public async Task Report_counts_topics_and_keywords_flags_template_gaps_and_compliance_by_category()
    {
        var builder = app.Get<WeeklyReportBuilder>();
        var service = app.Get<ConversationService>();
        var weekStart = builder.WeekStartOf(app.Clock.GetUtcNow());
        await using (var db = app.Db())
        {
            Assert.Equal(0, await db.Conversations.CountAsync(c => c.CreatedAt >= weekStart));
        }
        var refunds = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            refunds.Add((await app.PostMessageAsync("请问退款流程是什么？", channel: "Email", customerId: $"weekly-refund-{i}")).ConversationId);
        }
        var late = await app.PostMessageAsync("优惠券怎么使用？", channel: "Email", customerId: "weekly-coupon");
        await service.ReplyAsync(refunds[0], "agent1", null, "您好，退款流程如下……");
        app.Clock.Advance(TimeSpan.FromHours(5));
        await service.ReplyAsync(late.ConversationId, "agent1", null, "您好，优惠券在结算页使用。");

        var report = await builder.BuildAsync(weekStart);

        Assert.Equal(4, report.Conversations);
        var topics = report.Topics.ToDictionary(t => t.Key, t => t.Count);
        Assert.Equal(3, topics.GetValueOrDefault("refund"));
        Assert.Equal(1, topics.GetValueOrDefault("coupon"));
        Assert.Equal("refund", report.Topics[0].Key);
        Assert.Contains(report.Keywords, k => k.Key == "退款" && k.Count == 3);
        Assert.Contains(report.TemplateGaps, g => g.Topic == "refund");
        var consultation = report.ComplianceByCategory.Single(c => c.Category == AgentWorkspace.Features.Category.Consultation);
        Assert.Equal(2, consultation.Responded);
        Assert.Equal(1, consultation.WithinSla);
        Assert.Equal(0.5, consultation.Share);
    }

    [Fact]
    public async Task Compiled_week_is_kept_and_exports_as_csv_that_defuses_formulas()
    {
        var builder = app.Get<WeeklyReportBuilder>();
        var weekStart = builder.WeekStartOf(app.Clock.GetUtcNow()).AddDays(-7);
        var first = await builder.CompileAsync(weekStart, "lead");
        var again = await builder.CompileAsync(weekStart, "lead");
        Assert.Equal(first.Id, again.Id);

        using var client = await app.SignInAsync("lead");
        var response = await client.GetAsync($"/reports/weekly/{first.Id}.csv");
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.StartsWith("section,key,count", System.Text.Encoding.UTF8.GetString(bytes[3..]));
        Assert.Equal("'=cmd()", Csv.Cell("=cmd()"));

        using var agent = await app.SignInAsync("agent1");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await agent.GetAsync($"/reports/weekly/{first.Id}.csv")).StatusCode);
    }
}
