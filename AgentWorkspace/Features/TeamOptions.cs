using System.ComponentModel.DataAnnotations;

namespace AgentWorkspace.Features;

/// <summary>Bound from <c>Workspace</c>: the team's time zone, for displays and report day boundaries.</summary>
public sealed class TeamOptions
{
    [Required]
    [TimeZoneId]
    public string TimeZone { get; set; } = "Asia/Shanghai";
}
