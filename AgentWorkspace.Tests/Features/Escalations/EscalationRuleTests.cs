using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Escalations;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Tests.Features.Escalations;

/// <summary>Each rule of SPEC §6–§7 on a fake clock: the sweep is what the minutely job and the reconciler run.</summary>
public sealed class EscalationRuleTests(FakeClockApp app) : IClassFixture<FakeClockApp>
{
    private ConversationService Conversations => app.Get<ConversationService>();
    private RuleRunner Escalations => app.Get<RuleRunner>();

    [Fact]
    public async Task Conversation_without_reply_for_an_hour_escalates_to_lijie_once()
    {
        var posted = await app.PostMessageAsync("我的订单怎么还没发货？", customerId: "rule-noreply");

        app.Clock.Advance(TimeSpan.FromMinutes(59));
        await Escalations.SweepAsync();
        Assert.Null((await Load(posted.ConversationId)).EscalatedAt);

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await Escalations.SweepAsync();
        await Escalations.FireIfDueAsync(RuleKind.NoResponse, posted.ConversationId);
        await Escalations.SweepAsync();

        var c = await Load(posted.ConversationId);
        Assert.Equal("lijie", c.EscalatedTo);
        Assert.Equal(EscalationReason.NoResponse, c.EscalationReason);
        await using var db = app.Db();
        Assert.Equal(1, await db.Escalations.CountAsync(e => e.ConversationId == c.Id && e.Reason == EscalationReason.NoResponse));
        Assert.Equal(1, await db.Timeline.CountAsync(t => t.ConversationId == c.Id && t.Kind == "escalated-no-response"));
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.ConversationId == c.Id && n.Recipient == "lijie"));
    }

    [Fact]
    public async Task Agent_reply_before_the_hour_cancels_the_escalation()
    {
        var posted = await app.PostMessageAsync("优惠券怎么使用", customerId: "rule-replied");
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        await Conversations.ReplyAsync(posted.ConversationId, "agent1", "小王", "您好，优惠券在结算页选择即可使用。");

        app.Clock.Advance(TimeSpan.FromMinutes(45));
        await Escalations.SweepAsync();
        await Escalations.FireIfDueAsync(RuleKind.NoResponse, posted.ConversationId);

        Assert.Null((await Load(posted.ConversationId)).EscalatedAt);
    }

    [Fact]
    public async Task A_later_customer_message_starts_a_new_clock()
    {
        var posted = await app.PostMessageAsync("退款流程是什么", customerId: "rule-newclock");
        await Conversations.ReplyAsync(posted.ConversationId, "agent1", null, "您好，退款流程如下……");
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await app.PostMessageAsync("还有一个问题，多久到账？", customerId: "rule-newclock");

        app.Clock.Advance(TimeSpan.FromMinutes(59));
        await Escalations.SweepAsync();
        Assert.Null((await Load(posted.ConversationId)).EscalatedAt);

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await Escalations.SweepAsync();
        Assert.NotNull((await Load(posted.ConversationId)).EscalatedAt);
    }

    [Fact]
    public async Task Satisfaction_check_goes_out_three_minutes_after_resolution()
    {
        var posted = await app.PostMessageAsync("会员积分怎么查", customerId: "rule-csat");
        await Conversations.ReplyAsync(posted.ConversationId, "agent1", null, "在“我的-积分”中查看。");
        await Conversations.ResolveAsync(posted.ConversationId, "agent1");

        app.Clock.Advance(TimeSpan.FromMinutes(2.9));
        await Escalations.SweepAsync();
        Assert.Null((await Load(posted.ConversationId)).SatisfactionCheckSentAt);

        app.Clock.Advance(TimeSpan.FromSeconds(10));
        await Escalations.SweepAsync();
        await Escalations.FireIfDueAsync(RuleKind.SatisfactionCheck, posted.ConversationId);

        var c = await Load(posted.ConversationId);
        Assert.NotNull(c.SatisfactionCheckSentAt);
        await using var db = app.Db();
        var system = await db.Messages.Where(m => m.ConversationId == c.Id && m.AuthorKind == AuthorKind.System).ToListAsync();
        Assert.Equal(AgentWorkspace.Features.Escalations.Rules.SatisfactionCheckRule.Question + "\n" + AgentWorkspace.Features.Escalations.Rules.SatisfactionCheckRule.NpsQuestion, Assert.Single(system).Text);
    }

    [Fact]
    public async Task Reopened_before_the_delay_sends_no_satisfaction_check()
    {
        var posted = await app.PostMessageAsync("发票怎么开", customerId: "rule-reopen");
        await Conversations.ResolveAsync(posted.ConversationId, "agent1");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await Conversations.ReopenAsync(posted.ConversationId, "agent1");

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await Escalations.SweepAsync();
        await Escalations.FireIfDueAsync(RuleKind.SatisfactionCheck, posted.ConversationId);

        Assert.Null((await Load(posted.ConversationId)).SatisfactionCheckSentAt);
    }

    [Theory]
    [InlineData(SatisfactionAnswer.Unsatisfied)]
    [InlineData(SatisfactionAnswer.Unresolved)]
    public async Task Unhappy_answer_goes_to_wangjie_for_second_handling_within_24_hours(SatisfactionAnswer answer)
    {
        var posted = await app.PostMessageAsync("退款还没到账", customerId: $"rule-unhappy-{answer}");
        await Conversations.ResolveAsync(posted.ConversationId, "agent1");
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        await Escalations.SweepAsync();

        var outcome = await Conversations.AnswerSatisfactionAsync(posted.ConversationId, answer);

        Assert.Equal(ActionKind.Done, outcome.Kind);
        var c = await Load(posted.ConversationId);
        Assert.Equal(ConversationStatus.SecondHandling, c.Status);
        Assert.Equal("wangjie", c.SecondHandlingOwner);
        Assert.Equal("wangjie", c.AssigneeUserName);
        Assert.Equal(app.Clock.GetUtcNow() + TimeSpan.FromHours(24), c.SecondHandlingDueAt);
        Assert.Equal(ActionKind.Rejected, (await Conversations.AnswerSatisfactionAsync(posted.ConversationId, SatisfactionAnswer.Satisfied)).Kind);
    }

    [Fact]
    public async Task Satisfied_answer_closes_the_conversation()
    {
        var posted = await app.PostMessageAsync("物流到哪了", customerId: "rule-happy");
        await Conversations.ResolveAsync(posted.ConversationId, "agent1");
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        await Escalations.SweepAsync();

        await Conversations.AnswerSatisfactionAsync(posted.ConversationId, SatisfactionAnswer.Satisfied);

        var c = await Load(posted.ConversationId);
        Assert.Equal(ConversationStatus.Closed, c.Status);
        Assert.Equal(SatisfactionAnswer.Satisfied, c.Satisfaction);
    }

    [Fact]
    public async Task Collaboration_ticket_without_feedback_for_an_hour_escalates()
    {
        var posted = await app.PostMessageAsync("APP闪退", customerId: "rule-ticket");
        await Conversations.ReplyAsync(posted.ConversationId, "agent1", null, "已提交技术部处理。");
        var draft = new CollaborationTicketDraft("技术部", "工程师", "APP闪退", "用户ID:56, 设备型号:iPhone13", app.Clock.GetUtcNow().AddHours(4));
        Assert.Equal(ActionKind.Done, (await Conversations.OpenCollaborationTicketAsync(posted.ConversationId, "agent1", draft)).Kind);

        app.Clock.Advance(TimeSpan.FromMinutes(61));
        await Escalations.SweepAsync();
        await Escalations.SweepAsync();

        await using var db = app.Db();
        Assert.Equal(1, await db.Escalations.CountAsync(e => e.ConversationId == posted.ConversationId && e.Reason == EscalationReason.CollaborationNoFeedback));
    }

    [Fact]
    public async Task Ticket_feedback_in_time_stops_its_escalation()
    {
        var posted = await app.PostMessageAsync("数据异常", customerId: "rule-ticket-fed");
        await Conversations.OpenCollaborationTicketAsync(posted.ConversationId, "agent1", new CollaborationTicketDraft("技术部", "工程师", "数据异常", null, app.Clock.GetUtcNow().AddHours(2)));
        await using (var db = app.Db())
        {
            var ticket = await db.CollaborationTickets.SingleAsync(t => t.ConversationId == posted.ConversationId);
            Assert.Equal(ActionKind.Done, (await Conversations.RecordTicketFeedbackAsync(ticket.Id, "工程师", "已修复，请用户更新到最新版本")).Kind);
        }

        app.Clock.Advance(TimeSpan.FromHours(2));
        await Escalations.SweepAsync();

        await using var check = app.Db();
        Assert.False(await check.Escalations.AnyAsync(e => e.ConversationId == posted.ConversationId && e.Reason == EscalationReason.CollaborationNoFeedback));
    }

    [Fact]
    public async Task Escalated_complaint_owner_is_reminded_every_two_hours_until_closed()
    {
        var posted = await app.PostMessageAsync("服务态度太差了，承诺的赔偿一直没兑现，我要投诉！", customerId: "rule-complaint");
        var c = await Load(posted.ConversationId);
        if (c.Category != AgentWorkspace.Features.Category.Complaint)
        {
            await Conversations.ConfirmClassificationAsync(c.Id, "agent1", AgentWorkspace.Features.Category.Complaint);
        }
        await Conversations.ClaimAsync(c.Id, "agent2");
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        await Escalations.SweepAsync();
        Assert.NotNull((await Load(c.Id)).NextCustomerUpdateDueAt);

        app.Clock.Advance(TimeSpan.FromHours(2));
        await Escalations.SweepAsync();
        app.Clock.Advance(TimeSpan.FromHours(2));
        await Escalations.SweepAsync();
        await Escalations.SweepAsync();

        await using var db = app.Db();
        Assert.Equal(2, await db.Notifications.CountAsync(n => n.ConversationId == c.Id && n.Kind == "customer-update" && n.Recipient == "agent2"));

        await Conversations.ResolveAsync(c.Id, "agent2");
        app.Clock.Advance(TimeSpan.FromHours(2));
        await Escalations.SweepAsync();
        Assert.Equal(2, await db.Notifications.CountAsync(n => n.ConversationId == c.Id && n.Kind == "customer-update"));
    }

    [Fact]
    public async Task Hint_left_unconfirmed_for_ten_seconds_is_auto_accepted()
    {
        var posted = await app.PostMessageAsync("收费标准是什么", customerId: "rule-autoaccept");
        app.Clock.Advance(TimeSpan.FromSeconds(9));
        await Escalations.SweepAsync();
        Assert.Null((await Load(posted.ConversationId)).ClassifiedAt);

        app.Clock.Advance(TimeSpan.FromSeconds(2));
        await Escalations.SweepAsync();

        var c = await Load(posted.ConversationId);
        Assert.True(c.ClassificationAutoAccepted);
        Assert.Equal(10, c.SecondsToClassify);
    }

    [Fact]
    public async Task Agent_confirming_within_ten_seconds_records_time_to_classify()
    {
        var posted = await app.PostMessageAsync("怎么使用积分", customerId: "rule-confirm");
        app.Clock.Advance(TimeSpan.FromSeconds(4));
        await Conversations.ConfirmClassificationAsync(posted.ConversationId, "agent1");

        var c = await Load(posted.ConversationId);
        Assert.Equal(4, c.SecondsToClassify);
        Assert.False(c.ClassificationAutoAccepted);
        Assert.Equal("agent1", c.ClassifiedBy);
    }

    private async Task<Conversation> Load(int id)
    {
        await using var db = app.Db();
        return await db.Conversations.AsNoTracking().SingleAsync(c => c.Id == id);
    }
}
