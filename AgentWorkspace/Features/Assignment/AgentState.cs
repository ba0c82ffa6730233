namespace AgentWorkspace.Features.Assignment;

/// <summary>在线 / 忙碌 / 小休 / 离线. Only <see cref="Online"/> receives conversations automatically.</summary>
public enum AgentStatus
{
    Online,
    Busy,
    Break,
    Offline,
}

/// <summary>How new conversations find an owner: claimed by hand (today's behaviour) or assigned by capacity.</summary>
public enum AssignmentMode
{
    Manual,
    Automatic,
}

/// <summary>
/// One staff member's status, persisted so that every node and a restart agree on it. The row is
/// also what serialises automatic assignment to this person: every assignment bumps
/// <see cref="Version"/> (a concurrency token), so two nodes or two arrivals choosing the same agent at
/// once cannot both commit, and the loser chooses again on fresh figures.
/// </summary>
public sealed class AgentState
{
    public string UserName { get; set; } = "";
    public AgentStatus Status { get; set; } = AgentStatus.Offline;

    /// <summary>
    /// The person (or a supervisor) chose this status: opening a page keeps it. Cleared when they go
    /// offline because their last page closed, so the next sign-in starts 在线 again.
    /// </summary>
    public bool Chosen { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public string ChangedBy { get; set; } = "";

    /// <summary>When the last conversation was assigned to them automatically: equal loads go to whoever waited longest.</summary>
    public DateTimeOffset? LastAssignedAt { get; set; }
    public long Version { get; set; } = 1;
}

/// <summary>The team's assignment mode as a team lead set it on /settings/assignment (one row; none = configuration).</summary>
public sealed class AssignmentSetting
{
    public int Id { get; set; } = 1;
    public AssignmentMode Mode { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public string ChangedBy { get; set; } = "";
}
