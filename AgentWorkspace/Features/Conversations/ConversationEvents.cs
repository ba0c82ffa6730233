namespace AgentWorkspace.Features.Conversations;

/// <summary>
/// What the writer tells the rest of the workspace after each committed change. Conversations owns
/// the words; Realtime implements the port (hub clients and this node's circuits), so the writer
/// never knows who listens or on how many nodes.
/// </summary>
public interface IConversationEvents
{
    Task ConversationChanged(ConversationSummary summary);
    Task MessageAppended(MessageView message);
    Task ClassificationConfirmed(ConversationSummary summary);
    Task EscalationRaised(EscalationView escalation);
    Task NotificationRaised(NotificationView notification);
}

/// <summary>One change as a page on this node receives it.</summary>
public abstract record WorkspaceEvent
{
    public sealed record ConversationChanged(ConversationSummary Conversation) : WorkspaceEvent;
    public sealed record MessageAppended(MessageView Message) : WorkspaceEvent;
    public sealed record EscalationRaised(EscalationView Escalation) : WorkspaceEvent;
    public sealed record NotificationRaised(NotificationView Notification) : WorkspaceEvent;

    /// <summary>Who has the conversation open and who is typing in it (issue #15); pages only, never hub clients.</summary>
    public sealed record ViewersChanged(int ConversationId, IReadOnlyList<ConversationViewer> Viewers) : WorkspaceEvent;

    /// <summary>A staff member's 在线/忙碌/小休/离线 changed (issue #15); <paramref name="Status"/> is its name (Online, Busy, Break, Offline).</summary>
    public sealed record AgentStatusChanged(string UserName, string Status, string ChangedBy) : WorkspaceEvent;

    /// <summary><paramref name="UserName"/> read some or all of their mentions (issue #15): their badge and 我的提及 follow.</summary>
    public sealed record MentionsRead(string UserName) : WorkspaceEvent;
}

/// <summary>One person with a conversation open; <paramref name="Typing"/> while they type a reply or note.</summary>
public sealed record ConversationViewer(string UserName, string DisplayName, bool Typing);
