namespace AgentWorkspace.Features.Simulator;

/// <summary>Bound from <c>Workspace:Simulator</c> and checked at start-up.</summary>
public sealed class SimulatorOptions
{
    public bool Enabled { get; set; }
    [PositiveDuration]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(20);
}
