using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Features.Escalations;
using AgentWorkspace.Features.Sla;
using AgentWorkspace.Realtime;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Tests.Features.HandOffs;

/// <summary>Every hand-off of the seeds, on real SQLite and the real app, on a clock the test moves.</summary>
public sealed class HandOffTests(FakeClockApp app) : IClassFixture<FakeClockApp>
{
    private ConversationService Conversations => app.Get<ConversationService>();
    private RuleRunner Rules => app.Get<RuleRunner>();

    // ---- Collaboration ticket feedback ------------------------------------------------------

    [Fact]
    public async Task Department_answers_a_ticket_through_the_api_the_owner_hears_live_and_it_never_escalates()
    {
        var (id, ticketId) = await OpenTicketAsync("ho-ticket-api");
        var heard = Listen(e => e is WorkspaceEvent.NotificationRaised { Notification.Recipient: "agent1", Notification.Kind: "collaboration-feedback" });

        using var api = app.ApiClient();
        var response = await api.PostAsJsonAsync($"/api/tickets/{ticketId}/feedback", new { feedback = "已定位，明天发版修复", by = "技术部·张工" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ticket = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ticketId, ticket.GetProperty("id").GetInt32());
        Assert.Equal("已定位，明天发版修复", ticket.GetProperty("feedback").GetString());
        Assert.Equal("技术部·张工", ticket.GetProperty("feedbackBy").GetString());
        Assert.NotEqual(JsonValueKind.Null, ticket.GetProperty("feedbackAt").ValueKind);
        await heard.WaitAsync(TimeSpan.FromSeconds(5));

        app.Clock.Advance(TimeSpan.FromMinutes(61));
        await Rules.SweepAsync();
        await Rules.FireIfDueAsync(RuleKind.CollaborationNoFeedback, ticketId);

        await using var db = app.Db();
        Assert.False(await db.Escalations.AnyAsync(e => e.ConversationId == id));
        Assert.Equal(1, await db.Timeline.CountAsync(t => t.ConversationId == id && t.Kind == "collaboration-feedback"));
        var details = await GetAsync(id);
        Assert.Equal("已定位，明天发版修复", details.GetProperty("collaborationTickets")[0].GetProperty("feedback").GetString());
    }

    [Fact]
    public async Task Empty_feedback_is_400_naming_the_field_and_unknown_ticket_is_404_and_neither_stores_anything()
    {
        var (id, ticketId) = await OpenTicketAsync("ho-ticket-bad");
        using var api = app.ApiClient();

        var empty = await api.PostAsJsonAsync($"/api/tickets/{ticketId}/feedback", new { feedback = "  ", by = "技术部" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal("application/problem+json", empty.Content.Headers.ContentType?.MediaType);
        Assert.True((await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("feedback", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync("/api/tickets/999999/feedback", new { feedback = "好了" })).StatusCode);

        await using var db = app.Db();
        Assert.Null((await db.CollaborationTickets.SingleAsync(t => t.Id == ticketId)).FeedbackAt);
        Assert.False(await db.Timeline.AnyAsync(t => t.ConversationId == id && t.Kind == "collaboration-feedback"));
    }

    [Fact]
    public async Task Ticket_escalation_is_scheduled_when_the_ticket_is_created()
    {
        var (_, ticketId) = await OpenTicketAsync("ho-ticket-scheduled");
        await app.Get<RuleTimerWriter>().HandedOverAsync();
        var scheduled = app.Get<Hangfire.JobStorage>().GetMonitoringApi().ScheduledJobs(0, 500)
            .Select(j => j.Value.Job)
            .Where(j => j.Method.Name == nameof(RuleJob.RunAsync) && j.Args[0] is RuleKind.CollaborationNoFeedback && (int)j.Args[1] == ticketId);
        Assert.Single(scheduled);
    }

    // ---- 待协同 and manual escalation ------------------------------------------------------------

    [Fact]
    public async Task Text_that_fits_no_category_goes_to_lijie_as_needs_review_and_her_take_over_settles_it()
    {
        var heard = Listen(e => e is WorkspaceEvent.NotificationRaised { Notification.Recipient: "lijie" });
        var posted = await app.PostMessageAsync("你好", customerId: "ho-review-arrival");
        Assert.True(posted.Classification.NeedsCollaboration);
        await heard.WaitAsync(TimeSpan.FromSeconds(5));
        // A second vague message is the same request, not a second one.
        await app.PostMessageAsync("在吗", customerId: "ho-review-arrival");

        await using (var db = app.Db())
        {
            var review = await db.Escalations.SingleAsync(e => e.ConversationId == posted.ConversationId);
            Assert.Equal((EscalationReason.NeedsReview, "lijie"), (review.Reason, review.AssignedTo));
            Assert.Equal(1, await db.Timeline.CountAsync(t => t.ConversationId == posted.ConversationId && t.Kind == "escalated-needs-review"));
        }
        Assert.True((await app.Get<ConversationQueries>().SummaryAsync(posted.ConversationId))!.AwaitsReview);

        Assert.Equal(ActionKind.Done, (await Conversations.TakeOverAsync(posted.ConversationId, "lijie")).Kind);

        var after = (await app.Get<ConversationQueries>().SummaryAsync(posted.ConversationId))!;
        Assert.False(after.AwaitsReview);
        Assert.Equal("lijie", after.AssigneeUserName);
        await using var check = app.Db();
        Assert.NotNull((await check.Escalations.SingleAsync(e => e.ConversationId == posted.ConversationId)).ClosedAt);
    }

    [Fact]
    public async Task Agent_marks_for_review_once_and_lijie_classifying_it_answers_the_request()
    {
        var posted = await app.PostMessageAsync("我的订单怎么还没发货？", customerId: "ho-review-mark");
        Assert.Equal(ActionKind.Done, (await Conversations.RequestReviewAsync(posted.ConversationId, "agent1", "客户说法前后矛盾")).Kind);
        Assert.Equal(ActionKind.Unchanged, (await Conversations.RequestReviewAsync(posted.ConversationId, "agent1")).Kind);

        Assert.Equal(ActionKind.Done, (await Conversations.ConfirmClassificationAsync(posted.ConversationId, "lijie", Category.Consultation)).Kind);

        await using var db = app.Db();
        var review = await db.Escalations.SingleAsync(e => e.ConversationId == posted.ConversationId);
        Assert.Equal((EscalationReason.NeedsReview, "客户说法前后矛盾"), (review.Reason, review.Note));
        Assert.NotNull(review.ClosedAt);
        Assert.Null((await db.Conversations.SingleAsync(c => c.Id == posted.ConversationId)).ReviewRequestedAt);
    }

    [Fact]
    public async Task Manual_escalation_needs_a_reason_and_records_it()
    {
        var posted = await app.PostMessageAsync("退款流程是什么", customerId: "ho-manual");

        Assert.Equal("escalate-reason-required", (await Conversations.EscalateAsync(posted.ConversationId, "agent1", "  ")).Reason);
        await using (var db = app.Db())
        {
            Assert.False(await db.Escalations.AnyAsync(e => e.ConversationId == posted.ConversationId));
        }

        Assert.Equal(ActionKind.Done, (await Conversations.EscalateAsync(posted.ConversationId, "agent1", "客户要求主管处理")).Kind);
        await using var check = app.Db();
        var escalation = await check.Escalations.SingleAsync(e => e.ConversationId == posted.ConversationId);
        Assert.Equal((EscalationReason.Manual, "客户要求主管处理", "agent1"), (escalation.Reason, escalation.Note, escalation.RaisedBy));
        Assert.Equal("客户要求主管处理", (await check.Timeline.SingleAsync(t => t.ConversationId == posted.ConversationId && t.Kind == "escalated-manual")).Detail);
    }

    // ---- Supervisor take-over, reassignment, escalation handling -------------------------------

    [Fact]
    public async Task Only_supervisor_or_lead_takes_over_or_reassigns_and_each_is_audited_and_told_live()
    {
        var posted = await app.PostMessageAsync("物流一直不更新", customerId: "ho-takeover");
        await Conversations.ClaimAsync(posted.ConversationId, "agent1");

        Assert.Equal("supervisors-only", (await Conversations.TakeOverAsync(posted.ConversationId, "agent2")).Reason);
        Assert.Equal("supervisors-only", (await Conversations.ReassignAsync(posted.ConversationId, "agent2", "agent2")).Reason);

        var agent1Told = Listen(e => e is WorkspaceEvent.NotificationRaised { Notification.Recipient: "agent1", Notification.Kind: "taken-over" });
        Assert.Equal(ActionKind.Done, (await Conversations.TakeOverAsync(posted.ConversationId, "lijie")).Kind);
        await agent1Told.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("reassign-unknown-user", (await Conversations.ReassignAsync(posted.ConversationId, "lead", "nobody")).Reason);
        var agent2Told = Listen(e => e is WorkspaceEvent.NotificationRaised { Notification.Recipient: "agent2", Notification.Kind: "reassigned" });
        Assert.Equal(ActionKind.Done, (await Conversations.ReassignAsync(posted.ConversationId, "lead", "agent2")).Kind);
        await agent2Told.WaitAsync(TimeSpan.FromSeconds(5));

        await using var db = app.Db();
        Assert.Equal("agent2", (await db.Conversations.SingleAsync(c => c.Id == posted.ConversationId)).AssigneeUserName);
        var steps = await db.Timeline.Where(t => t.ConversationId == posted.ConversationId).Select(t => t.Kind).ToListAsync();
        Assert.Contains("taken-over", steps);
        Assert.Contains("reassigned", steps);
        var audit = await db.Audit.Where(a => a.Subject == $"conversation:{posted.ConversationId}").OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([("lijie", "take-over"), ("lead", "reassign")], audit.Select(a => (a.Actor, a.Action)));
    }

    [Fact]
    public async Task Lijie_acknowledges_and_closes_escalations_and_resolving_closes_the_rest()
    {
        var posted = await app.PostMessageAsync("发票一直没收到", customerId: "ho-ack");
        await Conversations.ClaimAsync(posted.ConversationId, "agent1");
        await Conversations.EscalateAsync(posted.ConversationId, "agent1", "第一次");
        await Conversations.EscalateAsync(posted.ConversationId, "agent1", "第二次");
        int first, second;
        await using (var db = app.Db())
        {
            var ids = await db.Escalations.Where(e => e.ConversationId == posted.ConversationId).OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
            (first, second) = (ids[0], ids[1]);
        }

        Assert.Equal("supervisors-only", (await Conversations.AcknowledgeEscalationAsync(first, "agent1")).Reason);
        Assert.Equal(ActionKind.Done, (await Conversations.AcknowledgeEscalationAsync(first, "lijie")).Kind);
        Assert.Equal(ActionKind.Unchanged, (await Conversations.AcknowledgeEscalationAsync(first, "lijie")).Kind);
        Assert.Equal(ActionKind.Done, (await Conversations.CloseEscalationAsync(first, "lijie")).Kind);
        Assert.True((await app.Get<ConversationQueries>().SummaryAsync(posted.ConversationId))!.IsEscalated);

        Assert.Equal(ActionKind.Done, (await Conversations.ResolveAsync(posted.ConversationId, "agent1", "补开发票已寄出")).Kind);

        var details = await GetAsync(posted.ConversationId);
        Assert.Equal("补开发票已寄出", details.GetProperty("resolution").GetString());
        var escalations = details.GetProperty("escalations").EnumerateArray().ToList();
        Assert.Equal(2, escalations.Count);
        Assert.All(escalations, e =>
        {
            Assert.Equal("Manual", e.GetProperty("reason").GetString());
            Assert.Equal("lijie", e.GetProperty("to").GetString());
            Assert.NotEqual(JsonValueKind.Null, e.GetProperty("at").ValueKind);
            Assert.NotEqual(JsonValueKind.Null, e.GetProperty("closedAt").ValueKind);
        });
        Assert.NotEqual(JsonValueKind.Null, escalations.Single(e => e.GetProperty("id").GetInt32() == first).GetProperty("acknowledgedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, escalations.Single(e => e.GetProperty("id").GetInt32() == second).GetProperty("acknowledgedAt").ValueKind);
        Assert.Empty(await app.Get<EscalationQueries>().OpenAsync() is var open ? open.Where(e => e.ConversationId == posted.ConversationId) : []);
    }

    [Fact]
    public async Task Wall_board_counts_unacknowledged_escalations_and_missed_customer_updates()
    {
        var metrics = app.Get<AgentWorkspace.Features.WallBoard.TeamMetrics>();
        var posted = await app.PostMessageAsync("我的订单怎么还没发货？", customerId: "ho-board");
        await Conversations.ClaimAsync(posted.ConversationId, "agent1");
        var before = (await metrics.BoardAsync()).HandOffs;
        await Conversations.EscalateAsync(posted.ConversationId, "agent1", "仓库无回应");
        var escalated = (await metrics.BoardAsync()).HandOffs;
        Assert.Equal(before.UnacknowledgedEscalations + 1, escalated.UnacknowledgedEscalations);

        await using (var db = app.Db())
        {
            var id = await db.Escalations.Where(e => e.ConversationId == posted.ConversationId && e.Reason == EscalationReason.Manual).Select(e => e.Id).SingleAsync();
            await Conversations.AcknowledgeEscalationAsync(id, "lijie");
        }
        Assert.Equal(escalated.UnacknowledgedEscalations - 1, (await metrics.BoardAsync()).HandOffs.UnacknowledgedEscalations);

        app.Clock.Advance(TimeSpan.FromHours(2));
        await Rules.SweepAsync();
        await using var check = app.Db();
        var missedNow = await check.Timeline.CountAsync(t => t.ConversationId == posted.ConversationId && t.Kind == "customer-update-missed");
        Assert.Equal(1, missedNow);
        // The miss was written at the board's "now", so today's count includes it.
        Assert.True((await metrics.BoardAsync()).HandOffs.CustomerUpdatesMissedToday >= 1);
    }

    // ---- Who may act --------------------------------------------------------------------------

    [Fact]
    public async Task A_colleague_cannot_reply_resolve_reopen_or_reclassify_and_nothing_is_stored()
    {
        var posted = await app.PostMessageAsync("会员积分怎么查", customerId: "ho-owner");
        // Replying to an unclaimed conversation claims it.
        Assert.Equal(ActionKind.Done, (await Conversations.ReplyAsync(posted.ConversationId, "agent1", "小王", "您好，在“我的-积分”查看。")).Kind);
        var before = await CountsAsync(posted.ConversationId);

        var refusals = new[]
        {
            await Conversations.ReplyAsync(posted.ConversationId, "agent2", "小李", "我来回答"),
            await Conversations.ResolveAsync(posted.ConversationId, "agent2"),
            await Conversations.ChangePriorityAsync(posted.ConversationId, "agent2", Priority.Low),
            await Conversations.ConfirmClassificationAsync(posted.ConversationId, "agent2", Category.Complaint),
        };
        Assert.All(refusals, r => Assert.Equal((ActionKind.Rejected, "not-owner", "agent1"), (r.Kind, r.Reason, r.ConflictWith)));
        Assert.Equal(before, await CountsAsync(posted.ConversationId));

        await Conversations.ResolveAsync(posted.ConversationId, "agent1");
        Assert.Equal("not-owner", (await Conversations.ReopenAsync(posted.ConversationId, "agent2")).Reason);
        // The supervisor may act on anyone's conversation.
        Assert.Equal(ActionKind.Done, (await Conversations.ReopenAsync(posted.ConversationId, "lijie")).Kind);

        await using var db = app.Db();
        Assert.Equal("agent1", (await db.Conversations.SingleAsync(c => c.Id == posted.ConversationId)).AssigneeUserName);
    }

    // ---- Urgent reports -------------------------------------------------------------------------

    [Fact]
    public async Task Becoming_urgent_twice_reports_twice_once_each()
    {
        var posted = await app.PostMessageAsync("怎么修改收货地址", customerId: "ho-urgent-twice");
        await Conversations.ClaimAsync(posted.ConversationId, "agent1");

        await Conversations.ChangePriorityAsync(posted.ConversationId, "agent1", Priority.Urgent);
        await Rules.SweepAsync();
        await Conversations.ChangePriorityAsync(posted.ConversationId, "agent1", Priority.High);
        await Conversations.ChangePriorityAsync(posted.ConversationId, "agent1", Priority.Urgent);
        await Rules.SweepAsync();
        await Rules.FireIfDueAsync(RuleKind.UrgentReport, posted.ConversationId);

        await using var db = app.Db();
        Assert.Equal(2, await db.Escalations.CountAsync(e => e.ConversationId == posted.ConversationId && e.Reason == EscalationReason.Urgent));
        Assert.Equal(2, await db.Timeline.CountAsync(t => t.ConversationId == posted.ConversationId && t.Kind == "escalated-urgent"));
        Assert.Null((await db.Conversations.SingleAsync(c => c.Id == posted.ConversationId)).UrgentReportDueAt);
    }

    [Fact]
    public async Task A_later_message_that_makes_it_urgent_is_reported_and_the_message_is_stored_once()
    {
        var posted = await app.PostMessageAsync("请问怎么开发票", customerId: "ho-urgent-later");
        await using (var db = app.Db())
        {
            Assert.False(await db.Escalations.AnyAsync(e => e.ConversationId == posted.ConversationId && e.Reason == EscalationReason.Urgent));
        }

        var later = await app.PostMessageAsync("支付失败导致订单取消了，钱已经扣了", customerId: "ho-urgent-later", externalId: "ho-urgent-later-2");
        await app.PostMessageAsync("支付失败导致订单取消了，钱已经扣了", customerId: "ho-urgent-later", externalId: "ho-urgent-later-2");

        Assert.Equal(posted.ConversationId, later.ConversationId);
        await using var check = app.Db();
        Assert.Equal(1, await check.Escalations.CountAsync(e => e.ConversationId == posted.ConversationId && e.Reason == EscalationReason.Urgent));
        Assert.Equal(2, await check.Messages.CountAsync(m => m.ConversationId == posted.ConversationId));
    }

    // ---- Customer updates while escalated ---------------------------------------------------

    [Fact]
    public async Task Escalated_conversation_reminds_its_owner_every_window_and_marks_a_window_without_a_message()
    {
        var posted = await app.PostMessageAsync("退款还没到账", customerId: "ho-update");
        await Conversations.ReplyAsync(posted.ConversationId, "agent1", null, "已为您催促财务处理。");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await Conversations.EscalateAsync(posted.ConversationId, "agent1", "财务迟迟不处理");

        app.Clock.Advance(TimeSpan.FromHours(2));
        await Rules.SweepAsync();
        await Conversations.ReplyAsync(posted.ConversationId, "agent1", null, "进度更新：财务已受理。");
        app.Clock.Advance(TimeSpan.FromHours(2));
        await Rules.SweepAsync();
        await Rules.SweepAsync();

        await using var db = app.Db();
        Assert.Equal(2, await db.Notifications.CountAsync(n => n.ConversationId == posted.ConversationId && n.Kind == "customer-update" && n.Recipient == "agent1"));
        Assert.Equal(1, await db.Timeline.CountAsync(t => t.ConversationId == posted.ConversationId && t.Kind == "customer-update-missed"));
    }

    // ---- 王姐's second handling ----------------------------------------------------------------

    [Fact]
    public async Task Unhappy_answer_tells_wangjie_live_and_her_overdue_24_hours_escalate_to_lijie()
    {
        var id = await ResolvedAndAskedAsync("ho-second-overdue");
        var told = Listen(e => e is WorkspaceEvent.NotificationRaised { Notification.Recipient: "wangjie", Notification.Kind: "second-handling" });
        Assert.Equal(ActionKind.Done, (await Conversations.AnswerSatisfactionAsync(id, SatisfactionAnswer.Unsatisfied)).Kind);
        await told.WaitAsync(TimeSpan.FromSeconds(5));

        app.Clock.Advance(TimeSpan.FromHours(23.9));
        await Rules.SweepAsync();
        await using (var db = app.Db())
        {
            Assert.False(await db.Timeline.AnyAsync(t => t.ConversationId == id && t.Kind == "second-handling-overdue"));
        }
        app.Clock.Advance(TimeSpan.FromHours(0.2));
        await Rules.SweepAsync();
        await Rules.FireIfDueAsync(RuleKind.SecondHandlingOverdue, id);

        await using var check = app.Db();
        Assert.Equal(1, await check.Timeline.CountAsync(t => t.ConversationId == id && t.Kind == "second-handling-overdue"));
        Assert.Equal(1, await check.Escalations.CountAsync(e => e.ConversationId == id && e.Reason == EscalationReason.SecondHandlingOverdue && e.AssignedTo == "lijie"));
    }

    [Fact]
    public async Task Wangjie_solution_sent_in_time_keeps_her_24_hours()
    {
        var id = await ResolvedAndAskedAsync("ho-second-kept");
        await Conversations.AnswerSatisfactionAsync(id, SatisfactionAnswer.Unresolved);
        app.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Equal("not-owner", (await Conversations.ReplyAsync(id, "agent1", null, "我来")).Reason);
        Assert.Equal(ActionKind.Done, (await Conversations.ReplyAsync(id, "wangjie", "王姐", "已为您补发商品，单号 SF123。")).Kind);

        app.Clock.Advance(TimeSpan.FromHours(22));
        await Rules.SweepAsync();

        await using var db = app.Db();
        Assert.False(await db.Timeline.AnyAsync(t => t.ConversationId == id && t.Kind == "second-handling-overdue"));
        Assert.NotNull((await db.Conversations.SingleAsync(c => c.Id == id)).SecondHandlingRepliedAt);
    }

    // ---- Satisfaction answers belong to one resolution -----------------------------------------

    [Fact]
    public async Task Answer_after_reopen_is_409_and_the_next_resolution_asks_again()
    {
        var id = await ResolvedAndAskedAsync("ho-csat-reopen");
        await Conversations.ReopenAsync(id, "agent1");

        using var api = app.ApiClient();
        var refused = await api.PostAsJsonAsync($"/api/conversations/{id}/satisfaction", new { answer = "满意" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        await using (var db = app.Db())
        {
            var c = await db.Conversations.SingleAsync(x => x.Id == id);
            Assert.Equal((ConversationStatus.Open, (SatisfactionAnswer?)null), (c.Status, c.Satisfaction));
        }

        await Conversations.ResolveAsync(id, "agent1");
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        await Rules.SweepAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/api/conversations/{id}/satisfaction", new { answer = "满意" })).StatusCode);
        await using var check = app.Db();
        Assert.Equal(2, await check.Messages.CountAsync(m => m.ConversationId == id && m.AuthorKind == AuthorKind.System));
        Assert.Equal(ConversationStatus.Closed, (await check.Conversations.SingleAsync(x => x.Id == id)).Status);
    }

    [Theory]
    [InlineData("还是没解决", "Chat", SatisfactionAnswer.Unresolved)]
    [InlineData("還是沒解決", "Email", SatisfactionAnswer.Unresolved)]
    [InlineData("不滿意", "Social", SatisfactionAnswer.Unsatisfied)]
    [InlineData("满意！", "Chat", SatisfactionAnswer.Satisfied)]
    public async Task A_typed_answer_on_any_channel_answers_the_pending_check_instead_of_opening_a_conversation(string text, string channel, SatisfactionAnswer expected)
    {
        var customer = $"ho-typed-{expected}-{channel}-{text.Length}";
        var id = await ResolvedAndAskedAsync(customer);

        var posted = await app.PostMessageAsync(text, channel: channel, customerId: customer);

        Assert.Equal(id, posted.ConversationId);
        await using var db = app.Db();
        Assert.Equal(expected, (await db.Conversations.SingleAsync(c => c.Id == id)).Satisfaction);
        Assert.Equal(1, await db.Conversations.CountAsync(c => c.Customer.ExternalId == customer));
    }

    // ---- helpers -----------------------------------------------------------------------------

    private async Task<(int ConversationId, int TicketId)> OpenTicketAsync(string customer)
    {
        var posted = await app.PostMessageAsync("APP一打开就闪退", customerId: customer);
        await Conversations.ReplyAsync(posted.ConversationId, "agent1", null, "已提交技术部处理。");
        var draft = new CollaborationTicketDraft("技术部", "张工", "APP闪退", "用户ID:56", app.Clock.GetUtcNow().AddHours(4));
        Assert.Equal(ActionKind.Done, (await Conversations.OpenCollaborationTicketAsync(posted.ConversationId, "agent1", draft)).Kind);
        await using var db = app.Db();
        return (posted.ConversationId, (await db.CollaborationTickets.SingleAsync(t => t.ConversationId == posted.ConversationId)).Id);
    }

    private async Task<int> ResolvedAndAskedAsync(string customer)
    {
        var posted = await app.PostMessageAsync("退款多久到账？", customerId: customer);
        await Conversations.ReplyAsync(posted.ConversationId, "agent1", null, "3-5 个工作日到账。");
        await Conversations.ResolveAsync(posted.ConversationId, "agent1");
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        await Rules.SweepAsync();
        return posted.ConversationId;
    }

    private async Task<(int Messages, int Steps, int Escalations)> CountsAsync(int id)
    {
        await using var db = app.Db();
        return (await db.Messages.CountAsync(m => m.ConversationId == id), await db.Timeline.CountAsync(t => t.ConversationId == id), await db.Escalations.CountAsync(e => e.ConversationId == id));
    }

    private async Task<JsonElement> GetAsync(int id)
    {
        using var api = app.ApiClient();
        return await api.GetFromJsonAsync<JsonElement>($"/api/conversations/{id}");
    }

    /// <summary>Completes when the app publishes a matching event to the circuits (what a page would receive).</summary>
    private Task Listen(Func<WorkspaceEvent, bool> match)
    {
        var heard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IDisposable? subscription = null;
        subscription = app.Get<CircuitEventBus>().Subscribe(e =>
        {
            if (match(e))
            {
                heard.TrySetResult();
                subscription?.Dispose();
            }
            return Task.CompletedTask;
        });
        return heard.Task;
    }
}
