using System.ComponentModel.DataAnnotations;

namespace AgentWorkspace.Features.Conversations;

/// <summary>Bound from <c>Workspace:SecondHandling</c> and checked at start-up.</summary>
public sealed class SecondHandlingOptions
{
    /// <summary>User name of the senior agent who owns 二次处理 (王姐).</summary>
    [Required]
    public string Owner { get; set; } = "wangjie";

    [PositiveDuration]
    public TimeSpan Due { get; set; } = TimeSpan.FromHours(24);
}
