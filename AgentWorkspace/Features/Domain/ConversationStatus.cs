namespace AgentWorkspace.Features;

/// <summary>SPEC §2: New → Open (claimed) → Resolved → Closed, with the side states between.</summary>
public enum ConversationStatus
{
    New,
    Open,
    AwaitingCollaboration,
    SecondHandling,
    Resolved,
    Closed,
}

public static class ConversationStatusExtensions
{
    /// <summary>Still the team's to work on: not resolved and not closed.</summary>
    public static bool IsOpen(this ConversationStatus status) => status is not (ConversationStatus.Resolved or ConversationStatus.Closed);
}
