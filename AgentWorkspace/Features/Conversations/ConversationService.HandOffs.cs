using AgentWorkspace.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.Conversations;

/// <summary>
/// Hand-offs between people: a department's answer to a ticket, 待协同 and manual escalations to 李姐,
/// her take-over, reassignment and handling of escalations, and the customer's satisfaction answer that
/// sends a conversation to 王姐. Same writer, same plumbing as the agent's own actions.
/// </summary>
public sealed partial class ConversationService
{
    public const int MaxFeedbackLength = 2000;
    public const int MaxReasonLength = 500;

    /// <summary>A department answered the collaboration ticket: its escalation stops and the owner hears of it live.</summary>
    public async Task<ActionOutcome> RecordTicketFeedbackAsync(int ticketId, string by, string? feedback, CancellationToken ct = default)
    {
        feedback = feedback?.Trim() ?? "";
        by = string.IsNullOrWhiteSpace(by) ? "department" : by.Trim();
        if (feedback.Length == 0)
        {
            return ActionOutcome.Rejected("ticket-feedback-empty");
        }
        if (feedback.Length > MaxFeedbackLength)
        {
            return ActionOutcome.Rejected("ticket-feedback-too-long");
        }
        if (by.Length > 100)
        {
            return ActionOutcome.Rejected("ticket-feedback-by-too-long");
        }
        if (await TicketConversationAsync(ticketId, ct) is not { } conversationId)
        {
            return ActionOutcome.Rejected("ticket-not-found") with { Kind = ActionKind.NotFound };
        }
        return await ChangeAsync(conversationId, by, ChangeRules.Anyone, async x =>
        {
            var ticket = await x.Db.CollaborationTickets.SingleAsync(t => t.Id == ticketId, ct);
            ticket.FeedbackAt = x.Now;
            ticket.Feedback = feedback;
            ticket.FeedbackBy = by;
            var c = x.Conversation;
            // The last awaited answer is in: the conversation is back with its owner.
            if (c.Status == ConversationStatus.AwaitingCollaboration && !c.NeedsCollaboration
                && !await x.Db.CollaborationTickets.AnyAsync(t => t.ConversationId == c.Id && t.Id != ticketId && t.FeedbackAt == null, ct))
            {
                c.Status = c.AssigneeUserName is null ? ConversationStatus.New : ConversationStatus.Open;
            }
            await CloseEscalationsAsync(x, e => e.CollaborationTicketId == ticketId, ct);
            if (c.AssigneeUserName is { } owner)
            {
                x.Notify(owner, "collaboration-feedback", $"{ticket.Department}反馈（{by}）：{Shorten(feedback)}");
            }
            return ActionOutcome.Done("collaboration-feedback", $"{ticket.Department} · {by}: {feedback}");
        }, ct);
    }

    public async Task<int?> TicketConversationAsync(int ticketId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CollaborationTickets.AsNoTracking().Where(t => t.Id == ticketId).Select(t => (int?)t.ConversationId).SingleOrDefaultAsync(ct);
    }

    /// <summary>待协同: the agent asks 李姐 to look (SPEC §3); the queue shows it under 待协同 until she acts.</summary>
    public Task<ActionOutcome> RequestReviewAsync(int id, string userName, string? note = null, CancellationToken ct = default)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note is { Length: > MaxReasonLength })
        {
            return Task.FromResult(ActionOutcome.Rejected("escalate-reason-too-long"));
        }
        return ChangeAsync(id, userName, ChangeRules.Anyone, x =>
            !x.Conversation.IsOpen ? ActionOutcome.Rejected("conversation-closed")
            : x.Conversation.ReviewRequestedAt is not null ? ActionOutcome.Unchanged
            : x.Escalate(EscalationReason.NeedsReview, note: note), ct);
    }

    /// <summary>An agent hands the problem to 李姐 with a reason (required).</summary>
    public Task<ActionOutcome> EscalateAsync(int id, string userName, string? reason, CancellationToken ct = default)
    {
        reason = reason?.Trim() ?? "";
        if (reason.Length == 0)
        {
            return Task.FromResult(ActionOutcome.Rejected("escalate-reason-required"));
        }
        if (reason.Length > MaxReasonLength)
        {
            return Task.FromResult(ActionOutcome.Rejected("escalate-reason-too-long"));
        }
        return ChangeAsync(id, userName, ChangeRules.Anyone, x =>
            x.Conversation.IsOpen ? x.Escalate(EscalationReason.Manual, note: reason) : ActionOutcome.Rejected("conversation-closed"), ct);
    }

    /// <summary>介入推动: a supervisor or team lead becomes the owner. The agent who had it is told live.</summary>
    public Task<ActionOutcome> TakeOverAsync(int id, string userName, CancellationToken ct = default) =>
        ChangeAsync(id, userName, ChangeRules.Anyone, async x =>
        {
            if (!await IsSupervisorAsync(x.Db, userName, ct))
            {
                return ActionOutcome.Rejected("supervisors-only");
            }
            var c = x.Conversation;
            if (!c.IsOpen)
            {
                return ActionOutcome.Rejected("conversation-closed");
            }
            var previous = c.AssigneeUserName;
            if (previous == userName)
            {
                return ActionOutcome.Unchanged;
            }
            Assign(x, userName);
            await CloseEscalationsAsync(x, e => e.Reason == EscalationReason.NeedsReview, ct);
            Audit(x, "take-over", previous);
            if (previous is not null)
            {
                x.Notify(previous, "taken-over", $"{userName} 接管了会话：{c.Customer.DisplayName} — {c.Preview}");
            }
            return ActionOutcome.Done("taken-over", previous);
        }, ct);

    /// <summary>A supervisor or team lead gives the conversation to another agent; both agents are told live.</summary>
    public Task<ActionOutcome> ReassignAsync(int id, string userName, string? toUserName, CancellationToken ct = default)
    {
        toUserName = toUserName?.Trim() ?? "";
        if (toUserName.Length == 0)
        {
            return Task.FromResult(ActionOutcome.Rejected("reassign-to-required"));
        }
        return ChangeAsync(id, userName, ChangeRules.Anyone, async x =>
        {
            if (!await IsSupervisorAsync(x.Db, userName, ct))
            {
                return ActionOutcome.Rejected("supervisors-only");
            }
            if (!await x.Db.Users.AnyAsync(u => u.UserName == toUserName, ct))
            {
                return ActionOutcome.Rejected("reassign-unknown-user");
            }
            var c = x.Conversation;
            if (!c.IsOpen)
            {
                return ActionOutcome.Rejected("conversation-closed");
            }
            var previous = c.AssigneeUserName;
            if (previous == toUserName)
            {
                return ActionOutcome.Unchanged;
            }
            Assign(x, toUserName);
            await CloseEscalationsAsync(x, e => e.Reason == EscalationReason.NeedsReview, ct);
            Audit(x, "reassign", $"{previous ?? "—"} → {toUserName}");
            var who = $"{c.Customer.DisplayName} — {c.Preview}";
            x.Notify(toUserName, "reassigned", $"{userName} 将会话分配给您：{who}");
            if (previous is not null && previous != userName)
            {
                x.Notify(previous, "reassigned", $"{userName} 将会话改派给 {toUserName}：{who}");
            }
            return ActionOutcome.Done("reassigned", $"{previous ?? "—"} → {toUserName}");
        }, ct);
    }

    /// <summary>李姐 has seen the escalation (the board counts the ones she has not).</summary>
    public Task<ActionOutcome> AcknowledgeEscalationAsync(int escalationId, string userName, CancellationToken ct = default) =>
        OnEscalationAsync(escalationId, userName, (x, e) =>
        {
            if (e.AcknowledgedAt is not null || e.ClosedAt is not null)
            {
                return Task.FromResult(ActionOutcome.Unchanged);
            }
            e.AcknowledgedAt = x.Now;
            e.AcknowledgedBy = userName;
            return Task.FromResult(ActionOutcome.Done("escalation-acknowledged", ConversationChange.Kebab(e.Reason)));
        }, ct);

    /// <summary>李姐 is done with the escalation; the last one closing ends the conversation's escalated state.</summary>
    public Task<ActionOutcome> CloseEscalationAsync(int escalationId, string userName, CancellationToken ct = default) =>
        OnEscalationAsync(escalationId, userName, async (x, e) =>
        {
            if (e.ClosedAt is not null)
            {
                return ActionOutcome.Unchanged;
            }
            await CloseEscalationsAsync(x, open => open.Id == e.Id, ct);
            return ActionOutcome.Done("escalation-closed", ConversationChange.Kebab(e.Reason));
        }, ct);

    private async Task<ActionOutcome> OnEscalationAsync(int escalationId, string userName, Func<ConversationChange, Escalation, Task<ActionOutcome>> act, CancellationToken ct)
    {
        int conversationId;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.Escalations.AsNoTracking().Where(e => e.Id == escalationId).Select(e => (int?)e.ConversationId).SingleOrDefaultAsync(ct) is not { } found)
            {
                return ActionOutcome.Rejected("escalation-not-found") with { Kind = ActionKind.NotFound };
            }
            conversationId = found;
        }
        return await ChangeAsync(conversationId, userName, ChangeRules.Anyone, async x =>
        {
            if (!await IsSupervisorAsync(x.Db, userName, ct))
            {
                return ActionOutcome.Rejected("supervisors-only");
            }
            var escalation = await x.Db.Escalations.SingleAsync(e => e.Id == escalationId, ct);
            return await act(x, escalation);
        }, ct);
    }

    /// <summary>
    /// The customer's answer to the satisfaction check (/chat, the API, or typed on any channel). It
    /// belongs to one resolution: accepted only while that resolution stands and its check awaits an answer.
    /// </summary>
    public Task<ActionOutcome> AnswerSatisfactionAsync(int id, SatisfactionAnswer answer, CancellationToken ct = default) =>
        AnswerSatisfactionAsync(id, answer, null, null, ct);

    private Task<ActionOutcome> AnswerSatisfactionAsync(int id, SatisfactionAnswer answer, string? typed, string? ingestKey, CancellationToken ct) =>
        ChangeAsync(id, "customer", ChangeRules.Anyone, x =>
        {
            var c = x.Conversation;
            if (c.Status != ConversationStatus.Resolved || c.SatisfactionCheckSentAt is null || c.Satisfaction is not null)
            {
                return ActionOutcome.Rejected("satisfaction-not-pending");
            }
            c.Satisfaction = answer;
            c.SatisfactionAnsweredAt = x.Now;
            var customer = c.Customer.DisplayName;
            var text = typed?.Trim() ?? SatisfactionAnswers.Text(answer);
            x.Say(AuthorKind.Customer, customer, text, ingestKey);
            x.RuleKey = $"satisfaction-answer:{id}:{c.ResolveCount}";
            x.Step($"satisfaction-{ConversationChange.Kebab(answer)}", text, actor: c.Customer.ExternalId);
            if (answer == SatisfactionAnswer.Satisfied)
            {
                c.Status = ConversationStatus.Closed;
                c.ClosedAt = x.Now;
                return ActionOutcome.Done("closed");
            }
            // SPEC §7: 不满意 / 未解决 → second handling by the senior agent within 24 hours.
            var owner = Options.SecondHandling.Owner;
            c.Status = ConversationStatus.SecondHandling;
            c.SecondHandlingOwner = owner;
            c.SecondHandlingDueAt = x.Now + Options.SecondHandling.Due;
            c.SecondHandlingRepliedAt = null;
            c.AssigneeUserName = owner;
            x.Notify(owner, "second-handling", $"二次处理：{customer} 回答「{text}」");
            return ActionOutcome.Done("second-handling", owner);
        }, ct);

    private static void Assign(ConversationChange x, string userName)
    {
        var c = x.Conversation;
        c.AssigneeUserName = userName;
        c.ClaimedAt = x.Now;
        if (c.Status == ConversationStatus.New)
        {
            c.Status = ConversationStatus.Open;
        }
    }

    private static void Audit(ConversationChange x, string action, string? detail) =>
        x.Db.Audit.Add(new AuditEntry { Actor = x.Actor, At = x.Now, Action = action, Subject = $"conversation:{x.Conversation.Id}", Detail = detail });

    /// <summary>
    /// Closes the conversation's open escalations that match. When none stays open the conversation
    /// is no longer escalated (unless it is being resolved: the mark stays as history for the reports).
    /// </summary>
    private static async Task CloseEscalationsAsync(ConversationChange x, Func<Escalation, bool> which, CancellationToken ct, bool keepEscalatedMark = false)
    {
        var c = x.Conversation;
        var open = await x.Db.Escalations.Where(e => e.ConversationId == c.Id && e.ClosedAt == null).ToListAsync(ct);
        foreach (var e in open.Where(which))
        {
            e.ClosedAt = x.Now;
            e.ClosedBy = x.Actor;
            if (e.Reason == EscalationReason.NeedsReview)
            {
                c.ReviewRequestedAt = null;
            }
        }
        if (open.All(e => e.ClosedAt is not null))
        {
            c.ReviewRequestedAt = null;
            c.NextCustomerUpdateDueAt = null;
            if (!keepEscalatedMark)
            {
                c.EscalatedAt = null;
                c.EscalatedTo = null;
                c.EscalationReason = null;
            }
        }
    }

    private static string Shorten(string text) => text.Length > 60 ? string.Concat(text.AsSpan(0, 59), "…") : text;
}
