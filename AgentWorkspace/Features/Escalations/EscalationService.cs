using AgentWorkspace.Data;
using AgentWorkspace.Features.Classification;
using AgentWorkspace.Features.Conversations;
using AgentWorkspace.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features.Escalations;

/// <summary>
/// Fires the time-based rules. Each firing re-reads the state, acts only if the rule still holds,
/// and writes a timeline entry under a unique rule key in the same transaction: a second firing
/// (a duplicate job, the sweep, another node) fails on that key and changes nothing.
/// </summary>
public sealed class EscalationService(
    IDbContextFactory<WorkspaceDbContext> dbFactory,
    TimeProvider time,
    IOptions<WorkspaceOptions> options,
    WorkspaceEvents events,
    IServiceProvider services,
    ILogger<EscalationService> logger)
{
    public const string SatisfactionQuestion = "您的问题已解决，请问对本次服务是否满意?";

    /// <summary>Seed 001 NPS: an optional 0–10 question after 满意/不满意; the answer comes back as <c>nps</c>.</summary>
    public const string NpsQuestion = "（可选）您有多大可能向朋友推荐我们？请打 0–10 分。";
    public static readonly IReadOnlyList<string> SatisfactionAnswers = ["满意", "不满意", "未解决"];

    private WorkspaceOptions Options => options.Value;

    /// <summary>
    /// Hangfire keeps schedule times in whole seconds (truncating), so a job is taken up to a second
    /// before its due time; it waits out the rest rather than find its rule not yet due and do nothing.
    /// </summary>
    private static readonly TimeSpan EarlyWakeTolerance = TimeSpan.FromSeconds(2);

    public async Task FireIfDueAsync(RuleKind kind, int id, CancellationToken ct = default)
    {
        if (await DueAtAsync(kind, id, ct) is { } due)
        {
            // Timers and the wall clock can disagree by a millisecond: wait until the clock itself has passed.
            for (var early = due - time.GetUtcNow(); early > TimeSpan.Zero && early <= EarlyWakeTolerance; early = due - time.GetUtcNow())
            {
                await Task.Delay(early + TimeSpan.FromMilliseconds(5), time, ct);
            }
        }
        switch (kind)
        {
            case RuleKind.NoResponse:
                await EscalateForNoResponseAsync(id, ct);
                break;
            case RuleKind.CollaborationNoFeedback:
                await EscalateTicketAsync(id, ct);
                break;
            case RuleKind.SatisfactionCheck:
                await SendSatisfactionCheckAsync(id, ct);
                break;
            case RuleKind.CustomerUpdateReminder:
                await RemindCustomerUpdateAsync(id, ct);
                break;
            case RuleKind.ClassificationAutoAccept:
                await services.GetRequiredService<ConversationService>().AutoAcceptClassificationAsync(id, ct);
                break;
        }
    }

    private async Task<DateTimeOffset?> DueAtAsync(RuleKind kind, int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var conversations = db.Conversations.AsNoTracking().Where(c => c.Id == id);
        return kind switch
        {
            RuleKind.NoResponse => await conversations.Select(c => c.NoResponseEscalationDueAt).SingleOrDefaultAsync(ct),
            RuleKind.SatisfactionCheck => await conversations.Select(c => c.SatisfactionCheckDueAt).SingleOrDefaultAsync(ct),
            RuleKind.CustomerUpdateReminder => await conversations.Select(c => c.NextCustomerUpdateDueAt).SingleOrDefaultAsync(ct),
            RuleKind.ClassificationAutoAccept => await conversations.Select(c => (DateTimeOffset?)c.CreatedAt).SingleOrDefaultAsync(ct) + Options.Classification.ConfirmWithin,
            RuleKind.CollaborationNoFeedback => await db.CollaborationTickets.AsNoTracking().Where(t => t.Id == id).Select(t => (DateTimeOffset?)t.FeedbackDueAt).SingleOrDefaultAsync(ct),
            _ => null,
        };
    }

    /// <summary>Fires every rule whose time has passed: at start-up (downtime) and every minute (lost jobs).</summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var autoAcceptBefore = now - Options.Classification.ConfirmWithin;
        List<(RuleKind Kind, int Id)> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var open = db.Conversations.AsNoTracking()
                .Where(c => c.Status != ConversationStatus.Resolved && c.Status != ConversationStatus.Closed);
            due = [
                .. (await open.Where(c => c.NoResponseEscalationDueAt <= now).Select(c => c.Id).ToListAsync(ct)).Select(id => (RuleKind.NoResponse, id)),
                .. (await open.Where(c => c.NextCustomerUpdateDueAt <= now).Select(c => c.Id).ToListAsync(ct)).Select(id => (RuleKind.CustomerUpdateReminder, id)),
                .. (await db.Conversations.AsNoTracking().Where(c => c.ClassifiedAt == null && c.CreatedAt <= autoAcceptBefore).Select(c => c.Id).ToListAsync(ct)).Select(id => (RuleKind.ClassificationAutoAccept, id)),
                .. (await db.Conversations.AsNoTracking()
                    .Where(c => c.Status == ConversationStatus.Resolved && c.SatisfactionCheckSentAt == null && c.SatisfactionCheckDueAt <= now)
                    .Select(c => c.Id).ToListAsync(ct)).Select(id => (RuleKind.SatisfactionCheck, id)),
                .. (await db.CollaborationTickets.AsNoTracking()
                    .Where(t => t.FeedbackAt == null && t.EscalatedAt == null && t.FeedbackDueAt <= now)
                    .Select(t => t.Id).ToListAsync(ct)).Select(id => (RuleKind.CollaborationNoFeedback, id)),
            ];
        }
        foreach (var (kind, id) in due)
        {
            try
            {
                await FireIfDueAsync(kind, id, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Sweep could not fire {Rule} for {Id}; the next sweep retries", kind, id);
            }
        }
        return due.Count;
    }

    /// <summary>At start-up: fire what fell due while the server was down, schedule the rest.</summary>
    public async Task ReconcileAsync(IRuleScheduler scheduler, CancellationToken ct = default)
    {
        var fired = await SweepAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var pending = await db.Conversations.AsNoTracking()
            .Where(c => c.NoResponseEscalationDueAt != null || c.NextCustomerUpdateDueAt != null || c.ClassifiedAt == null
                || (c.SatisfactionCheckDueAt != null && c.SatisfactionCheckSentAt == null))
            .ToListAsync(ct);
        foreach (var c in pending)
        {
            scheduler.Schedule(c);
        }
        var tickets = await db.CollaborationTickets.AsNoTracking().Where(t => t.FeedbackAt == null && t.EscalatedAt == null).ToListAsync(ct);
        foreach (var t in tickets)
        {
            scheduler.ScheduleTicket(t);
        }
        logger.LogInformation("Rule reconciler fired {Fired} overdue rules and scheduled {Pending} conversations and {Tickets} tickets", fired, pending.Count, tickets.Count);
    }

    private async Task EscalateForNoResponseAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await Load(db, id, ct);
        var now = time.GetUtcNow();
        if (c is null || !c.IsOpen || c.NoResponseEscalationDueAt is not { } due || due > now)
        {
            return;
        }
        c.NoResponseEscalationDueAt = null;
        await EscalateAsync(db, c, EscalationReason.NoResponse, $"no-response:{id}:{due.UtcTicks}", null, now, ct);
    }

    private async Task EscalateTicketAsync(int ticketId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ticket = await db.CollaborationTickets.SingleOrDefaultAsync(t => t.Id == ticketId, ct);
        var now = time.GetUtcNow();
        if (ticket is null || ticket.FeedbackAt is not null || ticket.EscalatedAt is not null || ticket.FeedbackDueAt > now)
        {
            return;
        }
        var c = await Load(db, ticket.ConversationId, ct);
        if (c is null)
        {
            return;
        }
        ticket.EscalatedAt = now;
        await EscalateAsync(db, c, EscalationReason.CollaborationNoFeedback, $"collaboration:{ticketId}", ticketId, now, ct);
    }

    public async Task ReportUrgentAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await Load(db, id, ct);
        if (c is null || !c.IsOpen)
        {
            return;
        }
        await EscalateAsync(db, c, EscalationReason.Urgent, $"urgent:{id}", null, time.GetUtcNow(), ct);
    }

    private async Task EscalateAsync(WorkspaceDbContext db, Conversation c, EscalationReason reason, string ruleKey, int? ticketId, DateTimeOffset now, CancellationToken ct)
    {
        var supervisor = Options.Escalation.Supervisor;
        var escalation = new Escalation { ConversationId = c.Id, CollaborationTicketId = ticketId, Reason = reason, RaisedAt = now, AssignedTo = supervisor };
        db.Escalations.Add(escalation);
        if (c.EscalatedAt is null)
        {
            c.EscalatedAt = now;
            c.EscalatedTo = supervisor;
            c.EscalationReason = reason;
        }
        // SPEC §6: an escalated complaint gets a customer update every 2 hours until it is closed.
        if (c.Category == Category.Complaint && c.NextCustomerUpdateDueAt is null)
        {
            c.NextCustomerUpdateDueAt = now + Options.Escalation.CustomerUpdateEvery;
        }
        db.Timeline.Add(ConversationService.Step(c.Id, $"escalated-{Kebab(reason)}", now, "system", supervisor, ruleKey));
        var notification = new Notification { Recipient = supervisor, Kind = "escalation", ConversationId = c.Id, Text = $"{TeamWording(reason)}：{c.Customer.Name ?? c.Customer.ExternalId} — {c.Preview}", CreatedAt = now };
        db.Notifications.Add(notification);
        if (!await TrySaveOnceAsync(db, ruleKey, ct))
        {
            return;
        }
        await events.EscalationRaised(new EscalationView(escalation.Id, c.Id, reason, now, supervisor, c.Customer.Name, c.Preview));
        await events.NotificationRaised(new NotificationView(notification.Id, notification.Recipient, notification.Kind, c.Id, notification.Text, now));
        await events.ConversationChanged(ConversationSummary.From(c));
        services.GetRequiredService<IRuleScheduler>().Schedule(c);
    }

    private async Task SendSatisfactionCheckAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await Load(db, id, ct);
        var now = time.GetUtcNow();
        if (c is null || c.Status != ConversationStatus.Resolved || c.SatisfactionCheckSentAt is not null
            || c.SatisfactionCheckDueAt is not { } due || due > now)
        {
            return;
        }
        c.SatisfactionCheckSentAt = now;
        var message = new Message { ConversationId = c.Id, AuthorKind = AuthorKind.System, AuthorName = "system", Text = SatisfactionQuestion + "\n" + NpsQuestion, CreatedAt = now };
        db.Messages.Add(message);
        var ruleKey = $"satisfaction:{id}:{c.ResolveCount}";
        db.Timeline.Add(ConversationService.Step(c.Id, "satisfaction-check-sent", now, "system", c.Channel.ToString(), ruleKey));
        if (!await TrySaveOnceAsync(db, ruleKey, ct))
        {
            return;
        }
        // Other channels receive it through their outbound path: connectors listen to MessageAppended on the hub.
        await events.MessageAppended(MessageView.From(message));
        await events.ConversationChanged(ConversationSummary.From(c));
    }

    private async Task RemindCustomerUpdateAsync(int id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await Load(db, id, ct);
        var now = time.GetUtcNow();
        if (c is null || c.NextCustomerUpdateDueAt is not { } due || due > now)
        {
            return;
        }
        if (!c.IsOpen)
        {
            c.NextCustomerUpdateDueAt = null;
            await db.SaveChangesAsync(ct);
            return;
        }
        var owner = c.AssigneeUserName ?? c.EscalatedTo ?? Options.Escalation.Supervisor;
        c.NextCustomerUpdateDueAt = now + Options.Escalation.CustomerUpdateEvery;
        var ruleKey = $"update-reminder:{id}:{due.UtcTicks}";
        db.Timeline.Add(ConversationService.Step(c.Id, "customer-update-reminder", now, "system", owner, ruleKey));
        var notification = new Notification { Recipient = owner, Kind = "customer-update", ConversationId = c.Id, Text = $"请向客户同步处理进度：{c.Customer.Name ?? c.Customer.ExternalId} — {c.Preview}", CreatedAt = now };
        db.Notifications.Add(notification);
        if (!await TrySaveOnceAsync(db, ruleKey, ct))
        {
            return;
        }
        await events.NotificationRaised(new NotificationView(notification.Id, owner, notification.Kind, c.Id, notification.Text, now));
        services.GetRequiredService<IRuleScheduler>().Schedule(c);
    }

    /// <summary>The customer's answer to the satisfaction check (from /chat or a connector).</summary>
    public async Task<ActionOutcome> AnswerSatisfactionAsync(int id, SatisfactionAnswer answer, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await Load(db, id, ct);
        if (c is null)
        {
            return ActionOutcome.NotFound;
        }
        if (c.SatisfactionCheckSentAt is null || c.Satisfaction is not null)
        {
            return ActionOutcome.Rejected("satisfaction-not-asked");
        }
        var now = time.GetUtcNow();
        c.Satisfaction = answer;
        c.SatisfactionAnsweredAt = now;
        var text = answer switch { SatisfactionAnswer.Satisfied => "满意", SatisfactionAnswer.Unsatisfied => "不满意", _ => "未解决" };
        var message = new Message { ConversationId = c.Id, AuthorKind = AuthorKind.Customer, AuthorName = c.Customer.Name ?? c.Customer.ExternalId, Text = text, CreatedAt = now };
        db.Messages.Add(message);
        string step;
        if (answer == SatisfactionAnswer.Satisfied)
        {
            c.Status = ConversationStatus.Closed;
            c.ClosedAt = now;
            step = "closed";
        }
        else
        {
            // SPEC §7: 不满意 / 未解决 → second handling by the senior agent within 24 hours.
            c.Status = ConversationStatus.SecondHandling;
            c.SecondHandlingOwner = Options.SecondHandling.Owner;
            c.SecondHandlingDueAt = now + Options.SecondHandling.Due;
            c.AssigneeUserName = Options.SecondHandling.Owner;
            step = "second-handling";
            db.Notifications.Add(new Notification { Recipient = Options.SecondHandling.Owner, Kind = "second-handling", ConversationId = c.Id, Text = $"二次处理：{c.Customer.Name ?? c.Customer.ExternalId} 回答「{text}」", CreatedAt = now });
        }
        var ruleKey = $"satisfaction-answer:{id}:{c.ResolveCount}";
        db.Timeline.Add(ConversationService.Step(c.Id, $"satisfaction-{Kebab(answer)}", now, c.Customer.ExternalId, text));
        db.Timeline.Add(ConversationService.Step(c.Id, step, now, "system", c.SecondHandlingOwner, ruleKey));
        if (!await TrySaveOnceAsync(db, ruleKey, ct))
        {
            return ActionOutcome.Unchanged;
        }
        var summary = ConversationSummary.From(c);
        await events.MessageAppended(MessageView.From(message));
        await events.ConversationChanged(summary);
        return ActionOutcome.Done(step) with { Conversation = summary };
    }

    /// <summary>The department answered the collaboration ticket: its escalation clock stops.</summary>
    public async Task<bool> RecordTicketFeedbackAsync(int ticketId, string actor, string feedback, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ticket = await db.CollaborationTickets.SingleOrDefaultAsync(t => t.Id == ticketId, ct);
        if (ticket is null || ticket.FeedbackAt is not null || string.IsNullOrWhiteSpace(feedback))
        {
            return false;
        }
        var now = time.GetUtcNow();
        ticket.FeedbackAt = now;
        ticket.Feedback = feedback.Trim();
        db.Timeline.Add(ConversationService.Step(ticket.ConversationId, "collaboration-feedback", now, actor, ticket.Feedback));
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static Task<Conversation?> Load(WorkspaceDbContext db, int id, CancellationToken ct) =>
        db.Conversations.Include(c => c.Customer).SingleOrDefaultAsync(c => c.Id == id, ct);

    /// <summary>
    /// False when the rule key is already recorded: it fired before, or a parallel firing won. When the
    /// conversation itself changed under us the exception goes up, so the job is retried within
    /// seconds against the new state instead of finishing as if the rule had nothing to do.
    /// </summary>
    private async Task<bool> TrySaveOnceAsync(WorkspaceDbContext db, string ruleKey, CancellationToken ct)
    {
        if (await db.Timeline.AnyAsync(t => t.RuleKey == ruleKey, ct))
        {
            return false;
        }
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException ex) when (ex is not DbUpdateConcurrencyException)
        {
            logger.LogInformation("Rule {RuleKey} already recorded by a parallel firing: {Reason}", ruleKey, ex.InnerException?.Message ?? ex.Message);
            return false;
        }
    }

    /// <summary>Stored notifications are written in the team's language, like the other notification texts.</summary>
    private static string TeamWording(EscalationReason reason) => reason switch
    {
        EscalationReason.NoResponse => "超 1 小时未响应",
        EscalationReason.CollaborationNoFeedback => "协同单 1 小时无反馈",
        EscalationReason.Urgent => "紧急问题",
        _ => "手动升级",
    };

    private static string Kebab<T>(T value) where T : struct, Enum =>
        string.Concat(value.ToString().Select((ch, i) => char.IsUpper(ch) && i > 0 ? $"-{char.ToLowerInvariant(ch)}" : char.ToLowerInvariant(ch).ToString()));
}
