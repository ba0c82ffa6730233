namespace AgentWorkspace.Features.Conversations;

/// <summary>
/// The writer's port to automatic assignment (issue #15), like <see cref="IRuleScheduler"/> for the rules:
/// after each committed change the writer says what happened, and Assignment decides whether a waiting
/// conversation can now get an owner (one arrived, or an owner's capacity was freed). Conversations
/// never names Assignment, so the features depend on each other in one direction only.
/// </summary>
public interface IAssignmentSignals
{
    /// <param name="summary">The row as committed.</param>
    /// <param name="step">The change's timeline kind (<c>created</c>, <c>resolved</c>, <c>auto-assigned</c> …).</param>
    /// <param name="previousAssignee">Who owned it before the change.</param>
    Task ChangedAsync(ConversationSummary summary, string step, string? previousAssignee, CancellationToken ct = default);
}

