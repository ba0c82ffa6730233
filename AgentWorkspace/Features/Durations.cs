using System.Globalization;
using System.Text.RegularExpressions;

namespace AgentWorkspace.Features;

/// <summary>
/// Workspace durations are written hh:mm:ss, and "24:00:00" means 24 hours. TimeSpan.Parse alone
/// would read it as 24 days (hours above 23 spill into days), so the binder's value is corrected here.
/// </summary>
public static partial class Durations
{
    public static readonly string[] Keys =
    [
        "Simulator:Interval",
        "Classification:ConfirmWithin",
        "Escalation:NoResponseAfter",
        "Escalation:CollaborationNoFeedbackAfter",
        "Escalation:CustomerUpdateEvery",
        "SatisfactionCheck:Delay",
        "SecondHandling:Due",
    ];

    public static TimeSpan Parse(string text)
    {
        var match = HoursMinutesSeconds().Match(text.Trim());
        if (match.Success)
        {
            var hours = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            var minutes = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
            var seconds = double.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture);
            return TimeSpan.FromHours(hours) + TimeSpan.FromMinutes(minutes) + TimeSpan.FromSeconds(seconds);
        }
        return TimeSpan.Parse(text, CultureInfo.InvariantCulture);
    }

    /// <summary>Re-reads each duration key of <c>Workspace</c> with <see cref="Parse"/>.</summary>
    public static void Apply(WorkspaceOptions options, IConfigurationSection workspace)
    {
        foreach (var key in Keys)
        {
            if (workspace[key] is { Length: > 0 } raw)
            {
                Set(options, key, Parse(raw));
            }
        }
    }

    private static void Set(WorkspaceOptions o, string key, TimeSpan value)
    {
        switch (key)
        {
            case "Simulator:Interval": o.Simulator.Interval = value; break;
            case "Classification:ConfirmWithin": o.Classification.ConfirmWithin = value; break;
            case "Escalation:NoResponseAfter": o.Escalation.NoResponseAfter = value; break;
            case "Escalation:CollaborationNoFeedbackAfter": o.Escalation.CollaborationNoFeedbackAfter = value; break;
            case "Escalation:CustomerUpdateEvery": o.Escalation.CustomerUpdateEvery = value; break;
            case "SatisfactionCheck:Delay": o.SatisfactionCheck.Delay = value; break;
            case "SecondHandling:Due": o.SecondHandling.Due = value; break;
        }
    }

    [GeneratedRegex(@"^(\d+):([0-5]\d):([0-5]\d(?:\.\d+)?)$")]
    private static partial Regex HoursMinutesSeconds();
}
