using AgentWorkspace.Features.Conversations;

namespace AgentWorkspace.Features.Escalations;

public sealed class Escalation
{
    public int Id { get; set; }
    public int ConversationId { get; set; }
    public int? CollaborationTicketId { get; set; }
    public EscalationReason Reason { get; set; }
    public DateTimeOffset RaisedAt { get; set; }
    public string AssignedTo { get; set; } = "";
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}

/// <summary>问题协同单: a request to another department, with a feedback deadline.</summary>
public sealed class CollaborationTicket
{
    public int Id { get; set; }
    public int ConversationId { get; set; }
    public string Department { get; set; } = "";
    public string ResponsiblePerson { get; set; } = "";
    public string Description { get; set; } = "";
    public string? CustomerDetails { get; set; }
    public DateTimeOffset ExpectedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset FeedbackDueAt { get; set; }
    public DateTimeOffset? FeedbackAt { get; set; }
    public string? Feedback { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
}

/// <summary>A notice for a person (the supervisor on urgent arrivals, an owner's update reminder).</summary>
public sealed class Notification
{
    public int Id { get; set; }
    public string Recipient { get; set; } = "";
    public string Kind { get; set; } = "";
    public int? ConversationId { get; set; }
    public string Text { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}
