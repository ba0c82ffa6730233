namespace AgentWorkspace.Features.Accounts;

/// <summary>Bound from <c>Workspace:Seed</c> and checked at start-up.</summary>
public sealed class SeedOptions
{
    /// <summary>Seeds agent1, agent2, wangjie, lijie and lead with this password (Development only).</summary>
    public string? DemoPassword { get; set; }
}
