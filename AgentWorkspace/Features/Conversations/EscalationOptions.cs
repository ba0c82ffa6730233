using System.ComponentModel.DataAnnotations;

namespace AgentWorkspace.Features.Conversations;

/// <summary>Bound from <c>Workspace:Escalation</c> and checked at start-up.</summary>
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
