
namespace AgentWorkspace.Features.Conversations;

/// <summary>
/// One hand-off to the supervisor (李姐). It stays open until she closes it or the conversation is
/// resolved; acknowledging tells the team she has seen it (the board counts the unacknowledged).
/// </summary>
public sealed class Escalation
{
    public int Id { get; set; }
    public int ConversationId { get; set; }
    public int? CollaborationTicketId { get; set; }
    public EscalationReason Reason { get; set; }
    public DateTimeOffset RaisedAt { get; set; }

    /// <summary>Who raised it: "system" for a rule, else the agent's user name.</summary>
    public string RaisedBy { get; set; } = "system";

    /// <summary>The agent's reason for a manual escalation or a review request.</summary>
    public string? Note { get; set; }

    public string AssignedTo { get; set; } = "";
    public DateTimeOffset? AcknowledgedAt { get; set; }
    public string? AcknowledgedBy { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }

    public bool IsOpen => ClosedAt is null;
}
