using System.Linq.Expressions;
using AgentWorkspace.Data;
using AgentWorkspace.Features.Conversations;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.Escalations.Rules;

/// <summary>
/// A rule due at one column of the conversation while a condition on the row holds. The column and the
/// condition serve both the database queries (sweep, reconciler) and the in-memory check after a change.
/// </summary>
public abstract class ConversationRule : IConversationRule
{
    private Func<Conversation, bool>? _pending;
    private Func<Conversation, DateTimeOffset?>? _due;

    public abstract RuleKind Kind { get; }

    /// <summary>The due column, e.g. <c>c =&gt; c.NoResponseEscalationDueAt</c>.</summary>
    protected abstract Expression<Func<Conversation, DateTimeOffset?>> DueColumn { get; }

    /// <summary>When the rule applies at all, e.g. the conversation is open.</summary>
    protected abstract Expression<Func<Conversation, bool>> Applies { get; }

    public abstract Task FireAsync(ConversationService conversations, int id, CancellationToken ct);

    public virtual DateTimeOffset? DueAt(Conversation c) =>
        (_pending ??= Applies.Compile())(c) ? (_due ??= DueColumn.Compile())(c) : null;

    public virtual async Task<DateTimeOffset?> DueAtAsync(WorkspaceDbContext db, int id, CancellationToken ct) =>
        await db.Conversations.AsNoTracking().Where(c => c.Id == id).Where(Applies).Select(DueColumn).SingleOrDefaultAsync(ct);

    public virtual async Task<List<RuleDue>> PendingAsync(WorkspaceDbContext db, DateTimeOffset? dueBy, CancellationToken ct)
    {
        // One lambda instance: its body and its parameter must belong together.
        var due = DueColumn;
        var column = due.Body;
        var row = due.Parameters[0];
        Expression test = Expression.NotEqual(column, Expression.Constant(null, typeof(DateTimeOffset?)));
        if (dueBy is { } by)
        {
            test = Expression.AndAlso(test, Expression.LessThanOrEqual(column, Expression.Constant(by, typeof(DateTimeOffset?))));
        }
        var rows = await db.Conversations.AsNoTracking()
            .Where(Applies)
            .Where(Expression.Lambda<Func<Conversation, bool>>(test, row))
            .Select(Expression.Lambda<Func<Conversation, RuleRow>>(
                Expression.MemberInit(Expression.New(typeof(RuleRow)),
                    Expression.Bind(typeof(RuleRow).GetProperty(nameof(RuleRow.Id))!, Expression.Property(row, nameof(Conversation.Id))),
                    Expression.Bind(typeof(RuleRow).GetProperty(nameof(RuleRow.DueAt))!, column)),
                row))
            .ToListAsync(ct);
        return [.. rows.Select(r => new RuleDue(r.Id, r.DueAt!.Value))];
    }

    /// <summary>Open: neither resolved nor closed (the same test as <see cref="Conversation.IsOpen"/>, in SQL).</summary>
    protected static readonly Expression<Func<Conversation, bool>> IsOpen = OpenConversations.IsOpen;

    private sealed class RuleRow
    {
        public int Id { get; set; }
        public DateTimeOffset? DueAt { get; set; }
    }
}
