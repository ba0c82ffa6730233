namespace AgentWorkspace.Features.Conversations;

/// <summary>The channels of seed 001 through which customers reach the team.</summary>
public enum Channel
{
    Phone,
    Email,
    Chat,
    Social,
    InPerson,
    SelfService,
}
