namespace AgentWorkspace.Features.Conversations;

/// <summary>
/// An escalation as the escalations page and the hub's <c>EscalationRaised</c> (supervisors and team
/// leads only) show it. Property names are JSON contracts (see the README's "Hub contract").
/// </summary>
public sealed record EscalationView(int Id, int ConversationId, EscalationReason Reason, DateTimeOffset RaisedAt, string AssignedTo, string? CustomerName, string Preview,
    DateTimeOffset? AcknowledgedAt = null, string? Note = null);
