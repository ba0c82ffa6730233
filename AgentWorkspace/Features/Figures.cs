using System.Globalization;

namespace AgentWorkspace.Features;

/// <summary>How figures read on the board, the reports and the template list; "—" when there is no data.</summary>
public static class Figures
{
    /// <summary>85%, written the same in every culture (no space, as Chinese text writes it).</summary>
    public static string Percent(double? share) => share?.ToString("0%", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>A span in the countdown's format (mm:ss, h:mm:ss), "—" when there is none.</summary>
    public static string Duration(TimeSpan? span) => span is { } s ? Sla.SlaCountdown.Format(s) : "—";
}
