using AgentWorkspace.Data;
using AgentWorkspace.Features.Conversations;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.Escalations.Rules;

/// <summary>SPEC §6: a collaboration ticket without feedback for <c>Escalation:CollaborationNoFeedbackAfter</c> → 李姐. Keyed by ticket id.</summary>
public sealed class CollaborationFeedbackRule : ITimedRule
{
    public RuleKind Kind => RuleKind.CollaborationNoFeedback;

    public async Task<DateTimeOffset?> DueAtAsync(WorkspaceDbContext db, int id, CancellationToken ct) =>
        await db.CollaborationTickets.AsNoTracking().Where(t => t.Id == id && t.FeedbackAt == null && t.EscalatedAt == null)
            .Select(t => (DateTimeOffset?)t.FeedbackDueAt).SingleOrDefaultAsync(ct);

    public async Task<List<RuleDue>> PendingAsync(WorkspaceDbContext db, DateTimeOffset? dueBy, CancellationToken ct)
    {
        var pending = db.CollaborationTickets.AsNoTracking().Where(t => t.FeedbackAt == null && t.EscalatedAt == null);
        if (dueBy is { } by)
        {
            pending = pending.Where(t => t.FeedbackDueAt <= by);
        }
        return await pending.Select(t => new RuleDue(t.Id, t.FeedbackDueAt)).ToListAsync(ct);
    }

    public async Task FireAsync(ConversationService conversations, int id, CancellationToken ct)
    {
        if (await conversations.TicketConversationAsync(id, ct) is not { } conversationId)
        {
            return;
        }
        await conversations.FireRuleAsync(conversationId, async x =>
        {
            var ticket = await x.Db.CollaborationTickets.SingleAsync(t => t.Id == id, ct);
            if (!x.Conversation.IsOpen || ticket.FeedbackAt is not null || ticket.EscalatedAt is not null || ticket.FeedbackDueAt > x.Now)
            {
                return ActionOutcome.Unchanged;
            }
            ticket.EscalatedAt = x.Now;
            x.RuleKey = $"collaboration:{id}";
            return x.Escalate(EscalationReason.CollaborationNoFeedback, ticketId: id, note: $"{ticket.Department} · {ticket.ResponsiblePerson}");
        }, ct: ct);
    }
}
