using System.Linq.Expressions;
using AgentWorkspace.Data;
using AgentWorkspace.Features.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features.Escalations.Rules;

/// <summary>Seed 000 step 1: nobody confirmed the hint within <c>Classification:ConfirmWithin</c>, so it stands, marked auto-accepted.</summary>
public sealed class AutoAcceptRule(IOptions<Classification.ClassificationOptions> options) : ConversationRule
{
    private TimeSpan Window => options.Value.ConfirmWithin;

    public override RuleKind Kind => RuleKind.ClassificationAutoAccept;

    // The due time is arrival + window, not a column: the queries below say so in SQL.
    protected override Expression<Func<Conversation, DateTimeOffset?>> DueColumn => c => c.CreatedAt;
    protected override Expression<Func<Conversation, bool>> Applies => c => c.ClassifiedAt == null;

    public override DateTimeOffset? DueAt(Conversation c) => c.ClassifiedAt is null ? c.CreatedAt + Window : null;

    public override async Task<DateTimeOffset?> DueAtAsync(WorkspaceDbContext db, int id, CancellationToken ct) =>
        await base.DueAtAsync(db, id, ct) + Window;

    public override async Task<List<RuleDue>> PendingAsync(WorkspaceDbContext db, DateTimeOffset? dueBy, CancellationToken ct)
    {
        var pending = db.Conversations.AsNoTracking().Where(c => c.ClassifiedAt == null);
        if (dueBy is { } by)
        {
            var arrivedBy = by - Window;
            pending = pending.Where(c => c.CreatedAt <= arrivedBy);
        }
        return [.. (await pending.Select(c => new { c.Id, c.CreatedAt }).ToListAsync(ct)).Select(c => new RuleDue(c.Id, c.CreatedAt + Window))];
    }

    public override Task FireAsync(ConversationService conversations, int id, CancellationToken ct) =>
        conversations.FireRuleAsync(id, x =>
        {
            var c = x.Conversation;
            var deadline = c.CreatedAt + Window;
            if (c.ClassifiedAt is not null || x.Now < deadline)
            {
                return Task.FromResult(ActionOutcome.Unchanged);
            }
            c.ClassifiedAt = deadline;
            c.ClassifiedBy = "system";
            c.ClassificationAutoAccepted = true;
            c.SecondsToClassify = Window.TotalSeconds;
            return Task.FromResult(ActionOutcome.Done("classification-auto-accepted"));
        }, classificationEvent: true, ct: ct);
}
