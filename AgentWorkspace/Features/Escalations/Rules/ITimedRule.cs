using AgentWorkspace.Data;
using AgentWorkspace.Features.Conversations;

namespace AgentWorkspace.Features.Escalations.Rules;

/// <summary>
/// One time-based rule: its kind, its due time read from a stored row, and what firing does. The one
/// Hangfire job dispatches to it by kind; the reconciler and the sweep iterate all of them. Adding a
/// rule is one class and its registration in <see cref="EscalationsSetup"/>.
/// </summary>
public interface ITimedRule
{
    RuleKind Kind { get; }

    /// <summary>The stored due time of the rule for this row, or null when nothing is pending.</summary>
    Task<DateTimeOffset?> DueAtAsync(WorkspaceDbContext db, int id, CancellationToken ct);

    /// <summary>Rows whose rule is pending and due by <paramref name="dueBy"/> (all pending when null).</summary>
    Task<List<RuleDue>> PendingAsync(WorkspaceDbContext db, DateTimeOffset? dueBy, CancellationToken ct);

    /// <summary>Re-reads the row and acts only if the rule still holds; idempotent under its rule key.</summary>
    Task FireAsync(ConversationService conversations, int id, CancellationToken ct);
}

/// <summary>A rule whose due time sits on the conversation row itself, so a change can schedule it at once.</summary>
public interface IConversationRule : ITimedRule
{
    DateTimeOffset? DueAt(Conversation conversation);
}

public readonly record struct RuleDue(int Id, DateTimeOffset DueAt);
