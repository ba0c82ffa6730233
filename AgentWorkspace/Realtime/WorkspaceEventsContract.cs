using AgentWorkspace.Features.Conversations;

namespace AgentWorkspace.Realtime;

/// <summary>The typed client of <see cref="WorkspaceHub"/>: what every listener, browser or connector, receives.</summary>
public interface IWorkspaceClient
{
    Task ConversationChanged(ConversationSummary conversation);
    Task MessageAppended(MessageView message);
    Task ClassificationConfirmed(ConversationSummary conversation);
    Task EscalationRaised(EscalationView escalation);
    Task NotificationRaised(NotificationView notification);

    /// <summary>Answer to <see cref="WorkspaceHub.Ping"/> (latency floor measurement).</summary>
    Task Pong(long sequence);
}
