using System.ComponentModel.DataAnnotations;

namespace AgentWorkspace.Features;

/// <summary>Bound from <c>Workspace</c>; every duration is configuration so tests run 1-hour rules in seconds.</summary>
public sealed class WorkspaceOptions
{
    public const string Section = "Workspace";

    /// <summary>The team's time zone: displays and report day boundaries use it.</summary>
    [Required]
    [TimeZoneId]
    public string TimeZone { get; set; } = "Asia/Shanghai";

    public IngestOptions Ingest { get; set; } = new();
    public SeedOptions Seed { get; set; } = new();
    public SimulatorOptions Simulator { get; set; } = new();
    public ClassificationOptions Classification { get; set; } = new();
    public EscalationOptions Escalation { get; set; } = new();
    public SatisfactionCheckOptions SatisfactionCheck { get; set; } = new();
    public SecondHandlingOptions SecondHandling { get; set; } = new();
}

public sealed class IngestOptions
{
    /// <summary>The key channel connectors send as <c>X-Api-Key</c>. Empty means the API is closed.</summary>
    public string ApiKey { get; set; } = "";

    [Range(1, MessageText.MaxLength)]
    public int MaxTextLength { get; set; } = MessageText.MaxLength;
}

public sealed class SeedOptions
{
    /// <summary>Seeds agent1, agent2, wangjie, lijie and lead with this password (Development only).</summary>
    public string? DemoPassword { get; set; }
}

public sealed class SimulatorOptions
{
    public bool Enabled { get; set; }
    [PositiveDuration]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(20);
}

public sealed class ClassificationOptions
{
    /// <summary>Seed 000 step 1: classify within 10 seconds; after that the hint stands (auto-accepted).</summary>
    [PositiveDuration]
    public TimeSpan ConfirmWithin { get; set; } = TimeSpan.FromSeconds(10);
}

public sealed class EscalationOptions
{
    [PositiveDuration]
    public TimeSpan NoResponseAfter { get; set; } = TimeSpan.FromHours(1);
    [PositiveDuration]
    public TimeSpan CollaborationNoFeedbackAfter { get; set; } = TimeSpan.FromHours(1);
    [PositiveDuration]
    public TimeSpan CustomerUpdateEvery { get; set; } = TimeSpan.FromHours(2);

    /// <summary>User name of the supervisor who receives escalations (李姐).</summary>
    [Required]
    public string Supervisor { get; set; } = "lijie";
}

public sealed class SatisfactionCheckOptions
{
    public TimeSpan Delay { get; set; } = TimeSpan.FromMinutes(3);
}

public sealed class SecondHandlingOptions
{
    /// <summary>User name of the senior agent who owns 二次处理 (王姐).</summary>
    [Required]
    public string Owner { get; set; } = "wangjie";

    [PositiveDuration]
    public TimeSpan Due { get; set; } = TimeSpan.FromHours(24);
}
