using Microsoft.AspNetCore.Identity;

namespace AgentWorkspace.Features.Accounts;

public sealed class WorkspaceUser : IdentityUser
{
    /// <summary>The name customers and colleagues see, e.g. 李姐.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>UI culture chosen by the user: "zh-Hans" (default) or "en".</summary>
    public string Culture { get; set; } = "zh-Hans";

    public DateTimeOffset? LastSeenAt { get; set; }

    /// <summary>A disabled member cannot sign in and their open pages end at the next revalidation.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>Set for seeded demo accounts outside Development and after a reset: the next sign-in goes to /account/password first.</summary>
    public bool MustChangePassword { get; set; }
}

public static class Roles
{
    public const string Agent = "Agent";
    public const string SeniorAgent = "SeniorAgent";
    public const string Supervisor = "Supervisor";
    public const string TeamLead = "TeamLead";

    public static readonly string[] All = [Agent, SeniorAgent, Supervisor, TeamLead];

    /// <summary>Everyone who works conversations in the queue.</summary>
    public const string QueueWorkers = $"{Agent},{SeniorAgent},{Supervisor},{TeamLead}";
    public const string SupervisorsAndLeads = $"{Supervisor},{TeamLead}";
}

public sealed class AuditEntry
{
    public long Id { get; set; }
    public string Actor { get; set; } = "";
    public DateTimeOffset At { get; set; }
    public string Action { get; set; } = "";
    public string Subject { get; set; } = "";
    public string? Detail { get; set; }
}
