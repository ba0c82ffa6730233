namespace AgentWorkspace.Features.Conversations;

/// <summary>
/// The port through which the conversation writer hands due times to the rules (Escalations
/// implements it): a stored due time becomes a timer. The database stays the truth: a lost timer is
/// caught by the sweep.
/// </summary>
public interface IRuleScheduler
{
    /// <summary>Schedules each pending conversation rule of the row at its due time.</summary>
    void Schedule(Conversation conversation);

    void Schedule(RuleKind kind, int id, DateTimeOffset dueAt);

    /// <summary>Fires a rule that is due now, in the caller's flow (an urgent report must not wait for a timer).</summary>
    Task FireNowAsync(RuleKind kind, int id, ConversationService writer, CancellationToken ct);
}
