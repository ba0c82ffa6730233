namespace AgentWorkspace.Features.Conversations;

/// <summary>Bound from <c>Workspace:SatisfactionCheck</c> and checked at start-up.</summary>
public sealed class SatisfactionCheckOptions
{
    public TimeSpan Delay { get; set; } = TimeSpan.FromMinutes(3);
}
