namespace AgentWorkspace.Features.Alerts;

/// <summary>
/// One staff member's choices for desktop alerts (browser notification, sound, tab badge). A user
/// without a row gets the defaults: every kind on, sound off.
/// </summary>
public sealed class AlertPreferences
{
    public const int MaxUserNameLength = 256;

    public string UserName { get; set; } = "";

    /// <summary>A conversation becomes mine (claimed, assigned, reassigned to me, taken over by me).</summary>
    public bool Assigned { get; set; } = true;

    /// <summary>The customer writes again on a conversation of mine.</summary>
    public bool CustomerReply { get; set; } = true;

    /// <summary>A conversation of mine has less than 20 % of its SLA left.</summary>
    public bool AtRisk { get; set; } = true;

    /// <summary>Someone mentions me, or a workspace notification is raised for me.</summary>
    public bool Mention { get; set; } = true;

    /// <summary>Play a short sound with each alert.</summary>
    public bool Sound { get; set; }

    public static AlertPreferences Defaults(string userName) => new() { UserName = userName };
}
