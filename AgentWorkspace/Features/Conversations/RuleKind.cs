namespace AgentWorkspace.Features.Conversations;

/// <summary>
/// The time-based rules of SPEC §4–§7, one rule class each (Escalations implements them). Each one's due
/// time is read from a database row. Hangfire stores the kind by name in jobs: append, never rename.
/// </summary>
public enum RuleKind
{
    /// <summary>Customer waited <c>Escalation:NoResponseAfter</c> without an agent reply → 李姐.</summary>
    NoResponse,

    /// <summary>A collaboration ticket without feedback for <c>Escalation:CollaborationNoFeedbackAfter</c> → 李姐.</summary>
    CollaborationNoFeedback,

    /// <summary><c>SatisfactionCheck:Delay</c> after resolution the customer is asked 满意/不满意/未解决.</summary>
    SatisfactionCheck,

    /// <summary>While escalated, the owner updates the customer every <c>Escalation:CustomerUpdateEvery</c>.</summary>
    CustomerUpdateReminder,

    /// <summary>Nobody confirmed the classification hint within <c>Classification:ConfirmWithin</c>: it stands.</summary>
    ClassificationAutoAccept,

    /// <summary>The conversation became urgent: 李姐 hears of it at once, once per time.</summary>
    UrgentReport,

    /// <summary>王姐's solution did not reach the customer within <c>SecondHandling:Due</c> → 李姐.</summary>
    SecondHandlingOverdue,
}
