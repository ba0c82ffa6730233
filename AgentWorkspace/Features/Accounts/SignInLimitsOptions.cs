using System.ComponentModel.DataAnnotations;

namespace AgentWorkspace.Features.Accounts;

/// <summary>Bound from <c>Workspace:Limits</c> beside the edge's own limits: the part that guards sign-in.</summary>
public sealed class SignInLimitsOptions
{
    /// <summary>Sign-in POSTs per client address, and separately per user name, per minute.</summary>
    [Range(1, int.MaxValue)]
    public int LoginAttemptsPerMinute { get; set; } = 10;
}
