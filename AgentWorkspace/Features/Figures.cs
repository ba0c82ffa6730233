using System.Globalization;

namespace AgentWorkspace.Features;

/// <summary>How shares read on the board, the reports and the template list: whole percent, "—" when there is no data.</summary>
public static class Figures
{
    public static string Percent(double? share) => share?.ToString("P0", CultureInfo.InvariantCulture) ?? "—";
}
