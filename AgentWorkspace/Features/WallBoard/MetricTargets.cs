namespace AgentWorkspace.Features.WallBoard;

/// <summary>The seeds' targets (seed 001 §10, seed 000 §1), bound from <c>Workspace:Targets</c>.</summary>
public sealed class MetricTargets
{
    public double ResponseCompliance { get; set; } = 0.90;
    public double FirstContactResolution { get; set; } = 0.85;
    public double Csat { get; set; } = 0.90;
    public double EscalationRate { get; set; } = 0.05;
    public double ClassifiedWithin10s { get; set; } = 0.90;
    public TimeSpan AverageFirstResponse { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Share of 王姐's second handlings whose solution reaches the customer within <c>SecondHandling:Due</c> (SPEC §7: all of them).</summary>
    public double SecondHandlingWithinDue { get; set; } = 1.0;
}

public enum TileState
{
    NoData,
    Good,
    Bad,
}

public static class Targets
{
    public static TileState AtLeast(double? value, double target) => value is not { } v ? TileState.NoData : v >= target ? TileState.Good : TileState.Bad;

    public static TileState AtMost(double? value, double target) => value is not { } v ? TileState.NoData : v <= target ? TileState.Good : TileState.Bad;
}
