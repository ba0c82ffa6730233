namespace AgentWorkspace.Features.Conversations;

/// <summary>
/// A notification (a mention, a hand-off) as 我的提及 and the hub's <c>NotificationRaised</c> (to its
/// recipient's own group) show it. Property names are JSON contracts (see the README's "Hub contract").
/// </summary>
public sealed record NotificationView(int Id, string Recipient, string Kind, int? ConversationId, string Text, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt = null);
