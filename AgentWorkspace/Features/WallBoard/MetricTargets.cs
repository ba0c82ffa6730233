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
    /// <summary>Seed 001 (未来生物): complaints escalated ÷ complaints, at most.</summary>
    public double ComplaintEscalationRate { get; set; } = 0.05;

    /// <summary>Seed 001 (优创科技): share of major complaints closed, at least.</summary>
    public double ComplaintClosure { get; set; } = 0.95;

    /// <summary>Seed 001 (优创科技 ≥ 60; 未来生物 asks 80): net promoter score, at least.</summary>
    public double Nps { get; set; } = 60;

    /// <summary>
    /// Average first response per channel, at most (seed 001 远帆: phone &lt; 30 s, chat &lt; 2 min; email and
    /// social from 优创's table). Face-to-face follows appointments and self-service has no agent SLA.
    /// </summary>
    public Dictionary<string, TimeSpan> AverageFirstResponseByChannel { get; set; } = new()
    {
        ["Phone"] = TimeSpan.FromSeconds(30),
        ["Chat"] = TimeSpan.FromMinutes(2),
        ["Email"] = TimeSpan.FromHours(4),
        ["Social"] = TimeSpan.FromHours(2),
    };
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
