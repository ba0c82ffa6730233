namespace AgentWorkspace.Features.Escalations;

/// <summary>The time-based rules of SPEC §6–§7. Each one's due time is a column in the database.</summary>
public enum RuleKind
{
    /// <summary>Customer waited <c>Escalation:NoResponseAfter</c> without an agent reply → 李姐.</summary>
    NoResponse,

    /// <summary>A collaboration ticket without feedback for <c>Escalation:CollaborationNoFeedbackAfter</c> → 李姐.</summary>
    CollaborationNoFeedback,

    /// <summary><c>SatisfactionCheck:Delay</c> after resolution the customer is asked 满意/不满意/未解决.</summary>
    SatisfactionCheck,

    /// <summary>An escalated complaint's owner is reminded to update the customer every <c>Escalation:CustomerUpdateEvery</c>.</summary>
    CustomerUpdateReminder,

    /// <summary>Nobody confirmed the classification hint within <c>Classification:ConfirmWithin</c>: it stands.</summary>
    ClassificationAutoAccept,
}

public interface IRuleScheduler
{
    /// <summary>Schedules a job for each pending rule of the conversation (and its open tickets).</summary>
    void Schedule(Conversations.Conversation conversation);

    void ScheduleTicket(CollaborationTicket ticket);

    /// <summary>SPEC §4: urgent conversations are reported to the supervisor at once.</summary>
    Task ReportUrgentAsync(int conversationId, CancellationToken ct = default);
}
