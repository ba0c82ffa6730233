namespace AgentWorkspace.Features.Classification;

/// <summary>Bound from <c>Workspace:Classification</c> and checked at start-up.</summary>
public sealed class ClassificationOptions
{
    /// <summary>Seed 000 step 1: classify within 10 seconds; after that the hint stands (auto-accepted).</summary>
    [PositiveDuration]
    public TimeSpan ConfirmWithin { get; set; } = TimeSpan.FromSeconds(10);
}
