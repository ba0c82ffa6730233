using AgentWorkspace.Features.Conversations;

namespace AgentWorkspace.Features.Escalations;

/// <summary>Turns a stored due time into a timer. The database stays the truth: a lost timer is caught by the sweep.</summary>
public interface IRuleScheduler
{
    /// <summary>Schedules each pending conversation rule of the row at its due time.</summary>
    void Schedule(Conversation conversation);

    void Schedule(RuleKind kind, int id, DateTimeOffset dueAt);
}
