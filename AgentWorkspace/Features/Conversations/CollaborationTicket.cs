namespace AgentWorkspace.Features.Conversations;

/// <summary>问题协同单: a request to another department, with a feedback deadline.</summary>
public sealed class CollaborationTicket
{
    public int Id { get; set; }
    public int ConversationId { get; set; }
    public string Department { get; set; } = "";
    public string ResponsiblePerson { get; set; } = "";
    public string Description { get; set; } = "";
    public string? CustomerDetails { get; set; }

    /// <summary>反馈节点: when the department promised an answer (set by the agent when opening it).</summary>
    public DateTimeOffset ExpectedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset FeedbackDueAt { get; set; }
    public DateTimeOffset? FeedbackAt { get; set; }
    public string? Feedback { get; set; }

    /// <summary>Who answered for the department, e.g. 技术部·张工.</summary>
    public string? FeedbackBy { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
}
